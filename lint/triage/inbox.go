package triage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/replylint/replylint/lint/document"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/strictyaml"
	"github.com/replylint/replylint/lint/text"
)

// Message is one buyer message in an inbox.
type Message struct {
	ID string `json:"id"`
	// Channel is "" when the input did not say (the triager's default
	// channel then applies).
	Channel rule.Channel `json:"channel,omitempty"`
	// Received is zero when the input did not say: the message is then
	// taken as just received.
	Received time.Time `json:"received,omitzero"`
	Text     string    `json:"-"`
	// OrderValue is the order's value in the shop's currency (0: unknown).
	OrderValue  float64 `json:"orderValue,omitempty"`
	RepeatBuyer bool    `json:"repeatBuyer,omitempty"`
	// Language forces the message's language ("" detects it).
	Language string `json:"-"`
	// Source is where the message was read: file, or file:line.
	Source string `json:"source"`
}

// InputError is bad input at a place in a file.
type InputError struct {
	File      string
	Line, Col int
	Msg       string
	Err       error
}

func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

func (e *InputError) Unwrap() error { return e.Err }

// maxInboxFile bounds one input file: an inbox export of 64 MiB is far
// more than one triage run reads, and bounding it keeps memory bounded.
const maxInboxFile = 64 << 20

// ReadMessages reads one inbox file by its extension: .txt (the file is one
// message), .eml (Date, From, Message-ID headers and the body), .md (YAML
// front matter with id, channel, received, orderValue, repeatBuyer,
// language), .json (a list of messages, or {"messages": [...]}) and .jsonl
// (one message per line). Other extensions are read as text.
func ReadMessages(path string, r io.Reader) ([]Message, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxInboxFile+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(data) > maxInboxFile {
		return nil, &InputError{File: path, Msg: fmt.Sprintf("larger than %d bytes", maxInboxFile)}
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".eml":
		m, err := readEmail(path, string(data))
		if err != nil {
			return nil, err
		}
		return []Message{m}, nil
	case ".md", ".markdown":
		m, err := readMarkdown(path, data)
		if err != nil {
			return nil, err
		}
		return []Message{m}, nil
	case ".json":
		return readJSON(path, data)
	case ".jsonl", ".ndjson":
		return readJSONL(path, data)
	}
	return []Message{{ID: baseName(path), Text: string(data), Source: path}}, nil
}

func baseName(path string) string {
	b := filepath.Base(path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// timeLayouts are the time forms exports use, tried in order.
func timeLayouts() []string {
	return []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"}
}

// ParseTime reads an RFC 3339 time (a time without a zone is UTC, since
// exports that leave the zone out are almost always UTC) or an RFC 5322
// date.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts() {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	if t, err := mail.ParseDate(s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("time %q: want RFC 3339 (2026-03-10T09:30:00Z) or an e-mail date", s)
}

// channelFromAddress guesses the channel from a marketplace relay address.
func channelFromAddress(from string) rule.Channel {
	f := strings.ToLower(from)
	for _, c := range []struct {
		part string
		ch   rule.Channel
	}{{"marketplace.amazon.", rule.Amazon}, {"@amazon.", rule.Amazon}, {"ebay.", rule.Ebay}, {"walmart.", rule.Walmart}, {"tiktok", rule.Tiktok}} {
		if strings.Contains(f, c.part) {
			return c.ch
		}
	}
	return ""
}

func readEmail(path, src string) (Message, error) {
	m := Message{ID: baseName(path), Source: path}
	msgs, errs := document.SplitFormat(path, src, document.Email)
	if err := errors.Join(errs...); err != nil {
		return m, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(msgs) == 1 {
		m.Text = msgs[0].Text
	}
	if id, ok := document.EmailHeader(src, "Message-ID"); ok && strings.Trim(id, "<> ") != "" {
		m.ID = strings.Trim(id, "<> ")
	}
	if d, ok := document.EmailHeader(src, "Date"); ok {
		t, err := ParseTime(d)
		if err != nil {
			return m, &InputError{File: path, Line: headerLine(src, "date"), Col: 1, Msg: err.Error(), Err: err}
		}
		m.Received = t
	}
	if ch, ok := document.EmailHeader(src, "X-Channel"); ok {
		c, err := ParseChannel(ch)
		if err != nil {
			return m, &InputError{File: path, Line: headerLine(src, "x-channel"), Col: 1, Msg: err.Error(), Err: err}
		}
		m.Channel = c
	} else if from, ok := document.EmailHeader(src, "From"); ok {
		m.Channel = channelFromAddress(from)
	}
	return m, nil
}

// headerLine finds the line of a header field for error messages.
func headerLine(src, name string) int {
	for i, line := range strings.Split(src, "\n") {
		if k, _, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(k), name) {
			return i + 1
		}
		if strings.TrimSpace(line) == "" {
			break
		}
	}
	return 1
}

// frontMatter is the metadata of a Markdown message.
type frontMatter struct {
	ID          string   `yaml:"id"`
	Channel     string   `yaml:"channel"`
	Received    string   `yaml:"received"`
	OrderValue  *float64 `yaml:"orderValue"`
	RepeatBuyer bool     `yaml:"repeatBuyer"`
	Language    string   `yaml:"language"`
	Subject     string   `yaml:"subject"`
}

func readMarkdown(path string, data []byte) (Message, error) {
	m := Message{ID: baseName(path), Source: path}
	src := strings.TrimPrefix(string(data), "\ufeff")
	first, rest, _ := strings.Cut(src, "\n")
	if strings.TrimRight(first, "\r") != "---" {
		m.Text = src
		return m, nil
	}
	// The front matter runs to a line "---" or "...".
	var fm strings.Builder
	closed := false
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if t := strings.TrimRight(line, "\r"); t == "---" || t == "..." {
			closed = true
			break
		}
		fm.WriteString(line)
		fm.WriteByte('\n')
	}
	if !closed {
		return m, &InputError{File: path, Line: 1, Col: 1, Msg: "front matter is not closed by a line ---"}
	}
	var spec frontMatter
	if strings.TrimSpace(fm.String()) != "" {
		// Lines of the front matter are the file's lines from 2 on.
		node, err := strictyaml.Parse(path, []byte(fm.String()))
		if err == nil {
			err = strictyaml.Decode(path, node, &spec)
		}
		if err != nil {
			return m, shiftYAMLError(err, 1)
		}
		if err := applyFront(&m, spec); err != nil {
			n := strictyaml.Lookup(node, err.key)
			line, col := 1, 1
			if n != nil {
				line, col = n.Line+1, n.Column
			}
			return m, &InputError{File: path, Line: line, Col: col, Msg: err.Error(), Err: err.err}
		}
	}
	m.Text = strings.TrimLeft(rest, "\r\n")
	if spec.Subject != "" {
		m.Text = spec.Subject + "\n\n" + m.Text
	}
	return m, nil
}

// shiftYAMLError moves strictyaml errors by the lines before the YAML.
func shiftYAMLError(err error, by int) error {
	var one *strictyaml.Error
	var many strictyaml.Errors
	switch {
	case errors.As(err, &many):
		for _, e := range many {
			e.Line += by
		}
	case errors.As(err, &one):
		one.Line += by
	}
	return err
}

type keyError struct {
	key string
	err error
}

func (e *keyError) Error() string { return e.err.Error() }

func applyFront(m *Message, f frontMatter) *keyError {
	if f.ID != "" {
		m.ID = f.ID
	}
	if f.Channel != "" {
		ch, err := ParseChannel(f.Channel)
		if err != nil {
			return &keyError{"channel", err}
		}
		m.Channel = ch
	}
	if f.Received != "" {
		t, err := ParseTime(f.Received)
		if err != nil {
			return &keyError{"received", err}
		}
		m.Received = t
	}
	if f.OrderValue != nil {
		if *f.OrderValue < 0 || math.IsNaN(*f.OrderValue) || math.IsInf(*f.OrderValue, 0) {
			return &keyError{"orderValue", fmt.Errorf("orderValue must be a number of at least 0")}
		}
		m.OrderValue = *f.OrderValue
	}
	m.RepeatBuyer = f.RepeatBuyer
	if f.Language != "" {
		if err := checkLanguage(f.Language); err != nil {
			return &keyError{"language", err}
		}
		m.Language = f.Language
	}
	return nil
}

func checkLanguage(code string) error {
	for _, l := range rule.Languages() {
		if l == code {
			return nil
		}
	}
	return fmt.Errorf("language %q: want one of %s", code, strings.Join(rule.Languages(), ", "))
}

// record is one message of a JSON export. Other fields of the export are
// ignored: helpdesk exports carry many (customer, tags, assignee ...).
type record struct {
	ID          json.RawMessage `json:"id"`
	Channel     *string         `json:"channel"`
	Received    *string         `json:"received"`
	Text        *string         `json:"text"`
	Subject     *string         `json:"subject"`
	OrderValue  *float64        `json:"orderValue"`
	RepeatBuyer *bool           `json:"repeatBuyer"`
	Language    *string         `json:"language"`
}

func (r *record) message(source string) (Message, error) {
	m := Message{Source: source}
	switch {
	case len(r.ID) == 0 || string(r.ID) == "null":
		return m, errors.New(`a message needs "id"`)
	case r.ID[0] == '"':
		if err := json.Unmarshal(r.ID, &m.ID); err != nil {
			return m, fmt.Errorf(`"id": %w`, err)
		}
	default:
		var n json.Number
		if err := json.Unmarshal(r.ID, &n); err != nil {
			return m, errors.New(`"id" must be a string or a number`)
		}
		m.ID = n.String()
	}
	if strings.TrimSpace(m.ID) == "" {
		return m, errors.New(`"id" is empty`)
	}
	if r.Text == nil {
		return m, fmt.Errorf("message %s needs \"text\"", m.ID)
	}
	m.Text = *r.Text
	if r.Subject != nil && *r.Subject != "" {
		m.Text = *r.Subject + "\n\n" + m.Text
	}
	f := frontMatter{}
	if r.Channel != nil {
		f.Channel = *r.Channel
	}
	if r.Received != nil {
		f.Received = *r.Received
		if f.Received == "" {
			return m, fmt.Errorf("message %s: \"received\" is empty", m.ID)
		}
	}
	f.OrderValue = r.OrderValue
	if r.RepeatBuyer != nil {
		f.RepeatBuyer = *r.RepeatBuyer
	}
	if r.Language != nil {
		f.Language = *r.Language
	}
	if err := applyFront(&m, f); err != nil {
		return m, fmt.Errorf("message %s: %q: %w", m.ID, err.key, err.err)
	}
	return m, nil
}

func readJSONL(path string, data []byte) ([]Message, error) {
	var out []Message
	lines := bytes.Split(data, []byte("\n"))
	for i, line := range lines {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r record
		if err := json.Unmarshal(line, &r); err != nil {
			return nil, jsonError(path, line, 0, i, err)
		}
		m, err := r.message(fmt.Sprintf("%s:%d", path, i+1))
		if err != nil {
			return nil, &InputError{File: path, Line: i + 1, Col: 1, Msg: err.Error(), Err: err}
		}
		out = append(out, m)
	}
	return out, nil
}

// jsonError places a JSON error: line0 is the 0-based line where data
// starts in the file, base its byte offset there.
func jsonError(path string, data []byte, base, line0 int, err error) error {
	off := int64(-1)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	line, col := line0+1, 1
	if off >= 0 && int(off) <= len(data) {
		p := text.NewSource(string(data)).Position(max(0, int(off)-1))
		line, col = line0+p.Line, p.Column
		if p.Line == 1 {
			col += base
		}
	}
	return &InputError{File: path, Line: line, Col: col, Msg: "bad JSON: " + err.Error(), Err: err}
}

func readJSON(path string, data []byte) ([]Message, error) {
	src := text.NewSource(string(data))
	dec := json.NewDecoder(bytes.NewReader(data))
	at := func(off int64, msg string, err error) error {
		p := src.Position(int(min(off, int64(len(data)))))
		return &InputError{File: path, Line: p.Line, Col: p.Column, Msg: msg, Err: err}
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonError(path, data, 0, 0, err)
	}
	if d, ok := tok.(json.Delim); ok && d == '{' {
		// {"messages": [...]} (other keys are the export's own).
		found := false
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, jsonError(path, data, 0, 0, err)
			}
			if k == "messages" {
				found = true
				break
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, jsonError(path, data, 0, 0, err)
			}
		}
		if !found {
			return nil, at(0, `want a list of messages or an object with "messages"`, nil)
		}
		if tok, err = dec.Token(); err != nil {
			return nil, jsonError(path, data, 0, 0, err)
		}
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, at(dec.InputOffset()-1, `want a list of messages or an object with "messages"`, nil)
	}
	var out []Message
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, jsonError(path, data, 0, 0, err)
		}
		// The element ends at the offset now; it starts len(raw) before.
		start := dec.InputOffset() - int64(len(raw))
		var r record
		if err := json.Unmarshal(raw, &r); err != nil {
			p := src.Position(int(start))
			return nil, jsonError(path, raw, p.Column-1, p.Line-1, err)
		}
		p := src.Position(int(start))
		m, err := r.message(fmt.Sprintf("%s:%d", path, p.Line))
		if err != nil {
			return nil, at(start, err.Error(), err)
		}
		out = append(out, m)
	}
	return out, nil
}

// InboxExtensions are the file extensions ReadPaths reads in a directory.
func InboxExtensions() []string {
	return []string{".txt", ".eml", ".md", ".markdown", ".json", ".jsonl", ".ndjson"}
}

// ReadPaths reads files and directories (recursively, skipping hidden
// entries; files with other extensions are left out) in sorted order. A
// message ID that appears twice is an error: a triage that ranks two
// messages under one name cannot be acted on.
func ReadPaths(paths []string) ([]Message, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("inbox: %w", err)
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if q != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && slices.Contains(InboxExtensions(), strings.ToLower(filepath.Ext(q))) {
				found = append(found, q)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("inbox: %w", err)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	var out []Message
	seen := map[string]string{}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, fmt.Errorf("inbox: %w", err)
		}
		msgs, err := ReadMessages(f, fh)
		_ = fh.Close()
		if err != nil {
			return nil, err
		}
		for _, m := range msgs {
			if first, ok := seen[m.ID]; ok {
				return nil, fmt.Errorf("%s: message id %q is used twice (first at %s)", m.Source, m.ID, first)
			}
			seen[m.ID] = m.Source
			out = append(out, m)
		}
	}
	return out, nil
}

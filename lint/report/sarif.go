package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// SARIF 2.1.0 output for code-scanning tools. One run; rules are the loaded
// rules when Options.Linter is set (else the rules that have results),
// sorted by ID. Columns count code points, as everywhere in replylint, so
// the run says columnKind "unicodeCodePoints" (the SARIF default would be
// UTF-16 code units); charOffset and charLength count code points too.
// Each file, with or without results, is listed in run.artifacts with its
// score, grade, language, kind and channel as properties.
//
// partialFingerprints["replylintFingerprint/v1"] hashes the rule, the path,
// the matched text and the content of the finding's line (whitespace
// collapsed), never the line number, so a baseline survives edits elsewhere
// in the file; ":n" counts identical findings in one file.

const (
	sarifSchema         = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion        = "2.1.0"
	sarifInformationURI = "https://github.com/replylint/replylint"
	sarifSrcRoot        = "%SRCROOT%"
	sarifFingerprintKey = "replylintFingerprint/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool       `json:"tool"`
	Artifacts  []sarifArtifact `json:"artifacts,omitempty"`
	Results    []sarifResult   `json:"results"`
	ColumnKind string          `json:"columnKind"`
	// Invocations carries a note for each file below its minimum score.
	Invocations []sarifInvocation `json:"invocations,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Descriptor sarifDescriptorRef `json:"descriptor"`
	Level      string             `json:"level"`
	Message    sarifText          `json:"message"`
	Locations  []sarifLocation    `json:"locations,omitempty"`
}

type sarifDescriptorRef struct {
	ID string `json:"id"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     *sarifText         `json:"shortDescription,omitempty"`
	FullDescription      *sarifText         `json:"fullDescription,omitempty"`
	Help                 *sarifText         `json:"help,omitempty"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration *sarifRuleConfig   `json:"defaultConfiguration,omitempty"`
	Properties           *sarifRuleProperty `json:"properties,omitempty"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Tags []string `json:"tags,omitempty"`
}

type sarifArtifact struct {
	Location   sarifArtifactLocation   `json:"location"`
	Properties sarifArtifactProperties `json:"properties"`
}

type sarifArtifactProperties struct {
	Score    int    `json:"score"`
	Grade    string `json:"grade"`
	Language string `json:"language"`
	Kind     string `json:"kind"`
	Channel  string `json:"channel"`
	// Entries score the templates of a collection one by one.
	Entries []jsonEntry `json:"entries,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
	// Properties name the collection template a result is in.
	Properties *sarifResultProperties `json:"properties,omitempty"`
}

type sarifResultProperties struct {
	Entry string `json:"entry"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifRegion struct {
	StartLine   int  `json:"startLine"`
	StartColumn int  `json:"startColumn"`
	EndLine     int  `json:"endLine"`
	EndColumn   int  `json:"endColumn"`
	CharOffset  *int `json:"charOffset,omitempty"`
	CharLength  *int `json:"charLength,omitempty"`
}

type sarifFix struct {
	Description sarifText          `json:"description"`
	Changes     []sarifChange      `json:"artifactChanges"`
	Properties  sarifFixProperties `json:"properties"`
}

type sarifFixProperties struct {
	// Safe says the fix keeps the message's meaning (see finding.Suggestion).
	Safe bool `json:"safe"`
}

type sarifChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion sarifRegion `json:"deletedRegion"`
	// InsertedContent is absent for a pure deletion.
	InsertedContent *sarifText `json:"insertedContent,omitempty"`
}

func writeSARIF(w io.Writer, files []File, sum Summary, opts Options) error {
	rules, index := sarifRules(files, opts)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "replylint", InformationURI: sarifInformationURI, Version: opts.ToolVersion, Rules: rules,
		}},
		Results:    []sarifResult{},
		ColumnKind: "unicodeCodePoints",
	}
	var notes []sarifNotification
	for _, f := range files {
		art := sarifArtifact{Location: sarifArtifactURI(f.Path)}
		if r := f.Result; r != nil {
			art.Properties = sarifArtifactProperties{
				Score: r.Score, Grade: r.Grade, Language: r.Language, Kind: string(r.Kind), Channel: string(r.Channel),
			}
			for _, e := range f.Entries {
				art.Properties.Entries = append(art.Properties.Entries, jsonEntry{Name: e.Name, Line: e.Line, Score: e.Score, Grade: e.Grade})
			}
			if why := f.scoreFailure(); why != "" {
				notes = append(notes, sarifNotification{
					Descriptor: sarifDescriptorRef{ID: minScoreRule}, Level: "error", Message: sarifText{Text: why},
					Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: art.Location, Region: sarifRegion{StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 1}}}},
				})
			}
		}
		run.Artifacts = append(run.Artifacts, art)
	}
	if len(notes) > 0 {
		run.Invocations = []sarifInvocation{{ExecutionSuccessful: true, Notifications: notes}}
	}
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
	// The log is written around its results, which are encoded one at a
	// time as they are made: holding them all (and then their encoding)
	// took most of a run's memory on a large export.
	var head bytes.Buffer
	if err := encodeJSON(&head, log, "SARIF"); err != nil {
		return err
	}
	before, after, ok := bytes.Cut(head.Bytes(), []byte(sarifResultsSlot))
	if !ok {
		return errors.New("write SARIF report: no results slot") // cannot happen: the key is ours
	}
	sw := &sarifStream{w: w}
	sw.write(before)
	sw.write([]byte(`"results": [`))
	n := 0
	for _, f := range files {
		if f.Result == nil {
			continue
		}
		loc := sarifArtifactURI(f.Path)
		src := text.NewSource(f.Source)
		seen := map[string]int{}
		for _, fd := range f.Result.Findings {
			id := sarifRuleID(fd.Rule)
			res := sarifResult{
				RuleID:    id,
				RuleIndex: index[id],
				Level:     sarifLevel(fd.Severity),
				Message:   sarifText{Text: fd.Message},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
					ArtifactLocation: loc,
					Region:           sarifTextRegion(src, fd.Start, fd.End),
				}}},
			}
			if fd.Entry != "" {
				res.Properties = &sarifResultProperties{Entry: fd.Entry}
			}
			fp := sarifFingerprint(fd, loc.URI, src)
			seen[fp]++
			res.PartialFingerprints = map[string]string{sarifFingerprintKey: fp + ":" + strconv.Itoa(seen[fp])}
			for _, s := range fd.Suggestions {
				if fx, ok := sarifFixFor(s, loc); ok {
					res.Fixes = append(res.Fixes, fx)
				}
			}
			if n > 0 {
				sw.write([]byte(","))
			}
			sw.result(res)
			n++
		}
	}
	if n > 0 {
		sw.write([]byte("\n" + strings.Repeat(" ", sarifResultsIndent-2)))
	}
	sw.write([]byte("]"))
	sw.write(after)
	if sw.err != nil {
		return fmt.Errorf("write SARIF report: %w", sw.err)
	}
	return nil
}

// sarifResultsSlot is how the encoder writes the run's empty results; the
// streamed results go in its place. (A string value cannot hold it: its
// quotes would be escaped.)
const sarifResultsSlot = `"results": []`

// sarifResultsIndent is the indentation of a result in the log: the log,
// runs, the run and results each indent two spaces.
const sarifResultsIndent = 8

// sarifStream writes the log's pieces, keeping the first error.
type sarifStream struct {
	w   io.Writer
	err error
	buf bytes.Buffer
}

func (s *sarifStream) write(p []byte) {
	if s.err == nil {
		_, s.err = s.w.Write(p)
	}
}

// result writes one result as the whole log's encoder would have, at its
// indentation and with "##[" escaped (see encodeJSON).
func (s *sarifStream) result(res sarifResult) {
	if s.err != nil {
		return
	}
	indent := strings.Repeat(" ", sarifResultsIndent)
	s.buf.Reset()
	s.buf.WriteString("\n" + indent)
	enc := json.NewEncoder(&s.buf)
	enc.SetIndent(indent, "  ")
	enc.SetEscapeHTML(false)
	if s.err = enc.Encode(res); s.err != nil {
		return
	}
	out := bytes.TrimSuffix(s.buf.Bytes(), []byte("\n"))
	if bytes.Contains(out, []byte("##[")) {
		out = bytes.ReplaceAll(out, []byte("##["), []byte(`#\u0023[`))
	}
	s.write(out)
}

// sarifRules lists rule descriptors sorted by ID, with each ID's index.
func sarifRules(files []File, opts Options) ([]sarifRule, map[string]int) {
	byID := map[string]*rule.Rule{}
	if opts.Linter != nil {
		for _, r := range opts.Linter.Rules() {
			byID[r.ID] = r
		}
	}
	for _, f := range files {
		if f.Result == nil {
			continue
		}
		for _, fd := range f.Result.Findings {
			if id := sarifRuleID(fd.Rule); !hasKey(byID, id) {
				byID[id] = nil // known only by its ID
			}
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	rules := make([]sarifRule, len(ids))
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		index[id] = i
		rules[i] = sarifRuleFor(id, byID[id])
	}
	return rules, index
}

func hasKey(m map[string]*rule.Rule, k string) bool {
	_, ok := m[k]
	return ok
}

// sarifRuleID is a rule ID as JSON will write it, so that the rules stay
// unique and sorted in the output (loaded IDs are ASCII; this guards
// hand-built results).
func sarifRuleID(id string) string { return strings.ToValidUTF8(id, "\uFFFD") }

func sarifRuleFor(id string, r *rule.Rule) sarifRule {
	sr := sarifRule{ID: id, Name: ruleName(id)}
	if r == nil {
		return sr
	}
	if d := collapse(r.Description); d != "" {
		sr.ShortDescription = &sarifText{Text: d}
	}
	rationale := reflow(r.Rationale)
	if rationale != "" {
		sr.FullDescription = &sarifText{Text: rationale}
	}
	if h := ruleHelp(r, rationale); h != "" {
		sr.Help = &sarifText{Text: h}
	}
	if u, err := url.Parse(strings.TrimSpace(r.Source)); err == nil && u.IsAbs() && u.Host != "" {
		sr.HelpURI = u.String()
	}
	sr.DefaultConfiguration = &sarifRuleConfig{Level: sarifLevel(r.DefaultSeverity)}
	if r.Kind != "" {
		sr.Properties = &sarifRuleProperty{Tags: []string{string(r.Kind)}}
	}
	return sr
}

// ruleHelp is the rationale followed by the rewrite the rule suggests.
func ruleHelp(r *rule.Rule, rationale string) string {
	parts := []string{}
	if rationale != "" {
		parts = append(parts, rationale)
	}
	if s := r.Suggest; s != nil {
		if d := collapse(s.Description); d != "" {
			parts = append(parts, "Suggested rewrite: "+d)
		}
		langs := make([]string, 0, len(s.Text))
		for lang, t := range s.Text {
			if strings.TrimSpace(t) != "" {
				langs = append(langs, lang)
			}
		}
		sort.Strings(langs)
		for _, lang := range langs {
			t := strings.TrimSpace(s.Text[lang])
			if strings.Contains(t, "{match}") {
				t += " ({match} stands for the matched text)"
			}
			label := strings.Replace(lang, rule.InformalSuffix, ", informal", 1)
			parts = append(parts, fmt.Sprintf("Suggested text (%s): %s", label, t))
		}
	}
	if src := strings.TrimSpace(r.Source); src != "" {
		line := "Source: " + src
		if r.Checked != "" {
			line += " (checked " + r.Checked + ")"
		}
		parts = append(parts, line)
	}
	for _, cs := range r.Sources {
		line := "Source on " + cs.Channel + ": " + cs.URL
		if cs.Channel == "" {
			line = "Source: " + cs.URL
		}
		if cs.Checked != "" {
			line += " (checked " + cs.Checked + ")"
		}
		parts = append(parts, line)
	}
	return strings.Join(parts, "\n\n")
}

// Read-only patterns, compiled once.
var (
	nameSplit = regexp.MustCompile(`[^A-Za-z0-9]+`)
	paraSplit = regexp.MustCompile(`\n\s*\n`)
)

// ruleName turns review-manipulation into ReviewManipulation, the
// identifier style SARIF recommends for reportingDescriptor.name.
func ruleName(id string) string {
	var b strings.Builder
	for _, w := range nameSplit.Split(id, -1) {
		if w == "" {
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	if b.Len() == 0 {
		return id
	}
	return b.String()
}

// collapse joins a YAML text's lines into one.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// reflow joins the lines of each paragraph (YAML block text is wrapped for
// the editor, not the reader) and keeps blank lines between paragraphs.
func reflow(s string) string {
	var paras []string
	for _, p := range paraSplit.Split(strings.TrimSpace(s), -1) {
		if p = collapse(p); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	case finding.Info:
		return "note"
	}
	return "none"
}

// sarifArtifactURI turns a path into a SARIF artifact location: a relative
// reference against %SRCROOT% (forward slashes, no "./", percent-encoded),
// a file: URI for an absolute path, or "stdin".
func sarifArtifactURI(p string) sarifArtifactLocation {
	if isStdin(p) {
		return sarifArtifactLocation{URI: "stdin"}
	}
	p = filepath.ToSlash(p)
	if filepath.IsAbs(filepath.FromSlash(p)) || path.IsAbs(p) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x -> /C:/x
		}
		return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	u := &url.URL{Path: path.Clean(p)}
	return sarifArtifactLocation{URI: u.String(), URIBaseID: sarifSrcRoot}
}

// sarifTextRegion is a region with line/column and code point offsets.
func sarifTextRegion(src *text.Source, start, end text.Position) sarifRegion {
	r := sarifLineRegion(start, end)
	a, b := clampOffset(start.Offset, src.Len()), clampOffset(end.Offset, src.Len())
	b = max(a, b)
	// RuneOffset uses the source's checkpoints: counting from the start of
	// the file per finding would be quadratic on a minified export.
	off := src.RuneOffset(a)
	n := src.RuneOffset(b) - off
	r.CharOffset, r.CharLength = &off, &n
	return r
}

func sarifLineRegion(start, end text.Position) sarifRegion {
	r := sarifRegion{
		StartLine: max(start.Line, 1), StartColumn: max(start.Column, 1),
		EndLine: max(end.Line, 1), EndColumn: max(end.Column, 1),
	}
	if r.EndLine < r.StartLine || (r.EndLine == r.StartLine && r.EndColumn < r.StartColumn) {
		r.EndLine, r.EndColumn = r.StartLine, r.StartColumn
	}
	return r
}

func clampOffset(o, n int) int { return max(0, min(o, n)) }

func sarifFixFor(s finding.Suggestion, loc sarifArtifactLocation) (sarifFix, bool) {
	if len(s.Edits) == 0 {
		return sarifFix{}, false // SARIF needs at least one replacement
	}
	ch := sarifChange{ArtifactLocation: loc}
	for _, e := range s.Edits {
		rp := sarifReplacement{DeletedRegion: sarifLineRegion(e.Start, e.End)}
		if e.NewText != "" {
			rp.InsertedContent = &sarifText{Text: e.NewText}
		}
		ch.Replacements = append(ch.Replacements, rp)
	}
	return sarifFix{
		Description: sarifText{Text: s.Description},
		Changes:     []sarifChange{ch},
		Properties:  sarifFixProperties{Safe: s.Safe},
	}, true
}

// sarifFingerprint hashes what identifies a finding independently of where
// the file moved it. The line is hashed whole up to text.ContextLimit
// bytes, else a bounded window around the finding (see text.Source.Context),
// and the match up to maxMatchHashed bytes: each hash costs a bounded amount
// however long the line, so a minified export stays linear.
func sarifFingerprint(fd finding.Finding, uri string, src *text.Source) string {
	line := ""
	if fd.Start.Line >= 1 && fd.Start.Line <= src.LineCount() {
		line = src.Context(fd.Start.Line, fd.Start.Offset, fd.End.Offset)
	}
	h := sha256.New()
	for _, part := range []string{fd.Rule, uri, collapse(boundedMatch(fd.Match)), collapse(line)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// maxMatchHashed is the longest prefix of a match that fingerprints hash.
const maxMatchHashed = 1024

// boundedMatch cuts a match to maxMatchHashed bytes (on a character
// boundary) and notes its full length, so two long matches that differ
// only at the end still differ.
func boundedMatch(m string) string {
	if len(m) <= maxMatchHashed {
		return m
	}
	cut := maxMatchHashed
	for cut > 0 && !utf8.RuneStart(m[cut]) {
		cut--
	}
	return m[:cut] + " " + strconv.Itoa(len(m))
}

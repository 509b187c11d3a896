package document

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/strictyaml"
	"github.com/replylint/replylint/lint/text"
)

// Split cuts a template file into the messages to lint, picking its format
// with DetectFormat. It returns every message it could extract even when it
// also reports problems; the errors are *Problem values in file order.
func Split(path string, src string) ([]*Message, []error) {
	return SplitFormat(path, src, DetectFormat(path, src))
}

// SplitFormat is Split for a format the caller chose.
func SplitFormat(path string, src string, format Format) ([]*Message, []error) {
	return SplitWith(path, src, SplitOptions{Format: format})
}

// DefaultMaxExpanded is the largest size a YAML file may expand to through
// its aliases unless SplitOptions say otherwise (the CLI's default
// --max-bytes).
const DefaultMaxExpanded = 10 << 20

// SplitOptions tune SplitWith.
type SplitOptions struct {
	// Format is the file's format; empty means DetectFormat.
	Format Format
	// MaxExpanded bounds the file's size plus everything its YAML aliases
	// add (each use of an alias counts its target's full size). An alias
	// that would pass it is reported at its line and column and not
	// expanded. Zero means DefaultMaxExpanded.
	MaxExpanded int
}

// SplitWith is Split with options.
func SplitWith(path string, src string, opts SplitOptions) ([]*Message, []error) {
	format := opts.Format
	if format == "" {
		format = DetectFormat(path, src)
	}
	maxExpanded := opts.MaxExpanded
	if maxExpanded <= 0 {
		maxExpanded = DefaultMaxExpanded
	}
	s := &splitter{path: path, src: src, file: text.NewSource(src), crlf: strings.Contains(src, "\r\n"), maxExpanded: maxExpanded}
	s.lineStarts = lineStarts(src)
	var msgs []*Message
	switch format {
	case YAML, JSON:
		msgs = s.collection(format)
	case HTML, Markdown, Text:
		msgs = []*Message{s.single(format)}
	case Email:
		msgs = []*Message{s.email()}
	default:
		s.problemAt(-1, false, "unknown format %q", format)
	}
	for _, m := range msgs {
		m.splitFormat = format
	}
	sortProblems(s.problems)
	errs := make([]error, len(s.problems))
	for i, p := range s.problems {
		errs[i] = p
	}
	return msgs, errs
}

// splitter holds one file being split.
type splitter struct {
	path       string
	src        string
	file       *text.Source
	lineStarts []int
	crlf       bool
	problems   []*Problem
	// usedHTML is set when the message being split went through the HTML
	// reader (see Message.viaHTML).
	usedHTML bool
	// markup is the HTML the message being split was read from, mapped to
	// the file (zero when it was not HTML).
	markup mapped
	// maxExpanded bounds the file's size plus what YAML aliases add.
	maxExpanded int
	// last is the last position computed, to count columns on from it:
	// a JSON file is often one long line.
	last text.Position
}

// problemAt records a problem at file offset off (-1: the whole file).
func (s *splitter) problemAt(off int, warning bool, format string, args ...any) {
	p := &Problem{File: s.path, Msg: fmt.Sprintf(format, args...), Warning: warning}
	if off >= 0 {
		p.Pos = s.pos(off)
	}
	s.problems = append(s.problems, p)
}

// pos resolves a file offset to a position.
func (s *splitter) pos(off int) text.Position {
	off = max(0, min(off, len(s.src)))
	last := s.last
	if last.Line > 0 && off >= last.Offset && s.lineOf(off) == last.Line && runeStart(s.src, off) && runeStart(s.src, last.Offset) {
		s.last = text.Position{Offset: off, Line: last.Line, Column: last.Column + utf8.RuneCountInString(s.src[last.Offset:off])}
		return s.last
	}
	s.last = s.file.Position(off)
	return s.last
}

func runeStart(s string, i int) bool { return i >= len(s) || utf8.RuneStart(s[i]) }

// lineOf returns the 1-based line of a file offset.
func (s *splitter) lineOf(off int) int { return searchLine(s.lineStarts, off) }

// searchLine returns the 1-based line of offset off given line starts.
func searchLine(starts []int, off int) int {
	return sort.Search(len(starts), func(i int) bool { return starts[i] > off })
}

// lineStarts indexes lines as text.Source does: "\r\n", "\n" and "\r" end
// a line.
func lineStarts(src string) []int {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return starts
}

// sortProblems orders problems by place, keeping the order they were
// found in at one place.
func sortProblems(ps []*Problem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Pos.Offset < ps[j].Pos.Offset })
}

// context returns a write context for one part of the file.
func (s *splitter) context(kind writeKind) *writeContext {
	return &writeContext{kind: kind, crlf: s.crlf}
}

// single splits a file that holds one message: front matter, then the body
// as text, Markdown or HTML.
func (s *splitter) single(format Format) *Message {
	msg := &Message{Format: format, file: s.src}
	bodyStart := 0
	var subject *tnode
	if fm, ok := s.frontMatter(); ok {
		bodyStart, msg.Template = fm.bodyStart, true
		if fm.node != nil {
			e := s.readFields(fm.node, fieldsFrontMatter)
			msg.Name, msg.Settings, subject = e.name, e.settings, e.subject
			msg.refs = e.refs
		}
	}
	var body mapped
	var comments []placedComment
	if format == HTML {
		body, comments = s.html(bodyStart)
	} else {
		var b builder
		b.src, b.empty = s.src, bodyStart
		b.verbatim(bodyStart, len(s.src), s.context(writeRaw))
		body, comments = stripComments(b.done())
	}
	if subject != nil {
		subj, subjComments := stripComments(subject.val)
		body, comments = withSubject(subj, subjComments, body, comments)
	}
	s.finish(msg, body, comments)
	return msg
}

// withSubject puts a subject line and a blank line before a body.
func withSubject(subj mapped, subjComments []placedComment, body mapped, bodyComments []placedComment) (mapped, []placedComment) {
	subj.text = strings.TrimRight(subj.text, " \t")
	subj = restrict(subj, [][2]int{{0, len(subj.text)}})
	if subj.text == "" {
		for i := range subjComments {
			subjComments[i].textAt = 0
		}
		return body, append(subjComments, bodyComments...)
	}
	var b builder
	b.appendMapped(subj)
	b.inserted("\n\n", subj.m.fileEnd(subj.m.n))
	shift := b.len()
	b.appendMapped(body)
	out := b.done()
	out.m.empty = subj.m.fileOffset(0)
	comments := make([]placedComment, 0, len(subjComments)+len(bodyComments))
	for _, c := range subjComments {
		c.textAt = min(c.textAt, len(subj.text))
		comments = append(comments, c)
	}
	for _, c := range bodyComments {
		c.textAt += shift
		comments = append(comments, c)
	}
	return out, comments
}

// finish sets a message's text and map and turns its comments into
// suppressions.
func (s *splitter) finish(msg *Message, body mapped, comments []placedComment) {
	msg.Text, msg.m = body.text, body.m
	msg.viaHTML, s.usedHTML = s.usedHTML, false
	msg.Markup, msg.markup, s.markup = s.markup.text, s.markup.m, mapped{}
	msg.file = s.src
	if len(comments) == 0 {
		return
	}
	lines := lineStarts(msg.Text)
	for _, c := range comments {
		if !c.closed {
			s.problemAt(c.fileStart, false, "comment is not closed; the rest of the text is taken as comment")
		}
		d, ok := parseDirective(c.body)
		if !ok {
			continue
		}
		pos := s.pos(c.fileStart)
		for _, p := range d.problems {
			s.problemAt(c.fileStart, p.warning, "%s", p.msg)
		}
		if d.void {
			continue
		}
		sup := Suppression{Rules: d.rules, Scope: d.scope, Reason: d.reason, Pos: pos}
		switch d.scope {
		case ScopeLine:
			if c.ownLine {
				s.problemAt(c.fileStart, true, "%s stands on a line of its own and covers nothing; use %s", directiveDisableLine, directiveDisableNextLine)
				continue
			}
			sup.Line = searchLine(lines, c.textAt)
		case ScopeNextLine:
			sup.Line = s.nextLine(msg, lines, c)
		}
		msg.Suppressions = append(msg.Suppressions, sup)
		for _, id := range d.rules {
			msg.refs = append(msg.refs, RuleRef{ID: id, Pos: pos})
		}
	}
	sortRefs(msg.refs)
}

// nextLine finds the line a replylint-disable-next-line comment covers.
// A comment that stood on a line of its own was removed with that line, so
// the next line is the one the text after it is on. Otherwise it is the
// line of the first text after the comment that is on a later line of the
// message (a "\n" escape in a JSON string) or of the file (the next <p> of
// an HTML file, whose text is on the same message line as the comment).
func (s *splitter) nextLine(msg *Message, lines []int, c placedComment) int {
	own := searchLine(lines, c.textAt)
	endLine := s.lineOf(max(c.fileStart, c.fileEnd-1))
	text := msg.Text
	for at := c.textAt; at < len(text); {
		r, size := utf8.DecodeRuneInString(text[at:])
		if unicode.IsSpace(r) {
			at += size
			continue
		}
		l := searchLine(lines, at)
		if c.ownLine || l > own || s.lineOf(msg.FileOffset(at)) > endLine {
			return l
		}
		// Within a piece the file line only grows where the message
		// line does too: go on at the piece's end or its next line.
		i := msg.m.find(at)
		end := msg.m.pieceEnd(i)
		if k := strings.IndexByte(text[at:end], '\n'); k >= 0 {
			end = at + k + 1
		}
		at = max(end, at+size)
	}
	return own + 1
}

func sortRefs(rs []RuleRef) {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Pos.Offset < rs[j].Pos.Offset })
}

// frontMatterBlock is the YAML front matter at the top of a file.
type frontMatterBlock struct {
	node      *tnode // nil when empty or broken
	bodyStart int
}

// frontMatter reads front matter: a first line "---", YAML, and a line
// "---" (or "..."). A file whose first line is "---" but that never closes
// it is taken as having no front matter; when its next line looks like a
// setting ("channel: ebay") that gets a warning.
func (s *splitter) frontMatter() (frontMatterBlock, bool) {
	src := s.src
	first := lineEnd(src, 0)
	if strings.TrimRight(src[:first], " \t") != "---" || first == len(src) {
		return frontMatterBlock{}, false
	}
	yamlStart := first + breakLen(src, first)
	for ls := yamlStart; ls < len(src); {
		le := lineEnd(src, ls)
		if line := strings.TrimRight(src[ls:le], " \t"); line == "---" || line == "..." {
			fm := frontMatterBlock{bodyStart: le + breakLen(src, le)}
			fm.node = s.frontMatterYAML(yamlStart, ls)
			return fm, true
		}
		if le == len(src) {
			break
		}
		ls = le + breakLen(src, le)
	}
	next := src[yamlStart:lineEnd(src, yamlStart)]
	if k, _, ok := strings.Cut(next, ":"); ok && k != "" && !strings.ContainsAny(k, " \t") {
		s.problemAt(0, true, "front matter is not closed (end it with a line \"---\"); the file is linted as text")
	}
	return frontMatterBlock{}, false
}

// frontMatterYAML parses the YAML of front matter at src[start:end].
func (s *splitter) frontMatterYAML(start, end int) *tnode {
	y := newYAMLDoc(s, start, end)
	n, err := strictyaml.Parse(s.path, []byte(s.src[start:end]))
	if err != nil {
		var e *strictyaml.Error
		if errors.As(err, &e) && e.Msg == "empty YAML document" {
			return nil
		}
		s.yamlProblem(y, err)
		return nil
	}
	t := y.node(n, 0)
	if t.kind != tMap {
		s.problemAt(t.off, false, "front matter must be a mapping of settings, found %s", t.describe())
		return nil
	}
	return t
}

// yamlProblem reports a strictyaml error at its place in the file.
func (s *splitter) yamlProblem(y *yamlDoc, err error) {
	var list strictyaml.Errors
	var one *strictyaml.Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			s.problemAt(y.offset(e.Line, e.Column), false, "%s", e.Msg)
		}
	case errors.As(err, &one):
		off := y.base
		if one.Line > 0 {
			off = y.offset(one.Line, one.Column)
		}
		s.problemAt(off, false, "%s", one.Msg)
	default:
		s.problemAt(y.base, false, "%v", err)
	}
}

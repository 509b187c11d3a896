package document

import (
	"fmt"
	"slices"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// Message is one message to lint, cut out of a template file.
type Message struct {
	// Name is "" for a file that holds one message; in a collection it is
	// the template's name, id or title, its key, or its place ("[2]",
	// "macros[0]").
	Name string
	// Format is the format of the file it came from.
	Format Format
	// Text is what to lint: the visible text, without front matter, HTML
	// tags or template comments; a subject comes first, then a blank line.
	Text string
	// Settings are the message's own settings from front matter or its
	// collection entry; zero fields were not given.
	Settings Settings
	// Suppressions are the replylint-disable comments of the message.
	Suppressions []Suppression
	// Markup is the HTML the text was read from ("" when the message is not
	// HTML), for the HTML style rules (lint.Options.Markup).
	Markup string
	// Template is set when the file's form says it is a template whose
	// placeholders are filled when it is sent: an entry of a collection, or
	// a file with front matter. (A mode setting still decides.)
	Template bool

	file string // the whole file, for encoding edits
	m    offsetMap
	// markup maps offsets of Markup to the file.
	markup offsetMap
	refs   []RuleRef
	// viaHTML is set when the text came through the HTML reader, whose
	// white space WriteBack compares loosely.
	viaHTML bool
	// splitFormat is the format the file was split as, to split it again.
	splitFormat Format
	// entry is set for a collection template given as a mapping with a
	// text field.
	entry bool
}

// Settings are per-message options. Values are checked: Channel, Kind and
// Mode parse with the rule package, Language is one of rule.Languages().
type Settings struct {
	Channel     rule.Channel
	Kind        rule.MessageKind
	Type        rule.MessageType
	Language    string
	Mode        rule.Mode
	Marketplace string
	// Register is how the message addresses the buyer ("" detected).
	Register rule.Register
	// Disable lists rule IDs switched off for this message.
	Disable []string
	// Pos holds where each given setting's value is in the file, by key
	// ("channel", "kind", "type", "language", "mode", "marketplace", "register", "disable").
	Pos map[string]text.Position
}

// Scope is what a suppression covers.
type Scope int

// Scopes.
const (
	// ScopeMessage: the whole message (replylint-disable).
	ScopeMessage Scope = iota
	// ScopeLine: the message line of the comment (replylint-disable-line).
	ScopeLine
	// ScopeNextLine: the next message line with text after the comment
	// (replylint-disable-next-line).
	ScopeNextLine
)

// Suppression is one replylint-disable comment.
type Suppression struct {
	// Rules are the rule IDs it silences; empty means every rule.
	Rules []string
	Scope Scope
	// Line is the 1-based line of Text it covers; 0 for ScopeMessage.
	Line   int
	Reason string
	// Pos is where the comment starts in the file.
	Pos text.Position
}

// Covers reports whether the suppression silences rule ruleID on line
// (1-based, of the message Text).
func (s Suppression) Covers(ruleID string, line int) bool {
	if len(s.Rules) > 0 && !slices.Contains(s.Rules, ruleID) {
		return false
	}
	return s.Scope == ScopeMessage || s.Line == line
}

// RuleRef is a rule ID named in a file, for the caller to check against
// the rules it loaded.
type RuleRef struct {
	ID  string
	Pos text.Position
}

// Problem is something wrong in a template file. Split returns its problems
// as errors of this type.
type Problem struct {
	File string
	// Pos is the place in the file; Line 0 means the file as a whole.
	Pos text.Position
	Msg string
	// Warning marks a problem that does not stop the file from being linted
	// as read (a suppression without a reason, a key that looks like a
	// misspelt setting).
	Warning bool
}

func (p *Problem) Error() string {
	if p.Pos.Line == 0 {
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Pos.Line, p.Pos.Column, p.Msg)
}

// FileEdit replaces File[Start:End) with NewText.
type FileEdit struct {
	Start, End int
	NewText    string
}

// FileOffset maps a byte offset of Text to the file. Text copied from the
// file maps byte for byte; a decoded entity or escape maps to its first
// byte; text that is not in the file (a line break standing for an HTML
// block tag) maps to where it stands. len(Text) maps to the end of the last
// character.
func (m *Message) FileOffset(msgOffset int) int { return m.m.fileOffset(msgOffset) }

// FileSpan maps the range [start, end) of Text to the file. ok reports
// whether the file range holds exactly that text, maybe encoded (entities,
// escapes, folded line breaks), so that replacing it replaces just that
// text: false when the range runs through a tag, a removed comment, the
// indentation of a block scalar or text that is not in the file, or cuts
// an escape in two. The range is useful for reporting either way.
func (m *Message) FileSpan(start, end int) (fileStart, fileEnd int, ok bool) {
	fs, fe, ctx, ok := m.span(start, end)
	return fs, fe, ok && ctx != nil
}

// span is offsetMap.span that also refuses to cut a CR LF in two.
func (m *Message) span(start, end int) (int, int, *writeContext, bool) {
	fs, fe, ctx, ok := m.m.span(start, end)
	if splitsCRLF(m.Text, start) || splitsCRLF(m.Text, end) {
		return fs, fe, nil, false
	}
	return fs, fe, ctx, ok
}

func splitsCRLF(s string, i int) bool {
	return i > 0 && i < len(s) && s[i-1] == '\r' && s[i] == '\n'
}

// Edit turns an edit of Text into an edit of the file, encoding newText for
// where it goes (entities in HTML, escapes in JSON and quoted YAML, the
// indentation of a YAML block scalar, the file's line breaks). ok is false
// when the range cannot be written back (see FileSpan) or the new text
// cannot stand there at all (a line break in a YAML plain scalar, prose in
// a link target). Whether the edited file reads as intended only reading
// it again tells: write with WriteBack, which does.
func (m *Message) Edit(start, end int, newText string) (FileEdit, bool) {
	fs, fe, ctx, ok := m.span(start, end)
	if !ok || ctx == nil {
		return FileEdit{Start: fs, End: fe}, false
	}
	enc, ok := ctx.encode(m.file, fs, fe, newText)
	if !ok {
		return FileEdit{Start: fs, End: fe}, false
	}
	return FileEdit{Start: fs, End: fe, NewText: enc}, true
}

// MapFinding moves a finding on Text to the file: its range and the ranges
// of its suggestions' edits, with replacement text encoded for the file.
// A suggestion with an edit that cannot be written back keeps its
// description but loses its edits, so it is still shown and never applied.
// file must index the file the message came from.
func (m *Message) MapFinding(f finding.Finding, file *text.Source) finding.Finding {
	if f.InMarkup {
		// A finding on the markup (html-style) has no edits: it is mapped
		// through the markup's own map and is no longer InMarkup.
		f.Start, f.End = file.Position(m.markup.fileOffset(f.Start.Offset)), file.Position(m.markup.fileEnd(f.End.Offset))
		f.InMarkup, f.Suggestions = false, nil
		return f
	}
	fs, fe, _ := m.FileSpan(f.Start.Offset, f.End.Offset)
	f.Start, f.End = file.Position(fs), file.Position(fe)
	if len(f.Suggestions) == 0 {
		return f
	}
	out := make([]finding.Suggestion, len(f.Suggestions))
	for i, s := range f.Suggestions {
		ns := finding.Suggestion{Description: s.Description, Safe: s.Safe}
		for _, e := range s.Edits {
			fed, ok := m.Edit(e.Start.Offset, e.End.Offset, e.NewText)
			if !ok {
				ns.Edits = nil
				break
			}
			ns.Edits = append(ns.Edits, finding.Edit{Start: file.Position(fed.Start), End: file.Position(fed.End), NewText: fed.NewText})
		}
		out[i] = ns
	}
	f.Suggestions = out
	return f
}

// Suppress drops the findings (on Text, before MapFinding) that a
// suppression comment or the Disable setting silences. A finding counts on
// the line where it starts. unused lists the suppressions that silenced
// nothing.
func (m *Message) Suppress(fs []finding.Finding) (kept []finding.Finding, unused []Suppression) {
	used := make([]bool, len(m.Suppressions))
	for _, f := range fs {
		if slices.Contains(m.Settings.Disable, f.Rule) {
			continue
		}
		silenced := false
		for i, s := range m.Suppressions {
			if s.Covers(f.Rule, f.Start.Line) {
				used[i] = true
				silenced = true
			}
		}
		if !silenced {
			kept = append(kept, f)
		}
	}
	for i, s := range m.Suppressions {
		if !used[i] {
			unused = append(unused, s)
		}
	}
	return kept, unused
}

// RuleRefs lists every rule ID the message names, in its Disable setting
// and in its suppressions, with its place in the file, in file order.
func (m *Message) RuleRefs() []RuleRef { return slices.Clone(m.refs) }

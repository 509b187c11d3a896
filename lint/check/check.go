// Package check implements the closed set of check kinds. Each kind lives in
// its own file with one constructor that compiles everything the rule needs
// once; Run is then called for every message and must not keep state
// between calls, so one Check may serve many goroutines.
package check

import (
	"errors"
	"fmt"
	"strings"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/strictyaml"
)

// Hit is what a check reports, in byte offsets of the original text; the
// engine turns it into a finding with the rule's ID, severity and message.
type Hit struct {
	Span match.Span
	// MaxSeverity caps the rule's severity for this hit (an allowed host
	// over http is only a warning); Off means no cap.
	MaxSeverity finding.Severity
	// Message replaces the rule's message when set.
	Message string
	// ByKind says the hit holds only because of the message's kind (a
	// proactive message of a type the channel forbids), as a rule that
	// applies to some kinds only holds all its hits.
	ByKind bool
	// Subrule names the sub-rule of a rule group that fired ("" for a rule
	// without one).
	Subrule     string
	Suggestions []Fix
	// InMarkup says Span is in the message's HTML markup, not its text.
	InMarkup bool
}

// Fix is a suggestion in byte offsets.
type Fix struct {
	Description string
	Safe        bool
	Edits       []Edit
}

// Edit replaces Span with NewText.
type Edit struct {
	Span    match.Span
	NewText string
}

// Check runs one rule on one message.
type Check interface {
	Run(m *message.Message) []Hit
}

// Matching is implemented by the checks that search phrase lists: a linter
// hands their sets to match.Prepare when it meets a language.
type Matching interface {
	MatchSets() []*match.Set
}

// New builds the check for a rule's kind. env holds what checks share (the
// pattern compiler); a rule without token patterns may pass nil.
func New(r *rule.Rule, env *Env) (Check, error) {
	var (
		c   Check
		err error
	)
	switch r.Kind {
	case rule.KindPhrase:
		c, err = NewPhrase(r, env)
	case rule.KindLink:
		c, err = NewLink(r, env)
	case rule.KindContact:
		c, err = NewContact(r, env)
	case rule.KindRequired:
		c, err = NewRequired(r, env)
	case rule.KindChoiceQuestion:
		c, err = NewChoiceQuestion(r, env)
	case rule.KindPlaceholder:
		c, err = NewPlaceholder(r)
	case rule.KindLanguage:
		c, err = NewLanguage(r)
	case rule.KindMetric:
		c, err = NewMetric(r, env)
	case rule.KindMessageType:
		c, err = NewMessageType(r, env)
	case rule.KindOrderID:
		c, err = NewOrderID(r)
	case rule.KindHTMLStyle:
		c, err = NewHTMLStyle(r)
	default:
		return nil, r.ErrorAt([]string{"kind"}, "unknown kind %q", r.Kind)
	}
	var positioned *strictyaml.Error
	switch {
	case errors.As(err, &positioned):
		return nil, err // file:line:col already names the place
	case err != nil:
		return nil, fmt.Errorf("%s: rule %s: %w", r.Pos, r.ID, err)
	}
	return c, nil
}

// suggestText returns a suggestion's text for the message's language and
// register (English when the language has none), with {match} and the
// captures replaced.
func suggestText(s *rule.SuggestSpec, m *message.Message, matched string, captures map[string]string) (string, bool) {
	if s == nil {
		return "", false
	}
	t, ok := s.TextFor(m.Language, m.Register)
	t = strings.ReplaceAll(t, "{match}", matched)
	for name, text := range captures {
		t = strings.ReplaceAll(t, "{"+name+"}", text)
	}
	return t, ok
}

// matchFixes builds the rule's suggestion for a match found by a phrase-like
// check.
func matchFixes(r *rule.Rule, m *message.Message, sp match.Span) []Fix {
	return suggestionFixes(r.Suggest, m, sp, nil)
}

// suggestionFixes builds a suggestion for a match: replace the match,
// replace or delete its sentence, or nothing.
func suggestionFixes(s *rule.SuggestSpec, m *message.Message, sp match.Span, captures map[string]string) []Fix {
	if s == nil || s.Action == "none" {
		return nil
	}
	newText, _ := suggestText(s, m, m.Slice(sp), captures)
	target := sp
	switch s.Action {
	case "replace-sentence":
		target = m.SentenceAt(sp.Start)
		target.Start = pastGreeting(m, target, sp.Start)
		if newText == "" {
			target = deletionSpan(m.Text(), target)
		}
	case "", "replace":
	default:
		return nil
	}
	return []Fix{{Description: s.Description, Safe: s.Safe, Edits: []Edit{{Span: target, NewText: newText}}}}
}

// pastGreeting moves the start of a sentence that opens its line past a
// greeting written on the same line ("Hi Sam, check out our shop."), so a
// rewrite or deletion keeps the greeting; it never moves past the match.
func pastGreeting(m *message.Message, sent match.Span, matchStart int) int {
	src := m.Text()
	ls := lineStart(src, sent.Start)
	if strings.TrimSpace(src[ls:sent.Start]) != "" {
		return sent.Start
	}
	le := lineEnd(src, sent.Start)
	if n := m.GreetingPrefix(src[ls:le]); n > 0 && ls+n > sent.Start && ls+n <= matchStart && ls+n < sent.End {
		return ls + n
	}
	return sent.Start
}

// deletionSpan widens a sentence's span to what deleting it must remove so
// that the text around it reads as if it had never been there: the spaces
// after it when text follows on its line; the spaces before it when it ends
// its line; its whole line with the line break when it is the line; and one
// of the blank lines around it when it was a paragraph of its own.
func deletionSpan(src string, sp match.Span) match.Span {
	end := sp.End
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	if !atLineEnd(src, end) {
		return match.Span{Start: sp.Start, End: end}
	}
	start := sp.Start
	for start > 0 && (src[start-1] == ' ' || src[start-1] == '\t') {
		start--
	}
	if start > 0 && src[start-1] != '\n' {
		// Text before it on the line: the line stays, without the gap.
		return match.Span{Start: start, End: end}
	}
	end = afterLineBreak(src, end)
	if end == len(src) && !strings.HasSuffix(src, "\n") {
		// The last line has no break of its own: take the one before it,
		// and the blank line above if it was a paragraph.
		start = beforeLineBreak(src, start)
		if start > 0 && blankLineAt(src, lineStart(src, start)) {
			start = beforeLineBreak(src, lineStart(src, start))
		}
		return match.Span{Start: start, End: end}
	}
	startsParagraph := start == 0 || blankLineEndingAt(src, start)
	switch {
	case !startsParagraph:
	case end < len(src) && blankLineAt(src, end):
		end = afterLineBreak(src, lineEnd(src, end))
	case end == len(src) && start > 0:
		start = lineStart(src, beforeLineBreak(src, start))
	}
	return match.Span{Start: start, End: end}
}

// atLineEnd tells whether i is at a line break or the end of the text.
func atLineEnd(src string, i int) bool {
	return i == len(src) || src[i] == '\n' || strings.HasPrefix(src[i:], "\r\n")
}

// lineStart is the start of the line holding i.
func lineStart(src string, i int) int {
	return strings.LastIndexByte(src[:i], '\n') + 1
}

// lineEnd is where the line holding i ends, before its break.
func lineEnd(src string, i int) int {
	j := strings.IndexByte(src[i:], '\n')
	if j < 0 {
		return len(src)
	}
	if j > 0 && src[i+j-1] == '\r' {
		return i + j - 1
	}
	return i + j
}

// afterLineBreak moves i, at a line's end, past its break.
func afterLineBreak(src string, i int) int {
	if strings.HasPrefix(src[i:], "\r\n") {
		return i + 2
	}
	if i < len(src) && src[i] == '\n' {
		return i + 1
	}
	return i
}

// beforeLineBreak moves i, at a line's start, back before the break that
// ends the line above.
func beforeLineBreak(src string, i int) int {
	if i > 0 && src[i-1] == '\n' {
		i--
		if i > 0 && src[i-1] == '\r' {
			i--
		}
	}
	return i
}

// blankLineAt tells whether the line starting at i holds only spaces.
func blankLineAt(src string, i int) bool {
	return strings.TrimSpace(src[i:lineEnd(src, i)]) == ""
}

// blankLineEndingAt tells whether the line above the line starting at i is
// blank.
func blankLineEndingAt(src string, i int) bool {
	if i == 0 || src[i-1] != '\n' {
		return false
	}
	return blankLineAt(src, lineStart(src, beforeLineBreak(src, i)))
}

// compileMatch compiles a rule's match block, reporting a bad expression at
// its place in the rule file.
func compileMatch(r *rule.Rule, block map[string]rule.Match) (*match.Set, error) {
	conv := func(list []rule.String) []match.Expr {
		out := make([]match.Expr, len(list))
		for i, s := range list {
			out[i] = match.Expr{Value: s.Value, Line: s.Line, Col: s.Col}
		}
		return out
	}
	blocks := make(map[string]match.Block, len(block))
	for lang, m := range block {
		blocks[lang] = match.Block{Phrases: conv(m.Phrases), Patterns: conv(m.Patterns), Except: conv(m.Except)}
	}
	set, err := match.Compile(blocks)
	var bad *match.ExprError
	if errors.As(err, &bad) {
		return nil, r.Errorf(rule.String{Value: bad.Expr.Value, Line: bad.Expr.Line, Col: bad.Expr.Col}, "%s", bad.Msg)
	}
	return set, err
}

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
	"github.com/replylint/replylint/lint/language"
	"github.com/replylint/replylint/lint/locale"
	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/strictyaml"
	"github.com/replylint/replylint/lint/text"
)

// Hit is what a check reports, in byte offsets of the original text; the
// engine turns it into a finding with the rule's ID, severity and message.
type Hit struct {
	Span match.Span
	// MaxSeverity caps the rule's severity for this hit (an allowed host
	// over http is only a warning); Off means no cap.
	MaxSeverity finding.Severity
	// Message replaces the rule's message when set: an English template
	// whose {match} and named placeholders the engine fills.
	Message string
	// Key is where Message's translations are filed, relative to the
	// rule's ID ("/<sub-rule>", "#<name>"; see rule.Rule.Texts); "" with
	// an empty Message is the rule's message.
	Key string
	// Args are the values of Message's named placeholders ({host}).
	Args map[string]string
	// Languages are placeholders that name a language, by its code: the
	// engine writes the language's name in the reader's locale.
	Languages map[string]string
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
	// Key is where Description's translations are filed, relative to
	// the rule's ID (".fix", "/<sub-rule>.fix", "#<name>"); "" keeps it
	// as written.
	Key   string
	Safe  bool
	Edits []Edit
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
	case rule.KindLength:
		c, err = NewLength(r)
	case rule.KindShouting:
		c, err = NewShouting(r)
	case rule.KindCapitalization:
		c, err = NewCapitalization(r)
	case rule.KindSpacing:
		c, err = NewSpacing(r, env)
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
func suggestText(s *rule.SuggestSpec, m *message.Message, matched string, captures []capture) (string, bool) {
	if s == nil {
		return "", false
	}
	t, ok := s.TextFor(m.Language, m.Register)
	t = strings.ReplaceAll(t, "{match}", matched)
	for _, c := range captures {
		t = strings.ReplaceAll(t, "{"+c.name+"}", c.text)
	}
	return t, ok
}

// matchFixes builds the rule's suggestion for a match found by a phrase-like
// check.
func matchFixes(r *rule.Rule, m *message.Message, sp match.Span) []Fix {
	return suggestionFixes(r.Suggest, ".fix", m, sp, nil)
}

// suggestionFixes builds a suggestion for a match: replace the match,
// replace or delete its sentence, or nothing. key files the suggestion's
// description (see Fix.Key).
func suggestionFixes(s *rule.SuggestSpec, key string, m *message.Message, sp match.Span, captures []capture) []Fix {
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
			target = deletionSpan(m.Source, target)
		}
	case "", "replace":
	default:
		return nil
	}
	return []Fix{{Description: s.Description, Key: key, Safe: s.Safe, Edits: []Edit{{Span: target, NewText: newText}}}}
}

// pastGreeting moves the start of a sentence that opens its line past a
// greeting written on the same line ("Hi Sam, check out our shop."), so a
// rewrite or deletion keeps the greeting; it never moves past the match.
func pastGreeting(m *message.Message, sent match.Span, matchStart int) int {
	src := m.Text()
	ls, le := m.Source.LineBounds(m.Source.Position(sent.Start).Line)
	if strings.TrimSpace(src[ls:sent.Start]) != "" {
		return sent.Start
	}
	if n := m.GreetingPrefix(src[ls:le]); n > 0 && ls+n > sent.Start && ls+n <= matchStart && ls+n < sent.End {
		return ls + n
	}
	return sent.Start
}

// deletionSpan widens a sentence's span to what deleting it must remove so
// that the text around it reads as if it had never been there: the spaces
// after it when text follows on its line; the spaces before it when it ends
// its line; its whole lines with one line break when it is the lines; and
// one of the blank lines around it when it was a paragraph of its own.
// Lines and their breaks (LF, CRLF) come from the source's line table.
func deletionSpan(src *text.Source, sp match.Span) match.Span {
	s := src.Text()
	end := sp.End
	for end < len(s) && (s[end] == ' ' || s[end] == '\t') {
		end++
	}
	first, last := src.Position(sp.Start).Line, src.Position(end).Line
	firstStart, _ := src.LineBounds(first)
	if _, lastEnd := src.LineBounds(last); end < lastEnd {
		return match.Span{Start: sp.Start, End: end}
	}
	start := sp.Start
	for start > firstStart && (s[start-1] == ' ' || s[start-1] == '\t') {
		start--
	}
	if start > firstStart {
		// Text before it on the line: the line stays, without the gap.
		return match.Span{Start: start, End: end}
	}
	n := src.LineCount()
	lineStart := func(k int) int {
		if k > n {
			return len(s)
		}
		at, _ := src.LineBounds(k)
		return at
	}
	blank := func(k int) bool {
		if k < 1 || k > n {
			return false
		}
		a, b := src.LineBounds(k)
		return strings.TrimSpace(s[a:b]) == ""
	}
	ownParagraph := first == 1 || blank(first-1)
	if last == n {
		// The last line has no break of its own: take the one before it,
		// and the blank line above if it was a paragraph.
		keep := first - 1
		if ownParagraph && first > 1 {
			keep = first - 2
		}
		if keep < 1 {
			return match.Span{Start: 0, End: len(s)}
		}
		_, keepEnd := src.LineBounds(keep)
		return match.Span{Start: keepEnd, End: len(s)}
	}
	start, end = lineStart(first), lineStart(last+1)
	switch {
	case !ownParagraph:
	case blank(last+1) && last+1 < n:
		end = lineStart(last + 2)
	case last+1 == n && first > 1:
		// The paragraph ends the text: take the blank line above it.
		start = lineStart(first - 1)
	}
	return match.Span{Start: start, End: end}
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

// namedHit is a hit at sp with the rule's named message (rule.Rule.Named);
// args fill its placeholders, as name/value pairs.
func namedHit(r *rule.Rule, sp match.Span, name string, args ...string) Hit {
	h := Hit{Span: sp}
	if text, key := r.Named(name); key != "" {
		h.Message, h.Key = text, key
	}
	if len(args) > 1 {
		h.Args = make(map[string]string, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			h.Args[args[i]] = args[i+1]
		}
	}
	return h
}

// namedFix is a fix the check builds, described by the rule's named
// message (no description when the rule file names none).
func namedFix(r *rule.Rule, name string, safe bool, edits ...Edit) Fix {
	f := Fix{Safe: safe, Edits: edits}
	if text, key := r.Named(name); key != "" {
		f.Description, f.Key = text, key
	}
	return f
}

// Text returns the hit's own message in English with its placeholders
// other than {match} filled ("" when the hit keeps the rule's message);
// the engine writes it in the reader's locale instead.
func (h Hit) Text() string {
	return locale.Fill(h.Message, h.Values(language.Name))
}

// Values returns the values of the hit's placeholders other than {match}:
// its Args, and its Languages named by languageName.
func (h Hit) Values(languageName func(code string) string) map[string]string {
	values := make(map[string]string, 1+len(h.Args)+len(h.Languages))
	for k, v := range h.Args {
		values[k] = v
	}
	for k, code := range h.Languages {
		values[k] = languageName(code)
	}
	return values
}

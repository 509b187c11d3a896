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
	Message     string
	Suggestions []Fix
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

// New builds the check for a rule's kind.
func New(r *rule.Rule) (Check, error) {
	var (
		c   Check
		err error
	)
	switch r.Kind {
	case rule.KindPhrase:
		c, err = NewPhrase(r)
	case rule.KindLink:
		c, err = NewLink(r)
	case rule.KindContact:
		c, err = NewContact(r)
	case rule.KindRequired:
		c, err = NewRequired(r)
	case rule.KindChoiceQuestion:
		c, err = NewChoiceQuestion(r)
	case rule.KindPlaceholder:
		c, err = NewPlaceholder(r)
	case rule.KindLanguage:
		c, err = NewLanguage(r)
	case rule.KindMetric:
		c, err = NewMetric(r)
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

// suggestText returns the rule's rewrite text for lang (English when the
// language has none), with {match} replaced.
func suggestText(r *rule.Rule, lang, matched string) (string, bool) {
	if r.Suggest == nil {
		return "", false
	}
	t, ok := r.Suggest.Text[lang]
	if !ok {
		t, ok = r.Suggest.Text["en"]
	}
	return strings.ReplaceAll(t, "{match}", matched), ok
}

// matchFixes builds the rule's suggestion for a match found by a phrase-like
// check: replace the match, replace or delete its sentence, or nothing.
func matchFixes(r *rule.Rule, m *message.Message, sp match.Span) []Fix {
	if r.Suggest == nil || r.Suggest.Action == "none" {
		return nil
	}
	newText, _ := suggestText(r, m.Language, m.Slice(sp))
	target := sp
	switch r.Suggest.Action {
	case "replace-sentence":
		target = m.SentenceAt(sp.Start)
		if newText == "" {
			target = withFollowingSpace(m.Text(), target)
		}
	case "", "replace":
	default:
		return nil
	}
	return []Fix{{Description: r.Suggest.Description, Safe: r.Suggest.Safe, Edits: []Edit{{Span: target, NewText: newText}}}}
}

// withFollowingSpace extends a span over the spaces after it, so deleting a
// sentence does not leave a double space.
func withFollowingSpace(src string, sp match.Span) match.Span {
	for sp.End < len(src) && src[sp.End] == ' ' {
		sp.End++
	}
	return sp
}

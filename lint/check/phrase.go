package check

import (
	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// Phrase reports every match of the rule's phrases and patterns in the
// message's language (and the "any" list).
type Phrase struct {
	rule    *rule.Rule
	matches *match.Set
}

// NewPhrase compiles a phrase rule.
func NewPhrase(r *rule.Rule) (*Phrase, error) {
	if len(r.Match) == 0 {
		return nil, r.ErrorAt(nil, "a phrase rule needs a match block")
	}
	set, err := match.Compile(r, r.Match)
	if err != nil {
		return nil, err
	}
	return &Phrase{rule: r, matches: set}, nil
}

// Run implements Check.
func (p *Phrase) Run(m *message.Message) []Hit {
	spans := p.matches.FindAll(m.Language, m.Folded)
	if len(spans) == 0 {
		return nil
	}
	hits := make([]Hit, 0, len(spans))
	for _, sp := range spans {
		hits = append(hits, Hit{Span: sp, Suggestions: matchFixes(p.rule, m, sp)})
	}
	return hits
}

// MatchSets implements Matching.
func (p *Phrase) MatchSets() []*match.Set { return []*match.Set{p.matches} }

package check

import (
	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/rule"
)

// Phrase reports every match of the rule's token patterns (each sub-rule
// with its own message and suggestion) and of its match block's phrases and
// regular expressions, in the message's language.
type Phrase struct {
	rule    *rule.Rule
	matches *match.Set
	group   *group
	comp    *pattern.Compiler
}

// NewPhrase compiles a phrase rule.
func NewPhrase(r *rule.Rule, env *Env) (*Phrase, error) {
	if len(r.Match) == 0 && len(r.Patterns) == 0 {
		return nil, r.ErrorAt(nil, "a phrase rule needs a patterns or a match block")
	}
	p := &Phrase{rule: r}
	if len(r.Match) > 0 {
		set, err := compileMatch(r, r.Match)
		if err != nil {
			return nil, err
		}
		p.matches = set
	}
	g, err := newGroup(r, env)
	if err != nil {
		return nil, err
	}
	p.group = g
	if env != nil {
		p.comp = env.Patterns
	}
	return p, nil
}

// Run implements Check.
func (p *Phrase) Run(m *message.Message) []Hit {
	var hits []Hit
	for _, h := range p.group.find(m, p.comp, nil) {
		if overlapsHit(hits, h.span) {
			continue // two sub-rules on the same words: one finding
		}
		hit := h.hit()
		hit.Suggestions = h.fixes(p.rule, m)
		hits = append(hits, hit)
	}
	if p.matches != nil {
		for _, sp := range p.matches.FindAll(m.Language, m.Folded) {
			if overlapsHit(hits, sp) {
				continue
			}
			hits = append(hits, Hit{Span: sp, Suggestions: matchFixes(p.rule, m, sp)})
		}
	}
	return hits
}

// overlapsHit reports whether sp overlaps a hit already reported.
func overlapsHit(hits []Hit, sp match.Span) bool {
	for _, h := range hits {
		if sp.Start < h.Span.End && h.Span.Start < sp.End {
			return true
		}
	}
	return false
}

// MatchSets implements Matching.
func (p *Phrase) MatchSets() []*match.Set {
	if p.matches == nil {
		return nil
	}
	return []*match.Set{p.matches}
}

package engine

import (
	"fmt"

	"github.com/replylint/replylint/lint/check"
	"github.com/replylint/replylint/lint/core"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/pattern"
)

// registerItems are one language's ways of addressing the buyer, from the
// pack's you-formal and you-informal vocabularies.
type registerItems struct{ formal, informal pattern.Item }

// compileRegisterDetection adds "@you-formal" and "@you-informal" for every
// language whose pack has both (the languages with a formal and an informal
// "you").
func (l *Linter) compileRegisterDetection() error {
	l.registerItems = map[string]registerItems{}
	for _, code := range l.patterns.Packs().Languages() {
		vocab := l.patterns.Pack(code).Vocabularies
		if _, ok := vocab["you-formal"]; !ok {
			continue
		}
		if _, ok := vocab["you-informal"]; !ok {
			continue
		}
		formal, err := l.patterns.Add(code, "@you-formal", nil)
		if err != nil {
			return fmt.Errorf("register detection in %s: %w", code, err)
		}
		informal, err := l.patterns.Add(code, "@you-informal", nil)
		if err != nil {
			return fmt.Errorf("register detection in %s: %w", code, err)
		}
		l.registerItems[code] = registerItems{formal: formal, informal: informal}
	}
	return nil
}

// detectRegister tells how the message addresses the buyer: informal when
// its informal "you" forms outnumber the formal ones, formal when the
// formal ones do. A message that says neither takes the register of the
// buyer's message it answers, and is formal when that says nothing either:
// formal is what a seller writes to a buyer it does not know. The counts
// are of words, so "sie" meaning "they" counts as formal; that only makes
// a du-message with many "they" look formal, never a Sie-message informal.
func (l *Linter) detectRegister(m *message.Message, buyer *buyerMessage) core.Register {
	items, ok := l.registerItems[m.Language]
	if !ok {
		return core.Formal
	}
	if r, ok := items.register(check.Results(m, l.patterns)); ok {
		return r
	}
	if res := buyer.results(); res != nil {
		if r, ok := items.register(res); ok {
			return r
		}
	}
	return core.Formal
}

// register compares the counts of formal and informal forms; ok is false
// when they are equal (usually: neither occurs).
func (r registerItems) register(res *pattern.Results) (core.Register, bool) {
	formal, informal := len(res.Matches(r.formal)), len(res.Matches(r.informal))
	switch {
	case informal > formal:
		return core.Informal, true
	case formal > informal:
		return core.Formal, true
	}
	return "", false
}

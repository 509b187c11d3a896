package engine

import (
	"fmt"
	"slices"

	"github.com/replylint/replylint/lint/check"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/rule"
)

// typeItem is the vocabulary of one message type in one language.
type typeItem struct {
	typ  rule.MessageType
	item pattern.Item
}

// typeVocabulary is the pack vocabulary that tells a message type:
// "type-" and the type's name (rules/lang/<code>/types.yaml).
func typeVocabulary(t rule.MessageType) string { return "type-" + string(t) }

// subordinate are the types a message only has when it says nothing more:
// marketing beats a confirmation, a confirmation beats thanks, and any
// reason to write (a problem, a return, an invoice …) beats all three, so
// "Your parcel is late; here is 10% off" is an order problem (the
// promotion rule judges the coupon), and "Thanks for your order, it has
// shipped" is a confirmation.
func subordinate() []rule.MessageType {
	return []rule.MessageType{rule.TypeMarketing, rule.TypeConfirmation, rule.TypeThankYou}
}

// compileTypeDetection adds "@type-<name>" for every type and language
// whose pack defines it.
func (l *Linter) compileTypeDetection() error {
	l.typeItems = map[string][]typeItem{}
	for _, code := range l.patterns.Packs().Languages() {
		vocab := l.patterns.Pack(code).Vocabularies
		for _, t := range rule.MessageTypes() {
			name := typeVocabulary(t)
			if _, ok := vocab[name]; !ok {
				continue
			}
			item, err := l.patterns.Add(code, "@"+name, nil)
			if err != nil {
				return fmt.Errorf("message type detection in %s: %w", code, err)
			}
			l.typeItems[code] = append(l.typeItems[code], typeItem{typ: t, item: item})
		}
	}
	return nil
}

// detectType tells what a message is for from the type vocabularies of its
// language: the reason to write with the most matches (on a tie, the one
// named first), else marketing, a confirmation or thanks,
// else other. A language without type vocabularies gets other.
func (l *Linter) detectType(m *message.Message) rule.MessageType {
	items := l.typeItems[m.Language]
	if len(items) == 0 {
		return rule.TypeOther
	}
	res := check.Results(m, l.patterns)
	counts := map[rule.MessageType]int{}
	first := map[rule.MessageType]int{}
	for _, it := range items {
		for _, mt := range res.Matches(it.item) {
			if n, seen := first[it.typ]; !seen || mt.From < n {
				first[it.typ] = mt.From
			}
			counts[it.typ]++
		}
	}
	best, bestN := rule.TypeOther, 0
	for _, t := range rule.MessageTypes() {
		if slices.Contains(subordinate(), t) || t == rule.TypeOther {
			continue
		}
		// On a tie the reason named first wins: a message states its
		// purpose before the asides ("your invoice … to start a return").
		if n := counts[t]; n > bestN || n == bestN && n > 0 && first[t] < first[best] {
			best, bestN = t, n
		}
	}
	if bestN > 0 {
		return best
	}
	for _, t := range subordinate() {
		if counts[t] > 0 {
			return t
		}
	}
	return rule.TypeOther
}

// DetectType tells what a message is for, as Lint would (for front ends
// that show the type before linting).
func (l *Linter) DetectType(src, language string) rule.MessageType {
	if language == "" {
		language = l.detector.Detect(src)
	}
	if language == "" {
		language = "en"
	}
	return l.detectType(message.New(src, message.Context{Language: language, Detector: l.detector}))
}

package lint

import (
	"fmt"

	"github.com/replylint/replylint/lint/check"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/lint/token"
)

// detectKind decides whether a message answers a complaint. Only a message
// or buyer message that mentions an order problem is a complaint reply; the
// rest are plain replies (proactive messages must be declared). The words
// are the packs' problem vocabulary, less what its not-problem vocabulary
// says is none ("returns are free within 30 days").
func (l *Linter) detectKind(m *message.Message, inReplyTo string) rule.MessageKind {
	if items, ok := l.problemItems[m.Language]; ok {
		if inReplyTo != "" {
			folded := text.Normalize(inReplyTo)
			v := token.Build(inReplyTo, folded, l.patterns.Pack(m.Language))
			if items.complaint(l.patterns.Run(m.Language, v)) {
				return rule.ComplaintReply
			}
		}
		if items.complaint(check.Results(m, l.patterns)) {
			return rule.ComplaintReply
		}
	}
	// A language without a problem vocabulary tells no complaint: the
	// rules that judge complaint replies need the kind given.
	return rule.Reply
}

// kindItems are one language's kind-detection patterns.
type kindItems struct {
	problem    pattern.Item
	notProblem *pattern.Item
}

// complaint reports whether a problem word is found outside every
// not-problem phrase.
func (k kindItems) complaint(res *pattern.Results) bool {
	var not []pattern.Match
	if k.notProblem != nil {
		not = res.Matches(*k.notProblem)
	}
problems:
	for _, p := range res.Matches(k.problem) {
		for _, n := range not {
			if p.From < n.To && n.From < p.To {
				continue problems
			}
		}
		return true
	}
	return false
}

// compileKindDetection adds "@problem" (and "@not-problem") for every
// language whose pack has a problem vocabulary.
func (l *Linter) compileKindDetection() error {
	l.problemItems = map[string]kindItems{}
	for _, code := range l.patterns.Packs().Languages() {
		vocab := l.patterns.Pack(code).Vocabularies
		if _, ok := vocab["problem"]; !ok {
			continue
		}
		item, err := l.patterns.Add(code, "@problem", nil)
		if err != nil {
			return fmt.Errorf("kind detection in %s: %w", code, err)
		}
		k := kindItems{problem: item}
		if _, ok := vocab["not-problem"]; ok {
			not, err := l.patterns.Add(code, "@not-problem", nil)
			if err != nil {
				return fmt.Errorf("kind detection in %s: %w", code, err)
			}
			k.notProblem = &not
		}
		l.problemItems[code] = k
	}
	return nil
}

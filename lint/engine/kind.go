package engine

import (
	"fmt"

	"github.com/replylint/replylint/lint/check"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/lint/token"
)

// buyerMessage is the buyer's message a draft answers, tokenized and
// matched once, when a detection first asks, for every detection that
// reads it (kind, register).
type buyerMessage struct {
	l          *Linter
	lang, text string
	res        *pattern.Results
	read       bool
}

// buyer wraps the buyer's message; nil (no allocation) when there is none.
func (l *Linter) buyer(lang, text string) *buyerMessage {
	if text == "" {
		return nil
	}
	return &buyerMessage{l: l, lang: lang, text: text}
}

// empty reports whether there is no buyer's message.
func (b *buyerMessage) empty() bool { return b == nil || b.text == "" }

// results returns the pattern results of the buyer's message, nil when
// there is none.
func (b *buyerMessage) results() *pattern.Results {
	if b.empty() {
		return nil
	}
	if !b.read {
		b.read = true
		v := token.Build(b.text, text.Normalize(b.text), b.l.patterns.Pack(b.lang))
		b.res = b.l.patterns.Run(b.lang, v)
	}
	return b.res
}

// release returns the results' working memory.
func (b *buyerMessage) release() {
	if b != nil && b.res != nil {
		b.res.Release()
		b.res = nil
	}
}

// detectKind decides what a message is. A message or buyer message that
// mentions an order problem, or apologises for one (the packs' problem
// vocabulary includes the apology words), is a complaint reply. Otherwise a message that
// answers nothing the buyer wrote (no buyer message given, no words that
// answer one: "thank you for your message", "you asked") and brings news of
// the order ("thank you for your order", "we are writing to let you know")
// is proactive, and the rest are plain replies. The words are the packs'
// proactive-cue, reply-cue and problem vocabularies, less what the
// not-problem vocabulary says is none ("returns are free within 30 days").
func (l *Linter) detectKind(m *message.Message, buyer *buyerMessage) rule.MessageKind {
	items, ok := l.problemItems[m.Language]
	if !ok {
		// A language without a problem vocabulary tells no complaint: the
		// rules that judge complaint replies need the kind given.
		return rule.Reply
	}
	if res := buyer.results(); res != nil && items.complaint(res) {
		return rule.ComplaintReply
	}
	res := check.Results(m, l.patterns)
	if items.complaint(res) {
		// A problem comes first, whoever wrote first: a notice that an
		// item is out of stock owes the buyer the same four steps as an
		// answer to a complaint.
		return rule.ComplaintReply
	}
	if buyer.empty() && items.proactive(res) {
		return rule.Proactive
	}
	return rule.Reply
}

// kindItems are one language's kind-detection patterns.
type kindItems struct {
	problem    pattern.Item
	notProblem *pattern.Item
	// proactiveCue and replyCue are nil in a language whose pack does not
	// tell proactive messages.
	proactiveCue, replyCue *pattern.Item
}

// proactive reports whether the message opens news of its own and answers
// nothing.
func (k kindItems) proactive(res *pattern.Results) bool {
	if k.proactiveCue == nil || len(res.Matches(*k.proactiveCue)) == 0 {
		return false
	}
	return k.replyCue == nil || len(res.Matches(*k.replyCue)) == 0
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
		optional := func(name string) (*pattern.Item, error) {
			if _, ok := vocab[name]; !ok {
				return nil, nil
			}
			it, err := l.patterns.Add(code, "@"+name, nil)
			if err != nil {
				return nil, fmt.Errorf("kind detection in %s: %w", code, err)
			}
			return &it, nil
		}
		k := kindItems{problem: item}
		if k.notProblem, err = optional("not-problem"); err != nil {
			return err
		}
		if k.proactiveCue, err = optional("proactive-cue"); err != nil {
			return err
		}
		if k.replyCue, err = optional("reply-cue"); err != nil {
			return err
		}
		l.problemItems[code] = k
	}
	return nil
}

package lint

import (
	"fmt"
	"strings"

	"github.com/replylint/replylint/lint/check"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/token"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// problemPhrases is the vocabulary of order problems in the seven supported
// languages, in the phrase syntax of rules (folded like a message: lower
// case, no accents). A message, or the buyer message it answers, that talks
// about a problem gets the empathy rules.
func problemPhrases() []string {
	// Single words, separated by spaces.
	words := []string{
		"damage damaged broken defective faulty late delay delayed lost missing return returned returns " +
			"refund refunded replace replacement complain complaint disappointed problem issue cancel cancelled cancellation",
		"beschadigt kaputt defekt verspatet verspatung verloren fehlt ruckerstattung erstattung ersatz reklamation beschwerde " +
			"problem storno stornierung stornieren",
		"endommage casse defectueux retard perdu manquant remboursement rembourser remplacement reclamation plainte probleme " +
			"annuler annulation",
		"danado roto defectuoso retraso retrasado perdido falta reembolso reemplazo sustitucion reclamacion queja problema " +
			"cancelar cancelacion",
		"danneggiato rotto difettoso ritardo perso mancante rimborso sostituzione reclamo problema annullare annullamento",
		// Japanese and Chinese (no spaces between words)
		"破損 壊れ 不良 故障 遅延 遅れ 届かない 届いていない 紛失 返品 返金 交換 不具合 申し訳",
		"损坏 坏了 破损 故障 延迟 延误 没收到 丢失 退货 退款 换货 投诉 问题 抱歉",
	}
	// Phrases of several words.
	phrases := []string{
		"not working", "doesn't work", "does not work", "stopped working", "never arrived", "never received",
		"not arrived", "not received", "wrong item", "wrong size", "wrong color", "wrong colour", "wrong product",
		"out of stock",
		"falsche artikel", "falscher artikel", "falschen artikel", "nicht angekommen",
		"en retard", "mauvais article",
		"articulo equivocado",
		"in ritardo", "articolo sbagliato",
	}
	for _, w := range words {
		phrases = append(phrases, strings.Fields(w)...)
	}
	return phrases
}

// newProblemWords compiles problemPhrases as a phrase list for every
// language: on a linted message it is served by the shared literal scan
// (see match.Index), so telling the kind costs next to nothing.
func newProblemWords() (*match.Set, error) {
	var phrases []match.Expr
	for _, p := range problemPhrases() {
		phrases = append(phrases, match.Expr{Value: p})
	}
	return match.Compile(map[string]match.Block{match.AnyLanguage: {Phrases: phrases}}, match.CompileOptions{})
}

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
		return rule.Reply
	}
	if inReplyTo != "" && len(l.problems.FindAll(m.Language, text.Normalize(inReplyTo))) > 0 {
		return rule.ComplaintReply
	}
	if len(l.problems.FindAll(m.Language, m.Folded)) > 0 {
		return rule.ComplaintReply
	}
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
// language whose pack has a problem vocabulary; the others use the phrase
// list above.
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

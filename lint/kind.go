package lint

import (
	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// problemWords is the vocabulary of order problems, on folded text (lower
// case, no accents), in the seven supported languages. A message, or the
// buyer message it answers, that talks about a problem gets the empathy
// rules. Every alternative is a literal word, so the expression runs only
// around the words an automaton finds in one pass.
var problemWords = match.MustCompileRegexp(`\b(?:` +
	`damaged?|broken|defective|faulty|not working|doesn't work|does not work|stopped working|late|delay(?:ed)?|lost|missing|never (?:arrived|received)|not (?:arrived|received)|wrong (?:item|size|color|colour|product)|return(?:ed|s)?|refund(?:ed)?|replace(?:ment)?|complain(?:t)?|disappointed|problem|issue|out of stock|cancel(?:led|lation)?` +
	`|beschadigt|kaputt|defekt|verspat(?:et|ung)|verloren|fehlt|falsche[rn]? artikel|ruckerstattung|erstattung|ersatz|reklamation|beschwerde|problem|nicht angekommen|storn(?:o|ierung|ieren)` +
	`|endommage|casse|defectueux|en retard|retard|perdu|manquant|mauvais article|remboursement|rembourser|remplacement|reclamation|plainte|probleme|annul(?:er|ation)` +
	`|danado|roto|defectuoso|retraso|retrasado|perdido|falta|articulo equivocado|reembolso|reemplazo|sustitucion|reclamacion|queja|problema|cancela(?:r|cion)` +
	`|danneggiato|rotto|difettoso|ritardo|in ritardo|perso|mancante|articolo sbagliato|rimborso|sostituzione|reclamo|problema|annulla(?:re|mento)` +
	`)\b|破損|壊れ|不良|故障|遅延|遅れ|届かない|届いていない|紛失|返品|返金|交換|不具合|申し訳|损坏|坏了|破损|故障|延迟|延误|没收到|丢失|退货|退款|换货|投诉|问题|抱歉`)

// DetectKind decides whether a message answers a complaint. Only a message
// or buyer message that mentions an order problem is a complaint reply; the
// rest are plain replies (proactive messages must be declared).
func DetectKind(m *message.Message, inReplyTo string) rule.MessageKind {
	if inReplyTo != "" && problemWords.MatchString(text.Normalize(inReplyTo).Text) {
		return rule.ComplaintReply
	}
	if problemWords.MatchString(m.Folded.Text) {
		return rule.ComplaintReply
	}
	return rule.Reply
}

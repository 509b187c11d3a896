package lint_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
)

func choiceFinding(t *testing.T, l *lint.Linter, lang, draft string) *finding.Finding {
	t.Helper()
	res := l.Lint(draft, lint.Options{Language: lang, Kind: rule.ComplaintReply})
	for i, f := range res.Findings {
		if f.Rule == "choice-question" {
			return &res.Findings[i]
		}
	}
	return nil
}

// TestSettledRemedyIsNotOfferedAgain: when the reply has already refunded
// or sent the replacement, in any word order and language, the missing
// closing question is still reported, but "refund or replacement?" is not
// offered; a remedy that is not done ("we have not refunded yet", "we will
// refund") keeps the rule's question.
func TestSettledRemedyIsNotOfferedAgain(t *testing.T) {
	l := builtin(t)
	settled := []struct{ lang, sentence string }{
		{"en", "We have issued a full refund."},
		{"en", "I've refunded the full amount to your card."},
		{"en", "Your refund has been processed today."},
		{"en", "The replacement was shipped this morning."},
		{"en", "A replacement is on its way to you."},
		{"de", "Wir haben Ihnen den Betrag heute erstattet."},
		{"de", "Heute haben wir Ihnen den vollen Kaufpreis zurückerstattet."},
		{"de", "Die Rückerstattung wurde bereits veranlasst."},
		{"de", "Der Ersatzartikel ist schon unterwegs."},
		{"fr", "Nous vous avons remboursé le montant total."},
		{"fr", "Nous avons effectué le remboursement ce matin."},
		{"fr", "Le colis de remplacement a été expédié hier."},
		{"es", "Hemos procesado el reembolso completo."},
		{"es", "El reembolso ya ha sido tramitado."},
		{"es", "Le hemos enviado un reemplazo esta mañana."},
		{"it", "Abbiamo già rimborsato l'importo completo."},
		{"it", "Abbiamo spedito oggi un prodotto sostitutivo."},
		{"it", "Il rimborso è stato effettuato ieri."},
		{"ja", "本日、全額返金いたしました。"},
		{"ja", "交換品を本日発送いたしました。"},
		{"zh", "我们已经为您办理了全额退款。"},
		{"zh", "补发的商品已经发出。"},
	}
	apology := map[string]string{"en": "I'm sorry about the trouble.", "de": "Es tut mir leid.", "fr": "Désolé pour ce souci.",
		"es": "Lo siento mucho.", "it": "Mi dispiace molto.", "ja": "大変申し訳ございません。", "zh": "非常抱歉。"}
	for _, c := range settled {
		f := choiceFinding(t, l, c.lang, apology[c.lang]+" "+c.sentence)
		require.NotNil(t, f, "%s: %q still lacks a closing question", c.lang, c.sentence)
		assert.Equal(t, "remedy-settled", f.Subrule, "%s: %q is a settled remedy", c.lang, c.sentence)
		for _, s := range f.Suggestions {
			assert.Empty(t, s.Edits, "%s: no canned choice between remedies after %q", c.lang, c.sentence)
		}
	}
	open := []struct{ lang, sentence string }{
		{"en", "We have not refunded the order yet."},
		{"en", "We will issue a full refund."},
		{"de", "Wir haben den Betrag noch nicht erstattet."},
		{"fr", "Nous allons vous rembourser."},
		{"es", "Le reembolsaremos el importe."},
		{"it", "Non abbiamo ancora effettuato il rimborso."},
	}
	for _, c := range open {
		f := choiceFinding(t, l, c.lang, apology[c.lang]+" "+c.sentence)
		require.NotNil(t, f, "%s: %q", c.lang, c.sentence)
		assert.Empty(t, f.Subrule, "%s: %q settles nothing", c.lang, c.sentence)
		require.NotEmpty(t, f.Suggestions)
		assert.NotEmpty(t, f.Suggestions[0].Edits, "%s: the rule's question is offered", c.lang)
	}
}

// TestFixDoesNotOfferTheSettledRemedy: the fix loop with unsafe fixes
// never writes "refund or replacement?" under a refund that is done.
func TestFixDoesNotOfferTheSettledRemedy(t *testing.T) {
	l := builtin(t)
	f := choiceFinding(t, l, "en", "Hello Kim,\n\nI'm sorry for the trouble with your order. We have issued a full refund.\n\nThanks,\nTom\n")
	require.NotNil(t, f)
	for _, s := range f.Suggestions {
		for _, e := range s.Edits {
			assert.False(t, strings.Contains(strings.ToLower(e.NewText), "refund"), "offers the refund again: %q", e.NewText)
		}
	}
}

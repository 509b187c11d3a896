package triage_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/triage"
)

// skeletonCases are buyer messages whose skeletons cover every signal's
// remedies and both reply kinds, per language.
func skeletonCases() map[string][]string {
	return map[string][]string{
		"en": {"My parcel has not arrived and I will open an A-to-z claim.", "The lamp arrived broken.", "You sent the wrong size.", "The charger caught fire!", "Please cancel my order.", "Does it fit a queen bed?", "I want a refund."},
		"de": {"Mein Paket ist nicht angekommen, sonst A-bis-z-Garantie.", "Die Tasse kam zerbrochen an.", "Ich habe die falsche Größe bekommen.", "Das Ladegerät hat Funken gesprüht.", "Bitte stornieren Sie meine Bestellung.", "Passt das auf ein Doppelbett?", "Ich möchte eine Rückerstattung."},
		"fr": {"Je n'ai pas reçu ma commande, je vais ouvrir un litige.", "Le vase est arrivé cassé.", "J'ai reçu la mauvaise taille.", "Le chargeur a pris feu.", "Merci d'annuler ma commande.", "Est-ce que ça va sur un lit double ?", "Je voudrais un remboursement."},
		"es": {"Mi pedido no ha llegado y voy a abrir un caso.", "La taza llegó rota.", "Me enviaron la talla equivocada.", "El cargador echó humo.", "Por favor, cancelen mi pedido.", "¿Sirve para una cama doble?", "Quiero un reembolso."},
		"it": {"Il pacco non è arrivato, aprirò un caso.", "La tazza è arrivata rotta.", "Mi avete mandato la taglia sbagliata.", "Il caricatore ha fatto fumo.", "Per favore annullate il mio ordine.", "Va bene per un letto matrimoniale?", "Vorrei un rimborso."},
		"ja": {"荷物がまだ届いていません。Aからzマーケットプレイス保証を申請します。", "カップが割れていました。", "違う商品が届きました。", "充電器から煙が出ました。", "注文をキャンセルしてください。", "ダブルベッドに合いますか。", "返金してください。"},
		"zh": {"我还没收到包裹，我要向亚马逊投诉。", "杯子碎了。", "你们发错了颜色。", "充电器冒烟了。", "请帮我取消订单。", "适合双人床吗？", "我想退款。"},
	}
}

// Every skeleton passes replylint check in template mode: no error or
// warning, on the strictest channel, as the reply kind triage chose.
func TestSkeletonsPassCheck(t *testing.T) {
	tr := newTriager(t)
	l, err := lint.New(lint.Config{Builtin: true})
	require.NoError(t, err)
	for code, msgs := range skeletonCases() {
		for _, m := range msgs {
			// The language is given: detection of one short sentence is not
			// what this test is about.
			r := tr.Analyze(triage.Message{ID: "x", Text: m, Language: code}, time.Time{})
			sk := tr.Skeleton(r)
			require.NotEmpty(t, sk)
			kind := rule.Reply
			if r.Reply == triage.Complaint {
				kind = rule.ComplaintReply
			}
			res := l.Lint(sk, lint.Options{Channel: rule.Amazon, Mode: rule.Template, Kind: kind, Language: code, InReplyTo: m})
			for _, f := range res.Findings {
				assert.Truef(t, f.Severity < finding.Warning, "%s %v: %q\n%s\n%s: %s (%q)", code, r.Signals, m, sk, f.Rule, f.Message, f.Match)
			}
		}
	}
}

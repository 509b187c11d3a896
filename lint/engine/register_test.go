package engine

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/check"
	"github.com/replylint/replylint/lint/core"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

func TestRegisterDetection(t *testing.T) {
	l, err := New(Config{Builtin: true})
	require.NoError(t, err)
	cases := []struct {
		lang, draft, buyer string
		want               core.Register
	}{
		{"de", "Hallo Anna, es tut mir leid, dass dein Paket noch nicht da ist. Ich schicke dir heute Ersatz.", "", core.Informal},
		{"de", "Guten Tag Frau Vogel, es tut mir leid, dass Ihr Paket noch nicht da ist. Ich schicke Ihnen heute Ersatz.", "", core.Formal},
		{"de", "Das Paket ist unterwegs und kommt morgen an.", "Hallo, wo bleibt mein Paket? Kannst du mal nachsehen?", core.Informal},
		{"de", "Das Paket ist unterwegs und kommt morgen an.", "", core.Formal},
		{"fr", "Bonjour Léa, je suis désolé pour ton colis. Je t'envoie un remplacement aujourd'hui.", "", core.Informal},
		{"fr", "Bonjour Madame, je suis désolé pour votre colis. Je vous envoie un remplacement aujourd'hui.", "", core.Formal},
		{"es", "Hola Ana, siento mucho lo de tu pedido. Te envío hoy un reemplazo.", "", core.Informal},
		{"es", "Estimada señora, lamento lo de su pedido. Le enviamos hoy un reemplazo a usted.", "", core.Formal},
		{"it", "Ciao Anna, mi dispiace per il tuo ordine. Ti invio oggi un prodotto sostitutivo.", "", core.Informal},
		{"it", "Gentile signora, mi dispiace per il suo ordine. Le invio oggi un prodotto sostitutivo.", "", core.Formal},
		// English has one "you": every English message is formal.
		{"en", "Hi Ann, sorry about your parcel. I'm sending you a new one today.", "", core.Formal},
	}
	for _, c := range cases {
		m := message.New(c.draft, message.Context{Language: c.lang})
		assert.Equal(t, c.want, l.detectRegister(m, l.buyer(c.lang, c.buyer)), "%s: %q (buyer %q)", c.lang, c.draft, c.buyer)
	}
}

// textRegister is the register a suggestion text itself is written in, and
// whether it shows one at all.
func textRegister(l *Linter, lang, text string) (core.Register, bool) {
	items, ok := l.registerItems[lang]
	if !ok {
		return "", false
	}
	m := message.New(text, message.Context{Language: lang})
	return items.register(check.Results(m, l.patterns))
}

// suggestions lists a rule's suggestions: the rule's own and its sub-rules'.
func suggestions(r *rule.Rule) map[string]*rule.SuggestSpec {
	out := map[string]*rule.SuggestSpec{}
	if r.Suggest != nil {
		out[r.ID] = r.Suggest
	}
	for _, p := range r.Patterns {
		if p.Suggest != nil {
			out[r.ID+"/"+p.ID] = p.Suggest
		}
	}
	return out
}

// TestSuggestionTextsFollowRegister: every suggestion that addresses the
// buyer formally in a language with two registers has an informal variant,
// and the variant is not itself formal.
func TestSuggestionTextsFollowRegister(t *testing.T) {
	l, err := New(Config{Builtin: true})
	require.NoError(t, err)
	variants := 0
	for _, ld := range l.rules {
		for where, s := range suggestions(ld.rule) {
			for lang := range l.registerItems {
				formal, ok := s.Text[lang]
				if !ok {
					continue
				}
				informal, hasInformal := s.Text[lang+rule.InformalSuffix]
				if reg, shown := textRegister(l, lang, formal); shown && reg == core.Formal {
					assert.True(t, hasInformal, "%s %s: %q addresses the buyer formally but has no %s%s text", where, lang, formal, lang, rule.InformalSuffix)
				}
				if !hasInformal {
					continue
				}
				variants++
				assert.NotEqual(t, formal, informal, "%s %s: the informal text differs from the formal one", where, lang)
				reg, shown := textRegister(l, lang, informal)
				assert.False(t, shown && reg == core.Formal, "%s %s: the informal text %q reads as formal", where, lang, informal)
			}
		}
	}
	assert.Greater(t, variants, 80, "the built-in rules carry informal variants")
}

// informalReplies are complaint replies written with du/tu: the empathy
// rules' inserted texts must come out informal too.
var informalReplies = map[string]string{
	"de": "Hallo Anna,\n\ndein Paket ist leider beschädigt angekommen.\n\nViele Grüße\nTom",
	"fr": "Bonjour Léa,\n\nton colis est malheureusement arrivé abîmé.\n\nÀ bientôt,\nTom",
	"es": "Hola Ana,\n\ntu paquete ha llegado dañado.\n\nUn saludo,\nTom",
	"it": "Ciao Anna,\n\nil tuo pacco è arrivato danneggiato.\n\nA presto,\nTom",
}

// TestInformalDraftGetsInformalSuggestions: the empathy insertions for an
// informal draft are the informal texts, and for the same draft declared
// formal the formal ones.
func TestInformalDraftGetsInformalSuggestions(t *testing.T) {
	l, err := New(Config{Builtin: true})
	require.NoError(t, err)
	for lang, draft := range informalReplies {
		for _, reg := range []core.Register{"", core.Formal} {
			t.Run(fmt.Sprintf("%s-%s", lang, reg), func(t *testing.T) {
				res := l.Lint(draft, Options{Language: lang, Kind: rule.ComplaintReply, Register: reg})
				got := 0
				for _, f := range res.Findings {
					r := l.Rule(f.Rule)
					if !slices.Contains([]string{"apology", "ownership", "solution", "choice-question"}, f.Rule) || r.Suggest == nil || len(f.Suggestions) == 0 || len(f.Suggestions[0].Edits) == 0 {
						continue
					}
					want := r.Suggest.Text[lang+rule.InformalSuffix]
					if reg == core.Formal {
						want = r.Suggest.Text[lang]
					}
					if want == "" || strings.Contains(want, "{") {
						continue
					}
					got++
					assert.Contains(t, f.Suggestions[0].Edits[0].NewText, want, "%s suggests in the %s register", f.Rule, reg)
				}
				assert.GreaterOrEqual(t, got, 3, "apology, ownership and solution suggest insertions: %v", res.Findings)
			})
		}
	}
}

// TestInformalEmpathyTextsSatisfyTheirRules: a reply made of the informal
// apology, ownership, solution and closing question passes those rules and
// every rule of tone and policy, so the fix loop can apply them.
func TestInformalEmpathyTextsSatisfyTheirRules(t *testing.T) {
	l, err := New(Config{Builtin: true})
	require.NoError(t, err)
	greeting := map[string][2]string{
		"de": {"Hallo Anna,", "Viele Grüße\nTom"}, "fr": {"Bonjour Léa,", "À bientôt,\nTom"},
		"es": {"Hola Ana,", "Un saludo,\nTom"}, "it": {"Ciao Anna,", "A presto,\nTom"},
	}
	text := func(id, lang string) string {
		s := l.Rule(id).Suggest
		if t, ok := s.Text[lang+rule.InformalSuffix]; ok {
			return t
		}
		return s.Text[lang]
	}
	for lang, g := range greeting {
		body := strings.Join([]string{text("apology", lang), text("ownership", lang), text("solution", lang)}, " ")
		reply := g[0] + "\n\n" + body + "\n\n" + text("choice-question", lang) + "\n\n" + g[1]
		res := l.Lint(reply, Options{Language: lang, Kind: rule.ComplaintReply})
		assert.Equal(t, core.Informal, registerOf(l, reply, lang), "%s reads as informal", lang)
		for _, f := range res.Findings {
			assert.Fail(t, "informal empathy reply has a finding", "%s: %s %s: %s\n%s", lang, f.Rule, f.Subrule, f.Message, reply)
		}
	}
}

// TestInformalRewritesAreClean: every informal rewrite of a sentence, read
// on its own in a message, brings no finding of tone or policy.
func TestInformalRewritesAreClean(t *testing.T) {
	l, err := New(Config{Builtin: true})
	require.NoError(t, err)
	judged := []string{"blame", "pressure", "review-manipulation", "review-incentive", "promotion", "contact-info"}
	for _, ld := range l.rules {
		for where, s := range suggestions(ld.rule) {
			if s.Action != "replace-sentence" {
				continue
			}
			for lang := range l.registerItems {
				informal, ok := s.Text[lang+rule.InformalSuffix]
				if !ok || informal == "" {
					continue
				}
				res := l.Lint(informal, Options{Language: lang, Kind: rule.Reply})
				for _, f := range res.Findings {
					if slices.Contains(judged, f.Rule) {
						assert.Fail(t, "informal rewrite has a finding", "%s %s: %q: %s %s", where, lang, informal, f.Rule, f.Subrule)
					}
				}
			}
		}
	}
}

func registerOf(l *Linter, text, lang string) core.Register {
	return l.detectRegister(message.New(text, message.Context{Language: lang}), nil)
}

package token_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/lint/token"
	"github.com/replylint/replylint/rules"
)

func packs(t *testing.T) lang.Set {
	t.Helper()
	set, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(t, err)
	return set
}

func norms(v *token.View) []string {
	out := make([]string, len(v.Tokens))
	for i, tok := range v.Tokens {
		out[i] = tok.Norm
	}
	return out
}

func TestContractionsAndSpans(t *testing.T) {
	p := packs(t)
	src := "We'll refund it. I can't wait!"
	v := token.Build(src, text.Normalize(src), p["en"])
	assert.Equal(t, []string{"we", "will", "refund", "it", ".", "i", "can", "not", "wait", "!"}, norms(v))
	assert.Equal(t, "We", src[v.Tokens[0].Start:v.Tokens[0].End])
	assert.Equal(t, "'ll", src[v.Tokens[1].Start:v.Tokens[1].End])
	assert.Equal(t, "can't", src[v.Tokens[6].Start:v.Tokens[7].End])
	assert.Len(t, v.Sentences, 2)
	assert.Equal(t, "refund", v.Tokens[2].Stem)

	fr := "J'ai remboursé l'article."
	v = token.Build(fr, text.Normalize(fr), p["fr"])
	assert.Equal(t, []string{"je", "ai", "rembourse", "le", "article", "."}, norms(v))
	assert.Equal(t, "remboursé", fr[v.Tokens[2].Start:v.Tokens[2].End])
}

func TestStemsJoinInflections(t *testing.T) {
	p := packs(t)
	for _, w := range []string{"refunds", "refunded", "refunding"} {
		v := token.Build(w, text.Normalize(w), p["en"])
		assert.Equal(t, "refund", v.Tokens[0].Stem, w)
	}
	de := token.Build("Bewertungen", text.Normalize("Bewertungen"), p["de"])
	de2 := token.Build("Bewertung", text.Normalize("Bewertung"), p["de"])
	assert.Equal(t, de2.Tokens[0].Stem, de.Tokens[0].Stem)
}

func TestBoundaries(t *testing.T) {
	p := packs(t)
	src := "Hi Anna,\n\nthe parcel is at amazon.com, e.g. today, but it\nwill arrive late.\nSorry!\n\nBest,\nTom"
	v := token.Build(src, text.Normalize(src), p["en"])
	sentences := make([]string, len(v.Sentences))
	for i, s := range v.Sentences {
		sentences[i] = src[v.Tokens[s.From].Start:v.Tokens[s.To-1].End]
	}
	assert.Equal(t, []string{"Hi Anna,", "the parcel is at amazon.com, e.g. today, but it\nwill arrive late.", "Sorry!", "Best,", "Tom"}, sentences)
	assert.Len(t, v.Paragraphs, 3)
	// "but" starts a clause; commas end one.
	var clauses []string
	for _, c := range v.Clauses {
		clauses = append(clauses, src[v.Tokens[c.From].Start:v.Tokens[c.To-1].End])
	}
	assert.Contains(t, clauses, "but it\nwill arrive late.")
}

// A full stop written without the space after it still ends the sentence
// before a capitalised word; names and numbers keep their dots.
func TestRunTogetherSentences(t *testing.T) {
	p := packs(t)
	for _, tt := range []struct {
		lang, src string
		want      []string
	}{
		{"fr", "La bouilloire fuie.Je vous en envoie une autre.", []string{"La bouilloire fuie.", "Je vous en envoie une autre."}},
		{"en", "It leaked.I have sent a new one.", []string{"It leaked.", "I have sent a new one."}},
		{"en", "See amazon.com or Amazon.Com and www.Shop.com, 4.5 stars, J.Smith.", []string{"See amazon.com or Amazon.Com and www.Shop.com, 4.5 stars, J.Smith."}},
	} {
		v := token.Build(tt.src, text.Normalize(tt.src), p[tt.lang])
		var got []string
		for _, s := range v.Sentences {
			got = append(got, tt.src[v.Tokens[s.From].Start:v.Tokens[s.To-1].End])
		}
		assert.Equal(t, tt.want, got, tt.src)
	}
}

func TestIdeographsAreTokens(t *testing.T) {
	p := packs(t)
	src := "申し訳ございません。返金します。"
	v := token.Build(src, text.Normalize(src), p["ja"])
	assert.Equal(t, "申", v.Tokens[0].Norm)
	assert.Len(t, v.Sentences, 2)
}

func TestEvasionsAreUndone(t *testing.T) {
	p := packs(t)
	src := "Please r e v i e w us"
	v := token.Build(src, text.Normalize(src), p["en"])
	assert.Equal(t, []string{"please", "review", "us"}, norms(v))
	assert.Equal(t, "r e v i e w", src[v.Tokens[1].Start:v.Tokens[1].End])
}

func TestRunTogetherTextIsSplit(t *testing.T) {
	p := packs(t)
	src := "Pleaseupdateyouraddress now"
	v := token.Build(src, text.Normalize(src), p["en"])
	assert.Equal(t, []string{"please", "update", "your", "address", "now"}, norms(v))
	assert.Equal(t, "update", src[v.Tokens[1].Start:v.Tokens[1].End])
	// A compound of two known words stays one word.
	de := "Produktbewertung"
	v = token.Build(de, text.Normalize(de), p["de"])
	assert.Len(t, v.Tokens, 1)
}

// TestSharpSIsDoubleS: packs write ß as ss, so a word with ß compares equal
// to its ss spelling in every pack, stemmed or not ("Grüße" in a sign-off
// vocabulary that has no German stemmer).
func TestSharpSIsDoubleS(t *testing.T) {
	p := packs(t)
	for _, pack := range []string{"de", "en"} {
		a := token.Build("Grüße", text.Normalize("Grüße"), p[pack])
		b := token.Build("Grüsse", text.Normalize("Grüsse"), p[pack])
		require.Len(t, a.Tokens, 1)
		assert.Equal(t, b.Tokens[0].Norm, a.Tokens[0].Norm, pack)
		assert.Equal(t, b.Tokens[0].Stem, a.Tokens[0].Stem, pack)
		assert.Equal(t, "Grüße", "Grüße"[a.Tokens[0].Start:a.Tokens[0].End], "the span stays on the original")
	}
}

// TestUnknownWordsStayWhole: a long word the dictionary does not know is
// not shredded into letters and particles (port|e|feu|il|le), while text
// typed without spaces is still split, a stray letter gluing real words.
func TestUnknownWordsStayWhole(t *testing.T) {
	p := packs(t)
	whole := []struct{ lang, word string }{{"fr", "portefeuille"}}
	for _, c := range whole {
		v := token.Build(c.word, text.Normalize(c.word), p[c.lang])
		assert.Equal(t, []string{c.word}, norms(v), c.lang)
	}
	split := []struct{ lang, src, want string }{
		{"fr", "désoléquevotrecommandesoitarrivéeabîmée", "desole que votre commande soit arrive e abimee"},
		{"en", "iwillsendanewonetodayatnocost", "i will send a new one today at no cost"},
	}
	for _, c := range split {
		v := token.Build(c.src, text.Normalize(c.src), p[c.lang])
		assert.Equal(t, strings.Fields(c.want), norms(v), c.lang)
	}
}

// TestAdverbialConnectors: a conjunction starts a clause wherever it stands;
// an adverbial connector of the pack only after one of its coordinators ("et
// pourtant"), where the clause starts at the coordinator. Inside a clause it
// is an adverb ("nous avons pourtant envoyé") or a particle ("いつでも"), and
// after punctuation the clause has started anyway.
func TestAdverbialConnectors(t *testing.T) {
	p := packs(t)
	tests := []struct {
		lang, src string
		want      []string
	}{
		{"fr", "Nous avons pourtant envoyé le bon article.", []string{"Nous avons pourtant envoyé le bon article."}},
		{"fr", "Nous l'avons testé et pourtant il ne marche pas, mais je vous aide.",
			[]string{"Nous l'avons testé", "et pourtant il ne marche pas,", "mais je vous aide."}},
		{"fr", "Le colis est parti. Toutefois, il a du retard.", []string{"Le colis est parti.", "Toutefois,", "il a du retard."}},
		{"de", "Rücksendungen können wir jedoch nicht per E-Mail annehmen.", []string{"Rücksendungen können wir jedoch nicht per E-Mail annehmen."}},
		{"de", "Wir haben aber den richtigen Artikel geschickt und trotzdem tut es uns leid.",
			[]string{"Wir haben aber den richtigen Artikel geschickt", "und trotzdem tut es uns leid."}},
		{"de", "Das ist kein Mangel sondern Verschleiß.", []string{"Das ist kein Mangel", "sondern Verschleiß."}},
		{"en", "We did however send the right item but I will help.", []string{"We did however send the right item", "but I will help."}},
		{"es", "Hemos enviado sin embargo el artículo correcto pero lo sentimos.",
			[]string{"Hemos enviado sin embargo el artículo correcto", "pero lo sentimos."}},
		{"it", "Abbiamo però spedito l'articolo giusto ma le mando comunque un altro.",
			[]string{"Abbiamo però spedito l'articolo giusto", "ma le mando comunque un altro."}},
		{"ja", "いつでもご連絡ください。", []string{"いつでもご連絡ください。"}},
		{"zh", "这可是正品，但是我们会退款。", []string{"这可是正品，", "但是我们会退款。"}},
	}
	for _, tt := range tests {
		v := token.Build(tt.src, text.Normalize(tt.src), p[tt.lang])
		var clauses []string
		for _, c := range v.Clauses {
			clauses = append(clauses, tt.src[v.Tokens[c.From].Start:v.Tokens[c.To-1].End])
		}
		assert.Equal(t, tt.want, clauses, tt.src)
	}
}

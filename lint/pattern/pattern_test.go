package pattern_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/lint/token"
	"github.com/replylint/replylint/rules"
)

func compiler(t *testing.T) *pattern.Compiler {
	t.Helper()
	set, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(t, err)
	return pattern.NewCompiler(set)
}

// found returns the texts an item matched in src.
func found(t *testing.T, c *pattern.Compiler, code string, item pattern.Item, src string) []string {
	t.Helper()
	v := token.Build(src, text.Normalize(src), c.Pack(code))
	var out []string
	for _, m := range c.Run(code, v).Matches(item) {
		out = append(out, src[v.Tokens[m.From].Start:v.Tokens[m.To-1].End])
	}
	return out
}

func TestSequencePatterns(t *testing.T) {
	locals := map[string]*lang.Vocabulary{
		"benefit": {Name: "benefit", Entries: []lang.Entry{{Text: "gift card"}, {Text: "refund"}, {Text: "coupon"}}},
		"apology": {Name: "apology", Typos: 1, Entries: []lang.Entry{{Text: "apologise"}, {Text: "sorry"}}},
	}
	tests := []struct {
		name, pattern, src string
		want               []string
	}{
		{"stem matches inflections", "refund", "We refunded you and will keep refunding.", []string{"refunded", "refunding"}},
		{"exact form only", "=refund", "We refunded the refund.", []string{"refund"}},
		{"prefix", "refund*", "It is refundable.", []string{"refundable"}},
		{"vocabulary with phrases", "@benefit", "Get a gift card or a coupon.", []string{"gift card", "coupon"}},
		{"skip", "send .. @benefit", "We send you a nice coupon today.", []string{"send you a nice coupon"}},
		{"skip is bounded", "send ..2 @benefit", "We send you a very nice coupon.", nil},
		{"no match across sentences", "review .. @benefit", "Update your review. A refund is on its way.", nil},
		{"optional", "full? refund", "A full refund. A refund.", []string{"full refund", "refund"}},
		{"negation", "!not refund", "We will not refund. We will refund.", []string{"will refund"}},
		{"alternatives", "send|ship it", "We ship it.", []string{"ship it"}},
		{"contractions", "we will send", "We'll send it.", []string{"We'll send"}},
		{"typo tolerance", "@apology", "I aplogise for this.", []string{"aplogise"}},
		{"typo needs length", "@apology", "I am sorty.", nil},
		{"punctuation", "refund '?'", "A refund?", []string{"refund?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := compiler(t)
			item, err := c.Add("en", tt.pattern, pattern.NewLocals(locals))
			require.NoError(t, err)
			c.Freeze()
			assert.Equal(t, tt.want, found(t, c, "en", item, tt.src))
		})
	}
}

func TestPackVocabulariesAndLanguages(t *testing.T) {
	c := compiler(t)
	de, err := c.Add("de", "@first-person", nil)
	require.NoError(t, err)
	ja, err := c.Add("ja", "返金", nil)
	require.NoError(t, err)
	c.Freeze()
	assert.Equal(t, []string{"Wir"}, found(t, c, "de", de, "Wir senden es heute."))
	assert.Equal(t, []string{"返金"}, found(t, c, "ja", ja, "全額返金いたします。"))
}

func TestCompileErrors(t *testing.T) {
	c := compiler(t)
	for _, bad := range []string{"", ".. refund", "refund ..", "..99 x", "@", "re@fund", "!x? y", "@nosuch"} {
		_, err := c.Add("en", bad, nil)
		assert.Error(t, err, bad)
	}
	_, err := c.Add("en", "@nosuch", nil)
	assert.ErrorIs(t, err, pattern.ErrMissingVocabulary)
	self := map[string]*lang.Vocabulary{"loop": {Name: "loop", Entries: []lang.Entry{{Text: "a @loop"}}}}
	_, err = c.Add("en", "@loop", pattern.NewLocals(self))
	assert.ErrorContains(t, err, "refers to itself")
}

// TestAlternativesAreOneSlot: "not a|the defect" is not, then a or the,
// then defect.
func TestAlternativesAreOneSlot(t *testing.T) {
	c := compiler(t)
	item, err := c.Add("en", "not a|the defect", nil)
	require.NoError(t, err)
	c.Freeze()
	assert.Equal(t, []string{"not a defect", "not the defect"}, found(t, c, "en", item, "It is not a defect. It is not the defect. It is a defect."))
}

// TestRepeatedWordIsAnError: neighbouring slots that take the same word are
// the trap of "a|b c" written for "a" or "b c": an error at load, where the
// rule's file:line:col is known.
func TestRepeatedWordIsAnError(t *testing.T) {
	c := compiler(t)
	for _, bad := range []string{
		"is|it is not a defect",             // (is|it) is …, not "is" or "it is"
		"could not|can not deliver",         // could (not|can) deliver
		"=in arrivo|=in viaggio",            // in (arrivo|in) viaggio
		"codice sconto|coupon|buono sconto", // codice (sconto|coupon|buono) sconto
		"the|a? the item",
		"!x send|ship ship", // a slot that is not simple
	} {
		_, err := c.Add("en", bad, nil)
		assert.ErrorContains(t, err, "twice in a row", bad)
		assert.ErrorContains(t, c.Check("en", bad, nil), "twice in a row", "the check at load says so too: %s", bad)
	}
	for _, good := range []string{
		"send|ship it",
		"offerta speciale|esclusiva",
		"it|this|that? is not a|an defect",
		"!refund|return refund",          // a negated slot says what the token is not
		"'?'|'!' '?'",                    // punctuation may repeat: ?? and !?
		"@first-person|we @first-person", // vocabularies are not words
		"very very",                      // no alternative: written so on purpose
	} {
		_, err := c.Add("en", good, nil)
		assert.NoError(t, err, good)
	}
}

// A leftmost-longest match that runs past a clause end leaves a shorter
// match inside the clause to Within.
func TestWithinFindsTheLongestMatchInsideALimit(t *testing.T) {
	c := compiler(t)
	item, err := c.Add("en", "send ..6 new|other", nil)
	require.NoError(t, err)
	c.Freeze()
	src := "We send a new lamp; keep the other one."
	v := token.Build(src, text.Normalize(src), c.Pack("en"))
	res := c.Run("en", v)
	defer res.Release()
	ms := res.Matches(item)
	require.Len(t, ms, 1)
	assert.Equal(t, "send a new lamp; keep the other", src[v.Tokens[ms[0].From].Start:v.Tokens[ms[0].To-1].End])
	semi := 0
	for i, tk := range v.Tokens {
		if src[tk.Start:tk.End] == ";" {
			semi = i
		}
	}
	short, ok := res.Within(item, ms[0], semi)
	require.True(t, ok)
	assert.Equal(t, "send a new", src[v.Tokens[short.From].Start:v.Tokens[short.To-1].End])
	_, ok = res.Within(item, ms[0], ms[0].From+1)
	assert.False(t, ok, "no match fits one token")
}

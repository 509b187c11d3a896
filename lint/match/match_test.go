package match

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

func TestPhraseSyntax(t *testing.T) {
	for _, tc := range []struct {
		phrase string
		hits   []string
		misses []string
	}{
		{"(remove|delete) * review", []string{"remove review", "remove your review", "delete your old negative review"}, []string{"remove it now because it is a review"}},
		{"5 star review", []string{"5 star review", "5-star review"}, []string{"5star review"}},
		{"(take down|pull) it", []string{"take down it", "pull it"}, nil},
		{"désolé", []string{"desole", "désolé"}, nil},
	} {
		expr, err := PhraseRegexp(tc.phrase)
		require.NoError(t, err, tc.phrase)
		re := regexp.MustCompile("^(?:" + expr + ")$")
		for _, h := range tc.hits {
			assert.True(t, re.MatchString(text.Normalize(h).Text), "%q should match %q", tc.phrase, h)
		}
		for _, m := range tc.misses {
			assert.False(t, re.MatchString(text.Normalize(m).Text), "%q should not match %q", tc.phrase, m)
		}
	}
	for _, bad := range []string{"", "(a|b", "a)", "a|b", "* a", "a *"} {
		_, err := PhraseRegexp(bad)
		assert.Error(t, err, bad)
	}
}

func compile(t *testing.T, yaml string) *Set {
	t.Helper()
	r, err := rule.Parse("t.yaml", []byte(yaml))
	require.NoError(t, err)
	s, err := CompileRule(r, r.Match)
	require.NoError(t, err)
	return s
}

func TestFindAllBoundariesExceptAndSpans(t *testing.T) {
	s := compile(t, `id: t
kind: phrase
severity: error
message: m
match:
  en:
    phrases: [review]
    except: [thank you for your review]
  ja:
    phrases: [レビュー]
examples: {bad: [review], good: [preview]}
`)
	src := "A preview. Thank you for your review! Please ＲＥＶＩＥＷ it."
	n := text.Normalize(src)
	spans := s.FindAll("en", n)
	require.Len(t, spans, 1)
	assert.Equal(t, "ＲＥＶＩＥＷ", src[spans[0].Start:spans[0].End])

	ja := "商品のレビューを削除"
	spans = s.FindAll("ja", text.Normalize(ja))
	require.Len(t, spans, 1, "no word boundaries in Japanese")
	assert.Equal(t, "レビュー", ja[spans[0].Start:spans[0].End])
	assert.Empty(t, s.FindAll("de", n), "no list for German")
}

func TestBadPatternIsReportedAtItsPosition(t *testing.T) {
	r, err := rule.Parse("t.yaml", []byte("id: t\nkind: phrase\nseverity: error\nmessage: m\nmatch:\n  en:\n    patterns:\n      - 'a(b'\nexamples: {bad: [x], good: [y]}\n"))
	require.NoError(t, err)
	_, err = CompileRule(r, r.Match)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "8:9: pattern \"a(b\" is not valid RE2") // the file is added by package check
}

func TestPhraseEdges(t *testing.T) {
	for phrase, want := range map[string]string{
		"refund":               `\brefund\b`,
		"(refund|replacement)": `\b(?:refund|replacement)\b`,
		"full (refund|return)": `\bfull[ -](?:refund|return)\b`,
		"(refund|)":            `(?:refund|)`, // empty alternative: no edge
		"$5 off":               `\$5[ -]off\b`,
		"返金":                   `返金`,
		"((a|b)c|d)":           `(?:(?:a|b)c|d)`, // nested: no edge
		"sorry!":               `\bsorry!`,
	} {
		got, err := PhraseRegexp(phrase)
		require.NoError(t, err, phrase)
		assert.Equal(t, want, got, phrase)
	}
	// With the edges, the list's order no longer decides which of two
	// words sharing a start matches.
	set, err := CompileRule(&rule.Rule{Spec: rule.Spec{ID: "t"}}, map[string]rule.Match{
		"en": {Phrases: []rule.String{{Value: "damage"}, {Value: "damaged"}}},
	})
	require.NoError(t, err)
	assert.Len(t, set.FindAll("en", text.Normalize("The lid arrived damaged.")), 1)
}

// TestExactSetWordEdges: phrases between \b's are matched without a
// regexp, and the boundaries hold against the whole text, not the window.
func TestExactSetWordEdges(t *testing.T) {
	e := newExactSet(`\b(?:refund|refunded|re)\b`)
	require.NotNil(t, e)
	for _, tc := range []struct {
		text   string
		at     int
		end    int
		wantOK bool
	}{
		{"a refund.", 2, 8, true},
		{"a refunded item", 2, 10, true},
		{"prerefund", 3, 0, false}, // follows a word character
		{"refunds", 0, 0, false},   // followed by one
		{"re-do", 0, 2, true},
	} {
		end, ok := e.matchAt(tc.text, tc.at, len(tc.text))
		assert.Equal(t, tc.wantOK, ok, tc.text)
		if ok {
			assert.Equal(t, tc.end, end, tc.text)
		}
	}
	assert.Nil(t, newExactSet(`\b(?:refund|\$5)\b`), `\b before "$" is not a start boundary`)
}

package lint_test

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/rules"
)

// TestTypeDetectionPackExamples classifies the type-examples of every
// language pack: each must be detected as the type it is listed under.
func TestTypeDetectionPackExamples(t *testing.T) {
	l := builtin(t)
	packs, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(t, err)
	total := 0
	for _, code := range packs.Languages() {
		p := packs[code]
		types := make([]string, 0, len(p.TypeExamples))
		for typ := range p.TypeExamples {
			types = append(types, typ)
		}
		sort.Strings(types)
		for _, typ := range types {
			_, err := rule.ParseMessageType(typ)
			require.NoError(t, err, "%s pack", code)
			for _, text := range p.TypeExamples[typ] {
				total++
				assert.Equal(t, rule.MessageType(typ), l.DetectType(text, code), "%s: %q", code, text)
			}
		}
	}
	assert.Positive(t, total)
}

// TestTypeDeclaredWins: a declared type is not second-guessed, and the
// result says which type the rules saw.
func TestTypeDeclaredWins(t *testing.T) {
	l := builtin(t)
	text := "Thank you for your order! We are here to help."
	res := l.Lint(text, lint.Options{Language: "en"})
	assert.Equal(t, rule.TypeThankYou, res.Type)
	res = l.Lint(text, lint.Options{Language: "en", Type: rule.TypeInvoice})
	assert.Equal(t, rule.TypeInvoice, res.Type)
	// A language without type vocabularies gets other.
	assert.Equal(t, rule.TypeOther, l.DetectType("Nothing to see.", "xx"))
}

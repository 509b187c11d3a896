package engine

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLocaleCatalogsComplete: every locale replylint offers translates
// every text of the built-in rules and of the engine.
func TestLocaleCatalogsComplete(t *testing.T) {
	l, err := New(Config{Builtin: true})
	require.NoError(t, err)
	for _, loc := range Locales() {
		assert.True(t, l.Catalog().Has(loc), "locale %s has a catalog", loc)
	}
	missing := l.Catalog().Missing(l.BuiltinTexts())
	for _, loc := range Locales() {
		assert.Empty(t, missing[loc], "texts locale %s does not translate", loc)
	}
}

// TestBuiltinCatalogsCheck holds the built-in catalogs against the
// built-in rules (New does not: both are fixed when the binary is built):
// no key nothing has, no placeholder dropped or renamed.
func TestBuiltinCatalogsCheck(t *testing.T) {
	l, err := New(Config{Builtin: true})
	require.NoError(t, err)
	require.NoError(t, l.Catalog().Check(builtinTexts(l.Rules())))
}

// unfilled is a placeholder left in a finding's message.
var unfilled = regexp.MustCompile(`\{[a-z][a-z0-9-]*\}`)

// TestExampleFindingsInEveryLocale lints every bad example of every
// built-in rule in each locale: each finding's message and each fix's
// description is written in the locale (not the English text), with
// every placeholder filled.
func TestExampleFindingsInEveryLocale(t *testing.T) {
	l, err := New(Config{Builtin: true})
	require.NoError(t, err)
	checked := 0
	for _, ld := range l.rules {
		for _, ex := range ld.rule.Examples.Bad {
			opts, err := exampleOptions(ld.rule, ex)
			require.NoError(t, err)
			opts.Only = ld.rule.ID
			text, _, err := ExampleMarks(ex.Text)
			require.NoError(t, err)
			if ex.Format == "html" {
				visible, err := exampleHTML(text)
				require.NoError(t, err)
				opts.Markup, text = text, visible
			}
			opts.Locale = "en"
			english := l.lintOne(ld, text, opts)
			for _, f := range english.Findings {
				assert.NotRegexp(t, unfilled, f.Message, "%s: English message of %q", ld.rule.ID, text)
			}
			for _, loc := range Locales()[1:] {
				opts.Locale = loc
				res := l.lintOne(ld, text, opts)
				require.Equal(t, loc, res.Locale)
				require.Len(t, res.Findings, len(english.Findings), "%s in %s: the locale changes no judgement", ld.rule.ID, loc)
				for i, f := range res.Findings {
					en := english.Findings[i]
					assert.NotEqual(t, en.Message, f.Message, "%s/%s in %s: message not translated", ld.rule.ID, f.Subrule, loc)
					assert.NotRegexp(t, unfilled, f.Message, "%s in %s", ld.rule.ID, loc)
					require.Len(t, f.Suggestions, len(en.Suggestions))
					for j, s := range f.Suggestions {
						if en.Suggestions[j].Description != "" {
							assert.NotEqual(t, en.Suggestions[j].Description, s.Description, "%s/%s in %s: fix description not translated", ld.rule.ID, f.Subrule, loc)
						}
						assert.Equal(t, en.Suggestions[j].Edits, s.Edits, "the locale of the reader does not change the rewrite")
					}
					checked++
				}
			}
		}
	}
	assert.Greater(t, checked, 1000)
}

package rule

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const partRule = `id: greet
kind: phrase
severity: warning
message: m
suggest:
  description: d
  action: replace
  text:
    en: Hello
patterns:
  - id: wave
    pattern: hi
    message: w
    suggest:
      description: d
      action: replace
      text:
        en: Hi there
`

func partFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// TestLanguagePartsJoinTheirRule: a rule's parts in lang/<code>/rules give
// it texts and examples in their language; lang/any/rules examples keep
// their language open.
func TestLanguagePartsJoinTheirRule(t *testing.T) {
	fsys := partFS(map[string]string{
		"tone/greet.yaml": partRule,
		"lang/de/rules/greet.yaml": "rewrites:\n  greet: Hallo\n  greet@informal: Hallo du\n  greet/wave: Hallo zusammen\n" +
			"examples:\n  bad: [\"⟦hi⟧ Anna\"]\n  good: [Guten Tag]\n",
		"lang/any/rules/greet.yaml": "examples:\n  good: [{text: Bonjour, language: fr}, 12345]\n",
	})
	rs, err := LoadFS(fsys, ".", "f")
	require.NoError(t, err)
	require.Len(t, rs, 1)
	r := rs[0]
	assert.Equal(t, map[string]string{"en": "Hello", "de": "Hallo", "de@informal": "Hallo du"}, r.Suggest.Text)
	assert.Equal(t, map[string]string{"en": "Hi there", "de": "Hallo zusammen"}, r.Patterns[0].Suggest.Text)
	require.Len(t, r.Examples.Bad, 1)
	bad := r.Examples.Bad[0]
	assert.Equal(t, "de", bad.Language, "the folder gives the language")
	assert.Equal(t, "f/lang/de/rules/greet.yaml", r.ExampleFile(bad))
	assert.Equal(t, 6, bad.Line)
	// any first, then the languages in order.
	var goods []string
	for _, g := range r.Examples.Good {
		goods = append(goods, g.Text+"/"+g.Language)
	}
	assert.Equal(t, []string{"Bonjour/fr", "12345/", "Guten Tag/de"}, goods)

	one, err := ParseFS(fsys, ".", "tone/greet.yaml", "f")
	require.NoError(t, err)
	assert.Equal(t, r.Examples, one.Examples)
}

// TestLanguagePartErrors: each mistake in a part is named with its place.
func TestLanguagePartErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file, part, want string
	}{
		{"unknown rule", "lang/de/rules/nope.yaml", "examples: {good: [a]}\n", `f/lang/de/rules/nope.yaml: examples of rule "nope", which this rules folder does not have`},
		{"language in its folder", "lang/de/rules/greet.yaml", "examples:\n  good:\n    - {text: a, language: fr}\n", `f/lang/de/rules/greet.yaml:3:7: the example names language "fr", but its folder gives it (de)`},
		{"unknown key", "lang/de/rules/greet.yaml", "exemples: {good: [a]}\n", `f/lang/de/rules/greet.yaml:1:1: unknown key "exemples"`},
		{"empty", "lang/de/rules/greet.yaml", "{}\n", "f/lang/de/rules/greet.yaml:1:1: empty"},
		{"unknown sub-rule", "lang/de/rules/greet.yaml", "rewrites:\n  greet/nod: x\n", `f/lang/de/rules/greet.yaml:2:3: rewrite "greet/nod": rule greet/nod has no suggestion there`},
		{"other rule", "lang/de/rules/greet.yaml", "rewrites:\n  blame: x\n", `f/lang/de/rules/greet.yaml:2:3: rewrite "blame" is not of rule greet`},
		{"bad variant", "lang/de/rules/greet.yaml", "rewrites:\n  greet@formal: x\n", `unknown variant "@formal"`},
		{"twice", "lang/en/rules/greet.yaml", "rewrites:\n  greet: x\n", `f/lang/en/rules/greet.yaml:2:3: rewrite "greet": the rule file already gives its en text`},
		{"rewrites without a language", "lang/any/rules/greet.yaml", "rewrites:\n  greet: x\n", "rewrites are written in a language"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := partFS(map[string]string{"tone/greet.yaml": partRule, tc.file: tc.part})
			_, err := LoadFS(fsys, ".", "f")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestRuleWithoutExamplesAnywhere: a folder's rule needs examples in its
// file or its parts; a lone rule file needs them in the file.
func TestRuleWithoutExamplesAnywhere(t *testing.T) {
	fsys := partFS(map[string]string{"tone/greet.yaml": partRule, "lang/de/rules/greet.yaml": "rewrites:\n  greet: Hallo\n"})
	_, err := LoadFS(fsys, ".", "f")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "f/tone/greet.yaml:1:1: no examples")
	assert.Contains(t, err.Error(), "lang/<code>/rules/greet.yaml")
	_, err = Parse("greet.yaml", []byte(partRule))
	assert.ErrorContains(t, err, "no examples")
}

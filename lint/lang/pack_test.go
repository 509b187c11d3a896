package lang_test

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/rules"
)

func TestBuiltinPacksLoad(t *testing.T) {
	set, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(t, err)
	assert.Equal(t, []string{"de", "en", "es", "fr", "it", "ja", "zh"}, set.Languages())
	for _, code := range set.Languages() {
		p := set[code]
		for _, name := range []string{"first-person", "you", "negation", "condition-marker", "please"} {
			assert.Contains(t, p.Vocabularies, name, "%s lacks %s", code, name)
		}
	}
	assert.Equal(t, "refund", set["en"].Stem("refunded"))
	assert.Equal(t, "返金", set["ja"].Stem("返金"), "no stemmer: the word itself")
	assert.True(t, set["en"].IsWord("please"))
}

func TestPackErrors(t *testing.T) {
	tests := map[string]struct {
		files map[string]string
		want  string
	}{
		"unknown key":                {map[string]string{"lang/en/a.yaml": "language: en\nvocabs: {}\n"}, "a.yaml:2:1"},
		"folder and language differ": {map[string]string{"lang/en/a.yaml": "language: de\n"}, `language "de" in the folder of "en"`},
		"no language":                {map[string]string{"lang/en/a.yaml": "stemmer: english\n"}, "needs language:"},
		"bad stemmer":                {map[string]string{"lang/en/a.yaml": "language: en\nstemmer: klingon\n"}, `unknown stemmer "klingon"`},
		"duplicate vocabulary": {map[string]string{
			"lang/en/a.yaml": "language: en\nvocabularies:\n  x: [a]\n",
			"lang/en/b.yaml": "language: en\nvocabularies:\n  x: [b]\n",
		}, `b.yaml:3:3: vocabulary "x" is already defined at rules/lang/en/a.yaml:3:3`},
		"bad name":    {map[string]string{"lang/en/a.yaml": "language: en\nvocabularies:\n  Bad_Name: [a]\n"}, "use lower-case words"},
		"empty":       {map[string]string{"lang/en/a.yaml": "language: en\nvocabularies:\n  x: []\n"}, `vocabulary "x" is empty`},
		"typos range": {map[string]string{"lang/en/a.yaml": "language: en\nvocabularies:\n  x: {typos: 5, words: [a]}\n"}, "typos must be 0, 1 or 2"},
		"broken yaml": {map[string]string{"lang/en/a.yaml": "language: [en\n"}, "a.yaml"},
		"conjunction and adverb": {map[string]string{
			"lang/en/a.yaml": "language: en\nclause-connectors: [but, however]\n",
			"lang/en/b.yaml": "language: en\nadverbial-connectors: [however]\n",
		}, `b.yaml:2:23: "however" is both a clause connector and an adverbial connector of en`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for p, data := range tt.files {
				fsys[p] = &fstest.MapFile{Data: []byte(data)}
			}
			_, err := lang.LoadFS(fsys, "lang", "rules/lang")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestPacksMergeAcrossLoads(t *testing.T) {
	set, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(t, err)
	extra := fstest.MapFS{"en/shop.yaml": &fstest.MapFile{Data: []byte("language: en\nvocabularies:\n  our-brand: [lumora]\n")}}
	require.NoError(t, set.Load(extra, ".", "my-rules/lang"))
	assert.Contains(t, set["en"].Vocabularies, "our-brand")
	assert.Equal(t, "refund", set["en"].Stem("refunds"), "the stemmer survives a second load")
}

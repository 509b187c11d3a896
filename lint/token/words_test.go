package token

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/rules"
)

// wordsSlow is Words without its shortcut for plain words.
func wordsSlow(phrase string, pack *lang.Pack) []string {
	t := tokenizer{src: phrase, folded: text.Normalize(phrase), pack: pack, noStem: true}
	t.split()
	out := make([]string, len(t.tokens))
	for i, tok := range t.tokens {
		out[i] = tok.Norm
	}
	return out
}

// TestPlainWordShortcut: the shortcut gives what tokenizing gives, for every
// word of every vocabulary entry and dictionary of every pack.
func TestPlainWordShortcut(t *testing.T) {
	set, err := lang.DecodeSnapshot(rules.Packs)
	require.NoError(t, err)
	plain := 0
	for _, code := range append(set.Languages(), lang.Shared) {
		pack := set[code]
		var words []string
		for _, v := range pack.Vocabularies {
			for _, e := range v.Entries {
				for _, f := range strings.Fields(e.Text) {
					words = append(words, strings.Split(strings.Trim(f, "=!?@*"), "|")...)
				}
			}
		}
		words = append(words, pack.Dictionary...)
		for k := range pack.Contractions {
			words = append(words, k)
		}
		for _, w := range words {
			if plainWord(w, pack) {
				plain++
				assert.Equal(t, wordsSlow(w, pack), Words(w, pack), "%s %q", code, w)
			}
		}
	}
	require.Greater(t, plain, 1000)
	for _, w := range []string{"dont", "rev1ew", "Hello", "pleasecontactus", "caf\u00e9", "im"} {
		assert.Equal(t, wordsSlow(w, set["en"]), Words(w, set["en"]), w)
	}
}

// TestASCIIWordRunes: the ASCII shortcut of isWordRune says what the rule
// for every rune says.
func TestASCIIWordRunes(t *testing.T) {
	for r := rune(0); r < 0x80; r++ {
		assert.Equal(t, text.IsWordRune(r) && !isIdeograph(r), isWordRune(r), "%q", r)
	}
}

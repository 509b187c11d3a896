package message

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/text"
)

// TestClipSentencesIsSentences backs clipSentences: on the rule examples,
// the bundled examples and texts where a part starts or ends mid-line, the
// whole text's sentences cut to a part are that part's sentences.
func TestClipSentencesIsSentences(t *testing.T) {
	texts := []string{
		"Hi Maria, I'm sorry. It broke!\nWe will fix it.\n\nBest,\nTom",
		"Hi Maria, i.e. sorry e.g. this.Next one? Yes!! \"Quoted.\" (Aside.) End",
		"こんにちは。申し訳ございません！ありがとう？", "", "   ", "no punctuation at all",
	}
	for _, dir := range []string{"../../testdata/examples", "../../testdata/corpus/messages"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if data, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
				texts = append(texts, string(data))
			}
		}
	}
	require.Greater(t, len(texts), 10)
	for _, src := range texts {
		all := Sentences(src, match.Span{Start: 0, End: len(src)})
		parts := []match.Span{Analyze(text.NewSource(src), nil, "en").Body}
		onRune := func(i int) bool { return i == len(src) || utf8.RuneStart(src[i]) }
		for a := 0; a <= len(src); a += 7 {
			for b := a; b <= len(src); b += 11 {
				if onRune(a) && onRune(b) {
					parts = append(parts, match.Span{Start: a, End: b})
				}
			}
		}
		for _, p := range parts {
			assert.Equal(t, Sentences(src, p), clipSentences(src, all, p), "%q in %q", p, src)
		}
	}
}

package fix

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/text"
)

func edit(start, end int, s string) finding.Edit {
	return finding.Edit{Start: text.Position{Offset: start}, End: text.Position{Offset: end}, NewText: s}
}

func TestApply(t *testing.T) {
	got, err := Apply("abc def ghi", []finding.Edit{edit(8, 11, "GHI"), edit(0, 0, "> "), edit(4, 7, "")})
	require.NoError(t, err)
	assert.Equal(t, "> abc  GHI", got)

	_, err = Apply("abc", []finding.Edit{edit(0, 2, "x"), edit(1, 3, "y")})
	require.ErrorIs(t, err, ErrOverlap)

	_, err = Apply("abc", []finding.Edit{edit(2, 9, "x")})
	require.Error(t, err)

	_, err = Apply("é", []finding.Edit{edit(1, 2, "")})
	require.Error(t, err, "splitting a character is refused")
}

func TestSelectSkipsUnsafeAndOverlaps(t *testing.T) {
	fs := []finding.Finding{
		{Rule: "a", Suggestions: []finding.Suggestion{{Safe: true, Edits: []finding.Edit{edit(0, 3, "X")}}}},
		{Rule: "b", Suggestions: []finding.Suggestion{{Safe: true, Edits: []finding.Edit{edit(2, 5, "Y")}}}},
		{Rule: "c", Suggestions: []finding.Suggestion{{Safe: false, Edits: []finding.Edit{edit(6, 7, "Z")}}}},
	}
	assert.Equal(t, []finding.Edit{edit(0, 3, "X")}, Select(fs, false))
	assert.Equal(t, []finding.Edit{edit(0, 3, "X"), edit(6, 7, "Z")}, Select(fs, true))
}

func TestUnifiedDiff(t *testing.T) {
	assert.Empty(t, UnifiedDiff("a.txt", "same\n", "same\n"))
	before := "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n"
	after := "one\ntwo\nthree\nFOUR\nfive\nsix\nseven\neight\nnine"
	want := "--- a/a.txt\n+++ b/a.txt\n@@ -1,8 +1,9 @@\n one\n two\n three\n-four\n+FOUR\n five\n six\n seven\n eight\n+nine\n\\ No newline at end of file\n"
	assert.Equal(t, want, UnifiedDiff("a.txt", before, after))
	crlf := UnifiedDiff("b.txt", "a\r\nb\r\n", "a\r\nB\r\n")
	assert.Contains(t, crlf, "-b\r\n+B\r\n")
}

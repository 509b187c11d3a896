package report

import (
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/text"
)

func TestFindingsCountOffsetsInThreeUnits(t *testing.T) {
	// "é" is 2 bytes, 1 UTF-16 unit, 1 code point; "😀" is 4 bytes, 2
	// UTF-16 units (a surrogate pair), 1 code point.
	src := "é😀 call 555-0100 now\xff!"
	at := func(o int) text.Position { return text.NewSource(src).Position(o) }
	start, end := len("é😀 call "), len("é😀 call 555-0100")
	fds := []finding.Finding{{
		Rule: "contact-info", Severity: finding.Error, Start: at(start), End: at(end),
		Suggestions: []finding.Suggestion{{Edits: []finding.Edit{{Start: at(start - 1), End: at(len(src)), NewText: ""}}}},
	}}
	got := Findings(fds, src)
	require.Len(t, got, 1)
	assert.Equal(t, Range{Offset: start, EndOffset: end, UTF16Offset: 9, UTF16EndOffset: 17, RuneOffset: 8, RuneEndOffset: 16}, got[0].Range)
	e := got[0].Suggestions[0].Edits[0].Range
	assert.Equal(t, 8, e.UTF16Offset)
	assert.Equal(t, len(utf16.Encode([]rune(src))), e.UTF16EndOffset)
	assert.Equal(t, utf8.RuneCountInString(src), e.RuneEndOffset)
}

func TestFindingsOffsetInsideACharacterIsItsStart(t *testing.T) {
	src := "a😀b"
	fds := []finding.Finding{{Start: text.Position{Offset: 2}, End: text.Position{Offset: 99}}}
	got := Findings(fds, src)
	assert.Equal(t, 1, got[0].UTF16Offset, "byte 2 is inside the emoji, which starts at unit 1")
	assert.Equal(t, 4, got[0].UTF16EndOffset, "an offset past the end is the end")
	assert.Equal(t, 3, got[0].RuneEndOffset)
}

func TestFindingsIsNeverNil(t *testing.T) {
	assert.NotNil(t, Findings(nil, ""))
}

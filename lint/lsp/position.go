package lsp

import (
	"fmt"
	"sort"
	"unicode/utf8"

	ltext "github.com/replylint/replylint/lint/text"
)

// Position encodings (LSP 3.17 PositionEncodingKind).
const (
	EncodingUTF8  = "utf-8"
	EncodingUTF16 = "utf-16"
	EncodingUTF32 = "utf-32"
)

// chooseEncoding picks the position encoding from the client's offer:
// UTF-8 when offered (it is what the linter counts in, so no conversion
// table is needed), else UTF-16, which every client must support.
func chooseEncoding(offered []string) string {
	for _, e := range offered {
		if e == EncodingUTF8 {
			return EncodingUTF8
		}
	}
	return EncodingUTF16
}

// text is a document's content with its line starts, for converting
// between byte offsets and LSP positions.
type text struct {
	s          string
	lineStarts []int
}

// newText indexes s. "\r\n", "\n" and a lone "\r" end a line, as LSP says
// and as lint/text counts.
func newText(s string) *text {
	return &text{s: s, lineStarts: ltext.LineStarts(s)}
}

// lineEnd returns the byte offset where line n's content ends (before its
// line break).
func (t *text) lineEnd(n int) int {
	end := len(t.s)
	if n+1 < len(t.lineStarts) {
		end = t.lineStarts[n+1]
	}
	for end > t.lineStarts[n] && (t.s[end-1] == '\n' || t.s[end-1] == '\r') {
		end--
	}
	return end
}

// units is how many code units of enc the character r takes.
func units(r rune, size int, enc string) int {
	switch enc {
	case EncodingUTF8:
		return size
	case EncodingUTF32:
		return 1
	}
	if r >= 0x10000 && r != utf8.RuneError {
		return 2
	}
	return 1
}

// position converts a byte offset (clamped to the text; inside a character
// it counts as that character's start) to an LSP position in enc.
func (t *text) position(off int, enc string) Position {
	off = max(0, min(off, len(t.s)))
	line := sort.Search(len(t.lineStarts), func(i int) bool { return t.lineStarts[i] > off }) - 1
	start := t.lineStarts[line]
	if enc == EncodingUTF8 {
		return Position{Line: line, Character: off - start}
	}
	char := 0
	for i := start; i < off; {
		r, size := utf8.DecodeRuneInString(t.s[i:])
		if i+size > off {
			break
		}
		char += units(r, size, enc)
		i += size
	}
	return Position{Line: line, Character: char}
}

// offset converts an LSP position in enc to a byte offset. A line past the
// end means the end of the text and a character past the end of its line
// means the line's end, as the specification asks; a position inside a
// character (half a surrogate pair) counts as the character's start.
func (t *text) offset(p Position, enc string) (int, error) {
	if p.Line < 0 || p.Character < 0 {
		return 0, fmt.Errorf("negative position %d:%d", p.Line, p.Character)
	}
	if p.Line >= len(t.lineStarts) {
		return len(t.s), nil
	}
	start, end := t.lineStarts[p.Line], t.lineEnd(p.Line)
	if enc == EncodingUTF8 {
		off := min(start+p.Character, end)
		for off > start && off < len(t.s) && !utf8.RuneStart(t.s[off]) {
			off--
		}
		return off, nil
	}
	char := 0
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(t.s[i:])
		n := units(r, size, enc)
		if char+n > p.Character {
			break
		}
		char += n
		i += size
	}
	return i, nil
}

// rangeOf converts a byte range to an LSP range.
func (t *text) rangeOf(start, end int, enc string) Range {
	return Range{Start: t.position(start, enc), End: t.position(end, enc)}
}

// apply applies one content change and returns the new text.
func (t *text) apply(c TextDocumentContentChangeEvent, enc string) (string, error) {
	if c.Range == nil {
		return c.Text, nil
	}
	a, err := t.offset(c.Range.Start, enc)
	if err != nil {
		return "", err
	}
	z, err := t.offset(c.Range.End, enc)
	if err != nil {
		return "", err
	}
	if z < a {
		return "", fmt.Errorf("change range ends before it starts (%d:%d-%d:%d)",
			c.Range.Start.Line, c.Range.Start.Character, c.Range.End.Line, c.Range.End.Character)
	}
	return t.s[:a] + c.Text + t.s[z:], nil
}

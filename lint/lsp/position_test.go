package lsp

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPositionEncodings(t *testing.T) {
	// "a😀é\r\nb\rc\n": 😀 is 4 bytes, 2 UTF-16 units, 1 code point; é is 2
	// bytes, 1 unit.
	s := "a😀é\r\nb\rc\n"
	tx := newText(s)
	for _, tc := range []struct {
		off                int
		utf8, utf16, utf32 Position
	}{
		{0, Position{0, 0}, Position{0, 0}, Position{0, 0}},
		{1, Position{0, 1}, Position{0, 1}, Position{0, 1}},
		{5, Position{0, 5}, Position{0, 3}, Position{0, 2}},
		{7, Position{0, 7}, Position{0, 4}, Position{0, 3}},
		{9, Position{1, 0}, Position{1, 0}, Position{1, 0}},
		{11, Position{2, 0}, Position{2, 0}, Position{2, 0}},
		{13, Position{3, 0}, Position{3, 0}, Position{3, 0}},
	} {
		for enc, want := range map[string]Position{EncodingUTF8: tc.utf8, EncodingUTF16: tc.utf16, EncodingUTF32: tc.utf32} {
			assert.Equal(t, want, tx.position(tc.off, enc), "offset %d in %s", tc.off, enc)
			got, err := tx.offset(want, enc)
			require.NoError(t, err)
			assert.Equal(t, tc.off, got, "%v in %s", want, enc)
		}
	}
	// Past the end of a line: the line's end; past the last line: the end.
	off, err := tx.offset(Position{Line: 0, Character: 99}, EncodingUTF16)
	require.NoError(t, err)
	assert.Equal(t, 7, off)
	off, err = tx.offset(Position{Line: 9, Character: 0}, EncodingUTF16)
	require.NoError(t, err)
	assert.Equal(t, len(s), off)
	// Half a surrogate pair counts as the character's start.
	off, err = tx.offset(Position{Line: 0, Character: 2}, EncodingUTF16)
	require.NoError(t, err)
	assert.Equal(t, 1, off)
	// Inside a UTF-8 sequence, likewise.
	off, err = tx.offset(Position{Line: 0, Character: 3}, EncodingUTF8)
	require.NoError(t, err)
	assert.Equal(t, 1, off)
	_, err = tx.offset(Position{Line: -1}, EncodingUTF16)
	assert.Error(t, err)
}

func TestApplyChanges(t *testing.T) {
	tx := newText("Hello 😀 world\nsecond line\n")
	for _, tc := range []struct {
		name string
		c    TextDocumentContentChangeEvent
		want string
	}{
		{"full", TextDocumentContentChangeEvent{Text: "new"}, "new"},
		{"insert after emoji", TextDocumentContentChangeEvent{Range: &Range{Position{0, 8}, Position{0, 8}}, Text: "!"}, "Hello 😀! world\nsecond line\n"},
		{"replace across lines", TextDocumentContentChangeEvent{Range: &Range{Position{0, 9}, Position{1, 6}}, Text: "X"}, "Hello 😀 X line\n"},
		{"delete to end", TextDocumentContentChangeEvent{Range: &Range{Position{1, 0}, Position{5, 0}}}, "Hello 😀 world\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tx.apply(tc.c, EncodingUTF16)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	_, err := tx.apply(TextDocumentContentChangeEvent{Range: &Range{Position{1, 0}, Position{0, 0}}}, EncodingUTF16)
	assert.Error(t, err, "a range that ends before it starts")
}

// FuzzPositionRoundTrip checks that every character boundary survives a
// conversion to a position and back in each encoding, and that a change
// made through positions is the splice of the bytes.
func FuzzPositionRoundTrip(f *testing.F) {
	f.Add("a😀é\r\nb\rc\n", 3, 9, "x")
	f.Add("", 0, 0, "")
	f.Add("\xff\xfe\n\r\r\n日本", 1, 5, "\r\n")
	f.Fuzz(func(t *testing.T, s string, a, b int, ins string) {
		tx := newText(s)
		valid := func(o int) bool {
			return o >= 0 && o <= len(s) && (o == len(s) || utf8.RuneStart(s[o])) &&
				!(o > 0 && o < len(s) && s[o-1] == '\r' && s[o] == '\n') && utf8.ValidString(s)
		}
		for _, enc := range []string{EncodingUTF8, EncodingUTF16, EncodingUTF32} {
			for _, o := range []int{a, b} {
				if !valid(o) {
					continue
				}
				back, err := tx.offset(tx.position(o, enc), enc)
				if err != nil || back != o {
					t.Fatalf("%s: offset %d -> %v -> %d (%v)", enc, o, tx.position(o, enc), back, err)
				}
			}
			if valid(a) && valid(b) && a <= b {
				got, err := tx.apply(TextDocumentContentChangeEvent{Range: &Range{tx.position(a, enc), tx.position(b, enc)}, Text: ins}, enc)
				if err != nil || got != s[:a]+ins+s[b:] {
					t.Fatalf("%s: apply [%d,%d) = %q, %v", enc, a, b, got, err)
				}
			}
		}
	})
}

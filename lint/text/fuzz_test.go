package text

import (
	"testing"
	"unicode/utf8"
)

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "Hello  World", "ＲＥＶＩＥＷ\u200b", "désolé\r\nça", "\xff\xfe bad", "a\u00adb", "日本語 テキスト"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if len(n.origin) != len(n.Text)+1 {
			t.Fatalf("origin map has %d entries for %d bytes", len(n.origin), len(n.Text))
		}
		prev := 0
		for i := 0; i < len(n.Text); i++ {
			o := int(n.origin[i])
			if o < prev || o > len(s) {
				t.Fatalf("origin not monotonic or out of range at %d: %d", i, o)
			}
			prev = o
		}
		for start := 0; start <= len(n.Text); start += 1 + len(n.Text)/7 {
			for end := start; end <= len(n.Text); end += 1 + len(n.Text)/5 {
				a, b := n.Span(start, end)
				if a < 0 || b > len(s) || a > b {
					t.Fatalf("Span(%d,%d) = %d,%d outside 0..%d", start, end, a, b, len(s))
				}
				if utf8.ValidString(s) && (!utf8.RuneStart(safeByte(s, a)) || !utf8.RuneStart(safeByte(s, b))) {
					t.Fatalf("Span(%d,%d) = %d,%d not on rune boundaries", start, end, a, b)
				}
			}
		}
		src := NewSource(s)
		for off := 0; off <= len(s); off += 1 + len(s)/11 {
			p := src.Position(off)
			if p.Line < 1 || p.Line > src.LineCount() || p.Column < 1 {
				t.Fatalf("Position(%d) = %+v", off, p)
			}
		}
	})
}

// safeByte returns the byte at i, or a rune-start byte at the end.
func safeByte(s string, i int) byte {
	if i >= len(s) {
		return 'a'
	}
	return s[i]
}

package text

import (
	"testing"
	"unicode/utf8"
)

// TestNormalizeASCIIFastPathAgreesWithFold checks that the inlined ASCII
// folding in Normalize does what Fold does, byte for byte, with the space
// collapsing around it.
func TestNormalizeASCIIFastPathAgreesWithFold(t *testing.T) {
	for c := 0; c < utf8.RuneSelf; c++ {
		s := "#" + string(rune(c)) + "#"
		want := "#"
		switch f := Fold(rune(c)); f {
		case ' ':
			want += " "
		default:
			want += string(f)
		}
		want += "#"
		if got := Normalize(s).Text; got != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
	n := Normalize("  Hi\t\tTHERE \n")
	if n.Text != "hi there" || n.Origin(3) != 6 {
		t.Fatalf("got %q, origin of 't' %d", n.Text, n.Origin(3))
	}
}

// referenceFold is Normalize's first pass rune by rune through Fold, with
// the origin of every byte: the run-wise ASCII path must agree with it.
func referenceFold(s string) (string, []int32) {
	var b []byte
	var origin []int32
	lastSpace := true
	for i, r := range s {
		switch f := Fold(r); {
		case f == dropRune:
		case f == ' ':
			if !lastSpace {
				b = append(b, ' ')
				origin = append(origin, int32(i))
				lastSpace = true
			}
		default:
			n := len(b)
			b = utf8.AppendRune(b, f)
			for range len(b) - n {
				origin = append(origin, int32(i))
			}
			lastSpace = false
		}
	}
	if len(b) > 0 && b[len(b)-1] == ' ' {
		b, origin = b[:len(b)-1], origin[:len(origin)-1]
	}
	return string(b), append(origin, int32(len(s)))
}

func TestNormalizeAgreesWithRuneFold(t *testing.T) {
	for _, s := range []string{
		"", " ", "Hello World", "  Hi\t\tTHERE \n", "ABC\x00\x1fdef\x7f", "Grüße, FRAU Müller!\r\n\v\fOK",
		"\u00adSoft\u200bhyphen “quotes” — dash\u3000ｆｕｌｌ", "rеview Ωmega ÉCOLE", "\xff\xfeBAD\xc3",
	} {
		want, origin := referenceFold(s)
		n := Normalize(s)
		if mayBeDisguised(want) {
			continue // undoEvasions rewrites it further
		}
		if n.Text != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, n.Text, want)
		}
		for i := range origin {
			if got := n.Origin(i); got != int(origin[i]) {
				t.Fatalf("Normalize(%q): origin of %d is %d, want %d", s, i, got, origin[i])
			}
		}
	}
}

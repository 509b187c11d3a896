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

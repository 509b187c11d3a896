package text

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNormalizeFolds(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Please  REMOVE\n\tyour Review", "please remove your review"},
		{"ＲＥＶＩＥＷ", "review"},
		{"désolé, ça coûte", "desole, ca coute"},
		{"rе\u200bview", "review"}, // Cyrillic е and a zero-width space
		{"soft\u00adhyphen", "softhyphen"},
		{"it\u2019s", "it's"},
		{"r e v i e w", "review"},
		{"r.e.v.i.e.w", "review"},
		{"5-s-t-a-r", "5-star"},
		{"rev1ew and am4zon", "review and amazon"},
		{"&#114;eview &amp; more", "review & more"},
		{"お届けが遅れて", "お届けが遅れて"},
	} {
		assert.Equal(t, tc.want, Normalize(tc.in).Text, tc.in)
	}
}

func TestNormalizeLeavesOrdinaryTextAlone(t *testing.T) {
	for _, in := range []string{
		"order 112-3456789-1234567", "tracking 1Z999AA10123456784", "ASIN B07XYZ1234",
		"e.g. this", "U.S. only", "v2.1.3", "$49.99", "2024-05-01", "Mr.Smith", "a b c",
		"manual.pdf", "10:30", "terms & conditions",
	} {
		n := Normalize(in)
		assert.Equal(t, len(n.Text), len(Fold0(in)), "%q changed length: %q", in, n.Text)
	}
}

// Fold0 is Normalize without the evasion pass, for comparison.
func Fold0(s string) string {
	out := []rune{}
	last := true
	for _, r := range s {
		f := Fold(r)
		switch {
		case f == dropRune:
		case f == ' ':
			if !last {
				out = append(out, ' ')
				last = true
			}
		default:
			out = append(out, f)
			last = false
		}
	}
	for len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1]
	}
	return string(out)
}

func TestNormalizeSpansPointAtOriginal(t *testing.T) {
	src := "Please r e v i e w &#105;t"
	n := Normalize(src)
	assert.Equal(t, "please review it", n.Text)
	start, end := n.Span(7, 13)
	assert.Equal(t, "r e v i e w", src[start:end])
	start, end = n.Span(14, 16)
	assert.Equal(t, "&#105;t", src[start:end])
}

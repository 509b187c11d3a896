package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/text"
)

// TestDeletionSpan: deleting a sentence leaves the text as if it had never
// been written: no double spaces, no trailing spaces, no empty line where
// it stood alone, no empty paragraph where it was one.
func TestDeletionSpan(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"text follows on the line", "Hi.\nA. Bad one. C.\n", "Hi.\nA. C.\n"},
		{"first on the line", "Bad one. C.\n", "C.\n"},
		{"ends the line", "A. Bad one.\nC.\n", "A.\nC.\n"},
		{"ends the line, spaces after", "A. Bad one.  \nC.\n", "A.\nC.\n"},
		{"whole line inside a paragraph", "A.\nBad one.\nC.\n", "A.\nC.\n"},
		{"paragraph of its own", "Hi,\n\nBad one.\n\nBye,\nTom\n", "Hi,\n\nBye,\nTom\n"},
		{"paragraph of its own, CRLF", "Hi,\r\n\r\nBad one.\r\n\r\nBye,\r\nTom\r\n", "Hi,\r\n\r\nBye,\r\nTom\r\n"},
		{"last paragraph with a break", "Hi,\n\nBad one.\n", "Hi,\n"},
		{"last paragraph without a break", "Hi,\n\nBad one.", "Hi,"},
		{"last line without a break", "Hi,\nBad one.", "Hi,"},
		{"last line without a break, CRLF", "Hi,\r\n\r\nBad one.", "Hi,"},
		{"first paragraph", "Bad one.\n\nRest.\n", "Rest.\n"},
		{"the whole text", "Bad one.", ""},
		{"indented line", "A.\n  Bad one.\nC.\n", "A.\nC.\n"},
		{"wrapped over two lines", "Hi,\n\nBad\none.\n\nBye\n", "Hi,\n\nBye\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			i := strings.Index(c.src, "Bad")
			j := strings.Index(c.src, "one.") + len("one.")
			sp := deletionSpan(text.NewSource(c.src), match.Span{Start: i, End: j})
			assert.Equal(t, c.want, c.src[:sp.Start]+c.src[sp.End:])
		})
	}
}

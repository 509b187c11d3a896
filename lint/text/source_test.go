package text

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// TestPositionColumnsOnLongInvalidLines: the column checkpoints agree with
// counting from the line start, also where invalid bytes (each one column)
// run across checkpoints.
func TestPositionColumnsOnLongInvalidLines(t *testing.T) {
	texts := []string{
		"00\xdf\xdf0" + strings.Repeat("\x83", 3000) + "0A\n" + strings.Repeat("é", 2000) + "x",
		strings.Repeat("ab\xffc", 900),
		strings.Repeat("日本語", 700) + "\n" + strings.Repeat("\xe6\x97", 800),
	}
	for _, text := range texts {
		s := NewSource(text)
		for o := 0; o <= len(text); o += 7 {
			p := s.Position(o)
			start, _ := s.LineBounds(p.Line)
			assert.Equal(t, utf8.RuneCountInString(text[start:o])+1, p.Column, "offset %d", o)
		}
	}
}

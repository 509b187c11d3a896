package check

import (
	"testing"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
	"github.com/stretchr/testify/assert"
)

// TestEarlyImpliesNothingBeforeIsLate: the shortcut of a required element
// with a late severity is exact only if every position at or before one
// early says is not late.
func TestEarlyImpliesNothingBeforeIsLate(t *testing.T) {
	texts := []string{
		"Hi Ann,\n\nThe lamp is on its way. Sorry for the wait.\n\nI will check the tracking today. Then I write again. Would you like a refund instead?\n\nBest regards,\nTom",
		"Hello,\n\nOne. Two. Three. Four. Five. Six.\n\nThanks,\nTom",
		"One line only. Sorry about it. And more. And even more.",
		"Hi,\n\nFirst paragraph.\n\nSecond paragraph. Sorry.\n\nThird paragraph here.\n\nRegards,\nMia",
		"",
	}
	inBody := 0
	for _, text := range texts {
		m := message.New(text, message.Context{Channel: rule.Amazon, Language: "en", Mode: rule.Draft})
		for at := 0; at <= len(text); at++ {
			if !early(m, match.Span{Start: at, End: at}) {
				continue
			}
			if at >= m.Layout.Body.Start && m.Layout.Body.End > m.Layout.Body.Start {
				inBody++
			}
			for q := 0; q <= at; q++ {
				assert.False(t, isLate(m, match.Span{Start: q, End: q}), "%q: early at %d, late at %d", text, at, q)
			}
		}
	}
	assert.Positive(t, inBody, "early holds inside a body's first paragraph too")
}

package pattern

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAlternativesBindTighterThanSequence: "a|b c" is the slot a|b, then
// the slot c — never "a" or "b c" (docs/rule-language.md).
func TestAlternativesBindTighterThanSequence(t *testing.T) {
	slots, err := parseSeq("we sent|shipped the right item")
	require.NoError(t, err)
	require.Len(t, slots, 5)
	assert.Equal(t, []rawAlt{{altStem, "we"}}, slots[0].alts)
	assert.Equal(t, []rawAlt{{altStem, "sent"}, {altStem, "shipped"}}, slots[1].alts)
	assert.Equal(t, []rawAlt{{altStem, "the"}}, slots[2].alts)
}

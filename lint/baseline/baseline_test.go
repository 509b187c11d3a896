package baseline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/text"
)

func at(src *text.Source, rule string, start, end int) finding.Finding {
	return finding.Finding{Rule: rule, Start: src.Position(start), End: src.Position(end), Match: src.Text()[start:end]}
}

func TestBaselineSurvivesLineShiftsAndCatchesNewFindings(t *testing.T) {
	old := text.NewSource("Hi\nPlease remove your review.\n")
	var b Baseline
	b.Add("t/a.txt", []finding.Finding{at(old, "review-manipulation", 10, 28)}, old)

	shifted := text.NewSource("Hi\n\nNew line.\nPlease remove your review.\nPlease delete your review.\n")
	fs := []finding.Finding{at(shifted, "review-manipulation", 21, 39), at(shifted, "review-manipulation", 48, 66)}
	left := b.Filter("t/a.txt", fs, shifted)
	require.Len(t, left, 1)
	assert.Equal(t, "delete your review", left[0].Match)
	assert.Len(t, b.Filter("t/other.txt", fs, shifted), 2, "another file has its own baseline")

	p := filepath.Join(t.TempDir(), "baseline.json")
	data, err := b.Marshal()
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(p, data, 0o644))
	loaded, err := Load(p)
	require.NoError(t, err)
	assert.Equal(t, b.Entries, loaded.Entries)

	require.NoError(t, os.WriteFile(p, []byte(`{"version": 9}`), 0o644))
	_, err = Load(p)
	assert.ErrorContains(t, err, "unsupported version")
}

package eval_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/eval"
	"github.com/replylint/replylint/lint/finding"
)

// TestOwnCorpusIsGreen keeps the project's own labelled multilingual and
// adversarial set (testdata/corpus, written for this project) at full
// precision and recall.
func TestOwnCorpusIsGreen(t *testing.T) {
	l, err := lint.New(lint.Config{Builtin: true})
	require.NoError(t, err)
	rep, err := eval.Run(l, filepath.Join("..", "..", "testdata", "corpus"), eval.ScoredRules(), finding.Warning)
	require.NoError(t, err)
	assert.Positive(t, rep.Files)
	for _, s := range rep.Rules {
		assert.Empty(t, s.Misses, "%s missed", s.Rule)
		assert.Empty(t, s.FalseAlarms, "%s false alarms", s.Rule)
	}
}

func TestCountsAndFormats(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "labels.tsv"), []byte(
		"file\tchannel\tkind\texpected\tunsure\tnote\n"+
			"a.txt\tamazon\tother\treview-manipulation\t\tasks to remove\n"+
			"b.txt\tamazon\tother\t\t\tneutral\n"+
			"c.txt\tamazon\tother\treview-manipulation\t\tmissed on purpose\n"+
			"d.txt\tamazon\tother\t\treview-manipulation\tunsure, left out\n"), 0o644))
	for name, text := range map[string]string{
		"a.txt": "Please remove your review.",
		"b.txt": "Thank you for your order.",
		"c.txt": "Thank you.",
		"d.txt": "Please delete your review.",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	l, err := lint.New(lint.Config{Builtin: true})
	require.NoError(t, err)
	rep, err := eval.Run(l, dir, []string{"review-manipulation"}, finding.Warning)
	require.NoError(t, err)
	require.Len(t, rep.Rules, 1)
	s := rep.Rules[0]
	assert.Equal(t, 1, s.TruePositives)
	assert.Equal(t, 0, s.FalsePositives)
	assert.Equal(t, 1, s.FalseNegatives)
	assert.InDelta(t, 0.5, s.Recall, 1e-9)
	assert.InDelta(t, 1.0, s.Precision, 1e-9)
	assert.Equal(t, []string{"c.txt"}, s.Misses)

	var buf bytes.Buffer
	require.NoError(t, rep.WriteJSON(&buf))
	assert.True(t, json.Valid(buf.Bytes()))
	buf.Reset()
	require.NoError(t, rep.WriteText(&buf))
	assert.Contains(t, buf.String(), "review-manipulation missed: c.txt")
}

func TestBadLabels(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "labels.tsv"), []byte("file\tchannel\texpected\nx.txt\tetsy\t\n"), 0o644))
	l, err := lint.New(lint.Config{Builtin: true})
	require.NoError(t, err)
	_, err = eval.Run(l, dir, eval.ScoredRules(), finding.Warning)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "labels.tsv:2")
}

package eval_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/eval"
	"github.com/replylint/replylint/lint/finding"
)

// ownCorpusFloors are the precision and recall each scored rule reached on
// the project's own labelled set (testdata/corpus, written for this project,
// 60+ messages per language) when they were last raised. The test is a
// ratchet: a change that makes a rule worse on it fails; a change that makes
// it better should raise the floor. The goal is 1.00 everywhere; the figures
// and the misses are in the closing notes and docs/rules.md.
var ownCorpusFloors = map[string]struct{ precision, recall float64 }{
	"apology":             {0.97, 1.00},
	"blame":               {1.00, 1.00},
	"choice-question":     {0.98, 1.00},
	"contact-info":        {0.95, 0.97},
	"external-link":       {1.00, 0.94},
	"ownership":           {0.97, 1.00},
	"promotion":           {1.00, 0.96},
	"review-incentive":    {1.00, 0.97},
	"review-manipulation": {1.00, 0.95},
	"solution":            {0.98, 1.00},
}

// TestOwnCorpusIsGreen keeps the project's own labelled multilingual and
// adversarial set at or above its floors, with at least 60 messages in each
// of the seven languages (by file-name prefix; mx_ files are English).
func TestOwnCorpusIsGreen(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "corpus")
	labels, err := eval.ReadLabels(filepath.Join(dir, "labels.tsv"))
	require.NoError(t, err)
	perLanguage := map[string]int{}
	for _, lb := range labels {
		code, _, _ := strings.Cut(lb.File, "_")
		if code == "mx" {
			code = "en"
		}
		perLanguage[code]++
	}
	for _, code := range []string{"en", "de", "fr", "es", "it", "ja", "zh"} {
		assert.GreaterOrEqual(t, perLanguage[code], 60, "messages in %s", code)
	}
	l, err := lint.New(lint.Config{Builtin: true})
	require.NoError(t, err)
	rep, err := eval.Run(l, dir, eval.ScoredRules(), finding.Warning)
	require.NoError(t, err)
	assert.Equal(t, len(labels), rep.Files)
	for _, s := range rep.Rules {
		floor, ok := ownCorpusFloors[s.Rule]
		require.True(t, ok, "no floor for %s", s.Rule)
		assert.GreaterOrEqual(t, s.Precision+1e-9, floor.precision, "%s precision; false alarms: %v", s.Rule, s.FalseAlarms)
		assert.GreaterOrEqual(t, s.Recall+1e-9, floor.recall, "%s recall; missed: %v", s.Rule, s.Misses)
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

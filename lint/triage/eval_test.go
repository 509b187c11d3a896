package triage_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/triage"
)

func TestSpearman(t *testing.T) {
	tests := []struct {
		name string
		a, b []float64
		want float64
	}{
		{"same order", []float64{1, 2, 3, 4}, []float64{10, 20, 30, 40}, 1},
		{"reversed", []float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}, -1},
		// Ranks of b with ties: 1.5 1.5 3 4; Pearson of (1,2,3,4) with it.
		{"ties", []float64{1, 2, 3, 4}, []float64{1, 1, 2, 3}, 0.9486832980505138},
		{"constant", []float64{1, 2, 3}, []float64{5, 5, 5}, 0},
		{"too short", []float64{1}, []float64{1}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, triage.Spearman(tc.a, tc.b), 1e-9)
		})
	}
}

func TestReadLabelsErrors(t *testing.T) {
	for src, want := range map[string]string{
		"a\tquestion":           "l.tsv:1:1: want 3 tab-separated columns",
		"a\tquestion,refund\t3": `l.tsv:1:3: unknown signal "refund"`,
		"a\t\t9":                "l.tsv:1:4: priority must be 1 to 5",
		"a\t\t1\na\t\t2":        `l.tsv:2:1: id "a" is labelled twice`,
	} {
		_, err := triage.ReadLabels("l.tsv", strings.NewReader(src))
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), want)
	}
}

func evaluateSet(t *testing.T, tr *triage.Triager, inbox, labelFile string) *triage.Evaluation {
	t.Helper()
	msgs, err := triage.ReadPaths([]string{inbox})
	require.NoError(t, err)
	fh, err := os.Open(labelFile)
	require.NoError(t, err)
	defer fh.Close()
	labels, err := triage.ReadLabels(labelFile, fh)
	require.NoError(t, err)
	ev, err := triage.Evaluate(tr.Triage(msgs, at("2026-03-10T12:00:00Z")), labels)
	require.NoError(t, err)
	return ev
}

// The labelled inbox (testdata/triage) is a ratchet: precision and recall
// per signal and the rank correlation may not fall below these floors.
// Raise them when the signal rules get better.
func TestLabelledInbox(t *testing.T) {
	tr := newTriager(t)
	ev := evaluateSet(t, tr, "../../testdata/triage/inbox", "../../testdata/triage/labels.tsv")
	assert.GreaterOrEqual(t, ev.Messages, 150)
	for code, l := range ev.ByLanguage {
		assert.GreaterOrEqualf(t, l.Messages, 20, "%s: too few messages", code)
	}
	assert.Len(t, ev.ByLanguage, 7)
	for _, s := range ev.Signals {
		assert.GreaterOrEqualf(t, s.Precision, 0.85, "%s precision", s.Signal)
		assert.GreaterOrEqualf(t, s.Recall, 0.9, "%s recall", s.Signal)
		assert.Positivef(t, s.TP, "%s: no labelled example", s.Signal)
	}
	assert.GreaterOrEqual(t, ev.Micro.Precision, 0.95)
	assert.GreaterOrEqual(t, ev.Micro.Recall, 0.97)
	assert.GreaterOrEqual(t, ev.Spearman, 0.9)
}

// The held-out sets guard against regressions only: holdout-1 and
// holdout-2 were tuned on after their blind runs, holdout-3 never was
// (docs/triage.md has the blind numbers). Their floors are what they
// measure now.
func TestHeldOutSets(t *testing.T) {
	tr := newTriager(t)
	for _, tc := range []struct {
		dir                     string
		precision, recall, rank float64
	}{
		{"holdout-1", 0.95, 0.97, 0.9},
		{"holdout-2", 0.95, 0.9, 0.85},
		{"holdout-3", 0.95, 0.55, 0.5},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			ev := evaluateSet(t, tr, "../../testdata/triage/"+tc.dir+"/inbox.jsonl", "../../testdata/triage/"+tc.dir+"/labels.tsv")
			assert.Len(t, ev.ByLanguage, 7)
			assert.GreaterOrEqual(t, ev.Micro.Precision, tc.precision)
			assert.GreaterOrEqual(t, ev.Micro.Recall, tc.recall)
			assert.GreaterOrEqual(t, ev.Spearman, tc.rank)
		})
	}
}

func TestEvaluateNeedsEveryLabel(t *testing.T) {
	tr := newTriager(t)
	rs := tr.Triage([]triage.Message{{ID: "a", Text: "Hi?", Language: "en"}}, at("2026-03-10T12:00:00Z"))
	_, err := triage.Evaluate(rs, map[string]triage.Label{})
	assert.ErrorContains(t, err, "message a")
	_, err = triage.Evaluate(rs, map[string]triage.Label{"a": {Priority: 1}, "b": {Priority: 2, Line: 4}})
	assert.ErrorContains(t, err, `label line 4: no message "b"`)
}

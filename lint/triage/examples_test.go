package triage_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/triage"
)

func newTriager(t testing.TB) *triage.Triager {
	t.Helper()
	tr, err := triage.New(triage.Config{})
	require.NoError(t, err)
	return tr
}

// unmark removes ⟦ ⟧ and returns the marked span.
func unmark(s string) (string, int, int) {
	start := strings.Index(s, "⟦")
	if start < 0 {
		return s, -1, -1
	}
	s = strings.Replace(s, "⟦", "", 1)
	end := strings.Index(s, "⟧")
	s = strings.Replace(s, "⟧", "", 1)
	return s, start, end
}

// Every signal has examples in all seven languages, and every example
// behaves: a match example finds the signal (at the marked span), a
// no-match example does not.
func TestSignalExamples(t *testing.T) {
	tr := newTriager(t)
	ids := map[string]bool{}
	for _, s := range tr.Signals() {
		ids[s.ID] = true
		for _, code := range rule.Languages() {
			ex, ok := s.Examples[code]
			if !assert.Truef(t, ok, "%s: no examples in %s", s.ID, code) {
				continue
			}
			assert.NotEmptyf(t, ex.Match, "%s/%s: no match examples", s.ID, code)
			assert.NotEmptyf(t, ex.NoMatch, "%s/%s: no no-match examples", s.ID, code)
			for _, e := range ex.Match {
				msg, start, end := unmark(e)
				r := tr.Analyze(triage.Message{ID: "x", Text: msg, Language: code}, time.Time{})
				var spans []string
				found := false
				for _, h := range r.Hits {
					if h.Signal != s.ID {
						continue
					}
					spans = append(spans, fmt.Sprintf("%d-%d %q", h.Start, h.End, h.Text))
					if start < 0 || h.Start == start && h.End == end {
						found = true
					}
				}
				assert.Truef(t, found, "%s/%s: %q: want a hit at %d-%d, got %v", s.ID, code, e, start, end, spans)
			}
			for _, e := range ex.NoMatch {
				r := tr.Analyze(triage.Message{ID: "x", Text: e, Language: code}, time.Time{})
				assert.NotContainsf(t, r.Signals, s.ID, "%s/%s: %q must not match (hits %v)", s.ID, code, e, r.Hits)
			}
		}
	}
	for _, id := range triage.SignalIDs() {
		assert.Truef(t, ids[id], "signal %s has no rule", id)
	}
}

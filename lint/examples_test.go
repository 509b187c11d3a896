package lint_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/rule"
)

// TestBuiltinRuleExamples runs every example of every built-in rule: bad
// examples must fire, good ones must not.
func TestBuiltinRuleExamples(t *testing.T) {
	l, err := lint.New(lint.Config{Builtin: true})
	require.NoError(t, err)
	for _, r := range l.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			assert.GreaterOrEqual(t, len(r.Examples.Bad), 5, "at least 5 bad examples")
			assert.GreaterOrEqual(t, len(r.Examples.Good), 5, "at least 5 good examples")
			fails, stats := l.RunExamples(r.ID)
			assert.Equal(t, 1, stats.Rules)
			for _, f := range fails {
				t.Error(f.String())
			}
		})
	}
}

// TestCatalogueComplete checks that every rule ID of the catalogue is built in.
func TestCatalogueComplete(t *testing.T) {
	l, err := lint.New(lint.Config{Builtin: true})
	require.NoError(t, err)
	for _, id := range catalogue {
		r := l.Rule(id)
		if assert.NotNil(t, r, "rule %s is missing", id) {
			assert.Contains(t, rule.Kinds(), r.Kind)
		}
	}
}

var catalogue = []string{
	"external-link", "contact-info", "review-manipulation", "review-incentive", "promotion",
	"emoji", "message-length", "apology", "ownership", "solution", "choice-question",
	"blame", "pressure", "placeholder", "language", "style-spacing",
	"style-capitalization", "style-shouting",
}

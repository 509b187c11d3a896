package lint_test

import (
	"os"
	"path/filepath"
	"strings"
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

// TestDocsRuleExamples keeps the rules shown in docs/rules.md working: each
// is loaded as a user's rule and its examples must pass.
func TestDocsRuleExamples(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "rules.md"))
	require.NoError(t, err)
	blocks := strings.Split(string(data), "```yaml\n")
	n := 0
	for _, b := range blocks[1:] {
		src, _, _ := strings.Cut(b, "```")
		if !strings.HasPrefix(src, "id: ") {
			continue
		}
		n++
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "rule.yaml"), []byte(src), 0o644))
		l, err := lint.New(lint.Config{RuleDirs: []string{dir}})
		require.NoError(t, err)
		fails, stats := l.RunExamples()
		assert.Empty(t, fails, "docs/rules.md example %d", n)
		assert.Positive(t, stats.Bad)
	}
	assert.Equal(t, 2, n, "the two example rules of docs/rules.md")
}

// TestExampleCoverage: every rule written as token patterns has at least
// four bad and four good examples in each language its patterns judge, and
// every sub-rule is made to fire by a bad example (rules that fire on a
// missing element have no sub-rule to fire: their sub-rules are what makes
// the good examples good).
func TestExampleCoverage(t *testing.T) {
	l, err := lint.New(lint.Config{Builtin: true})
	require.NoError(t, err)
	for _, r := range l.Rules() {
		cov, ok := l.Coverage(r.ID)
		if !ok {
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			for _, code := range cov.Languages {
				assert.GreaterOrEqual(t, cov.Bad[code], 4, "bad examples in %s", code)
				assert.GreaterOrEqual(t, cov.Good[code], 4, "good examples in %s", code)
			}
			if r.Kind != rule.KindRequired && r.Kind != rule.KindChoiceQuestion {
				assert.Empty(t, cov.Unexercised, "sub-rules no bad example makes fire")
			}
		})
	}
}

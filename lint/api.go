// Package lint is replylint's library: load rules, lint a message, score it.
// A helpdesk service imports this package; the replylint command, the
// check service and the language server are thin faces over it.
//
//	l, err := lint.New(lint.Config{Builtin: true})
//	res := l.Lint(draft, lint.Options{Channel: rule.Amazon})
//
// It is a facade: the linter itself is package lint/engine, the values
// every layer shares are in lint/core, and the layers below (rules,
// language packs, token patterns, checks) are listed in
// docs/architecture.md.
package lint

import (
	"github.com/replylint/replylint/lint/engine"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
)

type (
	// Linter lints messages with compiled rules; it is immutable and safe
	// for concurrent use.
	Linter = engine.Linter
	// Config says which rules and packs a Linter loads.
	Config = engine.Config
	// Options are the settings of one message (channel, kind, locale …).
	Options = engine.Options
	// Result is the outcome for one message: findings, score, grade.
	Result = engine.Result
	// Input is one message of a batch.
	Input = engine.Input
	// ConfigError is a problem with rules or configuration the user must
	// fix.
	ConfigError = engine.ConfigError
	// ExampleFailure is a rule example that does not do what it says.
	ExampleFailure = engine.ExampleFailure
	// ExampleStats counts the examples run.
	ExampleStats = engine.ExampleStats
	// ExampleCoverage says which of a rule's languages and sub-rules its
	// examples exercise.
	ExampleCoverage = engine.ExampleCoverage
)

// EmptyRule is the rule ID of the finding for a message with no text.
const EmptyRule = engine.EmptyRule

// New loads and compiles rules.
func New(cfg Config) (*Linter, error) { return engine.New(cfg) }

// NewFromRules compiles rules already loaded.
func NewFromRules(all []*rule.Rule, cfg Config) (*Linter, error) {
	return engine.NewFromRules(all, cfg)
}

// Fails reports whether a result fails the run: a finding at or above
// failLevel, or a score below minScore.
func Fails(r *Result, failLevel finding.Severity, minScore int) bool {
	return engine.Fails(r, failLevel, minScore)
}

// Grade returns the letter grade of a score.
func Grade(score int) string { return engine.Grade(score) }

// Locales are the languages finding messages can be asked for in.
func Locales() []string { return engine.Locales() }

// MessageLocale returns the locale finding messages are written in when
// locale is asked for.
func MessageLocale(locale string) string { return engine.MessageLocale(locale) }

// ExampleMarks removes the ⟦ ⟧ marks of a rule example and returns the
// text and the marked byte spans.
func ExampleMarks(s string) (string, [][2]int, error) { return engine.ExampleMarks(s) }

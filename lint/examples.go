package lint

import (
	"fmt"
	"slices"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
)

// ExampleFailure is a rule example that did not behave as written: a bad
// example the rule did not report, or a good one it did.
type ExampleFailure struct {
	Rule string
	Pos  rule.Pos
	// Bad is true for a bad example (it had to fire).
	Bad      bool
	Text     string
	Findings []finding.Finding
}

func (f ExampleFailure) String() string {
	if f.Bad {
		return fmt.Sprintf("%s: rule %s did not report its bad example %q", f.Pos, f.Rule, f.Text)
	}
	return fmt.Sprintf("%s: rule %s reported its good example %q: %s", f.Pos, f.Rule, f.Text, f.Findings[0].Message)
}

// ExampleStats counts the examples that were run.
type ExampleStats struct {
	Rules, Bad, Good int
}

// RunExamples lints every example of every loaded rule (or of the named
// rules) with that rule alone and returns the examples that misbehave.
// The rule's severity overrides and disable list do not apply here: the
// examples test the rule as written.
func (l *Linter) RunExamples(ids ...string) ([]ExampleFailure, ExampleStats) {
	var fails []ExampleFailure
	var stats ExampleStats
	for _, ld := range l.rules {
		r := ld.rule
		if len(ids) > 0 && !slices.Contains(ids, r.ID) {
			continue
		}
		stats.Rules++
		run := func(ex rule.Example, bad bool) {
			opts, err := exampleOptions(r, ex)
			pos := rule.Pos{File: r.Pos.File, Line: ex.Line, Column: ex.Col}
			if err != nil {
				fails = append(fails, ExampleFailure{Rule: r.ID, Pos: pos, Bad: bad, Text: ex.Text + " (" + err.Error() + ")"})
				return
			}
			opts.Only = r.ID
			res := l.lintRule(ld, ex.Text, opts)
			if bad != (len(res) > 0) {
				fails = append(fails, ExampleFailure{Rule: r.ID, Pos: pos, Bad: bad, Text: ex.Text, Findings: res})
			}
		}
		for _, ex := range r.Examples.Bad {
			stats.Bad++
			run(ex, true)
		}
		for _, ex := range r.Examples.Good {
			stats.Good++
			run(ex, false)
		}
	}
	return fails, stats
}

// lintRule runs one rule as written, ignoring user overrides.
func (l *Linter) lintRule(ld loaded, text string, opts Options) []finding.Finding {
	solo := &Linter{rules: []loaded{{rule: ld.rule, check: ld.check}}, detector: l.detector}
	return solo.Lint(text, opts).Findings
}

// exampleOptions turns an example's context into lint options. A rule that
// applies to some message kinds only is tested on the first of them unless
// the example names one.
func exampleOptions(r *rule.Rule, ex rule.Example) (Options, error) {
	var opts Options
	var err error
	if ex.Channel != "" {
		if opts.Channel, err = rule.ParseChannel(ex.Channel); err != nil {
			return opts, err
		}
	}
	if ex.Kind != "" {
		if opts.Kind, err = rule.ParseMessageKind(ex.Kind); err != nil {
			return opts, err
		}
	} else if len(r.AppliesTo) > 0 {
		opts.Kind = rule.MessageKind(r.AppliesTo[0])
	}
	if ex.Mode != "" {
		if opts.Mode, err = rule.ParseMode(ex.Mode); err != nil {
			return opts, err
		}
	}
	opts.Language = ex.Language
	if ex.ExpectedLanguage != "" {
		if !slices.Contains(rule.Languages(), ex.ExpectedLanguage) {
			return opts, fmt.Errorf("unsupported expected-language %q", ex.ExpectedLanguage)
		}
		opts.ExpectedLanguage = ex.ExpectedLanguage
	}
	return opts, nil
}

package engine

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/replylint/replylint/lint/check"
	"github.com/replylint/replylint/lint/document"
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
	// Marked is the span the example marked with ⟦ ⟧ that no finding
	// reported exactly ("" when the example marks none).
	Marked string
}

func (f ExampleFailure) String() string {
	if f.Bad && f.Marked != "" && len(f.Findings) > 0 {
		got := make([]string, len(f.Findings))
		for i, fd := range f.Findings {
			got[i] = fmt.Sprintf("%q", fd.Match)
		}
		return fmt.Sprintf("%s: rule %s reported %s in its bad example, not the marked %q", f.Pos, f.Rule, strings.Join(got, ", "), f.Marked)
	}
	if f.Bad {
		return fmt.Sprintf("%s: rule %s did not report its bad example %q", f.Pos, f.Rule, f.Text)
	}
	if len(f.Findings) == 0 {
		return fmt.Sprintf("%s: rule %s: example %q", f.Pos, f.Rule, f.Text)
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
			pos := rule.Pos{File: r.ExampleFile(ex), Line: ex.Line, Column: ex.Col}
			if err != nil {
				fails = append(fails, ExampleFailure{Rule: r.ID, Pos: pos, Bad: bad, Text: ex.Text + " (" + err.Error() + ")"})
				return
			}
			opts.Only = r.ID
			text, marks, err := ExampleMarks(ex.Text)
			if err != nil {
				fails = append(fails, ExampleFailure{Rule: r.ID, Pos: pos, Bad: bad, Text: ex.Text + " (" + err.Error() + ")"})
				return
			}
			if !bad && len(marks) > 0 {
				fails = append(fails, ExampleFailure{Rule: r.ID, Pos: pos, Bad: bad, Text: ex.Text + " (a good example marks nothing)"})
				return
			}
			marked := text // the text the marks index
			if ex.Format == "html" {
				// The marks are in the markup, where html-style reports;
				// the other rules read the visible text.
				visible, err := exampleHTML(text)
				if err != nil {
					fails = append(fails, ExampleFailure{Rule: r.ID, Pos: pos, Bad: bad, Text: ex.Text + " (" + err.Error() + ")"})
					return
				}
				opts.Markup = text
				text = visible
			}
			res := l.lintRule(ld, text, opts)
			if bad != (len(res) > 0) {
				fails = append(fails, ExampleFailure{Rule: r.ID, Pos: pos, Bad: bad, Text: text, Findings: res})
				return
			}
			for _, mk := range marks {
				if !reports(res, mk) {
					fails = append(fails, ExampleFailure{Rule: r.ID, Pos: pos, Bad: bad, Text: text, Findings: res, Marked: marked[mk[0]:mk[1]]})
				}
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

// ExampleMarks removes the ⟦ ⟧ marks of an example and returns the text
// and the marked byte spans of that text. (Not [[ ]]: that is a placeholder
// syntax that templates use.)
func ExampleMarks(s string) (string, [][2]int, error) {
	var b strings.Builder
	var marks [][2]int
	open := -1
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], markOpen):
			if open >= 0 {
				return s, nil, fmt.Errorf("%s inside a marked span", markOpen)
			}
			open = b.Len()
			i += len(markOpen)
		case strings.HasPrefix(s[i:], markClose):
			if open < 0 {
				return s, nil, fmt.Errorf("%s without %s", markClose, markOpen)
			}
			marks = append(marks, [2]int{open, b.Len()})
			open = -1
			i += len(markClose)
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	if open >= 0 {
		return s, nil, fmt.Errorf("%s without %s", markOpen, markClose)
	}
	return b.String(), marks, nil
}

// The marks of the span a bad example must report.
const (
	markOpen  = "⟦"
	markClose = "⟧"
)

// reports reports whether a finding covers exactly the marked span.
func reports(fs []finding.Finding, mk [2]int) bool {
	for _, f := range fs {
		if f.Start.Offset == mk[0] && f.End.Offset == mk[1] {
			return true
		}
	}
	return false
}

// lintRule runs one rule as written, ignoring user overrides.
func (l *Linter) lintRule(ld loaded, text string, opts Options) []finding.Finding {
	return l.lintOne(ld, text, opts).Findings
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
	if ex.Type != "" {
		if opts.Type, err = rule.ParseMessageType(ex.Type); err != nil {
			return opts, err
		}
	}
	switch ex.Format {
	case "", "html":
	default:
		return opts, fmt.Errorf("unknown example format %q (want html or nothing)", ex.Format)
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

// ExampleCoverage says how a rule's examples cover its token patterns: the
// bad and good examples per language the examples are in (as detected, or
// as the example says), the languages the rule's patterns can judge, and
// the sub-rules no bad example made fire.
type ExampleCoverage struct {
	Bad, Good   map[string]int
	Languages   []string
	Unexercised []string
}

// Coverage runs a rule's examples and reports their coverage; ok is false
// for a rule without token patterns.
func (l *Linter) Coverage(id string) (ExampleCoverage, bool) {
	var ld *loaded
	for i := range l.rules {
		if l.rules[i].rule.ID == id {
			ld = &l.rules[i]
		}
	}
	if ld == nil {
		return ExampleCoverage{}, false
	}
	g, ok := ld.check.(check.Grouped)
	if !ok || len(g.Group().Subrules) == 0 {
		return ExampleCoverage{}, false
	}
	info := g.Group()
	cov := ExampleCoverage{Bad: map[string]int{}, Good: map[string]int{}, Languages: info.Languages}
	fired := map[string]bool{}
	count := func(ex rule.Example, into map[string]int, bad bool) {
		opts, err := exampleOptions(ld.rule, ex)
		if err != nil {
			return
		}
		opts.Only = ld.rule.ID
		text, _, err := ExampleMarks(ex.Text)
		if err != nil {
			return
		}
		res := l.lintOne(*ld, text, opts)
		into[res.Language]++
		if bad {
			for _, f := range res.Findings {
				fired[f.Subrule] = true
			}
		}
	}
	for _, ex := range ld.rule.Examples.Bad {
		count(ex, cov.Bad, true)
	}
	for _, ex := range ld.rule.Examples.Good {
		count(ex, cov.Good, false)
	}
	for _, s := range info.Subrules {
		if !fired[s] {
			cov.Unexercised = append(cov.Unexercised, s)
		}
	}
	return cov, true
}

// lintOne lints text with one rule as written and returns the whole result.
func (l *Linter) lintOne(ld loaded, text string, opts Options) *Result {
	solo := &Linter{rules: []loaded{{rule: ld.rule, check: ld.check}}, detector: l.detector,
		patterns: l.patterns, problemItems: l.problemItems, registerItems: l.registerItems, typeItems: l.typeItems, layout: l.layout,
		catalog: l.catalog}
	return solo.Lint(text, opts)
}

// exampleHTML is the visible text of an HTML example, read as an HTML
// template file would be.
func exampleHTML(src string) (string, error) {
	msgs, errs := document.Split("example.html", src)
	for _, err := range errs {
		var p *document.Problem
		if !errors.As(err, &p) || !p.Warning {
			return "", err
		}
	}
	if len(msgs) != 1 {
		return "", fmt.Errorf("an HTML example must hold one message, found %d", len(msgs))
	}
	return msgs[0].Text, nil
}

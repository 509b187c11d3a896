package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/replylint/replylint/lint/rule"
)

// Explain writes what 'replylint explain' prints for a rule: its
// description, severities, rationale, source, suggested rewrite and
// examples. The LSP server shows the same text on hover.
func Explain(w io.Writer, r *rule.Rule) error {
	var b strings.Builder
	p := func(format string, args ...any) { _, _ = fmt.Fprintf(&b, format, args...) }
	p("%s (%s)\n\n%s\n\n", r.ID, r.Kind, r.Description)
	p("Severity:")
	for _, ch := range rule.Channels() {
		p(" %s=%s", ch, r.SeverityOn(ch))
	}
	p("\nWeight: %d\n", r.Weight)
	if len(r.AppliesTo) > 0 {
		p("Applies to: %s\n", strings.Join(r.AppliesTo, ", "))
	}
	if r.Rationale != "" {
		p("\nWhy:\n%s\n", IndentLines(strings.TrimSpace(r.Rationale)))
	}
	if r.Source != "" {
		p("\nSource: %s", r.Source)
		if r.Checked != "" {
			p(" (checked %s)", r.Checked)
		}
		p("\n")
	}
	for _, cs := range r.Sources {
		on := "all channels"
		if cs.Channel != "" {
			on = cs.Channel
		}
		p("Source on %s: %s", on, cs.URL)
		if cs.Checked != "" {
			p(" (checked %s)", cs.Checked)
		}
		p("\n")
	}
	if len(r.AppliesToTypes) > 0 {
		p("Applies to message types: %s\n", strings.Join(r.AppliesToTypes, ", "))
	}
	if r.Suggest != nil {
		p("\nSuggested rewrite: %s", r.Suggest.Description)
		if t := r.Suggest.Text["en"]; t != "" {
			p("\n  e.g. %q", t)
		}
		safety := "unsafe (review before applying)"
		if r.Suggest.Safe {
			safety = "safe"
		}
		p("\n  fix: %s\n", safety)
	}
	p("\nFires on:\n")
	for _, ex := range r.Examples.Bad {
		p("  - %s\n", OneLine(ex.Text))
	}
	p("\nDoes not fire on:\n")
	for _, ex := range r.Examples.Good {
		p("  - %s\n", OneLine(ex.Text))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("explain %s: %w", r.ID, err)
	}
	return nil
}

// IndentLines indents every non-empty line of s by two spaces.
func IndentLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n")
}

// OneLine folds s onto one line of at most 100 characters.
func OneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 100 {
		s = string(r[:97]) + "..."
	}
	return s
}

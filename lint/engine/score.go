package engine

import (
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
)

// findingWeight is what one finding costs: the rule's weight, or the
// catalogue default for its severity when the finding was capped below the
// rule's severity (an http link that is only a warning costs a warning).
func findingWeight(r *rule.Rule, ruleSeverity, got finding.Severity) int {
	if got == ruleSeverity {
		return r.Weight
	}
	return min(r.Weight, rule.DefaultWeight(got))
}

// Grade turns a score into a letter: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, else F.
func Grade(score int) string {
	switch {
	case score >= 90:
		return "A"
	case score >= 75:
		return "B"
	case score >= 60:
		return "C"
	case score >= 40:
		return "D"
	}
	return "F"
}

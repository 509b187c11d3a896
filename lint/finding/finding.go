// Package finding defines what a check reports: a finding at a range of the
// message, and suggestions made of text edits that rewrite the message (the
// Diagnostic/SuggestedFix/TextEdit model of golang.org/x/tools/go/analysis).
package finding

import (
	"fmt"
	"sort"

	"github.com/replylint/replylint/lint/text"
)

// Severity orders findings. The zero value is Off: a rule switched off.
type Severity int

// Severities, lowest first.
const (
	Off Severity = iota
	Info
	Warning
	Error
)

// String returns the lower-case name used in rule files and output.
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	default:
		return "off"
	}
}

// MarshalText encodes a severity by name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity parses "error", "warning", "info" or "off".
func ParseSeverity(name string) (Severity, error) {
	switch name {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	case "off":
		return Off, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want error, warning, info or off)", name)
}

// Finding is one problem in one message.
type Finding struct {
	Rule string
	// Subrule is the sub-rule of the rule's group that fired ("" if none).
	Subrule  string
	Severity Severity
	Message  string
	Start    text.Position
	End      text.Position
	// Match is the original text of the range (empty for a missing element).
	Match       string
	Suggestions []Suggestion
	// URL is the policy page behind the rule on the message's channel (""
	// when the rule names none).
	URL string
	// InMarkup marks a finding whose range is in the message's HTML markup
	// (html-style), not in its visible text.
	InMarkup bool
}

// Suggestion is one way to fix a finding. Safe suggestions keep the meaning
// of the message and may be applied without review (ruff's safe fixes).
type Suggestion struct {
	Description string
	Safe        bool
	Edits       []Edit
}

// Edit replaces the range [Start, End) of the original text with NewText; an
// empty range inserts and an empty NewText deletes.
type Edit struct {
	Start   text.Position
	End     text.Position
	NewText string
}

// Sort orders findings by position, then rule, then message, so output does
// not depend on the order in which checks ran.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Start.Offset != b.Start.Offset {
			return a.Start.Offset < b.Start.Offset
		}
		if a.End.Offset != b.End.Offset {
			return a.End.Offset < b.End.Offset
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

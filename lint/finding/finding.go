// Package finding names what a check reports: a finding at a range of the
// message, and suggestions made of text edits that rewrite the message. The
// types live in package core (the bottom of the house); these aliases keep
// the names the layers above were written with.
package finding

import "github.com/replylint/replylint/lint/core"

// Severity orders findings. The zero value is Off: a rule switched off.
type Severity = core.Severity

// Severities, lowest first.
const (
	Off     = core.Off
	Info    = core.Info
	Warning = core.Warning
	Error   = core.Error
)

// ParseSeverity parses "error", "warning", "info" or "off".
func ParseSeverity(name string) (Severity, error) { return core.ParseSeverity(name) }

// Finding is one problem in one message.
type Finding = core.Finding

// Suggestion is one way to fix a finding.
type Suggestion = core.Suggestion

// Edit replaces a range of the original text.
type Edit = core.Edit

// Sort orders findings by position, then rule, then message.
func Sort(fs []Finding) { core.SortFindings(fs) }

// Less is the order of Sort.
func Less(a, b Finding) bool { return core.LessFinding(a, b) }

// Package core holds the value types every layer of replylint shares: byte
// spans and line:column positions, severities, channels, message kinds and
// modes, and findings with their suggested edits (the Diagnostic /
// SuggestedFix / TextEdit model of golang.org/x/tools/go/analysis). It
// imports nothing of replylint, so any package may import it.
//
// The packages that grew these types first (text, match, finding, rule)
// keep their names as aliases.
package core

import (
	"fmt"
	"sort"
)

// Span is a byte range [Start, End) of the original text.
type Span struct{ Start, End int }

// Overlaps reports whether two spans share a byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Position is a point in a source text. Offset is a byte offset into the
// original text; Line and Column are 1-based and Column counts Unicode code
// points from the start of the line.
type Position struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

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

// Channel is a sales channel whose policy a message is judged against.
type Channel string

// The channels.
const (
	Amazon  Channel = "amazon"
	Ebay    Channel = "ebay"
	Walmart Channel = "walmart"
	Tiktok  Channel = "tiktok"
	Shopify Channel = "shopify"
)

// Channels lists every channel, the default first.
func Channels() []Channel { return []Channel{Amazon, Ebay, Walmart, Tiktok, Shopify} }

// ParseChannel validates a channel name.
func ParseChannel(s string) (Channel, error) {
	for _, c := range Channels() {
		if string(c) == s {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown channel %q (want amazon, ebay, walmart, tiktok or shopify)", s)
}

// MessageKind says what a message is, which decides whether the empathy
// rules apply.
type MessageKind string

// The message kinds.
const (
	ComplaintReply MessageKind = "complaint-reply"
	Reply          MessageKind = "reply"
	Proactive      MessageKind = "proactive"
)

// ParseMessageKind validates a message kind name.
func ParseMessageKind(s string) (MessageKind, error) {
	switch k := MessageKind(s); k {
	case ComplaintReply, Reply, Proactive:
		return k, nil
	}
	return "", fmt.Errorf("unknown message kind %q (want complaint-reply, reply or proactive)", s)
}

// Mode says whether a text is a template (slots expected) or a draft about
// to be sent (slots must be filled).
type Mode string

// The modes.
const (
	Draft    Mode = "draft"
	Template Mode = "template"
)

// ParseMode validates a mode name.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case Draft, Template:
		return m, nil
	}
	return "", fmt.Errorf("unknown mode %q (want draft or template)", s)
}

// Register is how a message addresses the buyer where the language has
// two ways to (Sie/du, vous/tu, usted/tú, Lei/tu): suggestions are written in
// the register the draft already uses.
type Register string

// The registers. Formal is the default: it is what a seller writes to a
// buyer it does not know.
const (
	Formal   Register = "formal"
	Informal Register = "informal"
)

// ParseRegister validates a register name.
func ParseRegister(s string) (Register, error) {
	switch r := Register(s); r {
	case Formal, Informal:
		return r, nil
	}
	return "", fmt.Errorf("unknown register %q (want formal or informal)", s)
}

// Languages lists the languages the built-in packs support, as ISO 639-1
// codes.
func Languages() []string { return []string{"en", "de", "fr", "es", "it", "ja", "zh"} }

// Finding is one problem in one message.
type Finding struct {
	Rule string
	// Subrule is the sub-rule of the rule's group that fired ("" if none).
	Subrule  string
	Severity Severity
	Message  string
	Start    Position
	End      Position
	// Match is the original text of the range (empty for a missing element).
	Match       string
	Suggestions []Suggestion
	// Entry names the template of a collection the finding is in (its
	// name, id or title, its key or its place, "[2]"); "" in a file that
	// holds one message.
	Entry string
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
	Start   Position
	End     Position
	NewText string
}

// SortFindings orders findings by position, then rule, then message, so
// output does not depend on the order in which checks ran.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool { return LessFinding(fs[i], fs[j]) })
}

// LessFinding is the order of SortFindings.
func LessFinding(a, b Finding) bool {
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
}

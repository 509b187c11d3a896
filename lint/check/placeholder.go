package check

import (
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// Placeholder is not implemented yet (work in progress by a helper).
type Placeholder struct{ rule *rule.Rule }

// NewPlaceholder builds the check.
func NewPlaceholder(r *rule.Rule) (*Placeholder, error) { return &Placeholder{rule: r}, nil }

// Run implements Check.
func (c *Placeholder) Run(m *message.Message) []Hit { return nil }

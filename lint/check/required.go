package check

import (
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// Required is not implemented yet (work in progress by a helper).
type Required struct{ rule *rule.Rule }

// NewRequired builds the check.
func NewRequired(r *rule.Rule) (*Required, error) { return &Required{rule: r}, nil }

// Run implements Check.
func (c *Required) Run(m *message.Message) []Hit { return nil }

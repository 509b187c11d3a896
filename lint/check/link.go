package check

import (
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// Link is not implemented yet (work in progress by a helper).
type Link struct{ rule *rule.Rule }

// NewLink builds the check.
func NewLink(r *rule.Rule) (*Link, error) { return &Link{rule: r}, nil }

// Run implements Check.
func (c *Link) Run(m *message.Message) []Hit { return nil }

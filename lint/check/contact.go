package check

import (
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// Contact is not implemented yet (work in progress by a helper).
type Contact struct{ rule *rule.Rule }

// NewContact builds the check.
func NewContact(r *rule.Rule) (*Contact, error) { return &Contact{rule: r}, nil }

// Run implements Check.
func (c *Contact) Run(m *message.Message) []Hit { return nil }

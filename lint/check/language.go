package check

import (
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// Language is not implemented yet (work in progress by a helper).
type Language struct{ rule *rule.Rule }

// NewLanguage builds the check.
func NewLanguage(r *rule.Rule) (*Language, error) { return &Language{rule: r}, nil }

// Run implements Check.
func (c *Language) Run(m *message.Message) []Hit { return nil }

package check

import (
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// ChoiceQuestion is not implemented yet (work in progress by a helper).
type ChoiceQuestion struct{ rule *rule.Rule }

// NewChoiceQuestion builds the check.
func NewChoiceQuestion(r *rule.Rule) (*ChoiceQuestion, error) { return &ChoiceQuestion{rule: r}, nil }

// Run implements Check.
func (c *ChoiceQuestion) Run(m *message.Message) []Hit { return nil }

package check

import (
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// Metric is not implemented yet (work in progress by a helper).
type Metric struct{ rule *rule.Rule }

// NewMetric builds the check.
func NewMetric(r *rule.Rule) (*Metric, error) { return &Metric{rule: r}, nil }

// Run implements Check.
func (c *Metric) Run(m *message.Message) []Hit { return nil }

package check

import (
	"regexp"
	"slices"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// OrderID requires the order's ID in a message (Amazon: a proactive message
// must name the order it is about, 123-1234567-1234567). In template mode a
// slot whose name says it is the order ID counts ({{order_id}},
// %ORDER_NUMBER%, [[amazon order id]]); in a draft only the ID itself does,
// since an unfilled slot is not sent as an ID.
type OrderID struct {
	patterns []*regexp.Regexp
	slots    *rule.OrderSlotNames
}

// NewOrderID compiles an order-id rule.
func NewOrderID(r *rule.Rule) (*OrderID, error) {
	spec := r.OrderID
	if spec == nil {
		return nil, r.ErrorAt(nil, "an order-id rule needs an order-id block")
	}
	if len(spec.Patterns) == 0 {
		return nil, r.ErrorAt([]string{"order-id"}, "an order-id rule needs patterns of the ID")
	}
	c := &OrderID{slots: spec.Slots}
	for _, p := range spec.Patterns {
		re, err := regexp.Compile(p.Value)
		if err != nil {
			return nil, r.Errorf(p, "bad pattern: %v", err)
		}
		c.patterns = append(c.patterns, re)
	}
	return c, nil
}

// Run implements Check.
func (c *OrderID) Run(m *message.Message) []Hit {
	src := m.Text()
	for _, re := range c.patterns {
		if re.MatchString(src) {
			return nil
		}
	}
	if m.Mode == rule.Template && c.hasSlot(src) {
		return nil
	}
	sp := firstSentence(m)
	return []Hit{{Span: match.Span{Start: sp.Start, End: sp.End}}}
}

// hasSlot reports whether src has a template slot named as the order ID.
func (c *OrderID) hasSlot(src string) bool {
	if c.slots == nil {
		return false
	}
	for _, loc := range templateSlot().FindAllStringIndex(src, -1) {
		words := slotWords(src[loc[0]:loc[1]])
		if anyWord(words, c.slots.Joined) {
			return true
		}
		for i, w := range words {
			if slices.Contains(c.slots.Words, w) && (anyWord(words[i+1:], c.slots.With) || anyWord(words[:i], c.slots.With)) {
				return true
			}
		}
	}
	return false
}

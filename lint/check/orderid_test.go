package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

func TestOrderID(t *testing.T) {
	c, err := NewOrderID(builtinRule(t, "policy/order-id.yaml"))
	require.NoError(t, err)
	tests := []struct {
		name, text string
		mode       rule.Mode
		fires      bool
	}{
		{"id", "Your order 111-2223334-4445556 is late.", rule.Draft, false},
		{"id at the start", "111-2223334-4445556: late.", rule.Draft, false},
		{"id with one digit short", "Your order 111-222333-4445556 is late.", rule.Draft, true},
		{"id inside a longer number", "Ref 9111-2223334-44455567 is late.", rule.Draft, true},
		{"no id", "Your order is late.", rule.Draft, true},
		{"slot in a template", "Your order {{order_id}} is late.", rule.Template, false},
		{"camel-case slot", "Your order {{ order.orderNumber }} is late.", rule.Template, false},
		{"percent slot", "Your order %ORDER_NO% is late.", rule.Template, false},
		{"bracket slot", "Your order [Amazon Order ID] is late.", rule.Template, false},
		{"joined slot", "Your order {{amazonorderid}} is late.", rule.Template, false},
		{"German slot", "Ihre Bestellung {{bestellnummer}} verzögert sich.", rule.Template, false},
		{"slot in a draft", "Your order {{order_id}} is late.", rule.Draft, true},
		{"other slot", "Your order ships with {{tracking_number}}.", rule.Template, true},
		{"order slot without id", "Your {{order_date}} order is late.", rule.Template, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := message.New(tc.text, message.Context{Channel: rule.Amazon, Kind: rule.Proactive, Language: "en", Mode: tc.mode})
			assert.Equal(t, tc.fires, len(c.Run(m)) > 0)
		})
	}
}

func TestOrderIDConfigErrors(t *testing.T) {
	for _, tc := range []struct{ name, block, want string }{
		{"no patterns", "order-id: {slots: {words: [order]}}\n", "needs patterns"},
		{"bad pattern", "order-id: {patterns: ['(']}\n", "x.yaml:5:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := rule.Parse("x.yaml", []byte("id: x\nkind: order-id\nseverity: error\nmessage: m\n"+tc.block+"examples: {good: [a]}\n"))
			require.NoError(t, err)
			_, err = NewOrderID(r)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestMessageTypeConfigErrors(t *testing.T) {
	for _, tc := range []struct{ name, block, want string }{
		{"unknown type", "message-type: {proactive: {amazon: [gossip]}}\n", `unknown message type "gossip"`},
		{"unknown message", "message-type: {messages: {gossip: m}}\n", `unknown message type "gossip"`},
		{"negative max", "message-type: {max-review-requests: -1}\n", "must not be negative"},
		{"count without patterns", "message-type: {max-review-requests: 1}\n", "needs patterns"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := rule.Parse("x.yaml", []byte("id: x\nkind: message-type\nseverity: error\nmessage: m\n"+tc.block+"examples: {good: [a]}\n"))
			require.NoError(t, err)
			_, err = NewMessageType(r, nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), "x.yaml:")
		})
	}
}

func TestMessageTypeProactiveOnly(t *testing.T) {
	r := builtinRule(t, "policy/message-type.yaml")
	r.Patterns = nil // the review-request count needs the packs; this test is about types
	r.MessageType.MaxReviewRequests = 0
	c, err := NewMessageType(r, nil)
	require.NoError(t, err)
	for _, tc := range []struct {
		kind  rule.MessageKind
		typ   rule.MessageType
		ch    rule.Channel
		fires bool
	}{
		{rule.Proactive, rule.TypeConfirmation, rule.Amazon, true},
		{rule.Proactive, rule.TypeConfirmation, rule.Walmart, true},
		{rule.Proactive, rule.TypeConfirmation, rule.Ebay, false},
		{rule.Proactive, rule.TypeReviewRequest, rule.Walmart, true},
		{rule.Proactive, rule.TypeMarketing, rule.Tiktok, true},
		{rule.Proactive, rule.TypeOrderProblem, rule.Amazon, false},
		{rule.Proactive, rule.TypeOther, rule.Amazon, false},
		{rule.Reply, rule.TypeConfirmation, rule.Amazon, false},
		{rule.Proactive, rule.TypeMarketing, rule.Shopify, false},
	} {
		m := message.New("Your parcel is on its way.", message.Context{Channel: tc.ch, Kind: tc.kind, Type: tc.typ, Language: "en"})
		assert.Equal(t, tc.fires, len(c.Run(m)) > 0, "%s %s on %s", tc.kind, tc.typ, tc.ch)
	}
}

package rule

import (
	"fmt"
	"strings"
)

// MessageType says what a message is for, next to its kind: marketplaces
// allow proactive messages for set reasons only (Amazon's Buyer-Seller
// Messaging guidelines, the Selling Partner API's message types), and some
// limits (length) depend on the reason. A message's type is declared (front
// matter, config, --type, Options.Type) or detected from its words (see
// lint's type detection and rules/lang/<code>/types.yaml).
type MessageType string

// The message types. The first group are reasons marketplaces accept for a
// proactive message; the second are messages they forbid to send on their
// own (order and shipping confirmations, thanks alone, marketing); Other is
// a message no vocabulary recognised.
const (
	TypeOrderProblem    MessageType = "order-problem"
	TypeDelivery        MessageType = "delivery"
	TypeReturn          MessageType = "return"
	TypeInvoice         MessageType = "invoice"
	TypeReviewRequest   MessageType = "review-request"
	TypeProductQuestion MessageType = "product-question"
	TypeOrderDetails    MessageType = "order-details"
	TypeCustomization   MessageType = "customization"
	TypeDigitalKey      MessageType = "digital-key"
	TypeWarranty        MessageType = "warranty"
	TypeMarketing       MessageType = "marketing"
	TypeConfirmation    MessageType = "confirmation-only"
	TypeThankYou        MessageType = "thank-you-only"
	TypeOther           MessageType = "other"
)

// MessageTypes lists every message type in documentation order.
func MessageTypes() []MessageType {
	return []MessageType{
		TypeOrderProblem, TypeDelivery, TypeReturn, TypeInvoice, TypeReviewRequest, TypeProductQuestion,
		TypeOrderDetails, TypeCustomization, TypeDigitalKey, TypeWarranty,
		TypeMarketing, TypeConfirmation, TypeThankYou, TypeOther,
	}
}

// ParseMessageType validates a message type name.
func ParseMessageType(s string) (MessageType, error) {
	for _, t := range MessageTypes() {
		if string(t) == s {
			return t, nil
		}
	}
	names := make([]string, 0, len(MessageTypes()))
	for _, t := range MessageTypes() {
		names = append(names, string(t))
	}
	return "", fmt.Errorf("unknown message type %q (want one of %s)", s, strings.Join(names, ", "))
}

package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// TestKindExamples runs the kind-detection examples of every language pack:
// complaints (and replies to them) are complaint replies, the rest are not.
func TestKindExamples(t *testing.T) {
	l, err := New(Config{Builtin: true})
	require.NoError(t, err)
	for _, code := range l.patterns.Packs().Languages() {
		ex := l.patterns.Pack(code).KindExamples
		if _, ok := l.problemItems[code]; !ok {
			continue
		}
		for _, text := range ex.Complaint {
			m := message.New(text, message.Context{Language: code})
			assert.Equal(t, rule.ComplaintReply, l.detectKind(m, nil), "%s complaint: %q", code, text)
		}
		for _, text := range ex.NotComplaint {
			m := message.New(text, message.Context{Language: code})
			assert.NotEqual(t, rule.ComplaintReply, l.detectKind(m, nil), "%s not a complaint: %q", code, text)
		}
		assert.GreaterOrEqual(t, len(ex.Proactive), 4, "%s: proactive examples", code)
		assert.GreaterOrEqual(t, len(ex.Reply), 4, "%s: reply examples", code)
		for _, text := range ex.Proactive {
			m := message.New(text, message.Context{Language: code})
			assert.Equal(t, rule.Proactive, l.detectKind(m, nil), "%s proactive: %q", code, text)
			// The same words answering a buyer's message are a reply.
			assert.NotEqual(t, rule.Proactive, l.detectKind(m, l.buyer(code, "Where is my order?")), "%s proactive text as an answer: %q", code, text)
		}
		for _, text := range ex.Reply {
			m := message.New(text, message.Context{Language: code})
			assert.Equal(t, rule.Reply, l.detectKind(m, nil), "%s reply: %q", code, text)
		}
	}
}

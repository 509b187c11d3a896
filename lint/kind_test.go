package lint

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
			assert.Equal(t, rule.ComplaintReply, l.detectKind(m, ""), "%s complaint: %q", code, text)
		}
		for _, text := range ex.NotComplaint {
			m := message.New(text, message.Context{Language: code})
			assert.Equal(t, rule.Reply, l.detectKind(m, ""), "%s not a complaint: %q", code, text)
		}
	}
}

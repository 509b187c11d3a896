package check

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// Length reports a message longer than its channel (and, for a proactive
// message, its type) accepts.
type Length struct {
	rule *rule.Rule
	max  rule.PerChannel[int]
	// maxByType overrides max for messages of a type.
	maxByType map[rule.MessageType]rule.PerChannel[int]
}

// NewLength compiles a length rule.
func NewLength(r *rule.Rule) (*Length, error) {
	spec := r.Length
	if spec == nil {
		return nil, r.ErrorAt(nil, "a length rule needs a length block")
	}
	c := &Length{rule: r, max: spec.Max}
	hasMax := false
	for _, ch := range rule.Channels() {
		n := spec.Max.Get(ch)
		if n < 0 {
			return nil, r.ErrorAt([]string{"length", "max", string(ch)}, "max must not be negative")
		}
		hasMax = hasMax || n > 0
	}
	if !hasMax {
		return nil, r.ErrorAt([]string{"length"}, "a length rule needs max for at least one channel")
	}
	for name, perChannel := range spec.MaxByType {
		t, err := rule.ParseMessageType(name)
		if err != nil {
			return nil, r.ErrorAt([]string{"length", "max-by-type"}, "%v", err)
		}
		for _, ch := range rule.Channels() {
			if perChannel.Get(ch) < 0 {
				return nil, r.ErrorAt([]string{"length", "max-by-type", name}, "max must not be negative")
			}
		}
		if c.maxByType == nil {
			c.maxByType = map[rule.MessageType]rule.PerChannel[int]{}
		}
		c.maxByType[t] = perChannel
	}
	return c, nil
}

// Run reports the part of the message past the channel's limit. Trailing
// white space does not count: files end in a line break nobody sends.
func (c *Length) Run(m *message.Message) []Hit {
	limit := c.max.Get(m.Channel)
	name := "too-long"
	// The per-type limits are those of the marketplace's proactive message
	// types (the Selling Partner API's customization and digital-key
	// messages); a reply is not sent as one of them.
	if byType, ok := c.maxByType[m.Type]; ok && m.Kind == rule.Proactive && byType.Get(m.Channel) > 0 {
		limit = byType.Get(m.Channel)
		name = "too-long-for-type"
	}
	if limit <= 0 {
		return nil
	}
	src := strings.TrimRightFunc(m.Text(), unicode.IsSpace)
	n := utf8.RuneCountInString(src)
	if n <= limit {
		return nil
	}
	cut := 0
	for i := 0; i < limit; i++ {
		_, size := utf8.DecodeRuneInString(src[cut:])
		cut += size
	}
	return []Hit{namedHit(c.rule, match.Span{Start: cut, End: len(src)}, name,
		"length", strconv.Itoa(n), "channel", channelName(m.Channel), "max", strconv.Itoa(limit),
		"type", string(m.Type), "over", strconv.Itoa(n-limit))}
}

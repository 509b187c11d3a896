package check

import (
	"slices"
	"sort"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/rule"
)

// MessageType judges whether a message may be sent at all: a proactive
// message must have a type the channel permits (Amazon forbids order and
// shipping confirmations, thanks alone and marketing), and one message may
// hold a limited number of review requests (the rule's patterns say what a
// review request is; each sentence that matches one counts once).
type MessageType struct {
	rule      *rule.Rule
	proactive rule.PerChannel[[]rule.MessageType]
	messages  map[string]string
	maxReview int
	group     *group
	comp      *pattern.Compiler
}

// NewMessageType compiles a message-type rule.
func NewMessageType(r *rule.Rule, env *Env) (*MessageType, error) {
	spec := r.MessageType
	if spec == nil {
		return nil, r.ErrorAt(nil, "a message-type rule needs a message-type block")
	}
	c := &MessageType{rule: r, messages: spec.Messages, maxReview: spec.MaxReviewRequests}
	if spec.MaxReviewRequests < 0 {
		return nil, r.ErrorAt([]string{"message-type", "max-review-requests"}, "max-review-requests must not be negative")
	}
	for _, ch := range rule.Channels() {
		var list []rule.MessageType
		for _, name := range spec.Proactive.Get(ch) {
			t, err := rule.ParseMessageType(name)
			if err != nil {
				return nil, r.ErrorAt([]string{"message-type", "proactive", string(ch)}, "%v", err)
			}
			list = append(list, t)
		}
		c.proactive.Set(ch, list)
	}
	for name := range spec.Messages {
		if _, err := rule.ParseMessageType(name); err != nil {
			return nil, r.ErrorAt([]string{"message-type", "messages"}, "%v", err)
		}
	}
	if spec.MaxReviewRequests > 0 && len(r.Patterns) == 0 {
		return nil, r.ErrorAt([]string{"message-type", "max-review-requests"}, "counting review requests needs patterns that say what one is")
	}
	g, err := newGroup(r, env)
	if err != nil {
		return nil, err
	}
	c.group = g
	if env != nil {
		c.comp = env.Patterns
	}
	return c, nil
}

// Run implements Check.
func (c *MessageType) Run(m *message.Message) []Hit {
	var hits []Hit
	if m.Kind == rule.Proactive && m.Type != "" && m.Type != rule.TypeOther {
		if allowed := c.proactive.Get(m.Channel); len(allowed) > 0 && !slices.Contains(allowed, m.Type) {
			// A type without its own message gets the rule's.
			h := namedHit(c.rule, firstSentence(m), string(m.Type))
			h.Subrule, h.ByKind = "proactive-"+string(m.Type), true
			hits = append(hits, h)
		}
	}
	if c.maxReview > 0 && c.comp != nil {
		hits = append(hits, c.repeatedRequests(m)...)
	}
	return hits
}

// repeatedRequests reports the review requests past the limit. A request
// is a run of sentences that ask for a review, next to each other or in
// one paragraph ("Would you share your experience? You can leave a review
// here." is one request); asking again in another paragraph after other
// content is a second one (the "P.S. Don't forget to leave a review"
// reminder).
func (c *MessageType) repeatedRequests(m *message.Message) []Hit {
	v := View(m, c.comp)
	unitsOf := func(offset int) (sentence, paragraph int) {
		i := sort.Search(len(v.Tokens), func(i int) bool { return v.Tokens[i].End > offset })
		if i == len(v.Tokens) {
			return -1, -1
		}
		return v.Tokens[i].Sentence, v.Tokens[i].Paragraph
	}
	var hits []Hit
	runs, last, lastPara := 0, -2, -2
	for _, h := range c.group.find(m, c.comp, nil) {
		s, p := unitsOf(h.span.Start)
		if s == last {
			continue
		}
		if s != last+1 && p != lastPara {
			runs++
			if runs > c.maxReview {
				hits = append(hits, h.hit())
			}
		}
		last, lastPara = s, p
	}
	return hits
}

// firstSentence is the first sentence of the body (of the text when the
// layout found no body): where a finding about the whole message points.
func firstSentence(m *message.Message) match.Span {
	at := m.Layout.Body.Start
	if m.Layout.Body.End <= at {
		at = 0
	}
	for at < len(m.Text()) && (m.Text()[at] == ' ' || m.Text()[at] == '\n' || m.Text()[at] == '\r' || m.Text()[at] == '\t') {
		at++
	}
	sp := m.SentenceAt(at)
	if sp.End <= sp.Start {
		return match.Span{Start: 0, End: len(m.Text())}
	}
	return sp
}

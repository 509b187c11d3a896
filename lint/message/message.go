// Package message is what checks see of one message: its text, folded copy,
// context (channel, kind, mode, language) and layout (greeting, body
// paragraphs, closing, sign-off).
package message

import (
	"sort"

	"github.com/replylint/replylint/lint/core"
	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// Message is one message ready to be checked. Checks must not modify it.
type Message struct {
	Source *text.Source
	Folded *text.Normalized
	// Language is the message's language (ISO 639-1), "" if unknown.
	Language string
	// ExpectedLanguage is the buyer's or marketplace's language, "" if none.
	ExpectedLanguage string
	Channel          rule.Channel
	Kind             rule.MessageKind
	// KindDetected says Kind was read from the words, not declared: a
	// judgement that holds only for that kind is then advisory.
	KindDetected bool
	// Type is what the message is for (declared or detected).
	Type rule.MessageType
	Mode rule.Mode
	// Register is how the message addresses the buyer (given, or detected
	// after New); suggestions are written in it.
	Register core.Register
	Layout   Layout
	// Markup is the HTML the text was read from ("" for a plain text), for
	// the checks of HTML style.
	Markup string
	// Detector answers language questions about parts of the message.
	Detector Detector
	// AllowDomains are extra registrable domains the link check allows.
	AllowDomains []string
	// bodySentences and allSentences are computed once in New, so that
	// SentenceAt costs a binary search instead of a pass over the text.
	bodySentences, allSentences []match.Span
	// memo holds what checks computed on the message for each other.
	memo map[any]any
	// vocab tells greetings and sign-offs.
	vocab Vocabulary
}

// GreetingPrefix returns the length in bytes of what opens a line of this
// message before its first real sentence (see the function GreetingPrefix).
func (m *Message) GreetingPrefix(line string) int { return GreetingPrefix(line, m.vocab, m.Language) }

// Memo returns compute's value for key, computed once per message: checks
// share work this way (the parts of the text three style measures skip).
// A message is linted by one goroutine; Memo is not safe for concurrent
// use.
func (m *Message) Memo(key any, compute func() any) any {
	if v, ok := m.memo[key]; ok {
		return v
	}
	v := compute()
	if m.memo == nil {
		m.memo = map[any]any{}
	}
	m.memo[key] = v
	return v
}

// Release hands back the working memory that checks computed on the
// message and can reuse for the next one (pattern results); the message
// must not be linted afterwards.
func (m *Message) Release() {
	for k, v := range m.memo {
		if r, ok := v.(interface{ Release() }); ok {
			r.Release()
		}
		delete(m.memo, k)
	}
}

// SentenceAt returns the sentence of the body that holds offset, or of the
// whole text when the body has none there; an empty span at offset if no
// sentence holds it.
func (m *Message) SentenceAt(offset int) match.Span {
	for _, list := range [][]match.Span{m.bodySentences, m.allSentences} {
		i := sort.Search(len(list), func(i int) bool { return list[i].End > offset })
		if i < len(list) && list[i].Start <= offset {
			return list[i]
		}
	}
	return match.Span{Start: offset, End: offset}
}

// Sentences returns the sentences of the whole text, as
// Sentences(text, whole text) does, split once in New; the caller must not
// modify the list.
func (m *Message) Sentences() []match.Span { return m.allSentences }

// Detector detects the language of a text: an ISO 639-1 code, or "" when
// it cannot tell.
type Detector interface {
	Detect(text string) string
}

// New prepares a message. The layout is computed here, once for all checks.
func New(src string, ctx Context) *Message {
	s := text.NewSource(src)
	m := &Message{
		Source:           s,
		Folded:           text.Normalize(src),
		Language:         ctx.Language,
		ExpectedLanguage: ctx.ExpectedLanguage,
		Channel:          ctx.Channel,
		Kind:             ctx.Kind,
		Type:             ctx.Type,
		Markup:           ctx.Markup,
		Mode:             ctx.Mode,
		Register:         ctx.Register,
		Detector:         ctx.Detector,
		AllowDomains:     ctx.AllowDomains,
	}
	m.vocab = ctx.Vocabulary
	if m.vocab == nil {
		m.vocab = defaultVocabulary()
	}
	m.Layout = Analyze(s, m.vocab, ctx.Language)
	m.allSentences = Sentences(src, match.Span{Start: 0, End: len(src)})
	m.bodySentences = clipSentences(src, m.allSentences, m.Layout.Body)
	return m
}

// clipSentences is Sentences(src, within) made from the sentences of the
// whole text: a sentence ends at the same characters either way, so the
// body's sentences are the whole text's cut to the body.
func clipSentences(src string, all []match.Span, within match.Span) []match.Span {
	var out []match.Span
	for _, s := range all {
		if s.End <= within.Start || s.Start >= within.End {
			continue
		}
		if sp, ok := trimmedSpan(src, max(s.Start, within.Start), min(s.End, within.End)); ok {
			out = append(out, sp)
		}
	}
	return out
}

// Context is what is known about a message besides its text.
type Context struct {
	Channel          rule.Channel
	Kind             rule.MessageKind
	Type             rule.MessageType
	Mode             rule.Mode
	Register         core.Register
	Language         string
	ExpectedLanguage string
	Detector         Detector
	// Markup is the HTML the text was read from, if any.
	Markup string
	// AllowDomains are extra registrable domains the link check allows
	// (from a project config).
	AllowDomains []string
	// Vocabulary tells greetings and sign-offs; nil reads the built-in
	// language packs.
	Vocabulary Vocabulary
}

// Text returns the original text.
func (m *Message) Text() string { return m.Source.Text() }

// Slice returns the original text of a span.
func (m *Message) Slice(s match.Span) string { return m.Source.Text()[s.Start:s.End] }

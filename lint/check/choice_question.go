package check

import (
	"slices"
	"sort"
	"strings"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/rule"
)

// ChoiceQuestion reports a complaint reply whose closing does not ask the
// buyer to choose between options. A closing sentence passes when it asks
// (a question mark, or a request phrase such as "let me know which") and
// offers alternatives ("or", "which") that no not-choice phrase cancels
// ("or not", "questions or concerns").
type ChoiceQuestion struct {
	rule *rule.Rule
	// questions mark a sentence as asking even without a question mark.
	questions *match.Set
	// alternatives mark a choice; the rule's not-choice phrases are their
	// except list, so a cancelled alternative is never found.
	alternatives *match.Set
	group        *group
	comp         *pattern.Compiler
}

// reachBack is how many sentences before the closing are still read when
// the closing itself asks nothing: a question followed by a pleasantry
// ("Which do you prefer? Thank you for your patience.") still closes the
// message.
const reachBack = 2

// NewChoiceQuestion compiles a choice-question rule. Entries of the choice
// lists are phrases; an entry starting with "re:" is an RE2 pattern on the
// folded text.
func NewChoiceQuestion(r *rule.Rule, env *Env) (*ChoiceQuestion, error) {
	if len(r.Choice) == 0 && len(r.Patterns) == 0 {
		return nil, r.ErrorAt(nil, "a choice-question rule needs a patterns block (sub-rules with role question or alternative) or a choice block")
	}
	for i, p := range r.Patterns {
		if p.Role != roleQuestion && p.Role != roleAlternative && p.Role != roleSettled {
			return nil, r.ErrorAt([]string{"patterns"}, "patterns[%d] (%s): a choice-question sub-rule needs role question, alternative or settled", i, p.ID)
		}
	}
	questions := map[string]rule.Match{}
	alternatives := map[string]rule.Match{}
	for lang, ch := range r.Choice {
		if lang != rule.AnyLanguage && !slices.Contains(rule.Languages(), lang) {
			return nil, r.ErrorAt([]string{"choice", lang}, "unsupported language %q (one of any, %s)", lang, strings.Join(rule.Languages(), ", "))
		}
		if len(ch.Alternatives) == 0 {
			return nil, r.ErrorAt([]string{"choice", lang}, "choice.%s needs alternatives", lang)
		}
		questions[lang] = phrasesAndPatterns(ch.Questions)
		alt := phrasesAndPatterns(ch.Alternatives)
		notChoice, err := boundedExcepts(r, ch.NotChoice)
		if err != nil {
			return nil, err
		}
		alt.Except = notChoice
		alternatives[lang] = alt
	}
	q, err := compileMatch(r, questions)
	if err != nil {
		return nil, err
	}
	a, err := compileMatch(r, alternatives)
	if err != nil {
		return nil, err
	}
	g, err := newGroup(r, env)
	if err != nil {
		return nil, err
	}
	c := &ChoiceQuestion{rule: r, questions: q, alternatives: a, group: g}
	if env != nil {
		c.comp = env.Patterns
	}
	return c, nil
}

// The roles of a choice-question rule's sub-rules. A settled sub-rule
// finds a remedy the draft has already carried out ("we have issued a full
// refund"): the closing is still judged as before, but the rule's choice
// between remedies would contradict the draft, so the finding takes the
// settled sub-rule's message and suggestion instead.
const (
	roleQuestion    = "question"
	roleAlternative = "alternative"
	roleSettled     = "settled"
)

// spans returns what the match block and the sub-rules of a role find.
func (c *ChoiceQuestion) spans(m *message.Message, set *match.Set, role string) []match.Span {
	out := set.FindAll(m.Language, m.Folded)
	for _, h := range c.group.find(m, c.comp, func(s *subrule) bool { return s.spec.Role == role }) {
		out = append(out, h.span)
	}
	return out
}

// phrasesAndPatterns sorts a word list into phrases and "re:" patterns.
func phrasesAndPatterns(list []rule.String) rule.Match {
	var m rule.Match
	for _, s := range list {
		if p, ok := strings.CutPrefix(s.Value, "re:"); ok {
			s.Value = p
			m.Patterns = append(m.Patterns, s)
			continue
		}
		m.Phrases = append(m.Phrases, s)
	}
	return m
}

// Run implements Check.
func (c *ChoiceQuestion) Run(m *message.Message) []Hit {
	if !c.alternatives.Has(m.Language) && !c.group.has(m.Language) {
		return nil
	}
	src := m.Text()
	body := m.Layout.Body
	if body.End <= body.Start {
		body = match.Span{Start: 0, End: len(src)}
	}
	sents := message.Sentences(src, body)
	if len(sents) == 0 {
		return []Hit{c.hit(m, match.Span{Start: body.End, End: body.End})}
	}
	qs := c.spans(m, c.questions, roleQuestion)
	alts := c.spans(m, c.alternatives, roleAlternative)
	asks := func(i int) bool {
		s := sents[i]
		return hasQuestionMark(src[s.Start:s.End]) || anyWithin(qs, s)
	}
	offers := func(i int) bool { return anyWithin(alts, sents[i]) }
	opensWithAlternative := func(i int) bool {
		s := sents[i]
		for _, a := range alts {
			if a.Start >= s.Start && a.Start <= firstWordStart(src, s) && a.End <= s.End {
				return true
			}
		}
		return false
	}

	from := closingStart(sents, m.Layout.Closing)
	asksFrom := func(from int) bool {
		for i := from; i < len(sents); i++ {
			if asks(i) {
				return true
			}
		}
		return false
	}
	for back := 0; back < reachBack && from > 0 && !asksFrom(from); back++ {
		from--
	}
	lastAsk := -1
	for i := from; i < len(sents); i++ {
		if !asks(i) {
			continue
		}
		lastAsk = i
		// "Would you like to wait? Or we can refund you now." offers the
		// choice across two sentences.
		if offers(i) || (i+1 < len(sents) && opensWithAlternative(i+1)) {
			return nil
		}
	}
	// "Would you like the credit, or would you prefer to keep it? Let me
	// know how you'd like to proceed!": a closing that only asks again,
	// with no choice of its own, follows up the choice asked just before.
	if lastAsk >= 0 && onlyAsksFrom(from, len(sents), asks) {
		for j := from - 1; j >= 0 && j >= from-reachBack && asks(j); j-- {
			if offers(j) || opensWithAlternative(j+1) {
				return nil
			}
		}
	}
	if lastAsk >= 0 {
		return []Hit{c.hit(m, sents[lastAsk])}
	}
	end := sents[len(sents)-1].End
	return []Hit{c.hit(m, match.Span{Start: end, End: end})}
}

// onlyAsksFrom reports whether every sentence in [from, to) asks.
func onlyAsksFrom(from, to int, asks func(int) bool) bool {
	for i := from; i < to; i++ {
		if !asks(i) {
			return false
		}
	}
	return true
}

// settled returns the first settled sub-rule that fires in the message.
func (c *ChoiceQuestion) settled(m *message.Message) (groupHit, bool) {
	hits := c.group.find(m, c.comp, func(s *subrule) bool { return s.spec.Role == roleSettled })
	if len(hits) == 0 {
		return groupHit{}, false
	}
	return hits[0], true
}

// hit reports the closing question to change (sp non-empty) or the end of
// the body where a question belongs (sp empty), with the rule's question as
// replacement or insertion.
func (c *ChoiceQuestion) hit(m *message.Message, sp match.Span) Hit {
	h := Hit{Span: sp}
	spec, fixKey := c.rule.Suggest, ".fix"
	var captures []capture
	if done, ok := c.settled(m); ok {
		settled := done.hit()
		h.Subrule, h.Message, h.Key, h.Args = settled.Subrule, settled.Message, settled.Key, settled.Args
		spec, captures = done.sub.spec.Suggest, done.captures
		fixKey = "/" + done.sub.spec.ID + ".fix"
	}
	if spec == nil || spec.Action == "none" {
		return h
	}
	t, ok := suggestText(spec, m, m.Slice(sp), captures)
	if t = strings.TrimSpace(t); !ok || t == "" {
		// Nothing to write for this language: what to do is still said.
		if h.Subrule != "" {
			h.Suggestions = []Fix{{Description: spec.Description, Key: fixKey, Safe: spec.Safe}}
		}
		return h
	}
	edit := Edit{Span: sp, NewText: t}
	if sp.Start == sp.End || spec.Action == "insert" {
		at := sp.End
		if len(m.Layout.Paragraphs) > 0 {
			at, edit.NewText = insertion(m, insertEnd, t)
		} else if at > 0 {
			edit.NewText = stopAfter(m.Text()[:at], m.Language) + sentenceSep(m.Language) + t
		}
		edit.Span = match.Span{Start: at, End: at}
	}
	h.Suggestions = []Fix{{Description: spec.Description, Key: fixKey, Safe: spec.Safe, Edits: []Edit{edit}}}
	return h
}

// closingStart is the index of the first sentence of the closing (the last
// sentence when the layout has no closing).
func closingStart(sents []match.Span, closing match.Span) int {
	if closing.End > closing.Start {
		i := sort.Search(len(sents), func(i int) bool { return sents[i].End > closing.Start })
		if i < len(sents) {
			return i
		}
	}
	return len(sents) - 1
}

// firstWordStart is the offset of a sentence's first letter, past opening
// punctuation ("¿", quotes).
func firstWordStart(src string, s match.Span) int {
	for i, r := range src[s.Start:s.End] {
		if !strings.ContainsRune("¿¡\"'“‘«(「（ ", r) {
			return s.Start + i
		}
	}
	return s.Start
}

func anyWithin(spans []match.Span, s match.Span) bool {
	for _, sp := range spans {
		if sp.Start >= s.Start && sp.End <= s.End {
			return true
		}
	}
	return false
}

// MatchSets implements Matching.
func (c *ChoiceQuestion) MatchSets() []*match.Set { return []*match.Set{c.questions, c.alternatives} }

package check

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// Required reports a message that lacks an element the rule's match block
// describes (an apology, a commitment, a remedy). A missing element is one
// zero-width hit at the place where it belongs, with a suggestion that
// inserts the rule's text there; an element that is present but comes too
// late can be reported at a lower severity.
type Required struct {
	rule    *rule.Rule
	matches *match.Set
	group   *group
	comp    *pattern.Compiler
	// where is the part of the message that must hold the element.
	where string
	// insert is where a missing element is suggested.
	insert      string
	late        finding.Severity
	lateMessage string
}

// The places of a required element and of its insertion.
const (
	whereAnywhere = "anywhere"
	whereOpening  = "opening"
	whereClosing  = "closing"

	insertStart         = "start"
	insertAfterFirst    = "after-first-sentence"
	insertBeforeClosing = "before-closing"
	insertEnd           = "end"
)

// NewRequired compiles a required-element rule.
func NewRequired(r *rule.Rule, env *Env) (*Required, error) {
	var err error
	if len(r.Match) == 0 && len(r.Patterns) == 0 {
		return nil, r.ErrorAt(nil, "a required rule needs a patterns or match block saying what counts as the element")
	}
	block := make(map[string]rule.Match, len(r.Match))
	for lang, m := range r.Match {
		if m.Except, err = boundedExcepts(r, m.Except); err != nil {
			return nil, err
		}
		block[lang] = m
	}
	var set *match.Set
	if len(block) > 0 {
		if set, err = compileMatch(r, block); err != nil {
			return nil, err
		}
	}
	g, err := newGroup(r, env)
	if err != nil {
		return nil, err
	}
	c := &Required{rule: r, matches: set, group: g, where: whereAnywhere}
	if env != nil {
		c.comp = env.Patterns
	}
	spec := r.Required
	if spec == nil {
		spec = &rule.RequiredSpec{}
	}
	switch spec.Where {
	case "", whereAnywhere:
	case whereOpening, whereClosing:
		c.where = spec.Where
	default:
		return nil, r.ErrorAt([]string{"required", "where"}, "unknown where %q (anywhere, opening or closing)", spec.Where)
	}
	c.insert = spec.Insert
	switch spec.Insert {
	case insertStart, insertAfterFirst, insertBeforeClosing, insertEnd:
	case "":
		c.insert = insertStart
		if c.where == whereClosing {
			c.insert = insertEnd
		}
	default:
		return nil, r.ErrorAt([]string{"required", "insert"}, "unknown insert %q (start, after-first-sentence, before-closing or end)", spec.Insert)
	}
	if spec.LateSeverity != "" {
		sev, perr := finding.ParseSeverity(spec.LateSeverity)
		if perr != nil || sev == finding.Off {
			return nil, r.ErrorAt([]string{"required", "late-severity"}, "late-severity must be error, warning or info")
		}
		if c.where != whereAnywhere {
			return nil, r.ErrorAt([]string{"required", "late-severity"}, "late-severity only makes sense with where: anywhere")
		}
		c.late = sev
		c.lateMessage = spec.LateMessage
	}
	return c, nil
}

// Run implements Check.
func (c *Required) Run(m *message.Message) []Hit {
	if !c.group.has(m.Language) && (c.matches == nil || !c.matches.Has(m.Language)) {
		// Without vocabulary for the language the check cannot tell absence
		// from words it does not know.
		return nil
	}
	region := c.region(m)
	quoted := messageQuotes(m)
	inRegion := func(sp match.Span) bool { return sp.Start >= region.Start && sp.End <= region.End }
	// The earliest element in the region, for the late check. Without
	// one, or once an element is on time (any before it is too), the
	// sub-rules after the one that found it are not matched.
	var first match.Span
	found, onTime := false, false
	c.group.each(m, c.comp, nil, func(h groupHit) bool {
		if !inRegion(h.span) {
			return true
		}
		if c.late == finding.Off || early(m, h.span) {
			onTime = true
			return false
		}
		if !found || h.span.Start < first.Start {
			first, found = h.span, true
		}
		return true
	})
	if onTime {
		return nil
	}
	if !found && c.matches != nil {
		for _, sp := range c.matches.FindAll(m.Language, m.Folded) {
			if sp.Start < region.Start || sp.End > region.End || insideAny(sp, quoted) {
				continue
			}
			first, found = sp, true
			break
		}
	}
	if !found {
		return []Hit{c.missing(m)}
	}
	if c.late != finding.Off && isLate(m, first) {
		return []Hit{{
			Span:        first,
			MaxSeverity: c.late,
			Message:     c.lateMessage,
			Key:         lateKey(c.lateMessage),
			Suggestions: c.insertFix(m, insertStart),
		}}
	}
	return nil
}

// boundedExcepts turns except phrases into patterns that respect word
// boundaries. The matcher checks boundaries for matches but not for except
// matches, so without this "or no" would cancel the "or" of "or nothing"
// and "o no" the "o" of "o nos". Scripts without spaces get no boundary.
func boundedExcepts(r *rule.Rule, list []rule.String) ([]rule.String, error) {
	out := make([]rule.String, 0, len(list))
	for _, s := range list {
		if strings.HasPrefix(s.Value, "re:") {
			out = append(out, s)
			continue
		}
		expr, err := match.PhraseRegexp(s.Value)
		if err != nil {
			return nil, r.Errorf(s, "except %q: %v", s.Value, err)
		}
		folded := text.Normalize(s.Value).Text
		if strings.IndexFunc(folded, text.IsSpacelessScript) < 0 {
			// A group counts as a word edge: its alternatives are words.
			first, _ := utf8.DecodeRuneInString(folded)
			last, _ := utf8.DecodeLastRuneInString(folded)
			if text.IsWordRune(first) || first == '(' {
				expr = `\b` + expr
			}
			if text.IsWordRune(last) || last == ')' {
				expr = "(?:" + expr + `)\b`
			}
		}
		s.Value = "re:" + expr
		out = append(out, s)
	}
	return out, nil
}

// region is the part of the text where the element counts.
func (c *Required) region(m *message.Message) match.Span {
	l := m.Layout
	all := match.Span{Start: 0, End: m.Source.Len()}
	switch c.where {
	case whereOpening:
		if l.Opening.End > 0 {
			return match.Span{Start: 0, End: l.Opening.End}
		}
	case whereClosing:
		if l.Closing.End > l.Closing.Start {
			return match.Span{Start: l.Closing.Start, End: all.End}
		}
	}
	return all
}

// missing is the hit for an absent element: zero width at the insertion point.
func (c *Required) missing(m *message.Message) Hit {
	at, _ := insertion(m, c.insert, "")
	return Hit{Span: match.Span{Start: at, End: at}, Suggestions: c.insertFix(m, c.insert)}
}

// insertFix suggests inserting the rule's text at a place.
func (c *Required) insertFix(m *message.Message, where string) []Fix {
	r := c.rule
	if r.Suggest == nil || r.Suggest.Action == "none" {
		return nil
	}
	t, ok := suggestText(r.Suggest, m, "", nil)
	if !ok || strings.TrimSpace(t) == "" {
		return nil
	}
	at, newText := insertion(m, where, t)
	return []Fix{{
		Description: r.Suggest.Description,
		Key:         ".fix",
		Safe:        r.Suggest.Safe,
		Edits:       []Edit{{Span: match.Span{Start: at, End: at}, NewText: newText}},
	}}
}

// isLate reports whether an element found at sp comes only in the second
// half of the body: at or after the middle sentence, and not in the first
// paragraph. A one-paragraph body needs three sentences for "late" to mean
// anything; an element in the sign-off is always late.
func isLate(m *message.Message, sp match.Span) bool {
	l := m.Layout
	if l.Body.End <= l.Body.Start || sp.Start < l.Body.Start {
		return false
	}
	if sp.Start >= l.Body.End {
		return true
	}
	if len(l.Paragraphs) > 1 && sp.Start < l.Paragraphs[0].End {
		return false
	}
	sents := message.Sentences(m.Text(), l.Body)
	idx := slices.IndexFunc(sents, func(s match.Span) bool { return s.Start <= sp.Start && sp.Start < s.End })
	if idx < 0 {
		return false
	}
	if len(l.Paragraphs) < 2 && len(sents) < 3 {
		return false
	}
	return idx > 0 && idx >= (len(sents)+1)/2
}

// early reports whether an element at sp is not late, and neither is any
// that starts before it (isLate's first tests, which only grow with the
// position).
func early(m *message.Message, sp match.Span) bool {
	l := m.Layout
	if l.Body.End <= l.Body.Start || sp.Start < l.Body.Start {
		return true
	}
	return len(l.Paragraphs) > 1 && sp.Start < l.Paragraphs[0].End && l.Paragraphs[0].End <= l.Body.End
}

// insertion returns the offset where new text goes for a place and the text
// to insert there, with the separators (space, line break or blank line, in
// the message's own line-ending style) that make it a sentence or paragraph
// of its own.
func insertion(m *message.Message, where, t string) (int, string) {
	src := m.Text()
	t = strings.TrimSpace(t)
	l := m.Layout
	paras := l.Paragraphs
	nl := lineBreak(src)
	sep := sentenceSep(m.Language)
	if len(paras) == 0 {
		if l.Greeting.End > l.Greeting.Start {
			return l.Greeting.End, nl + nl + t
		}
		return l.Body.Start, t
	}
	first := paras[0]
	start := first.Start + m.GreetingPrefix(src[first.Start:first.End])
	switch where {
	case insertAfterFirst:
		sents := message.Sentences(src, match.Span{Start: start, End: first.End})
		if len(sents) > 0 {
			end := sents[0].End
			return end, stopAfter(src[:end], m.Language) + sep + t
		}
	case insertBeforeClosing:
		last := paras[len(paras)-1]
		if len(paras) > 1 {
			// A remedy goes before the closing question, even when a
			// pleasantry follows that question.
			if n := len(paras); n > 2 && !asksIn(src, last) && asksIn(src, paras[n-2]) {
				return paras[n-2].Start, t + paragraphBreak(src, paras, nl)
			}
			if l.Closing.Start > last.Start && l.Closing.Start < last.End {
				return l.Closing.Start, t + sep
			}
			return last.Start, t + paragraphBreak(src, paras, nl)
		}
		sents := message.Sentences(src, match.Span{Start: start, End: last.End})
		if n := len(sents); n > 1 && asksIn(src, sents[n-1]) {
			return sents[n-1].Start, t + sep
		}
		return last.End, stopAfter(src[:last.End], m.Language) + sep + t
	case insertEnd:
		last := paras[len(paras)-1]
		return last.End, stopAfter(src[:last.End], m.Language) + sep + t
	}
	// insertStart, and the fallbacks above.
	switch {
	case start > first.Start || len(paras) == 1:
		return start, t + sep
	default:
		return start, t + paragraphBreak(src, paras, nl)
	}
}

// asksIn reports whether a span holds a question mark.
func asksIn(src string, sp match.Span) bool {
	return hasQuestionMark(src[sp.Start:sp.End])
}

// lineBreak is the message's own line ending.
func lineBreak(src string) string {
	if strings.Contains(src, "\r\n") {
		return "\r\n"
	}
	return "\n"
}

// paragraphBreak is what separates the body's paragraphs: a blank line, or a
// line break when the body has one paragraph per line.
func paragraphBreak(src string, paras []match.Span, nl string) string {
	if len(paras) > 1 && strings.Count(src[paras[0].End:paras[1].Start], "\n") < 2 {
		return nl
	}
	return nl + nl
}

// sentenceSep separates two sentences: nothing in scripts written without
// spaces.
func sentenceSep(lang string) string {
	if lang == "ja" || lang == "zh" {
		return ""
	}
	return " "
}

// stopAfter returns the full stop that text before an inserted sentence
// lacks, or "" when it already ends a sentence.
func stopAfter(before, lang string) string {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(before, " \t"))
	if r == utf8.RuneError || strings.ContainsRune(".!?。！？…:;)\"'」）", r) {
		return ""
	}
	if lang == "ja" || lang == "zh" {
		return "。"
	}
	return "."
}

// quotedSpans finds text the message quotes rather than says: lines quoted
// e-mail style ("> ..."), everything below a quoted-reply header ("-----
// Original Message-----", "On Monday, Ann wrote:") and short passages in
// quotation marks on one line.
// quotesKey keys a message's quoted spans in its memo.
type quotesKey struct{}

// messageQuotes is quotedSpans of m, computed once for all the required
// rules.
func messageQuotes(m *message.Message) []match.Span {
	v := m.Memo(quotesKey{}, func() any { return quotedSpans(m.Text()) })
	spans, _ := v.([]match.Span)
	return spans
}

func quotedSpans(src string) []match.Span {
	var out []match.Span
	lineStart := 0
	for lineStart <= len(src) {
		end := strings.IndexByte(src[lineStart:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += lineStart
		}
		line := src[lineStart:end]
		if isQuoteHeader(line) {
			return append(out, match.Span{Start: lineStart, End: len(src)})
		}
		if strings.HasPrefix(strings.TrimLeft(line, " \t"), ">") {
			out = append(out, match.Span{Start: lineStart, End: end})
		} else {
			out = append(out, quotesInLine(line, lineStart)...)
		}
		lineStart = end + 1
	}
	return out
}

// isQuoteHeader reports whether a line introduces a quoted earlier message.
func isQuoteHeader(line string) bool {
	t := strings.TrimSpace(line)
	if !strings.HasPrefix(t, "-----") && !strings.Contains(t, ":") {
		// Neither form can match (lower casing changes no dash or colon):
		// spare most lines the lower-cased copy.
		return false
	}
	l := strings.ToLower(t)
	if strings.HasPrefix(l, "-----") {
		l = strings.Trim(l, "- ")
		return l == "original message" || l == "forwarded message"
	}
	return strings.HasSuffix(l, " wrote:") && (strings.HasPrefix(l, "on ") || strings.Contains(l, "@"))
}

// quotePairs are opening and closing quotation marks.
var quotePairs = map[rune]rune{'"': '"', '“': '”', '„': '“', '«': '»', '「': '」', '『': '』'}

func quotesInLine(line string, offset int) []match.Span {
	var out []match.Span
	for i := 0; i < len(line); {
		if c := line[i]; c != '"' && c != 0xC2 && c != 0xE2 && c != 0xE3 {
			// Not the first byte of a quotation mark (" « “ „ 「 『): skip it
			// without decoding, the usual case.
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		closing, ok := quotePairs[r]
		if !ok {
			i += size
			continue
		}
		j := strings.IndexRune(line[i+size:], closing)
		if j < 0 || utf8.RuneCountInString(line[i+size:i+size+j]) > 200 {
			i += size
			continue
		}
		end := i + size + j + utf8.RuneLen(closing)
		out = append(out, match.Span{Start: offset + i, End: offset + end})
		i = end
	}
	return out
}

func insideAny(sp match.Span, spans []match.Span) bool {
	for _, o := range spans {
		if o.Start <= sp.Start && sp.End <= o.End {
			return true
		}
	}
	return false
}

// MatchSets implements Matching.
func (c *Required) MatchSets() []*match.Set {
	if c.matches == nil {
		return nil
	}
	return []*match.Set{c.matches}
}

// hasQuestionMark reports whether s holds "?" or "？".
func hasQuestionMark(s string) bool {
	return strings.IndexByte(s, '?') >= 0 || strings.Contains(s, "？")
}

// lateKey files the late message's translations ("" when there is none,
// and the rule's message stands).
func lateKey(msg string) string {
	if msg == "" {
		return ""
	}
	return "#late"
}

package check

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// Shouting reports words in capitals and repeated "!!" / "??".
type Shouting struct {
	rule *rule.Rule
	// exceptions are lower-cased words never reported.
	exceptions map[string]bool
	// repeated seldom matches: match.Regexp runs it only around its
	// literal ("!!").
	repeated *match.Regexp
}

// NewShouting compiles a shouting rule.
func NewShouting(r *rule.Rule) (*Shouting, error) {
	spec := r.Shouting
	if spec == nil {
		return nil, r.ErrorAt(nil, "a shouting rule needs a shouting block")
	}
	words, _, _ := styleExceptions(spec.Exceptions)
	return &Shouting{rule: r, exceptions: words, repeated: match.MustCompileRegexp(`[!?！？]{2,}`)}, nil
}

// Run implements Check.
func (c *Shouting) Run(m *message.Message) []Hit {
	skip := styleSkips(m)
	return byStart(append(c.shouting(m, skip), c.repeatedPunctuation(m, skip)...))
}

// styleCapsWord reports whether a token is written in capitals: it has letters,
// all upper case, and no digits (model numbers and codes are not shouting).
func styleCapsWord(w string) (letters int, ok bool) {
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			return 0, false
		case unicode.IsLetter(r):
			if !unicode.IsUpper(r) {
				return 0, false
			}
			letters++
		}
	}
	return letters, letters > 0
}

// styleOnlyX reports whether a word is a run of X (a blanked-out value such as
// "XXXXXXXXX", left to the placeholder rule).
func styleOnlyX(w string) bool { return strings.Trim(w, "X") == "" }

// shouting reports runs of all-caps words. A run fires when one of its words
// is long enough to be more than an acronym, or when it has two or more
// non-exception words ("DO NOT"); acronyms and brand names in the rule's
// exceptions never count.
func (c *Shouting) shouting(m *message.Message, skip [][]int) []Hit {
	src := m.Text()
	if !mayShout(src) {
		return nil
	}
	var hits []Hit
	var buf [8]styleToken
	run := buf[:0]
	flush := func() {
		if hit, ok := c.shoutingRun(m, run); ok {
			hits = append(hits, hit)
		}
		run = run[:0]
	}
	for i := 0; ; {
		tok, ok := styleTokenAt(src, i)
		if !ok {
			break
		}
		i = tok.end
		if _, caps := styleCapsWord(tok.text); !caps || styleSkipped(skip, tok.start, tok.end) {
			if len(run) > 0 {
				flush()
			}
			continue
		}
		if len(run) > 0 && !styleCapsGap(src[run[len(run)-1].end:tok.start]) {
			flush()
		}
		run = append(run, tok)
	}
	flush()
	return hits
}

// mayShout reports whether src may hold a word of two capitals or more,
// which every shouting run has. Text in ASCII without two capitals in a row
// (or with an apostrophe between them, "O'K") has none; other text is
// looked at word by word.
func mayShout(src string) bool {
	upper := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c >= utf8.RuneSelf:
			return true
		case upper(c) && i+1 < len(src):
			if upper(src[i+1]) || src[i+1] == '\'' && i+2 < len(src) && upper(src[i+2]) {
				return true
			}
		}
	}
	return false
}

// shoutingRun reports a run of consecutive all-caps words when it shouts.
func (c *Shouting) shoutingRun(m *message.Message, run []styleToken) (Hit, bool) {
	if len(run) == 0 {
		return Hit{}, false
	}
	long, words := false, 0
	for _, t := range run {
		n, _ := styleCapsWord(t.text)
		if n < 2 || c.exceptions[strings.ToLower(t.text)] || styleOnlyX(t.text) {
			continue
		}
		words++
		long = long || n >= shoutMinLetters
	}
	if !long && words < 2 {
		return Hit{}, false
	}
	sp := match.Span{Start: run[0].start, End: run[len(run)-1].end}
	return Hit{Span: sp, Suggestions: []Fix{namedFix(c.rule, "fix-normal-case", true, Edit{Span: sp, NewText: c.unshout(m, run, sp)})}}, true
}

// styleCapsGap reports whether the text between two all-caps words keeps them in
// one run: spaces and light punctuation, but no sentence end or line break.
func styleCapsGap(gap string) bool {
	for _, r := range gap {
		if r == '\n' || r == '\r' || r == '.' || r == '!' || r == '?' || r == ':' || r == ';' {
			return false
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// unshout rewrites a run in lower case, keeping exceptions (acronyms) and
// English "I" as they are, with a capital when the run starts a sentence.
// In the greeting and the sign-off every word gets a capital: words written
// in capitals there are mostly names ("Hi JOHN", "ACME SUPPORT TEAM").
func (c *Shouting) unshout(m *message.Message, run []styleToken, sp match.Span) string {
	src := m.Text()
	names := sp.Overlaps(m.Layout.Greeting) || sp.Overlaps(m.Layout.SignOff)
	capital := styleSentenceStart(src, sp.Start)
	var b strings.Builder
	for k, t := range run {
		if k > 0 {
			b.WriteString(src[run[k-1].end:t.start])
		}
		w := t.text
		switch {
		case c.exceptions[strings.ToLower(w)] || styleOnlyX(w) || (w == "I" && m.Language == "en"):
		default:
			w = strings.ToLower(w)
			if names || (k == 0 && capital) {
				w = styleUpperFirst(w)
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

// repeatedPunctuation reports "!!", "??", "?!" and longer runs.
func (c *Shouting) repeatedPunctuation(m *message.Message, skip [][]int) []Hit {
	if !strings.Contains(m.Text(), "！") && !strings.Contains(m.Text(), "？") && !adjacentMarks(m.Text()) {
		return nil
	}
	var hits []Hit
	for _, loc := range c.repeated.FindAllStringIndex(m.Text(), -1) {
		if styleSkipped(skip, loc[0], loc[1]) {
			continue
		}
		run := m.Text()[loc[0]:loc[1]]
		mark := "!"
		switch {
		case strings.ContainsRune(run, '?'):
			mark = "?"
		case strings.ContainsRune(run, '？'):
			mark = "？"
		case strings.ContainsRune(run, '！'):
			mark = "！"
		}
		sp := match.Span{Start: loc[0], End: loc[1]}
		hits = append(hits, Hit{Span: sp, Suggestions: []Fix{namedFix(c.rule, "fix-repeated-punctuation", true, Edit{Span: sp, NewText: mark})}})
	}
	return hits
}

// adjacentMarks reports whether s has "!" or "?" twice in a row.
func adjacentMarks(s string) bool {
	for i := strings.IndexAny(s, "!?"); i >= 0 && i+1 < len(s); {
		if s[i+1] == '!' || s[i+1] == '?' {
			return true
		}
		k := strings.IndexAny(s[i+1:], "!?")
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

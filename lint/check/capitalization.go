package check

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// Capitalization reports sentences that start in lower case, and English
// "i" for "I".
type Capitalization struct {
	rule *rule.Rule
	// exceptions are lower-cased words never reported.
	exceptions map[string]bool
	// abbreviations are exceptions ending in "." after which a sentence
	// does not necessarily end ("e.g.", "etc.").
	abbreviations map[string]bool
	// lowerAfterGreeting holds the languages whose first line after a
	// greeting ending in a comma goes on in lower case.
	lowerAfterGreeting map[string]bool
}

// NewCapitalization compiles a capitalization rule.
func NewCapitalization(r *rule.Rule) (*Capitalization, error) {
	spec := r.Capitalization
	if spec == nil {
		return nil, r.ErrorAt(nil, "a capitalization rule needs a capitalization block")
	}
	c := &Capitalization{rule: r}
	c.exceptions, c.abbreviations, _ = styleExceptions(spec.Exceptions)
	for i, lang := range spec.LowerAfterGreeting {
		if !slices.Contains(rule.Languages(), lang) {
			return nil, r.ErrorAt([]string{"capitalization", "lower-after-greeting", strconv.Itoa(i)}, "unsupported language %q", lang)
		}
		if c.lowerAfterGreeting == nil {
			c.lowerAfterGreeting = map[string]bool{}
		}
		c.lowerAfterGreeting[lang] = true
	}
	return c, nil
}

// Run implements Check.
func (c *Capitalization) Run(m *message.Message) []Hit {
	skip := styleSkips(m)
	var hits []Hit
	if m.Language == "en" {
		hits = c.lowerI(m, skip)
	}
	return byStart(append(hits, c.sentenceStarts(m, skip)...))
}

// lowerI reports English "i" written in lower case as a word of its own
// ("i will", "i'm"), not inside "i.e." or a list marker "(i)".
func (c *Capitalization) lowerI(m *message.Message, skip [][]int) []Hit {
	src := m.Text()
	var hits []Hit
	for i := 0; i < len(src); i++ {
		if src[i] != 'i' || styleSkipped(skip, i, i+1) {
			continue
		}
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(src[:i])
			if unicode.IsLetter(prev) || unicode.IsDigit(prev) || strings.ContainsRune("_'’./@-(#", prev) {
				continue
			}
		}
		if !styleLowerIFollows(src[i+1:]) {
			continue
		}
		sp := match.Span{Start: i, End: i + 1}
		hits = append(hits, Hit{Span: sp, Suggestions: []Fix{namedFix(c.rule, "fix-capital-i", true, Edit{Span: sp, NewText: "I"})}})
	}
	return hits
}

// styleLowerIFollows reports whether what follows a lone "i" makes it the
// pronoun: white space, the end, a contraction, or punctuation that is not
// part of an abbreviation.
func styleLowerIFollows(rest string) bool {
	if rest == "" {
		return true
	}
	r, size := utf8.DecodeRuneInString(rest)
	switch {
	case unicode.IsSpace(r) || r == ',' || r == ';' || r == '!' || r == '?':
		return true
	case r == '.':
		next, _ := utf8.DecodeRuneInString(rest[size:])
		return len(rest) == size || unicode.IsSpace(next)
	case r == '\'' || r == '’':
		suffix := rest[size:]
		for _, c := range []string{"m", "ll", "ve", "d"} {
			if strings.HasPrefix(suffix, c) {
				after, _ := utf8.DecodeRuneInString(suffix[len(c):])
				if len(suffix) == len(c) || !unicode.IsLetter(after) {
					return true
				}
			}
		}
	}
	return false
}

// sentenceStarts reports sentences that begin with a lower-case letter: the
// first line, a line after a blank line or after the greeting, and a word
// after . ! ? and white space, unless the dot ends an abbreviation, an
// ellipsis or a number.
func (c *Capitalization) sentenceStarts(m *message.Message, skip [][]int) []Hit {
	src := m.Text()
	var buf [32]int
	starts := buf[:0]
	// Line starts.
	prevBlank, first := true, true
	prevLine := match.Span{Start: -1, End: -1}
	for n := 1; n <= m.Source.LineCount(); n++ {
		ls, le := m.Source.LineBounds(n)
		line := src[ls:le]
		t := strings.TrimSpace(line)
		if t == "" {
			prevBlank = true
			continue
		}
		lead := ls + strings.Index(line, t)
		greeting := m.Layout.Greeting.End > m.Layout.Greeting.Start && prevLine.Start <= m.Layout.Greeting.Start && m.Layout.Greeting.Start < prevLine.End
		// "Hallo Frau Vogel,\n\nes tut mir leid": in some languages the
		// letter goes on in lower case after the greeting's comma.
		goesOn := greeting && c.lowerAfterGreeting[m.Language] &&
			strings.HasSuffix(strings.TrimSpace(src[m.Layout.Greeting.Start:m.Layout.Greeting.End]), ",")
		if (first || prevBlank || greeting) && !goesOn {
			starts = append(starts, lead)
		}
		first, prevBlank = false, false
		prevLine = match.Span{Start: ls, End: le}
	}
	// After sentence-final punctuation.
	for i := 0; i < len(src); {
		k := strings.IndexAny(src[i:], ".!?")
		if k < 0 {
			break
		}
		i += k
		size := 1
		j := i
		for j < len(src) {
			r2, s2 := utf8.DecodeRuneInString(src[j:])
			if !strings.ContainsRune(".!?\"')”’»", r2) {
				break
			}
			j += s2
		}
		if j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r') && !styleSkipped(skip, i, i+1) && c.endsSentence(src, i, j) {
			k := j
			for k < len(src) && (src[k] == ' ' || src[k] == '\t' || src[k] == '\n' || src[k] == '\r') {
				k++
			}
			starts = append(starts, k)
		}
		i = max(j, i+size)
	}
	slices.Sort(starts)
	var hits []Hit
	for _, o := range slices.Compact(starts) {
		if h, ok := c.lowerStart(m, skip, o); ok {
			hits = append(hits, h)
		}
	}
	return hits
}

// endsSentence decides whether the punctuation at src[i:j] ends a sentence.
func (c *Capitalization) endsSentence(src string, i, j int) bool {
	run := src[i:j]
	if strings.Contains(run, "..") {
		return false // ellipsis: the thought goes on
	}
	if run[0] != '.' {
		return true
	}
	// The word before the dot.
	ws := i
	for ws > 0 {
		r, size := utf8.DecodeLastRuneInString(src[:ws])
		if unicode.IsSpace(r) || strings.ContainsRune(styleOpeningPunct, r) {
			break
		}
		ws -= size
	}
	word := strings.ToLower(src[ws : i+1])
	if word == "." || c.abbreviations[word] || styleDottedInitials(word) {
		return false
	}
	digits := strings.TrimRight(word, ".")
	return strings.TrimFunc(digits, unicode.IsDigit) != "" // "1." numbers a list item
}

// styleDottedInitials reports whether a word such as "e.g." or "u.s." consists of
// one- or two-letter parts each followed by a dot.
func styleDottedInitials(w string) bool {
	if !strings.HasSuffix(w, ".") {
		return false
	}
	// The parts one by one, not split into a list: this runs on every
	// word that ends a sentence.
	rest := strings.TrimSuffix(w, ".")
	parts, firstLen := 0, 0
	for more := true; more; {
		var p string
		p, rest, more = strings.Cut(rest, ".")
		n := utf8.RuneCountInString(p)
		if n == 0 || n > 2 {
			return false
		}
		for _, r := range p {
			if !unicode.IsLetter(r) {
				return false
			}
		}
		if parts == 0 {
			firstLen = n
		}
		parts++
	}
	return parts > 1 || firstLen == 1
}

// lowerStart checks the word at a sentence start.
func (c *Capitalization) lowerStart(m *message.Message, skip [][]int, o int) (Hit, bool) {
	src := m.Text()
	for o < len(src) {
		r, size := utf8.DecodeRuneInString(src[o:])
		if !strings.ContainsRune("\"'“‘„«¿¡(", r) {
			break
		}
		o += size
	}
	r, size := utf8.DecodeRuneInString(src[o:])
	if o >= len(src) || !unicode.IsLower(r) || !unicode.Is(unicode.Latin, r) || unicode.ToUpper(r) == r {
		return Hit{}, false
	}
	end := o
	for end < len(src) {
		r2, s2 := utf8.DecodeRuneInString(src[end:])
		if unicode.IsSpace(r2) {
			break
		}
		end += s2
	}
	chunk := src[o:end]
	word := strings.TrimRightFunc(chunk, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if word == "" || styleSkipped(skip, o, end) || c.exceptions[strings.ToLower(word)] || styleCodeLike(chunk) {
		return Hit{}, false
	}
	for _, r2 := range word[size:] {
		if unicode.IsUpper(r2) {
			return Hit{}, false // iPhone, eBay: a brand's own spelling
		}
	}
	if m.Language == "en" && word == "i" {
		return Hit{}, false // reported as a lower-case "i"
	}
	if strings.Contains(word, ".") {
		return Hit{}, false // a domain, file name or abbreviation
	}
	sp := match.Span{Start: o, End: o + len(word)}
	// Unsafe: whether a sentence starts here is a guess (an abbreviation
	// the list lacks, a letter's convention), and a wrong capital changes
	// correct text.
	return Hit{Span: sp, Suggestions: []Fix{namedFix(c.rule, "fix-sentence-start", false, Edit{Span: match.Span{Start: o, End: o + size}, NewText: string(unicode.ToUpper(r))})}}, true
}

// styleCodeLike reports whether a chunk of text is not prose: a path, an address,
// a handle or a parameter.
func styleCodeLike(chunk string) bool {
	return strings.ContainsAny(chunk, "/\\@_=#{}[]<>|~$%^") || strings.Contains(chunk, "://")
}

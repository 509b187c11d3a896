package check

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// Spacing reports a missing space after punctuation and words run
// together.
type Spacing struct {
	rule *rule.Rule
	// exceptions are lower-cased tokens never reported.
	exceptions map[string]bool
	// suffixes are top-level domains and file extensions that make
	// "name.suffix" a domain or a file, not a missing space.
	suffixes map[string]bool
	// words are the dictionaries for run-together words, per language.
	words map[string]map[string]bool
	// longestWord bounds the segmentation's inner loop, per language.
	longestWord map[string]int
	// segments remembers styleSegment's answers per language (see
	// segment); it is safe for concurrent use, as a check must be.
	segments     map[string]*sync.Map
	segmentCount atomic.Int64
}

// NewSpacing compiles a spacing rule.
func NewSpacing(r *rule.Rule, env *Env) (*Spacing, error) {
	spec := r.Spacing
	if spec == nil {
		return nil, r.ErrorAt(nil, "a spacing rule needs a spacing block")
	}
	c := &Spacing{rule: r, words: map[string]map[string]bool{}, longestWord: map[string]int{}, segments: map[string]*sync.Map{}}
	c.exceptions, _, c.suffixes = styleExceptions(spec.Exceptions)
	words := spec.Words
	if len(words) == 0 && env != nil && env.Patterns != nil {
		// The dictionaries of the language packs (the same words the
		// tokenizer splits run-together text with), except where compound
		// words are the norm.
		words = map[string][]string{}
		for _, code := range env.Patterns.Packs().Languages() {
			if pk := env.Patterns.Pack(code); len(pk.Dictionary) > 0 && !pk.Compounds {
				words[code] = pk.Dictionary
			}
		}
	}
	for lang, list := range words {
		if lang != rule.AnyLanguage && !slices.Contains(rule.Languages(), lang) {
			return nil, r.ErrorAt([]string{"spacing", "words", lang}, "unsupported language %q", lang)
		}
		set := make(map[string]bool, len(list))
		longest := 0
		for _, w := range list {
			w = strings.ToLower(strings.TrimSpace(w))
			if w == "" {
				continue
			}
			set[w] = true
			longest = max(longest, utf8.RuneCountInString(w))
		}
		c.words[lang] = set
		c.longestWord[lang] = longest
		c.segments[lang] = &sync.Map{}
	}
	return c, nil
}

// Run implements Check.
func (c *Spacing) Run(m *message.Message) []Hit {
	return byStart(c.spacing(m, styleSkips(m)))
}

// spacing reports punctuation followed directly by a word ("item.but") and
// words run together ("pleasecontactus").
func (c *Spacing) spacing(m *message.Message, skip [][]int) []Hit {
	src := m.Text()
	words := c.words[m.Language]
	var hits []Hit
	for cs := 0; cs < len(src); {
		if size, ok := spaceAt(src, cs); ok {
			cs += size
			continue
		}
		ce := cs
		for ce < len(src) {
			// ASCII inline: a call per byte was a third of the check.
			if c := src[ce]; c < utf8.RuneSelf {
				if asciiSpace(c) {
					break
				}
				ce++
				continue
			}
			size, ok := spaceAt(src, ce)
			if ok {
				break
			}
			ce += size
		}
		chunk := src[cs:ce]
		from := cs
		cs = ce
		if plainChunk(chunk) {
			continue
		}
		if styleSkipped(skip, from, ce) || styleCodeLike(chunk) {
			continue
		}
		core := strings.TrimLeft(chunk, styleOpeningPunct)
		off := from + len(chunk) - len(core)
		core = strings.TrimRight(core, "\"'”’)».,;:!?…")
		if core == "" || c.exceptions[strings.ToLower(core)] || c.domainOrFile(core) {
			continue
		}
		hits = append(hits, c.missingSpaces(src, off, off+len(core))...)
		if words != nil {
			hits = append(hits, c.runTogether(src, off, off+len(core), m.Language, words, c.longestWord[m.Language])...)
		}
	}
	return hits
}

// spaceAt reports whether src[i:] starts with white space, and the size of
// the character there.
func spaceAt(src string, i int) (int, bool) {
	if c := src[i]; c < utf8.RuneSelf {
		return 1, asciiSpace(c)
	}
	r, size := utf8.DecodeRuneInString(src[i:])
	return size, unicode.IsSpace(r)
}

func asciiSpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

// plainChunk reports whether a chunk of text cannot hold a spacing
// problem, without the work of looking: ASCII letters and digits only,
// between ASCII opening and closing punctuation, with no run of letters
// long enough to be words run together. Most words of a message are such.
func plainChunk(chunk string) bool {
	i, j := 0, len(chunk)
	for i < j && isOpeningASCII(chunk[i]) {
		i++
	}
	for j > i && isClosingASCII(chunk[j-1]) {
		j--
	}
	run := 0
	for k := i; k < j; k++ {
		c := chunk[k]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			run++
			if run >= runTogetherMinLetters {
				return false
			}
		case '0' <= c && c <= '9':
			run = 0
		default:
			return false
		}
	}
	return true
}

func isOpeningASCII(c byte) bool { return c == '"' || c == '\'' || c == '(' || c == '*' || c == '-' }

func isClosingASCII(c byte) bool {
	switch c {
	case '"', '\'', ')', '.', ',', ';', ':', '!', '?':
		return true
	}
	return false
}

// domainOrFile reports whether a chunk ends in ".suffix" with a suffix from
// the rule's list of top-level domains and file extensions.
func (c *Spacing) domainOrFile(core string) bool {
	dot := strings.LastIndexByte(core, '.')
	if dot < 1 || dot == len(core)-1 {
		return false
	}
	return c.suffixes[strings.ToLower(core[dot+1:])]
}

// missingSpaces finds punctuation between two Latin letters in
// src[start:end] (one chunk without white space).
func (c *Spacing) missingSpaces(src string, start, end int) []Hit {
	var hits []Hit
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(src[i:])
		if !strings.ContainsRune(".,;:!?", r) || i == start {
			i += size
			continue
		}
		j := i
		for j < end && strings.ContainsRune(".,;:!?", rune(src[j])) {
			j++
		}
		run := src[i:j]
		i = j
		if j >= end || strings.Contains(run, "..") {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(src[start : i-len(run)])
		after, _ := utf8.DecodeRuneInString(src[j:end])
		if !styleLatinLetter(before) || !styleLatinLetter(after) {
			continue
		}
		ls := j - len(run)
		for ls > start {
			r2, s2 := utf8.DecodeLastRuneInString(src[start:ls])
			if !unicode.IsLetter(r2) {
				break
			}
			ls -= s2
		}
		re := j
		for re < end {
			r2, s2 := utf8.DecodeRuneInString(src[re:end])
			if !unicode.IsLetter(r2) {
				break
			}
			re += s2
		}
		left := src[ls : j-len(run)]
		right := src[j:re]
		if utf8.RuneCountInString(left) == 1 && utf8.RuneCountInString(right) <= 2 {
			continue // initials and abbreviations: e.g, U.S, S,M,L
		}
		hits = append(hits, Hit{
			Span:        match.Span{Start: ls, End: re},
			Suggestions: []Fix{namedFix(c.rule, "fix-missing-space", true, Edit{Span: match.Span{Start: j, End: j}, NewText: " "})},
		})
	}
	return hits
}

// runTogether finds letter runs in src[start:end] that split entirely into
// dictionary words.
func (c *Spacing) runTogether(src string, start, end int, lang string, words map[string]bool, longest int) []Hit {
	var hits []Hit
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(src[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		for j < end {
			r2, s2 := utf8.DecodeRuneInString(src[j:end])
			if !unicode.IsLetter(r2) {
				break
			}
			j += s2
		}
		tok := src[i:j]
		i = j
		if !stylePlainWord(tok) || utf8.RuneCountInString(tok) < runTogetherMinLetters {
			continue
		}
		lower := strings.ToLower(tok)
		if words[lower] || c.exceptions[lower] {
			continue
		}
		parts := c.segment(lang, lower, words, longest)
		if len(parts) < runTogetherMinWords {
			continue
		}
		short := 0
		for _, p := range parts {
			if utf8.RuneCountInString(p) <= runTogetherShortWord {
				short++
			}
		}
		if short < runTogetherMinShort {
			continue
		}
		fixed := strings.Join(parts, " ")
		if first, _ := utf8.DecodeRuneInString(tok); unicode.IsUpper(first) {
			fixed = styleUpperFirst(fixed)
		}
		sp := match.Span{Start: j - len(tok), End: j}
		hits = append(hits, Hit{Span: sp, Suggestions: []Fix{namedFix(c.rule, "fix-run-together", false, Edit{Span: sp, NewText: fixed})}})
	}
	return hits
}

// maxSegmentCache bounds the words whose segmentation a Spacing check remembers.
const maxSegmentCache = 1 << 14

// segment is styleSegment remembered per language and word: the same long
// words ("disappointing", "replacement") come back in message after
// message, and splitting one costs a hundred dictionary lookups.
func (c *Spacing) segment(lang, word string, words map[string]bool, longest int) []string {
	cache := c.segments[lang]
	if cache == nil {
		return styleSegment(word, words, longest)
	}
	if v, ok := cache.Load(word); ok {
		return v.([]string)
	}
	parts := styleSegment(word, words, longest)
	if c.segmentCount.Add(1) <= maxSegmentCache {
		cache.Store(word, parts)
	}
	return parts
}

// stylePlainWord reports whether a token is written in lower case, except
// perhaps its first letter: "iPhone", "PayPal" and acronyms are names.
func stylePlainWord(tok string) bool {
	for k, r := range tok {
		if k > 0 && unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// styleSegment splits s entirely into words from the dictionary, using as
// few words as possible (ties go to the split whose words are most even in
// length, which prefers "the same" over "th e same"-like splits). It
// returns nil when s cannot be split.
func styleSegment(s string, words map[string]bool, longest int) []string {
	if isASCII(s) {
		// Bytes are characters: substrings of s need no copy to be looked up.
		return segmentBy(len(s), longest, func(i, k int) string { return s[i:k] }, words)
	}
	runes := []rune(s)
	return segmentBy(len(runes), longest, func(i, k int) string { return string(runes[i:k]) }, words)
}

// segmentBy is styleSegment over n characters, part(i, k) being the
// characters i to k.
func segmentBy(n, longest int, part func(i, k int) string, words map[string]bool) []string {
	const none = 1 << 30
	// best[i] is the fewest words covering runes[i:]; ties broken by the
	// larger sum of squared word lengths.
	best := make([]int, n+1)
	score := make([]int, n+1)
	next := make([]int, n+1)
	for i := range best {
		best[i] = none
	}
	best[n] = 0
	for i := n - 1; i >= 0; i-- {
		for k := i + 1; k <= n && k-i <= longest; k++ {
			if best[k] == none || !words[part(i, k)] {
				continue
			}
			cnt, sc := best[k]+1, score[k]+(k-i)*(k-i)
			if cnt < best[i] || (cnt == best[i] && sc > score[i]) {
				best[i], score[i], next[i] = cnt, sc, k
			}
		}
	}
	if best[0] == none {
		return nil
	}
	parts := make([]string, 0, best[0])
	for i := 0; i < n; i = next[i] {
		parts = append(parts, part(i, next[i]))
	}
	return parts
}

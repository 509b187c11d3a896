package check

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
)

// The measures a metric rule can take.
const (
	measureLength         = "length"
	measureShouting       = "shouting"
	measureCapitalization = "capitalization"
	measureSpacing        = "spacing"
)

// Tuning of the style measures. They are heuristics on purpose kept
// conservative: a style rule that cries wolf on URLs or product names is
// switched off by users, so every doubt resolves to "not reported".
const (
	// shoutMinLetters is the length from which one all-caps word is
	// shouting rather than an acronym.
	shoutMinLetters = 4
	// runTogetherMinLetters is the shortest token tried for run-together
	// words; shorter ones are mostly real words that happen to split.
	runTogetherMinLetters = 9
	// runTogetherMinWords is the fewest words a run-together token must
	// split into: two-word splits are mostly real compounds (someone,
	// without, Bluetooth).
	runTogetherMinWords = 3
	// runTogetherShortWord is the length up to which a split word counts as
	// a short (function) word; a split needs runTogetherMinShort of them so
	// that "understandable" (under+stand+able) stays a word.
	runTogetherShortWord = 3
	runTogetherMinShort  = 1
)

// styleSkipPattern finds the parts of a message no style measure looks into:
// URLs, e-mail addresses, @handles and template slots. Their spelling is not
// prose ("{{BUYER_NAME}}", "amzn.to/AbC", "item.pdf?x=1").
const styleSkipPattern = `(?i)` +
	`(?:\b(?:https?|hxxps?|ftp)://|\bwww\.)\S+` +
	`|\bmailto:\S+` +
	`|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+` +
	`|@[\p{L}\p{N}_.]+` +
	`|\{\{.*?\}\}|\{%.*?%\}|\$\{[^}\n]*\}?|\{[\p{L}_][^{}\n]*\}` +
	`|\[\[[^\n]*?\]\]|\[[^\[\]\n]*\]` +
	`|<<[^\n]*?>>|<[^<>\n]*>` +
	`|%[\p{L}_][\p{L}\p{N}_.]*%`

// styleSkip is styleSkipPattern compiled, shared by the metric rules so
// that a message is searched for it once (see styleSkips). It is never
// changed after initialization.
var styleSkip = match.MustCompileRegexp(styleSkipPattern)

// styleSkips returns the parts of m no style measure looks into.
func styleSkips(m *message.Message) [][]int {
	v := m.Memo(styleSkip, func() any {
		if !maySkip(m.Text()) {
			return [][]int(nil)
		}
		return styleSkip.FindAllStringIndex(m.Text(), -1)
	})
	skips, _ := v.([][]int)
	return skips
}

// maySkip reports whether text may hold a part styleSkipPattern finds:
// each needs one of ":@{[<%" or starts with "www.".
func maySkip(text string) bool {
	if strings.ContainsAny(text, ":@{[<%") {
		return true
	}
	for i := strings.IndexByte(text, '.'); i >= 0; {
		if i >= 3 && strings.EqualFold(text[i-3:i], "www") {
			return true
		}
		k := strings.IndexByte(text[i+1:], '.')
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

// Metric measures a message: its length, or a style property (shouting,
// capitalization, spacing) that needs counting rather than phrase matching.
type Metric struct {
	rule    *rule.Rule
	measure string
	max     rule.PerChannel[int]
	// maxByType overrides max for messages of a type.
	maxByType map[rule.MessageType]rule.PerChannel[int]
	// exceptions are lower-cased tokens never reported.
	exceptions map[string]bool
	// abbreviations are exceptions ending in "." after which a sentence
	// does not necessarily end ("e.g.", "etc.").
	abbreviations map[string]bool
	// suffixes are exceptions starting with ".": top-level domains and file
	// extensions that make "name.suffix" a domain or a file, not a missing
	// space.
	suffixes map[string]bool
	// words are the dictionaries for run-together words, per language.
	words map[string]map[string]bool
	// longestWord bounds the segmentation's inner loop, per language.
	longestWord map[string]int
	// segments remembers styleSegment's answers per language (see
	// segment); it is safe for concurrent use, as a check must be.
	segments     map[string]*sync.Map
	segmentCount atomic.Int64
	// repeated seldom matches: match.Regexp runs it only around its
	// literal ("!!").
	repeated *match.Regexp
	// lowerAfterGreeting holds the languages whose first line after a
	// greeting ending in a comma goes on in lower case.
	lowerAfterGreeting map[string]bool
}

// NewMetric compiles a metric rule.
func NewMetric(r *rule.Rule, env *Env) (*Metric, error) {
	spec := r.Metric
	if spec == nil {
		return nil, r.ErrorAt(nil, "a metric rule needs a metric block")
	}
	c := &Metric{
		rule:          r,
		measure:       spec.Measure,
		max:           spec.Max,
		exceptions:    map[string]bool{},
		abbreviations: map[string]bool{},
		suffixes:      map[string]bool{},
		words:         map[string]map[string]bool{},
		longestWord:   map[string]int{},
		segments:      map[string]*sync.Map{},
	}
	switch spec.Measure {
	case measureLength:
		hasMax := false
		for _, ch := range rule.Channels() {
			n := spec.Max.Get(ch)
			if n < 0 {
				return nil, r.ErrorAt([]string{"metric", "max", string(ch)}, "max must not be negative")
			}
			hasMax = hasMax || n > 0
		}
		if !hasMax {
			return nil, r.ErrorAt([]string{"metric"}, "a length metric needs max for at least one channel")
		}
		for name, perChannel := range spec.MaxByType {
			t, err := rule.ParseMessageType(name)
			if err != nil {
				return nil, r.ErrorAt([]string{"metric", "max-by-type"}, "%v", err)
			}
			for _, ch := range rule.Channels() {
				if perChannel.Get(ch) < 0 {
					return nil, r.ErrorAt([]string{"metric", "max-by-type", name}, "max must not be negative")
				}
			}
			if c.maxByType == nil {
				c.maxByType = map[rule.MessageType]rule.PerChannel[int]{}
			}
			c.maxByType[t] = perChannel
		}
		return c, nil
	case measureShouting, measureCapitalization, measureSpacing:
	case "":
		return nil, r.ErrorAt([]string{"metric"}, "missing measure (length, shouting, capitalization or spacing)")
	default:
		return nil, r.ErrorAt([]string{"metric", "measure"}, "unknown measure %q (length, shouting, capitalization or spacing)", spec.Measure)
	}
	for i, lang := range spec.LowerAfterGreeting {
		if !slices.Contains(rule.Languages(), lang) {
			return nil, r.ErrorAt([]string{"metric", "lower-after-greeting", strconv.Itoa(i)}, "unsupported language %q", lang)
		}
		if c.lowerAfterGreeting == nil {
			c.lowerAfterGreeting = map[string]bool{}
		}
		c.lowerAfterGreeting[lang] = true
	}
	for _, e := range spec.Exceptions {
		e = strings.ToLower(strings.TrimSpace(e))
		switch {
		case e == "":
		case strings.HasPrefix(e, ".") && len(e) > 1:
			c.suffixes[e[1:]] = true
		case strings.HasSuffix(e, "."):
			c.abbreviations[e] = true
		default:
			c.exceptions[e] = true
		}
	}
	words := spec.Words
	if spec.Measure == measureSpacing && len(words) == 0 && env != nil && env.Patterns != nil {
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
			return nil, r.ErrorAt([]string{"metric", "words", lang}, "unsupported language %q", lang)
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
	c.repeated = match.MustCompileRegexp(`[!?！？]{2,}`)
	return c, nil
}

// Run implements Check.
func (c *Metric) Run(m *message.Message) []Hit {
	var hits []Hit
	switch c.measure {
	case measureLength:
		hits = c.length(m)
	case measureShouting:
		skip := styleSkips(m)
		hits = append(c.shouting(m, skip), c.repeatedPunctuation(m, skip)...)
	case measureCapitalization:
		skip := styleSkips(m)
		if m.Language == "en" {
			hits = c.lowerI(m, skip)
		}
		hits = append(hits, c.sentenceStarts(m, skip)...)
	case measureSpacing:
		hits = c.spacing(m, styleSkips(m))
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Span.Start < hits[j].Span.Start })
	return hits
}

// length reports the part of the message past the channel's limit. Trailing
// white space does not count: files end in a line break nobody sends.
func (c *Metric) length(m *message.Message) []Hit {
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

// styleSkipped reports whether [start, end) overlaps a skipped part.
func styleSkipped(skip [][]int, start, end int) bool {
	i := sort.Search(len(skip), func(i int) bool { return skip[i][1] > start })
	return i < len(skip) && skip[i][0] < end
}

// styleToken is a word of the message: letters and digits, with apostrophes
// between letters ("don't").
type styleToken struct {
	start, end int
	text       string
}

// styleTokenAt returns the first token at or after byte i of src, and
// false when there is none.
func styleTokenAt(src string, i int) (styleToken, bool) {
	start := -1
	for i <= len(src) {
		r, size := rune(0), 1
		if i < len(src) {
			if c := src[i]; c < utf8.RuneSelf {
				r = rune(c)
			} else {
				r, size = utf8.DecodeRuneInString(src[i:])
			}
		}
		inWord := styleWordRune(r)
		if !inWord && (r == '\'' || r == '’') && start >= 0 && i+size < len(src) {
			next, _ := utf8.DecodeRuneInString(src[i+size:])
			inWord = unicode.IsLetter(next)
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			return styleToken{start: start, end: i, text: src[start:i]}, true
		}
		if i == len(src) {
			break
		}
		i += size
	}
	return styleToken{}, false
}

func styleWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
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
func (c *Metric) shouting(m *message.Message, skip [][]int) []Hit {
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
func (c *Metric) shoutingRun(m *message.Message, run []styleToken) (Hit, bool) {
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
func (c *Metric) unshout(m *message.Message, run []styleToken, sp match.Span) string {
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

func styleUpperFirst(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToTitle(r)) + w[size:]
}

// styleSentenceStart reports whether offset begins a sentence: only
// opening quotes or brackets and white space separate it from the start of
// the text, a line break or sentence-final punctuation.
func styleSentenceStart(src string, offset int) bool {
	i := offset
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(src[:i])
		switch {
		case r == '\n' || r == '\r':
			return true
		case r == '.' || r == '!' || r == '?' || r == '。' || r == '！' || r == '？':
			return true
		case unicode.IsSpace(r) || strings.ContainsRune(styleOpeningPunct, r):
			i -= size
		default:
			return false
		}
	}
	return true
}

// styleOpeningPunct may stand before the first word of a sentence.
const styleOpeningPunct = "\"'“‘„«¿¡(*-–—•"

// repeatedPunctuation reports "!!", "??", "?!" and longer runs.
func (c *Metric) repeatedPunctuation(m *message.Message, skip [][]int) []Hit {
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

// lowerI reports English "i" written in lower case as a word of its own
// ("i will", "i'm"), not inside "i.e." or a list marker "(i)".
func (c *Metric) lowerI(m *message.Message, skip [][]int) []Hit {
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
func (c *Metric) sentenceStarts(m *message.Message, skip [][]int) []Hit {
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
func (c *Metric) endsSentence(src string, i, j int) bool {
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
	parts := strings.Split(strings.TrimSuffix(w, "."), ".")
	for _, p := range parts {
		if n := utf8.RuneCountInString(p); n == 0 || n > 2 {
			return false
		}
		for _, r := range p {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return len(parts) > 1 || utf8.RuneCountInString(parts[0]) == 1
}

// lowerStart checks the word at a sentence start.
func (c *Metric) lowerStart(m *message.Message, skip [][]int, o int) (Hit, bool) {
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

// spacing reports punctuation followed directly by a word ("item.but") and
// words run together ("pleasecontactus").
func (c *Metric) spacing(m *message.Message, skip [][]int) []Hit {
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
		return 1, c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
	}
	r, size := utf8.DecodeRuneInString(src[i:])
	return size, unicode.IsSpace(r)
}

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
func (c *Metric) domainOrFile(core string) bool {
	dot := strings.LastIndexByte(core, '.')
	if dot < 1 || dot == len(core)-1 {
		return false
	}
	return c.suffixes[strings.ToLower(core[dot+1:])]
}

// missingSpaces finds punctuation between two Latin letters in
// src[start:end] (one chunk without white space).
func (c *Metric) missingSpaces(src string, start, end int) []Hit {
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

func styleLatinLetter(r rune) bool { return unicode.IsLetter(r) && unicode.Is(unicode.Latin, r) }

// runTogether finds letter runs in src[start:end] that split entirely into
// dictionary words.
func (c *Metric) runTogether(src string, start, end int, lang string, words map[string]bool, longest int) []Hit {
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

// maxSegmentCache bounds the words whose segmentation a Metric remembers.
const maxSegmentCache = 1 << 14

// segment is styleSegment remembered per language and word: the same long
// words ("disappointing", "replacement") come back in message after
// message, and splitting one costs a hundred dictionary lookups.
func (c *Metric) segment(lang, word string, words map[string]bool, longest int) []string {
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
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

package match

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unbounded marks a length with no upper bound.
const unbounded = -1

// Limits of the literal analysis. A larger exact set only makes the
// automaton bigger: a required set that is too large falls back to a
// shorter part of the expression.
const (
	maxExactSet   = 64 // strings in an exact set
	maxClassRunes = 8  // runes of a character class expanded into strings
	maxLiteralLen = 64 // bytes of one literal
)

// extent bounds a stretch of a match: at most bytes bytes holding at most
// spaces space characters (either unbounded). Phrases with a "*" gap have
// no byte bound (a word may be long) but a space bound (three words).
type extent struct{ bytes, spaces int }

var unboundedExtent = extent{unbounded, unbounded}

func (a extent) plus(b extent) extent {
	return extent{addLen(a.bytes, b.bytes), addLen(a.spaces, b.spaces)}
}

func (a extent) or(b extent) extent {
	return extent{maxLen(a.bytes, b.bytes), maxLen(a.spaces, b.spaces)}
}

func (a extent) times(n int) extent {
	return extent{mulLen(n, a.bytes), mulLen(n, a.spaces)}
}

func (a extent) bounded() bool { return a.bytes != unbounded || a.spaces != unbounded }

// item is a required literal of an expression: every match holds an
// occurrence of one of its set's literals, with at most pre before it and
// at most post after it within the match.
type item struct {
	lit       string
	pre, post extent
}

// facts is what the analysis knows about an expression.
type facts struct {
	// size bounds every match.
	size extent
	// exact, when isExact, is the complete set of strings the expression
	// matches (an empty set: it matches nothing).
	exact   []string
	isExact bool
	// prefixes, when hasPrefixes, are strings one of which starts every
	// match (the exact set, when there is one).
	prefixes    []string
	hasPrefixes bool
	// req, when hasReq, is a set of required literals; an empty set means
	// the expression matches nothing.
	req    []item
	hasReq bool
	// anchored is set when the expression uses ^, $, \A or \z: its matches
	// depend on where the text starts and ends, so it cannot run on a window.
	anchored bool
	// word is set when the expression uses \b or \B: its matches depend on
	// the character before them.
	word bool
	// bytes are the ASCII bytes a match may hold; any other ASCII byte is a
	// barrier no match crosses.
	bytes asciiSet
	// factors, for a concatenation, are the required sets of its parts:
	// every match holds a literal of each.
	factors [][]item
}

// asciiSet is a set of ASCII bytes.
type asciiSet [2]uint64

func (s *asciiSet) add(b byte)       { s[b>>6] |= 1 << (b & 63) }
func (s *asciiSet) has(b byte) bool  { return b < 0x80 && s[b>>6]&(1<<(b&63)) != 0 }
func (s *asciiSet) union(o asciiSet) { s[0] |= o[0]; s[1] |= o[1] }
func (s *asciiSet) addRange(lo, hi rune) {
	for r := max(lo, 0); r <= hi && r < utf8.RuneSelf; r++ {
		s.add(byte(r))
	}
}

func allBytes() asciiSet { return asciiSet{^uint64(0), ^uint64(0)} }

// prefilter is what a matcher needs to know about one alternative of its
// expression before it runs it.
type prefilter struct {
	// items is the required literal set; nil when there is none (the
	// expression must run on the whole text).
	items []item
	// never is set when the expression cannot match at all.
	never    bool
	anchored bool
	word     bool
	barrier  asciiSet
	// first, when hasFirst, holds every byte a match can start with; pairs,
	// when not nil, every first two bytes (sorted, lower case on raw text).
	first    byteSet
	hasFirst bool
	pairs    []uint16
	// wordStart is set when every match starts with a word character at a
	// word boundary: never right after a word character.
	wordStart bool
	// confirm are more literal sets, from other parts of the expression,
	// each of which every match also holds: a window without one of each
	// holds no match.
	confirm [][]string
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (s *byteSet) add(b byte)      { s[b>>6] |= 1 << (b & 63) }
func (s *byteSet) has(b byte) bool { return s[b>>6]&(1<<(b&63)) != 0 }

// analyze derives the prefilter of an RE2 expression. Literals are exact,
// unless raw is set: then they are lower-cased for an automaton that
// ignores ASCII case (for a case-insensitive expression on raw text).
func analyze(expr string, raw bool) (prefilter, error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return prefilter{}, fmt.Errorf("%w", err)
	}
	f := analyzeNode(re, raw)
	pf := prefilter{anchored: f.anchored, word: f.word}
	pf.barrier = asciiSet{^f.bytes[0], ^f.bytes[1]}
	if f.hasPrefixes && len(f.prefixes) > 0 && !slices.Contains(f.prefixes, "") {
		pf.hasFirst = true
		pairs := true
		words := true
		for _, p := range f.prefixes {
			c := p[0]
			pf.first.add(c)
			if raw && 'a' <= c && c <= 'z' {
				// Raw literals are lower case; the text may not be.
				pf.first.add(c - 'a' + 'A')
			}
			words = words && isWordByte(c)
			pairs = pairs && len(p) >= 2
		}
		if pairs {
			for _, p := range f.prefixes {
				pf.pairs = append(pf.pairs, uint16(p[0])<<8|uint16(p[1]))
			}
			slices.Sort(pf.pairs)
			pf.pairs = slices.Compact(pf.pairs)
		}
		pf.wordStart = words && startsAtBoundary(re)
	}
	items, ok := best(f)
	if !ok && f.isExact && len(f.exact) > 0 && !slices.Contains(f.exact, "") {
		// A short word on its own ("o", Spanish "or"): its occurrences are
		// many, but trying it there beats running over the whole text.
		items, ok = make([]item, 0, len(f.exact)), true
		for _, s := range f.exact {
			items = append(items, item{lit: s})
		}
	}
	if ok {
		if len(items) == 0 {
			pf.never = true
		} else {
			pf.items = minimize(slices.Clone(items))
		}
	}
	if !raw && len(pf.items) > 0 {
		pf.confirm = confirmSets(f.factors, pf.items)
	}
	return pf, nil
}

// Limits of the confirming sets: the literals of each are searched in
// every window, one after the other.
const (
	maxConfirmSets = 3
	maxConfirmLits = 64
)

// confirmSets picks, from the required sets of an expression's parts, the
// best ones other than the set the automaton scans for (primary).
func confirmSets(factors [][]item, primary []item) [][]string {
	key := func(items []item) string {
		lits := make([]string, len(items))
		for i, it := range items {
			lits[i] = it.lit
		}
		slices.Sort(lits)
		return strings.Join(slices.Compact(lits), "\x00")
	}
	seen := map[string]bool{key(primary): true}
	type candidate struct {
		lits    []string
		quality int
	}
	var cands []candidate
	for _, items := range factors {
		items = minimize(slices.Clone(items))
		k := key(items)
		if seen[k] || len(items) > maxConfirmLits {
			continue
		}
		seen[k] = true
		c := candidate{quality: quality(items)}
		for _, it := range items {
			c.lits = append(c.lits, it.lit)
		}
		cands = append(cands, c)
	}
	slices.SortStableFunc(cands, func(a, b candidate) int { return b.quality - a.quality })
	var out [][]string
	for _, c := range cands[:min(len(cands), maxConfirmSets)] {
		out = append(out, c.lits)
	}
	return out
}

// startsAtBoundary reports whether every match of re begins with \b.
func startsAtBoundary(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpWordBoundary:
		return true
	case syntax.OpCapture:
		return startsAtBoundary(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && startsAtBoundary(re.Sub[0])
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !startsAtBoundary(s) {
				return false
			}
		}
		return true
	}
	return false
}

func addLen(a, b int) int {
	if a == unbounded || b == unbounded {
		return unbounded
	}
	return a + b
}

func maxLen(a, b int) int {
	if a == unbounded || b == unbounded {
		return unbounded
	}
	return max(a, b)
}

// mulLen is n repetitions of a length x.
func mulLen(n, x int) int {
	switch {
	case x == 0 || n == 0:
		return 0
	case n == unbounded || x == unbounded:
		return unbounded
	}
	return n * x
}

func analyzeNode(re *syntax.Regexp, raw bool) facts {
	switch re.Op {
	case syntax.OpNoMatch:
		return facts{isExact: true, exact: []string{}}
	case syntax.OpEmptyMatch:
		return facts{isExact: true, exact: []string{""}}
	case syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return facts{isExact: true, exact: []string{""}, word: true}
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return facts{isExact: true, exact: []string{""}, anchored: true}
	case syntax.OpLiteral:
		return literalFacts(re.Rune, re.Flags&syntax.FoldCase != 0, raw)
	case syntax.OpCharClass:
		return classFacts(re.Rune, raw)
	case syntax.OpAnyCharNotNL:
		b := allBytes()
		b[0] &^= 1 << '\n'
		return facts{size: extent{utf8.UTFMax, 1}, bytes: b}
	case syntax.OpAnyChar:
		return facts{size: extent{utf8.UTFMax, 1}, bytes: allBytes()}
	case syntax.OpCapture:
		return analyzeNode(re.Sub[0], raw)
	case syntax.OpStar:
		return repeatFacts(analyzeNode(re.Sub[0], raw), 0, unbounded)
	case syntax.OpPlus:
		return repeatFacts(analyzeNode(re.Sub[0], raw), 1, unbounded)
	case syntax.OpQuest:
		return repeatFacts(analyzeNode(re.Sub[0], raw), 0, 1)
	case syntax.OpRepeat:
		sub := analyzeNode(re.Sub[0], raw)
		if re.Min >= 2 && re.Min != re.Max {
			// x{2,} is x{2} x*: the fixed part is a longer literal.
			return concatFacts([]facts{repeatFacts(sub, re.Min, re.Min), repeatFacts(sub, 0, subOrUnbounded(re.Max, re.Min))})
		}
		return repeatFacts(sub, re.Min, re.Max)
	case syntax.OpConcat:
		var subs []facts
		for _, s := range re.Sub {
			// x+ is x x* and x{2,5} is x{2} x{0,3}: the fixed part can join
			// the literals around it.
			switch {
			case s.Op == syntax.OpPlus:
				sub := analyzeNode(s.Sub[0], raw)
				subs = append(subs, sub, repeatFacts(sub, 0, unbounded))
			case s.Op == syntax.OpRepeat && s.Min >= 1 && s.Min != s.Max:
				sub := analyzeNode(s.Sub[0], raw)
				subs = append(subs, repeatFacts(sub, s.Min, s.Min), repeatFacts(sub, 0, subOrUnbounded(s.Max, s.Min)))
			default:
				subs = append(subs, analyzeNode(s, raw))
			}
		}
		return concatFacts(subs)
	case syntax.OpAlternate:
		subs := make([]facts, len(re.Sub))
		for i, s := range re.Sub {
			subs[i] = analyzeNode(s, raw)
		}
		return alternateFacts(subs)
	}
	// Unknown operator: claim nothing.
	return facts{size: unboundedExtent, bytes: allBytes(), anchored: true, word: true}
}

// variants returns the runes to look for in the automaton for a literal
// rune. In folded text a case-insensitive r may match only the members of
// its case orbit that lower casing leaves alone (folded text holds no
// others). In raw text the automaton ignores ASCII case, so the orbit is
// taken with ASCII letters lower-cased.
func variants(r rune, fold, raw bool) []rune {
	switch {
	case raw:
		var out []rune
		for _, v := range orbit(r, fold) {
			if v = asciiLower(v); !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
		return out
	case fold:
		return foldVariants(r)
	}
	return []rune{r}
}

func asciiLower(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

// foldVariants returns the runes a case-insensitive r may match in folded
// text.
func foldVariants(r rune) []rune {
	out := orbit(r, true)
	kept := make([]rune, 0, len(out))
	for _, v := range out {
		if unicode.ToLower(v) == v {
			kept = append(kept, v)
		}
	}
	if len(kept) == 0 {
		// No lower-case member: keep the orbit as it is (never found in
		// folded text, so never run).
		return out
	}
	return kept
}

func orbit(r rune, fold bool) []rune {
	out := []rune{r}
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			out = append(out, f)
		}
	}
	return out
}

// runeExtent bounds what a literal rune matches: its widest case variant
// (the regexp matches them all, even those folded text cannot hold).
func runeExtent(r rune, fold bool) extent {
	e := extent{}
	for _, v := range orbit(r, fold) {
		e.bytes = max(e.bytes, runeWidth(v))
		if v == ' ' {
			e.spaces = 1
		}
	}
	return e
}

// runeWidth is the UTF-8 width of r; an invalid rune stands for U+FFFD.
func runeWidth(r rune) int {
	if n := utf8.RuneLen(r); n > 0 {
		return n
	}
	return utf8.UTFMax - 1
}

func literalFacts(runes []rune, fold, raw bool) facts {
	if !fold {
		// The usual case: one string.
		var f facts
		var b strings.Builder
		for _, r := range runes {
			f.bytes.addRange(r, r)
			f.size = f.size.plus(runeExtent(r, false))
			if raw {
				r = asciiLower(r)
			}
			b.WriteRune(r)
		}
		if b.Len() <= maxLiteralLen {
			f.isExact, f.exact = true, []string{b.String()}
			return finish(f)
		}
		f.hasReq, f.req = literalPiece(runes, fold, raw)
		return f
	}
	f := facts{isExact: true, exact: []string{""}}
	for _, r := range runes {
		for _, v := range orbit(r, fold) {
			f.bytes.addRange(v, v)
		}
		f.size = f.size.plus(runeExtent(r, fold))
		if !f.isExact {
			continue
		}
		vs := variants(r, fold, raw)
		next := make([]string, 0, len(f.exact)*len(vs))
		for _, s := range f.exact {
			for _, v := range vs {
				next = append(next, s+string(v))
			}
		}
		if len(next) > maxExactSet {
			f.isExact, f.exact = false, nil
			continue
		}
		f.exact = next
	}
	if f.isExact && len(f.exact[0]) <= maxLiteralLen {
		return finish(f)
	}
	// Too many case variants or too long: require the longest piece of
	// runes with a single variant (every match holds it).
	f.isExact, f.exact = false, nil
	f.hasReq, f.req = literalPiece(runes, fold, raw)
	return f
}

// literalPiece returns the longest run of runes of a literal that have a
// single variant in folded text, cut to maxLiteralLen bytes, as a required
// item.
func literalPiece(runes []rune, fold, raw bool) (bool, []item) {
	single := func(r rune) bool { return len(variants(r, fold, raw)) == 1 }
	bestStart, bestEnd, start := 0, 0, 0
	for i := 0; i <= len(runes); i++ {
		if i == len(runes) || !single(runes[i]) {
			if i-start > bestEnd-bestStart {
				bestStart, bestEnd = start, i
			}
			start = i + 1
		}
	}
	var b strings.Builder
	end := bestStart
	for _, r := range runes[bestStart:bestEnd] {
		v := variants(r, fold, raw)[0]
		if b.Len()+utf8.RuneLen(v) > maxLiteralLen {
			break
		}
		b.WriteRune(v)
		end++
	}
	if b.Len() == 0 {
		return false, nil
	}
	var before, after extent
	for _, r := range runes[:bestStart] {
		before = before.plus(runeExtent(r, fold))
	}
	for _, r := range runes[end:] {
		after = after.plus(runeExtent(r, fold))
	}
	return true, []item{{lit: b.String(), pre: before, post: after}}
}

// maxLeadBytes bounds the UTF-8 lead bytes a non-ASCII character class is
// reduced to when it has no small exact set.
const maxLeadBytes = 8

func classFacts(ranges []rune, raw bool) facts {
	if len(ranges) == 0 {
		return facts{isExact: true, exact: []string{}}
	}
	var f facts
	count := 0
	ascii := false
	for i := 0; i < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		f.bytes.addRange(lo, hi)
		count += int(hi-lo) + 1
		f.size.bytes = max(f.size.bytes, runeWidth(hi))
		if hi >= 0xD800 && lo <= 0xDFFF || hi > unicode.MaxRune {
			f.size.bytes = utf8.UTFMax
		}
		if lo <= ' ' && ' ' <= hi {
			f.size.spaces = 1
		}
		ascii = ascii || lo < utf8.RuneSelf
	}
	if count <= maxClassRunes {
		f.isExact = true
		for i := 0; i < len(ranges); i += 2 {
			for r := ranges[i]; r <= ranges[i+1]; r++ {
				v := r
				if raw {
					v = asciiLower(r)
				}
				f.exact = appendUnique(f.exact, string(v))
			}
		}
		return finish(f)
	}
	if !ascii {
		// Every character of the class starts with one of a few lead bytes
		// (emoji: F0, or E2 and E3): they are its required literals.
		var leads []item
		for i := 0; i < len(ranges); i += 2 {
			for b := leadByte(ranges[i]); b <= leadByte(ranges[i+1]); b++ {
				if len(leads) == 0 || leads[len(leads)-1].lit[0] != b {
					leads = append(leads, item{lit: string([]byte{b}), post: extent{bytes: f.size.bytes - 1}})
				}
			}
		}
		if len(leads) <= maxLeadBytes {
			f.req, f.hasReq = leads, true
		}
	}
	return f
}

// leadByte is the first byte of r's UTF-8 encoding (r >= 0x80).
func leadByte(r rune) byte {
	switch {
	case r < 0x800:
		return byte(0xC0 | r>>6)
	case r < 0x10000:
		return byte(0xE0 | r>>12)
	case r <= unicode.MaxRune:
		return byte(0xF0 | r>>18)
	}
	return 0xF4
}

func repeatFacts(sub facts, lo, hi int) facts {
	f := facts{size: sub.size.times(hi), bytes: sub.bytes, anchored: sub.anchored, word: sub.word}
	if sub.isExact && len(sub.exact) == 0 {
		// Repeating nothing: matches only the empty string when lo is 0.
		if lo == 0 {
			return facts{isExact: true, exact: []string{""}, anchored: sub.anchored, word: sub.word}
		}
		return sub
	}
	if sub.isExact && hi != unbounded && hi <= 8 {
		// Small bounded repeats of an exact set stay exact: x? is {"", x}.
		set := []string{""}
		var all []string
		ok := true
		for n := 0; n <= hi && ok; n++ {
			if n >= lo {
				all = appendUnique(all, set...)
			}
			if n < hi {
				set, ok = product(set, sub.exact, maxExactSet)
			}
			if len(all) > maxExactSet {
				ok = false
			}
		}
		if ok {
			f.isExact, f.exact = true, all
		}
	}
	if sub.hasPrefixes {
		f.prefixes, f.hasPrefixes = sub.prefixes, true
		if lo == 0 {
			f.prefixes = appendUnique(slices.Clone(sub.prefixes), "")
		}
	}
	if lo >= 1 {
		if items, ok := best(sub); ok {
			// The literal of the first repetition: the others follow it.
			f.req = shift(items, extent{}, sub.size.times(subOrUnbounded(hi, 1)))
			f.hasReq = true
		}
	}
	return finish(f)
}

func subOrUnbounded(n, k int) int {
	if n == unbounded {
		return unbounded
	}
	return n - k
}

func concatFacts(subs []facts) facts {
	var f facts
	prefix := make([]extent, len(subs)+1) // prefix[i] bounds subs[:i]
	for i, s := range subs {
		prefix[i+1] = prefix[i].plus(s.size)
		f.bytes.union(s.bytes)
		f.anchored = f.anchored || s.anchored
		f.word = f.word || s.word
	}
	f.size = prefix[len(subs)]
	suffix := make([]extent, len(subs)+1) // suffix[i] bounds subs[i:]
	for i := len(subs) - 1; i >= 0; i-- {
		suffix[i] = suffix[i+1].plus(subs[i].size)
	}
	var pick picker
	for i, s := range subs {
		if items, ok := best(s); ok {
			pick.offer(items, prefix[i], suffix[i+1])
			if len(items) > 0 {
				f.factors = append(f.factors, items)
			}
		}
	}
	// Runs of exact parts concatenate into longer literals, and so does the
	// start of the part after a run.
	for i := range subs {
		if !subs[i].isExact {
			continue
		}
		set := []string{""}
		j := i
		for ; j < len(subs) && subs[j].isExact; j++ {
			next, ok := product(set, subs[j].exact, maxExactSet)
			if !ok {
				break
			}
			set = next
			if j > i {
				if items, ok := exactItems(set); ok {
					pick.offer(items, prefix[i], suffix[j+1])
				}
			}
			if i == 0 && j == len(subs)-1 {
				f.isExact, f.exact = true, set
			}
		}
		if j < len(subs) && !subs[j].isExact && subs[j].hasPrefixes {
			if longer, ok := product(set, subs[j].prefixes, maxExactSet); ok {
				if items, ok := exactItems(longer); ok {
					pick.offer(items, prefix[i], suffix[j])
				}
			}
		}
		if i == 0 {
			f.prefixes, f.hasPrefixes = set, true
			if j < len(subs) && subs[j].hasPrefixes {
				if longer, ok := product(set, subs[j].prefixes, maxExactSet); ok {
					f.prefixes = longer
				}
			}
		}
	}
	if len(subs) > 0 && !subs[0].isExact && subs[0].hasPrefixes {
		f.prefixes, f.hasPrefixes = subs[0].prefixes, true
	}
	if len(subs) == 0 {
		f.isExact, f.exact = true, []string{""}
	}
	if pick.items != nil {
		f.req, f.hasReq = shift(pick.items, pick.before, pick.after), true
	}
	return finish(f)
}

// picker keeps the best of the required sets offered for a concatenation
// (each to be shifted by before and after), scoring each once.
type picker struct {
	items         []item
	before, after extent
	q, b          int
}

func (p *picker) offer(items []item, before, after extent) {
	q := quality(items)
	b := 2
	for _, it := range items {
		b = min(b, b2i(it.pre.plus(before).bounded())+b2i(it.post.plus(after).bounded()))
	}
	if p.items != nil && (q < p.q || q == p.q && (b < p.b || b == p.b && len(items) >= len(p.items))) {
		return
	}
	p.items, p.before, p.after, p.q, p.b = items, before, after, q, b
}

func alternateFacts(subs []facts) facts {
	f := facts{isExact: true, hasReq: true, hasPrefixes: true}
	for _, s := range subs {
		if f.hasPrefixes && s.hasPrefixes && len(f.prefixes)+len(s.prefixes) <= maxExactSet {
			f.prefixes = appendUnique(f.prefixes, s.prefixes...)
		} else {
			f.hasPrefixes, f.prefixes = false, nil
		}
		f.size = f.size.or(s.size)
		f.bytes.union(s.bytes)
		f.anchored = f.anchored || s.anchored
		f.word = f.word || s.word
		if f.isExact && s.isExact {
			f.exact = appendUnique(f.exact, s.exact...)
			if len(f.exact) > maxExactSet {
				f.isExact, f.exact = false, nil
			}
		} else {
			f.isExact, f.exact = false, nil
		}
		if f.hasReq {
			if items, ok := best(s); ok {
				f.req = append(f.req, items...)
			} else {
				f.hasReq, f.req = false, nil
			}
		}
	}
	return finish(f)
}

// finish replaces the required set by the exact set or the prefix set when
// that is better.
func finish(f facts) facts {
	if f.isExact {
		f.prefixes, f.hasPrefixes = f.exact, true
	}
	if f.hasPrefixes && !f.isExact {
		if items, ok := exactItems(f.prefixes); ok {
			items = shift(items, extent{}, f.size)
			if !f.hasReq || better(items, f.req) {
				f.req, f.hasReq = items, true
			}
		}
	}
	if f.isExact {
		if items, ok := exactItems(f.exact); ok && (!f.hasReq || !better(f.req, items)) {
			f.req, f.hasReq = items, true
		}
	}
	return f
}

// best returns the best required set of an expression, if it has one.
func best(f facts) ([]item, bool) {
	if f.hasReq && usable(f.req) {
		return f.req, true
	}
	if f.isExact {
		return exactItems(f.exact)
	}
	return nil, false
}

// exactItems turns an exact set into required items, unless it holds the
// empty string or a weak literal.
func exactItems(set []string) ([]item, bool) {
	for _, s := range set {
		if weak(s) || len(s) > maxLiteralLen {
			return nil, false
		}
	}
	items := make([]item, 0, len(set))
	for _, s := range set {
		items = append(items, item{lit: s})
	}
	return items, true
}

// usable reports whether a required set is worth scanning for.
func usable(items []item) bool {
	for _, it := range items {
		if weak(it.lit) || len(it.lit) > maxLiteralLen {
			return false
		}
	}
	return true
}

// weak reports whether a literal is too common to narrow anything down: the
// empty string and a single letter, digit, space or common punctuation mark
// (or a lone continuation byte). A rarer sign such as "%" or "@", and a
// lead byte standing for a block of characters, still help.
func weak(lit string) bool {
	if len(lit) == 0 {
		return true
	}
	if len(lit) > 1 {
		return false
	}
	c := lit[0]
	return c >= 0x80 && c < 0xC0 || c <= ' ' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte(".,;:!?'\"-()", c) >= 0
}

// better reports whether required set a is preferable to b: longer shortest
// literal first (it occurs less often), then tighter bounds, then fewer
// literals.
func better(a, b []item) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == 0 && len(b) != 0
	}
	qa, qb := quality(a), quality(b)
	if qa != qb {
		return qa > qb
	}
	ba, bb := boundedSides(a), boundedSides(b)
	if ba != bb {
		return ba > bb
	}
	return len(a) < len(b)
}

func quality(items []item) int {
	q := maxQuality
	for _, it := range items {
		q = min(q, literalQuality(it.lit))
	}
	return q
}

// maxQuality caps literalQuality: longer literals are all rare enough.
const maxQuality = 8

// literalQuality estimates how seldom a literal occurs: its length, with a
// sign or bracket (rare in prose: "{", "@", "%", "[") worth four letters,
// up to maxQuality.
func literalQuality(lit string) int {
	q := 0
	for i := 0; i < len(lit) && q < maxQuality; i++ {
		if byteRank(lit[i]) < commonRank {
			q += 4
		} else {
			q++
		}
	}
	return min(q, maxQuality)
}

// boundedSides counts the sides of the items' windows that have a bound.
func boundedSides(items []item) int {
	n := 2
	for _, it := range items {
		n = min(n, b2i(it.pre.bounded())+b2i(it.post.bounded()))
	}
	return n
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// shift moves items into a longer expression that may match before before
// them and after after them.
func shift(items []item, before, after extent) []item {
	out := make([]item, len(items))
	for i, it := range items {
		out[i] = item{lit: it.lit, pre: it.pre.plus(before), post: it.post.plus(after)}
	}
	return out
}

// minimize drops a literal that holds another one of the set (every match
// holding the longer one holds the shorter one too) and merges duplicates.
func minimize(items []item) []item {
	slices.SortStableFunc(items, func(a, b item) int { return len(a.lit) - len(b.lit) })
	var out []item
	for _, it := range items {
		merged := false
		for k := range out {
			if strings.Contains(it.lit, out[k].lit) {
				// it's occurrence holds out[k]'s somewhere inside: widen the
				// bounds by what it has beyond out[k].
				d := extent{len(it.lit) - len(out[k].lit), strings.Count(it.lit, " ") - strings.Count(out[k].lit, " ")}
				out[k].pre = out[k].pre.or(it.pre.plus(d))
				out[k].post = out[k].post.or(it.post.plus(d))
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, it)
		}
	}
	return out
}

// product concatenates every string of a with every string of b, a's
// order first, refusing more than limit strings or a too long one.
func product(a, b []string, limit int) ([]string, bool) {
	if len(a)*len(b) > limit {
		return nil, false
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			if len(x)+len(y) > maxLiteralLen {
				return nil, false
			}
			out = append(out, x+y)
		}
	}
	return out, true
}

func appendUnique(set []string, more ...string) []string {
	for _, s := range more {
		if !slices.Contains(set, s) {
			set = append(set, s)
		}
	}
	return set
}

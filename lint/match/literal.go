package match

import (
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
	maxClassRunes = 4  // runes of a character class expanded into strings
	maxLiteralLen = 64 // bytes of one literal
)

// item is a required literal of an expression: every match holds an
// occurrence of one of its set's literals, starting at most pre bytes after
// the match start and ending at most post bytes before the match end
// (unbounded when nothing limits it).
type item struct {
	lit       string
	pre, post int
}

// facts is what the analysis knows about an expression.
type facts struct {
	// maxLen is the longest match in bytes, or unbounded.
	maxLen int
	// exact, when isExact, is the complete set of strings the expression
	// matches (an empty set: it matches nothing).
	exact   []string
	isExact bool
	// req, when hasReq, is a set of required literals; an empty set means
	// the expression matches nothing.
	req    []item
	hasReq bool
	// anchored is set when the expression uses ^, $, \A or \z: its matches
	// depend on where the text starts and ends, so it cannot run on a window.
	anchored bool
	// bytes are the ASCII bytes a match may hold; any other ASCII byte is a
	// barrier no match crosses.
	bytes asciiSet
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
	maxLen   int
	anchored bool
	barrier  asciiSet
}

// analyze derives the prefilter of an RE2 expression on folded text.
func analyze(expr string) (prefilter, error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return prefilter{}, err
	}
	f := analyzeNode(re)
	pf := prefilter{maxLen: f.maxLen, anchored: f.anchored}
	pf.barrier = asciiSet{^f.bytes[0], ^f.bytes[1]}
	if items, ok := best(f); ok {
		if len(items) == 0 {
			pf.never = true
		} else {
			pf.items = items
		}
	}
	return pf, nil
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

func analyzeNode(re *syntax.Regexp) facts {
	switch re.Op {
	case syntax.OpNoMatch:
		return facts{isExact: true, exact: []string{}}
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return facts{isExact: true, exact: []string{""}}
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return facts{isExact: true, exact: []string{""}, anchored: true}
	case syntax.OpLiteral:
		return literalFacts(re.Rune, re.Flags&syntax.FoldCase != 0)
	case syntax.OpCharClass:
		return classFacts(re.Rune)
	case syntax.OpAnyCharNotNL:
		b := allBytes()
		b[0] &^= 1 << '\n'
		return facts{maxLen: utf8.UTFMax, bytes: b}
	case syntax.OpAnyChar:
		return facts{maxLen: utf8.UTFMax, bytes: allBytes()}
	case syntax.OpCapture:
		return analyzeNode(re.Sub[0])
	case syntax.OpStar:
		return repeatFacts(analyzeNode(re.Sub[0]), 0, unbounded)
	case syntax.OpPlus:
		return repeatFacts(analyzeNode(re.Sub[0]), 1, unbounded)
	case syntax.OpQuest:
		return repeatFacts(analyzeNode(re.Sub[0]), 0, 1)
	case syntax.OpRepeat:
		return repeatFacts(analyzeNode(re.Sub[0]), re.Min, re.Max)
	case syntax.OpConcat:
		subs := make([]facts, len(re.Sub))
		for i, s := range re.Sub {
			subs[i] = analyzeNode(s)
		}
		return concatFacts(subs)
	case syntax.OpAlternate:
		subs := make([]facts, len(re.Sub))
		for i, s := range re.Sub {
			subs[i] = analyzeNode(s)
		}
		return alternateFacts(subs)
	}
	// Unknown operator: claim nothing.
	return facts{maxLen: unbounded, bytes: allBytes(), anchored: true}
}

// foldVariants returns the runes a case-insensitive r may match in folded
// text. Folded text holds only runes that lower casing leaves alone, so the
// other members of r's case orbit cannot occur there.
func foldVariants(r rune) []rune {
	out := []rune{r}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		out = append(out, f)
	}
	kept := out[:0]
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

func literalFacts(runes []rune, fold bool) facts {
	f := facts{isExact: true, exact: []string{""}}
	for _, r := range runes {
		// The regexp matches every member of the case orbit, even those
		// folded text cannot hold: count their width and bytes.
		for _, v := range orbit(r, fold) {
			f.bytes.addRange(v, v)
		}
		f.maxLen += orbitWidth(r, fold)
		if !f.isExact {
			continue
		}
		variants := []rune{r}
		if fold {
			variants = foldVariants(r)
		}
		next := make([]string, 0, len(f.exact)*len(variants))
		for _, s := range f.exact {
			for _, v := range variants {
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
	f.hasReq, f.req = literalPiece(runes, fold)
	return f
}

// literalPiece returns the longest run of runes of a literal that have a
// single variant in folded text, cut to maxLiteralLen bytes, as a required
// item.
func literalPiece(runes []rune, fold bool) (bool, []item) {
	single := func(r rune) bool { return !fold || len(foldVariants(r)) == 1 }
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
		v := r
		if fold {
			v = foldVariants(r)[0]
		}
		if b.Len()+utf8.RuneLen(v) > maxLiteralLen {
			break
		}
		b.WriteRune(v)
		end++
	}
	if b.Len() == 0 {
		return false, nil
	}
	before, after := 0, 0
	for _, r := range runes[:bestStart] {
		before += orbitWidth(r, fold)
	}
	for _, r := range runes[end:] {
		after += orbitWidth(r, fold)
	}
	return true, []item{{lit: b.String(), pre: before, post: after}}
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

func orbitWidth(r rune, fold bool) int {
	w := 0
	for _, v := range orbit(r, fold) {
		w = max(w, runeWidth(v))
	}
	return w
}

// runeWidth is the UTF-8 width of r; an invalid rune is matched as one byte
// of invalid input at most three bytes long (U+FFFD).
func runeWidth(r rune) int {
	if n := utf8.RuneLen(r); n > 0 {
		return n
	}
	return utf8.UTFMax - 1
}

func classFacts(ranges []rune) facts {
	if len(ranges) == 0 {
		return facts{isExact: true, exact: []string{}}
	}
	var f facts
	count := 0
	for i := 0; i < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		f.bytes.addRange(lo, hi)
		count += int(hi-lo) + 1
		f.maxLen = max(f.maxLen, runeWidth(hi))
		if hi >= 0xD800 && lo <= 0xDFFF || hi > unicode.MaxRune {
			f.maxLen = utf8.UTFMax
		}
	}
	if count <= maxClassRunes {
		f.isExact = true
		for i := 0; i < len(ranges); i += 2 {
			for r := ranges[i]; r <= ranges[i+1]; r++ {
				f.exact = append(f.exact, string(r))
			}
		}
	}
	return f
}

func repeatFacts(sub facts, lo, hi int) facts {
	f := facts{maxLen: mulLen(hi, sub.maxLen), bytes: sub.bytes, anchored: sub.anchored}
	if sub.isExact && len(sub.exact) == 0 {
		// Repeating nothing: matches only the empty string when lo is 0.
		if lo == 0 {
			return facts{isExact: true, exact: []string{""}, anchored: sub.anchored}
		}
		return sub
	}
	if sub.isExact && hi != unbounded && hi <= 8 {
		// Small bounded repeats of an exact set stay exact: x? is {"", x}.
		set := []string{""}
		all := []string{}
		ok := true
		for n := 0; n <= hi && ok; n++ {
			if n >= lo {
				all = appendUnique(all, set...)
			}
			if n < hi {
				set, ok = product(set, sub.exact)
			}
			if len(all) > maxExactSet {
				ok = false
			}
		}
		if ok {
			f.isExact, f.exact = true, all
		}
	}
	if lo >= 1 {
		if items, ok := best(sub); ok {
			// The literal of the first repetition: the others follow it.
			tail := mulLen(subOrUnbounded(hi, 1), sub.maxLen)
			f.req = shift(items, 0, tail)
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
	prefix := make([]int, len(subs)+1) // prefix[i]: longest match of subs[:i]
	for i, s := range subs {
		prefix[i+1] = addLen(prefix[i], s.maxLen)
		f.bytes.union(s.bytes)
		f.anchored = f.anchored || s.anchored
	}
	f.maxLen = prefix[len(subs)]
	// suffix(i): longest match of subs[i:].
	suffix := func(i int) int {
		n := 0
		for _, s := range subs[i:] {
			n = addLen(n, s.maxLen)
		}
		return n
	}
	var cands [][]item
	for i, s := range subs {
		if items, ok := best(s); ok {
			cands = append(cands, shift(items, prefix[i], suffix(i+1)))
		}
	}
	// Runs of exact parts concatenate into longer literals.
	for i := range subs {
		if !subs[i].isExact {
			continue
		}
		set := []string{""}
		for j := i; j < len(subs) && subs[j].isExact; j++ {
			var ok bool
			if set, ok = product(set, subs[j].exact); !ok {
				break
			}
			if j > i {
				if items, ok := exactItems(set); ok {
					cands = append(cands, shift(items, prefix[i], suffix(j+1)))
				}
			}
			if i == 0 && j == len(subs)-1 {
				f.isExact, f.exact = true, set
			}
		}
	}
	if len(subs) == 0 {
		f.isExact, f.exact = true, []string{""}
	}
	for _, c := range cands {
		if !f.hasReq || better(c, f.req) {
			f.req, f.hasReq = c, true
		}
	}
	return finish(f)
}

func alternateFacts(subs []facts) facts {
	f := facts{isExact: true, hasReq: true}
	for _, s := range subs {
		f.maxLen = maxLen(f.maxLen, s.maxLen)
		f.bytes.union(s.bytes)
		f.anchored = f.anchored || s.anchored
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
	if f.hasReq {
		f.req = minimize(f.req)
	}
	return finish(f)
}

// finish replaces the required set by the exact set when that is better.
func finish(f facts) facts {
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
	items := make([]item, 0, len(set))
	for _, s := range set {
		items = append(items, item{lit: s})
	}
	if !usable(items) {
		return nil, false
	}
	return minimize(items), true
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
// empty string and a single letter, digit, space or common punctuation mark.
func weak(lit string) bool {
	if len(lit) == 0 {
		return true
	}
	if len(lit) > 1 {
		return false
	}
	c := lit[0]
	return c >= 0x80 || c <= ' ' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte(".,;:!?'\"-()", c) >= 0
}

// better reports whether required set a is preferable to b: longer shortest
// literal first (it occurs less often), then fewer literals, then tighter
// bounds.
func better(a, b []item) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == 0 && len(b) != 0
	}
	qa, qb := quality(a), quality(b)
	if qa != qb {
		return qa > qb
	}
	ba, bb := bounded(a), bounded(b)
	if ba != bb {
		return ba > bb
	}
	return len(a) < len(b)
}

func quality(items []item) int {
	q := maxLiteralLen
	for _, it := range items {
		q = min(q, len(it.lit))
	}
	return min(q, 8)
}

// bounded counts the sides of the items' windows that have a bound.
func bounded(items []item) int {
	n := 2
	for _, it := range items {
		if it.pre == unbounded || it.post == unbounded {
			n = 1
		}
		if it.pre == unbounded && it.post == unbounded {
			return 0
		}
	}
	return n
}

// shift moves items into a longer expression that may match before bytes
// before them and after bytes after them.
func shift(items []item, before, after int) []item {
	out := make([]item, len(items))
	for i, it := range items {
		out[i] = item{lit: it.lit, pre: addLen(it.pre, before), post: addLen(it.post, after)}
	}
	return out
}

// minimize drops a literal that holds another one of the set (every match
// holding the longer one holds the shorter one too) and merges duplicates.
func minimize(items []item) []item {
	slices.SortFunc(items, func(a, b item) int { return len(a.lit) - len(b.lit) })
	var out []item
	for _, it := range items {
		merged := false
		for k := range out {
			if strings.Contains(it.lit, out[k].lit) {
				// it's occurrence holds out[k]'s somewhere inside: widen the
				// bounds by the difference in length.
				d := len(it.lit) - len(out[k].lit)
				out[k].pre = maxLen(out[k].pre, addLen(it.pre, d))
				out[k].post = maxLen(out[k].post, addLen(it.post, d))
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

func product(a, b []string) ([]string, bool) {
	if len(a)*len(b) > maxExactSet {
		return nil, false
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			if len(x)+len(y) > maxLiteralLen {
				return nil, false
			}
			out = appendUnique(out, x+y)
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

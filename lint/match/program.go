package match

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// program is one list of a match block (its phrases and patterns, or its
// excepts) compiled into one RE2 alternation, with what it takes to run
// the alternation only around the places where it can match.
type program struct {
	// re is the whole alternation: its leftmost-first matches are the
	// list's matches.
	re *lazyRegexp
	// raw is set for a program on raw text (a Regexp) rather than folded
	// text. lower is set when an alternative of a raw program ignores case:
	// its literals are then lower case and its automaton ignores ASCII case.
	raw, lower bool
	// exprs and compiled are the alternatives and their regexps.
	exprs    []string
	compiled []*regexp.Regexp

	// The rest is derived on first use (prepare): a linter loads the rules
	// of every language and uses those of the messages it meets.
	once sync.Once
	alts []alternative
	// items are the required literals of all alternatives.
	items []progItem
	// whole is set when an alternative has no required literal: re then
	// runs on the whole text.
	whole bool
	// anchored is set when an alternative depends on the ends of the text:
	// that alternative's window is the whole text once its literal occurs
	// (and a Regexp runs on the whole text).
	anchored bool
	// own scans for the program's literals alone, for a program on raw text
	// (a Regexp); a match list no Index serves searches its literals one by
	// one (searchOccs), which is cheaper than building an automaton for a
	// text or two.
	own *catalog
	// rare, when not nil, are a few bytes one of which every literal holds:
	// a text without any of them (found fast by IndexByte) has no
	// occurrence, and own needs not scan it.
	rare []byte
}

// maxRare bounds the bytes of a rare set.
const maxRare = 4

// rareBytes picks, for each literal, its least common byte, unless the
// literal holds one picked already; it gives up when that makes more than
// maxRare bytes or picks a common one.
func rareBytes(items []progItem, raw bool) []byte {
	var out []byte
	for _, it := range items {
		if containsByte(it.lit, out) {
			continue
		}
		best := it.lit[0]
		for i := 1; i < len(it.lit); i++ {
			if byteRank(it.lit[i]) < byteRank(best) {
				best = it.lit[i]
			}
		}
		if byteRank(best) >= commonRank || len(out) == maxRare {
			return nil
		}
		out = append(out, best)
		if raw && 'a' <= best && best <= 'z' {
			out = append(out, best-'a'+'A')
		}
	}
	return out
}

func containsByte(s string, bytes []byte) bool {
	for _, b := range bytes {
		if strings.IndexByte(s, b) >= 0 {
			return true
		}
	}
	return false
}

// byteRank orders bytes by how common they are in messages: rarer first.
// Letters, digits, spaces and sentence punctuation are common; signs and
// brackets are rare.
func byteRank(b byte) int { return int(byteRanks[b]) }

// byteRanks is byteRank's table, filled once at start-up and only read.
var byteRanks = func() (t [256]uint8) {
	for i := range t {
		b := byte(i)
		switch {
		case b == ' ' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z':
			t[i] = commonRank + 2
		case '0' <= b && b <= '9' || strings.IndexByte(".,'-!?:;()\"\n", b) >= 0 || b >= 0x80:
			t[i] = commonRank + 1
		}
	}
	return t
}()

const commonRank = 10

// mayOccur reports whether t can hold an occurrence of p's literals.
func (p *program) mayOccur(t string) bool {
	if p.rare == nil {
		return true
	}
	for _, b := range p.rare {
		if strings.IndexByte(t, b) >= 0 {
			return true
		}
	}
	return false
}

// alternative is one phrase or pattern of a list.
type alternative struct {
	re *lazyRegexp
	// tryStarts is set when the alternative may be tried at single places
	// (see matchStarts), with starts.
	tryStarts bool
	starts    *starter
	barrier   asciiSet
	// first, pairs and wordStart say where a match cannot start (see
	// prefilter).
	first     byteSet
	hasFirst  bool
	pairs     []uint16
	wordStart bool
	lower     bool
	// anchored is set when the alternative uses ^, $, \A or \z: its window
	// is then the whole text, where those mean what they mean in p.re.
	anchored bool
	// confirm are literal sets every match holds besides the scanned one
	// (see prefilter).
	confirm [][]string
}

// confirmed reports whether a window holds a literal of each of the
// alternative's confirming sets.
func (a *alternative) confirmed(w string) bool {
	for _, set := range a.confirm {
		if !slices.ContainsFunc(set, func(lit string) bool { return strings.Contains(w, lit) }) {
			return false
		}
	}
	return true
}

// canStart reports whether a match of the alternative may start at s.
func (a *alternative) canStart(t string, s int) bool {
	if s >= len(t) || isContinuation(t[s]) {
		return false
	}
	if a.wordStart && s > 0 && isWordByte(t[s-1]) {
		return false
	}
	if a.hasFirst && !a.first.has(t[s]) {
		return false
	}
	if a.pairs != nil {
		if s+1 >= len(t) {
			return false
		}
		c0, c1 := t[s], t[s+1]
		if a.lower {
			c0, c1 = lowerByte(c0), lowerByte(c1)
		}
		if _, ok := slices.BinarySearch(a.pairs, uint16(c0)<<8|uint16(c1)); !ok {
			return false
		}
	}
	return true
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// progItem is a required literal of an alternative: every match of
// alternative alt holds an occurrence of one of the alternative's
// literals, with at most pre of the match before it and at most post
// after it.
type progItem struct {
	lit       string
	alt       int32
	pre, post extent
}

// scanLimit bounds the bytes looked at around one occurrence when searching
// for a barrier or a word edge; past it the window falls back to a bound
// that needs no search, which keeps the cost linear in the text.
const scanLimit = 256

// newProgram makes a program for folded text, or raw text when raw is set,
// from the alternatives and their compiled regexps. compiled, or an entry
// of it, may be nil for expressions known to be valid (the built-in rules,
// which the tests compile, and the pieces of a checked pattern): each
// regexp is then compiled when first needed, so a linter pays only for the
// languages it meets and, within them, for the alternatives whose literals
// occur.
func newProgram(exprs []string, compiled []*regexp.Regexp, raw bool) *program {
	p := &program{raw: raw, exprs: exprs, compiled: compiled}
	p.lower = raw && slices.ContainsFunc(exprs, ignoresCase)
	if len(exprs) == 1 {
		p.re = p.alternativeRegexp(0)
	} else {
		p.re = &lazyRegexp{expr: strings.Join(exprs, "|")}
	}
	return p
}

func (p *program) alternativeRegexp(i int) *lazyRegexp {
	if p.compiled != nil && p.compiled[i] != nil {
		return compiledRegexp(p.compiled[i])
	}
	return &lazyRegexp{expr: p.exprs[i]}
}

// lazyRegexp is a regexp compiled on first use.
type lazyRegexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
	err  error
}

func compiledRegexp(re *regexp.Regexp) *lazyRegexp {
	l := &lazyRegexp{expr: re.String(), re: re}
	l.once.Do(func() {}) // nothing left to compile: get returns re as is
	return l
}

// get returns the regexp, or nil when it does not compile (err says why).
func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() {
		if l.re, l.err = regexp.Compile(l.expr); l.err != nil {
			l.err = fmt.Errorf("%q: %w", l.expr, l.err)
		}
	})
	return l.re
}

// prepare derives, once, what the program needs to run only around its
// literals. The alternatives are valid RE2, so nothing here is expected to
// fail; if the analysis did, the program would simply run on the whole
// text (and a regexp that does not compile matches nothing).
func (p *program) prepare() *program {
	p.once.Do(func() {
		if err := p.derive(); err != nil {
			p.alts, p.items, p.whole, p.anchored = nil, nil, true, false
		}
		if p.raw {
			// A Regexp scans every text it is given with its own automaton.
			p.own = newCatalog([]*program{p})
			p.rare = rareBytes(p.items, p.lower)
		}
	})
	return p
}

// size is the length of the program's expressions: what its analysis
// costs, roughly.
func (p *program) size() int {
	n := 0
	for _, e := range p.exprs {
		n += len(e)
	}
	return n
}

// compileAll compiles every regexp of the program now and reports the
// first that does not compile.
func (p *program) compileAll() error {
	p.prepare()
	for i := range p.alts {
		if p.alts[i].re.get(); p.alts[i].re.err != nil {
			return p.alts[i].re.err
		}
	}
	p.re.get()
	return p.re.err
}

func (p *program) derive() error {
	for i, expr := range p.exprs {
		pf, err := analyze(expr, p.lower)
		if err != nil {
			return err
		}
		alt := alternative{re: p.alternativeRegexp(i), barrier: pf.barrier, first: pf.first, hasFirst: pf.hasFirst,
			pairs: pf.pairs, wordStart: pf.wordStart, lower: p.lower}
		if len(p.exprs) == 1 {
			alt.re = p.re
		}
		alt.tryStarts = !pf.never && pf.items != nil && !pf.anchored
		alt.anchored = pf.anchored
		alt.confirm = pf.confirm
		alt.starts = &starter{expr: expr, word: pf.word, raw: p.raw}
		p.alts = append(p.alts, alt)
		switch {
		case pf.never:
		case pf.items == nil:
			p.whole = true
		default:
			p.anchored = p.anchored || pf.anchored
			for _, it := range pf.items {
				p.items = append(p.items, progItem{lit: it.lit, alt: int32(i), pre: it.pre, post: it.post})
			}
		}
	}
	if p.whole {
		p.items = nil
	}
	return nil
}

// span is a byte range of the folded text.
type span struct{ start, end int }

// window is a part of the folded text a program must run on; alt is the
// only alternative that can match there, or -1 for several.
type window struct {
	lo, hi int
	alt    int32
}

// find returns the program's matches in the folded text t, given the
// occurrences of its literals; it is what p.re.FindAllStringIndex(t, -1)
// returns.
//
// Why the windows give the same result: every match of an alternative
// holds one of its literals and lies within the bounds of that occurrence
// (pre and post bytes, and no barrier byte), so every match, and every way
// the regexp could succeed from a start inside a window, lies in the
// window built around some occurrence; overlapping windows are merged. The
// edges of a window are moved until the byte beyond is not a word character
// (and not inside a character), so \b and \B see the same thing at the edge
// of the window as in the whole text; ^ and $ would not, so an alternative
// using them runs on the whole text. Matches always hold a literal, so they
// are never empty, and leftmost-first search from the start of a window
// finds what the search over the whole text finds there.
func (p *program) find(t string, occs []occ, dst []span) []span {
	if p.whole {
		return appendMatches(dst, p.re.get(), t, 0)
	}
	if len(occs) == 0 {
		return dst
	}
	var buf [16]place
	places := p.places(t, occs, buf[:0])
	var mbuf [16]tagged
	ms := mbuf[:0]
	var wbuf [16]window
	wins := wbuf[:0]
	for i := 0; i < len(places); {
		// A window: the places of one alternative that overlap.
		w := window{lo: places[i].lo, hi: places[i].hi, alt: places[i].alt}
		starts := places[i].last - places[i].first + 1
		j := i + 1
		for ; j < len(places) && places[j].alt == w.alt && places[j].lo < w.hi; j++ {
			w.hi = max(w.hi, places[j].hi)
			starts += places[j].last - places[j].first + 1
		}
		if a := &p.alts[w.alt]; !a.confirmed(t[w.lo:w.hi]) {
			// Every match in the window would hold a literal of each
			// confirming set.
			i = j
			continue
		}
		wins = append(wins, w)
		if a := &p.alts[w.alt]; a.tryStarts && starts <= maxStarts && a.startable() {
			ms = a.matchStarts(ms, t, places[i:j], w)
		} else {
			ms = appendTagged(ms, a.re.get(), t, w)
		}
		i = j
	}
	if len(ms) == 0 {
		return dst
	}
	if wins[0].alt == wins[len(wins)-1].alt {
		// One alternative: its matches are the list's.
		for _, m := range ms {
			dst = append(dst, span{m.start, m.end})
		}
		return dst
	}
	if out, ok := p.combine(t, ms, dst); ok {
		return out
	}
	return p.findMerged(t, wins, dst)
}

// maxStarts bounds the places where a window tries its alternative
// anchored, one place after the other; past it the alternative searches the
// window.
const maxStarts = 32

// place is what one occurrence of a literal says about a match of
// alternative alt holding it: it starts in [first, last] and lies in
// [lo, hi) (lo and hi moved to where the window edge does not change \b).
type place struct {
	lo, hi, first, last int
	alt                 int32
}

// places returns the places of the occurrences, ordered by alternative and
// window start.
func (p *program) places(t string, occs []occ, out []place) []place {
	for _, o := range occs {
		it := &p.items[o.item]
		bar := &p.alts[it.alt].barrier
		start, end := int(o.pos), int(o.pos)+len(it.lit)
		first := leftEdge(t, start, it.pre, bar)
		hi := safeEnd(t, rightEdge(t, end, it.post, bar))
		if p.alts[it.alt].anchored {
			out = append(out, place{lo: 0, hi: len(t), first: 0, last: start, alt: it.alt})
			continue
		}
		out = append(out, place{lo: safeStart(t, first), hi: hi, first: first, last: start, alt: it.alt})
	}
	byAltThenStart := func(a, b place) int {
		if a.alt != b.alt {
			return int(a.alt - b.alt)
		}
		return a.lo - b.lo
	}
	if !slices.IsSortedFunc(out, byAltThenStart) {
		slices.SortFunc(out, byAltThenStart)
	}
	return out
}

// windows returns, for each alternative with occurrences, the parts of t
// where it can match: one window around each occurrence, merged when they
// overlap, ordered by alternative and start.
func (p *program) windows(t string, occs []occ, wins []window) []window {
	var buf [16]place
	for _, pl := range p.places(t, occs, buf[:0]) {
		if k := len(wins) - 1; k >= 0 && wins[k].alt == pl.alt && pl.lo < wins[k].hi {
			wins[k].hi = max(wins[k].hi, pl.hi)
			continue
		}
		wins = append(wins, window{lo: pl.lo, hi: pl.hi, alt: pl.alt})
	}
	return wins
}

// matchStarts finds the alternative's matches in window w by trying it,
// anchored, at each place a match can start, in order: what its search
// over the window would find, since no match starts anywhere else.
func (a *alternative) matchStarts(dst []tagged, t string, places []place, w window) []tagged {
	var buf [maxStarts]int
	starts := buf[:0]
	for _, pl := range places {
		for s := pl.first; s <= pl.last; s++ {
			if a.canStart(t, s) {
				starts = append(starts, s)
			}
		}
	}
	slices.Sort(starts)
	starts = slices.Compact(starts)
	pos := w.lo
	for _, s := range starts {
		if s < pos {
			continue
		}
		if end, ok := a.matchAt(t, s, w.hi); ok {
			dst = append(dst, tagged{s, end, w.hi, w.alt})
			pos = end
		}
	}
	return dst
}

// starter matches an alternative at one place, made on first use.
type starter struct {
	expr      string
	word, raw bool
	once      sync.Once
	// anchored matches only at the start of its input; ctx, for an
	// alternative using \b or \B, matches one character of context first,
	// for a place after a word character; exact, when not nil, matches at
	// a place without a regexp.
	anchored, ctx *regexp.Regexp
	exact         *exactSet
}

// startable compiles, once, what matchAt needs, and reports whether it
// could (it cannot fail on a valid alternative).
func (a *alternative) startable() bool {
	st := a.starts
	st.once.Do(func() {
		if !st.raw {
			// A finite set of strings, perhaps between \b's, needs no
			// regexp at all.
			if st.exact = newExactSet(st.expr); st.exact != nil {
				return
			}
		}
		anchored, err := regexp.Compile(`^(?:` + st.expr + `)`)
		if err != nil {
			return
		}
		var ctx *regexp.Regexp
		if st.word {
			if ctx, err = regexp.Compile(`^(?s:.)(?:` + st.expr + `)`); err != nil {
				return
			}
		}
		st.anchored, st.ctx = anchored, ctx
	})
	return st.anchored != nil || st.exact != nil
}

// matchAt reports the end of the alternative's match starting at s and
// ending by hi, if there is one.
func (a *alternative) matchAt(t string, s, hi int) (int, bool) {
	st := a.starts
	if st.exact != nil {
		return st.exact.matchAt(t, s, hi)
	}
	if st.ctx != nil && s > 0 && isWordByte(t[s-1]) {
		// \b at s must see the word character before it.
		loc := st.ctx.FindStringIndex(t[s-1 : hi])
		if loc == nil {
			return 0, false
		}
		return s - 1 + loc[1], true
	}
	loc := st.anchored.FindStringIndex(t[s:hi])
	if loc == nil {
		return 0, false
	}
	return s + loc[1], true
}

// tagged is a match of alternative alt found in a window ending at hi.
type tagged struct {
	start, end, hi int
	alt            int32
}

func appendTagged(dst []tagged, re *regexp.Regexp, t string, w window) []tagged {
	if re == nil {
		return dst
	}
	for _, loc := range re.FindAllStringIndex(t[w.lo:w.hi], -1) {
		dst = append(dst, tagged{w.lo + loc[0], w.lo + loc[1], w.hi, w.alt})
	}
	return dst
}

// altMatches is where one alternative's matches stand: ms[from:to] of
// combine's list, or more after a new search from a straddled point.
type altMatches struct {
	from, to, k int
	more        []tagged
	resumed     bool
}

func (l *altMatches) list(ms []tagged) []tagged {
	if l.resumed {
		return l.more
	}
	return ms[l.from:l.to]
}

// combine turns each alternative's own matches (ms, grouped by alternative
// in order) into the alternation's: from where the last match ended, the
// leftmost start wins, and the first alternative among those starting
// there. Each alternative's list has its next match from that point unless
// one of its matches straddles the point (starts before, ends after); the
// alternative then searches again from the point. It reports false when
// that search cannot tell (see resume).
func (p *program) combine(t string, ms []tagged, dst []span) ([]span, bool) {
	var buf [8]altMatches
	lists := buf[:0]
	for i := 0; i < len(ms); {
		j := i + 1
		for j < len(ms) && ms[j].alt == ms[i].alt {
			j++
		}
		lists = append(lists, altMatches{from: i, to: j})
		i = j
	}
	n := len(dst)
	pos := 0
	for {
		var next tagged
		from := -1
		for li := range lists {
			l := &lists[li]
			cur := l.list(ms)
			for l.k < len(cur) && cur[l.k].start < pos {
				m := cur[l.k]
				if m.end <= pos {
					l.k++
					continue
				}
				seq, ok := p.resume(t, m, pos)
				if !ok {
					return dst[:n], false
				}
				rest := cur[l.k:]
				for len(rest) > 0 && rest[0].start < m.hi {
					rest = rest[1:]
				}
				seq = append(seq, rest...)
				l.more, l.k, l.resumed = seq, 0, true
				cur = l.more
			}
			if l.k < len(cur) {
				c := cur[l.k]
				if from < 0 || c.start < next.start || c.start == next.start && c.alt < next.alt {
					next, from = c, li
				}
			}
		}
		if from < 0 {
			return dst, true
		}
		dst = append(dst, span{next.start, next.end})
		pos = next.end
		lists[from].k++
	}
}

// resume returns the matches of m's alternative from pos to the end of m's
// window, for an m that straddles pos. The search starts one character
// before pos so that \b at pos sees that character; a match starting at
// that character would have no context of its own, so if one reaches past
// pos resume reports false.
func (p *program) resume(t string, m tagged, pos int) ([]tagged, bool) {
	if p.alts[m.alt].anchored {
		// ^ would match at the point of the new search.
		return nil, false
	}
	_, size := utf8.DecodeLastRuneInString(t[:pos])
	from := pos - size
	var out []tagged
	re := p.alts[m.alt].re.get()
	if re == nil {
		return nil, true
	}
	for _, loc := range re.FindAllStringIndex(t[from:m.hi], -1) {
		start, end := from+loc[0], from+loc[1]
		if start < pos {
			if end > pos {
				return nil, false
			}
			continue
		}
		out = append(out, tagged{start, end, m.hi, m.alt})
	}
	return out, true
}

// findMerged runs the whole alternation on the windows of all alternatives
// merged: the general way, for when combine cannot tell.
func (p *program) findMerged(t string, wins []window, dst []span) []span {
	slices.SortFunc(wins, func(a, b window) int { return a.lo - b.lo })
	merged := wins[:1]
	for _, w := range wins[1:] {
		cur := &merged[len(merged)-1]
		if w.lo < cur.hi {
			cur.hi = max(cur.hi, w.hi)
			if cur.alt != w.alt {
				cur.alt = -1
			}
			continue
		}
		merged = append(merged, w)
	}
	for _, w := range merged {
		re := p.re.get()
		if w.alt >= 0 {
			re = p.alts[w.alt].re.get()
		}
		dst = appendMatches(dst, re, t[w.lo:w.hi], w.lo)
	}
	return dst
}

// appendMatches appends the matches of re in s, moved by offset.
func appendMatches(dst []span, re *regexp.Regexp, s string, offset int) []span {
	if re == nil {
		return dst // a verified rule's regexp that did not compile
	}
	for _, loc := range re.FindAllStringIndex(s, -1) {
		dst = append(dst, span{offset + loc[0], offset + loc[1]})
	}
	return dst
}

// leftEdge is where a match holding the occurrence at start can begin at
// the earliest: within pre's bytes and spaces before it, and after the
// nearest barrier byte.
func leftEdge(t string, start int, pre extent, bar *asciiSet) int {
	limit := 0
	if pre.bytes != unbounded {
		limit = max(0, start-pre.bytes)
	}
	stop := max(limit, start-scanLimit)
	spaces := pre.spaces
	for i := start; i > stop; i-- {
		c := t[i-1]
		if bar.has(c) {
			return i
		}
		if c == ' ' {
			if spaces == 0 {
				return i
			}
			spaces--
		}
	}
	return limit
}

// rightEdge is where a match holding the occurrence ending at end can end
// at the latest.
func rightEdge(t string, end int, post extent, bar *asciiSet) int {
	limit := len(t)
	if post.bytes != unbounded {
		limit = min(len(t), end+post.bytes)
	}
	stop := min(limit, end+scanLimit)
	spaces := post.spaces
	for i := end; i < stop; i++ {
		c := t[i]
		if bar.has(c) {
			return i
		}
		if c == ' ' {
			if spaces == 0 {
				return i
			}
			spaces--
		}
	}
	return limit
}

// safeStart moves a window start left until the byte before it is neither
// a word character nor inside the character at the start.
func safeStart(t string, lo int) int {
	for k := 0; lo > 0 && (isWordByte(t[lo-1]) || lo < len(t) && isContinuation(t[lo])); k++ {
		if k == scanLimit {
			return 0
		}
		lo--
	}
	return lo
}

// safeEnd moves a window end right until the byte at it is neither a word
// character nor inside a character.
func safeEnd(t string, hi int) int {
	for k := 0; hi < len(t) && (isWordByte(t[hi]) || isContinuation(t[hi])); k++ {
		if k == scanLimit {
			return len(t)
		}
		hi++
	}
	return hi
}

// isWordByte matches RE2's \w, which decides \b.
func isWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
}

func isContinuation(b byte) bool { return b&0xC0 == 0x80 }

// catalog is an automaton over the literals of several programs and, for
// each literal, the program items it stands for.
type catalog struct {
	ac       *automaton
	tgtStart []int32
	tgts     []target
	progs    []*program
	ids      map[*program]int32
}

type target struct{ prog, item int32 }

// occ is an occurrence of item of a program at byte pos of the text.
type occ struct{ pos, item int32 }

func newCatalog(progs []*program) *catalog {
	// The programs are prepared (a program's own catalog is made inside
	// prepare, once its items are derived).
	c := &catalog{progs: progs, ids: make(map[*program]int32, len(progs))}
	litID := map[string]int32{}
	var lits []string
	var byLit [][]target
	for pi, p := range progs {
		c.ids[p] = int32(pi)
		for ii, it := range p.items {
			id, ok := litID[it.lit]
			if !ok {
				id = int32(len(lits))
				litID[it.lit] = id
				lits = append(lits, it.lit)
				byLit = append(byLit, nil)
			}
			byLit[id] = append(byLit[id], target{prog: int32(pi), item: int32(ii)})
		}
	}
	c.ac = newAutomaton(lits, len(progs) > 0 && progs[0].lower)
	c.tgtStart = make([]int32, len(lits)+1)
	for id, ts := range byLit {
		c.tgtStart[id+1] = c.tgtStart[id] + int32(len(ts))
		c.tgts = append(c.tgts, ts...)
	}
	return c
}

// searchOccs returns the occurrences of p's literals in t, searched one
// literal after the other, appended to buf.
func (p *program) searchOccs(t string, buf []occ) []occ {
	for ii, it := range p.items {
		for i := 0; i+len(it.lit) <= len(t); {
			k := strings.Index(t[i:], it.lit)
			if k < 0 {
				break
			}
			buf = append(buf, occ{pos: int32(i + k), item: int32(ii)})
			i += k + 1
		}
	}
	return buf
}

// ignoresCase reports whether an expression has a case-insensitive
// literal.
func ignoresCase(expr string) bool {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return true
	}
	var walk func(*syntax.Regexp) bool
	walk = func(re *syntax.Regexp) bool {
		if re.Op == syntax.OpLiteral && re.Flags&syntax.FoldCase != 0 {
			return true
		}
		return slices.ContainsFunc(re.Sub, walk)
	}
	return walk(re)
}

// maxSearched bounds the literals of a Regexp searched one by one
// (strings.Index is fast) rather than scanned for with its automaton.
const maxSearched = 16

// ownOccs returns the occurrences of p's literals in t, found by p's own
// automaton, appended to buf (which the caller keeps on its stack).
func (p *program) ownOccs(t string, buf []occ) []occ {
	if !p.mayOccur(t) {
		return buf
	}
	if !p.lower && len(p.items) <= maxSearched {
		return p.searchOccs(t, buf)
	}
	var hbuf [64]hit
	c := p.own
	for _, h := range c.ac.scan(t, hbuf[:0]) {
		pos := h.end - c.ac.lens[h.lit]
		for _, tg := range c.tgts[c.tgtStart[h.lit]:c.tgtStart[h.lit+1]] {
			buf = append(buf, occ{pos: pos, item: tg.item})
		}
	}
	return buf
}

// scanResult holds the occurrences of a catalog's literals in one text,
// grouped by program.
type scanResult struct {
	cat      *catalog
	occStart []int32
	occs     []occ
}

func (c *catalog) scan(t string) *scanResult {
	var hitBuf [64]hit
	hits := c.ac.scan(t, hitBuf[:0])
	r := &scanResult{cat: c, occStart: make([]int32, len(c.progs)+2)}
	// Counting sort by program; within a program occurrences keep the order
	// of their ends.
	count := r.occStart[2:]
	total := 0
	for _, h := range hits {
		for _, tg := range c.tgts[c.tgtStart[h.lit]:c.tgtStart[h.lit+1]] {
			count[tg.prog]++
			total++
		}
	}
	for i := 2; i < len(r.occStart); i++ {
		r.occStart[i] += r.occStart[i-1]
	}
	// occStart[p+1] is now where program p's occurrences start.
	r.occs = make([]occ, total)
	next := r.occStart[1:]
	for _, h := range hits {
		for _, tg := range c.tgts[c.tgtStart[h.lit]:c.tgtStart[h.lit+1]] {
			pos := h.end - c.ac.lens[h.lit]
			r.occs[next[tg.prog]] = occ{pos: pos, item: tg.item}
			next[tg.prog]++
		}
	}
	r.occStart = r.occStart[:len(c.progs)+1]
	return r
}

// of returns the occurrences for p's literals, and false when p is not in
// the catalog.
func (r *scanResult) of(p *program) ([]occ, bool) {
	if r == nil {
		return nil, false
	}
	id, ok := r.cat.ids[p]
	if !ok {
		return nil, false
	}
	return r.occs[r.occStart[id]:r.occStart[id+1]], true
}

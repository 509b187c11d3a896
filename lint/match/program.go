package match

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// program is one list of a match block (its phrases and patterns, or its
// excepts) compiled into one RE2 alternation, with what it takes to run
// the alternation only around the places where it can match.
type program struct {
	// re is the whole alternation: its leftmost-first matches are the
	// list's matches.
	re   *regexp.Regexp
	alts []alternative
	// items are the required literals of all alternatives.
	items []progItem
	// whole is set when an alternative has no required literal: re then
	// runs on the whole text.
	whole bool
	// anchored is set when an alternative depends on the ends of the text:
	// re then runs on the whole text once a literal occurs.
	anchored bool
	// own scans for the program's literals alone, for texts no Index scanned.
	own *catalog
}

// alternative is one phrase or pattern of a list.
type alternative struct {
	re      *regexp.Regexp
	barrier asciiSet
}

// progItem is a required literal of an alternative: every match of
// alternative alt holds an occurrence of one of the alternative's literals
// that starts at most pre bytes after the match start and ends at most post
// bytes before the match end (unbounded: no limit).
type progItem struct {
	lit       string
	alt       int32
	pre, post int
}

// scanLimit bounds the bytes looked at around one occurrence when searching
// for a barrier or a word edge; past it the window falls back to a bound
// that needs no search, which keeps the cost linear in the text.
const scanLimit = 256

// newProgram compiles the alternatives (already valid RE2) into a program.
func newProgram(exprs []string, compiled []*regexp.Regexp) (*program, error) {
	p := &program{re: regexp.MustCompile(strings.Join(exprs, "|"))}
	if len(exprs) == 1 {
		compiled[0] = p.re
	}
	for i, expr := range exprs {
		pf, err := analyze(expr)
		if err != nil {
			return nil, err
		}
		p.alts = append(p.alts, alternative{re: compiled[i], barrier: pf.barrier})
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
	p.own = newCatalog([]*program{p})
	return p, nil
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
		return appendMatches(dst, p.re, t, 0)
	}
	if len(occs) == 0 {
		return dst
	}
	if p.anchored {
		return appendMatches(dst, p.re, t, 0)
	}
	var buf [16]window
	wins := buf[:0]
	for _, o := range occs {
		it := &p.items[o.item]
		bar := &p.alts[it.alt].barrier
		start, end := int(o.pos), int(o.pos)+len(it.lit)
		lo := safeStart(t, leftEdge(t, start, it.pre, bar))
		hi := safeEnd(t, rightEdge(t, end, it.post, bar))
		wins = append(wins, window{lo: lo, hi: hi, alt: it.alt})
	}
	// Each alternative alone, on its own merged windows: its own
	// leftmost-first matches over the whole text.
	slices.SortFunc(wins, func(a, b window) int {
		if a.alt != b.alt {
			return int(a.alt - b.alt)
		}
		return a.lo - b.lo
	})
	var mbuf [16]tagged
	ms := mbuf[:0]
	for i := 0; i < len(wins); {
		w := wins[i]
		for i++; i < len(wins) && wins[i].alt == w.alt && wins[i].lo < w.hi; i++ {
			w.hi = max(w.hi, wins[i].hi)
		}
		if Debug {
			fmt.Printf("  alt=%d [%d,%d) %q\n", w.alt, w.lo, w.hi, t[w.lo:w.hi])
		}
		ms = appendTagged(ms, p.alts[w.alt].re, t, w)
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
	if out, ok := combine(ms, dst); ok {
		return out
	}
	return p.findMerged(t, wins, dst)
}

// tagged is a match of one alternative.
type tagged struct {
	start, end int
	alt        int32
}

func appendTagged(dst []tagged, re *regexp.Regexp, t string, w window) []tagged {
	for _, loc := range re.FindAllStringIndex(t[w.lo:w.hi], -1) {
		dst = append(dst, tagged{w.lo + loc[0], w.lo + loc[1], w.alt})
	}
	return dst
}

// combine turns each alternative's own matches into the alternation's:
// from where the last match ended, the leftmost start wins, and the first
// alternative among those starting there. That needs every alternative's
// next match from that point, which its own list has unless one of its
// matches straddles the point (it started before and ends after): then
// combine gives up and reports false.
func combine(ms []tagged, dst []span) ([]span, bool) {
	slices.SortFunc(ms, func(a, b tagged) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return int(a.alt - b.alt)
	})
	pos := 0
	n := len(dst)
	for _, m := range ms {
		if m.start >= pos {
			dst = append(dst, span{m.start, m.end})
			pos = m.end
			continue
		}
		if m.end > pos {
			return dst[:n], false
		}
	}
	return dst, true
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
		re := p.re
		if w.alt >= 0 {
			re = p.alts[w.alt].re
		}
		if Debug {
			fmt.Printf("  win alt=%d [%d,%d) %q\n", w.alt, w.lo, w.hi, t[w.lo:w.hi])
		}
		dst = appendMatches(dst, re, t[w.lo:w.hi], w.lo)
	}
	return dst
}

// appendMatches appends the matches of re in s, moved by offset.
func appendMatches(dst []span, re *regexp.Regexp, s string, offset int) []span {
	for _, loc := range re.FindAllStringIndex(s, -1) {
		dst = append(dst, span{offset + loc[0], offset + loc[1]})
	}
	return dst
}

// leftEdge is where a match holding the occurrence at start can begin at
// the earliest: pre bytes before it, or after the nearest barrier byte.
func leftEdge(t string, start, pre int, bar *asciiSet) int {
	limit := 0
	if pre != unbounded {
		limit = max(0, start-pre)
	}
	stop := max(limit, start-scanLimit)
	for i := start; i > stop; i-- {
		if bar.has(t[i-1]) {
			return i
		}
	}
	return limit
}

// rightEdge is where a match holding the occurrence ending at end can end
// at the latest.
func rightEdge(t string, end, post int, bar *asciiSet) int {
	limit := len(t)
	if post != unbounded {
		limit = min(len(t), end+post)
	}
	stop := min(limit, end+scanLimit)
	for i := end; i < stop; i++ {
		if bar.has(t[i]) {
			return i
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
	c.ac = newAutomaton(lits)
	c.tgtStart = make([]int32, len(lits)+1)
	for id, ts := range byLit {
		c.tgtStart[id+1] = c.tgtStart[id] + int32(len(ts))
		c.tgts = append(c.tgts, ts...)
	}
	return c
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

var Debug bool

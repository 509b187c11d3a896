package pattern

import (
	"math/bits"
	"slices"

	"github.com/replylint/replylint/lint/token"
)

// Capture is the tokens [From, To) that a vocabulary matched.
type Capture struct {
	Name     string
	From, To int
}

// Match is one match of an item: tokens [From, To).
type Match struct {
	From, To int
	Captures []Capture
}

// Results holds the matches of the items of one language in one message.
// An item is matched when it is first asked for, so that rules that do not
// apply to a message (a channel that switches them off, a kind they do not
// judge) cost nothing; a Results belongs to one message and is not safe for
// concurrent use.
type Results struct {
	lang    string
	li      *langIndex
	toks    []token.Token
	starts  [][]int32
	scan    []bool
	done    []bool
	matches [][]Match
	sentEnd []int
	e       *ender
	m       *matcher
}

// Matches returns the matches of an item, in text order, not overlapping.
func (r *Results) Matches(it Item) []Match {
	if r == nil || r.li == nil || it.Lang != r.lang || int(it.ID) >= len(r.matches) {
		return nil
	}
	if !r.done[it.ID] {
		r.done[it.ID] = true
		r.matches[it.ID] = r.compute(it.ID)
	}
	return r.matches[it.ID]
}

// maxSteps bounds the work one match attempt may do: patterns are short and
// sentence-bounded, so real text never comes near it, and a hostile text
// cannot make matching slow (the attempt then fails).
const maxSteps = 20000

// Run prepares the items of a language for a view: the candidate starts of
// every item come from the index in one pass over the tokens.
func (c *Compiler) Run(code string, v *token.View) *Results {
	li := c.langs[code]
	res := &Results{lang: code}
	if li == nil || len(li.items) == 0 {
		return res
	}
	n := len(li.items)
	res.li, res.toks = li, v.Tokens
	res.scan = make([]bool, n)
	res.done = make([]bool, n)
	res.matches = make([][]Match, n)
	// The candidate starts of all items in one array, cut per item: a
	// count pass, then a fill pass over the lists the index gave each
	// token (one map lookup per token and key, not per item).
	type lists struct{ stem, norm []int32 }
	perTok := make([]lists, len(v.Tokens))
	count := make([]int32, n+1)
	for i := range v.Tokens {
		tok := &v.Tokens[i]
		l := lists{stem: li.byStem[tok.Stem], norm: li.byNorm[tok.Norm]}
		perTok[i] = l
		for _, id := range l.stem {
			count[id+1]++
		}
		for _, id := range l.norm {
			count[id+1]++
		}
	}
	for id := 1; id <= n; id++ {
		count[id] += count[id-1]
	}
	flat := make([]int32, count[n])
	fill := append([]int32(nil), count[:n]...)
	for i, l := range perTok {
		for _, id := range l.stem {
			flat[fill[id]] = int32(i)
			fill[id]++
		}
		for _, id := range l.norm {
			flat[fill[id]] = int32(i)
			fill[id]++
		}
	}
	res.starts = make([][]int32, n)
	for id := 0; id < n; id++ {
		res.starts[id] = flat[count[id]:count[id+1]:count[id+1]]
	}
	for _, id := range li.scan {
		res.scan[id] = true
	}
	res.sentEnd = sentenceEnds(v)
	res.e = &ender{toks: v.Tokens, memo: newMemoTable(2 * len(v.Tokens))}
	res.m = &matcher{toks: v.Tokens}
	return res
}

// compute matches one item at its candidate starts, leftmost-longest and
// not overlapping.
func (r *Results) compute(id int32) []Match {
	st := r.starts[id]
	if r.scan[id] {
		st = make([]int32, len(r.toks))
		for i := range st {
			st[i] = int32(i)
		}
	} else if !slices.IsSorted(st) {
		slices.Sort(st)
	}
	item := r.li.items[id]
	var out []Match
	next := 0
	for k, p := range st {
		pos := int(p)
		if pos < next || k > 0 && st[k-1] == p {
			continue
		}
		r.e.limit = r.sentEnd[pos]
		ends := r.e.seq(item.slots, pos) &^ 1 // a match is not empty
		if ends == 0 {
			continue
		}
		end := pos + bits.Len64(ends) - 1
		out = append(out, Match{From: pos, To: end, Captures: r.m.captures(item, pos, end, r.sentEnd[pos])})
		next = end
	}
	return out
}

// captures re-reads a match found by the ender with the backtracking
// matcher to learn which words each vocabulary matched; only matches pay
// for it.
func (m *matcher) captures(item *seq, from, to, limit int) []Capture {
	if !item.hasVocab {
		return nil
	}
	m.limit, m.steps, m.caps = limit, 0, m.caps[:0]
	m.run(item.slots, 0, from, func(e int) bool { return e == to })
	if len(m.caps) == 0 {
		return nil
	}
	return append([]Capture(nil), m.caps...)
}

// ender computes where sequences and vocabularies can end from a position
// (the sets of an NFA run over tokens), remembering each vocabulary's ends
// per position: the shared vocabularies (first-person, negation …) are
// read once per token for all patterns. A set of ends is a bit mask
// relative to the start (bit i: ends at start+i), so a match spans at most
// 63 tokens — far more than any phrase with its skips.
type ender struct {
	toks  []token.Token
	limit int
	// memo maps vocab id << 32 | pos to the mask of its ends.
	memo memoTable
	// work counts slot steps; past maxWork the ender gives up on the
	// message (hostile input), finding nothing more.
	work int
}

// maxWork bounds the slot steps per message: real messages take a few
// thousand; a text built to make matching slow stops here.
const maxWork = 2_000_000

// within returns the mask of offsets from pos that do not pass the limit.
func (e *ender) within(pos int) uint64 {
	n := e.limit - pos
	if n >= 63 {
		return ^uint64(0)
	}
	if n < 0 {
		return 0
	}
	return (uint64(1) << (n + 1)) - 1
}

// seq returns the ends of slots started at pos.
func (e *ender) seq(slots []slot, pos int) uint64 {
	cur := uint64(1)
	for i := range slots {
		sl := &slots[i]
		var next uint64
		for rest := cur; rest != 0; rest &= rest - 1 {
			off := bits.TrailingZeros64(rest)
			e.work++
			if e.work > maxWork {
				return 0
			}
			switch {
			case sl.skip > 0:
				next |= ((uint64(1) << (sl.skip + 1)) - 1) << off
			default:
				next |= e.slot(sl, pos+off) << off
				if sl.optional {
					next |= uint64(1) << off
				}
			}
		}
		cur = next & e.within(pos)
		if cur == 0 {
			return 0
		}
	}
	return cur
}

// slot returns the ends of one slot from pos, relative to pos.
func (e *ender) slot(sl *slot, pos int) uint64 {
	if pos >= e.limit {
		return 0
	}
	if sl.negated {
		for ai := range sl.alts {
			if e.alt(&sl.alts[ai], pos) != 0 {
				return 0
			}
		}
		return 2
	}
	var out uint64
	for ai := range sl.alts {
		out |= e.alt(&sl.alts[ai], pos)
	}
	return out
}

func (e *ender) alt(a *alt, pos int) uint64 {
	if a.voc != nil {
		return e.vocab(a.voc, pos)
	}
	if pos+len(a.phrase) > e.limit || len(a.phrase) > 62 {
		return 0
	}
	for j, t := range a.phrase {
		if !t.match(&e.toks[pos+j]) {
			return 0
		}
	}
	return uint64(1) << len(a.phrase)
}

// vocab returns the ends of any entry of v from pos, remembered.
func (e *ender) vocab(v *vocab, pos int) uint64 {
	key := uint64(v.id)<<32 | uint64(pos)
	if mask, ok := e.memo.get(key); ok {
		return mask
	}
	tok := &e.toks[pos]
	var out uint64
	for _, i := range v.byStem[tok.Stem] {
		out |= e.seq(v.entries[i].slots, pos)
	}
	for _, i := range v.byNorm[tok.Norm] {
		out |= e.seq(v.entries[i].slots, pos)
	}
	for _, i := range v.scan {
		out |= e.seq(v.entries[i].slots, pos)
	}
	if v.typos > 0 && out&2 == 0 && tok.Class == token.Word {
		for _, tw := range v.typoWords {
			if withinEdits(tok.Norm, tw, v.typos) {
				out |= 2
				break
			}
		}
	}
	e.memo.put(key, out)
	return out
}

// memoTable is an open-addressing hash table from uint64 keys to uint64
// values: the ender looks up a vocabulary's ends for nearly every slot it
// tries, and Go's map was a third of the matching time.
type memoTable struct {
	keys, vals []uint64 // keys hold key+1; 0 marks an empty slot
	n          int
}

func newMemoTable(hint int) memoTable {
	size := 64
	for size < 2*hint {
		size *= 2
	}
	return memoTable{keys: make([]uint64, size), vals: make([]uint64, size)}
}

func (t *memoTable) slot(key uint64) int {
	// Fibonacci hashing spreads vocab ids and positions over the table.
	return int((key * 0x9E3779B97F4A7C15) >> (64 - bits.Len(uint(len(t.keys)-1))))
}

func (t *memoTable) get(key uint64) (uint64, bool) {
	mask := len(t.keys) - 1
	for i := t.slot(key); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key + 1:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

func (t *memoTable) put(key, val uint64) {
	if 2*(t.n+1) > len(t.keys) {
		old := *t
		*t = memoTable{keys: make([]uint64, 2*len(old.keys)), vals: make([]uint64, 2*len(old.keys))}
		for i, k := range old.keys {
			if k != 0 {
				t.put(k-1, old.vals[i])
			}
		}
	}
	mask := len(t.keys) - 1
	for i := t.slot(key); ; i = (i + 1) & mask {
		if t.keys[i] == 0 || t.keys[i] == key+1 {
			if t.keys[i] == 0 {
				t.n++
			}
			t.keys[i], t.vals[i] = key+1, val
			return
		}
	}
}

// sentenceEnds maps each token to the end of its sentence.
func sentenceEnds(v *token.View) []int {
	out := make([]int, len(v.Tokens))
	for _, s := range v.Sentences {
		for i := s.From; i < s.To; i++ {
			out[i] = s.To
		}
	}
	return out
}

type matcher struct {
	toks  []token.Token
	limit int
	steps int
	caps  []Capture
}

// run matches slots[i:] at pos and calls k with each end position until k
// returns true; it reports whether k did.
func (m *matcher) run(slots []slot, i, pos int, k func(int) bool) bool {
	m.steps++
	if m.steps > maxSteps {
		return false
	}
	if i == len(slots) {
		return k(pos)
	}
	sl := &slots[i]
	if sl.skip > 0 {
		for n := 0; n <= sl.skip && pos+n <= m.limit; n++ {
			if m.run(slots, i+1, pos+n, k) {
				return true
			}
		}
		return false
	}
	if m.slot(sl, pos, func(end int) bool { return m.run(slots, i+1, end, k) }) {
		return true
	}
	if sl.optional {
		return m.run(slots, i+1, pos, k)
	}
	return false
}

// slot matches one slot at pos.
func (m *matcher) slot(sl *slot, pos int, k func(int) bool) bool {
	if pos >= m.limit {
		return false
	}
	if sl.negated {
		for _, a := range sl.alts {
			if m.startsAt(a, pos) {
				return false
			}
		}
		return k(pos + 1)
	}
	for ai := range sl.alts {
		a := &sl.alts[ai]
		if a.voc == nil {
			if end, ok := m.phrase(a.phrase, pos); ok && k(end) {
				return true
			}
			continue
		}
		if m.vocab(a.voc, pos, k) {
			return true
		}
	}
	return false
}

// phrase matches a run of token tests at pos.
func (m *matcher) phrase(p []test, pos int) (int, bool) {
	if pos+len(p) > m.limit {
		return 0, false
	}
	for j, t := range p {
		if !t.match(&m.toks[pos+j]) {
			return 0, false
		}
	}
	return pos + len(p), true
}

// vocab matches any entry of v at pos, recording a capture.
func (m *matcher) vocab(v *vocab, pos int, k func(int) bool) bool {
	mark := len(m.caps)
	withCapture := func(end int) bool {
		m.caps = append(m.caps[:mark], Capture{Name: v.name, From: pos, To: end})
		if k(end) {
			return true
		}
		m.caps = m.caps[:mark]
		return false
	}
	tok := &m.toks[pos]
	a, b, c := v.byStem[tok.Stem], v.byNorm[tok.Norm], v.scan
	// The entries that can start here, in the order written: a three-way
	// merge of ascending index lists, each entry once.
	for len(a)+len(b)+len(c) > 0 {
		next := int32(1 << 30)
		for _, l := range [][]int32{a, b, c} {
			if len(l) > 0 && l[0] < next {
				next = l[0]
			}
		}
		for _, l := range []*[]int32{&a, &b, &c} {
			if len(*l) > 0 && (*l)[0] == next {
				*l = (*l)[1:]
			}
		}
		if m.run(v.entries[next].slots, 0, pos, withCapture) {
			return true
		}
	}
	if v.typos > 0 && m.toks[pos].Class == token.Word {
		w := m.toks[pos].Norm
		for _, tw := range v.typoWords {
			if withinEdits(w, tw, v.typos) && withCapture(pos+1) {
				return true
			}
		}
	}
	return false
}

// startsAt reports whether an alternative matches a token at pos (for
// negated slots).
func (m *matcher) startsAt(a alt, pos int) bool {
	if a.voc == nil {
		_, ok := m.phrase(a.phrase, pos)
		return ok
	}
	saved := m.limit
	m.limit = min(m.limit, pos+1)
	ok := m.vocab(a.voc, pos, func(int) bool { return true })
	m.limit = saved
	return ok
}

// withinEdits reports whether a and b (folded words) are at most n edits
// apart (insertions, deletions, substitutions, adjacent swaps), and both
// long enough for a typo to be told from another word.
func withinEdits(a, b string, n int) bool {
	if a == b {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) < minTypoLen-1 || len(rb) < minTypoLen || abs(len(ra)-len(rb)) > n || ra[0] != rb[0] {
		return false
	}
	// Damerau-Levenshtein with a band of width n.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > n {
			return false
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)] <= n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

package pattern

import (
	"slices"
	"sort"

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

// Results holds every match of every item of one language in one message.
type Results struct {
	lang    string
	matches [][]Match
}

// Matches returns the matches of an item, in text order, not overlapping.
func (r *Results) Matches(it Item) []Match {
	if r == nil || it.Lang != r.lang || int(it.ID) >= len(r.matches) {
		return nil
	}
	return r.matches[it.ID]
}

// maxSteps bounds the work one match attempt may do: patterns are short and
// sentence-bounded, so real text never comes near it, and a hostile text
// cannot make matching slow (the attempt then fails).
const maxSteps = 20000

// Run finds every item of a language in a view.
func (c *Compiler) Run(code string, v *token.View) *Results {
	li := c.langs[code]
	res := &Results{lang: code}
	if li == nil || len(li.items) == 0 {
		return res
	}
	res.matches = make([][]Match, len(li.items))
	// Candidate starts per item, from the index.
	starts := make([][]int, len(li.items))
	for i := range v.Tokens {
		tok := &v.Tokens[i]
		for _, id := range li.byStem[tok.Stem] {
			starts[id] = append(starts[id], i)
		}
		if tok.Norm != tok.Stem {
			for _, id := range li.byNorm[tok.Norm] {
				starts[id] = append(starts[id], i)
			}
		} else {
			for _, id := range li.byNorm[tok.Norm] {
				starts[id] = append(starts[id], i)
			}
		}
	}
	all := make([]int, len(v.Tokens))
	for i := range all {
		all[i] = i
	}
	for _, id := range li.scan {
		starts[id] = all
	}
	sentEnd := sentenceEnds(v)
	e := &ender{toks: v.Tokens, memo: map[uint64]uint64{}}
	m := &matcher{toks: v.Tokens}
	for id, st := range starts {
		if len(st) == 0 {
			continue
		}
		if !sort.IntsAreSorted(st) {
			sort.Ints(st)
		}
		item := li.items[id]
		next := 0
		for k, pos := range st {
			if pos < next || k > 0 && st[k-1] == pos {
				continue
			}
			e.limit = sentEnd[pos]
			end := -1
			for _, x := range e.seq(item.slots, pos) {
				end = max(end, int(x))
			}
			if end <= pos {
				continue
			}
			res.matches[id] = append(res.matches[id], Match{From: pos, To: end, Captures: m.captures(item, pos, end, sentEnd[pos])})
			next = end
		}
	}
	return res
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
// read once per token for all patterns.
type ender struct {
	toks  []token.Token
	limit int
	// memo maps vocab id << 32 | pos to the packed (offset, length) of
	// its ends in arena, plus one so that zero means "not computed".
	memo  map[uint64]uint64
	arena []int32
	// work is the number of slot steps taken; past maxWork the ender
	// gives up on the message (hostile input), finding nothing more.
	work int
}

// maxWork bounds the slot steps per message: real messages take a few
// thousand; a text built to make matching slow stops here.
const maxWork = 2_000_000

// seq returns the positions where slots can end when started at pos, in
// ascending order without repeats.
func (e *ender) seq(slots []slot, pos int) []int32 {
	cur := []int32{int32(pos)}
	for i := range slots {
		sl := &slots[i]
		var next []int32
		for _, p := range cur {
			e.work++
			if e.work > maxWork {
				return nil
			}
			if sl.skip > 0 {
				for n := 0; n <= sl.skip && int(p)+n <= e.limit; n++ {
					next = append(next, p+int32(n))
				}
				continue
			}
			next = append(next, e.slot(sl, int(p))...)
			if sl.optional {
				next = append(next, p)
			}
		}
		if len(next) == 0 {
			return nil
		}
		cur = sortedSet(next)
	}
	return cur
}

func sortedSet(xs []int32) []int32 {
	if len(xs) < 2 {
		return xs
	}
	slices.Sort(xs)
	return slices.Compact(xs)
}

// slot returns where one slot can end from pos.
func (e *ender) slot(sl *slot, pos int) []int32 {
	if pos >= e.limit {
		return nil
	}
	if sl.negated {
		for _, a := range sl.alts {
			if len(e.alt(&a, pos)) > 0 {
				return nil
			}
		}
		return []int32{int32(pos + 1)}
	}
	if len(sl.alts) == 1 {
		return e.alt(&sl.alts[0], pos)
	}
	var out []int32
	for ai := range sl.alts {
		out = append(out, e.alt(&sl.alts[ai], pos)...)
	}
	return out
}

func (e *ender) alt(a *alt, pos int) []int32 {
	if a.voc != nil {
		return e.vocab(a.voc, pos)
	}
	if pos+len(a.phrase) > e.limit {
		return nil
	}
	for j, t := range a.phrase {
		if !t.match(&e.toks[pos+j]) {
			return nil
		}
	}
	return []int32{int32(pos + len(a.phrase))}
}

// vocab returns where any entry of v can end from pos, remembered.
func (e *ender) vocab(v *vocab, pos int) []int32 {
	key := uint64(v.id)<<32 | uint64(pos)
	if packed, ok := e.memo[key]; ok {
		off, n := packed>>32, packed&0xffffffff
		return e.arena[off : off+n-1 : off+n-1]
	}
	tok := &e.toks[pos]
	var out []int32
	for _, list := range [][]int32{v.byStem[tok.Stem], v.byNorm[tok.Norm], v.scan} {
		for _, i := range list {
			out = append(out, e.seq(v.entries[i].slots, pos)...)
		}
	}
	if v.typos > 0 && tok.Class == token.Word {
		for _, tw := range v.typoWords {
			if withinEdits(tok.Norm, tw, v.typos) {
				out = append(out, int32(pos+1))
				break
			}
		}
	}
	out = sortedSet(out)
	off := len(e.arena)
	e.arena = append(e.arena, out...)
	e.memo[key] = uint64(off)<<32 | uint64(len(out)+1)
	return out
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

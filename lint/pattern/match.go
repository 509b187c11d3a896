package pattern

import (
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
	m := &matcher{toks: v.Tokens}
	for id, st := range starts {
		if len(st) == 0 {
			continue
		}
		if !sort.IntsAreSorted(st) {
			sort.Ints(st)
		}
		next := 0
		for k, pos := range st {
			if pos < next || k > 0 && st[k-1] == pos {
				continue
			}
			m.limit = sentEnd[pos]
			m.steps = 0
			m.caps = m.caps[:0]
			end := -1
			m.run(li.items[id].slots, 0, pos, func(e int) bool {
				if e > pos {
					end = e
					return true
				}
				return false
			})
			if end > pos {
				var caps []Capture
				if len(m.caps) > 0 {
					caps = append(caps, m.caps...)
				}
				res.matches[id] = append(res.matches[id], Match{From: pos, To: end, Captures: caps})
				next = end
			}
		}
	}
	return res
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
	for _, e := range v.entries {
		if m.run(e.slots, 0, pos, withCapture) {
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

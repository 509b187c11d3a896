package pattern

import (
	"math/bits"
	"sync"

	"github.com/replylint/replylint/lint/token"
)

// Capture is the tokens [From, To) that a vocabulary matched.
type Capture struct {
	Name     string
	From, To int
}

// Match is one match of an item: tokens [From, To). Which words its
// vocabularies matched is asked of Results.Captures, for the few matches
// that become findings.
type Match struct {
	From, To int
}

// Results holds the matches of the items of one language in one message.
// An item is matched when it is first asked for, so that rules that do not
// apply to a message (a channel that switches them off, a kind they do not
// judge) cost nothing; a Results belongs to one message and is not safe for
// concurrent use. Release hands its working memory back to the compiler.
type Results struct {
	lang string
	li   *langIndex
	toks []token.Token
	sc   *scratch
	pool *sync.Pool
	e    *ender
	m    *matcher
	// kept and keptCaps are the arrays the returned matches and their
	// captures are cut from, a chunk at a time: one allocation for many
	// matches instead of one or more per item and match. They belong to
	// this message (never pooled), so matches stay valid after Release.
	kept     []Match
	keptCaps []Capture
}

// keepChunk is how many matches or captures the first chunk holds; each
// next one holds twice as many as the last.
const keepChunk = 16

// keep copies ms into r's chunk of matches and returns the copy (nil for
// none).
func (r *Results) keep(ms []Match) []Match {
	if len(ms) == 0 {
		return nil
	}
	if cap(r.kept)-len(r.kept) < len(ms) {
		r.kept = make([]Match, 0, max(keepChunk, 2*cap(r.kept), len(ms)))
	}
	from := len(r.kept)
	r.kept = append(r.kept, ms...)
	return r.kept[from:len(r.kept):len(r.kept)]
}

// keepCaps copies caps into r's chunk of captures, as keep does.
func (r *Results) keepCaps(caps []Capture) []Capture {
	if len(caps) == 0 {
		return nil
	}
	if cap(r.keptCaps)-len(r.keptCaps) < len(caps) {
		r.keptCaps = make([]Capture, 0, max(keepChunk, 2*cap(r.keptCaps), len(caps)))
	}
	from := len(r.keptCaps)
	r.keptCaps = append(r.keptCaps, caps...)
	return r.keptCaps[from:len(r.keptCaps):len(r.keptCaps)]
}

// scratch is the working memory of one message's matching, reused from
// message to message through the compiler's pool: allocating it afresh
// made the garbage collector a fifth of the linting time.
type scratch struct {
	stemSym, normSym []int32
	// headStem[sym] and headNorm[sym] are 1 + the last token with the stem
	// or form sym (0: none); chainStem[i] and chainNorm[i] are 1 + the
	// token before i with its stem or form. Items' starts are read there.
	headStem, headNorm   []int32
	chainStem, chainNorm []int32
	starts               []int32  // one item's candidate starts
	startSet             []uint64 // the same as a bit per token, emptied after use
	every                []int32  // 0, 1, 2 …: the starts of scan items
	scan, done           []bool
	matches              [][]Match
	found                []Match // one item's matches while compute finds them
	sentEnd              []int
	bits                 []uint64
	memo                 memoTable
	poss                 possible
	e                    ender
	m                    matcher
}

// maxPooledMemo bounds the memo table kept for reuse: one huge message
// must not pin its table for the life of the linter.
const maxPooledMemo = 1 << 16

// Release returns the working memory of r to its compiler; r matches
// nothing afterwards. Matches already returned stay valid.
func (r *Results) Release() {
	if r == nil || r.sc == nil {
		return
	}
	sc, pool := r.sc, r.pool
	*r = Results{lang: r.lang}
	if len(sc.memo.keys) <= maxPooledMemo {
		clear(sc.matches)
		sc.found = sc.found[:0]
		sc.e, sc.m = ender{front: sc.e.front[:0], back: sc.e.back[:0]}, matcher{caps: sc.m.caps[:0]}
		pool.Put(sc)
	}
}

// Matches returns the matches of an item, in text order, not overlapping.
func (r *Results) Matches(it Item) []Match {
	if r.item(it) == nil {
		return nil
	}
	if !r.sc.done[it.ID] {
		r.sc.done[it.ID] = true
		r.sc.matches[it.ID] = r.compute(it.ID)
	}
	return r.sc.matches[it.ID]
}

// Possible reports whether an item can match in the message at all: the
// words it needs are there (a cheap test, judged from the message's
// symbols, that Matches makes first too). A caller that needs several
// items together asks it of all of them before matching any.
func (r *Results) Possible(it Item) bool {
	item := r.item(it)
	if item == nil {
		return false
	}
	if r.sc.done[it.ID] {
		return len(r.sc.matches[it.ID]) > 0
	}
	return r.sc.poss.seq(item.need)
}

// item returns the compiled item it names; nil when r holds none for it
// (another language's item, or r released).
func (r *Results) item(it Item) *seq {
	if r == nil || r.li == nil || r.sc == nil || it.Lang != r.lang || it.ID < 0 || int(it.ID) >= len(r.li.items) {
		return nil
	}
	return r.li.items[it.ID]
}

// longestAt returns the longest match of item that starts at pos and ends
// by limit (a token index, exclusive).
func (r *Results) longestAt(item *seq, pos, limit int) (Match, bool) {
	r.e.limit = limit
	ends := r.e.seq(item.slots, pos) &^ 1 // a match is not empty
	if ends == 0 {
		return Match{}, false
	}
	return Match{From: pos, To: pos + bits.Len64(ends) - 1}, true
}

// maxSteps bounds the work one match attempt may do: patterns are short and
// sentence-bounded, so real text never comes near it, and a hostile text
// cannot make matching slow (the attempt then fails).
const maxSteps = 20000

// grow returns s with length n, reusing its array when it is large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// Run prepares the items of a language for a view: the candidate starts of
// every item come from the index in one pass over the tokens. A compiler
// that is not frozen yet is frozen first.
func (c *Compiler) Run(code string, v *token.View) *Results {
	c.Freeze()
	li := c.prepared(code)
	res := &Results{lang: code}
	if li == nil || len(li.items) == 0 {
		return res
	}
	sc, _ := c.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	n, nt := len(li.items), len(v.Tokens)
	res.li, res.toks, res.sc, res.pool = li, v.Tokens, sc, &c.scratch
	sc.scan, sc.done = grow(sc.scan, n), grow(sc.done, n)
	sc.matches = grow(sc.matches, n)
	// Each token's stem and form, looked up once: everything after this
	// indexes arrays by symbol.
	sc.stemSym, sc.normSym = grow(sc.stemSym, nt), grow(sc.normSym, nt)
	for i := range v.Tokens {
		tok := &v.Tokens[i]
		sc.stemSym[i] = li.syms[tok.Stem]
		if tok.Norm == tok.Stem { // most words: one lookup
			sc.normSym[i] = sc.stemSym[i]
		} else {
			sc.normSym[i] = li.syms[tok.Norm]
		}
	}
	// Where each symbol occurs, as chains of positions: an item's
	// candidate starts are read from them when it is first asked for, so
	// that items no rule asks for (or that cannot match) cost nothing.
	nsyms := len(li.syms) + 1
	sc.headStem, sc.headNorm = grow(sc.headStem, nsyms), grow(sc.headNorm, nsyms)
	sc.chainStem, sc.chainNorm = grow(sc.chainStem, nt), grow(sc.chainNorm, nt)
	sc.startSet = grow(sc.startSet, (nt+63)/64)
	for i := 0; i < nt; i++ {
		s, m := sc.stemSym[i], sc.normSym[i]
		sc.chainStem[i], sc.headStem[s] = sc.headStem[s], int32(i+1)
		sc.chainNorm[i], sc.headNorm[m] = sc.headNorm[m], int32(i+1)
	}
	for _, id := range li.scan {
		sc.scan[id] = true
	}
	if len(li.scan) > 0 {
		if cap(sc.every) < nt {
			sc.every = make([]int32, nt)
		}
		sc.every = sc.every[:nt]
		for i := range sc.every {
			sc.every[i] = int32(i)
		}
	}
	sc.sentEnd = sentenceEnds(v, sc.sentEnd)
	if sc.memo.keys == nil || len(sc.memo.keys) < 4*nt {
		sc.memo = newMemoTable(2 * nt)
	} else {
		sc.memo.reset()
	}
	// Which vocabularies can start on each token: two rows per token here
	// spare two lookups per vocabulary and token while matching.
	w := li.words
	sc.bits = grow(sc.bits, w*nt)
	// Most tokens' stem is their form: one row of the language's then
	// serves for both (startSame, startSameNext).
	for i := 0; i < nt; i++ {
		row := sc.bits[i*w : (i+1)*w]
		if s, m := int(sc.stemSym[i]), int(sc.normSym[i]); s == m {
			copy(row, li.startSame[s*w:(s+1)*w])
		} else {
			st, nm := li.startBits[s*w:(s+1)*w], li.startBitsNorm[m*w:(m+1)*w]
			for k := range row {
				row[k] = li.scanVocabs[k] | st[k] | nm[k]
			}
		}
		if i+1 < nt {
			if s, m := int(sc.stemSym[i+1]), int(sc.normSym[i+1]); s == m {
				nx := li.startSameNext[s*w : (s+1)*w]
				for k := range row {
					row[k] |= nx[k]
				}
			} else {
				st, nm := li.startBitsNext[s*w:(s+1)*w], li.startBitsNormNext[m*w:(m+1)*w]
				for k := range row {
					row[k] |= st[k] | nm[k]
				}
			}
		}
	}
	sc.poss.reset(li, sc.stemSym, sc.normSym)
	sc.e = ender{toks: v.Tokens, li: li, stemSym: sc.stemSym, normSym: sc.normSym, memo: &sc.memo, poss: &sc.poss,
		maxWork: max(minWork, workPerToken*nt), starts: sc.bits, words: w, front: sc.e.front, back: sc.e.back}
	sc.m = matcher{toks: v.Tokens, caps: sc.m.caps[:0]}
	res.e, res.m = &sc.e, &sc.m
	return res
}

// compute matches one item at its candidate starts, leftmost-longest and
// not overlapping.
func (r *Results) compute(id int32) []Match {
	item := r.li.items[id]
	if !r.sc.poss.seq(item.need) {
		return nil // some word it needs is not in the message
	}
	var st []int32
	if r.sc.scan[id] {
		st = r.sc.every
	} else {
		st = r.starts(id)
	}
	out := r.sc.found[:0]
	next := 0
	for k, p := range st {
		pos := int(p)
		if pos < next || k > 0 && st[k-1] == p {
			continue
		}
		mt, ok := r.longestAt(item, pos, r.sc.sentEnd[pos])
		if !ok {
			continue
		}
		out = append(out, mt)
		next = mt.To
	}
	r.sc.found = out
	return r.keep(out)
}

// Within returns the longest match of it from mt.From that ends by to (a
// token index, exclusive), if there is one: mt, leftmost-longest in its
// sentence, ran past the end of the unit a sub-rule reads (a clause), and
// a shorter match may fit the unit ("le envío una mochila nueva; puede
// quedarse con la otra": "envío .. otra" crosses the semicolon, "envío ..
// nueva" does not). Before Release.
func (r *Results) Within(it Item, mt Match, to int) (Match, bool) {
	item := r.item(it)
	if item == nil || mt.From < 0 || to <= mt.From || to >= mt.To || mt.To > len(r.toks) {
		return Match{}, false
	}
	return r.longestAt(item, mt.From, min(r.sc.sentEnd[mt.From], to))
}

// At returns the longest match of it that starts at the token pos, if
// there is one. A caller asks it where a match found from an earlier
// start hid this one: the earlier match ran past the unit a sub-rule
// reads and no shorter one fits ("geprüft: Wir haben den richtigen
// Artikel verschickt" — a match from the first "wir" crosses the colon,
// the one from the second fits its clause). Before Release.
func (r *Results) At(it Item, pos int) (Match, bool) {
	item := r.item(it)
	if item == nil || pos < 0 || pos >= len(r.toks) {
		return Match{}, false
	}
	return r.longestAt(item, pos, r.sc.sentEnd[pos])
}

// starts returns the candidate starts of an item, in text order, each
// once, in the scratch's array: a bit per token gathers them from the
// chains of its keys, already sorted.
func (r *Results) starts(id int32) []int32 {
	sc := r.sc
	set := sc.startSet
	keys := &r.li.itemKeys[id]
	mark := func(head, chain []int32, syms []int32, before int32) {
		for _, s := range syms {
			for p := head[s]; p != 0; p = chain[p-1] {
				if pos := p - 1 - before; pos >= 0 {
					set[pos>>6] |= 1 << (pos & 63)
				}
			}
		}
	}
	mark(sc.headStem, sc.chainStem, keys.stems, 0)
	mark(sc.headNorm, sc.chainNorm, keys.norms, 0)
	// An item that opens with a negated slot starts before its key.
	mark(sc.headStem, sc.chainStem, keys.nextStems, 1)
	mark(sc.headNorm, sc.chainNorm, keys.nextNorms, 1)
	st := sc.starts[:0]
	for w, bits64 := range set {
		for ; bits64 != 0; bits64 &= bits64 - 1 {
			st = append(st, int32(w<<6+bits.TrailingZeros64(bits64)))
		}
		set[w] = 0
	}
	sc.starts = st
	return st
}

// Captures returns the words each vocabulary of an item matched in one of
// its matches, in the order the pattern names them. It re-reads the match,
// so it is asked only of the matches a caller keeps (a rule's hits);
// before Release.
func (r *Results) Captures(it Item, mt Match) []Capture {
	item := r.item(it)
	if item == nil || mt.From < 0 || mt.From >= mt.To || mt.To > len(r.toks) {
		return nil
	}
	return r.keepCaps(r.m.captures(item, mt.From, mt.To, r.sc.sentEnd[mt.From]))
}

// captures re-reads a match found by the ender with the backtracking
// matcher to learn which words each vocabulary matched; only matches pay
// for it. The captures are m's until its next call.
func (m *matcher) captures(item *seq, from, to, limit int) []Capture {
	if !item.hasVocab {
		return nil
	}
	m.limit, m.steps, m.caps = limit, 0, m.caps[:0]
	m.run(item.slots, 0, from, func(e int) bool { return e == to })
	return m.caps
}

// ender computes where sequences and vocabularies can end from a position
// (the sets of an NFA run over tokens), remembering each vocabulary's ends
// per position: the shared vocabularies (first-person, negation …) are
// read once per token for all patterns. A set of ends is a bit mask
// relative to the start (bit i: ends at start+i), so a match spans at most
// 63 tokens — far more than any phrase with its skips.
type ender struct {
	toks  []token.Token
	li    *langIndex
	limit int
	// stemSym and normSym are the tokens' interned stems and forms.
	stemSym, normSym []int32
	// memo maps vocab id << 32 | pos to the mask of its ends.
	memo *memoTable
	// poss says which vocabularies and entries can match in the message.
	poss *possible
	// work counts slot steps; past maxWork the ender gives up on the
	// message (hostile input), finding nothing more.
	work, maxWork int
	// starts holds, per token, the bit set (words uint64s) of the
	// vocabularies that can start there; nil before the compiler is frozen.
	starts []uint64
	words  int
	// front and back are the trie walk's live nodes (see fixedEnds).
	front, back []int32
}

// workPerToken bounds the slot steps per message in proportion to its
// length (with a floor for short ones): real messages take a few dozen per
// token; a text built to make matching slow stops there, so matching stays
// linear in the input whatever the patterns.
const (
	workPerToken = 400
	minWork      = 2_000_000
)

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
			if e.work > e.maxWork {
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
		if !e.canStart(a.voc, pos) {
			return 0 // checked here too: spares most calls of vocab
		}
		return e.vocab(a.voc, pos)
	}
	if pos+len(a.phrase) > e.limit || len(a.phrase) > 62 {
		return 0
	}
	for j, t := range a.phrase {
		switch t.kind {
		case altStem:
			if e.stemSym[pos+j] != t.sym {
				return 0
			}
		case altExact:
			if e.normSym[pos+j] != t.sym {
				return 0
			}
		default:
			if !t.match(&e.toks[pos+j]) {
				return 0
			}
		}
	}
	return uint64(1) << len(a.phrase)
}

// canStart reports whether an entry of v can start at pos.
func (e *ender) canStart(v *vocab, pos int) bool {
	id := uint32(v.id)
	return e.starts[pos*e.words+int(id>>6)]&(1<<(id&63)) != 0
}

// vocab returns the ends of any entry of v from pos, remembered; an entry
// of v must be able to start there (canStart: alt asks first).
func (e *ender) vocab(v *vocab, pos int) uint64 {
	st := e.poss.vocab(v)
	if st&vocabCan == 0 {
		return 0 // nothing of it is in the message
	}
	key := uint64(v.id)<<32 | uint64(pos)
	if mask, ok := e.memo.get(key); ok {
		return mask
	}
	var out uint64
	if st&vocabFixed != 0 {
		out = e.fixedEnds(v, pos)
	}
	if st&vocabPosted != 0 {
		// The few entries outside the trie that can match in the message
		// at all, each tried where it can start.
		s, n, ns, nn := e.stemSym[pos], e.normSym[pos], int32(-1), int32(-1)
		if pos+1 < len(e.toks) {
			ns, nn = e.stemSym[pos+1], e.normSym[pos+1]
		}
		sig := tokenSig(s, n, ns, nn)
		for _, i := range e.poss.posted(v) {
			if st := &v.starts[i]; st.sig&sig != 0 && st.can(s, n, ns, nn) {
				out |= e.seq(v.entries[i].slots, pos)
			}
		}
	}
	if tok := &e.toks[pos]; v.typos > 0 && out&2 == 0 && tok.Class == token.Word {
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
	// shift is 64 - log2(len(keys)), kept: every lookup hashes with it.
	shift uint
}

func newMemoTable(hint int) memoTable {
	size := 64
	for size < 2*hint {
		size *= 2
	}
	return sizedMemoTable(size)
}

func sizedMemoTable(size int) memoTable {
	return memoTable{keys: make([]uint64, size), vals: make([]uint64, size), shift: uint(64 - bits.Len(uint(size-1)))}
}

// reset empties the table, keeping its arrays.
func (t *memoTable) reset() {
	clear(t.keys)
	t.n = 0
}

func (t *memoTable) slot(key uint64) int {
	// Fibonacci hashing spreads vocab ids and positions over the table.
	return int((key * 0x9E3779B97F4A7C15) >> t.shift)
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
		*t = sizedMemoTable(2 * len(old.keys))
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

// sentenceEnds maps each token to the end of its sentence, in buf's array
// when it is large enough.
func sentenceEnds(v *token.View, buf []int) []int {
	out := grow(buf, len(v.Tokens))
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
	lists := [5][]int32{v.byStem[tok.Stem], v.byNorm[tok.Norm], v.scan}
	if pos+1 < len(m.toks) {
		after := &m.toks[pos+1]
		lists[3], lists[4] = v.byStemNext[after.Stem], v.byNormNext[after.Norm]
	}
	// The entries that can start here, in the order written: a merge of
	// ascending index lists, each entry once.
	for {
		next := int32(1 << 30)
		for _, l := range lists {
			if len(l) > 0 && l[0] < next {
				next = l[0]
			}
		}
		if next == 1<<30 {
			break
		}
		for i := range lists {
			if len(lists[i]) > 0 && lists[i][0] == next {
				lists[i] = lists[i][1:]
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

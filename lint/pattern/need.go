package pattern

import (
	"math/bits"
	"sort"
)

// Most items and vocabulary entries cannot match a given message at all: a
// phrase about "no defects … batch" is tried at every "no" although the
// message has no "defects". The ender used to learn that slot by slot at
// every candidate start. Each sequence instead carries what a match of it
// needs — for every slot that must match, one of its alternatives' words
// (or a vocabulary that can match) somewhere in the message — and a
// message's set of stems and forms settles it once per message: an item or
// entry whose needs are absent is never tried. The test is necessary, not
// sufficient (the words may be in other sentences or in the wrong order),
// so matching what passes it is unchanged.

// needLit is one way a slot can be satisfied: a stem or form present in
// the message, or a vocabulary that can match in it. A sequence's needs are
// one run of them, clause (a slot's alternatives) after clause (see
// anyMet, which also reads the needs of several sequences one after
// another, met when one sequence's are).
type needLit struct {
	kind litKind
	// rest is how many alternatives of its clause follow it (a clause met
	// is skipped whole); tail how many needs of its sequence do (a
	// sequence with a clause not met is skipped whole). rest == tail: the
	// clause is the sequence's last.
	rest, tail uint16
	// sym is the stem's or form's symbol (litStem, litNorm) or the
	// vocabulary's id (litVocab).
	sym int32
}

type litKind uint8

const (
	litStem litKind = iota
	litNorm
	litVocab
)

// needs builds what a match of slots needs: one clause per slot that must
// match (not optional, negated or a skip), each clause the slot's
// alternatives; a slot with an alternative the message's symbols cannot
// rule out (a prefix or suffix) needs nothing. Symbols must be interned.
//
// The clauses are ordered so that the one likeliest to fail comes first:
// most entries cannot match a message, and judging one then takes a single
// clause. Without word counts, likeliness is guessed from the alternatives:
// few of them and long words are rare, a vocabulary is judged last (it
// costs a judgement of its own the first time).
func needs(slots []slot) []needLit {
	type clause struct {
		lits  []needLit
		score int
	}
	var clauses []clause
	for i := range slots {
		sl := &slots[i]
		if sl.optional || sl.negated || sl.skip > 0 {
			continue
		}
		c := clause{lits: make([]needLit, 0, len(sl.alts))}
		free := false
		for _, a := range sl.alts {
			if a.voc != nil {
				c.lits = append(c.lits, needLit{kind: litVocab, sym: a.voc.id})
				c.score += 16
				continue
			}
			// One word of the phrase stands for it, the longest: long
			// words are the rare ones, the ones that rule a phrase out.
			best := -1
			for j, t := range a.phrase {
				if (t.kind == altStem || t.kind == altExact) && t.sym != 0 &&
					(best < 0 || len(t.s) > len(a.phrase[best].s)) {
					best = j
				}
			}
			if best < 0 {
				free = true
				break
			}
			t := a.phrase[best]
			kind := litStem
			if t.kind == altExact {
				kind = litNorm
			}
			c.lits = append(c.lits, needLit{kind: kind, sym: t.sym})
			switch {
			case len(t.s) <= 3:
				c.score += 4
			case len(t.s) <= 4:
				c.score += 2
			default:
				c.score++
			}
		}
		if !free && len(c.lits) > 0 {
			for k := range c.lits {
				c.lits[k].rest = uint16(len(c.lits) - 1 - k)
			}
			clauses = append(clauses, c)
		}
	}
	sort.SliceStable(clauses, func(i, j int) bool { return clauses[i].score < clauses[j].score })
	var out []needLit
	for _, c := range clauses {
		out = append(out, c.lits...)
	}
	if len(out) > 1<<16 {
		return nil // beyond any real pattern: it needs nothing, then
	}
	for k := range out {
		out[k].tail = uint16(len(out) - 1 - k)
	}
	return out
}

// buildNeeds computes the needs of every item and vocabulary entry,
// numbers the entries of the language (vocab.entryBase) and indexes each
// entry by the symbols of its first need clause: a message then marks the
// entries its symbols allow in one pass (see possible.reset), and an entry
// or vocabulary none of whose words are present is ruled out by one bit.
// The first clause is the one likeliest to fail (see needs); an entry whose
// first clause has a vocabulary, or that needs nothing, cannot be ruled out
// so and is marked for every message.
func (li *langIndex) buildNeeds() {
	for _, it := range li.items {
		it.need = needs(it.slots)
	}
	nsyms := len(li.syms) + 1
	stems, norms := make([][]int32, nsyms), make([][]int32, nsyms)
	var base int32
	for _, v := range li.vocabs2 {
		v.entryBase = base
		base += int32(len(v.entries))
	}
	li.entryCount = int(base)
	li.anyEntry = make([]uint64, (li.entryCount+63)/64)
	for _, v := range li.vocabs2 {
		for i, e := range v.entries {
			e.need = needs(e.slots)
			n := v.entryBase + int32(i)
			first := e.need
			if len(first) > 0 {
				first = first[:1+int(first[0].rest)]
			}
			free := len(first) == 0
			for _, l := range first {
				free = free || l.kind == litVocab
			}
			if free {
				li.anyEntry[n>>6] |= 1 << (n & 63)
				continue
			}
			for _, l := range first {
				if l.kind == litStem {
					stems[l.sym] = append(stems[l.sym], n)
				} else {
					norms[l.sym] = append(norms[l.sym], n)
				}
			}
		}
	}
	li.firstStem, li.firstNorm = newSymLists(stems), newSymLists(norms)
}

// Per-vocabulary state of a message (possible.state), as bits.
const (
	vocabDone   = 1 << iota // the vocabulary has been judged
	vocabCan                // it can match in the message
	vocabFixed              // one of its trie entries can
	vocabPosted             // one of its entries outside the trie can
	vocabListed             // possible.listed holds those entries
)

// Per-entry state of a message (possible.entries).
const (
	entryUnknown = iota
	entryNo
	entryYes
)

// possible holds what one message's symbols allow: which stems and forms
// it has, which entries have a word of their first need clause (cand),
// and, judged when first asked, which vocabularies and entries can match
// in it.
type possible struct {
	stems, norms []uint64 // bit sets by symbol
	cand         []uint64 // bit set by entry number
	state        []uint8  // by vocabulary id
	entries      []uint8  // by entry number (vocab.entryBase + index)
	// listed[id] are the entries of vocabulary id outside the trie that
	// can match (see posted), cut from listBuf.
	listed  [][]int32
	listBuf []int32
	li      *langIndex
}

// reset prepares p for a message whose tokens have the given symbols,
// reusing its arrays.
func (p *possible) reset(li *langIndex, stemSym, normSym []int32) {
	words := (len(li.syms) + 1 + 63) / 64
	p.li = li
	p.stems, p.norms = grow(p.stems, words), grow(p.norms, words)
	p.state = grow(p.state, int(li.vocabCount))
	p.entries = grow(p.entries, li.entryCount)
	p.listed, p.listBuf = grow(p.listed, int(li.vocabCount)), p.listBuf[:0]
	p.cand = grow(p.cand, len(li.anyEntry))
	copy(p.cand, li.anyEntry)
	mark := func(list []int32) {
		for _, n := range list {
			p.cand[n>>6] |= 1 << (n & 63)
		}
	}
	for i, s := range stemSym {
		// Each symbol's entries once, when it is first seen.
		if b := uint64(1) << (s & 63); p.stems[s>>6]&b == 0 {
			p.stems[s>>6] |= b
			mark(li.firstStem.of(s))
		}
		n := normSym[i]
		if b := uint64(1) << (n & 63); p.norms[n>>6]&b == 0 {
			p.norms[n>>6] |= b
			mark(li.firstNorm.of(n))
		}
	}
}

// seq reports whether the message has what a sequence needs.
func (p *possible) seq(need []needLit) bool {
	return len(need) == 0 || p.anyMet(need)
}

// anyMet reports whether the message has what one of the sequences whose
// needs follow one another in need needs.
func (p *possible) anyMet(need []needLit) bool {
	for i := 0; i < len(need); i++ {
		l := &need[i]
		var met bool
		switch l.kind {
		case litStem:
			met = p.stems[l.sym>>6]&(1<<(l.sym&63)) != 0
		case litNorm:
			met = p.norms[l.sym>>6]&(1<<(l.sym&63)) != 0
		default:
			met = p.vocab(p.li.vocabs2[l.sym])&vocabCan != 0
		}
		switch {
		case met && l.rest == l.tail:
			return true // the sequence's last clause is met
		case met:
			i += int(l.rest) // on to the next clause
		case l.rest == 0:
			i += int(l.tail) // a clause not met: on to the next sequence
		}
	}
	return false
}

// entry reports whether entry i of v can match in the message, judged once.
func (p *possible) entry(v *vocab, i int32) bool {
	n := v.entryBase + i
	if p.cand[n>>6]&(1<<(n&63)) == 0 {
		return false // no word of its first clause is in the message
	}
	switch p.entries[n] {
	case entryYes:
		return true
	case entryNo:
		return false
	}
	ok := p.seq(v.entries[i].need)
	p.entries[n] = entryNo
	if ok {
		p.entries[n] = entryYes
	}
	return ok
}

// vocab judges a vocabulary once per message: whether one of its trie
// entries can match (then the trie is walked), whether one of the others
// can (then the ones the message allows are tried: see posted), and
// whether anything of it can. Only the entries the message's symbols
// marked (cand) are judged, and the judgement stops once both questions
// are answered yes; a vocabulary with no entry marked is ruled out by
// reading its entries' bits.
// Vocabularies refer to one another without cycles (compiling rejects
// them), so the recursion ends.
func (p *possible) vocab(v *vocab) uint8 {
	if st := p.state[v.id]; st&vocabDone != 0 {
		return st
	}
	st := uint8(vocabDone)
	if v.typos > 0 {
		st |= vocabCan // a typo matches words no index knows
	}
	lo, hi := int(v.entryBase), int(v.entryBase)+len(v.entries)
	for w := lo >> 6; w<<6 < hi && st&(vocabFixed|vocabPosted) != vocabFixed|vocabPosted; w++ {
		bits64 := p.candWord(w, lo, hi)
		for ; bits64 != 0; bits64 &= bits64 - 1 {
			i := int32(w<<6 + bits.TrailingZeros64(bits64) - lo)
			flag := uint8(vocabPosted)
			if v.fixed != nil && v.fixed[i] {
				flag = vocabFixed
			}
			if st&flag == 0 && p.entry(v, i) {
				st |= flag | vocabCan
				if st&(vocabFixed|vocabPosted) == vocabFixed|vocabPosted {
					break
				}
			}
		}
	}
	p.state[v.id] = st
	return st
}

// candWord returns word w of the candidate entries, cut to the entries
// [lo, hi) of one vocabulary.
func (p *possible) candWord(w, lo, hi int) uint64 {
	bits64 := p.cand[w]
	if w == lo>>6 {
		bits64 &^= (1 << (lo & 63)) - 1
	}
	if (w+1)<<6 > hi {
		bits64 &= (1 << (hi & 63)) - 1
	}
	return bits64
}

// posted returns the entries of v outside the trie that can match in the
// message, in order, listed once per message: the ender reads them at every
// position where v can start, and a message leaves few of them.
func (p *possible) posted(v *vocab) []int32 {
	if p.state[v.id]&vocabListed != 0 {
		return p.listed[v.id]
	}
	from := len(p.listBuf)
	lo, hi := int(v.entryBase), int(v.entryBase)+len(v.entries)
	for w := lo >> 6; w<<6 < hi; w++ {
		bits64 := p.candWord(w, lo, hi)
		for ; bits64 != 0; bits64 &= bits64 - 1 {
			i := int32(w<<6 + bits.TrailingZeros64(bits64) - lo)
			if (v.fixed == nil || !v.fixed[i]) && p.entry(v, i) {
				p.listBuf = append(p.listBuf, i)
			}
		}
	}
	p.listed[v.id] = p.listBuf[from:len(p.listBuf):len(p.listBuf)]
	p.state[v.id] |= vocabListed
	return p.listed[v.id]
}

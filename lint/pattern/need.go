package pattern

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
// the message, or a vocabulary that can match in it.
type needLit struct {
	kind litKind
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
func needs(slots []slot) [][]needLit {
	var out [][]needLit
	for i := range slots {
		sl := &slots[i]
		if sl.optional || sl.negated || sl.skip > 0 {
			continue
		}
		clause := make([]needLit, 0, len(sl.alts))
		free := false
		for _, a := range sl.alts {
			if a.voc != nil {
				clause = append(clause, needLit{kind: litVocab, sym: a.voc.id})
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
			clause = append(clause, needLit{kind: kind, sym: t.sym})
		}
		if !free && len(clause) > 0 {
			out = append(out, clause)
		}
	}
	return out
}

// buildNeeds computes the needs of every item and vocabulary entry and
// numbers the entries of the language (vocab.entryBase) for the
// per-message bit set of the entries that can match.
func (li *langIndex) buildNeeds() {
	for _, it := range li.items {
		it.need = needs(it.slots)
	}
	var base int32
	for _, v := range li.vocabs2 {
		v.entryBase = base
		base += int32(len(v.entries))
		for _, e := range v.entries {
			e.need = needs(e.slots)
		}
	}
	li.entryCount = int(base)
}

// Per-vocabulary state of a message (possible.state), as bits.
const (
	vocabDone  = 1 << iota // the vocabulary has been judged
	vocabCan               // it can match in the message
	vocabFixed             // one of its trie entries can
)

// possible holds what one message's symbols allow: which stems and forms
// it has, and, judged when first asked, which vocabularies and entries can
// match in it.
type possible struct {
	stems, norms []uint64 // bit sets by symbol
	state        []uint8  // by vocabulary id
	entries      []uint64 // by entry number (vocab.entryBase + index)
	li           *langIndex
}

func hasBit(set []uint64, i int32) bool { return set[i>>6]&(1<<(i&63)) != 0 }

// reset prepares p for a message whose tokens have the given symbols,
// reusing its arrays.
func (p *possible) reset(li *langIndex, stemSym, normSym []int32) {
	words := (len(li.syms) + 1 + 63) / 64
	p.li = li
	p.stems, p.norms = grow(p.stems, words), grow(p.norms, words)
	p.state = grow(p.state, int(li.vocabCount))
	p.entries = grow(p.entries, (li.entryCount+63)/64)
	for i, s := range stemSym {
		p.stems[s>>6] |= 1 << (s & 63)
		n := normSym[i]
		p.norms[n>>6] |= 1 << (n & 63)
	}
}

// seq reports whether the message has what a sequence needs.
func (p *possible) seq(need [][]needLit) bool {
clauses:
	for _, clause := range need {
		for _, l := range clause {
			switch l.kind {
			case litStem:
				if hasBit(p.stems, l.sym) {
					continue clauses
				}
			case litNorm:
				if hasBit(p.norms, l.sym) {
					continue clauses
				}
			default:
				if p.vocab(p.li.vocabs2[l.sym])&vocabCan != 0 {
					continue clauses
				}
			}
		}
		return false
	}
	return true
}

// vocab judges a vocabulary once per message: which of its entries the
// posting lists may try (the entry bits), whether a trie entry can match,
// and whether anything can. Vocabularies refer to one another without
// cycles (compiling rejects them), so the recursion ends.
func (p *possible) vocab(v *vocab) uint8 {
	if st := p.state[v.id]; st&vocabDone != 0 {
		return st
	}
	st := uint8(vocabDone)
	if v.typos > 0 {
		st |= vocabCan // a typo matches words no index knows
	}
	for i, e := range v.entries {
		fixed := v.fixed != nil && v.fixed[i]
		if fixed && st&vocabFixed != 0 {
			continue // the trie is walked whole: one entry is enough
		}
		if !p.seq(e.need) {
			continue
		}
		st |= vocabCan
		if fixed {
			st |= vocabFixed
		} else {
			n := v.entryBase + int32(i)
			p.entries[n>>6] |= 1 << (n & 63)
		}
	}
	p.state[v.id] = st
	return st
}

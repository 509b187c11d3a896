package pattern

import "math/bits"

// Most vocabulary entries are fixed phrases: words one after the other,
// each slot a choice of words ("sorry", "i apologize|apologise"). The
// ender used to find them entry by entry (a posting list searched per
// token, then the entry's slots stepped through one by one), so a
// vocabulary of many phrases opening with "i" tried each of them at every
// "i". A language's fixed entries are instead one trie over interned
// symbols, with a root per vocabulary: a vocabulary's fixed phrases are
// all read at once from a position by walking it, one lookup per token and
// live node. Entries that are not fixed (vocabulary references, optional
// or negated slots, skips, prefixes, suffixes) are tried one by one, the
// few a message leaves (see possible.posted).

// maxFixedPaths bounds the phrases one entry may stand for (the product of
// its slots' choices); an entry with more is tried on its own.
const maxFixedPaths = 64

// maxFixedLen is the longest fixed phrase, in tokens, the trie takes: the
// ender's end masks span at most 63 tokens.
const maxFixedLen = 62

// trie holds the fixed entries of every vocabulary of a language. Node 0
// is unused, so that 0 can mean "no root".
type trie struct {
	// accept[n] says a phrase ends at node n.
	accept []bool
	// edges maps a node, a test kind and a symbol to the child node.
	edges edgeTable
}

// edgeTable is an open-addressing hash table from edge keys to nodes,
// built once and read by every message.
type edgeTable struct {
	keys []uint64 // key+1; 0 marks an empty slot
	vals []int32
	n    int
}

func edgeKey(node int32, kind altKind, sym int32) uint64 {
	return uint64(node)<<33 | uint64(kind&1)<<32 | uint64(uint32(sym))
}

func (t *edgeTable) slot(key uint64) int {
	return int((key * 0x9E3779B97F4A7C15) >> (64 - bits.Len(uint(len(t.keys)-1))))
}

func (t *edgeTable) get(key uint64) int32 {
	if len(t.keys) == 0 {
		return 0
	}
	mask := len(t.keys) - 1
	for i := t.slot(key); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key + 1:
			return t.vals[i]
		case 0:
			return 0
		}
	}
}

func (t *edgeTable) put(key uint64, val int32) {
	if 2*(t.n+1) > len(t.keys) {
		old := *t
		size := max(64, 2*len(old.keys))
		*t = edgeTable{keys: make([]uint64, size), vals: make([]int32, size)}
		for i, k := range old.keys {
			if k != 0 {
				t.put(k-1, old.vals[i])
			}
		}
	}
	mask := len(t.keys) - 1
	for i := t.slot(key); ; i = (i + 1) & mask {
		if t.keys[i] == 0 {
			t.n++
			t.keys[i], t.vals[i] = key+1, val
			return
		}
		if t.keys[i] == key+1 {
			t.vals[i] = val
			return
		}
	}
}

// newNode adds a node and returns it.
func (t *trie) newNode() int32 {
	t.accept = append(t.accept, false)
	return int32(len(t.accept) - 1)
}

// child returns the child of node by a test, adding it when missing.
func (t *trie) child(node int32, tt test) int32 {
	key := edgeKey(node, tt.kind, tt.sym)
	if c := t.edges.get(key); c != 0 {
		return c
	}
	c := t.newNode()
	t.edges.put(key, c)
	return c
}

// fixedEntry reports whether an entry is a fixed phrase the trie can take:
// plain slots of stem and exact tests, at most maxFixedPaths phrases of at
// most maxFixedLen tokens. Its symbols must be interned.
func fixedEntry(s *seq) bool {
	paths, length := 1, 0
	for i := range s.slots {
		sl := &s.slots[i]
		if sl.optional || sl.negated || sl.skip > 0 || len(sl.alts) == 0 {
			return false
		}
		longest := 0
		for _, a := range sl.alts {
			if a.voc != nil || len(a.phrase) == 0 {
				return false
			}
			for _, t := range a.phrase {
				if t.kind != altStem && t.kind != altExact || t.sym == 0 {
					return false
				}
			}
			longest = max(longest, len(a.phrase))
		}
		paths *= len(sl.alts)
		length += longest
		if paths > maxFixedPaths || length > maxFixedLen {
			return false
		}
	}
	return len(s.slots) > 0
}

// add puts every phrase of a fixed entry under root.
func (t *trie) add(root int32, slots []slot) {
	if len(slots) == 0 {
		t.accept[root] = true
		return
	}
	for _, a := range slots[0].alts {
		n := root
		for _, tt := range a.phrase {
			n = t.child(n, tt)
		}
		t.add(n, slots[1:])
	}
}

// buildTrie moves the fixed entries of every vocabulary into the trie and
// marks them, so that they are not tried one by one as well.
func (li *langIndex) buildTrie() {
	li.trie = trie{accept: []bool{false}} // node 0: none
	for _, v := range li.vocabs2 {
		for i, e := range v.entries {
			if !fixedEntry(e) {
				continue
			}
			if v.root == 0 {
				v.root = li.trie.newNode()
			}
			if v.fixed == nil {
				v.fixed = make([]bool, len(v.entries))
			}
			v.fixed[i] = true
			li.trie.add(v.root, e.slots)
		}
	}
}

// fixedEnds returns the ends, relative to pos, of the fixed entries of v
// from pos (see trie).
func (e *ender) fixedEnds(v *vocab, pos int) uint64 {
	t := &e.li.trie
	e.front = append(e.front[:0], v.root)
	front, spare := e.front, e.back[:0]
	var out uint64
	for d := 0; len(front) > 0; d++ {
		e.work++
		back := spare[:0]
		tok := pos + d
		for _, n := range front {
			if t.accept[n] {
				out |= 1 << d
			}
			if tok >= e.limit {
				continue
			}
			if c := t.edges.get(edgeKey(n, altStem, e.stemSym[tok])); c != 0 {
				back = append(back, c)
			}
			if c := t.edges.get(edgeKey(n, altExact, e.normSym[tok])); c != 0 {
				back = append(back, c)
			}
		}
		spare, front = front, back
	}
	e.front, e.back = front, spare // their arrays, for the next walk
	return out
}

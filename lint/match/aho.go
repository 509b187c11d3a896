package match

// automaton is an Aho-Corasick automaton over bytes: one pass over a text
// reports every occurrence of every literal, overlapping ones included, in
// time linear in the text and the number of occurrences, whatever the
// number of literals.
//
// It is a full DFA: each state has a transition for every byte class (the
// bytes no literal uses share class 0), so the scan does one table lookup
// per byte. A transition entry holds the target's row offset shifted left
// by one, with the low bit set when the target ends a literal.
type automaton struct {
	class  [256]uint8
	nclass uint32
	trans  []uint32
	// outs[outStart[s]:outStart[s+1]] are the literals ending at state s
	// (its own and those of its suffix states).
	outStart []int32
	outs     []int32
	// lens are the byte lengths of the literals.
	lens []int32
}

// hit is one occurrence of literal lit ending before byte end.
type hit struct {
	lit int32
	end int32
}

// newAutomaton builds the automaton for a set of distinct, non-empty
// literals; the literal IDs are their indexes.
func newAutomaton(lits []string) *automaton {
	a := &automaton{lens: make([]int32, len(lits))}
	// Byte classes: every byte a literal uses gets its own class.
	var used [256]bool
	for _, l := range lits {
		for i := 0; i < len(l); i++ {
			used[l[i]] = true
		}
	}
	a.nclass = 1
	for b := range used {
		if used[b] {
			a.class[b] = uint8(a.nclass)
			a.nclass++
		}
	}
	nc := a.nclass
	// The trie: goto rows of nclass entries, 0 meaning no edge (the root is
	// never a child).
	gotoRow := make([]int32, nc)
	var ends [][]int32 // literals ending exactly at each state
	ends = append(ends, nil)
	for id, l := range lits {
		a.lens[id] = int32(len(l))
		s := int32(0)
		for i := 0; i < len(l); i++ {
			c := uint32(a.class[l[i]])
			next := gotoRow[uint32(s)*nc+c]
			if next == 0 {
				next = int32(len(ends))
				ends = append(ends, nil)
				gotoRow = append(gotoRow, make([]int32, nc)...)
				gotoRow[uint32(s)*nc+c] = next
			}
			s = next
		}
		ends[s] = append(ends[s], int32(id))
	}
	n := len(ends)
	// Breadth-first: failure links, DFA transitions and output lists.
	fail := make([]int32, n)
	delta := make([]int32, n*int(nc))
	outLists := make([][]int32, n)
	queue := make([]int32, 0, n)
	for c := uint32(0); c < nc; c++ {
		if t := gotoRow[c]; t != 0 {
			delta[c] = t
			queue = append(queue, t)
		}
	}
	for qi := 0; qi < len(queue); qi++ {
		s := queue[qi]
		outLists[s] = append(append([]int32(nil), ends[s]...), outLists[fail[s]]...)
		row := uint32(s) * nc
		frow := uint32(fail[s]) * nc
		for c := uint32(0); c < nc; c++ {
			if t := gotoRow[row+c]; t != 0 {
				fail[t] = delta[frow+c]
				delta[row+c] = t
				queue = append(queue, t)
			} else {
				delta[row+c] = delta[frow+c]
			}
		}
	}
	a.trans = make([]uint32, len(delta))
	for i, t := range delta {
		v := uint32(t) * nc << 1
		if len(outLists[t]) > 0 {
			v |= 1
		}
		a.trans[i] = v
	}
	a.outStart = make([]int32, n+1)
	for s := 0; s < n; s++ {
		a.outStart[s+1] = a.outStart[s] + int32(len(outLists[s]))
		a.outs = append(a.outs, outLists[s]...)
	}
	return a
}

// scan appends the occurrences of the literals in s, in order of their end.
func (a *automaton) scan(s string, hits []hit) []hit {
	if len(a.lens) == 0 {
		return hits
	}
	trans, class := a.trans, &a.class
	row := uint32(0)
	for i := 0; i < len(s); i++ {
		v := trans[row+uint32(class[s[i]])]
		row = v >> 1
		if v&1 != 0 {
			st := row / a.nclass
			for _, id := range a.outs[a.outStart[st]:a.outStart[st+1]] {
				hits = append(hits, hit{lit: id, end: int32(i + 1)})
			}
		}
	}
	return hits
}

// size is the automaton's memory in bytes, for tests.
func (a *automaton) size() int {
	return len(a.trans)*4 + len(a.outStart)*4 + len(a.outs)*4 + len(a.lens)*4 + 256
}

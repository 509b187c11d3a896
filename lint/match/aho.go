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
// literals; the literal IDs are their indexes. With foldASCII the scan
// ignores ASCII case (the literals must then be lower case).
func newAutomaton(lits []string, foldASCII bool) *automaton {
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
	if foldASCII {
		for b := 'A'; b <= 'Z'; b++ {
			a.class[b] = a.class[b+'a'-'A']
		}
	}
	nc := a.nclass
	// The trie, with sparse edges.
	type edge struct {
		class uint8
		to    int32
	}
	edges := [][]edge{nil}
	ends := [][]int32{nil} // literals ending exactly at each state
	for id, l := range lits {
		a.lens[id] = int32(len(l))
		s := int32(0)
		for i := 0; i < len(l); i++ {
			c := a.class[l[i]]
			next := int32(-1)
			for _, e := range edges[s] {
				if e.class == c {
					next = e.to
					break
				}
			}
			if next < 0 {
				next = int32(len(edges))
				edges = append(edges, nil)
				ends = append(ends, nil)
				edges[s] = append(edges[s], edge{c, next})
			}
			s = next
		}
		ends[s] = append(ends[s], int32(id))
	}
	n := len(edges)
	// Breadth-first: a state's row is its failure state's row with its own
	// edges on top; its outputs are its own and its failure state's.
	fail := make([]int32, n)
	outLists := make([][]int32, n)
	a.trans = make([]uint32, n*int(nc))
	entry := func(t int32) uint32 {
		v := uint32(t) * nc << 1
		if len(outLists[t]) > 0 {
			v |= 1
		}
		return v
	}
	queue := make([]int32, 0, n)
	for _, e := range edges[0] {
		outLists[e.to] = ends[e.to]
		a.trans[e.class] = entry(e.to)
		queue = append(queue, e.to)
	}
	for qi := 0; qi < len(queue); qi++ {
		s := queue[qi]
		row := a.trans[uint32(s)*nc : uint32(s+1)*nc]
		copy(row, a.trans[uint32(fail[s])*nc:uint32(fail[s]+1)*nc])
		for _, e := range edges[s] {
			t := e.to
			fail[t] = int32(a.trans[uint32(fail[s])*nc+uint32(e.class)] >> 1 / nc)
			outLists[t] = append(append([]int32(nil), ends[t]...), outLists[fail[t]]...)
			row[e.class] = entry(t)
			queue = append(queue, t)
		}
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

package match

import (
	"regexp/syntax"
	"slices"
)

// maxOrdered bounds the strings of an alternative matched without its
// regexp.
const maxOrdered = 1024

// exactSet matches an alternative whose language is a finite set of
// strings and which holds no assertion, as most phrases are, without
// running its regexp: the strings are kept in the order the regexp would
// try them (leftmost-first), and at a place the first one that the text
// starts with is the match.
type exactSet struct {
	strs []string
	// wordStart and wordEnd are set for an expression between \b's whose
	// strings start (end) with a word character: a match must then not
	// follow (be followed by) a word character.
	wordStart, wordEnd bool
	// byPair lists the strings of two bytes or more by their first two
	// bytes, in priority order; single holds the one-byte strings.
	byPair map[uint16][]int32
	single map[byte]int32
}

// newExactSet returns the exact set of a regexp on folded text, or nil.
func newExactSet(expr string) *exactSet {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	var wordStart, wordEnd bool
	if re.Op == syntax.OpConcat && len(re.Sub) > 2 {
		subs := re.Sub
		if subs[0].Op == syntax.OpWordBoundary {
			wordStart, subs = true, subs[1:]
		}
		if subs[len(subs)-1].Op == syntax.OpWordBoundary {
			wordEnd, subs = true, subs[:len(subs)-1]
		}
		re = &syntax.Regexp{Op: syntax.OpConcat, Sub: subs}
	}
	strs, ok := orderedStrings(re)
	if !ok || len(strs) == 0 || slices.Contains(strs, "") {
		return nil
	}
	for _, str := range strs {
		if wordStart && !isWordByte(str[0]) || wordEnd && !isWordByte(str[len(str)-1]) {
			return nil // \b next to a non-word character means the opposite
		}
	}
	e := &exactSet{strs: strs, byPair: map[uint16][]int32{}, single: map[byte]int32{}, wordStart: wordStart, wordEnd: wordEnd}
	for i, s := range strs {
		if len(s) == 1 {
			if _, dup := e.single[s[0]]; !dup {
				e.single[s[0]] = int32(i)
			}
			continue
		}
		k := uint16(s[0])<<8 | uint16(s[1])
		e.byPair[k] = append(e.byPair[k], int32(i))
	}
	return e
}

// matchAt returns the end of the match starting at s and ending by hi.
func (e *exactSet) matchAt(t string, s, hi int) (int, bool) {
	if e.wordStart && s > 0 && isWordByte(t[s-1]) {
		return 0, false
	}
	// The boundary after a string is t's, not the window's: hi only bounds
	// where a match may end.
	ends := func(str string) bool {
		end := s + len(str)
		return !e.wordEnd || end == len(t) || !isWordByte(t[end])
	}
	best := int32(-1)
	if s < hi {
		if i, ok := e.single[t[s]]; ok && ends(e.strs[i]) {
			best = i
		}
	}
	if s+1 < hi {
		for _, i := range e.byPair[uint16(t[s])<<8|uint16(t[s+1])] {
			if best >= 0 && i > best {
				break
			}
			if str := e.strs[i]; len(str) <= hi-s && t[s:s+len(str)] == str && ends(str) {
				best = i
				break
			}
		}
	}
	if best < 0 {
		return 0, false
	}
	return s + len(e.strs[best]), true
}

// orderedStrings returns the strings re matches in the order a
// backtracking leftmost-first search tries them, or false when re matches an unbounded or too large set, or holds an
// assertion or a class too wide to list.
func orderedStrings(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch:
		return []string{""}, true
	case syntax.OpLiteral:
		out := []string{""}
		for _, r := range re.Rune {
			vs := []rune{r}
			if re.Flags&syntax.FoldCase != 0 {
				vs = foldVariants(r)
			}
			// At most one variant occurs at a place: their order does not
			// matter.
			var strs []string
			for _, v := range vs {
				strs = append(strs, string(v))
			}
			var ok bool
			if out, ok = product(out, strs, maxOrdered); !ok {
				return nil, false
			}
		}
		return out, true
	case syntax.OpCharClass:
		var out []string
		for i := 0; i < len(re.Rune); i += 2 {
			if int(re.Rune[i+1]-re.Rune[i]) >= maxClassRunes || len(out) >= maxClassRunes {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, string(r))
			}
		}
		return out, len(out) > 0
	case syntax.OpCapture:
		return orderedStrings(re.Sub[0])
	case syntax.OpConcat:
		out := []string{""}
		for _, sub := range re.Sub {
			strs, ok := orderedStrings(sub)
			if !ok {
				return nil, false
			}
			if out, ok = product(out, strs, maxOrdered); !ok {
				return nil, false
			}
		}
		return out, true
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			strs, ok := orderedStrings(sub)
			if !ok {
				return nil, false
			}
			out = append(out, strs...)
			if len(out) > maxOrdered {
				return nil, false
			}
		}
		return out, true
	case syntax.OpQuest:
		return orderedRepeat(re.Sub[0], 0, 1, re.Flags&syntax.NonGreedy != 0)
	case syntax.OpRepeat:
		if re.Max < 0 {
			return nil, false
		}
		return orderedRepeat(re.Sub[0], re.Min, re.Max, re.Flags&syntax.NonGreedy != 0)
	}
	return nil, false
}

// orderedRepeat lists x{lo,hi}: x repeated lo times, then up to hi-lo
// optional ones, tried first (greedy) or last (lazy).
func orderedRepeat(x *syntax.Regexp, lo, hi int, lazy bool) ([]string, bool) {
	xs, ok := orderedStrings(x)
	if !ok {
		return nil, false
	}
	// opt(k) lists (x(x(...)?)?)? with k levels.
	opt := []string{""}
	for range hi - lo {
		more, ok := product(xs, opt, maxOrdered)
		if !ok {
			return nil, false
		}
		if lazy {
			opt = append([]string{""}, more...)
		} else {
			more = append(more, "")
			opt = more
		}
	}
	out := []string{""}
	for range lo {
		if out, ok = product(out, xs, maxOrdered); !ok {
			return nil, false
		}
	}
	return product(out, opt, maxOrdered)
}

package report

import (
	"slices"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/finding"
)

// unitTable converts the byte offsets of a set of findings into UTF-16 code
// units and code points with one pass over the text, however many findings
// there are (a scan from the start for each offset would be quadratic on a
// long message with many findings).
type unitTable struct {
	offsets []int // sorted, unique byte offsets
	utf16   []int
	runes   []int
	n       int // the text's length in bytes
}

func newUnitTable(src string, fds []finding.Finding) *unitTable {
	var offs []int
	for _, fd := range fds {
		offs = append(offs, fd.Start.Offset, fd.End.Offset)
		for _, s := range fd.Suggestions {
			for _, e := range s.Edits {
				offs = append(offs, e.Start.Offset, e.End.Offset)
			}
		}
	}
	for i, o := range offs {
		offs[i] = max(0, min(o, len(src)))
	}
	slices.Sort(offs)
	offs = slices.Compact(offs)
	t := &unitTable{offsets: offs, utf16: make([]int, len(offs)), runes: make([]int, len(offs)), n: len(src)}
	u16, runes, next := 0, 0, 0
	for i := 0; i < len(src) && next < len(offs); {
		r, size := utf8.DecodeRuneInString(src[i:])
		// An offset inside a character counts as that character's start,
		// as text.Source.Position does.
		for next < len(offs) && offs[next] < i+size {
			t.utf16[next], t.runes[next] = u16, runes
			next++
		}
		i += size
		runes++
		u16++
		if r >= 0x10000 {
			u16++ // a surrogate pair
		}
	}
	for ; next < len(offs); next++ { // the end of the text
		t.utf16[next], t.runes[next] = u16, runes
	}
	return t
}

// at returns the UTF-16 and code-point offsets of byte offset o.
func (t *unitTable) at(o int) (utf16, runes int) {
	o = max(0, min(o, t.n))
	i, ok := slices.BinarySearch(t.offsets, o)
	if !ok {
		return 0, 0
	}
	return t.utf16[i], t.runes[i]
}

func (t *unitTable) span(start, end int) Range {
	su, sr := t.at(start)
	eu, er := t.at(end)
	return Range{Offset: start, EndOffset: end, UTF16Offset: su, UTF16EndOffset: eu, RuneOffset: sr, RuneEndOffset: er}
}

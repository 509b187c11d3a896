// Package fix applies suggested rewrites to a message: it picks one
// suggestion per finding (safe ones only unless asked), drops edits that
// overlap an edit already chosen, and applies the rest from the end of the
// text backwards so offsets stay valid.
package fix

import (
	"errors"
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/finding"
)

// ErrOverlap marks edits that touch the same range.
var ErrOverlap = errors.New("overlapping edits")

// Select returns the edits of the first applicable suggestion of each
// finding, in finding order, skipping findings whose edits would overlap an
// edit already selected. Unsafe suggestions are used only when unsafe is true.
func Select(findings []finding.Finding, unsafe bool) []finding.Edit {
	var chosen []finding.Edit
	for _, f := range findings {
		for _, s := range f.Suggestions {
			if !s.Safe && !unsafe {
				continue
			}
			if len(s.Edits) == 0 || overlapsAny(s.Edits, chosen) {
				continue
			}
			chosen = append(chosen, s.Edits...)
			break
		}
	}
	return chosen
}

func overlapsAny(edits, chosen []finding.Edit) bool {
	for _, e := range edits {
		for _, c := range chosen {
			if overlaps(e, c) {
				return true
			}
		}
	}
	return false
}

// overlaps treats two insertions at one point as overlapping too, since
// their order would be arbitrary.
func overlaps(a, b finding.Edit) bool {
	as, ae, bs, be := a.Start.Offset, a.End.Offset, b.Start.Offset, b.End.Offset
	if as == ae && bs == be {
		return as == bs
	}
	return as < be && bs < ae || (as == ae && bs < as && as < be) || (bs == be && as < bs && bs < ae)
}

// Apply applies non-overlapping edits to src.
func Apply(src string, edits []finding.Edit) (string, error) {
	sorted := append([]finding.Edit(nil), edits...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start.Offset < sorted[j].Start.Offset })
	for i, e := range sorted {
		if e.Start.Offset < 0 || e.End.Offset > len(src) || e.Start.Offset > e.End.Offset {
			return "", fmt.Errorf("edit %d:%d-%d:%d is outside the text", e.Start.Line, e.Start.Column, e.End.Line, e.End.Column)
		}
		if i > 0 && overlaps(sorted[i-1], e) {
			return "", fmt.Errorf("%w at %d:%d", ErrOverlap, e.Start.Line, e.Start.Column)
		}
	}
	out := src
	for i := len(sorted) - 1; i >= 0; i-- {
		e := sorted[i]
		out = out[:e.Start.Offset] + e.NewText + out[e.End.Offset:]
	}
	if utf8.ValidString(src) && !utf8.ValidString(out) {
		return "", errors.New("edits would split a character")
	}
	return out, nil
}

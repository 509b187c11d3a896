// Package text holds a message's text together with the two things every
// check needs from it: a line table that turns byte offsets into 1-based
// line:column positions (computed once, as go/token does), and a normalised
// copy for matching whose offsets map back to the original bytes.
package text

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/core"
)

// Position is a point in a source text (see core.Position).
type Position = core.Position

// Source is an immutable message text with its line table.
type Source struct {
	text       string
	lineStarts []int
	// marks[k] is where the decoder first stops at or after k*markEvery and
	// the code points before it, so that a column costs at most about
	// markEvery bytes of counting however long the line is.
	marks []mark
}

const markEvery = 1024

// LineStarts returns the byte offset where each line of s starts. "\r\n",
// "\n" and a lone "\r" each end a line, as editors and LSP count them.
func LineStarts(s string) []int {
	starts := make([]int, 1, 1+len(s)/40)
	if strings.IndexByte(s, '\r') < 0 {
		// Only "\n" ends a line, as in most texts: the byte search is
		// much faster than looking at every byte.
		for i := strings.IndexByte(s, '\n'); i >= 0; {
			starts = append(starts, i+1)
			k := strings.IndexByte(s[i+1:], '\n')
			if k < 0 {
				break
			}
			i += 1 + k
		}
	} else {
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '\n':
				starts = append(starts, i+1)
			case '\r':
				if i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
				starts = append(starts, i+1)
			}
		}
	}
	return starts
}

// NewSource indexes text. "\r\n", "\n" and a lone "\r" each end a line, so
// positions agree with what editors show for CRLF and classic-Mac files.
func NewSource(s string) *Source {
	src := &Source{text: s, lineStarts: LineStarts(s)}
	src.marks = make([]mark, 0, len(s)/markEvery+1)
	runes := 0
	next := 0
	for i := 0; i < len(s); {
		if i >= next {
			for len(src.marks) <= i/markEvery {
				src.marks = append(src.marks, mark{at: i, runes: runes})
			}
			next = (i/markEvery + 1) * markEvery
		}
		if s[i] < utf8.RuneSelf {
			i++ // ASCII, most of any text: one byte, no decoding
		} else {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		runes++
	}
	return src
}

// mark is a checkpoint for counting code points: the first place the
// decoder stops at or after a multiple of markEvery, and the code points
// before it. (Invalid bytes count one each, as the decoder reads them.)
type mark struct{ at, runes int }

// runeIndex returns the code-point index of byte offset o (a character
// start or the end of the text).
func (s *Source) runeIndex(o int) int {
	k := min(o/markEvery, len(s.marks)-1)
	for k >= 0 && s.marks[k].at > o {
		k-- // o is before the first character the mark's block starts
	}
	if k < 0 {
		return utf8.RuneCountInString(s.text[:o])
	}
	return s.marks[k].runes + utf8.RuneCountInString(s.text[s.marks[k].at:o])
}

// Text returns the original text.
func (s *Source) Text() string { return s.text }

// Len returns the text's length in bytes.
func (s *Source) Len() int { return len(s.text) }

// LineCount returns the number of lines (a final line break opens an empty
// last line, as in editors).
func (s *Source) LineCount() int { return len(s.lineStarts) }

// Position resolves a byte offset. Offsets outside the text are clamped and
// an offset inside a multi-byte character counts as that character's start.
func (s *Source) Position(offset int) Position {
	offset = max(0, min(offset, len(s.text)))
	line := sort.Search(len(s.lineStarts), func(i int) bool { return s.lineStarts[i] > offset }) - 1
	start := s.lineStarts[line]
	return Position{Offset: offset, Line: line + 1, Column: s.runeIndex(offset) - s.runeIndex(start) + 1}
}

// LineBounds returns the byte range of 1-based line n without its line break.
func (s *Source) LineBounds(n int) (start, end int) {
	if n < 1 || n > len(s.lineStarts) {
		return 0, 0
	}
	start = s.lineStarts[n-1]
	end = len(s.text)
	if n < len(s.lineStarts) {
		end = s.lineStarts[n]
	}
	for end > start && (s.text[end-1] == '\n' || s.text[end-1] == '\r') {
		end--
	}
	return start, end
}

// Line returns the text of 1-based line n without its line break.
func (s *Source) Line(n int) string {
	start, end := s.LineBounds(n)
	return s.text[start:end]
}

// RuneOffset returns the number of code points before byte offset o (an
// offset inside a character counts as that character's start), in time
// bounded by the checkpoint spacing, not by o.
func (s *Source) RuneOffset(o int) int {
	o = max(0, min(o, len(s.text)))
	for o > 0 && o < len(s.text) && !utf8.RuneStart(s.text[o]) {
		o--
	}
	return s.runeIndex(o)
}

// ContextLimit is the longest line Context returns whole.
const ContextLimit = 1024

// contextBytes is how much of a longer line Context keeps on each side of
// the span.
const contextBytes = 256

// Context returns the text around the span [start, end) on 1-based line
// line, as fingerprints hash it: the whole line when it is at most
// ContextLimit bytes long, else up to contextBytes bytes on each side of
// the span, joined by a line break (which no line holds). The result is
// bounded, so hashing it once per finding stays linear in the number of
// findings however long the line is. A span outside the line (a
// hand-built finding) is taken as the line's start.
func (s *Source) Context(line, start, end int) string {
	ls, le := s.LineBounds(line)
	if le-ls <= ContextLimit {
		return s.text[ls:le]
	}
	if start < ls || start > le {
		start, end = ls, ls
	}
	end = max(start, min(end, le))
	lo := max(ls, start-contextBytes)
	for lo > ls && !utf8.RuneStart(s.text[lo]) {
		lo--
	}
	hi := min(le, end+contextBytes)
	for hi < le && !utf8.RuneStart(s.text[hi]) {
		hi++
	}
	return s.text[lo:start] + "\n" + s.text[end:hi]
}

package report

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/text"
)

// The text layout, one block per finding, blocks separated by blank lines:
//
//	replies/a.txt:3:8: error review-manipulation Review manipulation: ...
//	  3 | If you loved it, please leave us a 5-star review.
//	    |                         ^~~~~~~~~~~~~~~~~~~~~~~~
//	  fix (unsafe): Delete the request.
//	    - Thanks for your order! If you loved it, please leave us a 5-star review.
//	    + Thanks for your order!
//
//	replies/a.txt: score 58/100 (D), language en, kind reply, channel amazon
//
//	1 file, 1 error, 0 warnings, 0 infos: failed
//
// Everything that comes from the message or a rule file (messages, source
// lines, previews) goes through escapeCells, so a template cannot move the
// cursor, recolour the terminal or hide text with bidi controls.

const (
	// tabWidth is the tab stop used to expand tabs in source lines.
	tabWidth = 4
	// maxLineWidth is the widest source line shown, in display columns;
	// longer lines (a paragraph on one line) are cut around the match.
	maxLineWidth = 100
	// leftContext is how many columns before the match a cut line keeps.
	leftContext = 24
	// previewLines caps the lines shown on each side of a fix preview.
	previewLines = 4
	ellipsis     = "..."
)

// ANSI styles. They are only written when Options.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiError  = "\x1b[1;31m"
	ansiWarn   = "\x1b[1;33m"
	ansiInfo   = "\x1b[1;36m"
)

// stdinPath is how a message read from standard input is shown.
const stdinPath = "<stdin>"

// isStdin reports whether a path names standard input.
func isStdin(p string) bool { return p == "-" || p == stdinPath || p == "" }

// displayPath is the path as shown to people and in JSON.
func displayPath(p string) string {
	if isStdin(p) {
		return stdinPath
	}
	return p
}

type textWriter struct {
	buf   bytes.Buffer
	color bool
	// blocks counts blocks written, to separate them with blank lines.
	blocks int
}

func writeText(w io.Writer, files []File, sum Summary, opts Options) error {
	tw := &textWriter{color: opts.Color}
	for _, f := range files {
		if f.Result == nil {
			continue
		}
		src := text.NewSource(f.Source)
		path := escapeString(displayPath(f.Path))
		for _, fd := range f.Result.Findings {
			tw.finding(path, src, fd)
		}
		if !opts.Quiet {
			tw.score(path, f)
		}
		// Flush per file so a long run shows progress and memory stays flat.
		if _, err := w.Write(tw.buf.Bytes()); err != nil {
			return fmt.Errorf("write text report: %w", err)
		}
		tw.buf.Reset()
	}
	if !opts.Quiet {
		tw.summary(sum)
	}
	if _, err := w.Write(tw.buf.Bytes()); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}

// style wraps s in an ANSI style when colours are on.
func (tw *textWriter) style(code, s string) string {
	if !tw.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (tw *textWriter) startBlock() {
	if tw.blocks > 0 {
		tw.buf.WriteByte('\n')
	}
	tw.blocks++
}

func severityStyle(s finding.Severity) string {
	switch s {
	case finding.Error:
		return ansiError
	case finding.Warning:
		return ansiWarn
	}
	return ansiInfo
}

func (tw *textWriter) finding(path string, src *text.Source, fd finding.Finding) {
	tw.startBlock()
	line, col := max(fd.Start.Line, 1), max(fd.Start.Column, 1)
	sev := severityStyle(fd.Severity)
	fmt.Fprintf(&tw.buf, "%s %s %s %s\n",
		tw.style(ansiBold, fmt.Sprintf("%s:%d:%d:", path, line, col)),
		tw.style(sev, fd.Severity.String()),
		tw.style(ansiBold, escapeString(fd.Rule)),
		escapeString(fd.Message))

	gutter := len(strconv.Itoa(line))
	if line <= src.LineCount() {
		cells := sourceCells(src.Line(line))
		startCell := min(col-1, len(cells))
		endCell := len(cells)
		if fd.End.Line == line {
			endCell = min(max(fd.End.Column-1, startCell), len(cells))
		}
		win := window(cells, startCell)
		fmt.Fprintf(&tw.buf, "  %d |", line)
		if s := win.render(cells); s != "" {
			tw.buf.WriteString(" " + tw.style(ansiDim, s))
		}
		tw.buf.WriteByte('\n')
		pad, n := win.span(cells, startCell, endCell)
		mark := "^"
		if n > 1 {
			mark += strings.Repeat("~", n-1)
		}
		fmt.Fprintf(&tw.buf, "  %s | %s%s\n", strings.Repeat(" ", gutter), strings.Repeat(" ", pad), tw.style(sev, mark))
	}

	for _, sg := range fd.Suggestions {
		kind, kindStyle := "unsafe", ansiYellow
		if sg.Safe {
			kind, kindStyle = "safe", ansiGreen
		}
		fmt.Fprintf(&tw.buf, "  fix (%s): %s\n", tw.style(kindStyle, kind), escapeString(sg.Description))
		p, ok := preview(src, sg.Edits)
		if !ok {
			continue
		}
		tw.previewLines("-", ansiRed, p.old, p.focus)
		tw.previewLines("+", ansiGreen, p.new, p.focus)
	}
	if fd.URL != "" {
		fmt.Fprintf(&tw.buf, "  see: %s\n", tw.style(ansiDim, escapeString(fd.URL)))
	}
}

func (tw *textWriter) previewLines(sign, style string, lines []string, focus int) {
	for i, l := range lines {
		if i == previewLines {
			fmt.Fprintf(&tw.buf, "    %s\n", tw.style(style, fmt.Sprintf("%s (%d more lines)", sign, len(lines)-i)))
			return
		}
		f := 0
		if i == 0 {
			f = focus
		}
		cells := sourceCells(l)
		s := sign
		if r := window(cells, min(f, len(cells))).render(cells); r != "" {
			s += " " + r
		}
		fmt.Fprintf(&tw.buf, "    %s\n", tw.style(style, s))
	}
}

func (tw *textWriter) score(path string, f File) {
	tw.startBlock()
	r := f.Result
	typ := ""
	if r.Type != "" {
		typ = ", type " + escapeString(string(r.Type))
	}
	fmt.Fprintf(&tw.buf, "%s score %s, language %s, kind %s%s, channel %s\n",
		tw.style(ansiBold, path+":"),
		tw.style(ansiBold, fmt.Sprintf("%d/100 (%s)", r.Score, escapeString(r.Grade))),
		orDash(r.Language), orDash(string(r.Kind)), typ, orDash(string(r.Channel)))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return escapeString(s)
}

func (tw *textWriter) summary(sum Summary) {
	tw.startBlock()
	verdict := tw.style(ansiGreen, "passed")
	if sum.Failed {
		verdict = tw.style(ansiError, "failed")
	}
	fmt.Fprintf(&tw.buf, "%s: %s\n", sum.counts(), verdict)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// cell is one code point of a line as shown: its printed form and width.
type cell struct {
	s string
	w int
}

// sourceCells splits a source line into one cell per code point (an
// invalid byte counts as one, as text.Source's columns do). Tabs expand to
// the next tab stop; control characters are escaped.
func sourceCells(line string) []cell {
	cells := make([]cell, 0, len(line))
	col := 0
	for i := 0; i < len(line); {
		c, size := escapeAt(line[i:])
		if line[i] == '\t' {
			n := tabWidth - col%tabWidth
			c = cell{strings.Repeat(" ", n), n}
		}
		cells = append(cells, c)
		col += c.w
		i += size
	}
	return cells
}

// escapeString makes s safe to print on one terminal line.
func escapeString(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c, size := escapeAt(s[i:])
		b.WriteString(c.s)
		i += size
	}
	return b.String()
}

// escapeAt renders the code point at the start of s (an invalid byte counts
// as one) and returns its byte length. Control characters, C1 controls,
// line and paragraph separators, bidi controls and invalid bytes are shown
// as Go escapes: they could otherwise move the cursor, start an escape
// sequence or reorder what the reader sees.
func escapeAt(s string) (cell, int) {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size == 1 {
		return cell{fmt.Sprintf(`\x%02x`, s[0]), 4}, 1
	}
	return escapeRune(r), size
}

func escapeRune(r rune) cell {
	switch {
	case r == '\t':
		return cell{`\t`, 2}
	case r == '\n':
		return cell{`\n`, 2}
	case r == '\r':
		return cell{`\r`, 2}
	case r < 0x20 || r == 0x7f:
		return cell{fmt.Sprintf(`\x%02x`, r), 4}
	case hiddenRune(r):
		return cell{fmt.Sprintf(`\u%04x`, r), 6}
	}
	return cell{string(r), runeWidth(r)}
}

// hiddenRune reports code points escaped in output besides C0 controls.
func hiddenRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1 controls (0x9b is a one-byte CSI)
		return true
	case r == 0x2028 || r == 0x2029: // line and paragraph separators
		return true
	case r == 0x061c || r == 0x200e || r == 0x200f: // bidi marks
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	}
	return false
}

// runeWidth is the number of terminal columns r takes: 2 for East Asian
// wide and fullwidth characters, 0 for combining marks and invisible format
// characters, 1 otherwise.
func runeWidth(r rune) int {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// lineWindow is the part [from, to) of a line's cells that is shown, with
// "..." before and/or after when the line was cut.
type lineWindow struct {
	from, to    int
	left, right bool
}

// window picks the cells to show of a line so that the result fits in
// maxLineWidth columns and keeps leftContext columns before cell focus.
func window(cells []cell, focus int) lineWindow {
	pos := make([]int, len(cells)+1) // pos[i]: display column of cell i
	for i, c := range cells {
		pos[i+1] = pos[i] + c.w
	}
	n := len(cells)
	if pos[n] <= maxLineWidth {
		return lineWindow{from: 0, to: n}
	}
	e := len(ellipsis)
	// Start leftContext columns before the focus, but no later than needed
	// to show the end of the line in full.
	from := sort.SearchInts(pos[:n+1], pos[focus]-leftContext)
	if from > 0 {
		tail := sort.SearchInts(pos[:n+1], pos[n]-(maxLineWidth-e))
		from = min(from, tail)
	}
	lw := lineWindow{from: from, left: from > 0}
	budget := maxLineWidth
	if lw.left {
		budget -= e
	}
	if pos[n]-pos[from] <= budget {
		lw.to = n
		return lw
	}
	budget -= e
	lw.right = true
	to := from
	for to < n && pos[to+1]-pos[from] <= budget {
		to++
	}
	lw.to = to
	return lw
}

func (lw lineWindow) render(cells []cell) string {
	var b strings.Builder
	if lw.left {
		b.WriteString(ellipsis)
	}
	for _, c := range cells[lw.from:lw.to] {
		b.WriteString(c.s)
	}
	if lw.right {
		b.WriteString(ellipsis)
	}
	return b.String()
}

// span returns the display offset of cell start within the rendered window
// and the width of cells [start, end) (at least 1: an empty span or one of
// invisible characters still gets a caret).
func (lw lineWindow) span(cells []cell, start, end int) (pad, n int) {
	if lw.left {
		pad = len(ellipsis)
	}
	start = min(max(start, lw.from), lw.to)
	end = min(max(end, start), lw.to)
	for _, c := range cells[lw.from:start] {
		pad += c.w
	}
	for _, c := range cells[start:end] {
		n += c.w
	}
	return pad, max(n, 1)
}

// fixPreview is the text a suggestion touches, before and after: whole
// lines, split. focus is the column (code points, 0-based) of the first
// edit on the first line.
type fixPreview struct {
	old, new []string
	focus    int
}

// preview applies a suggestion's edits to the lines they touch. It returns
// false when there is nothing to show or the edits do not fit the source
// (overlapping or out of range).
func preview(src *text.Source, edits []finding.Edit) (fixPreview, bool) {
	if len(edits) == 0 {
		return fixPreview{}, false
	}
	es := append([]finding.Edit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Start.Offset < es[j].Start.Offset })
	s := src.Text()
	prev := 0
	for _, e := range es {
		if e.Start.Offset < prev || e.End.Offset < e.Start.Offset || e.End.Offset > len(s) {
			return fixPreview{}, false
		}
		prev = e.End.Offset
	}
	first := src.Position(es[0].Start.Offset)
	from, _ := src.LineBounds(first.Line)
	_, to := src.LineBounds(src.Position(es[len(es)-1].End.Offset).Line)
	to = max(to, es[len(es)-1].End.Offset)
	var b strings.Builder
	at := from
	for _, e := range es {
		b.WriteString(s[at:e.Start.Offset])
		b.WriteString(e.NewText)
		at = e.End.Offset
	}
	b.WriteString(s[at:to])
	return fixPreview{old: splitLines(s[from:to]), new: splitLines(b.String()), focus: first.Column - 1}, true
}

// splitLines splits on "\r\n", "\n" and "\r", like text.Source.
func splitLines(s string) []string {
	src := text.NewSource(s)
	out := make([]string, src.LineCount())
	for i := range out {
		out[i] = src.Line(i + 1)
	}
	return out
}

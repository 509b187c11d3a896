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
		path := escapeLead(displayPath(f.Path))
		for _, fd := range f.Result.Findings {
			tw.finding(path, src, fd)
		}
		if !opts.Quiet {
			tw.score(path, f)
		}
		tw.scoreFailure(path, f)
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
		escapeString(withEntry(fd)))

	gutter := len(strconv.Itoa(line))
	if line <= src.LineCount() {
		ls, le := src.LineBounds(line)
		start := locate(src, line, col, fd.Start.Offset)
		end := le
		if fd.End.Line == line {
			end = max(start, locate(src, line, max(fd.End.Column, 1), fd.End.Offset))
		}
		c := clip(src.Text(), ls, le, start)
		cells := sourceCells(c.text)
		startCell := c.cellOf(cells, start)
		endCell := c.cellOf(cells, end)
		win := window(cells, startCell, c.cutLeft, c.cutRight)
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
		if len(sg.Edits) == 0 {
			// Advice without a text to write (what only the agent
			// knows): a hint, not a fix that --fix could apply.
			fmt.Fprintf(&tw.buf, "  help: %s\n", escapeString(sg.Description))
			continue
		}
		kind, kindStyle := "unsafe", ansiYellow
		if sg.Safe {
			kind, kindStyle = "safe", ansiGreen
		}
		fmt.Fprintf(&tw.buf, "  fix (%s): %s\n", tw.style(kindStyle, kind), escapeString(sg.Description))
		p, ok := preview(src, sg.Edits)
		if !ok {
			continue
		}
		tw.previewLines("-", ansiRed, p.old, p.oldLines)
		tw.previewLines("+", ansiGreen, p.new, p.newLines)
	}
	if fd.URL != "" {
		fmt.Fprintf(&tw.buf, "  see: %s\n", tw.style(ansiDim, escapeString(fd.URL)))
	}
}

func (tw *textWriter) previewLines(sign, style string, lines []clipped, total int) {
	for i, c := range lines {
		if i == previewLines {
			break
		}
		cells := sourceCells(c.text)
		s := sign
		if r := window(cells, c.cellOf(cells, c.focus), c.cutLeft, c.cutRight).render(cells); r != "" {
			s += " " + r
		}
		fmt.Fprintf(&tw.buf, "    %s\n", tw.style(style, s))
	}
	if total > previewLines {
		fmt.Fprintf(&tw.buf, "    %s\n", tw.style(style, fmt.Sprintf("%s (%d more lines)", sign, total-previewLines)))
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
	for _, e := range f.Entries {
		fmt.Fprintf(&tw.buf, "  entry %s (line %d): %d/100 (%s)\n", escapeString(strconv.Quote(e.Name)), e.Line, e.Score, escapeString(e.Grade))
	}
}

// scoreFailure explains a minimum-score failure, in quiet mode too: it is
// why the run fails.
func (tw *textWriter) scoreFailure(path string, f File) {
	if why := f.scoreFailure(); why != "" {
		tw.startBlock()
		fmt.Fprintf(&tw.buf, "%s %s %s\n", tw.style(ansiBold, path+":"), tw.style(ansiError, "failed:"), escapeString(why))
	}
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

// escapeLead makes s safe to print at the start of a line: escaped, and a
// ':' that (after spaces) opens it shown as \x3a, because a line starting
// with "::" is a GitHub workflow command and a path such as
// "::error::forged" must not issue one.
func escapeLead(s string) string {
	e := escapeString(s)
	t := strings.TrimLeft(e, " ")
	if strings.HasPrefix(t, ":") {
		return e[:len(e)-len(t)] + `\x3a` + t[1:]
	}
	return e
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
//
// A '#' that starts "##[" is shown as \x23: GitHub's runner reads the
// legacy workflow command form "##[command]" anywhere in a line of a job's
// log, so text from a template or a file name must never print it.
func escapeAt(s string) (cell, int) {
	if strings.HasPrefix(s, "##[") {
		return cell{`\x23`, 4}, 1
	}
	if c := s[0]; c >= 0x20 && c < 0x7f {
		// Printable ASCII, most of any line: a slice of s, no look-ups.
		return cell{s[:1], 1}, 1
	}
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size == 1 {
		return cell{fmt.Sprintf(`\x%02x`, s[0]), 4}, 1
	}
	c := escapeRune(r)
	if c.s == string(r) {
		c.s = s[:size] // the same text, without a new string per cell
	}
	return c, size
}

func escapeRune(r rune) cell {
	switch {
	case r >= 0x20 && r < 0x7f:
		// Printable ASCII, most of any line: no table look-ups.
		return cell{string(r), 1}
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
// cutLeft and cutRight say that the cells are a clipped part of a longer
// line (see clip): the line goes on beyond them on that side.
func window(cells []cell, focus int, cutLeft, cutRight bool) lineWindow {
	pos := make([]int, len(cells)+1) // pos[i]: display column of cell i
	for i, c := range cells {
		pos[i+1] = pos[i] + c.w
	}
	n := len(cells)
	focus = min(max(focus, 0), n)
	if !cutLeft && !cutRight && pos[n] <= maxLineWidth {
		return lineWindow{from: 0, to: n}
	}
	e := len(ellipsis)
	// Start leftContext columns before the focus, but no later than needed
	// to show the end of the line in full.
	from := sort.SearchInts(pos[:n+1], pos[focus]-leftContext)
	if (from > 0 || cutLeft) && !cutRight {
		tail := sort.SearchInts(pos[:n+1], pos[n]-(maxLineWidth-e))
		from = min(from, tail)
	}
	lw := lineWindow{from: from, left: from > 0 || cutLeft}
	budget := maxLineWidth
	if lw.left {
		budget -= e
	}
	if !cutRight && pos[n]-pos[from] <= budget {
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

// clipRunes is how many code points clip keeps on each side of its focus:
// more than the maxLineWidth columns a window can show on either side of
// it, so a window is never starved (unless by a run of zero-width marks,
// which is then cut with "..."), and few enough that rendering a window
// costs the same on a 100,000-character line as on a short one.
const clipRunes = 160

// clipped is the part of a line that is rendered: text, which starts at
// offset lo of the text it was cut from, the offset there of its focus, and
// whether the line goes on to either side.
type clipped struct {
	text              string
	lo, focus         int
	cutLeft, cutRight bool
}

// clip cuts line [ls, le) of s to clipRunes code points on each side of
// byte offset p (clamped to the line). Text output renders one window per
// finding; clipping first keeps that work bounded however long the line is.
func clip(s string, ls, le, p int) clipped {
	p = min(max(p, ls), le)
	lo := p
	for n := 0; n < clipRunes && lo > ls; n++ {
		_, size := utf8.DecodeLastRuneInString(s[ls:lo])
		lo -= size
	}
	hi := p
	for n := 0; n < clipRunes && hi < le; n++ {
		_, size := utf8.DecodeRuneInString(s[hi:le])
		hi += size
	}
	return clipped{text: s[lo:hi], lo: lo, focus: p, cutLeft: lo > ls, cutRight: hi < le}
}

// cellOf returns the index of the cell at offset o (of the text c was cut
// from), clamped to c: cells has one cell per code point of c.text.
func (c clipped) cellOf(cells []cell, o int) int {
	o -= c.lo
	n := 0
	for i := 0; i < len(c.text) && i < o; n++ {
		_, size := utf8.DecodeRuneInString(c.text[i:])
		i += size
	}
	return min(n, len(cells))
}

// locate returns the byte offset of a finding's line and column: its
// offset when that agrees with them (as for every finding mapped to a
// file), else found by counting code points along the line, for findings
// built by hand.
func locate(src *text.Source, line, col, off int) int {
	ls, le := src.LineBounds(line)
	if off >= ls && off <= le {
		if p := src.Position(off); p.Line == line && p.Column == col {
			return off
		}
	}
	s := src.Text()
	o := ls
	for c := 1; c < col && o < le; c++ {
		_, size := utf8.DecodeRuneInString(s[o:le])
		o += size
	}
	return o
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

// fixPreview is the text a suggestion touches, before and after: the
// first lines (up to previewLines), each clipped around where the edit
// is, and how many lines there are in all.
type fixPreview struct {
	old, new           []clipped
	oldLines, newLines int
}

// preview applies a suggestion's edits to the lines they touch. It returns
// false when there is nothing to show or the edits do not fit the source
// (overlapping or out of range). The work is bounded by the edits and
// their gaps, not by the lines they sit on: the text before the first edit
// and after the last is clipped to clipRunes code points.
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
	first, last := es[0].Start.Offset, es[len(es)-1].End.Offset
	firstLine, lastLine := src.Position(first).Line, src.Position(last).Line
	fls, fle := src.LineBounds(firstLine)
	head := clip(s, fls, fle, first)
	lls, lle := src.LineBounds(lastLine)
	lle = max(lle, last)
	tail := clip(s, lls, lle, last)
	from, to := head.lo, tail.lo+len(tail.text)

	var p fixPreview
	// The old lines come from the source's line table: the first is
	// clipped around the edit, the others from their start.
	p.oldLines = lastLine - firstLine + 1
	p.old = append(p.old, head)
	for n := firstLine + 1; n <= lastLine && len(p.old) <= previewLines; n++ {
		ls, le := src.LineBounds(n)
		p.old = append(p.old, clip(s, ls, le, ls))
	}
	if p.oldLines == 1 {
		// One line: clip it as a whole, around the first edit.
		p.old[0] = clip(s, fls, max(fle, last), first)
	}

	var b strings.Builder
	at := from
	for _, e := range es {
		b.WriteString(s[at:e.Start.Offset])
		b.WriteString(e.NewText)
		at = e.End.Offset
	}
	b.WriteString(s[at:to])
	nl := text.NewSource(b.String())
	p.newLines = nl.LineCount()
	focus := first - from
	for n := 1; n <= nl.LineCount() && len(p.new) <= previewLines; n++ {
		ls, le := nl.LineBounds(n)
		c := clip(nl.Text(), ls, le, ls)
		if n == 1 {
			c = clip(nl.Text(), ls, le, focus)
			c.cutLeft = c.cutLeft || head.cutLeft
		}
		if n == nl.LineCount() {
			c.cutRight = c.cutRight || tail.cutRight
		}
		p.new = append(p.new, c)
	}
	return p, true
}

// SafeLines makes text from inputs safe to print as lines of a terminal or
// a CI log: the line breaks stay, and every line is escaped as text output
// escapes it (control and bidi characters as Go escapes, "##[" as
// "#\x23[", a ':' opening the line as \x3a), so that neither a file name
// nor a template can move the cursor or issue a GitHub workflow command.
// The command line passes its standard error through it.
func SafeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = escapeLead(l)
	}
	return strings.Join(lines, "\n")
}

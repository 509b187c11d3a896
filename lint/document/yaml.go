package document

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// tkind is the kind of a node of a parsed collection or front matter.
type tkind uint8

const (
	tNull   tkind = iota
	tString       // text
	tScalar       // a number or a boolean, kept as written
	tMap
	tList
	// tCut is a node left out over a limit (depth, alias expansion); the
	// limit was reported once where it was hit, so readers skip it quietly
	// rather than report every node it cut.
	tCut
)

// tnode is a YAML or JSON node with file offsets; scalars carry their
// decoded text mapped to the file.
type tnode struct {
	kind  tkind
	off   int // where the node starts in the file
	val   mapped
	keys  []*tnode
	vals  []*tnode
	items []*tnode
	// size is what the node costs once expanded: the bytes of its text
	// and of every node under it, counted once per reference, so an
	// alias to a large node costs its full size each time it is used.
	size int
}

func (n *tnode) describe() string {
	switch n.kind {
	case tNull, tCut:
		return "nothing"
	case tMap:
		return "a mapping"
	case tList:
		return "a list"
	}
	s := n.val.text
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// maxYAMLDepth bounds the nesting of YAML nodes, aliases included.
const maxYAMLDepth = 64

// yamlDoc is YAML text inside a file, with its line table, to turn yaml.v3's
// line:column positions into file offsets.
type yamlDoc struct {
	s         *splitter
	base, end int
	starts    []int
	// seen holds converted nodes, so that an alias used many times is
	// converted once. Every node is converted once, so conversion is
	// linear in the file; what aliases can blow up is what the collector
	// walks afterwards, and that is bounded by expanded.
	seen map[*yaml.Node]*tnode
	// active holds the nodes being converted, to catch an alias to one of
	// them (a node that contains itself).
	active map[*yaml.Node]bool
	// expanded is the file's size plus what its aliases have added so far;
	// an alias that would take it over s.maxExpanded is refused.
	expanded int
	// refused is set once an alias was refused (it is reported once).
	refused bool
	// deep is set once too deep a nesting was reported.
	deep bool
}

func newYAMLDoc(s *splitter, base, end int) *yamlDoc {
	starts := []int{base}
	src := s.src
	for i := base; i < end; i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < end && src[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return &yamlDoc{s: s, base: base, end: end, starts: starts, seen: map[*yaml.Node]*tnode{}, active: map[*yaml.Node]bool{}, expanded: end - base}
}

// offset turns a 1-based line and column (in characters) into a file offset.
func (y *yamlDoc) offset(line, col int) int {
	if line < 1 {
		return y.base
	}
	if line > len(y.starts) {
		return y.end
	}
	off := y.starts[line-1]
	src := y.s.src
	for c := 1; c < col && off < y.end && !isBreak(src[off]); c++ {
		_, size := utf8.DecodeRuneInString(src[off:y.end])
		off += size
	}
	return off
}

// node converts a yaml.v3 node.
func (y *yamlDoc) node(n *yaml.Node, depth int) *tnode {
	if t, ok := y.seen[n]; ok {
		return t
	}
	y.active[n] = true
	t := y.convert(n, depth)
	delete(y.active, n)
	t.size = nodeSize(t)
	y.seen[n] = t
	return t
}

// nodeSize is a node's expanded size from its own text and its children's
// sizes (at least 1, so that an alias to an empty node still costs).
func nodeSize(t *tnode) int {
	n := 1 + len(t.val.text)
	for _, c := range t.keys {
		n += c.size
	}
	for _, c := range t.vals {
		n += c.size
	}
	for _, c := range t.items {
		n += c.size
	}
	return n
}

func (y *yamlDoc) convert(n *yaml.Node, depth int) *tnode {
	off := y.offset(n.Line, n.Column)
	if depth > maxYAMLDepth {
		if !y.deep {
			y.deep = true
			y.s.problemAt(off, false, "YAML nested more than %d levels deep; the nodes below are not linted", maxYAMLDepth)
		}
		return &tnode{kind: tCut, off: off}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &tnode{kind: tNull, off: off}
		}
		return y.node(n.Content[0], depth+1)
	case yaml.AliasNode:
		if n.Alias == nil {
			return &tnode{kind: tNull, off: off}
		}
		if y.refused {
			return &tnode{kind: tCut, off: off}
		}
		if y.active[n.Alias] {
			// An alias inside its own anchor's node: expanding it would
			// never end.
			y.s.problemAt(off, false, "YAML alias *%s is used inside its own anchor; it is not expanded", n.Value)
			return &tnode{kind: tCut, off: off}
		}
		t := y.node(n.Alias, depth+1)
		if y.refused {
			return &tnode{kind: tCut, off: off} // refused below, and reported there
		}
		// Each use of an alias adds its target's expanded size: a file of
		// 100 KB can otherwise make gigabytes of messages.
		if y.expanded+t.size > y.s.maxExpanded {
			y.refused = true
			y.s.problemAt(off, false, "YAML aliases expand this file to more than %d bytes (the --max-bytes limit); this alias and the ones after it are not linted", y.s.maxExpanded)
			return &tnode{kind: tCut, off: off}
		}
		y.expanded += t.size
		return t
	case yaml.MappingNode:
		t := &tnode{kind: tMap, off: off}
		for i := 0; i+1 < len(n.Content); i += 2 {
			t.keys = append(t.keys, y.node(n.Content[i], depth+1))
			t.vals = append(t.vals, y.node(n.Content[i+1], depth+1))
		}
		return t
	case yaml.SequenceNode:
		t := &tnode{kind: tList, off: off}
		for _, c := range n.Content {
			t.items = append(t.items, y.node(c, depth+1))
		}
		return t
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return &tnode{kind: tNull, off: off}
		case "!!int", "!!float", "!!bool":
			return &tnode{kind: tScalar, off: off, val: fallback(n.Value, off)}
		}
		t := &tnode{kind: tString, off: off}
		t.val, t.off = y.scalar(n, off)
		return t
	}
	return &tnode{kind: tNull, off: off}
}

// scalar decodes a string scalar from the file so that every character of
// its value maps to where it is written. The decoding is guided by the
// value yaml.v3 computed: any disagreement falls back to mapping the whole
// value to the scalar's start, so a surprise costs precision, never
// correctness.
func (y *yamlDoc) scalar(n *yaml.Node, off int) (mapped, int) {
	src := y.s.src
	p := off
	// Skip an anchor and a tag: "&name !!str value".
	for p < y.end && (src[p] == '&' || src[p] == '!') {
		for p < y.end && !isYAMLSpace(src[p]) {
			p++
		}
		for p < y.end && isYAMLSpace(src[p]) {
			p++
		}
	}
	a := &aligner{src: src, end: y.end, p: p, v: n.Value}
	a.b.src, a.b.empty = src, p
	ok := false
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		a.ctx = y.s.context(writeYAMLDouble)
		ok = a.quoted('"')
	case n.Style&yaml.SingleQuotedStyle != 0:
		a.ctx = y.s.context(writeYAMLSingle)
		ok = a.quoted('\'')
	case n.Style&yaml.LiteralStyle != 0:
		ok = a.block(y.s, false)
	case n.Style&yaml.FoldedStyle != 0:
		ok = a.block(y.s, true)
	default:
		a.ctx = y.s.context(writeYAMLPlain)
		ok = a.plain()
	}
	if !ok {
		return fallback(n.Value, p), p
	}
	out := a.b.done()
	if out.text != n.Value {
		return fallback(n.Value, p), p
	}
	if a.ctx != nil {
		a.ctx.whole = wholeOf(src, n, p, a)
	}
	return out, p
}

func isYAMLSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// aligner walks a scalar in the file alongside its known value.
type aligner struct {
	src string
	end int
	p   int
	v   string
	vi  int
	b   builder
	ctx *writeContext
	// bodyStart is where a block scalar's body starts.
	bodyStart int
}

// wholeOf returns the extent of a decoded scalar in the file, from its
// quote or block indicator (at p) to the end of its text: what WriteBack
// replaces when it writes the scalar anew. nil when the scalar has no
// such extent (an empty block).
func wholeOf(src string, n *yaml.Node, p int, a *aligner) *wholeScalar {
	switch {
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		if a.p >= len(src) || src[a.p] != src[p] {
			return nil
		}
		return &wholeScalar{fs: p, fe: a.p + 1, value: n.Value}
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		body := src[a.bodyStart:a.p]
		last := strings.LastIndexFunc(body, func(r rune) bool { return r != ' ' && r != '\t' && r != '\r' && r != '\n' })
		if last < 0 {
			return nil
		}
		return &wholeScalar{fs: p, fe: lineEnd(src, a.bodyStart+last), value: n.Value}
	}
	return &wholeScalar{fs: p, fe: a.p, value: n.Value}
}

// rune copies one character that the file and the value share.
func (a *aligner) rune() bool {
	_, size := utf8.DecodeRuneInString(a.src[a.p:a.end])
	if !strings.HasPrefix(a.v[a.vi:], a.src[a.p:a.p+size]) {
		return false
	}
	a.b.verbatim(a.p, a.p+size, a.ctx)
	a.p += size
	a.vi += size
	return true
}

// fold handles white space in a flow scalar (plain or quoted): within a
// line it is kept; a run with line breaks folds to a space (one break) or
// to one newline less than it has breaks.
func (a *aligner) fold() bool {
	q, breaks := a.p, 0
	for q < a.end && isYAMLSpace(a.src[q]) {
		if isBreak(a.src[q]) {
			breaks++
			q += breakLen(a.src, q)
			continue
		}
		q++
	}
	if breaks == 0 {
		if !strings.HasPrefix(a.v[a.vi:], a.src[a.p:q]) {
			return false
		}
		a.b.verbatim(a.p, q, a.ctx)
		a.vi += q - a.p
		a.p = q
		return true
	}
	want := " "
	if breaks > 1 {
		want = strings.Repeat("\n", breaks-1)
	}
	if !strings.HasPrefix(a.v[a.vi:], want) {
		return false
	}
	a.b.encoded(want, a.p, q, a.ctx)
	a.vi += len(want)
	a.p = q
	return true
}

func (a *aligner) plain() bool {
	for a.vi < len(a.v) {
		if a.p >= a.end {
			return false
		}
		ok := false
		if isYAMLSpace(a.src[a.p]) {
			ok = a.fold()
		} else {
			ok = a.rune()
		}
		if !ok {
			return false
		}
	}
	return true
}

// quoted decodes a single- or double-quoted scalar.
func (a *aligner) quoted(q byte) bool {
	if a.p >= a.end || a.src[a.p] != q {
		return false
	}
	a.p++
	for a.vi < len(a.v) {
		if a.p >= a.end {
			return false
		}
		c := a.src[a.p]
		var ok bool
		switch {
		case c == q && q == '\'':
			if a.p+1 >= a.end || a.src[a.p+1] != '\'' || a.v[a.vi] != '\'' {
				return false
			}
			a.b.encoded("'", a.p, a.p+2, a.ctx)
			a.p += 2
			a.vi++
			ok = true
		case c == q:
			return false
		case c == '\\' && q == '"':
			ok = a.escape()
		case isYAMLSpace(c):
			ok = a.fold()
		default:
			ok = a.rune()
		}
		if !ok {
			return false
		}
	}
	return true
}

// escape decodes a backslash escape of a double-quoted scalar.
func (a *aligner) escape() bool {
	if a.p+1 >= a.end {
		return false
	}
	e := a.src[a.p+1]
	if isBreak(e) {
		// An escaped line break joins the lines; the break and the next
		// line's indentation vanish.
		q := a.p + 1 + breakLen(a.src, a.p+1)
		for q < a.end && (a.src[q] == ' ' || a.src[q] == '\t') {
			q++
		}
		a.p = q
		return true
	}
	dec, n, ok := yamlEscape(a.src[a.p:a.end])
	if !ok || !strings.HasPrefix(a.v[a.vi:], dec) {
		return false
	}
	a.b.encoded(dec, a.p, a.p+n, a.ctx)
	a.p += n
	a.vi += len(dec)
	return true
}

// yamlSimpleEscapes and yamlHexEscapes are YAML's double-quoted escapes.
var (
	yamlSimpleEscapes = map[byte]string{
		'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n", 'v': "\v", 'f': "\f",
		'r': "\r", 'e': "\x1b", ' ': " ", '"': `"`, '/': "/", '\\': `\`,
		'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029",
	}
	yamlHexEscapes = map[byte]int{'x': 2, 'u': 4, 'U': 8}
)

// yamlEscape decodes the escape at the start of s (s[0] == '\\').
func yamlEscape(s string) (string, int, bool) {
	if len(s) < 2 {
		return "", 0, false
	}
	if d, ok := yamlSimpleEscapes[s[1]]; ok {
		return d, 2, true
	}
	digits := yamlHexEscapes[s[1]]
	if digits == 0 || len(s) < 2+digits {
		return "", 0, false
	}
	code, err := strconv.ParseUint(s[2:2+digits], 16, 32)
	if err != nil {
		return "", 0, false
	}
	r := rune(code)
	if !utf8.ValidRune(r) {
		return "", 0, false
	}
	return string(r), 2 + digits, true
}

// block decodes a literal (|) or folded (>) block scalar. The indentation
// is not computed from the indentation indicator and the parent's
// indentation but tried, deepest first, against the value.
func (a *aligner) block(s *splitter, folded bool) bool {
	src := a.src
	if a.p >= a.end || src[a.p] != '|' && src[a.p] != '>' {
		return false
	}
	p := a.p
	digit := 0
	for p < a.end && !isBreak(src[p]) {
		if c := src[p]; c >= '1' && c <= '9' && digit == 0 && p-a.p <= 2 {
			digit = int(c - '0')
		}
		p++
	}
	if p >= a.end {
		return a.v == ""
	}
	headerIndent := 0
	for k := lineStart(src, a.p); k < a.p && src[k] == ' '; k++ {
		headerIndent++
	}
	p += breakLen(src, p)
	lead := 0
	for ls := p; ls < a.end; {
		le := lineEnd(src[:a.end], ls)
		line := src[ls:le]
		if strings.TrimLeft(line, " ") != "" {
			lead = len(line) - len(strings.TrimLeft(line, " "))
			break
		}
		ls = le + breakLen(src, le)
		if le >= a.end {
			break
		}
	}
	// Without an indentation indicator the first line with text sets the
	// indentation. With one, it counts from the parent's indentation,
	// which is not at hand: try the likely ones, then a few below lead.
	candidates := []int{lead}
	if digit > 0 {
		candidates = []int{headerIndent + digit, headerIndent + 2 + digit, digit}
		for k := lead; k >= 0 && k >= lead-16; k-- {
			candidates = append(candidates, k)
		}
	}
	kind := writeYAMLLiteral
	if folded {
		kind = writeYAMLFolded
	}
	for _, indent := range candidates {
		if indent > lead {
			continue
		}
		try := &aligner{src: src, end: a.end, p: p, v: a.v}
		try.b.src, try.b.empty = src, p
		try.ctx = s.context(kind)
		try.ctx.indent = strings.Repeat(" ", indent)
		if try.blockBody(indent, folded) {
			try.bodyStart = p
			*a = *try
			return true
		}
	}
	return false
}

func (a *aligner) skipIndent(p, indent int) int {
	for n := 0; n < indent && p < a.end && a.src[p] == ' '; n++ {
		p++
	}
	return p
}

func (a *aligner) blockBody(indent int, folded bool) bool {
	src := a.src
	a.p = a.skipIndent(a.p, indent)
	for a.vi < len(a.v) {
		rest := a.v[a.vi:]
		if strings.Trim(rest, "\n") == "" {
			// Trailing line breaks, as chomping keeps them: each maps
			// to the next line break of the file.
			for a.vi < len(a.v) {
				for a.p < a.end && (src[a.p] == ' ' || src[a.p] == '\t') {
					a.p++
				}
				if a.p >= a.end || !isBreak(src[a.p]) {
					a.b.inserted(a.v[a.vi:], a.p)
					a.vi = len(a.v)
					break
				}
				n := breakLen(src, a.p)
				a.b.encoded("\n", a.p, a.p+n, a.ctx)
				a.p += n
				a.vi++
			}
			return true
		}
		if a.p >= a.end {
			return false
		}
		if !isBreak(src[a.p]) {
			if !a.rune() {
				return false
			}
			continue
		}
		if !folded {
			if rest[0] != '\n' {
				return false
			}
			q := a.skipIndent(a.p+breakLen(src, a.p), indent)
			a.b.encoded("\n", a.p, q, a.ctx)
			a.p = q
			a.vi++
			continue
		}
		// Folded: gather the breaks and blank lines up to the next
		// line's content.
		q, breaks := a.p, 0
		for q < a.end && isBreak(src[q]) {
			q += breakLen(src, q)
			breaks++
			r := q
			for r < a.end && (src[r] == ' ' || src[r] == '\t') {
				r++
			}
			if r < a.end && isBreak(src[r]) {
				q = r
				continue
			}
			q = a.skipIndent(q, indent)
			break
		}
		switch m := len(rest) - len(strings.TrimLeft(rest, "\n")); {
		case rest[0] == ' ' && breaks == 1:
			a.b.encoded(" ", a.p, q, a.ctx)
			a.vi++
		case m == breaks || m == breaks-1:
			a.b.encoded(strings.Repeat("\n", m), a.p, q, a.ctx)
			a.vi += m
		default:
			return false
		}
		a.p = q
	}
	return true
}

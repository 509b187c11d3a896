package document

import (
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Elements by how they break the visible text.
var (
	// htmlSkipped hold no visible text.
	htmlSkipped = map[string]bool{"script": true, "style": true, "head": true, "title": true, "template": true}
	// htmlParagraphs start and end a paragraph: a blank line.
	htmlParagraphs = map[string]bool{
		"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"blockquote": true, "ul": true, "ol": true, "dl": true, "pre": true, "hr": true,
		"address": true, "figure": true,
	}
	// htmlLines start and end a line.
	htmlLines = map[string]bool{
		"div": true, "li": true, "table": true, "tbody": true, "thead": true, "tfoot": true,
		"tr": true, "td": true, "th": true, "caption": true, "dt": true, "dd": true,
		"section": true, "article": true, "header": true, "footer": true, "main": true,
		"nav": true, "aside": true, "center": true, "form": true, "fieldset": true,
		"legend": true, "details": true, "summary": true, "figcaption": true, "body": true, "html": true,
	}
)

// htmlWalker turns HTML into its visible text.
type htmlWalker struct {
	src  string // the HTML with template comments blanked out
	crlf bool   // the file ends lines with CR LF
	b    builder
	// need is the number of line breaks owed before the next text (1: a
	// new line, 2: a blank line), raised by the block tag at needAt.
	need, needAt int
	// space is white space seen since the last text, at [spaceF, spaceFE).
	space           bool
	spaceF, spaceFE int
	// spaceSplit is set when that white space has runs on both sides of a
	// tag; the space it reads as cannot be edited.
	spaceSplit bool
	skip       int // depth inside elements without visible text
	textCtx    *writeContext
	// outerCtx is textCtx outside the open link.
	outerCtx *writeContext
	anchor   *htmlAnchor
	links    []mapped // link targets waiting for the end of their block
	comments []placedComment
}

// htmlAnchor is an open <a> element.
type htmlAnchor struct {
	href      mapped
	has       bool
	textStart int
}

// html extracts the visible text of an HTML body that starts at bodyStart.
//
// Text nodes outside script, style, head, title and template elements are
// kept; runs of white space (with &nbsp;) collapse to one space; block
// elements break lines and paragraph elements (p, h1-h6, ul, ol, table
// cells do not) leave a blank line, the way the message reads in a mail
// client. Entities are decoded and map to their '&'. A link target
// (<a href>) that differs from the link's text is added as a line of its
// own at the end of the block holding the link, mapped to the attribute
// value, so link and contact rules see it. Template comments are blanked
// out before the HTML is read, since they may hold markup.
func (s *splitter) html(bodyStart int) (mapped, []placedComment) {
	return s.htmlOf(s.src, bodyStart, s.crlf)
}

// htmlIn extracts the visible text of HTML held in a decoded string (the
// body of a collection entry) and maps it through the string to the file.
func (s *splitter) htmlIn(x mapped) (mapped, []placedComment) {
	outer, comments := s.htmlOf(x.text, 0, false)
	s.markup = compose(s.markup, x)
	for i := range comments {
		comments[i].fileStart = x.m.fileOffset(comments[i].fileStart)
		comments[i].fileEnd = x.m.fileEnd(comments[i].fileEnd)
	}
	return compose(outer, x), comments
}

// htmlOf extracts the visible text of the HTML in src from start; offsets,
// those of comments too, are offsets of src.
func (s *splitter) htmlOf(src string, start int, crlf bool) (mapped, []placedComment) {
	s.usedHTML = true
	s.markup = mapped{text: src[start:], m: offsetMap{n: len(src) - start, empty: start}}
	if start < len(src) {
		s.markup.m.pieces = []piece{{t: 0, f: start, fe: len(src), kind: verbatim}}
	}
	tcs := scanComments(src[start:], true)
	blanked := src
	if len(tcs) > 0 {
		buf := []byte(src)
		for i := range tcs {
			tcs[i].start += start
			tcs[i].end += start
			for k := tcs[i].start; k < tcs[i].end; k++ {
				if buf[k] != '\n' && buf[k] != '\r' {
					buf[k] = ' '
				}
			}
		}
		blanked = string(buf)
	}
	h := &htmlWalker{src: blanked, crlf: crlf, textCtx: &writeContext{kind: writeHTMLText, crlf: crlf}}
	h.b.src, h.b.empty = blanked, start
	h.walk(start)
	out := h.b.done()
	comments := h.comments
	for _, c := range tcs {
		comments = append(comments, placedComment{comment: c, fileStart: c.start, fileEnd: c.end})
	}
	sort.SliceStable(comments, func(i, j int) bool { return comments[i].fileStart < comments[j].fileStart })
	for i := range comments {
		comments[i].textAt = out.m.textOffset(comments[i].fileStart)
	}
	return out, comments
}

func (h *htmlWalker) walk(start int) {
	z := html.NewTokenizer(strings.NewReader(h.src[start:]))
	off := start
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		end := off + len(raw)
		switch tt {
		case html.TextToken:
			if h.skip == 0 {
				h.text(off, end)
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			h.tag(string(name), tt, off, end)
		case html.CommentToken:
			h.comment(off, end)
		}
		off = end
	}
	h.flushLinks()
}

func (h *htmlWalker) tag(name string, tt html.TokenType, off, end int) {
	if htmlSkipped[name] {
		switch tt {
		case html.StartTagToken:
			h.skip++
		case html.EndTagToken:
			h.skip = max(0, h.skip-1)
		}
		return
	}
	if name == "body" {
		// A <head> left open ends here.
		h.skip = 0
	}
	if h.skip > 0 {
		return
	}
	switch {
	case name == "br":
		h.hardBreak(off)
	case name == "a":
		switch tt {
		case html.StartTagToken:
			h.openAnchor(off, end)
		case html.EndTagToken:
			h.closeAnchor()
		}
	case htmlParagraphs[name]:
		h.block(2, off)
	case htmlLines[name]:
		h.block(1, off)
	}
}

func (h *htmlWalker) comment(off, end int) {
	raw := h.src[off:end]
	if !strings.HasPrefix(raw, "<!--") {
		return
	}
	body := raw[4:]
	closed := false
	for _, close := range []string{"-->", "--!>"} {
		if strings.HasSuffix(body, close) {
			body, closed = body[:len(body)-len(close)], true
			break
		}
	}
	h.comments = append(h.comments, placedComment{
		comment:   comment{start: off, end: end, body: strings.TrimSpace(body), closed: closed},
		fileStart: off, fileEnd: end,
	})
}

// block records a block boundary that owes n line breaks.
func (h *htmlWalker) block(n, off int) {
	h.flushLinks()
	if n > h.need {
		h.need = n
	}
	h.needAt = off
	h.space = false
}

func (h *htmlWalker) hardBreak(off int) {
	h.flushLinks()
	h.space = false
	if h.b.len() == 0 {
		return
	}
	h.flushNeed()
	h.b.inserted("\n", off)
}

// flushNeed writes the line breaks owed, counting those already written.
func (h *htmlWalker) flushNeed() {
	if h.b.len() == 0 {
		h.need = 0
		return
	}
	have := trailingNewlines(h.b.String())
	for ; have < h.need; have++ {
		h.b.inserted("\n", h.needAt)
	}
	h.need = 0
}

func trailingNewlines(s string) int {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\n'; i-- {
		n++
	}
	return n
}

// beforeText writes what is owed before visible text: line breaks, or a
// space for white space seen since the last text.
func (h *htmlWalker) beforeText() {
	if h.need > 0 {
		h.flushNeed()
		h.space = false
	}
	if h.space {
		h.space = false
		if h.b.len() > 0 && !strings.HasSuffix(h.b.String(), "\n") {
			switch {
			case h.spaceSplit:
				// It stands for white space on both sides of a tag, and
				// cannot be edited (see addSpace).
				h.b.encoded(" ", h.spaceF, h.spaceFE, nil)
			case h.spaceFE-h.spaceF == 1 && h.src[h.spaceF] == ' ':
				h.b.verbatim(h.spaceF, h.spaceFE, h.textCtx)
			default:
				h.b.encoded(" ", h.spaceF, h.spaceFE, h.textCtx)
			}
		}
	}
}

// addSpace notes white space at [f, fe). Only the first run since the last
// text is kept, so the space never spans a tag.
func (h *htmlWalker) addSpace(f, fe int) {
	switch {
	case !h.space:
		h.space, h.spaceF, h.spaceFE, h.spaceSplit = true, f, fe, false
	case h.spaceFE == f:
		h.spaceFE = fe
	default:
		// White space on both sides of a tag reads as one space: editing
		// it would leave the other side's.
		h.spaceSplit = true
	}
}

func (h *htmlWalker) text(start, end int) {
	src := h.src
	for i := start; i < end; {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			h.addSpace(i, i+1)
			i++
			continue
		case strings.HasPrefix(src[i:end], "\u00a0"):
			h.addSpace(i, i+2)
			i += 2
			continue
		case c == '&':
			if dec, n := entityAt(src, i, end, false); n > 0 {
				if strings.TrimSpace(dec) == "" || dec == "\u00a0" {
					h.addSpace(i, i+n)
				} else {
					h.beforeText()
					h.b.encoded(dec, i, i+n, h.textCtx)
				}
				i += n
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(src[i:end])
		h.beforeText()
		h.b.verbatim(i, i+size, h.textCtx)
		i += size
	}
}

func (h *htmlWalker) openAnchor(off, end int) {
	a := &htmlAnchor{textStart: h.b.len()}
	if vs, ve, q, ok := attrValue(h.src, off, end, "href"); ok {
		a.href, a.has = h.attrText(vs, ve, q), true
	}
	h.anchor = a
	// Text inside a link decides whether its target is shown: it gets a
	// context of its own, so that no edit runs from it into the text
	// around it.
	h.outerCtx, h.textCtx = h.textCtx, &writeContext{kind: writeHTMLText, crlf: h.crlf}
}

func (h *htmlWalker) closeAnchor() {
	a := h.anchor
	h.anchor = nil
	if h.outerCtx != nil {
		h.textCtx, h.outerCtx = h.outerCtx, nil
	}
	if a == nil || !a.has || a.textStart > h.b.len() {
		return
	}
	target := strings.TrimSpace(a.href.text)
	low := strings.ToLower(target)
	if target == "" || strings.HasPrefix(target, "#") || strings.HasPrefix(low, "javascript:") {
		return
	}
	if sameLink(h.b.String()[a.textStart:], target) {
		return
	}
	h.links = append(h.links, a.href)
}

// sameLink reports whether a link's text already shows its target, so the
// target need not be linted twice.
func sameLink(visible, target string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		for _, p := range []string{"mailto:", "tel:", "https://", "http://", "www."} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.TrimSuffix(s, "/")
	}
	return norm(visible) == norm(target)
}

// flushLinks writes the link targets of the block that ends, each on a
// line of its own.
func (h *htmlWalker) flushLinks() {
	for _, l := range h.links {
		if h.b.len() > 0 && !strings.HasSuffix(h.b.String(), "\n") {
			h.b.inserted("\n", l.m.fileOffset(0))
		}
		h.b.appendMapped(l)
	}
	h.links = h.links[:0]
}

// attrText decodes an attribute value at [vs, ve), trimmed.
func (h *htmlWalker) attrText(vs, ve int, quote byte) mapped {
	ctx := &writeContext{kind: writeHTMLAttr, quote: quote, crlf: h.crlf}
	var b builder
	b.src, b.empty = h.src, vs
	src := h.src
	for i := vs; i < ve; {
		if src[i] == '&' {
			if dec, n := entityAt(src, i, ve, true); n > 0 {
				b.encoded(dec, i, i+n, ctx)
				i += n
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(src[i:ve])
		b.verbatim(i, i+size, ctx)
		i += size
	}
	x := b.done()
	lead := len(x.text) - len(strings.TrimLeft(x.text, " \t\r\n\f"))
	trail := len(strings.TrimRight(x.text, " \t\r\n\f"))
	if lead >= trail {
		return restrict(x, nil)
	}
	return restrict(x, [][2]int{{lead, trail}})
}

// attrValue finds attribute name's value in the tag at src[off:end].
func attrValue(src string, off, end int, name string) (vs, ve int, quote byte, ok bool) {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	i := off + 1
	for i < end && !isSpace(src[i]) && src[i] != '>' && src[i] != '/' {
		i++
	}
	for i < end {
		for i < end && (isSpace(src[i]) || src[i] == '/') {
			i++
		}
		if i >= end || src[i] == '>' {
			break
		}
		ns := i
		for i < end && !isSpace(src[i]) && src[i] != '=' && src[i] != '>' && src[i] != '/' {
			i++
		}
		attr := strings.ToLower(src[ns:i])
		for i < end && isSpace(src[i]) {
			i++
		}
		if i >= end || src[i] != '=' {
			continue
		}
		i++
		for i < end && isSpace(src[i]) {
			i++
		}
		q := byte(0)
		if i < end && (src[i] == '"' || src[i] == '\'') {
			q = src[i]
			i++
			vs = i
			for i < end && src[i] != q {
				i++
			}
			ve = i
			if i < end {
				i++
			}
		} else {
			vs = i
			for i < end && !isSpace(src[i]) && src[i] != '>' {
				i++
			}
			ve = i
		}
		if attr == name {
			return vs, ve, q, true
		}
	}
	return 0, 0, 0, false
}

// entityAt decodes the character reference at src[i] == '&' before end.
// It returns the text and the reference's length, or n == 0 when there
// is none. In an attribute value a legacy entity without ';' followed by
// a letter, digit or '=' stays as it is ("?a=1&copy=2"), as in browsers.
func entityAt(src string, i, end int, attr bool) (string, int) {
	j := i + 1
	if j < end && src[j] == '#' {
		j++
		hex := j < end && (src[j] == 'x' || src[j] == 'X')
		if hex {
			j++
		}
		ds := j
		for j < end && j-ds < 8 && (isDigit(src[j]) || hex && isHexLetter(src[j])) {
			j++
		}
		if j == ds {
			return "", 0
		}
		if j < end && src[j] == ';' {
			j++
		}
		cand := src[i:j]
		if dec := html.UnescapeString(cand); dec != cand {
			return dec, j - i
		}
		return "", 0
	}
	for j < end && j-i <= 32 && isAlnum(src[j]) {
		j++
	}
	if j == i+1 {
		return "", 0
	}
	if j < end && src[j] == ';' {
		cand := src[i : j+1]
		if dec := html.UnescapeString(cand); dec != cand {
			return dec, j + 1 - i
		}
	}
	run := src[i:j]
	all := html.UnescapeString(run)
	if all == run {
		return "", 0
	}
	for c := 2; c <= len(run); c++ {
		d := html.UnescapeString(run[:c])
		if d == run[:c] || d+run[c:] != all {
			continue
		}
		if attr && (c < len(run) || j < end && src[j] == '=') {
			return "", 0
		}
		return d, c
	}
	return "", 0
}

func isDigit(c byte) bool     { return c >= '0' && c <= '9' }
func isHexLetter(c byte) bool { return c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
func isAlnum(c byte) bool     { return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

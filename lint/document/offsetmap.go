package document

import (
	"sort"
	"strings"
)

// pieceKind says how a run of message text relates to the file.
type pieceKind uint8

const (
	// verbatim text is byte for byte the file's text.
	verbatim pieceKind = iota
	// encoded text is what an escape, an entity or folded white space in the
	// file decodes to: file[f:fe] as a whole stands for the piece's text.
	encoded
	// inserted text has no bytes in the file: a line break for an HTML block
	// tag, the blank line after a subject. f == fe is where it would be.
	inserted
)

// piece maps the message text from t up to the next piece's t to the file
// range [f, fe).
type piece struct {
	t, f, fe int
	kind     pieceKind
	// ctx says how text written back into this part of the file must be
	// encoded; nil means it cannot be written back.
	ctx *writeContext
}

// offsetMap maps byte offsets of a message text to offsets of its file.
// Pieces cover the text without gaps, in text order; the file ranges they
// point to may have gaps (tags, comments, quotes, indentation) and need not
// be in file order (a subject stored after the body).
type offsetMap struct {
	pieces []piece
	n      int // length of the text
	// empty is where an empty text sits in the file.
	empty int
}

// mapped is a text with its map to the file.
type mapped struct {
	text string
	m    offsetMap
}

// find returns the index of the piece holding text offset o, 0 <= o < n.
func (m *offsetMap) find(o int) int {
	return sort.Search(len(m.pieces), func(i int) bool { return m.pieces[i].t > o }) - 1
}

// pieceEnd returns the text offset where piece i ends.
func (m *offsetMap) pieceEnd(i int) int {
	if i+1 < len(m.pieces) {
		return m.pieces[i+1].t
	}
	return m.n
}

// fileOffset maps the character at text offset o to the file: the matching
// byte in verbatim text, the start of the escape or tag otherwise. The end
// of the text maps to the end of its last character.
func (m *offsetMap) fileOffset(o int) int {
	if len(m.pieces) == 0 {
		return m.empty
	}
	if o >= m.n {
		return m.fileEnd(m.n)
	}
	o = max(o, 0)
	p := m.pieces[m.find(o)]
	if p.kind == verbatim {
		return p.f + o - p.t
	}
	return p.f
}

// fileEnd maps the end of a range that ends at text offset o: just after
// the file bytes of the character before o.
func (m *offsetMap) fileEnd(o int) int {
	if len(m.pieces) == 0 {
		return m.empty
	}
	o = min(o, m.n)
	if o <= 0 {
		return m.fileOffset(0)
	}
	p := m.pieces[m.find(o-1)]
	if p.kind == verbatim {
		return p.f + o - p.t
	}
	return p.fe
}

// span maps the text range [start, end) to the file. ok reports whether
// the file range holds exactly that text, possibly encoded: it runs
// through no inserted text and no removed file text (a tag, a comment, the
// indentation of a block scalar), does not cut an escape in two, and stays
// in one encoding context. Only then can the range be rewritten in the file.
func (m *offsetMap) span(start, end int) (fs, fe int, ctx *writeContext, ok bool) {
	start = max(0, min(start, m.n))
	end = max(start, min(end, m.n))
	if start == end {
		return m.point(start)
	}
	fs, fe = m.fileOffset(start), m.fileEnd(end)
	if fe < fs {
		fe = fs
	}
	i, j := m.find(start), m.find(end-1)
	first, last := m.pieces[i], m.pieces[j]
	if first.kind == encoded && first.t != start || last.kind == encoded && m.pieceEnd(j) != end {
		return fs, fe, nil, false
	}
	for k := i; k <= j; k++ {
		p := m.pieces[k]
		if p.kind == inserted || p.ctx == nil {
			return fs, fe, nil, false
		}
		if k > i && (m.pieces[k-1].fe != p.f || m.pieces[k-1].ctx != p.ctx) {
			return fs, fe, nil, false
		}
	}
	return fs, fe, first.ctx, true
}

// point maps an empty range (an insertion) at text offset o. Between two
// pieces it prefers the end of the one before, so text inserted after a
// word lands right after it and not after a comment that followed it.
func (m *offsetMap) point(o int) (fs, fe int, ctx *writeContext, ok bool) {
	if len(m.pieces) == 0 {
		return m.empty, m.empty, nil, false
	}
	if o > 0 {
		i := m.find(o - 1)
		if p := m.pieces[i]; m.pieceEnd(i) == o && p.kind != inserted && p.ctx != nil {
			x := m.fileEnd(o)
			return x, x, p.ctx, true
		}
	}
	if o < m.n {
		p := m.pieces[m.find(o)]
		x := m.fileOffset(o)
		if p.kind != inserted && p.ctx != nil && (p.kind == verbatim || p.t == o) {
			return x, x, p.ctx, true
		}
		return x, x, nil, false
	}
	x := m.fileEnd(o)
	return x, x, nil, false
}

// textOffset maps a file offset back to the message text: the first text
// offset whose file bytes are at or after off. It is used to place a
// comment that was found in the file.
func (m *offsetMap) textOffset(off int) int {
	for _, p := range m.pieces {
		if p.fe > off || p.f >= off {
			if p.kind == verbatim && p.f < off {
				return p.t + off - p.f
			}
			return p.t
		}
	}
	return m.n
}

// builder assembles a mapped text piece by piece.
type builder struct {
	src    string // the file
	b      strings.Builder
	pieces []piece
	empty  int
}

// verbatim appends src[f:fe] unchanged.
func (b *builder) verbatim(f, fe int, ctx *writeContext) {
	if f >= fe {
		return
	}
	if n := len(b.pieces); n > 0 {
		last := &b.pieces[n-1]
		if last.kind == verbatim && last.fe == f && last.ctx == ctx {
			last.fe = fe
			b.b.WriteString(b.src[f:fe])
			return
		}
	}
	b.pieces = append(b.pieces, piece{t: b.b.Len(), f: f, fe: fe, kind: verbatim, ctx: ctx})
	b.b.WriteString(b.src[f:fe])
}

// encoded appends s, which file[f:fe] decodes to.
func (b *builder) encoded(s string, f, fe int, ctx *writeContext) {
	if s == "" {
		return
	}
	b.pieces = append(b.pieces, piece{t: b.b.Len(), f: f, fe: fe, kind: encoded, ctx: ctx})
	b.b.WriteString(s)
}

// inserted appends s, which has no bytes in the file; at is where it would be.
func (b *builder) inserted(s string, at int) {
	if s == "" {
		return
	}
	b.pieces = append(b.pieces, piece{t: b.b.Len(), f: at, fe: at, kind: inserted})
	b.b.WriteString(s)
}

// appendMapped appends an already mapped text.
func (b *builder) appendMapped(x mapped) {
	base := b.b.Len()
	for _, p := range x.m.pieces {
		p.t += base
		if n := len(b.pieces); n > 0 && p.kind == verbatim {
			last := &b.pieces[n-1]
			if last.kind == verbatim && last.fe == p.f && last.ctx == p.ctx && p.t == base {
				last.fe = p.fe
				continue
			}
		}
		b.pieces = append(b.pieces, p)
	}
	b.b.WriteString(x.text)
}

func (b *builder) len() int { return b.b.Len() }

func (b *builder) String() string { return b.b.String() }

// done returns the mapped text.
func (b *builder) done() mapped {
	return mapped{text: b.b.String(), m: offsetMap{pieces: b.pieces, n: b.b.Len(), empty: b.empty}}
}

// restrict keeps the ranges keep (in order, not overlapping) of x and maps
// the result to x's file. It is how removed comments leave the text: the
// kept text maps where it mapped before.
func restrict(x mapped, keep [][2]int) mapped {
	var b strings.Builder
	out := offsetMap{empty: x.m.fileOffset(0)}
	if len(keep) > 0 && keep[0][0] < x.m.n {
		out.empty = x.m.fileOffset(keep[0][0])
	}
	for _, r := range keep {
		a, z := max(0, r[0]), min(r[1], x.m.n)
		if a >= z {
			continue
		}
		base := b.Len()
		for i, o := x.m.find(a), a; o < z; i++ {
			p := x.m.pieces[i]
			e := min(z, x.m.pieceEnd(i))
			np := piece{t: base + o - a, f: p.f, fe: p.fe, kind: p.kind, ctx: p.ctx}
			if p.kind == verbatim {
				np.f, np.fe = p.f+o-p.t, p.f+e-p.t
			}
			if n := len(out.pieces); n > 0 && np.kind == verbatim {
				last := &out.pieces[n-1]
				if last.kind == verbatim && last.fe == np.f && last.ctx == np.ctx {
					last.fe = np.fe
					o = e
					continue
				}
			}
			out.pieces = append(out.pieces, np)
			o = e
		}
		b.WriteString(x.text[a:z])
	}
	out.n = b.Len()
	return mapped{text: b.String(), m: out}
}

// fallback maps a text that could not be aligned with the file: every
// offset points at at and nothing can be written back.
func fallback(s string, at int) mapped {
	m := offsetMap{n: len(s), empty: at}
	if s != "" {
		m.pieces = []piece{{t: 0, f: at, fe: at, kind: inserted}}
	}
	return mapped{text: s, m: m}
}

// compose maps outer, a text whose map points into inner's text, through
// inner's map to the file. Writing back goes through both encodings: an
// edit of HTML held in a JSON string is entity-encoded, then escaped.
func compose(outer, inner mapped) mapped {
	out := offsetMap{n: outer.m.n, empty: inner.m.fileOffset(outer.m.empty)}
	chains := map[[2]*writeContext]*writeContext{}
	chain := func(o, i *writeContext) *writeContext {
		if o == nil || i == nil {
			return nil
		}
		k := [2]*writeContext{o, i}
		if c, ok := chains[k]; ok {
			return c
		}
		c := *o
		c.crlf, c.inner = false, i
		chains[k] = &c
		return &c
	}
	add := func(np piece) {
		if n := len(out.pieces); n > 0 && np.kind == verbatim {
			last := &out.pieces[n-1]
			if last.kind == verbatim && last.fe == np.f && last.ctx == np.ctx {
				last.fe = np.fe
				return
			}
		}
		out.pieces = append(out.pieces, np)
	}
	for _, p := range outer.m.pieces {
		switch p.kind {
		case verbatim:
			for o := p.f; o < p.fe && o < inner.m.n; {
				j := inner.m.find(o)
				q := inner.m.pieces[j]
				e := min(p.fe, inner.m.pieceEnd(j))
				np := piece{t: p.t + o - p.f, f: q.f, fe: q.fe, kind: q.kind, ctx: chain(p.ctx, q.ctx)}
				if q.kind == verbatim {
					np.f, np.fe = q.f+o-q.t, q.f+e-q.t
				}
				add(np)
				o = e
			}
		case encoded:
			// The decoded text stands for mid[p.f:p.fe]; that range is
			// writable only as one run of one context.
			np := piece{t: p.t, f: inner.m.fileOffset(p.f), fe: inner.m.fileEnd(p.fe), kind: encoded}
			if fs, fe, ctx, ok := inner.m.span(p.f, p.fe); ok && fs == np.f && fe == np.fe {
				np.ctx = chain(p.ctx, ctx)
			}
			add(np)
		case inserted:
			at := inner.m.fileOffset(p.f)
			add(piece{t: p.t, f: at, fe: at, kind: inserted})
		}
	}
	return mapped{text: outer.text, m: out}
}

package match

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// Table holds the analyses (prefilters) of expressions made ahead of time,
// so that a linter need not analyse the expressions of its built-in rules
// at run time: the analysis is most of what the first message of a
// language costs. A table only saves work: an expression it does not hold
// is analysed as usual, and what it holds is what analysis gives (the
// tests compare them). A Table is read-only and safe for concurrent use.
type Table struct {
	entries map[tableKey][]byte
}

// tableKey names one expression's analysis: a hash of the expression and
// whether it runs on raw text with ASCII case ignored.
type tableKey [16]byte

// tableVersion changes whenever the analysis or the encoding changes; a
// table of another version is refused, so a stale table cannot be used.
const tableVersion = 1

var tableMagic = [4]byte{'r', 'l', 'p', 'f'}

// ErrTable reports a table that cannot be used.
var ErrTable = errors.New("prefilter table")

func keyOf(expr string, lower bool) tableKey {
	h := sha256.New()
	if lower {
		h.Write([]byte{1})
	} else {
		h.Write([]byte{0})
	}
	h.Write([]byte(expr))
	var k tableKey
	copy(k[:], h.Sum(nil))
	return k
}

// lookup returns the stored analysis of expr, if the table has it.
func (t *Table) lookup(expr string, lower bool) (prefilter, bool) {
	if t == nil {
		return prefilter{}, false
	}
	data, ok := t.entries[keyOf(expr, lower)]
	if !ok {
		return prefilter{}, false
	}
	d := decoder{b: data}
	pf := d.prefilter()
	if d.err != nil || len(d.b) != 0 {
		return prefilter{}, false
	}
	return pf, true
}

// EncodeTable analyses every expression of the sets' lists and encodes the
// analyses as a table for LoadTable. The output depends only on the
// expressions, so it is the same from run to run.
func EncodeTable(sets ...*Set) ([]byte, error) {
	entries := map[tableKey][]byte{}
	for _, s := range sets {
		for _, p := range s.allPrograms() {
			for _, expr := range p.exprs {
				k := keyOf(expr, p.lower)
				if _, ok := entries[k]; ok {
					continue
				}
				pf, err := analyze(expr, p.lower)
				if err != nil {
					return nil, fmt.Errorf("%w: %q: %w", ErrTable, expr, err)
				}
				var e encoder
				e.prefilter(pf)
				entries[k] = e.b
			}
		}
	}
	keys := make([]tableKey, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b tableKey) int { return slices.Compare(a[:], b[:]) })
	var e encoder
	e.b = append(e.b, tableMagic[:]...)
	e.uint(tableVersion)
	e.uint(uint64(len(keys)))
	for _, k := range keys {
		e.b = append(e.b, k[:]...)
		e.bytes(entries[k])
	}
	return e.b, nil
}

// LoadTable reads a table made by EncodeTable. Entries are decoded when
// looked up.
func LoadTable(data []byte) (*Table, error) {
	d := decoder{b: data}
	if len(d.b) < len(tableMagic) || [4]byte(d.b[:4]) != tableMagic {
		return nil, fmt.Errorf("%w: not a prefilter table", ErrTable)
	}
	d.b = d.b[4:]
	if v := d.uint(); d.err == nil && v != tableVersion {
		return nil, fmt.Errorf("%w: version %d, want %d (run go generate ./rules)", ErrTable, v, tableVersion)
	}
	n := d.uint()
	if d.err != nil || n > uint64(len(data)) {
		return nil, fmt.Errorf("%w: corrupt header", ErrTable)
	}
	t := &Table{entries: make(map[tableKey][]byte, n)}
	for range n {
		var k tableKey
		if len(d.b) < len(k) {
			return nil, fmt.Errorf("%w: truncated", ErrTable)
		}
		copy(k[:], d.b)
		d.b = d.b[len(k):]
		t.entries[k] = d.bytes()
		if d.err != nil {
			return nil, fmt.Errorf("%w: truncated", ErrTable)
		}
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%w: trailing bytes", ErrTable)
	}
	return t, nil
}

// allPrograms returns the set's lists in every language.
func (s *Set) allPrograms() []*program {
	langs := make([]string, 0, len(s.byLang))
	for lang := range s.byLang {
		langs = append(langs, lang)
	}
	slices.Sort(langs)
	var out []*program
	for _, lang := range langs {
		out = append(out, s.byLang[lang].lists()...)
	}
	return append(out, s.any.lists()...)
}

// The encoding: unsigned varints, signed (zig-zag) varints for extents
// (unbounded is -1), length-prefixed strings.

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64)  { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int)      { e.b = binary.AppendVarint(e.b, int64(v)) }
func (e *encoder) bytes(p []byte) { e.uint(uint64(len(p))); e.b = append(e.b, p...) }
func (e *encoder) str(s string)   { e.uint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) extent(x extent) {
	e.int(x.bytes)
	e.int(x.spaces)
}

func (e *encoder) prefilter(pf prefilter) {
	var flags uint64
	for i, f := range []bool{pf.items != nil, pf.never, pf.anchored, pf.word, pf.hasFirst, pf.wordStart, pf.pairs != nil} {
		if f {
			flags |= 1 << i
		}
	}
	e.uint(flags)
	for _, w := range pf.barrier {
		e.b = binary.LittleEndian.AppendUint64(e.b, w)
	}
	for _, w := range pf.first {
		e.b = binary.LittleEndian.AppendUint64(e.b, w)
	}
	e.uint(uint64(len(pf.pairs)))
	for _, p := range pf.pairs {
		e.uint(uint64(p))
	}
	e.uint(uint64(len(pf.items)))
	for _, it := range pf.items {
		e.str(it.lit)
		e.extent(it.pre)
		e.extent(it.post)
	}
	e.uint(uint64(len(pf.confirm)))
	for _, set := range pf.confirm {
		e.uint(uint64(len(set)))
		for _, lit := range set {
			e.str(lit)
		}
	}
}

type decoder struct {
	b   []byte
	err error
}

var errTruncated = errors.New("truncated")

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errTruncated
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errTruncated
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

// count reads a length, refusing one longer than what is left.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.err = errTruncated
		return 0
	}
	return int(n)
}

func (d *decoder) bytes() []byte {
	n := d.count()
	if d.err != nil {
		return nil
	}
	p := d.b[:n:n]
	d.b = d.b[n:]
	return p
}

func (d *decoder) str() string { return string(d.bytes()) }

func (d *decoder) uint64() uint64 {
	if d.err != nil || len(d.b) < 8 {
		d.err = errTruncated
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

func (d *decoder) extent() extent { return extent{bytes: d.int(), spaces: d.int()} }

func (d *decoder) prefilter() prefilter {
	var pf prefilter
	flags := d.uint()
	has := func(i int) bool { return flags&(1<<i) != 0 }
	pf.never, pf.anchored, pf.word, pf.hasFirst, pf.wordStart = has(1), has(2), has(3), has(4), has(5)
	for i := range pf.barrier {
		pf.barrier[i] = d.uint64()
	}
	for i := range pf.first {
		pf.first[i] = d.uint64()
	}
	if n := d.count(); has(6) {
		pf.pairs = make([]uint16, n)
		for i := range pf.pairs {
			pf.pairs[i] = uint16(d.uint())
		}
	}
	n := d.count()
	if has(0) {
		pf.items = make([]item, n)
		for i := range pf.items {
			pf.items[i] = item{lit: d.str(), pre: d.extent(), post: d.extent()}
		}
	}
	if n := d.count(); n > 0 {
		pf.confirm = make([][]string, n)
		for i := range pf.confirm {
			set := make([]string, d.count())
			for k := range set {
				set[k] = d.str()
			}
			pf.confirm[i] = set
		}
	}
	return pf
}

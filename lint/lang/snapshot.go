package lang

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// A snapshot is a Set as compact bytes: the built-in packs ship as one
// (rules/lang.bin, written by go generate ./rules from the YAML files), so
// that a run decodes it in a few milliseconds instead of parsing 350 KB of
// YAML at every start. Decoding reads strings straight out of the data, so
// data must not change afterwards (an embedded string never does).
//
// The format: the magic line, then unsigned varints and strings (a varint
// length and the bytes): the file names that places refer to by index, then
// each pack in code order with its fields in a fixed order, maps in key
// order. Every exported field of Pack is in it (TestSnapshotCoversPack).

// snapshotMagic starts a snapshot; the digit is the format's version.
const snapshotMagic = "replylint language packs 2\n"

// EncodeSnapshot returns the snapshot of s; the same set always gives the
// same bytes.
func (s Set) EncodeSnapshot() []byte {
	codes := make([]string, 0, len(s))
	for code := range s {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	body := &snapWriter{files: map[string]int{}}
	body.uint(len(codes))
	for _, code := range codes {
		body.pack(s[code])
	}
	head := &snapWriter{buf: []byte(snapshotMagic)}
	head.uint(len(body.fileList))
	for _, f := range body.fileList {
		head.str(f)
	}
	return append(head.buf, body.buf...)
}

// DecodeSnapshot reads a snapshot written by EncodeSnapshot. The packs'
// strings share data's memory.
func DecodeSnapshot(data string) (Set, error) {
	if !strings.HasPrefix(data, snapshotMagic) {
		return nil, errors.New("language pack snapshot: not a snapshot of this version")
	}
	r := &snapReader{data: data, at: len(snapshotMagic)}
	r.files = make([]string, r.count())
	for i := range r.files {
		r.files[i] = r.str()
	}
	set := Set{}
	for n := r.count(); n > 0 && r.err == nil; n-- {
		p := r.pack()
		set[p.Code] = p
	}
	if r.err == nil && r.at != len(data) {
		r.err = fmt.Errorf("%d bytes left over", len(data)-r.at)
	}
	if r.err != nil {
		return nil, fmt.Errorf("language pack snapshot: %w", r.err)
	}
	for _, p := range set {
		if err := p.prepare(); err != nil {
			return nil, err
		}
	}
	return set, nil
}

type snapWriter struct {
	buf      []byte
	files    map[string]int
	fileList []string
}

func (w *snapWriter) uint(n int) { w.buf = binary.AppendUvarint(w.buf, uint64(n)) }

func (w *snapWriter) str(s string) {
	w.uint(len(s))
	w.buf = append(w.buf, s...)
}

func (w *snapWriter) list(l []string) {
	w.uint(len(l))
	for _, s := range l {
		w.str(s)
	}
}

func (w *snapWriter) file(name string) {
	i, ok := w.files[name]
	if !ok {
		i = len(w.fileList)
		w.files[name] = i
		w.fileList = append(w.fileList, name)
	}
	w.uint(i)
}

func (w *snapWriter) place(file string, line, col int) {
	w.file(file)
	w.uint(line)
	w.uint(col)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (w *snapWriter) pack(p *Pack) {
	w.str(p.Code)
	w.str(p.Stemmer)
	w.uint(len(p.Contractions))
	for _, k := range sortedKeys(p.Contractions) {
		w.str(k)
		w.str(p.Contractions[k])
	}
	w.list(p.ClauseConnectors)
	w.list(p.AdverbialConnectors)
	w.list(p.Coordinators)
	w.list(p.Abbreviations)
	w.uint(len(p.Vocabularies))
	for _, name := range sortedKeys(p.Vocabularies) {
		v := p.Vocabularies[name]
		w.str(v.Name)
		w.uint(v.Typos)
		w.place(v.File, v.Line, v.Col)
		w.uint(len(v.Entries))
		for _, e := range v.Entries {
			w.str(e.Text)
			w.place(e.File, e.Line, e.Col)
		}
	}
	w.list(p.KindExamples.Complaint)
	w.list(p.KindExamples.NotComplaint)
	w.list(p.KindExamples.Proactive)
	w.list(p.KindExamples.Reply)
	if p.TypeExamples == nil {
		w.uint(0)
	} else {
		w.uint(len(p.TypeExamples) + 1) // 1: an empty map, not none
		for _, k := range sortedKeys(p.TypeExamples) {
			w.str(k)
			w.list(p.TypeExamples[k])
		}
	}
	w.list(p.Dictionary)
	compounds := 0
	if p.Compounds {
		compounds = 1
	}
	w.uint(compounds)
}

type snapReader struct {
	data  string
	at    int
	files []string
	err   error
}

func (r *snapReader) uint() int {
	if r.err != nil {
		return 0
	}
	var v uint64
	var shift uint
	for {
		if r.at >= len(r.data) || shift > 63 {
			r.err = errors.New("truncated")
			return 0
		}
		b := r.data[r.at]
		r.at++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			break
		}
		shift += 7
	}
	if v > 1<<31 {
		r.err = errors.New("number out of range")
		return 0
	}
	return int(v)
}

// count reads a length, which cannot exceed the bytes left (every item
// takes at least one).
func (r *snapReader) count() int {
	n := r.uint()
	if n > len(r.data)-r.at {
		if r.err == nil {
			r.err = errors.New("length out of range")
		}
		return 0
	}
	return n
}

func (r *snapReader) str() string {
	n := r.uint()
	if r.err != nil {
		return ""
	}
	if n > len(r.data)-r.at {
		r.err = errors.New("string out of range")
		return ""
	}
	s := r.data[r.at : r.at+n]
	r.at += n
	return s
}

// list reads a list; an empty one is nil, as the YAML loader leaves it.
func (r *snapReader) list() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *snapReader) file() string {
	i := r.uint()
	if r.err != nil {
		return ""
	}
	if i >= len(r.files) {
		r.err = errors.New("file index out of range")
		return ""
	}
	return r.files[i]
}

func (r *snapReader) pack() *Pack {
	p := &Pack{Code: r.str(), Stemmer: r.str()}
	n := r.count()
	p.Contractions = make(map[string]string, n)
	for ; n > 0; n-- {
		k := r.str()
		p.Contractions[k] = r.str()
	}
	p.ClauseConnectors = r.list()
	p.AdverbialConnectors = r.list()
	p.Coordinators = r.list()
	p.Abbreviations = r.list()
	n = r.count()
	p.Vocabularies = make(map[string]*Vocabulary, n)
	for ; n > 0 && r.err == nil; n-- {
		v := &Vocabulary{Name: r.str(), Typos: r.uint(), File: r.file(), Line: r.uint(), Col: r.uint()}
		if m := r.count(); m > 0 {
			v.Entries = make([]Entry, m)
			for i := range v.Entries {
				v.Entries[i] = Entry{Text: r.str(), File: r.file(), Line: r.uint(), Col: r.uint()}
			}
		}
		p.Vocabularies[v.Name] = v
	}
	p.KindExamples = KindExamples{Complaint: r.list(), NotComplaint: r.list(), Proactive: r.list(), Reply: r.list()}
	if n = r.count(); n > 0 {
		p.TypeExamples = make(map[string][]string, n-1)
		for ; n > 1; n-- {
			k := r.str()
			p.TypeExamples[k] = r.list()
		}
	}
	p.Dictionary = r.list()
	p.Compounds = r.uint() == 1
	return p
}

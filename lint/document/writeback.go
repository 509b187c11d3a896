package document

import (
	"errors"
	"sort"
	"strings"
)

// Change is an edit of one message's Text: Text[Start:End] becomes NewText.
// Message indexes the messages of the Split call the change belongs to.
type Change struct {
	Message    int
	Start, End int
	NewText    string
}

// WriteBack writes changes of a file's messages into the file, the one way
// edits reach a file: each change is encoded for where it lands (see
// Message.Edit), all of them are applied, and the written file is split
// once more. Every message must then read as intended, the number of
// messages and their names stay, and no new problem appears; when that
// fails, the changes are bisected and those that do not read back are left
// out. A change in a YAML scalar that cannot be spliced in (a line break in
// a plain scalar, a control character in a block) is written by re-emitting
// the whole scalar as a double-quoted one. msgs must be all the messages
// one Split of the file returned, in order.
//
// out is the written file; applied tells, per change, whether it is in it.
// A file whose changes all read back costs one more split; each change
// that does not costs a few more.
func WriteBack(msgs []*Message, changes []Change) (out string, applied []bool) {
	return writeBack(msgs, changes, true)
}

// CheckEdits reports which changes Message.Edit writes in place so that
// they read back, as WriteBack would apply them, but without re-emitting
// whole scalars: an edit shown with a finding (in JSON, in SARIF, to an
// editor) is applied by others byte for byte.
func CheckEdits(msgs []*Message, changes []Change) []bool {
	_, applied := writeBack(msgs, changes, false)
	return applied
}

func writeBack(msgs []*Message, changes []Change, whole bool) (out string, applied []bool) {
	applied = make([]bool, len(changes))
	if len(msgs) == 0 {
		return "", applied
	}
	w := &writer{msgs: msgs, changes: changes, file: msgs[0].file, format: msgs[0].splitFormat}
	w.baseline()
	var splices []edit
	var rest []int
	for i, c := range changes {
		if c.Message < 0 || c.Message >= len(msgs) {
			continue
		}
		if e, ok := w.splice(i); ok {
			splices = append(splices, e)
		} else {
			rest = append(rest, i)
		}
	}
	splices = nonOverlapping(splices)
	kept := w.accept(nil, splices)
	in := map[int]bool{}
	for _, e := range kept {
		for _, c := range e.changes {
			in[c] = true
		}
	}
	for _, e := range splices {
		for _, c := range e.changes {
			if !in[c] {
				rest = append(rest, c)
			}
		}
	}
	// What could not be spliced is tried again as whole scalars, one
	// scalar at a time, with the kept edits of that scalar folded in.
	if !whole {
		rest = nil
	}
	for _, group := range w.byScalar(rest) {
		whole, ok := w.wholeScalar(group, kept)
		if !ok {
			continue
		}
		others := removeInside(kept, whole.fs, whole.fe)
		if overlapsEdits(others, whole) {
			continue
		}
		others = append(others, whole)
		if w.check(others) {
			kept = others
		}
	}
	for _, e := range kept {
		for _, c := range e.changes {
			applied[c] = true
		}
	}
	return apply(w.file, kept), applied
}

// edit is a file edit and the changes it carries.
type edit struct {
	fs, fe  int
	text    string
	changes []int
}

type writer struct {
	msgs    []*Message
	changes []Change
	file    string
	format  Format
	// problems are the file's own hard problems, which an edit may leave
	// but not add to.
	problems []string
}

func (w *writer) baseline() {
	_, errs := SplitFormat("", w.file, w.format)
	w.problems = hardProblems(errs)
}

func hardProblems(errs []error) []string {
	var out []string
	for _, err := range errs {
		var p *Problem
		if errors.As(err, &p) && p.Warning {
			continue
		}
		if p != nil {
			out = append(out, p.Msg)
		} else {
			out = append(out, err.Error())
		}
	}
	sort.Strings(out)
	return out
}

// splice encodes change i for its place in the file.
func (w *writer) splice(i int) (edit, bool) {
	c := w.changes[i]
	m := w.msgs[c.Message]
	fe, ok := m.Edit(c.Start, c.End, c.NewText)
	if !ok {
		return edit{}, false
	}
	return edit{fs: fe.Start, fe: fe.End, text: fe.NewText, changes: []int{i}}, true
}

// accept returns base plus the largest part of try that reads back with it,
// found by bisection: all of try at once, else each half in turn.
func (w *writer) accept(base, try []edit) []edit {
	if len(try) == 0 {
		return base
	}
	all := append(append([]edit(nil), base...), try...)
	if w.check(all) {
		return all
	}
	if len(try) == 1 {
		return base
	}
	mid := len(try) / 2
	base = w.accept(base, try[:mid])
	return w.accept(base, try[mid:])
}

// check applies edits to the file and reports whether every message
// reads back as its changes intend.
func (w *writer) check(edits []edit) bool {
	out := apply(w.file, edits)
	again, errs := SplitFormat("", out, w.format)
	if len(again) != len(w.msgs) || !equalStrings(hardProblems(errs), w.problems) {
		return false
	}
	byMsg := map[int][]Change{}
	for _, e := range edits {
		for _, c := range e.changes {
			ch := w.changes[c]
			ch.NewText = w.written(c)
			byMsg[ch.Message] = append(byMsg[ch.Message], ch)
		}
	}
	for i, m := range w.msgs {
		got := again[i]
		if got.Name != m.Name || !sameSettings(got.Settings, m.Settings) {
			return false
		}
		want := m.Text
		if cs := byMsg[i]; len(cs) > 0 {
			want = applyChanges(m.Text, cs)
		}
		if m.viaHTML || got.viaHTML {
			if words(got.Text) != words(want) {
				return false
			}
		} else if got.Text != want {
			return false
		}
	}
	return true
}

// written is the text change i puts into its message once the file is
// read again: in a CR LF file, text copied verbatim gets CR LF breaks.
func (w *writer) written(i int) string {
	c := w.changes[i]
	if _, _, ctx, ok := w.msgs[c.Message].span(c.Start, c.End); ok && ctx != nil && ctx.kind == writeRaw && ctx.crlf {
		return ctx.lineEnds(c.NewText)
	}
	return c.NewText
}

func sameSettings(a, b Settings) bool {
	return a.Channel == b.Channel && a.Kind == b.Kind && a.Language == b.Language && a.Mode == b.Mode &&
		a.Marketplace == b.Marketplace && a.Register == b.Register && equalStrings(a.Disable, b.Disable)
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func words(s string) string { return strings.Join(strings.Fields(s), " ") }

// applyChanges applies non-overlapping changes to s.
func applyChanges(s string, cs []Change) string {
	cs = append([]Change(nil), cs...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Start < cs[j].Start })
	var b strings.Builder
	at := 0
	for _, c := range cs {
		if c.Start < at || c.End > len(s) || c.Start > c.End {
			continue
		}
		b.WriteString(s[at:c.Start])
		b.WriteString(c.NewText)
		at = c.End
	}
	b.WriteString(s[at:])
	return b.String()
}

// apply applies non-overlapping file edits.
func apply(file string, edits []edit) string {
	es := append([]edit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].fs < es[j].fs })
	var b strings.Builder
	at := 0
	for _, e := range es {
		b.WriteString(file[at:e.fs])
		b.WriteString(e.text)
		at = e.fe
	}
	b.WriteString(file[at:])
	return b.String()
}

// nonOverlapping keeps, in the order given, the edits that touch no edit
// kept before them (two insertions at one point overlap: their order would
// be arbitrary).
func nonOverlapping(es []edit) []edit {
	var out []edit
	var kept []edit // sorted by start, disjoint
	for _, e := range es {
		i := sort.Search(len(kept), func(i int) bool { return kept[i].fs > e.fe })
		clash := false
		for j := i - 1; j >= 0 && !clash; j-- {
			clash = overlapsEdits(kept[j:j+1], e)
			if kept[j].fe < e.fs {
				break // the edits before end earlier still
			}
		}
		if clash {
			continue
		}
		out = append(out, e)
		k := sort.Search(len(kept), func(k int) bool { return kept[k].fs > e.fs || kept[k].fs == e.fs && kept[k].fe > e.fe })
		kept = append(kept, edit{})
		copy(kept[k+1:], kept[k:])
		kept[k] = e
	}
	return out
}

func overlapsEdits(es []edit, e edit) bool {
	for _, o := range es {
		if e.fs == e.fe && o.fs == o.fe {
			if e.fs == o.fs {
				return true
			}
			continue
		}
		if e.fs < o.fe && o.fs < e.fe || e.fs == e.fe && o.fs < e.fs && e.fs < o.fe || o.fs == o.fe && e.fs < o.fs && o.fs < e.fe {
			return true
		}
	}
	return false
}

// removeInside drops the edits that lie inside [fs, fe).
func removeInside(es []edit, fs, fe int) []edit {
	var out []edit
	for _, e := range es {
		if e.fs >= fs && e.fe <= fe {
			continue
		}
		out = append(out, e)
	}
	return out
}

// byScalar groups changes by the YAML scalar they fall in, in file order;
// changes outside one are left out.
func (w *writer) byScalar(idx []int) [][]int {
	groups := map[*wholeScalar][]int{}
	var order []*wholeScalar
	for _, i := range idx {
		c := w.changes[i]
		s := w.msgs[c.Message].scalarOf(c.Start, c.End)
		if s == nil {
			continue
		}
		if _, ok := groups[s]; !ok {
			order = append(order, s)
		}
		groups[s] = append(groups[s], i)
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].fs < order[j].fs })
	out := make([][]int, 0, len(order))
	for _, s := range order {
		out = append(out, groups[s])
	}
	return out
}

// wholeScalar rewrites the scalar that the changes of group fall in as a
// double-quoted scalar holding its value with those changes, and with the
// kept changes already inside it.
func (w *writer) wholeScalar(group []int, kept []edit) (edit, bool) {
	c0 := w.changes[group[0]]
	m := w.msgs[c0.Message]
	s := m.scalarOf(c0.Start, c0.End)
	if s == nil {
		return edit{}, false
	}
	ts, te, ok := m.scalarText(s)
	if !ok {
		return edit{}, false
	}
	var cs []Change
	var ids []int
	add := func(i int) bool {
		c := w.changes[i]
		if c.Message == c0.Message && c.Start >= ts && c.End <= te {
			cs = append(cs, Change{Start: c.Start - ts, End: c.End - ts, NewText: c.NewText})
			ids = append(ids, i)
			return true
		}
		return false
	}
	for _, e := range kept {
		if e.fs >= s.fs && e.fe <= s.fe {
			for _, i := range e.changes {
				_ = add(i)
			}
		}
	}
	for _, i := range group {
		if !add(i) {
			return edit{}, false // the change reaches out of the scalar
		}
	}
	if !nonOverlappingChanges(cs) {
		return edit{}, false
	}
	value := applyChanges(m.Text[ts:te], cs)
	return edit{fs: s.fs, fe: s.fe, text: `"` + yamlDoubleEscape(value, false, false) + `"`, changes: ids}, true
}

func nonOverlappingChanges(cs []Change) bool {
	cs = append([]Change(nil), cs...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Start < cs[j].Start })
	for i := 1; i < len(cs); i++ {
		a, b := cs[i-1], cs[i]
		bothInsert := a.Start == a.End && b.Start == b.End
		if b.Start < a.End || bothInsert && a.Start == b.Start {
			return false
		}
	}
	return true
}

// wholeScalar is a YAML scalar as written: file[fs:fe] from its opening
// quote or block indicator to its last character of text, and the value
// it holds.
type wholeScalar struct {
	fs, fe int
	value  string
}

// scalarOf returns the YAML scalar that the text range [start, end) lies
// in, nil when it lies in none (or in a scalar read as HTML, whose value is
// not the message text).
func (m *Message) scalarOf(start, end int) *wholeScalar {
	if m.viaHTML || len(m.m.pieces) == 0 {
		return nil
	}
	o := min(start, m.m.n-1)
	if start == end && start > 0 {
		o = start - 1
	}
	p := m.m.pieces[m.m.find(max(o, 0))]
	if p.ctx == nil || p.ctx.whole == nil {
		return nil
	}
	return p.ctx.whole
}

// scalarText finds the run of message text that is the scalar's value.
func (m *Message) scalarText(s *wholeScalar) (ts, te int, ok bool) {
	ts, te = -1, -1
	for i, p := range m.m.pieces {
		if p.ctx == nil || p.ctx.whole != s {
			if ts >= 0 && te < 0 {
				te = p.t
			}
			continue
		}
		if te >= 0 {
			return 0, 0, false // the value is cut in two (a comment was removed)
		}
		if ts < 0 {
			ts = p.t
		}
		if i == len(m.m.pieces)-1 {
			te = m.m.n
		}
	}
	if ts < 0 {
		// An empty scalar has no pieces.
		return 0, 0, false
	}
	if te < 0 {
		te = m.m.n
	}
	return ts, te, m.Text[ts:te] == s.value
}

package triage

import (
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/lint/token"
)

// Hit is one place a signal was found: byte offsets into the message text
// and the matched text.
type Hit struct {
	Signal string `json:"signal"`
	// Pattern is the signal rule's pattern that matched (its id, or its
	// index "#2").
	Pattern string `json:"pattern"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	// Line and Col are 1-based, Col in characters, in the message text.
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Text string `json:"text"`
}

// detector holds the compiled patterns of every signal.
type detector struct {
	comp    *pattern.Compiler
	signals []*Signal
	// subs[i] are signal i's compiled patterns.
	subs [][]*compiledPattern
}

type compiledPattern struct {
	spec  *PatternSpec
	name  string
	langs map[string]*compiledItems
}

type compiledItems struct{ all, any, not []pattern.Item }

// newDetector compiles the signals' patterns against the packs. A pattern
// that names a vocabulary a language lacks is skipped in that language,
// unless it lists its languages, which makes the lack an error.
func newDetector(signals []*Signal, packs lang.Set) (*detector, error) {
	d := &detector{comp: pattern.NewCompiler(packs), signals: signals}
	var errs []error
	for _, s := range signals {
		var subs []*compiledPattern
		for i, p := range s.Patterns {
			cp := &compiledPattern{spec: p, name: p.ID, langs: map[string]*compiledItems{}}
			if cp.name == "" {
				cp.name = fmt.Sprintf("#%d", i+1)
			}
			langs, explicit := p.Languages, len(p.Languages) > 0
			if !explicit {
				langs = rule.Languages()
			}
			for _, code := range langs {
				ci, err := d.compile(code, p)
				switch {
				case errors.Is(err, pattern.ErrMissingVocabulary) && !explicit:
					continue
				case err != nil:
					errs = append(errs, fmt.Errorf("%s: signal %s pattern %s (%s): %w", s.File, s.ID, cp.name, code, err))
					continue
				}
				cp.langs[code] = ci
			}
			subs = append(subs, cp)
		}
		d.subs = append(d.subs, subs)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	d.comp.Freeze()
	return d, nil
}

func (d *detector) compile(code string, p *PatternSpec) (*compiledItems, error) {
	// An exception (not:) whose words a language lacks excepts nothing
	// there; it must not switch the whole pattern off in that language.
	var not []rule.String
	for _, it := range p.Not {
		err := d.comp.Check(code, it.Value, nil)
		switch {
		case errors.Is(err, pattern.ErrMissingVocabulary):
			continue
		case err != nil:
			return nil, fmt.Errorf("line %d: %w", it.Line, err)
		}
		not = append(not, it)
	}
	lists := [][]rule.String{p.All, p.Any, not}
	for _, list := range lists[:2] {
		for _, it := range list {
			if err := d.comp.Check(code, it.Value, nil); err != nil {
				return nil, fmt.Errorf("line %d: %w", it.Line, err)
			}
		}
	}
	ci := &compiledItems{}
	for k, list := range lists {
		for _, it := range list {
			item, err := d.comp.Add(code, it.Value, nil)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", it.Line, err)
			}
			switch k {
			case 0:
				ci.all = append(ci.all, item)
			case 1:
				ci.any = append(ci.any, item)
			default:
				ci.not = append(ci.not, item)
			}
		}
	}
	return ci, nil
}

// find returns every signal hit in msg (in language code), in text order;
// each signal is reported at most once per scope unit.
func (d *detector) find(msg, code string) []Hit {
	pack := d.comp.Pack(code)
	v := token.Build(msg, text.Normalize(msg), pack)
	res := d.comp.Run(code, v)
	var out []Hit
	for si, s := range d.signals {
		for _, cp := range d.subs[si] {
			ci := cp.langs[code]
			if ci == nil {
				continue
			}
			for _, sp := range matchUnits(v, res, ci, cp.spec) {
				out = append(out, Hit{Signal: s.ID, Pattern: cp.name, Start: sp[0], End: sp[1], Text: msg[sp[0]:sp[1]]})
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Start != out[b].Start {
			return out[a].Start < out[b].Start
		}
		return out[a].Signal < out[b].Signal
	})
	// One hit per signal and span: two patterns of a signal finding the
	// same words say it once.
	out = slices.CompactFunc(out, func(a, b Hit) bool { return a.Signal == b.Signal && a.Start == b.Start && a.End == b.End })
	lines := text.NewSource(msg)
	for i := range out {
		p := lines.Position(out[i].Start)
		out[i].Line, out[i].Col = p.Line, p.Column
	}
	return out
}

// matchUnits returns the byte spans where a pattern holds: every all item
// in one scope unit, one any item there if there are any, no not item.
func matchUnits(v *token.View, res *pattern.Results, ci *compiledItems, spec *PatternSpec) [][2]int {
	unitOf := func(tok int) int {
		t := &v.Tokens[tok]
		switch spec.Scope {
		case "clause":
			return t.Clause
		case "paragraph":
			return t.Paragraph
		case "message":
			return 0
		}
		return t.Sentence
	}
	first := make([]map[int]pattern.Match, len(ci.all))
	for k, it := range ci.all {
		first[k] = map[int]pattern.Match{}
		for _, mt := range res.Matches(it) {
			u := unitOf(mt.From)
			if unitOf(mt.To-1) != u {
				continue
			}
			if _, ok := first[k][u]; !ok {
				first[k][u] = mt
			}
		}
	}
	in := func(items []pattern.Item, u int) bool {
		for _, it := range items {
			for _, mt := range res.Matches(it) {
				if unitOf(mt.From) == u {
					return true
				}
			}
		}
		return false
	}
	units := make([]int, 0, len(first[0]))
	for u := range first[0] {
		units = append(units, u)
	}
	slices.Sort(units)
	var out [][2]int
next:
	for _, u := range units {
		from, to := -1, -1
		for k := range ci.all {
			mt, ok := first[k][u]
			if !ok {
				continue next
			}
			if spec.Report != nil && *spec.Report != k {
				continue
			}
			if from < 0 || mt.From < from {
				from = mt.From
			}
			to = max(to, mt.To)
		}
		if len(ci.any) > 0 && !in(ci.any, u) || in(ci.not, u) {
			continue
		}
		out = append(out, [2]int{v.Tokens[from].Start, v.Tokens[to-1].End})
	}
	return out
}

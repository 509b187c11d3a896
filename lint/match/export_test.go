package match

import (
	"github.com/replylint/replylint/lint/rule"
	"sort"

	"github.com/replylint/replylint/lint/text"
)

// FindAllReference is Set.FindAll done the plain way, as before literal
// prefilters: every regular expression runs over the whole text. The
// equivalence tests compare the fast path with it.
func (s *Set) FindAllReference(lang string, n *text.Normalized) []Span {
	if s == nil {
		return nil
	}
	var out []Span
	if m := s.byLang[lang]; m != nil {
		out = m.findAllReference(n)
	}
	if s.any != nil {
		out = append(out, s.any.findAllReference(n)...)
		sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	}
	return out
}

func (m *Matcher) findAllReference(n *text.Normalized) []Span {
	if m == nil || m.find == nil {
		return nil
	}
	locs := m.find.re.get().FindAllStringIndex(n.Text, -1)
	if len(locs) == 0 {
		return nil
	}
	var exceptLocs []span
	if m.except != nil {
		for _, l := range m.except.re.get().FindAllStringIndex(n.Text, -1) {
			exceptLocs = append(exceptLocs, span{l[0], l[1]})
		}
	}
	out := make([]Span, 0, len(locs))
	for _, l := range locs {
		loc := span{l[0], l[1]}
		if !atBoundaries(n.Text, loc.start, loc.end) || overlapsAny(loc, exceptLocs) {
			continue
		}
		start, end := n.Span(loc.start, loc.end)
		out = append(out, Span{Start: start, End: end})
	}
	return out
}

// ProgramStats describes how a Set's lists are prefiltered, for tests.
type ProgramStats struct {
	Lists, Whole, Anchored, Literals int
}

// Stats counts the Set's lists that run on the whole text.
func (s *Set) Stats() ProgramStats {
	var st ProgramStats
	add := func(p *program) {
		if p == nil {
			return
		}
		p.prepare()
		st.Lists++
		if p.whole {
			st.Whole++
		}
		if p.anchored {
			st.Anchored++
		}
		st.Literals += len(p.items)
	}
	for _, m := range s.byLang {
		add(m.find)
		add(m.except)
	}
	if s.any != nil {
		add(s.any.find)
		add(s.any.except)
	}
	return st
}

// SplitAlternation exposes splitAlternation to the tests.
var SplitAlternation = splitAlternation

// CompileRule compiles a rule's match block the way package check does, for
// the tests that read the built-in rules.
func CompileRule(r *rule.Rule, block map[string]rule.Match) (*Set, error) {
	conv := func(list []rule.String) []Expr {
		out := make([]Expr, len(list))
		for i, s := range list {
			out[i] = Expr{Value: s.Value, Line: s.Line, Col: s.Col}
		}
		return out
	}
	blocks := make(map[string]Block, len(block))
	for lang, m := range block {
		key := lang
		if lang == rule.AnyLanguage {
			key = AnyLanguage
		}
		blocks[key] = Block{Phrases: conv(m.Phrases), Patterns: conv(m.Patterns), Except: conv(m.Except)}
	}
	return Compile(blocks, CompileOptions{Verified: r.Verified})
}

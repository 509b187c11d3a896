package check

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/pattern"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/strictyaml"
	"github.com/replylint/replylint/lint/token"
)

// Env is what the checks of one linter share: the pattern compiler over the
// language packs. Checks add their patterns to it while they are built; the
// linter freezes it before the first message.
type Env struct {
	Patterns *pattern.Compiler
}

// group is a compiled rule group: the token-pattern sub-rules of one rule.
type group struct {
	rule *rule.Rule
	subs []*subrule
	// langs are the languages in which at least one sub-rule compiled.
	langs map[string]bool
	// quotesCount: matches inside quotation marks count too. A link or a
	// phone number in quotes ("type „shop punkt de“ into your browser",
	// 「mokuzai ドット jp」) is still sent; the judgement rules leave quoted
	// text alone, where the seller repeats the buyer's words.
	quotesCount bool
}

type subrule struct {
	spec  *rule.PatternSpec
	scope string
	langs map[string]*compiledSub
}

type compiledSub struct {
	all, any, not []pattern.Item
}

// groupHit is one sub-rule's match in a message.
type groupHit struct {
	sub      *subrule
	span     match.Span
	captures []capture
}

// capture is the text a named capture of a hit took, first one of a name
// only. A hit has at most a few: a list, cut from one array per find, costs
// no allocation of its own (a map per hit was a tenth of a message's
// allocations).
type capture struct{ name, text string }

// newGroup compiles a rule's patterns block against the packs.
func newGroup(r *rule.Rule, env *Env) (*group, error) {
	g := &group{rule: r, langs: map[string]bool{}}
	if len(r.Patterns) == 0 {
		return g, nil
	}
	if env == nil || env.Patterns == nil {
		return nil, r.ErrorAt([]string{"patterns"}, "token patterns need the language packs (no pattern compiler given)")
	}
	comp := env.Patterns
	locals := map[string]*pattern.Locals{}
	for _, code := range rule.Languages() {
		_, own := r.Vocabularies[code]
		_, shared := r.Vocabularies[rule.AnyLanguage]
		if own || shared {
			locals[code] = pattern.NewLocals(ruleVocabularies(r, code))
		}
	}
	for _, spec := range r.Patterns {
		s := &subrule{spec: spec, scope: spec.Scope, langs: map[string]*compiledSub{}}
		if s.scope == "" {
			s.scope = "sentence"
		}
		langs := spec.Languages
		explicit := len(langs) > 0
		if !explicit {
			langs = rule.Languages()
		}
		all := spec.All
		if spec.Pattern != nil {
			all = []rule.String{*spec.Pattern}
		}
		for _, code := range langs {
			if len(r.Languages) > 0 && !slices.Contains(r.Languages, code) && len(r.Match) > 0 {
				continue
			}
			loc := locals[code]
			items := [][]rule.String{all, spec.Any, spec.Not}
			missing := false
			for _, list := range items {
				for _, it := range list {
					err := comp.Check(code, it.Value, loc)
					switch {
					case errors.Is(err, pattern.ErrMissingVocabulary):
						if explicit {
							return nil, patternError(r, it, "%v", err)
						}
						missing = true
					case err != nil:
						return nil, patternError(r, it, "%v", err)
					}
				}
			}
			if missing {
				continue
			}
			cs := &compiledSub{}
			for i, list := range items {
				for _, it := range list {
					item, err := comp.Add(code, it.Value, loc)
					if err != nil {
						return nil, patternError(r, it, "%v", err)
					}
					switch i {
					case 0:
						cs.all = append(cs.all, item)
					case 1:
						cs.any = append(cs.any, item)
					default:
						cs.not = append(cs.not, item)
					}
				}
			}
			s.langs[code] = cs
			g.langs[code] = true
		}
		g.subs = append(g.subs, s)
	}
	return g, nil
}

func patternError(r *rule.Rule, s rule.String, format string, args ...any) error {
	return &strictyaml.Error{File: r.Pos.File, Line: s.Line, Column: s.Col, Msg: fmt.Sprintf(format, args...)}
}

// ruleVocabularies converts a rule's own vocabularies for one language:
// those under "any" (words of no language: top-level domains) and the
// language's own, which win.
func ruleVocabularies(r *rule.Rule, code string) map[string]*lang.Vocabulary {
	out := map[string]*lang.Vocabulary{}
	add := func(name string, spec *rule.VocabularySpec) {
		v := &lang.Vocabulary{Name: name, Typos: spec.Typos, File: r.Pos.File, Line: spec.Line, Col: spec.Col}
		for _, w := range spec.Words {
			v.Entries = append(v.Entries, lang.Entry{Text: w.Value, File: r.Pos.File, Line: w.Line, Col: w.Col})
		}
		out[name] = v
	}
	for name, spec := range r.Vocabularies[rule.AnyLanguage] {
		add(name, spec)
	}
	for name, spec := range r.Vocabularies[code] {
		add(name, spec)
	}
	return out
}

// has reports whether the group can say anything in a language.
func (g *group) has(code string) bool { return g.langs[code] }

type viewKey struct{}

type resultsKey struct{ c *pattern.Compiler }

// View returns the message's tokens, computed once per message in a
// builder of the compiler's pool, which the message's Release returns.
func View(m *message.Message, comp *pattern.Compiler) *token.View {
	v := m.Memo(viewKey{}, func() any {
		if comp == nil {
			return &pooledView{view: token.Build(m.Text(), m.Folded, nil)}
		}
		b := comp.Builders().Get()
		return &pooledView{view: b.Build(m.Text(), m.Folded, comp.Pack(m.Language)), b: b, pool: comp.Builders()}
	})
	return v.(*pooledView).view
}

// pooledView is a message's view and the builder it lives in.
type pooledView struct {
	view *token.View
	b    *token.Builder
	pool *token.Pool
}

// Release implements the message's release of its working memory.
func (p *pooledView) Release() {
	if p.pool != nil {
		p.pool.Put(p.b)
		*p = pooledView{}
	}
}

// Results returns every pattern match in the message, computed once per
// message for all rules.
func Results(m *message.Message, comp *pattern.Compiler) *pattern.Results {
	v := m.Memo(resultsKey{comp}, func() any { return comp.Run(m.Language, View(m, comp)) })
	return v.(*pattern.Results)
}

type findScratchKey struct{}

// findScratch is the working memory of find, kept with the message for
// the next rule's find (a message is linted by one goroutine).
type findScratch struct {
	perItem [][]pattern.Match
	next    []int
	chosen  []pattern.Match
	// arena holds one sub-rule's per-item lists, each cut with room for
	// all its item's matches: one array for all of them instead of one
	// or more each.
	arena []pattern.Match
}

// find returns every sub-rule match in the message, in text order; filter
// says which sub-rules to run (nil: all).
func (g *group) find(m *message.Message, comp *pattern.Compiler, filter func(*subrule) bool) []groupHit {
	var out []groupHit
	g.each(m, comp, filter, func(h groupHit) bool {
		out = append(out, h)
		return true
	})
	slices.SortStableFunc(out, func(a, b groupHit) int { return a.span.Start - b.span.Start })
	return out
}

// each calls yield with the sub-rules' matches, sub-rule by sub-rule and
// in text order within each, until yield returns false.
func (g *group) each(m *message.Message, comp *pattern.Compiler, filter func(*subrule) bool, yield func(groupHit) bool) {
	if !g.has(m.Language) {
		return
	}
	v := View(m, comp)
	res := Results(m, comp)
	var quoted []match.Span
	if !g.quotesCount {
		quoted = messageQuotes(m)
	}
	// The per-sub-rule lists, reused from one sub-rule to the next and
	// from one rule's find to the next on the message: most sub-rules
	// find nothing, and allocating them afresh for each was a fifth of a
	// message's allocations. They are scratch: nothing find returns
	// points into them.
	sc := m.Memo(findScratchKey{}, func() any { return &findScratch{} }).(*findScratch)
	perItem, next, chosen, arena := sc.perItem, sc.next, sc.chosen, sc.arena
	defer func() { sc.perItem, sc.next, sc.chosen, sc.arena = perItem, next, chosen, arena }()
	// capArena holds the hits' captures; each hit's list is cut to its
	// length, so a later append moves on to a new array and leaves it be.
	var capArena []capture
	for _, s := range g.subs {
		cs := s.langs[m.Language]
		if cs == nil || filter != nil && !filter(s) {
			continue
		}
		region, limited := insideRegion(m, s.spec.Inside)
		usable := func(mt pattern.Match) bool {
			sp := tokenSpan(v, mt.From, mt.To)
			if limited && (sp.Start < region.Start || sp.End > region.End) {
				return false
			}
			return !insideAny(sp, quoted)
		}
		unitOf := func(tok int) int {
			t := &v.Tokens[tok]
			switch s.scope {
			case "clause":
				return t.Clause
			case "paragraph":
				return t.Paragraph
			case "message":
				return 0
			}
			return t.Sentence
		}
		// An item whose words are not all in the message rules the
		// sub-rule out before any of its items is matched.
		if !allPossible(res, cs.all) {
			continue
		}
		// Each item's usable matches, one per unit (the first), in text
		// order: the units where every item of all has one are hits.
		perItem = growLists(perItem, len(cs.all))
		arena = arena[:0]
		found := true
		for k, it := range cs.all {
			last := -1
			ms := res.Matches(it)
			if cap(arena)-len(arena) < len(ms) {
				arena = make([]pattern.Match, 0, max(4, 2*cap(arena), len(ms)))
			}
			perItem[k] = arena[len(arena) : len(arena) : len(arena)+len(ms)]
			for _, mt := range ms {
				u := unitOf(mt.From)
				if u == last {
					continue
				}
				if unitOf(mt.To-1) != u {
					// The longest match ran past the unit: the longest
					// one inside it, if any, counts.
					short, ok := fitToUnit(res, it, mt, unitOf)
					if !ok {
						// None fits: a match that starts in a later unit,
						// inside the span the long one took, may.
						if short, ok = laterInUnit(res, it, mt, unitOf); !ok || unitOf(short.From) == last {
							continue
						}
						u = unitOf(short.From)
					}
					mt = short
				}
				if !usable(mt) {
					continue
				}
				perItem[k] = append(perItem[k], mt)
				last = u
			}
			arena = arena[:len(arena)+len(perItem[k])]
			if len(perItem[k]) == 0 {
				found = false
				break
			}
		}
		if !found {
			continue
		}
		inUnit := func(items []pattern.Item, u int) bool {
			for _, it := range items {
				for _, mt := range res.Matches(it) {
					if unitOf(mt.From) == u && usable(mt) {
						return true
					}
					if unitOf(mt.From) < u && unitOf(mt.To-1) >= u && hiddenInUnit(res, it, mt, u, unitOf, usable) {
						return true
					}
				}
			}
			return false
		}
		next = slices.Grow(next[:0], len(cs.all))[:len(cs.all)]
		clear(next)
		chosen = slices.Grow(chosen[:0], len(cs.all))[:len(cs.all)]
	unit:
		for _, first := range perItem[0] {
			u := unitOf(first.From)
			chosen[0] = first
			for k := 1; k < len(cs.all); k++ {
				list := perItem[k]
				for next[k] < len(list) && unitOf(list[next[k]].From) < u {
					next[k]++
				}
				if next[k] == len(list) || unitOf(list[next[k]].From) != u {
					continue unit
				}
				chosen[k] = list[next[k]]
			}
			if len(cs.any) > 0 && !inUnit(cs.any, u) {
				continue
			}
			if inUnit(cs.not, u) {
				continue
			}
			from, to := chosen[0].From, chosen[0].To
			if s.spec.Report != nil {
				from, to = chosen[*s.spec.Report].From, chosen[*s.spec.Report].To
			} else {
				for _, mt := range chosen[1:] {
					from, to = min(from, mt.From), max(to, mt.To)
				}
			}
			at := len(capArena)
			for k, mt := range chosen {
				for _, c := range res.Captures(cs.all[k], mt) {
					if !slices.ContainsFunc(capArena[at:], func(k capture) bool { return k.name == c.Name }) {
						capArena = append(capArena, capture{c.Name, m.Slice(tokenSpan(v, c.From, c.To))})
					}
				}
			}
			var caps []capture
			if len(capArena) > at {
				caps = capArena[at:len(capArena):len(capArena)]
			}
			if !yield(groupHit{sub: s, span: tokenSpan(v, from, to), captures: caps}) {
				return
			}
		}
	}
}

// allPossible reports whether every item can match in the message.
func allPossible(res *pattern.Results, items []pattern.Item) bool {
	for _, it := range items {
		if !res.Possible(it) {
			return false
		}
	}
	return true
}

// growLists returns lists with n empty lists, keeping their arrays.
func growLists(lists [][]pattern.Match, n int) [][]pattern.Match {
	for len(lists) < n {
		lists = append(lists, nil)
	}
	lists = lists[:n]
	for k := range lists {
		lists[k] = lists[k][:0]
	}
	return lists
}

// tokenSpan is the original text of tokens [from, to).
func tokenSpan(v *token.View, from, to int) match.Span {
	if from >= to || to > len(v.Tokens) {
		return match.Span{}
	}
	return match.Span{Start: v.Tokens[from].Start, End: v.Tokens[to-1].End}
}

// insideRegion returns the part of the layout a sub-rule is limited to.
func insideRegion(m *message.Message, inside string) (match.Span, bool) {
	l := m.Layout
	switch inside {
	case "greeting":
		return l.Greeting, true
	case "body":
		return l.Body, true
	case "opening":
		return l.Opening, true
	case "closing":
		return l.Closing, true
	case "signoff":
		return l.SignOff, true
	}
	return match.Span{}, false
}

// hit is what the match reports: the sub-rule's message (else the
// rule's), its captures the values of the message's placeholders.
func (h groupHit) hit() Hit {
	out := Hit{Span: h.span, Subrule: h.sub.spec.ID}
	if h.sub.spec.Message != "" {
		out.Message, out.Key = h.sub.spec.Message, "/"+h.sub.spec.ID
	}
	if len(h.captures) > 0 {
		out.Args = make(map[string]string, len(h.captures))
		for _, c := range h.captures {
			out.Args[c.name] = oneLineText(c.text)
		}
	}
	return out
}

// fixes builds the sub-rule's suggestion (or the rule's).
func (h groupHit) fixes(r *rule.Rule, m *message.Message) []Fix {
	s, key := h.sub.spec.Suggest, "/"+h.sub.spec.ID+".fix"
	if s == nil {
		s, key = r.Suggest, ".fix"
	}
	return suggestionFixes(s, key, m, h.span, h.captures)
}

func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

// GroupInfo describes a rule's token-pattern group: the languages it can
// judge and its sub-rules' IDs.
type GroupInfo struct {
	Languages []string
	Subrules  []string
}

// Grouped is implemented by the checks that read token patterns.
type Grouped interface {
	Group() GroupInfo
}

func (g *group) info() GroupInfo {
	var gi GroupInfo
	if g == nil {
		return gi
	}
	for code := range g.langs {
		gi.Languages = append(gi.Languages, code)
	}
	slices.Sort(gi.Languages)
	for _, s := range g.subs {
		if !slices.Contains(gi.Subrules, s.spec.ID) {
			gi.Subrules = append(gi.Subrules, s.spec.ID)
		}
	}
	return gi
}

// Group implements Grouped.
func (p *Phrase) Group() GroupInfo { return p.group.info() }

// Group implements Grouped.
func (c *Required) Group() GroupInfo { return c.group.info() }

// Group implements Grouped.
func (c *ChoiceQuestion) Group() GroupInfo { return c.group.info() }

// Group implements Grouped.
func (c *Contact) Group() GroupInfo { return c.group.info() }

// Group implements Grouped.
func (c *Link) Group() GroupInfo { return c.group.info() }

// fitToUnit returns mt when it ends in the unit it starts in, else the
// longest match of it from the same start that does, if any.
func fitToUnit(res *pattern.Results, it pattern.Item, mt pattern.Match, unitOf func(int) int) (pattern.Match, bool) {
	u := unitOf(mt.From)
	if unitOf(mt.To-1) == u {
		return mt, true
	}
	end := mt.From + 1
	for end < mt.To && unitOf(end) == u {
		end++
	}
	return res.Within(it, mt, end)
}

// laterInUnit returns the first match of it that starts after the unit
// where mt starts and inside mt's span, fitted to its own unit (see
// fitToUnit).
func laterInUnit(res *pattern.Results, it pattern.Item, mt pattern.Match, unitOf func(int) int) (pattern.Match, bool) {
	p := mt.From + 1
	for p < mt.To && unitOf(p) == unitOf(mt.From) {
		p++
	}
	for ; p < mt.To; p++ {
		if at, ok := res.At(it, p); ok {
			if short, ok := fitToUnit(res, it, at, unitOf); ok {
				return short, true
			}
		}
	}
	return pattern.Match{}, false
}

// hiddenInUnit reports whether a usable match of it starts in the unit u
// inside the span of mt, a match from an earlier unit that runs into u and
// so hid the matches that start there.
func hiddenInUnit(res *pattern.Results, it pattern.Item, mt pattern.Match, u int, unitOf func(int) int, usable func(pattern.Match) bool) bool {
	p := mt.From + 1
	for p < mt.To && unitOf(p) < u {
		p++
	}
	for ; p < mt.To && unitOf(p) == u; p++ {
		if m, ok := res.At(it, p); ok && usable(m) {
			return true
		}
	}
	return false
}

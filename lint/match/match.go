// Package match compiles a rule's per-language phrases and patterns into
// matchers that run on folded text and report ranges of the original text.
//
// # Speed
//
// A list (the phrases and patterns of one language, or its excepts) is one
// RE2 alternation whose leftmost-first matches are the list's matches, as
// regexp.FindAllStringIndex would return them. Running every list of every
// rule over every message costs milliseconds, so a list runs only where it
// can match:
//
//   - Each alternative is analysed (regexp/syntax) for required literals: a
//     set of strings one of which every match holds, with how far the match
//     may reach before and after it (bytes and spaces; "*" gaps are bounded
//     by spaces only), and the ASCII bytes no match holds (barriers).
//   - One Aho-Corasick automaton (aho.go) finds all occurrences of the
//     literals of every list in one pass over the text. The lists of a
//     linter share it through an Index: the engine attaches the index to a
//     message's folded text (text.Normalized.Memo); a list the index does
//     not know yet searches its own literals and joins, and the automaton is
//     rebuilt for the next message. Without an index a list searches its
//     literals one by one.
//   - Around each occurrence a window holds every possible match; its edges
//     are moved to where \b sees the same on both sides. An alternative runs
//     only in its windows: tried at the few places a match can start
//     (anchored, or as a plain string comparison for phrases whose language
//     is a finite set), or searched in the window. The alternatives' matches
//     are then combined as the alternation would (program.go), so the
//     result is the same as over the whole text; the tests compare it with
//     that on every built-in rule.
//   - An alternative without literals, or using ^ and $, runs on the whole
//     text.
//
// Regexp offers the same for a single expression on any text (used for
// patterns checks run over the raw message).
//
// The analysis, the anchored variants and the automata are made on first
// use: a linter loads the rules of every language but meets few of them.
package match

import (
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/core"
	"github.com/replylint/replylint/lint/text"
)

// Span is a byte range of the original text (see core.Span).
type Span = core.Span

// Matcher finds one language's phrases and patterns.
type Matcher struct {
	find   *program
	except *program
}

// Set holds a rule's matchers by language.
type Set struct {
	byLang map[string]*Matcher
	any    *Matcher
}

// Expr is a phrase or expression as written, with its place in its file.
type Expr struct {
	Value     string
	Line, Col int
}

// Block is what one language's text must contain: phrases (literal word
// sequences in which "(a|b)" offers alternatives), RE2 patterns on the
// folded text, and except entries that cancel an overlapping match.
type Block struct {
	Phrases, Patterns, Except []Expr
}

// AnyLanguage is the block key for entries that hold in every language.
const AnyLanguage = "any"

// CompileOptions adjust compilation.
type CompileOptions struct {
	// Verified expressions were compiled by the test suite; they are
	// compiled on first use instead of at load.
	Verified bool
}

// ExprError is a bad expression, at its line and column.
type ExprError struct {
	Expr Expr
	Msg  string
}

func (e *ExprError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Expr.Line, e.Expr.Col, e.Msg) }

// Compile builds the matchers of a match block. Every pattern is compiled
// once here; a bad one is reported at its own line and column.
func Compile(block map[string]Block, opts CompileOptions) (*Set, error) {
	s := &Set{byLang: map[string]*Matcher{}}
	langs := make([]string, 0, len(block))
	for lang := range block {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		m, err := compileOne(block[lang], opts)
		if err != nil {
			return nil, err
		}
		if lang == AnyLanguage {
			s.any = m
		} else {
			s.byLang[lang] = m
		}
	}
	return s, nil
}

// programs returns the set's lists for lang.
func (s *Set) programs(lang string) []*program {
	return append(s.byLang[lang].lists(), s.any.lists()...)
}

// lists returns the matcher's lists (none for a nil matcher).
func (m *Matcher) lists() []*program {
	if m == nil {
		return nil
	}
	var out []*program
	for _, p := range []*program{m.find, m.except} {
		if p != nil {
			out = append(out, p)
		}
	}
	return out
}

// Prepare derives, now and on all cores, what the lists of the sets for
// lang need on first use: the analysis of a language's expressions is
// most of what the first message of that language costs, and the lists
// are independent of each other. Analyses found in table (which may be
// nil) are taken from it.
func Prepare(table *Table, lang string, sets ...*Set) {
	var progs []*program
	for _, s := range sets {
		if s != nil {
			progs = append(progs, s.programs(lang)...)
		}
	}
	// The biggest lists first, so that the last to finish is a small one.
	slices.SortStableFunc(progs, func(a, b *program) int { return b.size() - a.size() })
	work := make(chan *program)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(progs)) {
		wg.Go(func() {
			for p := range work {
				p.prepareWith(table)
			}
		})
	}
	for _, p := range progs {
		work <- p
	}
	close(work)
	wg.Wait()
}

// Has reports whether the set has anything for lang.
func (s *Set) Has(lang string) bool {
	return s != nil && (s.any != nil || s.byLang[lang] != nil)
}

// FindAll returns the matches for lang in source order, merged across the
// language's own list and the "any" list.
func (s *Set) FindAll(lang string, n *text.Normalized) []Span {
	if s == nil {
		return nil
	}
	var out []Span
	if m := s.byLang[lang]; m != nil {
		out = m.FindAll(n)
	}
	if s.any != nil {
		out = append(out, s.any.FindAll(n)...)
		slices.SortStableFunc(out, func(a, b Span) int { return a.Start - b.Start })
	}
	return out
}

// FindAll returns the original-text ranges of all non-overlapping matches.
func (m *Matcher) FindAll(n *text.Normalized) []Span {
	if m == nil || m.find == nil {
		return nil
	}
	sc := scanOf(n)
	var buf [8]span
	locs := m.find.run(n.Text, sc, buf[:0])
	if len(locs) == 0 {
		return nil
	}
	out := []Span{}
	var exceptLocs []span
	exceptDone := false
	for _, loc := range locs {
		if !atBoundaries(n.Text, loc.start, loc.end) {
			continue
		}
		if m.except != nil && !exceptDone {
			// The except list only matters once a match survives.
			exceptLocs = m.except.run(n.Text, sc, nil)
			exceptDone = true
		}
		if overlapsAny(loc, exceptLocs) {
			continue
		}
		start, end := n.Span(loc.start, loc.end)
		out = append(out, Span{Start: start, End: end})
	}
	return out
}

// run returns the program's matches in the folded text t, using the shared
// scan when it covers the program and the program's own automaton if not.
func (p *program) run(t string, sc *sharedScan, dst []span) []span {
	p.prepare()
	if p.whole {
		return p.find(t, nil, dst)
	}
	if sc != nil {
		if occs, ok := sc.occurrences(p); ok {
			return p.find(t, occs, dst)
		}
	}
	var obuf [32]occ
	return p.find(t, p.searchOccs(t, obuf[:0]), dst)
}

func overlapsAny(loc span, others []span) bool {
	for _, o := range others {
		if loc.start < o.end && o.start < loc.end {
			return true
		}
	}
	return false
}

// atBoundaries keeps "review" from matching inside "preview": a match that
// starts or ends with a letter of a spaced script must not continue a word.
// Scripts without spaces (Han, kana) have no such boundary.
func atBoundaries(s string, start, end int) bool {
	if start >= end {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s[start:])
	if text.IsWordRune(first) && !text.IsSpacelessScript(first) && start > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:start])
		if text.IsWordRune(prev) && !text.IsSpacelessScript(prev) {
			return false
		}
	}
	last, _ := utf8.DecodeLastRuneInString(s[:end])
	if text.IsWordRune(last) && !text.IsSpacelessScript(last) && end < len(s) {
		next, _ := utf8.DecodeRuneInString(s[end:])
		if text.IsWordRune(next) && !text.IsSpacelessScript(next) {
			return false
		}
	}
	return true
}

func compileOne(m Block, opts CompileOptions) (*Matcher, error) {
	// A verified rule's expressions are compiled on first use (see
	// newProgram); the others are compiled here so that a bad one is
	// reported at load, at its line and column.
	check := !opts.Verified
	var alts []string
	var altRes []*regexp.Regexp
	for _, p := range m.Phrases {
		expr, err := PhraseRegexp(p.Value)
		var re *regexp.Regexp
		if err == nil && check {
			re, err = compileChecked(expr)
		}
		if err != nil {
			return nil, &ExprError{Expr: p, Msg: fmt.Sprintf("phrase %q: %v", p.Value, err)}
		}
		alts, altRes = append(alts, expr), append(altRes, re)
	}
	for _, p := range m.Patterns {
		var re *regexp.Regexp
		if check {
			var err error
			if re, err = compileChecked(p.Value); err != nil {
				return nil, &ExprError{Expr: p, Msg: fmt.Sprintf("pattern %q is not valid RE2: %v", p.Value, err)}
			}
		}
		// A pattern "a|b|c" is three alternatives: each then runs only
		// around its own literals. (The whole was checked above.)
		pieces := splitAlternation(p.Value)
		if len(pieces) == 1 {
			alts, altRes = append(alts, "(?:"+p.Value+")"), append(altRes, re)
			continue
		}
		for _, piece := range pieces {
			alts, altRes = append(alts, "(?:"+piece+")"), append(altRes, nil)
		}
	}
	var excepts []string
	var exceptRes []*regexp.Regexp
	for _, p := range m.Except {
		expr, err := PhraseRegexp(p.Value)
		if pattern, ok := strings.CutPrefix(p.Value, "re:"); ok {
			expr, err = "(?:"+pattern+")", nil
		}
		var re *regexp.Regexp
		if err == nil && check {
			re, err = compileChecked(expr)
		}
		if err != nil {
			return nil, &ExprError{Expr: p, Msg: fmt.Sprintf("except %q: %v", p.Value, err)}
		}
		excepts, exceptRes = append(excepts, expr), append(exceptRes, re)
	}
	if !check {
		altRes, exceptRes = nil, nil
	}
	out := &Matcher{}
	if len(alts) > 0 {
		out.find = newProgram(alts, altRes, false)
	}
	if len(excepts) > 0 {
		out.except = newProgram(excepts, exceptRes, false)
	}
	return out, nil
}

// compileChecked compiles an expression, with the regexp package's
// "error parsing regexp: " prefix left out of the error.
func compileChecked(expr string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, errors.New(unwrapRegexpError(err))
	}
	return re, nil
}

// Err compiles every language's matchers and reports the first regexp
// that does not compile (see Matcher.Err).
func (s *Set) Err() error {
	langs := make([]string, 0, len(s.byLang))
	for lang := range s.byLang {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		if err := s.byLang[lang].Err(); err != nil {
			return fmt.Errorf("%s: %w", lang, err)
		}
	}
	if s.any != nil {
		return s.any.Err()
	}
	return nil
}

// Err reports a regexp of a verified rule that did not compile on first
// use (the matcher then matches nothing); the tests make sure no built-in
// rule has one.
func (m *Matcher) Err() error {
	for _, p := range []*program{m.find, m.except} {
		if p != nil {
			if err := p.compileAll(); err != nil {
				return err
			}
		}
	}
	return nil
}

// splitAlternation splits an RE2 expression at its top-level "|": within
// the list's alternation, "(?:a|b)" and "(?:a)|(?:b)" match the same, in
// the same order. An expression it cannot read with certainty (a flag
// group such as "(?i)" at the top level, which would apply to the pieces
// after it, or unbalanced brackets) comes back whole.
func splitAlternation(expr string) []string {
	var pieces []string
	depth, from := 0, 0
	for i := 0; i < len(expr); i++ {
		switch expr[i] {
		case '\\':
			i++ // an escaped character, or the first byte of \pL, \x{..}
		case '[':
			end := classEnd(expr, i)
			if end < 0 {
				return []string{expr}
			}
			i = end
		case '(':
			if depth == 0 && isFlagGroup(expr[i:]) {
				return []string{expr}
			}
			depth++
		case ')':
			if depth--; depth < 0 {
				return []string{expr}
			}
		case '|':
			if depth == 0 {
				pieces = append(pieces, expr[from:i])
				from = i + 1
			}
		}
	}
	if depth != 0 || len(pieces) == 0 {
		return []string{expr}
	}
	return append(pieces, expr[from:])
}

// classEnd returns the index of the "]" closing the class that opens at
// expr[open], or -1.
func classEnd(expr string, open int) int {
	i := open + 1
	if i < len(expr) && expr[i] == '^' {
		i++
	}
	if i < len(expr) && expr[i] == ']' {
		i++ // a "]" first in a class is a literal
	}
	for ; i < len(expr); i++ {
		switch {
		case expr[i] == '\\':
			i++
		case expr[i] == '[' && strings.HasPrefix(expr[i:], "[:"):
			// A named class, "[:alpha:]".
			end := strings.Index(expr[i+2:], ":]")
			if end < 0 {
				return -1
			}
			i += 2 + end + 1
		case expr[i] == ']':
			return i
		}
	}
	return -1
}

// isFlagGroup reports whether s starts with a group that only sets flags
// ("(?i)", "(?-s)"), which changes the rest of the enclosing expression.
func isFlagGroup(s string) bool {
	if !strings.HasPrefix(s, "(?") {
		return false
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c == ')':
			return true
		case c == ':':
			return false
		case c == '-' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		default:
			return false
		}
	}
	return false
}

func unwrapRegexpError(err error) string {
	return strings.TrimPrefix(err.Error(), "error parsing regexp: ")
}

// PhraseRegexp translates the phrase syntax into RE2 on folded text: the
// words are folded like a message; "(a|b)" offers alternatives; a lone "*"
// stands for up to three words; a space also matches a hyphen. A phrase
// that starts (ends) with a letter or digit in every alternative gets \b
// there, so that of "refund" and "refunded" the one a message holds is the
// one that matches, whatever their order in the list: a match that stops
// inside a word would be dropped (see atBoundaries), and the alternation
// would not try the longer one.
func PhraseRegexp(phrase string) (string, error) {
	folded := text.Normalize(phrase).Text
	if folded == "" {
		return "", fmt.Errorf("empty phrase")
	}
	var b strings.Builder
	depth := 0
	words := strings.Split(folded, " ")
	for wi, w := range words {
		if wi > 0 {
			b.WriteString("[ -]")
		}
		if w == "*" {
			// The separator written before the gap is part of it.
			b.WriteString("(?:[^ ]+ ){0,3}?")
			if wi == len(words)-1 || wi == 0 {
				return "", fmt.Errorf("a * gap must stand between words")
			}
			continue
		}
		for _, c := range w {
			switch c {
			case '(':
				depth++
				b.WriteString("(?:")
			case ')':
				depth--
				if depth < 0 {
					return "", fmt.Errorf("unbalanced )")
				}
				b.WriteString(")")
			case '|':
				if depth == 0 {
					return "", fmt.Errorf("| outside parentheses")
				}
				b.WriteString("|")
			default:
				b.WriteString(regexp.QuoteMeta(string(c)))
			}
		}
	}
	if depth != 0 {
		return "", fmt.Errorf("unbalanced (")
	}
	expr := strings.ReplaceAll(b.String(), "[ -](?:[^ ]+ ){0,3}?[ -]", "[ -](?:[^ ]+ ){0,3}?")
	if edgeIsWord(folded, true) {
		expr = `\b` + expr
	}
	if edgeIsWord(folded, false) {
		expr += `\b`
	}
	return expr, nil
}

// edgeIsWord reports whether every match of a phrase (folded, valid)
// starts (first) or ends (!first) with an ASCII letter or digit: the edge
// character is a plain one, or the edge is a group whose alternatives all
// start (end) with one. Anything else (a nested group, an empty
// alternative, a sign) says no.
func edgeIsWord(phrase string, first bool) bool {
	if phrase == "" {
		return false
	}
	open, shut, at := byte('('), byte(')'), 0
	next := func(i int) int { return i + 1 }
	if !first {
		open, shut, at = ')', '(', len(phrase)-1
		next = func(i int) int { return i - 1 }
	}
	if phrase[at] != open {
		return isWordByte(phrase[at]) && phrase[at] != '_'
	}
	// Every alternative of the group: its edge byte follows the group's
	// bracket or a "|" at depth one.
	depth := 0
	for i := at; i >= 0 && i < len(phrase); i = next(i) {
		c := phrase[i]
		switch {
		case c == open:
			depth++
			if depth > 1 {
				return false
			}
		case c == shut:
			return true
		case c == '|' && depth == 1:
		default:
			continue
		}
		if c == open || c == '|' {
			j := next(i)
			if j < 0 || j >= len(phrase) || !isWordByte(phrase[j]) || phrase[j] == '_' {
				return false
			}
		}
	}
	return false
}

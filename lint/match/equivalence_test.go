package match_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/rules"
)

// block is one compiled match block of a built-in rule with the RE2
// expressions it holds.
type block struct {
	name  string
	set   *match.Set
	langs []string
	exprs map[string][]string
}

// builtinBlocks compiles every match block of the built-in rules: the match
// block and the choice-question vocabularies.
func builtinBlocks(t testing.TB) ([]block, []*rule.Rule) {
	t.Helper()
	rs, err := rule.LoadFS(rules.FS, ".", "rules")
	require.NoError(t, err)
	var out []block
	add := func(r *rule.Rule, name string, m map[string]rule.Match) {
		if len(m) == 0 {
			return
		}
		set, err := match.CompileRule(r, m)
		require.NoError(t, err, r.ID)
		b := block{name: r.ID + "/" + name, set: set, exprs: map[string][]string{}}
		for lang, mm := range m {
			b.langs = append(b.langs, lang)
			for _, list := range [][]rule.String{mm.Phrases, mm.Except} {
				for _, p := range list {
					if expr, ok := strings.CutPrefix(p.Value, "re:"); ok {
						b.exprs[lang] = append(b.exprs[lang], expr)
					} else if expr, err := match.PhraseRegexp(p.Value); err == nil {
						b.exprs[lang] = append(b.exprs[lang], expr)
					}
				}
			}
			for _, p := range mm.Patterns {
				b.exprs[lang] = append(b.exprs[lang], p.Value)
			}
		}
		sort.Strings(b.langs)
		out = append(out, b)
	}
	for _, r := range rs {
		add(r, "match", r.Match)
		questions, alternatives := map[string]rule.Match{}, map[string]rule.Match{}
		for lang, ch := range r.Choice {
			questions[lang] = splitList(ch.Questions)
			alt := splitList(ch.Alternatives)
			alt.Except = ch.NotChoice
			alternatives[lang] = alt
		}
		add(r, "questions", questions)
		add(r, "alternatives", alternatives)
	}
	return out, rs
}

func splitList(list []rule.String) rule.Match {
	var m rule.Match
	for _, s := range list {
		if p, ok := strings.CutPrefix(s.Value, "re:"); ok {
			s.Value = p
			m.Patterns = append(m.Patterns, s)
			continue
		}
		m.Phrases = append(m.Phrases, s)
	}
	return m
}

// TestFindAllMatchesReference checks that the prefiltered FindAll returns
// exactly what running every regexp over the whole text returns, for every
// match block of the built-in rules, on all rule examples and on generated
// texts made of matches of the block's own expressions, words and
// punctuation glued in random ways; with no index, and with an index
// before and after it learnt the block.
func TestFindAllMatchesReference(t *testing.T) {
	blocks, rs := builtinBlocks(t)
	var examples []string
	for _, r := range rs {
		for _, ex := range append(slices.Clone(r.Examples.Bad), r.Examples.Good...) {
			examples = append(examples, ex.Text)
		}
	}
	words := vocabulary(examples)
	rng := rand.New(rand.NewPCG(1, 2))
	perBlock := 60
	if testing.Short() {
		perBlock = 15
	}
	ix := match.NewIndex()
	checked := 0
	for _, b := range blocks {
		for _, lang := range b.langs {
			gens := generators(t, b.exprs[lang])
			texts := slices.Clone(examples)
			for range perBlock {
				texts = append(texts, randomText(rng, gens, words))
			}
			for _, src := range texts {
				want := b.set.FindAllReference(lang, text.Normalize(src))
				got := b.set.FindAll(lang, text.Normalize(src))
				require.Equal(t, want, got, "%s %s: %q", b.name, lang, src)
				// Twice through an index: the first time the block joins it,
				// the second time the shared scan serves it.
				for range 2 {
					n := text.Normalize(src)
					ix.Attach(n, lang)
					require.Equal(t, want, b.set.FindAll(lang, n), "%s %s (index): %q", b.name, lang, src)
				}
				checked++
			}
		}
	}
	t.Logf("%d texts checked", checked)
}

// TestFindAllSharedIndexAcrossRules runs all blocks of a language on the
// same attached texts, so that one shared scan serves every rule at once.
func TestFindAllSharedIndexAcrossRules(t *testing.T) {
	blocks, rs := builtinBlocks(t)
	ix := match.NewIndex()
	for round := range 3 {
		for _, r := range rs {
			for _, ex := range append(slices.Clone(r.Examples.Bad), r.Examples.Good...) {
				lang := ex.Language
				if lang == "" {
					lang = "en"
				}
				n := text.Normalize(ex.Text)
				ix.Attach(n, lang)
				for _, b := range blocks {
					want := b.set.FindAllReference(lang, text.Normalize(ex.Text))
					require.Equal(t, want, b.set.FindAll(lang, n), "round %d %s %s: %q", round, b.name, lang, ex.Text)
				}
			}
		}
	}
}

func vocabulary(examples []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, ex := range examples {
		for _, w := range strings.Fields(ex) {
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	sort.Strings(out)
	return out
}

var separators = []string{" ", " ", " ", ", ", ". ", "! ", "? ", "-", "", "\n", " — ", "'", "é", "_", "。", " (", ") "}

// randomText glues generated matches, example words and separators.
func randomText(rng *rand.Rand, gens []*syntax.Regexp, words []string) string {
	var b strings.Builder
	for i, n := 0, 1+rng.IntN(12); i < n; i++ {
		if i > 0 {
			b.WriteString(separators[rng.IntN(len(separators))])
		}
		switch k := rng.IntN(5); {
		case k < 2 && len(gens) > 0:
			var m strings.Builder
			generate(rng, gens[rng.IntN(len(gens))], &m, 0)
			s := m.String()
			if rng.IntN(4) == 0 && len(s) > 1 {
				// A broken match: cut somewhere.
				cut := rng.IntN(len(s))
				s = strings.ToValidUTF8(s[:cut], "")
			}
			b.WriteString(s)
		case k == 2:
			b.WriteString(strings.ToUpper(words[rng.IntN(len(words))]))
		default:
			b.WriteString(words[rng.IntN(len(words))])
		}
	}
	return b.String()
}

func generators(t testing.TB, exprs []string) []*syntax.Regexp {
	var out []*syntax.Regexp
	for _, e := range exprs {
		re, err := syntax.Parse(e, syntax.Perl)
		require.NoError(t, err, e)
		out = append(out, re)
	}
	return out
}

// generate writes a random string that (mostly) matches re.
func generate(rng *rand.Rand, re *syntax.Regexp, b *strings.Builder, depth int) {
	if depth > 50 {
		return
	}
	repeat := func(lo, hi int) {
		if hi < 0 || hi > lo+3 {
			hi = lo + 3
		}
		for range lo + rng.IntN(hi-lo+1) {
			generate(rng, re.Sub[0], b, depth+1)
		}
	}
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 && rng.IntN(3) == 0 {
				r = unicode.SimpleFold(r)
			}
			b.WriteRune(r)
		}
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return
		}
		i := 2 * rng.IntN(len(re.Rune)/2)
		lo, hi := re.Rune[i], re.Rune[i+1]
		r := lo + rune(rng.IntN(int(min(hi-lo, 300))+1))
		if r > unicode.MaxRune || (r >= 0xD800 && r <= 0xDFFF) {
			r = lo
		}
		b.WriteRune(r)
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteRune([]rune("ab .-é漢")[rng.IntN(7)])
	case syntax.OpCapture:
		generate(rng, re.Sub[0], b, depth+1)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			generate(rng, s, b, depth+1)
		}
	case syntax.OpAlternate:
		generate(rng, re.Sub[rng.IntN(len(re.Sub))], b, depth+1)
	case syntax.OpStar:
		repeat(0, 3)
	case syntax.OpPlus:
		repeat(1, 3)
	case syntax.OpQuest:
		repeat(0, 1)
	case syntax.OpRepeat:
		repeat(re.Min, re.Max)
	}
}

// TestFindAllOnLongText checks a long text made of many examples, where
// windows merge and cross.
func TestFindAllOnLongText(t *testing.T) {
	blocks, rs := builtinBlocks(t)
	var parts []string
	for _, r := range rs {
		for _, ex := range r.Examples.Bad {
			parts = append(parts, ex.Text)
		}
	}
	long := strings.Join(parts, " ")
	ix := match.NewIndex()
	for _, b := range blocks {
		for _, lang := range b.langs {
			want := b.set.FindAllReference(lang, text.Normalize(long))
			require.Equal(t, want, b.set.FindAll(lang, text.Normalize(long)), "%s %s", b.name, lang)
			n := text.Normalize(long)
			ix.Attach(n, lang)
			require.Equal(t, want, b.set.FindAll(lang, n), "%s %s", b.name, lang)
		}
	}
}

// TestBuiltinListsHavePrefilters keeps the built-in rules fast: no list
// has an alternative without required literals, which would make it run on
// the whole text of every message. (A list using ^ or $ runs on the whole
// text only when one of its literals occurs.)
func TestBuiltinListsHavePrefilters(t *testing.T) {
	blocks, _ := builtinBlocks(t)
	for _, b := range blocks {
		st := b.set.Stats()
		t.Logf("%-40s lists=%d whole=%d anchored=%d literals=%d", b.name, st.Lists, st.Whole, st.Anchored, st.Literals)
		assert.Zero(t, st.Whole, "%s: a list runs on the whole text", b.name)
	}
}

// benchReply is an ~800-byte complaint reply (the same as the engine's
// benchmark message).
const benchReply = `Hi Maria,

I'm really sorry that the coffee grinder arrived with a cracked lid. I understand how disappointing that is after waiting a week for it.

I have checked your order 112-3456789-1234567 and I will take care of this today. I can send you a new grinder by express delivery at no cost, or refund the full amount of $49.99 to your original payment method right away. If you would like to send the damaged one back, the prepaid return label is available in your Amazon orders page, and you can follow the new parcel with the tracking link once it ships.

Would you prefer the replacement or the full refund?

Best regards,
Tom
Customer Care, Brightmill Kitchen`

// BenchmarkFindAll searches an English reply with every match block of the
// built-in rules, as the engine does: one index, one shared scan per
// message.
func BenchmarkFindAll(b *testing.B) {
	blocks, _ := builtinBlocks(b)
	ix := match.NewIndex()
	run := func() {
		n := text.Normalize(benchReply)
		ix.Attach(n, "en")
		for _, bl := range blocks {
			bl.set.FindAll("en", n)
		}
	}
	run() // the index learns the blocks
	b.SetBytes(int64(len(benchReply)))
	b.ReportAllocs()
	for b.Loop() {
		run()
	}
}

// BenchmarkFindAllReference is the same search with every regexp over the
// whole text, as before the literal prefilters.
func BenchmarkFindAllReference(b *testing.B) {
	blocks, _ := builtinBlocks(b)
	b.SetBytes(int64(len(benchReply)))
	b.ReportAllocs()
	for b.Loop() {
		n := text.Normalize(benchReply)
		for _, bl := range blocks {
			bl.set.FindAllReference("en", n)
		}
	}
}

// BenchmarkFindAllLarge is BenchmarkFindAll on a message 100 times longer:
// the cost grows with the text, not faster.
func BenchmarkFindAllLarge(b *testing.B) {
	blocks, _ := builtinBlocks(b)
	big := strings.Repeat(benchReply+"\n\n", 100)
	ix := match.NewIndex()
	run := func() {
		n := text.Normalize(big)
		ix.Attach(n, "en")
		for _, bl := range blocks {
			bl.set.FindAll("en", n)
		}
	}
	run()
	b.SetBytes(int64(len(big)))
	b.ReportAllocs()
	for b.Loop() {
		run()
	}
}

// TestIndexConcurrentUse searches from several goroutines through one
// index while it learns the blocks and rebuilds its automaton.
func TestIndexConcurrentUse(t *testing.T) {
	blocks, rs := builtinBlocks(t)
	var texts []string
	for _, r := range rs {
		for _, ex := range r.Examples.Bad {
			texts = append(texts, ex.Text)
		}
	}
	want := make([][][]match.Span, len(texts))
	for i, src := range texts {
		for _, b := range blocks {
			want[i] = append(want[i], b.set.FindAllReference("en", text.Normalize(src)))
		}
	}
	ix := match.NewIndex()
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			for k := range texts {
				i := (k + g*7) % len(texts)
				n := text.Normalize(texts[i])
				ix.Attach(n, "en")
				for j, b := range blocks {
					if got := b.set.FindAll("en", n); !slices.Equal(got, want[i][j]) {
						errs <- fmt.Errorf("%s on %q: got %v, want %v", b.name, texts[i], got, want[i][j])
						return
					}
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		require.NoError(t, <-errs)
	}
}

// FuzzFindAllMatchesReference compares the prefiltered search with the
// plain one on arbitrary texts, for every built-in block and language.
func FuzzFindAllMatchesReference(f *testing.F) {
	blocks, rs := builtinBlocks(f)
	for _, r := range rs {
		for _, ex := range r.Examples.Bad {
			f.Add(ex.Text)
		}
	}
	ix := match.NewIndex()
	f.Fuzz(func(t *testing.T, src string) {
		for _, b := range blocks {
			for _, lang := range b.langs {
				want := b.set.FindAllReference(lang, text.Normalize(src))
				n := text.Normalize(src)
				ix.Attach(n, lang)
				if got := b.set.FindAll(lang, n); !slices.Equal(got, want) {
					t.Fatalf("%s %s on %q: got %v, want %v", b.name, lang, src, got, want)
				}
			}
		}
	})
}

// FuzzRegexpMatchesRegexpPackage compares Regexp with the regexp package
// on arbitrary texts, valid UTF-8 or not.
func FuzzRegexpMatchesRegexpPackage(f *testing.F) {
	for _, s := range []string{"Mail me at Bob@Example.com!!", "see {{name}} [[x]] <b> %N% ${a}", "TODO: XXXX ○○", "h t t p : / / x . com", "\xff@\xfe"} {
		f.Add(s)
	}
	type pair struct {
		want *regexp.Regexp
		got  *match.Regexp
	}
	var pairs []pair
	for _, expr := range regexpCases {
		pairs = append(pairs, pair{regexp.MustCompile(expr), match.MustCompileRegexp(expr)})
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range pairs {
			if want, got := p.want.FindAllStringSubmatchIndex(s, -1), p.got.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(want, got) {
				t.Fatalf("%s on %q: got %v, want %v", p.want, s, got, want)
			}
		}
	})
}

// TestAnchoredAlternativesMatchReference covers lists where some
// alternatives use ^ or $: those run on the whole text, the others only
// around their literals, and the combined matches are still the
// alternation's leftmost-first ones.
func TestAnchoredAlternativesMatchReference(t *testing.T) {
	patterns := []string{
		`^dear (?:customer|buyer)`,
		`\bfive stars?(?:\s|$|[!.])`,
		`\bthank(?:s| you)\b`,
		`stars? please$`,
		`\bplease\b`,
	}
	var list []rule.String
	for _, p := range patterns {
		list = append(list, rule.String{Value: p})
	}
	set, err := match.CompileRule(&rule.Rule{Spec: rule.Spec{ID: "anchored"}}, map[string]rule.Match{"en": {Patterns: list}})
	require.NoError(t, err)
	texts := []string{
		"dear customer, thanks",
		"hello dear customer, five stars",
		"five stars",
		"five star please",
		"thanks! five stars. please leave five stars please",
		"dear buyer five stars please",
		"x dear customer",
		"please thank you five stars!",
		"",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	words := []string{"dear", "customer", "five", "stars", "star", "please", "thanks", "thank you", "x", "!", "."}
	for range 300 {
		n := 1 + rng.IntN(8)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = words[rng.IntN(len(words))]
		}
		texts = append(texts, strings.Join(parts, " "))
	}
	ix := match.NewIndex()
	for _, src := range texts {
		want := set.FindAllReference("en", text.Normalize(src))
		require.Equal(t, want, set.FindAll("en", text.Normalize(src)), "%q", src)
		n := text.Normalize(src)
		ix.Attach(n, "en")
		require.Equal(t, want, set.FindAll("en", n), "%q (index)", src)
	}
}

// TestVerifiedRulesCompile is what lets the built-in rules skip the check
// at load: every expression of every language compiles.
func TestVerifiedRulesCompile(t *testing.T) {
	rs, err := rule.LoadFS(rules.FS, ".", "rules")
	require.NoError(t, err)
	compiled := 0
	for _, r := range rs {
		if len(r.Match) == 0 {
			continue
		}
		r.Verified = true
		set, err := match.CompileRule(r, r.Match)
		require.NoError(t, err, r.ID)
		require.NoError(t, set.Err(), r.ID)
		compiled++
	}
	require.NotZero(t, compiled)

	// A verified rule with a bad pattern loads, matches nothing and says why.
	bad := &rule.Rule{Spec: rule.Spec{ID: "bad"}, Verified: true}
	set, err := match.CompileRule(bad, map[string]rule.Match{"en": {Patterns: []rule.String{{Value: `(unclosed`}, {Value: `fine`}}}})
	require.NoError(t, err)
	assert.Empty(t, set.FindAll("en", text.Normalize("fine (unclosed")))
	assert.ErrorContains(t, set.Err(), "missing closing )")
	// The same rule unverified is refused at load.
	bad.Verified = false
	_, err = match.CompileRule(bad, map[string]rule.Match{"en": {Patterns: []rule.String{{Value: `(unclosed`, Line: 3, Col: 9}}}})
	assert.ErrorContains(t, err, "not valid RE2")
}

// TestSplitAlternationKeepsMeaning: splitting every built-in pattern at its
// top-level "|" gives an alternation RE2 reads as the same expression.
func TestSplitAlternationKeepsMeaning(t *testing.T) {
	_, rs := builtinBlocks(t)
	split := 0
	check := func(expr string) {
		pieces := match.SplitAlternation(expr)
		if len(pieces) > 1 {
			split++
		}
		var wrapped []string
		for _, p := range pieces {
			wrapped = append(wrapped, "(?:"+p+")")
		}
		whole, err := syntax.Parse("(?:"+expr+")", syntax.Perl)
		require.NoError(t, err, expr)
		parts, err := syntax.Parse(strings.Join(wrapped, "|"), syntax.Perl)
		require.NoError(t, err, expr)
		assert.Equal(t, whole.String(), parts.String(), expr)
	}
	for _, r := range rs {
		for _, m := range r.Match {
			for _, p := range m.Patterns {
				check(p.Value)
			}
		}
	}
	for _, expr := range []string{`a|b`, `(a|b)|c`, `[|]|x`, `[]|]|y`, `\||z`, `(?i)a|b`, `a(?i:b|c)|d`, `[[:alpha:]|]|q`, `\pL|\x{7C}|w`} {
		check(expr)
	}
	for _, bad := range []string{`(a|b`, `a)|b`, `[a|b`} {
		assert.Equal(t, []string{bad}, match.SplitAlternation(bad))
	}
	assert.Greater(t, split, 50, "built-in patterns split")
	assert.Equal(t, []string{`(?i)a|b`}, match.SplitAlternation(`(?i)a|b`))
	assert.Equal(t, []string{`a(?i:b|c)`, `d`}, match.SplitAlternation(`a(?i:b|c)|d`))
}

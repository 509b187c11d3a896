package pattern

import (
	"errors"
	"fmt"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/rules"
)

// errText is an error's message, "" for none.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// checkAndCompile checks src as Add does and compiles it as the first
// message of its language does, each on a fresh compiler.
func checkAndCompile(set lang.Set, code, src string, locals func() *Locals) (checked, compiled error) {
	c := NewCompiler(set)
	_, checked = c.compileSeq(c.index(code), src, locals(), map[string]bool{}, true)
	c = NewCompiler(set)
	_, compiled = c.compileSeq(c.index(code), src, locals(), map[string]bool{}, false)
	return checked, compiled
}

// TestCheckGivesCompileErrors holds Add's cheap check to what compiling
// says: the same error (or none) for every vocabulary of every pack in
// every language, and for patterns built to fail.
func TestCheckGivesCompileErrors(t *testing.T) {
	set, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(t, err)
	noLocals := func() *Locals { return nil }
	codes := append(set.Languages(), lang.Shared)
	pairs := 0
	for _, code := range codes {
		names := map[string]bool{}
		for _, p := range []*lang.Pack{set[code], set[lang.Shared]} {
			for name := range p.Vocabularies {
				names[name] = true
			}
		}
		sorted := make([]string, 0, len(names))
		for name := range names {
			sorted = append(sorted, name)
		}
		sort.Strings(sorted)
		for _, name := range sorted {
			checked, compiled := checkAndCompile(set, code, "@"+name, noLocals)
			require.Equal(t, errText(compiled), errText(checked), "%s @%s", code, name)
			pairs++
		}
	}
	require.Greater(t, pairs, 100)

	bad := []string{
		"", ".. refund", "refund ..", "..99 x", "@", "re@fund", "!x? y", "@nosuch",
		"!e-mail us", "!'e mail' us", "*", "x*y", "pre*", "*-", "'' x", "\u200b", "\u200b refund",
		"refund \u200b|\u00ad", "!\u200b x", "a @loop", "@outer", "@bad", "refund @nosuch",
		"&#32; x", "x | y", "x ?", "!!x", "=", "= x",
		"a'b|=c", "a'b|@nosuch", "x|@nosuch", "@loop|x", "x @outer", "@bad? x", "@nosuch ..3 @loop",
		"@x'y|z", "refund|@nosuch? ..2 @bad", "@Bad", "@a?b", "x ..2 @nosuch|@loop",
	}
	self := func() *Locals {
		return NewLocals(map[string]*lang.Vocabulary{
			"loop":  {Name: "loop", Entries: []lang.Entry{{Text: "a @loop", File: "r.yaml", Line: 1, Col: 2}}},
			"outer": {Name: "outer", Entries: []lang.Entry{{Text: "b @inner", File: "r.yaml", Line: 3, Col: 4}}},
			"inner": {Name: "inner", Entries: []lang.Entry{{Text: "c @outer", File: "r.yaml", Line: 5, Col: 6}}},
			"bad":   {Name: "bad", Entries: []lang.Entry{{Text: "fine"}, {Text: "..3 x", File: "r.yaml", Line: 7, Col: 8}}},
		})
	}
	for _, code := range []string{"en", "de", "ja"} {
		for _, src := range bad {
			checked, compiled := checkAndCompile(set, code, src, self)
			assert.Equal(t, errText(compiled), errText(checked), "%s %q", code, src)
			assert.Equal(t, errors.Is(compiled, ErrMissingVocabulary), errors.Is(checked, ErrMissingVocabulary), "%s %q", code, src)
		}
	}
}

// TestPlainPhrase: what plainPhrase lets through compiles in every language.
func TestPlainPhrase(t *testing.T) {
	set, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(t, err)
	for src, plain := range map[string]bool{
		"thank you": true, "e-mail": true, "don't": true, "返金": true, "grüße": true, "4 you": true,
		"": false, " x": false, "x  y": false, "x ": false, "- x": false, "x|y": false, "@x": false,
		"x?": false, "!x": false, ".. x": false, "x*": false, "=x": false, "'x'": true, "''": false,
	} {
		assert.Equal(t, plain, plainPhrase(src), "%q", src)
		if !plain {
			continue
		}
		for _, code := range set.Languages() {
			c := NewCompiler(set)
			_, err := c.compileSeq(c.index(code), src, nil, map[string]bool{}, false)
			assert.NoError(t, err, fmt.Sprintf("%s %q", code, src))
		}
	}
}

// TestSimplePattern: what simplePattern lets through compiles in every
// language; what it refuses is left to the parser.
func TestSimplePattern(t *testing.T) {
	set, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(t, err)
	for src, simple := range map[string]bool{
		"a'b|c": false, "a|@x": true, "@x ..2 b?": true, "@x'y|z": false, "@X": false,
		"thank you": true, "a|b c": true, "=a|b? ..3 c": true, "a .. b": true, "a ..12 b": true,
		"a ..13 b": false, "a ..0 b": false, "a ..+3 b": false, ".. a": false, "a ..": false, "a ..2": false,
		"a||b": false, "|a": false, "a|": false, "=": false, "==a": false, "?": false, "a??": false,
		"!a b": false, "'a b'": true, "a|'b'": false, "a|@b": true, "a*": false, "a  b": false, " a": false,
		"a?": true, "a|=b": true, "返金|払い戻し ..2 @x": true, "返金|払い戻し ..2 対応": true,
	} {
		ok, refs := simplePattern(src)
		assert.Equal(t, simple, ok, "%q", src)
		if !simple || refs {
			continue
		}
		for _, code := range set.Languages() {
			c := NewCompiler(set)
			_, err := c.compileSeq(c.index(code), src, nil, map[string]bool{}, false)
			assert.NoError(t, err, fmt.Sprintf("%s %q", code, src))
		}
	}
}

// BenchmarkCompileLanguage compiles the English vocabularies of the packs
// as the first English message does (checking them at load is not timed).
func BenchmarkCompileLanguage(b *testing.B) {
	set, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(b, err)
	names := sortedNames(set["en"].Vocabularies)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		c := NewCompiler(set)
		for _, name := range names {
			if _, err := c.Add("en", "@"+name, nil); err != nil {
				b.Fatal(err)
			}
		}
		c.Freeze()
		b.StartTimer()
		if err := c.CompileAll(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckPacks checks every vocabulary of every pack as loading
// does.
func BenchmarkCheckPacks(b *testing.B) {
	set, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		c := NewCompiler(set)
		for _, code := range set.Languages() {
			for _, name := range sortedNames(set[code].Vocabularies) {
				if _, err := c.Add(code, "@"+name, nil); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

func sortedNames(m map[string]*lang.Vocabulary) []string {
	out := make([]string, 0, len(m))
	for name := range m {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

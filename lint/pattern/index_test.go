package pattern

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/lint/token"
	"github.com/replylint/replylint/rules"
)

// reference matches an item the slow way: the backtracking matcher tried
// at every token with every entry of every vocabulary (no index, no start
// bits, no memo), leftmost-longest and not overlapping as Results does.
func reference(v *token.View, item *seq) [][2]int {
	ends := sentenceEnds(v, nil)
	m := &matcher{toks: v.Tokens}
	var out [][2]int
	for pos := 0; pos < len(v.Tokens); pos++ {
		m.limit, m.steps = ends[pos], 0
		longest := -1
		m.run(item.slots, 0, pos, func(e int) bool {
			if e > pos && e > longest {
				longest = e
			}
			return false
		})
		if longest > pos {
			out = append(out, [2]int{pos, longest})
			pos = longest - 1
		}
	}
	return out
}

// TestIndexedMatchingEqualsReference checks the indexes (start keys, the
// negated-first-slot keys of the next token, start bits, interned symbols,
// pooled scratch reused across messages) against the reference on every
// vocabulary of every pack, over our own corpus messages.
func TestIndexedMatchingEqualsReference(t *testing.T) {
	set, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(t, err)
	c := NewCompiler(set)
	type named struct {
		name string
		item Item
	}
	items := map[string][]named{}
	for _, code := range set.Languages() {
		names := make([]string, 0, len(set[code].Vocabularies))
		for name := range set[code].Vocabularies {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			it, err := c.Add(code, "@"+name, nil)
			require.NoError(t, err, "%s @%s", code, name)
			items[code] = append(items[code], named{name, it})
		}
	}
	c.Freeze()
	files, err := filepath.Glob("../../testdata/corpus/messages/*")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	if testing.Short() {
		files = files[:len(files)/10]
	}
	checked, matched := 0, 0
	for _, f := range files {
		code, _, _ := strings.Cut(filepath.Base(f), "_")
		if code == "mx" {
			code = "en"
		}
		if set[code] == nil {
			continue
		}
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		src := string(raw)
		v := token.Build(src, text.Normalize(src), set[code])
		res := c.Run(code, v)
		for _, n := range items[code] {
			var got [][2]int
			for _, m := range res.Matches(n.item) {
				got = append(got, [2]int{m.From, m.To})
			}
			want := reference(v, c.langs[code].items[n.item.ID])
			require.Equal(t, want, got, "%s: @%s", filepath.Base(f), n.name)
			checked++
			matched += len(got)
		}
		res.Release()
	}
	// The comparison must have had something to compare.
	require.Greater(t, checked, 1000)
	require.Greater(t, matched, 1000)
	t.Logf("%d (message, vocabulary) pairs, %d matches", checked, matched)
}

package pattern

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/lint/token"
	"github.com/replylint/replylint/rules"
)

// TestNeeds checks what the message's symbols rule out: an item or a
// vocabulary whose mandatory words are absent cannot match, one with a
// slot that cannot be ruled out (prefix, optional, negated, skip) is not
// ruled out by it, and a nested vocabulary is judged through its entries.
func TestNeeds(t *testing.T) {
	set, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(t, err)
	locals := NewLocals(map[string]*lang.Vocabulary{
		"defect": {Name: "defect", Entries: []lang.Entry{{Text: "no defects ..4 batch"}, {Text: "flawless"}}},
		"claim":  {Name: "claim", Entries: []lang.Entry{{Text: "@defect guaranteed"}}},
	})
	c := NewCompiler(set)
	var items []Item
	for _, src := range []string{"@claim", "@defect", "refund* policy", "maybe? refund", "!no refund"} {
		it, err := c.Add("en", src, locals)
		require.NoError(t, err)
		items = append(items, it)
	}
	require.NoError(t, c.CompileAll())
	li := c.langs["en"]
	can := func(src string) []bool {
		v := token.Build(src, text.Normalize(src), set["en"])
		res := c.Run("en", v)
		defer res.Release()
		var out []bool
		for _, it := range items {
			out = append(out, res.sc.poss.seq(li.items[it.ID].need))
		}
		return out
	}
	assert.Equal(t, []bool{false, false, false, true, true}, can("We refund you."))
	assert.Equal(t, []bool{false, false, true, true, true}, can("See the refundable policy and the refund."))
	assert.Equal(t, []bool{false, true, false, false, false}, can("It is flawless."))
	assert.Equal(t, []bool{true, true, true, true, true}, can("No defects in the batch, guaranteed, our refund policy."))
}

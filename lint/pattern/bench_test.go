package pattern

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/text"
	"github.com/replylint/replylint/lint/token"
	"github.com/replylint/replylint/rules"
)

// benchReply is the typical complaint reply of lint's benchmarks.
const benchReply = `Hi Maria,

I'm really sorry that the coffee grinder arrived with a cracked lid. I understand how disappointing that is after waiting a week for it.

I have checked your order 112-3456789-1234567 and I will take care of this today. I can send you a new grinder by express delivery at no cost, or refund the full amount of $49.99 to your original payment method right away. If you would like to send the damaged one back, the prepaid return label is available in your Amazon orders page, and you can follow the new parcel with the tracking link once it ships.

Would you prefer the replacement or the full refund?

Best regards,
Tom
Customer Care, Brightmill Kitchen`

// BenchmarkMatchVocabularies matches every English pack vocabulary, as an
// item, in the typical reply: the matcher alone, without the rest of
// linting (the view is built once).
func BenchmarkMatchVocabularies(b *testing.B) {
	set, err := lang.LoadFS(rules.FS, "lang", "rules/lang")
	require.NoError(b, err)
	c := NewCompiler(set)
	var items []Item
	for _, name := range sortedNames(set["en"].Vocabularies) {
		it, err := c.Add("en", "@"+name, nil)
		require.NoError(b, err)
		items = append(items, it)
	}
	require.NoError(b, c.CompileAll())
	v := token.Build(benchReply, text.Normalize(benchReply), set["en"])
	b.ReportAllocs()
	for b.Loop() {
		res := c.Run("en", v)
		for _, it := range items {
			res.Matches(it)
		}
		res.Release()
	}
}

package document

import (
	"fmt"
	"strings"
	"testing"

	"github.com/replylint/replylint/lint/internal/cputime"
)

// BenchmarkLinearJSONExport splits a minified JSON export (one line) of
// 2,500, 5,000 and 10,000 templates.
func BenchmarkLinearJSONExport(b *testing.B) {
	for _, k := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("x%d", k), func(b *testing.B) {
			var sb strings.Builder
			sb.WriteByte('[')
			for i := range 2500 * k {
				if i > 0 {
					sb.WriteByte(',')
				}
				fmt.Fprintf(&sb, `{"name":"t%d","body":"Hello {{name}}, sorry for the delay.\nPlease leave us a 5-star review at www.shop.com. Thanks!"}`, i)
			}
			sb.WriteByte(']')
			src := sb.String()
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			b.ResetTimer()
			cputime.Report(b, func() {
				if msgs, errs := SplitWith("export.json", src, SplitOptions{}); len(msgs) != 2500*k || len(errs) != 0 {
					b.Fatalf("%d messages, %v", len(msgs), errs)
				}
			})
		})
	}
}

// BenchmarkLinearYAMLCollection splits a plain YAML collection of 10,000,
// 20,000 and 40,000 entries (the 200,000-node cap stopped the last one).
func BenchmarkLinearYAMLCollection(b *testing.B) {
	for _, k := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("x%d", k), func(b *testing.B) {
			var sb strings.Builder
			for i := range 10000 * k {
				fmt.Fprintf(&sb, "- name: t%d\n  channel: amazon\n  body: Hello, thanks for your order %d. Sorry for the delay.\n", i, i)
			}
			src := sb.String()
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			b.ResetTimer()
			cputime.Report(b, func() {
				if msgs, errs := SplitWith("c.yaml", src, SplitOptions{MaxExpanded: 1 << 30}); len(msgs) != 10000*k || len(errs) != 0 {
					b.Fatalf("%d messages, %v", len(msgs), errs)
				}
			})
		})
	}
}

// BenchmarkLinearYAMLAliases splits `a: &a "<100 KB>"` with 1,000, 2,000
// and 4,000 uses of *a under the default 10 MB limit: refused at the same
// alias each time, so the cost is the parse (65 s and 3.5 GB for 8,000
// before the limit).
func BenchmarkLinearYAMLAliases(b *testing.B) {
	for _, k := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("x%d", k), func(b *testing.B) {
			src := "a: &a \"" + strings.Repeat("x", 100000) + "\"\nb: [" + strings.TrimSuffix(strings.Repeat("*a, ", 1000*k), ", ") + "]\n"
			b.ReportAllocs()
			b.ResetTimer()
			cputime.Report(b, func() {
				if _, errs := SplitWith("a.yaml", src, SplitOptions{}); len(errs) != 1 {
					b.Fatalf("want one refusal, got %v", errs)
				}
			})
		})
	}
}

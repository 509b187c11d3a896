package baseline

import (
	"fmt"
	"strings"
	"testing"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/internal/cputime"
	"github.com/replylint/replylint/lint/text"
)

// exportFindings is a minified export of n templates on one line with
// three findings per template.
func exportFindings(n int) (*text.Source, []finding.Finding) {
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, `{"name":"t%d","body":"Please leave a 5-star review at www.shop.com or mail help@shop.com."},`, i)
	}
	src := text.NewSource(sb.String())
	s := src.Text()
	var fs []finding.Finding
	for _, w := range []string{"5-star review", "www.shop.com", "help@shop.com"} {
		for o := 0; ; {
			k := strings.Index(s[o:], w)
			if k < 0 {
				break
			}
			fs = append(fs, at(src, "r-"+w[:3], o+k, o+k+len(w)))
			o += k + len(w)
		}
	}
	return src, fs
}

// BenchmarkLinearBaseline records and filters the findings of an export
// of 2,500, 5,000 and 10,000 templates (hashing the whole line per finding
// took 39 s for 10,000 before the bounded window).
func BenchmarkLinearBaseline(b *testing.B) {
	for _, k := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("x%d", k), func(b *testing.B) {
			src, fs := exportFindings(2500 * k)
			b.ReportAllocs()
			b.ResetTimer()
			cputime.Report(b, func() {
				var bl Baseline
				bl.Add("export.json", fs, src)
				if left := bl.Filter("export.json", fs, src); len(left) != 0 {
					b.Fatalf("%d findings not in the baseline", len(left))
				}
			})
		})
	}
}

func TestBaselineManyFilesStaysIndexed(t *testing.T) {
	src, fs := exportFindings(3)
	var bl Baseline
	for i := range 300 {
		bl.Add(fmt.Sprintf("f%03d.json", i), fs, src)
	}
	data, err := bl.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"path": "f000.json"`) || bl.Entries[0].Path != "f000.json" {
		t.Fatalf("entries not sorted by path: %s", bl.Entries[0].Path)
	}
	if got := len(bl.Filter("f299.json", fs, src)); got != 0 {
		t.Fatalf("%d findings of f299.json not in the baseline", got)
	}
}

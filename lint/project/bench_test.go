package project

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/replylint/replylint/lint"
)

// BenchmarkVerifySuggestions verifies the suggestions of bad replies (the
// examples of testdata/examples): one lint of the message with its
// suggestions applied per round. The first lint is done once, outside.
func BenchmarkVerifySuggestions(b *testing.B) {
	l, err := lint.New(lint.Config{Builtin: true})
	if err != nil {
		b.Fatal(err)
	}
	paths, err := filepath.Glob("../../testdata/examples/bad-*.txt")
	if err != nil || len(paths) == 0 {
		b.Fatalf("no examples: %v", err)
	}
	type linted struct {
		text string
		res  *lint.Result
	}
	var msgs []linted
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		msgs = append(msgs, linted{string(data), l.Lint(string(data), lint.Options{})})
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range msgs {
			res := *m.res
			res.Findings = slices.Clone(res.Findings)
			for i := range res.Findings {
				res.Findings[i].Suggestions = slices.Clone(res.Findings[i].Suggestions)
			}
			verifySuggestions(l, m.text, lint.Options{}, &res)
		}
	}
}

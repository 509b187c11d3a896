// Command genprefilters writes the analysis of the built-in rules'
// expressions (rules/prefilters.bin) so that the linter need not make it
// at run time. Run it with `go generate ./rules` after changing a rule;
// the tests fail while the file is stale.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/input"
	"github.com/replylint/replylint/lint/match"
)

func main() {
	out := flag.String("out", "", "file to write (required)")
	flag.Parse()
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genprefilters:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	l, err := lint.New(lint.Config{Builtin: true})
	if err != nil {
		return err
	}
	data, err := match.EncodeTable(l.MatchSets()...)
	if err != nil {
		return err
	}
	if _, err := os.Stat(out); err != nil {
		return os.WriteFile(out, data, 0o644)
	}
	return input.WriteAtomic(out, data)
}

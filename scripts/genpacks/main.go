// Command genpacks writes the snapshot of the built-in language packs
// (rules/lang.bin, see lang.EncodeSnapshot) from the YAML files under
// rules/lang, so that a run decodes the packs instead of parsing their YAML.
// It runs in the rules folder through go generate:
//
//	go generate ./rules
//
// A test in lint/lang fails when the snapshot is older than the YAML.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/replylint/replylint/lint/lang"
)

func main() {
	out := flag.String("o", "lang.bin", "file to write")
	flag.Parse()
	// Read from the folder, not the embedded files: the rules package
	// embeds the snapshot this writes. The display name is the one the
	// loader gives, so places in errors read the same.
	set, err := lang.LoadFS(os.DirFS("."), "lang", "rules/lang")
	if err != nil {
		fmt.Fprintln(os.Stderr, "genpacks:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, set.EncodeSnapshot(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "genpacks:", err)
		os.Exit(1)
	}
}

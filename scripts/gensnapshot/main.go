// Command gensnapshot writes the snapshots of the built-in language packs
// (rules/lang.bin, see lang.EncodeSnapshot) and rules (rules/rules.bin, see
// rule.EncodeSnapshot) from the YAML files under rules/, so that a run
// decodes them instead of parsing their YAML. It runs in the rules folder
// through go generate:
//
//	go generate ./rules
//
// Tests in lint/lang and lint/rule fail when a snapshot is older than the
// YAML.
package main

import (
	"fmt"
	"os"

	"github.com/replylint/replylint/lint/lang"
	"github.com/replylint/replylint/lint/rule"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gensnapshot:", err)
		os.Exit(1)
	}
}

func run() error {
	// Read from the folder, not the embedded files: the rules package
	// embeds the snapshots this writes. The display names are the ones the
	// loaders give, so places in errors read the same.
	dir := os.DirFS(".")
	packs, err := lang.LoadFS(dir, "lang", "rules/lang")
	if err != nil {
		return err
	}
	if err := os.WriteFile("lang.bin", packs.EncodeSnapshot(), 0o644); err != nil {
		return err
	}
	rules, err := rule.LoadFS(dir, ".", "rules")
	if err != nil {
		return err
	}
	data, err := rule.EncodeSnapshot(rules)
	if err != nil {
		return err
	}
	return os.WriteFile("rules.bin", data, 0o644)
}

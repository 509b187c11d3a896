// Package rules embeds the built-in rules and language packs: one YAML file
// per rule, grouped by theme (policy, empathy, tone, hygiene), and the
// language packs in lang/<code>/, with each rule's part in that language
// (its rewrites and examples) in lang/<code>/rules/<rule id>.yaml.
package rules

import "embed"

//go:generate go run ../scripts/gensnapshot

// FS holds the built-in rule files.
//
//go:embed */*.yaml lang/*/*.yaml lang/*/rules/*.yaml triage/skeletons/*.yaml
var FS embed.FS

// Packs is the snapshot of the language packs of lang/ (see
// lang.DecodeSnapshot): decoding it is much cheaper than parsing their YAML
// at every start. go generate ./rules writes it; a test in lint/lang fails
// when it is stale.
//
//go:embed lang.bin
var Packs string

// Rules is the snapshot of the rule files (see rule.DecodeSnapshot), written
// by go generate with Packs; a test in lint/rule fails when it is stale.
//
//go:embed rules.bin
var Rules string

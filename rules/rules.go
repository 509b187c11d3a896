// Package rules embeds the built-in rule packs: one YAML file per rule,
// grouped by theme (policy, empathy, tone, hygiene).
package rules

import "embed"

//go:generate go run ../scripts/genprefilters -out prefilters.bin

// FS holds the built-in rule files.
//
//go:embed */*.yaml lang/*/*.yaml triage/skeletons/*.yaml
var FS embed.FS

// Prefilters is the analysis of the built-in rules' expressions (see
// match.Table), made by go generate so that a linter does not make it at
// run time. It only saves work; the tests fail when it is stale.
//
//go:embed prefilters.bin
var Prefilters []byte

// Package rules embeds the built-in rules and language packs: one YAML file
// per rule, grouped by theme (policy, empathy, tone, hygiene), and the
// language packs in lang/<code>/.
package rules

import "embed"

// FS holds the built-in rule files.
//
//go:embed */*.yaml lang/*/*.yaml triage/skeletons/*.yaml
var FS embed.FS

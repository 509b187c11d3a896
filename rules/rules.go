// Package rules embeds the built-in rule packs: one YAML file per rule,
// grouped by theme (policy, empathy, tone, hygiene).
package rules

import "embed"

// FS holds the built-in rule files.
//
//go:embed */*.yaml
var FS embed.FS

package engine

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBuiltinPatternsCompileInEveryLanguage compiles what New only checked:
// each language's patterns are compiled when its first message comes, and
// none may fail then (the item would match nothing).
func TestBuiltinPatternsCompileInEveryLanguage(t *testing.T) {
	l, err := New(Config{Builtin: true})
	require.NoError(t, err)
	require.NoError(t, l.patterns.CompileAll())
	stats := l.PatternStats()
	for _, code := range l.patterns.Packs().Languages() {
		require.Positive(t, stats[code].Items, code)
	}
}

package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAndFor(t *testing.T) {
	c, err := Parse("/repo/.replylint.yaml", []byte(`channel: amazon
mode: template
disable: [style-shouting]
severity: {blame: error}
allow-domains: [help.example.com]
rules: [team-rules]
exclude: ["archive/**"]
overrides:
  - files: ["shopify/**"]
    channel: shopify
    enable: [style-shouting]
  - files: ["*.de.txt"]
    marketplace: amazon.de
    disable: [emoji]
`))
	require.NoError(t, err)
	e := c.For("/repo/shopify/welcome.de.txt")
	assert.Equal(t, "shopify", e.Channel)
	assert.Equal(t, "amazon.de", e.Marketplace)
	assert.Equal(t, "template", e.Mode)
	assert.Equal(t, []string{"emoji"}, e.Disable)
	assert.Equal(t, []int{0, 1}, e.Overrides)
	assert.Equal(t, "error", e.Severity["blame"])

	e = c.For("/repo/amazon/late.txt")
	assert.Equal(t, "amazon", e.Channel)
	assert.Equal(t, []string{"style-shouting"}, e.Disable)
	assert.Empty(t, e.Overrides)

	assert.False(t, c.Selects("/repo/archive/old/a.txt"))
	assert.True(t, c.Selects("/repo/amazon/a.txt"))
	assert.Equal(t, []string{filepath.Join("/repo", "team-rules")}, c.RuleDirs())
	c.Settings.Disable = append(c.Settings.Disable, "x")
	assert.NotContains(t, c.For("/repo/a.txt").Disable, "y", "For returns copies")
}

func TestParseErrorsHavePositions(t *testing.T) {
	_, err := Parse("c.yaml", []byte("channel: etsy\nmode: draft\ncolour: red\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `c.yaml:3:1: unknown key "colour"`)

	_, err = Parse("c.yaml", []byte("channel: etsy\noverrides:\n  - files: []\n    kind: rant\nfail-level: fatal\nmin-score: 300\n"))
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, `c.yaml:1:10: unknown channel "etsy"`)
	assert.Contains(t, msg, "overrides[0] needs a files: list")
	assert.Contains(t, msg, `unknown message kind "rant"`)
	assert.Contains(t, msg, "c.yaml:5:13:")
	assert.Contains(t, msg, "min-score must be between 0 and 100")
}

func TestStarterIsValid(t *testing.T) {
	_, err := Parse("starter.yaml", []byte(Starter))
	require.NoError(t, err)
}

func TestGlob(t *testing.T) {
	for _, tc := range []struct {
		glob, path string
		want       bool
	}{
		{"shopify/**", "shopify/a/b.txt", true},
		{"shopify/**", "amazon/shopify/b.txt", false},
		{"**/*.md", "a/b/c.md", true},
		{"**/*.md", "c.md", true},
		{"*.md", "deep/c.md", true},
		{"docs/*.md", "docs/sub/c.md", false},
		{"a?.txt", "ab.txt", true},
		{"archive/", "archive/x/y.txt", true},
	} {
		re, err := Glob(tc.glob)
		require.NoError(t, err)
		assert.Equal(t, tc.want, re.MatchString(tc.path), "%s ~ %s", tc.glob, tc.path)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "a", "b")
	require.NoError(t, os.MkdirAll(sub, 0o755))
	cfg := filepath.Join(root, ".replylint.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("channel: ebay\n"), 0o644))
	got, err := Find(filepath.Join(sub, "x.txt"))
	require.NoError(t, err)
	assert.Equal(t, cfg, got)
	near := filepath.Join(sub, ".replylint.yml")
	require.NoError(t, os.WriteFile(near, []byte("channel: tiktok\n"), 0o644))
	got, err = Find(filepath.Join(sub, "x.txt"))
	require.NoError(t, err)
	assert.Equal(t, near, got)
}

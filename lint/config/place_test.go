package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGlobMatchesNonASCIIByRune(t *testing.T) {
	tests := []struct {
		glob, path string
		want       bool
	}{
		{"ü*.txt", "über.txt", true},
		{"ü*.txt", "uber.txt", false},
		{"réponses/**", "réponses/a/b.txt", true},
		{"?.txt", "é.txt", true}, // one character, two bytes
		{"??.txt", "é.txt", false},
		{"日本/*.md", "日本/返信.md", true},
		{"*.ß", "a.ß", true},
	}
	for _, tt := range tests {
		t.Run(tt.glob+" "+tt.path, func(t *testing.T) {
			re, err := Glob(tt.glob)
			require.NoError(t, err)
			assert.Equal(t, tt.want, re.MatchString(tt.path))
		})
	}
}

func TestErrorAtNamesTheConfigPlace(t *testing.T) {
	c, err := Parse("/repo/.replylint.yaml", []byte(`channel: amazon
severity:
  blame: error
  nosuchrule: warning
disable: [emoji, nosuch]
overrides:
  - files: ["*.txt"]
    severity: {other: info}
`))
	require.NoError(t, err)
	tests := []struct {
		field, id string
		want      string
	}{
		{"severity", "nosuchrule", "/repo/.replylint.yaml:4:3: x"},
		{"disable", "nosuch", "/repo/.replylint.yaml:5:18: x"},
		{"severity", "other", "/repo/.replylint.yaml:8:16: x"},
		{"severity", "absent", "/repo/.replylint.yaml:3:3: x"},
		{"rules", "absent", "/repo/.replylint.yaml:1:1: x"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, c.ErrorAt(tt.field, tt.id, "x").Error(), "%s %s", tt.field, tt.id)
	}
}

func TestCheckRuleDirs(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "ok"), 0o755))
	p := filepath.Join(dir, ".replylint.yaml")
	c, err := Parse(p, []byte("rules:\n  - ok\n  - nonexist\n"))
	require.NoError(t, err)
	err = c.CheckRuleDirs()
	require.Error(t, err)
	assert.Equal(t, p+`:3:5: rules folder "nonexist": no such file or directory`, err.Error())
}

package project_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/config"
	"github.com/replylint/replylint/lint/project"
)

func rules(f *project.File) []string {
	var out []string
	for _, fd := range f.Result.Findings {
		out = append(out, fd.Rule)
	}
	return out
}

func TestLintTextConfigsAndReload(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".replylint.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("channel: amazon\n"), 0o644))
	path := filepath.Join(dir, "unsaved.txt") // never written: a buffer
	src := "Hello, see www.blendershop-direct.com for the manual.\n"

	var buffer []byte
	r, err := project.New(project.Options{ReadConfig: func(p string) ([]byte, bool) {
		return buffer, p == cfg && buffer != nil
	}})
	require.NoError(t, err)
	f, errs := r.LintText(path, src)
	require.Empty(t, errs)
	assert.Contains(t, rules(f), "external-link")
	assert.Equal(t, src, f.Source)

	// A config edited in the editor counts once the runner reloads.
	buffer = []byte("allow-domains: [blendershop-direct.com]\n")
	f, _ = r.LintText(path, src)
	assert.Contains(t, rules(f), "external-link", "configs are cached until Reload")
	r.Reload(false)
	f, _ = r.LintText(path, src)
	assert.NotContains(t, rules(f), "external-link")

	// A config given directly wins over the one found.
	c, err := config.Parse(cfg, []byte("disable: [external-link]\n"))
	require.NoError(t, err)
	buffer = nil
	r.Reload(true)
	f, _ = r.LintTextConfig(path, src, c)
	assert.NotContains(t, rules(f), "external-link")
	f, _ = r.LintText(path, src)
	assert.Contains(t, rules(f), "external-link", "the file on disk again")
}

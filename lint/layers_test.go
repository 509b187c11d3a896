package lint_test

import (
	"go/build"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// layers are docs/architecture.md's map, lowest first: a package may
// import packages of its own layer and of the layers below, never one
// above. Every package of the module must be on the map.
var layers = [][]string{
	{"lint/core", "lint/finding"},
	{"rules", "lint/text", "lint/strictyaml", "lint/locale", "lint/rule", "lint/lang", "lint/token", "lint/pattern",
		"lint/match", "lint/links", "lint/language", "lint/message", "lint/channel", "lint/check", "lint/document",
		"lint/internal/cputime"},
	{"lint/engine"},
	{"lint"},
	{"lint/config", "lint/baseline", "lint/input", "lint/fix", "lint/report", "lint/project"},
	{"lint/triage", "lint/eval", "lint/lsp", "service"},
	{"cmd/replylint", "scripts/genvale", "scripts/gencorpus", "scripts/loadtest", "scripts/sarifcheck", "scripts/gensnapshot"},
}

const module = "github.com/replylint/replylint/"

func TestNoPackageImportsUpwards(t *testing.T) {
	layerOf := map[string]int{}
	for i, l := range layers {
		for _, p := range l {
			layerOf[p] = i
		}
	}
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	seen := 0
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
			return filepath.SkipDir
		}
		pkg, err := build.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files here
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil // the module's tool pins
		}
		seen++
		own, ok := layerOf[rel]
		if !assert.True(t, ok, "package %s is not on the map of layers (docs/architecture.md)", rel) {
			return nil
		}
		for _, imp := range pkg.Imports {
			dep, ours := strings.CutPrefix(imp, module)
			if !ours {
				continue
			}
			if l, ok := layerOf[dep]; ok {
				assert.LessOrEqual(t, l, own, "%s imports %s, a layer above it", rel, dep)
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, seen, 30)
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A small schema in the shape of SARIF's top level, so the test does not
// depend on ../shared.
const miniSchema = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "required": ["version", "runs"],
  "properties": {
    "version": {"enum": ["2.1.0"]},
    "runs": {"type": "array", "items": {"type": "object", "required": ["tool"]}}
  }
}`

func TestRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	schema := write("schema.json", miniSchema)
	valid := write("valid.sarif", `{"version": "2.1.0", "runs": [{"tool": {}, "results": [{}, {}]}, {"tool": {}, "results": [{}]}]}`)
	invalid := write("invalid.sarif", `{"version": "2.0.0", "runs": []}`)
	notJSON := write("broken.sarif", `{"version": `)

	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"-schema", schema, valid}, &out, &errOut), errOut.String())
	assert.Equal(t, valid+": valid SARIF 2.1.0, 3 results\n", out.String())

	for _, bad := range []string{invalid, notJSON, filepath.Join(dir, "missing.sarif")} {
		out.Reset()
		errOut.Reset()
		assert.Equal(t, 1, run([]string{"-schema", schema, valid, bad}, &out, &errOut), bad)
		assert.Contains(t, errOut.String(), bad)
		assert.Contains(t, out.String(), "valid.sarif: valid", "the valid file is still reported")
	}

	assert.Equal(t, 2, run(nil, &out, &errOut))
	assert.Equal(t, 2, run([]string{"-schema", filepath.Join(dir, "nope.json"), valid}, &out, &errOut))
}

package report

// This test validates SARIF output against the official OASIS schema, which
// lives in ../shared beside the repository (it is skipped in a plain clone).

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/require"
)

// sarifSchemaPath is the OASIS SARIF 2.1.0 schema; SARIF_SCHEMA overrides it.
func sarifSchemaPath() string {
	if p := os.Getenv("SARIF_SCHEMA"); p != "" {
		return p
	}
	return filepath.Join("..", "..", "..", "shared", "schemas", "sarif-schema-2.1.0.json")
}

func TestSARIFMatchesSchema(t *testing.T) {
	path := sarifSchemaPath()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("SARIF schema not available (%v); set SARIF_SCHEMA to its path", err)
	}
	schema, err := jsonschema.NewCompiler().Compile(path)
	require.NoError(t, err)
	validate := func(out []byte) {
		t.Helper()
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		require.NoError(t, err)
		require.NoError(t, schema.Validate(inst), "%s", out)
	}

	files, sum := fixtures(t)
	validate(render(t, SARIF, files, sum, Options{Linter: testLinter(t), ToolVersion: "1.2.3"}))
	validate(render(t, SARIF, files, sum, Options{}))
	validate(render(t, SARIF, nil, Summary{}, Options{}))

	r := rand.New(rand.NewPCG(7, 20240601))
	for i := 0; i < 200; i++ {
		validate(render(t, SARIF, randomFiles(r), Summary{}, Options{ToolVersion: randomText(r, 2)}))
	}
}

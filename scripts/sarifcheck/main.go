// Command sarifcheck validates SARIF files against a JSON schema (the OASIS
// SARIF 2.1.0 schema) and says how many results each holds. The
// integration script runs it on what "replylint check --format sarif"
// really prints:
//
//	go run ./scripts/sarifcheck -schema ../shared/schemas/sarif-schema-2.1.0.json out.sarif
//
// Exit status: 0 valid, 1 a file does not validate, 2 a usage error.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sarifcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	schemaPath := fs.String("schema", "", "path of the JSON schema to validate against")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *schemaPath == "" || fs.NArg() == 0 {
		_, _ = fmt.Fprintln(stderr, "usage: sarifcheck -schema SCHEMA FILE...")
		return 2
	}
	schema, err := jsonschema.NewCompiler().Compile(*schemaPath)
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "sarifcheck: compiling %s: %v\n", *schemaPath, err)
		return 2
	}
	code := 0
	for _, path := range fs.Args() {
		n, err := check(schema, path)
		if err != nil {
			_, _ = fmt.Fprintf(stderr, "sarifcheck: %s: %v\n", path, err)
			code = 1
			continue
		}
		_, _ = fmt.Fprintf(stdout, "%s: valid SARIF 2.1.0, %d results\n", path, n)
	}
	return code
}

// check validates one file and counts the results of its runs.
func check(schema *jsonschema.Schema, path string) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("reading: %w", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return 0, fmt.Errorf("not JSON: %w", err)
	}
	if err := schema.Validate(inst); err != nil {
		return 0, fmt.Errorf("does not match the schema: %w", err)
	}
	var log struct {
		Runs []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		return 0, fmt.Errorf("reading runs: %w", err)
	}
	n := 0
	for _, r := range log.Runs {
		n += len(r.Results)
	}
	return n, nil
}

package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// encodeJSON writes v as indented JSON (no HTML escaping: paths like
// <stdin> stay readable) with every "##[" written as "#\u0023[". JSON
// output may be printed into a CI log, and GitHub's runner reads the legacy
// workflow command form "##[command]" anywhere in a line; in JSON "##[" can
// only occur inside a string, where the escape decodes to the same text.
func encodeJSON(w io.Writer, v any, what string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write %s report: %w", what, err)
	}
	out := buf.Bytes()
	if bytes.Contains(out, []byte("##[")) {
		out = bytes.ReplaceAll(out, []byte("##["), []byte(`#\u0023[`))
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("write %s report: %w", what, err)
	}
	return nil
}

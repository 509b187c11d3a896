package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// frame writes LSP messages with their Content-Length headers.
func frame(msgs ...string) string {
	var b strings.Builder
	for _, m := range msgs {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	return b.String()
}

func TestLSPCommand(t *testing.T) {
	initialize := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`
	shutdown := `{"jsonrpc":"2.0","id":2,"method":"shutdown"}`
	exit := `{"jsonrpc":"2.0","method":"exit"}`

	r := runCLI(t, frame(initialize, shutdown, exit), "lsp", "--stdio")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Content-Length: ")
	assert.Contains(t, r.stdout, `"positionEncoding":"utf-16"`)
	assert.Contains(t, r.stdout, `"name":"replylint"`)

	r = runCLI(t, frame(initialize, exit), "lsp")
	assert.Equal(t, exitFailed, r.code, "exit without shutdown")
}

package lsp_test

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.lsp.dev/jsonrpc2"

	"github.com/replylint/replylint/lint/lsp"
)

// client is an in-process LSP client: it runs a Server on one end of a
// pipe and speaks the protocol on the other, recording what the server
// sends.
type client struct {
	t      testing.TB
	conn   jsonrpc2.Conn
	served chan error

	mu          sync.Mutex
	diags       map[string][]lsp.PublishDiagnosticsParams
	published   chan struct{}
	registered  []lsp.Registration
	initialized lsp.InitializeResult
}

// newClient starts a server and initializes it with params (nil: UTF-16,
// no workspace folder).
func newClient(t testing.TB, opts lsp.Options, params *lsp.InitializeParams) *client {
	t.Helper()
	a, b := net.Pipe()
	srv := lsp.New(opts)
	c := &client{t: t, served: make(chan error, 1), diags: map[string][]lsp.PublishDiagnosticsParams{}, published: make(chan struct{}, 1000)}
	go func() { c.served <- srv.Serve(context.Background(), a) }()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(b))
	c.conn.Go(context.Background(), c.handle)
	t.Cleanup(func() {
		_ = b.Close()
		_ = a.Close()
		select {
		case err := <-c.served:
			if err != nil {
				t.Logf("server: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("server did not stop")
		}
	})
	if params == nil {
		params = &lsp.InitializeParams{}
	}
	c.call("initialize", params, &c.initialized)
	c.notify("initialized", struct{}{})
	return c
}

func (c *client) handle(_ context.Context, req *jsonrpc2.Request) (any, error) {
	switch req.Method() {
	case "textDocument/publishDiagnostics":
		var p lsp.PublishDiagnosticsParams
		if err := json.Unmarshal(req.Params(), &p); err != nil {
			return nil, err
		}
		c.mu.Lock()
		c.diags[p.URI] = append(c.diags[p.URI], p)
		c.mu.Unlock()
		c.published <- struct{}{}
		return nil, nil
	case "client/registerCapability":
		var p lsp.RegistrationParams
		if err := json.Unmarshal(req.Params(), &p); err != nil {
			return nil, err
		}
		c.mu.Lock()
		c.registered = append(c.registered, p.Registrations...)
		c.mu.Unlock()
		return json.RawMessage("null"), nil
	}
	return nil, nil
}

// call sends a request and decodes its result into out (which may be nil).
func (c *client) call(method string, params, out any) {
	c.t.Helper()
	require.NoError(c.t, c.callErr(method, params, out))
}

func (c *client) callErr(method string, params, out any) error {
	data, err := json.Marshal(params)
	require.NoError(c.t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var raw json.RawMessage
	if _, err := c.conn.Call(ctx, method, json.RawMessage(data), &raw); err != nil {
		return err
	}
	if out != nil && len(raw) > 0 {
		return json.Unmarshal(raw, out)
	}
	return nil
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	data, err := json.Marshal(params)
	require.NoError(c.t, err)
	require.NoError(c.t, c.conn.Notify(context.Background(), method, json.RawMessage(data)))
}

func (c *client) open(uri, text string) {
	c.t.Helper()
	c.notify("textDocument/didOpen", lsp.DidOpenTextDocumentParams{TextDocument: lsp.TextDocumentItem{URI: uri, LanguageID: "plaintext", Version: 1, Text: text}})
}

func (c *client) change(uri string, version int, changes ...lsp.TextDocumentContentChangeEvent) {
	c.t.Helper()
	c.notify("textDocument/didChange", lsp.DidChangeTextDocumentParams{
		TextDocument:   lsp.VersionedTextDocumentIdentifier{URI: uri, Version: version},
		ContentChanges: changes,
	})
}

// waitDiags waits for diagnostics of uri that satisfy ok and returns them.
func (c *client) waitDiags(uri string, ok func(lsp.PublishDiagnosticsParams) bool) lsp.PublishDiagnosticsParams {
	c.t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		c.mu.Lock()
		list := c.diags[uri]
		for i := len(list) - 1; i >= 0; i-- {
			if ok(list[i]) {
				p := list[i]
				c.mu.Unlock()
				return p
			}
		}
		c.mu.Unlock()
		select {
		case <-c.published:
		case <-deadline:
			c.t.Fatalf("no matching diagnostics for %s; got %+v", uri, list)
		}
	}
}

// waitVersion waits for the diagnostics of a version of uri.
func (c *client) waitVersion(uri string, version int) lsp.PublishDiagnosticsParams {
	c.t.Helper()
	return c.waitDiags(uri, func(p lsp.PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == version })
}

func (c *client) publications(uri string) []lsp.PublishDiagnosticsParams {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]lsp.PublishDiagnosticsParams(nil), c.diags[uri]...)
}

func codes(ds []lsp.Diagnostic) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Code
	}
	sort.Strings(out)
	return out
}

func byCode(ds []lsp.Diagnostic, code string) []lsp.Diagnostic {
	var out []lsp.Diagnostic
	for _, d := range ds {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}

// fileURI returns the URI of a path.
func fileURI(p string) string { return "file://" + filepath.ToSlash(p) }

// writeFile writes a file under dir and returns its path.
func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

// applyEdits applies LSP edits (UTF-16 positions) to a text, as a client
// does.
func applyEdits(t testing.TB, text string, edits []lsp.TextEdit) string {
	t.Helper()
	sort.SliceStable(edits, func(i, j int) bool {
		a, b := edits[i].Range.Start, edits[j].Range.Start
		return a.Line > b.Line || a.Line == b.Line && a.Character > b.Character
	})
	for _, e := range edits {
		a, z := utf16Offset(text, e.Range.Start), utf16Offset(text, e.Range.End)
		require.LessOrEqual(t, a, z)
		text = text[:a] + e.NewText + text[z:]
	}
	return text
}

// utf16Offset is an independent conversion of a UTF-16 position (lines end
// at \n only, which is all the tests use).
func utf16Offset(s string, p lsp.Position) int {
	line, i := 0, 0
	for line < p.Line && i < len(s) {
		if s[i] == '\n' {
			line++
		}
		i++
	}
	units := 0
	for _, r := range s[i:] {
		if units >= p.Character || r == '\n' {
			break
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		i += len(string(r))
	}
	return i
}

// editsOf returns the edits a workspace edit makes to uri.
func editsOf(t testing.TB, we *lsp.WorkspaceEdit, uri string) []lsp.TextEdit {
	t.Helper()
	require.NotNil(t, we)
	if e, ok := we.Changes[uri]; ok {
		return e
	}
	var out []lsp.TextEdit
	for _, dc := range we.DocumentChanges {
		data, err := json.Marshal(dc)
		require.NoError(t, err)
		var tde lsp.TextDocumentEdit
		require.NoError(t, json.Unmarshal(data, &tde))
		if tde.TextDocument.URI == uri {
			out = append(out, tde.Edits...)
		}
	}
	return out
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

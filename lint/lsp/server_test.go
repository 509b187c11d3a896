package lsp_test

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.lsp.dev/jsonrpc2"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/lsp"
	"github.com/replylint/replylint/lint/report"
)

const badDraft = "Hi Karen,\n\nWe got your message that the blender stopped working.Honestly it is not our fault.\n\nPlease remove your 1-star review. Buy spare parts at www.blendershop-direct.com today.\n\nThanks,\nBlender Team\n"

func fast() lsp.Options { return lsp.Options{Debounce: -1} }

func TestInitializeNegotiatesPositionEncoding(t *testing.T) {
	for _, tc := range []struct {
		name    string
		offered []string
		want    string
	}{
		{"nothing offered", nil, lsp.EncodingUTF16},
		{"utf-16 only", []string{"utf-16"}, lsp.EncodingUTF16},
		{"utf-8 offered", []string{"utf-16", "utf-8"}, lsp.EncodingUTF8},
		{"utf-32 only", []string{"utf-32"}, lsp.EncodingUTF16},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &lsp.InitializeParams{}
			if tc.offered != nil {
				p.Capabilities.General = &struct {
					PositionEncodings []string `json:"positionEncodings,omitempty"`
				}{tc.offered}
			}
			c := newClient(t, fast(), p)
			caps := c.initialized.Capabilities
			assert.Equal(t, tc.want, caps.PositionEncoding)
			assert.Equal(t, 2, caps.TextDocumentSync.Change, "incremental sync")
			assert.True(t, caps.HoverProvider)
			assert.Contains(t, caps.CodeActionProvider.CodeActionKinds, lsp.KindQuickFix)
			assert.Contains(t, caps.CodeActionProvider.CodeActionKinds, lsp.KindFixAllSafe)
			assert.Equal(t, "replylint", c.initialized.ServerInfo.Name)
		})
	}
}

func TestDiagnosticsOnOpenForUnsavedBuffer(t *testing.T) {
	dir := t.TempDir()
	uri := fileURI(filepath.Join(dir, "never-saved.txt")) // not on disk
	c := newClient(t, fast(), nil)
	c.open(uri, badDraft)
	p := c.waitVersion(uri, 1)
	got := codes(p.Diagnostics)
	for _, id := range []string{"review-manipulation", "external-link", "style-spacing", "blame"} {
		assert.Contains(t, got, id)
	}
	ext := byCode(p.Diagnostics, "external-link")
	require.Len(t, ext, 1)
	d := ext[0]
	assert.Equal(t, lsp.SeverityError, d.Severity)
	assert.Equal(t, "replylint", d.Source)
	require.NotNil(t, d.CodeDescription)
	assert.True(t, strings.HasPrefix(d.CodeDescription.Href, "https://"), d.CodeDescription.Href)
	line4 := strings.Split(badDraft, "\n")[4]
	col := strings.Index(line4, "www.")
	assert.Equal(t, lsp.Range{Start: lsp.Position{Line: 4, Character: col}, End: lsp.Position{Line: 4, Character: col + len("www.blendershop-direct.com")}}, d.Range)
	// A rule without a web source links to its rule file.
	ap := byCode(p.Diagnostics, "style-spacing")
	require.NotEmpty(t, ap)
	assert.Equal(t, lsp.SeverityWarning, ap[0].Severity)
	require.NotNil(t, ap[0].CodeDescription)
	assert.Contains(t, ap[0].CodeDescription.Href, "rules/")
}

func TestIncrementalChangesInUTF16(t *testing.T) {
	uri := "file:///tmp/replylint-lsp-test/emoji.txt"
	c := newClient(t, fast(), nil)
	c.open(uri, "Hi 😀 Sam,\n\nThanks for your order.\n")
	c.waitVersion(uri, 1)
	// Insert a link after the emoji (U+1F600 is two UTF-16 units): "Hi 😀 " is 6 units.
	c.change(uri, 2, lsp.TextDocumentContentChangeEvent{
		Range: &lsp.Range{Start: lsp.Position{Line: 0, Character: 6}, End: lsp.Position{Line: 0, Character: 6}},
		Text:  "see www.evil-shop.com ",
	})
	p := c.waitVersion(uri, 2)
	ext := byCode(p.Diagnostics, "external-link")
	require.Len(t, ext, 1)
	assert.Equal(t, lsp.Range{Start: lsp.Position{Line: 0, Character: 10}, End: lsp.Position{Line: 0, Character: 27}}, ext[0].Range)
	// Delete it again with a range change spanning the same text.
	c.change(uri, 3, lsp.TextDocumentContentChangeEvent{
		Range: &lsp.Range{Start: lsp.Position{Line: 0, Character: 6}, End: lsp.Position{Line: 0, Character: 28}},
		Text:  "",
	})
	p = c.waitVersion(uri, 3)
	assert.Empty(t, byCode(p.Diagnostics, "external-link"))
}

// TestDiagnosticsInTheClientsLocale: the client's locale (de-CH) writes
// the diagnostics in German; one replylint lacks (pt) gets English.
func TestDiagnosticsInTheClientsLocale(t *testing.T) {
	for _, tc := range []struct{ locale, want string }{
		{"de-CH", "Link zu einer nicht erlaubten Website"},
		{"pt-BR", "Link to a site that is not allowed"},
	} {
		t.Run(tc.locale, func(t *testing.T) {
			c := newClient(t, fast(), &lsp.InitializeParams{Locale: tc.locale})
			uri := "file:///tmp/replylint-lsp-test/locale-" + tc.locale + ".txt"
			c.open(uri, "Hi Sam, see www.evil-shop.com for the manual.\n")
			got := byCode(c.waitVersion(uri, 1).Diagnostics, "external-link")
			require.Len(t, got, 1)
			assert.True(t, strings.HasPrefix(got[0].Message, tc.want), got[0].Message)
		})
	}
}

func TestUTF8PositionsWhenOffered(t *testing.T) {
	p := &lsp.InitializeParams{}
	p.Capabilities.General = &struct {
		PositionEncodings []string `json:"positionEncodings,omitempty"`
	}{[]string{"utf-8"}}
	c := newClient(t, fast(), p)
	uri := "file:///tmp/replylint-lsp-test/utf8.txt"
	c.open(uri, "Hi 😀 see www.evil-shop.com\n")
	got := byCode(c.waitVersion(uri, 1).Diagnostics, "external-link")
	require.Len(t, got, 1)
	// "Hi 😀 see " is 3+4+5 = 12 bytes.
	assert.Equal(t, lsp.Position{Line: 0, Character: 12}, got[0].Range.Start)
}

func TestDebounceLintsOnceAfterABurst(t *testing.T) {
	uri := "file:///tmp/replylint-lsp-test/burst.txt"
	c := newClient(t, lsp.Options{Debounce: time.Second}, nil) // long enough that a loaded machine still sends the burst within it
	c.open(uri, "Hello,\n")
	c.waitVersion(uri, 1) // open lints at once
	for v := 2; v <= 6; v++ {
		c.change(uri, v, lsp.TextDocumentContentChangeEvent{
			Range: &lsp.Range{Start: lsp.Position{Line: 1, Character: 0}, End: lsp.Position{Line: 1, Character: 0}},
			Text:  "x",
		})
	}
	c.waitVersion(uri, 6)
	for _, p := range c.publications(uri) {
		require.NotNil(t, p.Version)
		assert.Contains(t, []int{1, 6}, *p.Version, "a burst of changes is linted once, at its end")
	}
}

func TestCollectionFindingsPointIntoTheFile(t *testing.T) {
	src := "macros:\n  - name: refund\n    body: |\n      Hello,\n      visit www.evil-shop.com for a refund.\n"
	uri := "file:///tmp/replylint-lsp-test/macros.yaml"
	c := newClient(t, fast(), nil)
	c.open(uri, src)
	ext := byCode(c.waitVersion(uri, 1).Diagnostics, "external-link")
	require.Len(t, ext, 1)
	assert.Equal(t, lsp.Position{Line: 4, Character: 12}, ext[0].Range.Start)
}

func TestFrontMatterFindingsPointIntoTheFile(t *testing.T) {
	src := "---\nchannel: ebay\nchanel: x\n---\nHello, see www.evil-shop.com\n"
	uri := "file:///tmp/replylint-lsp-test/front.md"
	c := newClient(t, fast(), nil)
	c.open(uri, src)
	p := c.waitVersion(uri, 1)
	ext := byCode(p.Diagnostics, "external-link")
	require.Len(t, ext, 1)
	assert.Equal(t, lsp.Position{Line: 4, Character: 11}, ext[0].Range.Start)
	doc := byCode(p.Diagnostics, lsp.CodeDocument)
	require.NotEmpty(t, doc, "the unknown front-matter key is reported")
	assert.Equal(t, 2, doc[0].Range.Start.Line)
}

func TestQuickFixesAndFixAll(t *testing.T) {
	uri := "file:///tmp/replylint-lsp-test/fix.txt"
	c := newClient(t, fast(), nil)
	c.open(uri, badDraft)
	p := c.waitVersion(uri, 1)
	sp := byCode(p.Diagnostics, "style-spacing")
	require.Len(t, sp, 1)
	var acts []lsp.CodeAction
	c.call("textDocument/codeAction", lsp.CodeActionParams{
		TextDocument: lsp.TextDocumentIdentifier{URI: uri}, Range: sp[0].Range,
		Context: lsp.CodeActionContext{Diagnostics: sp, Only: []string{"quickfix"}},
	}, &acts)
	var fix *lsp.CodeAction
	for i, a := range acts {
		assert.Equal(t, lsp.KindQuickFix, a.Kind)
		if a.IsPreferred && len(a.Diagnostics) == 1 && a.Diagnostics[0].Code == "style-spacing" {
			fix = &acts[i]
		}
	}
	require.NotNil(t, fix, "the safe spacing fix is the preferred action: %+v", acts)
	fixed := applyEdits(t, badDraft, editsOf(t, fix.Edit, uri))
	assert.Contains(t, fixed, "working. Honestly")

	var all []lsp.CodeAction
	c.call("textDocument/codeAction", lsp.CodeActionParams{
		TextDocument: lsp.TextDocumentIdentifier{URI: uri},
		Context:      lsp.CodeActionContext{Only: []string{"source.fixAll"}},
	}, &all)
	require.Len(t, all, 1)
	assert.Equal(t, lsp.KindFixAllSafe, all[0].Kind)
	assert.Contains(t, applyEdits(t, badDraft, editsOf(t, all[0].Edit, uri)), "working. Honestly")
}

func TestDisableForThisLine(t *testing.T) {
	for _, tc := range []struct {
		name, file, src, rule, comment string
	}{
		{"text", "a.txt", badDraft, "review-manipulation", "<!-- replylint-disable-next-line review-manipulation -- "},
		{"go template", "a.txt.tmpl", badDraft, "review-manipulation", "{{/* replylint-disable-next-line review-manipulation -- "},
		{"jinja", "a.j2", badDraft, "external-link", "{# replylint-disable-next-line external-link -- "},
		{"html", "a.html", "<p>Hello,</p>\n<p>visit www.evil-shop.com now.</p>\n", "external-link", "<!-- replylint-disable-next-line external-link -- "},
		{"front matter", "a.md", "---\nchannel: amazon\n---\nHello,\nvisit www.evil-shop.com now.\n", "external-link", "<!-- replylint-disable-next-line external-link -- "},
		{"yaml block", "m.yaml", "- name: a\n  body: |\n    Hello,\n    visit www.evil-shop.com now.\n", "external-link", "replylint-disable-line external-link -- "},
		{"yaml quoted", "m.yml", "refund: \"Hello, visit www.evil-shop.com now.\"\n", "external-link", "replylint-disable-line external-link -- "},
		{"message level", "b.txt", badDraft, "apology", "<!-- replylint-disable-next-line apology -- "},
		{"collection", "m.json", `{"refund": "Hello,\nvisit www.evil-shop.com for a refund."}`, "external-link", "replylint-disable-line external-link -- "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			uri := "file:///tmp/replylint-lsp-test/" + tc.file
			c := newClient(t, fast(), nil)
			c.open(uri, tc.src)
			ds := byCode(c.waitVersion(uri, 1).Diagnostics, tc.rule)
			require.NotEmpty(t, ds)
			var acts []lsp.CodeAction
			c.call("textDocument/codeAction", lsp.CodeActionParams{
				TextDocument: lsp.TextDocumentIdentifier{URI: uri}, Range: ds[0].Range,
				Context: lsp.CodeActionContext{Diagnostics: ds[:1]},
			}, &acts)
			var disable *lsp.CodeAction
			for i, a := range acts {
				if strings.HasPrefix(a.Title, "Disable "+tc.rule) {
					disable = &acts[i]
				}
			}
			require.NotNil(t, disable, "%+v", acts)
			edited := applyEdits(t, tc.src, editsOf(t, disable.Edit, uri))
			assert.Contains(t, edited, tc.comment+lsp.ReasonPlaceholder)
			c.change(uri, 2, lsp.TextDocumentContentChangeEvent{Text: edited})
			p := c.waitVersion(uri, 2)
			assert.Empty(t, byCode(p.Diagnostics, tc.rule), "the suppression silences the rule")
			doc := byCode(p.Diagnostics, lsp.CodeDocument)
			require.Len(t, doc, 1, "only the placeholder reason is pointed at: %+v", doc)
			assert.Equal(t, lsp.SeverityInformation, doc[0].Severity)
			assert.Contains(t, doc[0].Message, "placeholder")
		})
	}
}

func TestAllowDomainEditsTheConfigAndReloads(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, ".replylint.yaml", "channel: amazon\nallow-domains:\n  - example.org\n")
	draft := filepath.Join(dir, "reply.txt")
	uri := fileURI(draft)
	p := &lsp.InitializeParams{WorkspaceFolders: []lsp.WorkspaceFolder{{URI: fileURI(dir), Name: "t"}}}
	c := newClient(t, fast(), p)
	src := "Hello,\n\nthe manual is at www.blendershop-direct.com/manual.\n"
	c.open(uri, src)
	ds := byCode(c.waitVersion(uri, 1).Diagnostics, "external-link")
	require.Len(t, ds, 1)
	var acts []lsp.CodeAction
	c.call("textDocument/codeAction", lsp.CodeActionParams{
		TextDocument: lsp.TextDocumentIdentifier{URI: uri}, Range: ds[0].Range,
		Context: lsp.CodeActionContext{Diagnostics: ds},
	}, &acts)
	var allow *lsp.CodeAction
	for i, a := range acts {
		if strings.HasPrefix(a.Title, "Allow the domain blendershop-direct.com") {
			allow = &acts[i]
		}
	}
	require.NotNil(t, allow, "%+v", acts)
	data, err := os.ReadFile(cfg)
	require.NoError(t, err)
	edited := applyEdits(t, string(data), editsOf(t, allow.Edit, fileURI(cfg)))
	assert.Equal(t, "channel: amazon\nallow-domains:\n  - example.org\n  - blendershop-direct.com\n", edited)
	require.NoError(t, os.WriteFile(cfg, []byte(edited), 0o644))
	c.notify("workspace/didChangeWatchedFiles", lsp.DidChangeWatchedFilesParams{Changes: []lsp.FileEvent{{URI: fileURI(cfg), Type: 2}}})
	c.waitDiags(uri, func(p lsp.PublishDiagnosticsParams) bool { return len(byCode(p.Diagnostics, "external-link")) == 0 })
}

func TestAllowDomainCreatesAConfig(t *testing.T) {
	dir := t.TempDir()
	uri := fileURI(filepath.Join(dir, "reply.txt"))
	p := &lsp.InitializeParams{WorkspaceFolders: []lsp.WorkspaceFolder{{URI: fileURI(dir), Name: "t"}}}
	require.NoError(t, jsonUnmarshal(`{"workspace":{"workspaceEdit":{"documentChanges":true,"resourceOperations":["create"]}}}`, &p.Capabilities))
	c := newClient(t, fast(), p)
	c.open(uri, "Hello,\n\nthe manual is at www.blendershop-direct.com/manual.\n")
	ds := byCode(c.waitVersion(uri, 1).Diagnostics, "external-link")
	require.Len(t, ds, 1)
	var acts []lsp.CodeAction
	c.call("textDocument/codeAction", lsp.CodeActionParams{TextDocument: lsp.TextDocumentIdentifier{URI: uri}, Range: ds[0].Range}, &acts)
	var allow *lsp.CodeAction
	for i, a := range acts {
		if strings.HasPrefix(a.Title, "Allow the domain") {
			allow = &acts[i]
		}
	}
	require.NotNil(t, allow)
	require.Len(t, allow.Edit.DocumentChanges, 2)
	create, ok := allow.Edit.DocumentChanges[0].(map[string]any)
	require.True(t, ok)
	assert.Equal(t, "create", create["kind"])
	assert.Equal(t, fileURI(filepath.Join(dir, ".replylint.yaml")), create["uri"])
	assert.Equal(t, "allow-domains:\n  - blendershop-direct.com\n", applyEdits(t, "", editsOf(t, allow.Edit, fileURI(filepath.Join(dir, ".replylint.yaml")))))
}

func TestHoverShowsTheExplanation(t *testing.T) {
	uri := "file:///tmp/replylint-lsp-test/hover.txt"
	c := newClient(t, fast(), nil)
	c.open(uri, badDraft)
	ds := byCode(c.waitVersion(uri, 1).Diagnostics, "review-manipulation")
	require.Len(t, ds, 1)
	var h lsp.Hover
	c.call("textDocument/hover", lsp.TextDocumentPositionParams{TextDocument: lsp.TextDocumentIdentifier{URI: uri}, Position: ds[0].Range.Start}, &h)
	assert.Equal(t, "markdown", h.Contents.Kind)
	l, err := lint.New(lint.Config{Builtin: true})
	require.NoError(t, err)
	var want strings.Builder
	require.NoError(t, report.Explain(&want, l.Rule("review-manipulation")))
	assert.Contains(t, h.Contents.Value, want.String())
	require.NotNil(t, h.Range)
	assert.Equal(t, ds[0].Range, *h.Range)

	var none *lsp.Hover
	c.call("textDocument/hover", lsp.TextDocumentPositionParams{TextDocument: lsp.TextDocumentIdentifier{URI: uri}, Position: lsp.Position{Line: 0, Character: 1}}, &none)
	assert.Nil(t, none, "no hover away from findings")
}

func TestConfigFileDiagnostics(t *testing.T) {
	dir := t.TempDir()
	src := "channel: amazn\nchanel: ebay\ndisable: [no-such-rule, emoji]\nrules: [missing-dir]\n"
	uri := fileURI(filepath.Join(dir, ".replylint.yaml"))
	c := newClient(t, fast(), nil)
	c.open(uri, src)
	p := c.waitDiags(uri, func(lsp.PublishDiagnosticsParams) bool { return true })
	require.NotEmpty(t, p.Diagnostics)
	lines := map[int]string{}
	for _, d := range p.Diagnostics {
		assert.Equal(t, lsp.CodeConfig, d.Code)
		lines[d.Range.Start.Line] = d.Message
	}
	assert.Contains(t, lines[1], "chanel", "unknown key at its line")

	// Fixed keys: values are checked next, then rule IDs and directories.
	c.change(uri, 2, lsp.TextDocumentContentChangeEvent{Text: "channel: amazn\n"})
	p = c.waitVersion(uri, 2)
	require.Len(t, p.Diagnostics, 1)
	assert.Equal(t, lsp.Range{Start: lsp.Position{Line: 0, Character: 9}, End: lsp.Position{Line: 0, Character: 14}}, p.Diagnostics[0].Range)

	c.change(uri, 3, lsp.TextDocumentContentChangeEvent{Text: "disable: [no-such-rule, emoji]\nrules: [missing-dir]\n"})
	p = c.waitVersion(uri, 3)
	require.Len(t, p.Diagnostics, 1)
	assert.Contains(t, p.Diagnostics[0].Message, "missing-dir")
	assert.Equal(t, 1, p.Diagnostics[0].Range.Start.Line)

	c.change(uri, 4, lsp.TextDocumentContentChangeEvent{Text: "disable: [no-such-rule, emoji]\n"})
	p = c.waitVersion(uri, 4)
	require.Len(t, p.Diagnostics, 1)
	assert.Contains(t, p.Diagnostics[0].Message, `unknown rule "no-such-rule"`)
	assert.Equal(t, lsp.Position{Line: 0, Character: 10}, p.Diagnostics[0].Range.Start)

	c.change(uri, 5, lsp.TextDocumentContentChangeEvent{Text: "disable: [emoji]\n"})
	assert.Empty(t, c.waitVersion(uri, 5).Diagnostics)
}

func TestOpenConfigBufferCountsOverTheDisk(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, ".replylint.yaml", "channel: amazon\n")
	draftURI := fileURI(filepath.Join(dir, "d.txt"))
	c := newClient(t, fast(), nil)
	c.open(draftURI, "Hello, see www.blendershop-direct.com\n")
	require.NotEmpty(t, byCode(c.waitVersion(draftURI, 1).Diagnostics, "external-link"))
	c.open(fileURI(cfg), "channel: amazon\nallow-domains: [blendershop-direct.com]\n")
	c.waitDiags(draftURI, func(p lsp.PublishDiagnosticsParams) bool { return len(byCode(p.Diagnostics, "external-link")) == 0 })
	c.notify("textDocument/didClose", lsp.DidCloseTextDocumentParams{TextDocument: lsp.TextDocumentIdentifier{URI: fileURI(cfg)}})
	c.waitDiags(draftURI, func(p lsp.PublishDiagnosticsParams) bool { return len(byCode(p.Diagnostics, "external-link")) == 1 })
}

func TestInitializationOptionsConfigPerFolder(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	writeFile(t, a, "lint/strict.yaml", "disable: [external-link]\n")
	p := &lsp.InitializeParams{
		WorkspaceFolders:      []lsp.WorkspaceFolder{{URI: fileURI(a), Name: "a"}, {URI: fileURI(b), Name: "b"}},
		InitializationOptions: []byte(`{"config": "lint/strict.yaml"}`),
	}
	c := newClient(t, fast(), p)
	inA, inB := fileURI(filepath.Join(a, "x.txt")), fileURI(filepath.Join(b, "x.txt"))
	c.open(inA, "Hello, see www.blendershop-direct.com\n")
	c.open(inB, "Hello, see www.blendershop-direct.com\n")
	assert.Empty(t, byCode(c.waitVersion(inA, 1).Diagnostics, "external-link"), "folder a's config disables the rule")
	pb := c.waitVersion(inB, 1)
	cfgErr := byCode(pb.Diagnostics, lsp.CodeConfig)
	require.Len(t, cfgErr, 1, "folder b has no lint/strict.yaml: %+v", pb.Diagnostics)
	assert.Contains(t, cfgErr[0].Message, "strict.yaml")
}

func TestDidCloseClearsDiagnostics(t *testing.T) {
	uri := "file:///tmp/replylint-lsp-test/close.txt"
	c := newClient(t, fast(), nil)
	c.open(uri, badDraft)
	c.waitVersion(uri, 1)
	c.notify("textDocument/didClose", lsp.DidCloseTextDocumentParams{TextDocument: lsp.TextDocumentIdentifier{URI: uri}})
	p := c.waitDiags(uri, func(p lsp.PublishDiagnosticsParams) bool { return p.Version == nil })
	assert.Empty(t, p.Diagnostics)
}

func TestWatchersAreRegistered(t *testing.T) {
	p := &lsp.InitializeParams{}
	require.NoError(t, jsonUnmarshal(`{"workspace":{"didChangeWatchedFiles":{"dynamicRegistration":true}}}`, &p.Capabilities))
	c := newClient(t, fast(), p)
	require.Eventually(t, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return len(c.registered) == 1 && c.registered[0].Method == "workspace/didChangeWatchedFiles"
	}, 5*time.Second, 10*time.Millisecond)
}

func TestLifecycle(t *testing.T) {
	t.Run("requests before initialize", func(t *testing.T) {
		a, b := net.Pipe()
		srv := lsp.New(fast())
		done := make(chan error, 1)
		go func() { done <- srv.Serve(context.Background(), a) }()
		conn := jsonrpc2.NewConn(jsonrpc2.NewStream(b))
		conn.Go(context.Background(), jsonrpc2.MethodNotFoundHandler)
		_, err := conn.Call(context.Background(), "textDocument/hover", map[string]any{}, nil)
		var je *jsonrpc2.Error
		require.True(t, errors.As(err, &je), "%v", err)
		assert.Equal(t, jsonrpc2.Code(-32002), je.Code)
		require.NoError(t, conn.Notify(context.Background(), "exit", nil))
		assert.ErrorIs(t, <-done, lsp.ErrNoShutdown)
		_ = b.Close()
	})
	t.Run("shutdown then exit", func(t *testing.T) {
		a, b := net.Pipe()
		srv := lsp.New(fast())
		done := make(chan error, 1)
		go func() { done <- srv.Serve(context.Background(), a) }()
		conn := jsonrpc2.NewConn(jsonrpc2.NewStream(b))
		conn.Go(context.Background(), jsonrpc2.MethodNotFoundHandler)
		_, err := conn.Call(context.Background(), "initialize", map[string]any{"capabilities": map[string]any{}}, nil)
		require.NoError(t, err)
		_, err = conn.Call(context.Background(), "shutdown", nil, nil)
		require.NoError(t, err)
		_, err = conn.Call(context.Background(), "textDocument/hover", map[string]any{}, nil)
		require.Error(t, err, "requests after shutdown are refused")
		require.NoError(t, conn.Notify(context.Background(), "exit", nil))
		assert.NoError(t, <-done)
		_ = b.Close()
	})
	t.Run("unknown method", func(t *testing.T) {
		c := newClient(t, fast(), nil)
		err := c.callErr("textDocument/definition", map[string]any{}, nil)
		var je *jsonrpc2.Error
		require.True(t, errors.As(err, &je), "%v", err)
		assert.Equal(t, jsonrpc2.MethodNotFound, je.Code)
	})
}

func TestOversizedBufferIsNotLinted(t *testing.T) {
	uri := "file:///tmp/replylint-lsp-test/big.txt"
	opts := fast()
	opts.Project.MaxBytes = 100
	c := newClient(t, opts, nil)
	c.open(uri, strings.Repeat("Please remove your 1-star review. ", 10))
	p := c.waitVersion(uri, 1)
	require.Len(t, p.Diagnostics, 1)
	assert.Equal(t, lsp.CodeDocument, p.Diagnostics[0].Code)
	assert.Contains(t, p.Diagnostics[0].Message, "over the limit of 100")
}

func TestBadParamsAreRefused(t *testing.T) {
	c := newClient(t, fast(), nil)
	uri := "file:///tmp/replylint-lsp-test/bad.txt"
	c.open(uri, "Hello\n")
	c.waitVersion(uri, 1)
	for _, tc := range []struct {
		method string
		params any
	}{
		{"textDocument/hover", []int{1, 2}},
		{"textDocument/codeAction", "x"},
		{"textDocument/hover", lsp.TextDocumentPositionParams{TextDocument: lsp.TextDocumentIdentifier{URI: "file:///not/open.txt"}}},
		{"textDocument/codeAction", lsp.CodeActionParams{TextDocument: lsp.TextDocumentIdentifier{URI: uri}, Range: lsp.Range{Start: lsp.Position{Line: -1}}}},
	} {
		err := c.callErr(tc.method, tc.params, nil)
		var je *jsonrpc2.Error
		require.True(t, errors.As(err, &je), "%s %v: %v", tc.method, tc.params, err)
		assert.Equal(t, jsonrpc2.InvalidParams, je.Code)
	}
	// A broken notification is logged, and the connection goes on.
	c.notify("textDocument/didChange", []int{1})
	c.change("file:///not/open.txt", 2, lsp.TextDocumentContentChangeEvent{Text: "x"})
	c.change(uri, 2, lsp.TextDocumentContentChangeEvent{Range: &lsp.Range{Start: lsp.Position{Line: 0, Character: 3}, End: lsp.Position{Line: 0, Character: 1}}})
	c.change(uri, 3, lsp.TextDocumentContentChangeEvent{Text: "Please remove your 1-star review.\n"})
	assert.NotEmpty(t, byCode(c.waitVersion(uri, 3).Diagnostics, "review-manipulation"))
}

func TestDidSaveOfAConfigReloads(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, ".replylint.yaml", "channel: amazon\n")
	draft := fileURI(filepath.Join(dir, "d.txt"))
	c := newClient(t, fast(), nil)
	c.open(draft, "Hello, see www.blendershop-direct.com\n")
	require.NotEmpty(t, byCode(c.waitVersion(draft, 1).Diagnostics, "external-link"))
	// Written by another program (a client without file watching), then
	// saved from the editor: didSave alone makes the server read it again.
	require.NoError(t, os.WriteFile(cfg, []byte("disable: [external-link]\n"), 0o644))
	c.notify("textDocument/didSave", lsp.DidSaveTextDocumentParams{TextDocument: lsp.TextDocumentIdentifier{URI: fileURI(cfg)}})
	c.waitDiags(draft, func(p lsp.PublishDiagnosticsParams) bool { return len(byCode(p.Diagnostics, "external-link")) == 0 })
}

func TestWorkspaceFoldersChange(t *testing.T) {
	a := t.TempDir()
	writeFile(t, a, "team.yaml", "disable: [external-link]\n")
	c := newClient(t, fast(), &lsp.InitializeParams{InitializationOptions: []byte(`{"config": "team.yaml"}`)})
	uri := fileURI(filepath.Join(a, "x.txt"))
	c.open(uri, "Hello, see www.blendershop-direct.com\n")
	// No folder yet: team.yaml is looked for in the server's directory.
	require.NotEmpty(t, byCode(c.waitVersion(uri, 1).Diagnostics, lsp.CodeConfig))
	var p lsp.DidChangeWorkspaceFoldersParams
	p.Event.Added = []lsp.WorkspaceFolder{{URI: fileURI(a), Name: "a"}}
	c.notify("workspace/didChangeWorkspaceFolders", p)
	c.waitDiags(uri, func(p lsp.PublishDiagnosticsParams) bool {
		return len(byCode(p.Diagnostics, lsp.CodeConfig)) == 0 && len(byCode(p.Diagnostics, "external-link")) == 0
	})
}

func TestUntitledBufferIsLinted(t *testing.T) {
	c := newClient(t, fast(), nil)
	uri := "untitled:Untitled-1"
	c.open(uri, "Please remove your 1-star review.\n")
	assert.NotEmpty(t, byCode(c.waitVersion(uri, 1).Diagnostics, "review-manipulation"))
}

// Package lsp is replylint's language server: it lints an editor's buffers
// as they are typed (not the files on disk) and offers the fixes, the
// suppressions and the explanations the command line has, over the Language
// Server Protocol (3.17). It is a thin face over lint/project, which
// splits template files, applies .replylint.yaml and maps findings into
// the file; 'replylint lsp' serves it on standard input and output.
//
// What it does:
//   - textDocument/publishDiagnostics for every open buffer, on open and
//     after each change (incremental sync, debounced), with positions in
//     the negotiated encoding (UTF-8 when the client offers it, else
//     UTF-16); the rule ID is the code, its source the codeDescription;
//   - textDocument/codeAction: each suggestion as a quick fix (safe ones
//     preferred), "disable for this line" (a template-comment suppression
//     in the file's syntax, with a reason to fill in), "allow this domain"
//     (an edit of allow-domains in .replylint.yaml) and the source action
//     source.fixAll.replylint (every safe fix);
//   - textDocument/hover: what 'replylint explain' prints for the rules
//     under the cursor;
//   - diagnostics for .replylint.yaml itself (unknown keys, bad values,
//     unknown rule IDs, missing rule directories);
//   - configs found per file as the command line finds them, or given by
//     initializationOptions.config (resolved in each workspace folder);
//     an open config buffer counts over the file on disk, and configs are
//     read again on workspace/didChangeWatchedFiles and didSave.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/config"
	"github.com/replylint/replylint/lint/project"
)

// DefaultDebounce is how long the server waits after a change before it
// lints: long enough that a burst of keystrokes costs one lint, short
// enough to feel immediate.
const DefaultDebounce = 150 * time.Millisecond

// Options configure a server.
type Options struct {
	// Version is reported in serverInfo.
	Version string
	// Debounce is the wait after a change before linting; 0 means
	// DefaultDebounce and a negative value lints at once.
	// initializationOptions.debounceMs overrides it.
	Debounce time.Duration
	// Project holds the settings every lint starts from (rule
	// directories, disabled rules, no built-in rules); MaxBytes > 0
	// refuses larger buffers. Config, NoConfig and ReadConfig are the
	// server's own.
	Project project.Options
	// Log receives the server's log lines; nil discards them.
	Log io.Writer
}

// InitOptions are the initializationOptions a client may send.
type InitOptions struct {
	// Config is a config file for every document, instead of the
	// .replylint.yaml found from each file upward. A relative path is
	// resolved in each workspace folder (the folder's own config when it
	// has one there).
	Config string `json:"config"`
	// DebounceMs overrides the debounce in milliseconds.
	DebounceMs *int `json:"debounceMs"`
}

// Server is one language-server session. Create it with New and run it
// with Serve; it serves one connection.
type Server struct {
	opts Options
	conn jsonrpc2.Conn
	ctx  context.Context

	// mu guards the fields below. It is never held while linting or
	// writing to the client, so that the read loop never waits for either.
	mu sync.Mutex
	// locale is the client's language when replylint has it ("" else).
	locale      string
	docs        map[string]*doc
	folders     []string
	enc         string
	init        InitOptions
	caps        ClientCapabilities
	debounce    time.Duration
	runners     map[string]*project.Runner
	initialized bool
	shutdown    bool
	exited      chan struct{}
	// pubMu orders publications: a result is checked for staleness and
	// sent under it, so an older result never overtakes a newer one.
	pubMu sync.Mutex
	// lints counts lints still running, so Serve can wait for them.
	lints sync.WaitGroup
}

// doc is an open document.
type doc struct {
	uri, path string
	version   int
	text      *text
	// gen counts changes (edits, config reloads); a lint result is
	// current when its gen is the document's.
	gen    int
	timer  *time.Timer
	result *result
}

// New returns a server.
func New(opts Options) *Server {
	d := opts.Debounce
	if d == 0 {
		d = DefaultDebounce
	}
	return &Server{
		opts: opts, docs: map[string]*doc{}, enc: EncodingUTF16, debounce: d,
		runners: map[string]*project.Runner{}, exited: make(chan struct{}),
	}
}

// ErrNoShutdown is returned by Serve when the client sent exit without
// shutdown (the specification asks for exit code 1 then).
var ErrNoShutdown = errors.New("lsp: exit without shutdown")

// Serve runs the protocol on rwc until the client sends exit or closes the
// stream. It returns nil after shutdown and exit, ErrNoShutdown after an
// exit alone, and the connection's error otherwise.
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.ctx = ctx
	s.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(rwc))
	s.conn.Go(ctx, s.handle)
	var err error
	select {
	case <-s.exited:
	case <-s.conn.Done():
		err = s.conn.Err()
	case <-ctx.Done():
	}
	s.stopTimers()
	// Cancelled under mu, which schedule holds while it checks the
	// context and counts a lint: no lint is counted after Wait starts.
	s.mu.Lock()
	cancel()
	s.mu.Unlock()
	s.lints.Wait()
	// Close waits for the read loop, which a stream such as standard input
	// may not release (a blocked read of a pipe is not interrupted): give
	// it a moment, then return so the process can exit.
	closed := make(chan struct{})
	go func() {
		_ = s.conn.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(500 * time.Millisecond):
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.exited:
		if !s.shutdown {
			return ErrNoShutdown
		}
		return nil
	default:
	}
	if err != nil {
		return fmt.Errorf("lsp: %w", err)
	}
	return nil
}

func (s *Server) logf(format string, args ...any) {
	if s.opts.Log != nil {
		_, _ = fmt.Fprintf(s.opts.Log, "replylint lsp: "+format+"\n", args...)
	}
}

// LSP error codes outside JSON-RPC's.
const (
	codeServerNotInitialized jsonrpc2.Code = -32002
	codeInvalidRequest       jsonrpc2.Code = -32600
)

// handle dispatches one message. Requests run on the read loop in wire
// order; linting for diagnostics runs on its own goroutines. A
// notification's failure is logged, never returned: returning it would end
// the connection.
func (s *Server) handle(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	method := req.Method()
	params := []byte(req.Params())
	if !req.IsCall() {
		if err := s.notification(method, params); err != nil {
			s.logf("%s: %v", method, err)
		}
		return nil, nil
	}
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case method == "initialize" && initialized:
		return nil, rpcError(codeInvalidRequest, "initialize sent twice")
	case method != "initialize" && !initialized:
		return nil, rpcError(codeServerNotInitialized, "the server is not initialized")
	case shutdown:
		return nil, rpcError(codeInvalidRequest, "the server is shut down")
	}
	res, err := s.call(ctx, method, params)
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(res)
	if err != nil {
		return nil, fmt.Errorf("%s: encoding the result: %w", method, err)
	}
	return json.RawMessage(data), nil
}

func (s *Server) call(_ context.Context, method string, params []byte) (any, error) {
	switch method {
	case "initialize":
		var p InitializeParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return s.initialize(p)
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return nil, nil
	case "textDocument/codeAction":
		var p CodeActionParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return s.codeActions(p)
	case "textDocument/hover":
		var p TextDocumentPositionParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return s.hover(p)
	}
	return nil, fmt.Errorf("%q: %w", method, jsonrpc2.ErrMethodNotFound)
}

// rpcError is an error the client receives with its code.
func rpcError(code jsonrpc2.Code, msg string) error { return &jsonrpc2.Error{Code: code, Message: msg} }

func jsonrpc2InvalidParams(format string, args ...any) error {
	return rpcError(jsonrpc2.InvalidParams, fmt.Sprintf(format, args...))
}

func decode(params []byte, v any) error {
	if len(params) == 0 {
		return fmt.Errorf("missing params: %w", jsonrpc2.ErrInvalidParams)
	}
	if err := json.Unmarshal(params, v); err != nil {
		return rpcError(jsonrpc2.InvalidParams, err.Error())
	}
	return nil
}

func (s *Server) notification(method string, params []byte) error {
	if method == "exit" {
		s.mu.Lock()
		select {
		case <-s.exited:
		default:
			close(s.exited)
		}
		s.mu.Unlock()
		return nil
	}
	s.mu.Lock()
	ready := s.initialized && !s.shutdown
	s.mu.Unlock()
	if !ready {
		return nil // the specification drops notifications before initialize
	}
	switch method {
	case "initialized":
		// The registration is a call to the client, which must not wait
		// on the read loop that would read its answer.
		s.mu.Lock()
		if s.ctx.Err() == nil {
			s.lints.Add(1)
			go func() {
				defer s.lints.Done()
				s.registerWatchers()
			}()
		}
		s.mu.Unlock()
		return nil
	case "textDocument/didOpen":
		var p DidOpenTextDocumentParams
		if err := decode(params, &p); err != nil {
			return err
		}
		s.didOpen(p)
	case "textDocument/didChange":
		var p DidChangeTextDocumentParams
		if err := decode(params, &p); err != nil {
			return err
		}
		return s.didChange(p)
	case "textDocument/didSave":
		var p DidSaveTextDocumentParams
		if err := decode(params, &p); err != nil {
			return err
		}
		if isConfigPath(uriPath(p.TextDocument.URI)) {
			s.reload(false)
		}
	case "textDocument/didClose":
		var p DidCloseTextDocumentParams
		if err := decode(params, &p); err != nil {
			return err
		}
		s.didClose(p)
	case "workspace/didChangeWatchedFiles":
		var p DidChangeWatchedFilesParams
		if err := decode(params, &p); err != nil {
			return err
		}
		s.didChangeWatchedFiles(p)
	case "workspace/didChangeWorkspaceFolders":
		var p DidChangeWorkspaceFoldersParams
		if err := decode(params, &p); err != nil {
			return err
		}
		s.didChangeFolders(p)
	}
	return nil
}

func (s *Server) initialize(p InitializeParams) (*InitializeResult, error) {
	var io InitOptions
	if len(p.InitializationOptions) > 0 && string(p.InitializationOptions) != "null" {
		if err := json.Unmarshal(p.InitializationOptions, &io); err != nil {
			return nil, rpcError(jsonrpc2.InvalidParams, "initializationOptions: "+err.Error())
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.init = io
	s.caps = p.Capabilities
	s.locale = clientLocale(p.Locale)
	if io.DebounceMs != nil {
		s.debounce = time.Duration(*io.DebounceMs) * time.Millisecond
		if *io.DebounceMs <= 0 {
			s.debounce = -1
		}
	}
	if g := p.Capabilities.General; g != nil {
		s.enc = chooseEncoding(g.PositionEncodings)
	}
	for _, f := range p.WorkspaceFolders {
		if dir := uriPath(f.URI); dir != "" {
			s.folders = append(s.folders, dir)
		}
	}
	if len(s.folders) == 0 && p.RootURI != nil {
		if dir := uriPath(*p.RootURI); dir != "" {
			s.folders = append(s.folders, dir)
		}
	}
	s.initialized = true
	res := &InitializeResult{
		Capabilities: ServerCapabilities{
			PositionEncoding: s.enc,
			TextDocumentSync: TextDocumentSyncOptions{OpenClose: true, Change: syncIncremental, Save: SaveOptions{}},
			HoverProvider:    true,
			CodeActionProvider: CodeActionOptions{CodeActionKinds: []string{
				KindQuickFix, KindFixAllSafe,
			}},
			Workspace: &WorkspaceServerCapacity{},
		},
		ServerInfo: &ServerInfo{Name: "replylint", Version: s.opts.Version},
	}
	res.Capabilities.Workspace.WorkspaceFolders.Supported = true
	res.Capabilities.Workspace.WorkspaceFolders.ChangeNotifications = true
	return res, nil
}

// registerWatchers asks the client to report changes of config files, when
// it can register the watch itself (an editor without it still sends
// didSave for an open config, and the server re-reads configs then).
func (s *Server) registerWatchers() {
	s.mu.Lock()
	ws := s.caps.Workspace
	s.mu.Unlock()
	if ws == nil || ws.DidChangeWatchedFiles == nil || !ws.DidChangeWatchedFiles.DynamicRegistration {
		return
	}
	watchers := []FileSystemWatcher{}
	for _, name := range config.FileNames() {
		watchers = append(watchers, FileSystemWatcher{GlobPattern: "**/" + name})
	}
	watchers = append(watchers, FileSystemWatcher{GlobPattern: "**/*.{yaml,yml}"})
	params := RegistrationParams{Registrations: []Registration{{
		ID: "replylint-config", Method: "workspace/didChangeWatchedFiles",
		RegisterOptions: DidChangeWatchedFilesRegistrationOptions{Watchers: watchers},
	}}}
	data, err := json.Marshal(params)
	if err != nil {
		s.logf("registering watchers: %v", err)
		return
	}
	var out json.RawMessage
	if _, err := s.conn.Call(s.ctx, "client/registerCapability", json.RawMessage(data), &out); err != nil {
		s.logf("registering watchers: %v", err)
	}
}

func (s *Server) didOpen(p DidOpenTextDocumentParams) {
	uri := p.TextDocument.URI
	s.mu.Lock()
	if old := s.docs[uri]; old != nil {
		s.stopTimerLocked(old)
	}
	d := &doc{uri: uri, path: docPath(uri), version: p.TextDocument.Version, text: newText(p.TextDocument.Text)}
	s.docs[uri] = d
	config := isConfigPath(d.path)
	s.mu.Unlock()
	if config {
		s.reload(false) // its buffer now counts over the file on disk
		return
	}
	s.schedule(uri, 0)
}

func (s *Server) didChange(p DidChangeTextDocumentParams) error {
	uri := p.TextDocument.URI
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return fmt.Errorf("change of %s, which is not open", uri)
	}
	t := d.text
	for _, c := range p.ContentChanges {
		next, err := t.apply(c, s.enc)
		if err != nil {
			s.mu.Unlock()
			return fmt.Errorf("%s: %w", uri, err)
		}
		t = newText(next)
	}
	d.text, d.version = t, p.TextDocument.Version
	d.gen++
	config, wait := isConfigPath(d.path), s.debounce
	s.mu.Unlock()
	if config {
		s.reload(false)
		return nil
	}
	s.schedule(uri, wait)
	return nil
}

func (s *Server) didClose(p DidCloseTextDocumentParams) {
	uri := p.TextDocument.URI
	s.mu.Lock()
	d := s.docs[uri]
	if d != nil {
		s.stopTimerLocked(d)
	}
	delete(s.docs, uri)
	config := d != nil && isConfigPath(d.path)
	s.mu.Unlock()
	s.publish(uri, nil, []Diagnostic{})
	if config {
		s.reload(false) // the file on disk counts again
	}
}

func (s *Server) didChangeWatchedFiles(p DidChangeWatchedFilesParams) {
	rules := false
	for _, c := range p.Changes {
		if !isConfigPath(uriPath(c.URI)) {
			rules = true // a rule file: compile the rules again
		}
	}
	s.reload(rules)
}

func (s *Server) didChangeFolders(p DidChangeWorkspaceFoldersParams) {
	s.mu.Lock()
	for _, f := range p.Event.Removed {
		dir := uriPath(f.URI)
		s.folders = slices.DeleteFunc(s.folders, func(d string) bool { return d == dir })
	}
	for _, f := range p.Event.Added {
		if dir := uriPath(f.URI); dir != "" && !slices.Contains(s.folders, dir) {
			s.folders = append(s.folders, dir)
		}
	}
	s.mu.Unlock()
	s.reload(false)
}

// reload makes every runner read configs again (rules too when a rule file
// changed) and lints every open document again.
func (s *Server) reload(rules bool) {
	s.mu.Lock()
	runners := make([]*project.Runner, 0, len(s.runners))
	for _, r := range s.runners {
		runners = append(runners, r)
	}
	uris := make([]string, 0, len(s.docs))
	for uri, d := range s.docs {
		d.gen++
		uris = append(uris, uri)
	}
	wait := s.debounce
	s.mu.Unlock()
	for _, r := range runners {
		r.Reload(rules)
	}
	slices.Sort(uris)
	for _, uri := range uris {
		s.schedule(uri, wait)
	}
}

// schedule lints a document after wait (at once when wait <= 0),
// replacing a lint scheduled before.
func (s *Server) schedule(uri string, wait time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil || s.ctx.Err() != nil {
		return
	}
	s.stopTimerLocked(d)
	gen := d.gen
	run := func() {
		defer s.lints.Done()
		s.lintAndPublish(uri, gen)
	}
	s.lints.Add(1)
	if wait <= 0 {
		go run()
		return
	}
	d.timer = time.AfterFunc(wait, run)
}

// stopTimerLocked cancels a scheduled lint of d. A timer stopped before it
// fired never runs its function, so its count in lints is given back here.
func (s *Server) stopTimerLocked(d *doc) {
	if d.timer != nil && d.timer.Stop() {
		s.lints.Done()
	}
	d.timer = nil
}

func (s *Server) stopTimers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		s.stopTimerLocked(d)
	}
}

// lintAndPublish lints the document as it is now and publishes the result
// unless the document changed meanwhile (a newer lint is on its way).
func (s *Server) lintAndPublish(uri string, gen int) {
	if s.ctx.Err() != nil {
		return
	}
	res, ok := s.current(uri)
	if !ok || res.gen != gen {
		return
	}
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil || d.gen != res.gen {
		s.mu.Unlock()
		return
	}
	version := d.version
	s.mu.Unlock()
	s.publish(uri, &version, res.diags)
}

func (s *Server) publish(uri string, version *int, diags []Diagnostic) {
	if diags == nil {
		diags = []Diagnostic{}
	}
	data, err := json.Marshal(PublishDiagnosticsParams{URI: uri, Version: version, Diagnostics: diags})
	if err != nil {
		s.logf("publishing %s: %v", uri, err)
		return
	}
	if err := s.conn.Notify(s.ctx, "textDocument/publishDiagnostics", json.RawMessage(data)); err != nil {
		s.logf("publishing %s: %v", uri, err)
	}
}

// runnerFor returns the runner for a document path: one per config given in
// initializationOptions (resolved in the document's workspace folder), one
// for configs found per file.
func (s *Server) runnerFor(path string) (*project.Runner, error) {
	s.mu.Lock()
	cfg := s.configPathLocked(path)
	r := s.runners[cfg]
	clientLoc := s.locale
	s.mu.Unlock()
	if r != nil {
		return r, nil
	}
	opts := s.opts.Project
	opts.Config = cfg
	if opts.Locale == "" {
		opts.Locale = clientLoc
	}
	opts.NoConfig = false
	opts.ReadConfig = s.openConfig
	r, err := project.New(opts)
	if err != nil {
		return nil, fmt.Errorf("loading rules: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.runners[cfg]; old != nil {
		return old, nil
	}
	s.runners[cfg] = r
	return r, nil
}

// configPathLocked is the config given for path's workspace folder, "" to
// find one per file.
func (s *Server) configPathLocked(path string) string {
	c := s.init.Config
	if c == "" || filepath.IsAbs(c) {
		return c
	}
	if dir := s.folderLocked(path); dir != "" {
		return filepath.Join(dir, c)
	}
	if abs, err := filepath.Abs(c); err == nil {
		return abs
	}
	return c
}

// folderLocked returns the innermost workspace folder holding path.
func (s *Server) folderLocked(path string) string {
	best := ""
	for _, f := range s.folders {
		if (path == f || strings.HasPrefix(path, strings.TrimSuffix(f, string(filepath.Separator))+string(filepath.Separator))) && len(f) > len(best) {
			best = f
		}
	}
	return best
}

// openConfig gives project the text of a config file open in the editor.
func (s *Server) openConfig(path string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		if d.path == path {
			return []byte(d.text.s), true
		}
	}
	return nil, false
}

// isConfigPath reports whether path names a replylint config file.
func isConfigPath(path string) bool {
	return path != "" && slices.Contains(config.FileNames(), filepath.Base(path))
}

// uriPath returns the file path of a file: URI ("" for another scheme).
func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.Clean(filepath.FromSlash(p))
}

// docPath is the path a document is linted as: its file, or for a buffer
// without one (untitled:) standard input, whose format is sniffed.
func docPath(uri string) string {
	if p := uriPath(uri); p != "" {
		return p
	}
	return project.StdinPath
}

// pathURI returns the file: URI of a path.
func pathURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// clientLocale is the locale of an LSP client's language tag ("de-CH" is
// de), "" when replylint has no messages in it.
func clientLocale(tag string) string {
	p, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	p, _, _ = strings.Cut(p, "_")
	if slices.Contains(lint.Locales(), p) {
		return p
	}
	return ""
}

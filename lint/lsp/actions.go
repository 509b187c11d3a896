package lsp

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/replylint/replylint/lint/config"
	"github.com/replylint/replylint/lint/document"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/fix"
	"github.com/replylint/replylint/lint/links"
	"github.com/replylint/replylint/lint/project"
	"github.com/replylint/replylint/lint/report"
	"github.com/replylint/replylint/lint/rule"
	ltext "github.com/replylint/replylint/lint/text"
)

// ReasonPlaceholder is the reason a "disable" action writes into the
// suppression, for the user to replace: a suppression without a reason is
// itself reported, and a team wants to know why a rule was silenced.
const ReasonPlaceholder = "TODO say why this rule does not apply here"

// maxCheckedFindings is how many findings of one code-action request get
// the actions that are verified by linting again.
const maxCheckedFindings = 8

// codeActions answers textDocument/codeAction.
func (s *Server) codeActions(p CodeActionParams) ([]CodeAction, error) {
	res, ok := s.current(p.TextDocument.URI)
	if !ok {
		return nil, jsonrpc2InvalidParams("document %s is not open", p.TextDocument.URI)
	}
	out := []CodeAction{}
	if res.file == nil {
		return out, nil
	}
	a, err := res.text.offset(p.Range.Start, res.enc)
	if err != nil {
		return nil, jsonrpc2InvalidParams("range: %v", err)
	}
	b, err := res.text.offset(p.Range.End, res.enc)
	if err != nil {
		return nil, jsonrpc2InvalidParams("range: %v", err)
	}
	uri := p.TextDocument.URI
	version := s.version(uri)
	want := func(kind string) bool {
		if len(p.Context.Only) == 0 {
			return true
		}
		for _, o := range p.Context.Only {
			if kind == o || strings.HasPrefix(kind, o+".") {
				return true
			}
		}
		return false
	}
	if want(KindQuickFix) {
		checked := 0
		for _, f := range res.findings() {
			if !s.wanted(res, f, a, b, p.Context.Diagnostics) {
				continue
			}
			diag := s.findingDiagnostic(res, f)
			out = append(out, s.suggestionActions(res, uri, version, f, diag)...)
			// Suppressions and allowed domains are checked by linting the
			// edited text; a range over a whole file gets them for its
			// first findings only, so the answer stays quick.
			if checked++; checked > maxCheckedFindings {
				continue
			}
			if act, ok := s.disableAction(res, uri, version, f, diag); ok {
				out = append(out, act)
			}
			if act, ok := s.allowDomainAction(res, f, diag); ok {
				out = append(out, act)
			}
		}
	}
	if want(KindFixAllSafe) {
		if edits := fix.Select(res.findings(), false); len(edits) > 0 {
			out = append(out, CodeAction{
				Title: fmt.Sprintf("Fix all safe replylint findings (%d)", len(edits)),
				Kind:  KindFixAllSafe,
				Edit:  s.documentEdit(uri, version, res.textEdits(edits)),
			})
		}
	}
	return out, nil
}

// wanted reports whether a finding is one the request is about: it meets
// the range [a, b], or it is one of the diagnostics the client sent.
func (s *Server) wanted(res *result, f finding.Finding, a, b int, diags []Diagnostic) bool {
	if f.Start.Offset <= b && f.End.Offset >= a {
		return true
	}
	r := res.text.rangeOf(f.Start.Offset, f.End.Offset, res.enc)
	for _, d := range diags {
		if d.Code == f.Rule && d.Range == r {
			return true
		}
	}
	return false
}

// suggestionActions makes a quick fix of each suggestion of a finding; the
// first safe one is preferred.
func (s *Server) suggestionActions(res *result, uri string, version *int, f finding.Finding, diag Diagnostic) []CodeAction {
	var out []CodeAction
	preferred := false
	for _, sg := range f.Suggestions {
		if len(sg.Edits) == 0 {
			continue // the edit could not be written back into this file
		}
		title := sg.Description
		if title == "" {
			title = "Apply the suggested rewrite"
		}
		if !sg.Safe {
			title += " (review: changes the meaning)"
		}
		act := CodeAction{
			Title: title, Kind: KindQuickFix, Diagnostics: []Diagnostic{diag},
			Edit: s.documentEdit(uri, version, res.textEdits(sg.Edits)),
		}
		if sg.Safe && !preferred {
			act.IsPreferred, preferred = true, true
		}
		out = append(out, act)
	}
	return out
}

// commentForm is a template engine's comment.
type commentForm struct{ open, close string }

// commentForms lists the comment forms to try for a suppression in a file,
// the file's own engine first (from the extension), then the forms every
// format reads.
func commentForms(path string) []commentForm {
	var (
		html       = commentForm{"<!--", "-->"}
		goTmpl     = commentForm{"{{/*", "*/}}"}
		jinja      = commentForm{"{#", "#}"}
		handlebars = commentForm{"{{!--", "--}}"}
		freemarker = commentForm{"<#--", "-->"}
	)
	forms := []commentForm{html, goTmpl, jinja, handlebars}
	var own commentForm
	switch strings.ToLower(filepath.Ext(path)) {
	case ".tmpl", ".tpl", ".gotmpl", ".gohtml":
		own = goTmpl
	case ".j2", ".jinja", ".jinja2", ".njk", ".twig":
		own = jinja
	case ".hbs", ".handlebars", ".mustache":
		own = handlebars
	case ".ftl", ".ftlh":
		own = freemarker
	default:
		return forms
	}
	return append([]commentForm{own}, slices.DeleteFunc(forms, func(c commentForm) bool { return c == own })...)
}

// disableAction writes a suppression for the finding's rule: a comment line
// "replylint-disable-next-line RULE -- reason" above the finding's line
// where the format allows a line of its own, else a replylint-disable-line
// comment right after the finding (inside a collection's string). Each
// candidate is checked by linting the edited buffer: it is offered only
// when the finding goes and nothing new appears.
func (s *Server) disableAction(res *result, uri string, version *int, f finding.Finding, diag Diagnostic) (CodeAction, bool) {
	src := res.text.s
	format := document.DetectFormat(res.path, src)
	collection := format == document.YAML || format == document.JSON
	type candidate struct {
		title string
		edit  finding.Edit
	}
	var cands []candidate
	line := res.text.position(f.Start.Offset, EncodingUTF8).Line
	lineStart := res.text.lineStarts[line]
	indent := lineStart
	for indent < len(src) && (src[indent] == ' ' || src[indent] == '\t') {
		indent++
	}
	brk := lineBreak(src)
	for _, c := range commentForms(res.path) {
		if !collection {
			ins := fmt.Sprintf("%s%s replylint-disable-next-line %s -- %s %s%s", src[lineStart:indent], c.open, f.Rule, ReasonPlaceholder, c.close, brk)
			cands = append(cands, candidate{"Disable " + f.Rule + " for this line (with a reason)", finding.Edit{Start: at(lineStart), End: at(lineStart), NewText: ins}})
		}
		ins := fmt.Sprintf(" %s replylint-disable-line %s -- %s %s", c.open, f.Rule, ReasonPlaceholder, c.close)
		cands = append(cands, candidate{"Disable " + f.Rule + " for this line (with a reason)", finding.Edit{Start: at(f.End.Offset), End: at(f.End.Offset), NewText: ins}})
	}
	// A finding about the message as a whole (a missing apology) has no
	// line of its own: replylint-disable covers the message.
	for _, c := range commentForms(res.path) {
		ins := fmt.Sprintf(" %s replylint-disable %s -- %s %s", c.open, f.Rule, ReasonPlaceholder, c.close)
		cands = append(cands, candidate{"Disable " + f.Rule + " for this message (with a reason)", finding.Edit{Start: at(f.End.Offset), End: at(f.End.Offset), NewText: ins}})
	}
	for _, c := range cands {
		edited, err := fix.Apply(src, []finding.Edit{c.edit})
		if err != nil {
			continue
		}
		if !silences(res, edited, f.Rule, func(p string) (*project.File, []error) { return res.runner.LintText(res.path, p) }) {
			continue
		}
		return CodeAction{
			Title: c.title, Kind: KindQuickFix, Diagnostics: []Diagnostic{diag},
			Edit: s.documentEdit(uri, version, res.textEdits([]finding.Edit{c.edit})),
		}, true
	}
	return CodeAction{}, false
}

// at is a position that only carries an offset, which is all fix.Apply and
// textEdits read.
func at(off int) ltext.Position { return ltext.Position{Offset: off} }

// silences reports whether the edited text, linted by lintEdited, has fewer
// findings of rule than the result, no more of any other rule and no new
// error.
func silences(res *result, edited, ruleID string, lintEdited func(string) (*project.File, []error)) bool {
	file, errs := lintEdited(edited)
	if file == nil {
		return false
	}
	count := func(fs []finding.Finding) map[string]int {
		m := map[string]int{}
		for _, f := range fs {
			m[f.Rule]++
		}
		return m
	}
	before, after := count(res.findings()), count(file.Result.Findings)
	if after[ruleID] >= before[ruleID] {
		return false
	}
	for id, n := range after {
		if id != ruleID && n > before[id] {
			return false
		}
	}
	return hardErrors(errs) <= res.hardErrs
}

// hardErrors counts the problems that are not warnings.
func hardErrors(errs []error) int {
	n := 0
	for _, e := range errs {
		var p *document.Problem
		if !errors.As(e, &p) || !p.Warning {
			n++
		}
	}
	return n
}

// lineBreak is the file's line break ("\n" when it has none).
func lineBreak(s string) string {
	i := strings.IndexAny(s, "\r\n")
	switch {
	case i < 0:
		return "\n"
	case strings.HasPrefix(s[i:], "\r\n"):
		return "\r\n"
	}
	return s[i : i+1]
}

// allowDomainAction adds the registrable domain of a link the link rule
// reports to allow-domains in the governing .replylint.yaml (created in the
// workspace folder when there is none), when linting the buffer under the
// edited config shows the finding goes.
func (s *Server) allowDomainAction(res *result, f finding.Finding, diag Diagnostic) (CodeAction, bool) {
	if res.linter == nil {
		return CodeAction{}, false
	}
	if r := res.linter.Rule(f.Rule); r == nil || r.Kind != rule.KindLink {
		return CodeAction{}, false
	}
	domain := ""
	for _, l := range links.NewFinder(nil).Find(f.Match) {
		if l.Suspect == "" && l.Domain != "" {
			domain = l.Domain
			break
		}
	}
	if domain == "" {
		return CodeAction{}, false
	}
	target, exists := s.configTarget(res)
	if target == "" {
		return CodeAction{}, false
	}
	cfgText, cfgVersion, open := s.buffer(target)
	if !open && exists {
		data, err := os.ReadFile(target)
		if err != nil {
			return CodeAction{}, false
		}
		cfgText = string(data)
	}
	off, ins, err := addAllowDomain(cfgText, domain)
	if err != nil {
		return CodeAction{}, false
	}
	edited := cfgText[:off] + ins + cfgText[off:]
	c, err := config.Parse(target, []byte(edited))
	if err != nil || !slices.Contains(c.AllowLinks, domain) {
		return CodeAction{}, false
	}
	if !silences(res, res.text.s, f.Rule, func(src string) (*project.File, []error) { return res.runner.LintTextConfig(res.path, src, c) }) {
		return CodeAction{}, false
	}
	ct := newText(cfgText)
	edit := TextEdit{Range: ct.rangeOf(off, off, res.enc), NewText: ins}
	title := fmt.Sprintf("Allow the domain %s in %s", domain, filepath.Base(target))
	act := CodeAction{Title: title, Kind: KindQuickFix, Diagnostics: []Diagnostic{diag}}
	cfgURI := pathURI(target)
	switch {
	case exists || open:
		act.Edit = s.documentEdit(cfgURI, cfgVersion, []TextEdit{edit})
	case s.canCreate():
		act.Edit = &WorkspaceEdit{DocumentChanges: []any{
			CreateFile{Kind: "create", URI: cfgURI, Options: &CreateFileOptions{IgnoreIfExists: true}},
			TextDocumentEdit{TextDocument: OptionalVersionedTextDocumentIdentifier{URI: cfgURI}, Edits: []TextEdit{edit}},
		}}
	default:
		return CodeAction{}, false
	}
	return act, true
}

// configTarget is the config file an "allow" edit goes to: the one that
// governs the document, else the one initializationOptions names, else a
// new .replylint.yaml in the document's workspace folder (or its own
// folder). exists says whether the file is on disk.
func (s *Server) configTarget(res *result) (path string, exists bool) {
	if c, err := res.runner.ConfigFor(res.path); err == nil && c != nil {
		return c.Path, true
	}
	if res.path == project.StdinPath {
		return "", false
	}
	s.mu.Lock()
	p := s.configPathLocked(res.path)
	dir := s.folderLocked(res.path)
	s.mu.Unlock()
	if p == "" {
		if dir == "" {
			dir = filepath.Dir(res.path)
		}
		p = filepath.Join(dir, config.FileNames()[0])
	}
	_, err := os.Stat(p)
	return p, err == nil
}

// buffer returns the text and version of an open document by path.
func (s *Server) buffer(path string) (string, *int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		if d.path == path {
			v := d.version
			return d.text.s, &v, true
		}
	}
	return "", nil, false
}

// version returns an open document's version.
func (s *Server) version(uri string) *int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.docs[uri]; d != nil {
		v := d.version
		return &v
	}
	return nil
}

func (s *Server) canCreate() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.caps.Workspace
	return ws != nil && ws.WorkspaceEdit != nil && ws.WorkspaceEdit.DocumentChanges && slices.Contains(ws.WorkspaceEdit.ResourceOperations, "create")
}

// documentEdit is a workspace edit of one document: versioned document
// changes when the client takes them (an edit computed for an older
// version is then refused), plain changes otherwise.
func (s *Server) documentEdit(uri string, version *int, edits []TextEdit) *WorkspaceEdit {
	s.mu.Lock()
	ws := s.caps.Workspace
	s.mu.Unlock()
	if ws != nil && ws.WorkspaceEdit != nil && ws.WorkspaceEdit.DocumentChanges {
		return &WorkspaceEdit{DocumentChanges: []any{TextDocumentEdit{
			TextDocument: OptionalVersionedTextDocumentIdentifier{URI: uri, Version: version},
			Edits:        edits,
		}}}
	}
	return &WorkspaceEdit{Changes: map[string][]TextEdit{uri: edits}}
}

// textEdits converts file edits to LSP edits of the result's text.
func (r *result) textEdits(edits []finding.Edit) []TextEdit {
	out := make([]TextEdit, len(edits))
	for i, e := range edits {
		out[i] = TextEdit{Range: r.text.rangeOf(e.Start.Offset, e.End.Offset, r.enc), NewText: e.NewText}
	}
	return out
}

// hover answers textDocument/hover: for each rule with a finding under
// the cursor, its message and what 'replylint explain' prints.
func (s *Server) hover(p TextDocumentPositionParams) (*Hover, error) {
	res, ok := s.current(p.TextDocument.URI)
	if !ok {
		return nil, jsonrpc2InvalidParams("document %s is not open", p.TextDocument.URI)
	}
	if res.file == nil || res.linter == nil {
		return nil, nil
	}
	off, err := res.text.offset(p.Position, res.enc)
	if err != nil {
		return nil, jsonrpc2InvalidParams("position: %v", err)
	}
	var b strings.Builder
	seen := map[string]bool{}
	var rng *Range
	for _, f := range res.findings() {
		if off < f.Start.Offset || off > f.End.Offset || seen[f.Rule] {
			continue
		}
		r := res.linter.Rule(f.Rule)
		if r == nil {
			continue
		}
		seen[f.Rule] = true
		if rng == nil {
			x := res.text.rangeOf(f.Start.Offset, f.End.Offset, res.enc)
			rng = &x
		}
		if b.Len() > 0 {
			b.WriteString("\n---\n\n")
		}
		fmt.Fprintf(&b, "**%s** (%s): %s\n\n```text\n", f.Rule, f.Severity, f.Message)
		if err := report.Explain(&b, r); err != nil {
			return nil, err
		}
		b.WriteString("```\n")
		if u := diagHref(s.findingDiagnostic(res, f)); u != "" {
			fmt.Fprintf(&b, "\n[Source](%s)\n", u)
		}
	}
	if b.Len() == 0 {
		return nil, nil
	}
	return &Hover{Contents: MarkupContent{Kind: "markdown", Value: b.String()}, Range: rng}, nil
}

func diagHref(d Diagnostic) string {
	if d.CodeDescription == nil {
		return ""
	}
	return d.CodeDescription.Href
}

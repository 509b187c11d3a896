package lsp

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/config"
	"github.com/replylint/replylint/lint/document"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/project"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/strictyaml"
)

// Codes of diagnostics that are not findings of a rule.
const (
	// CodeDocument marks a problem in a template file (broken front
	// matter, an unknown rule in a suppression).
	CodeDocument = "document"
	// CodeConfig marks a problem with the configuration or the rules.
	CodeConfig = "config"
)

// result is a lint of one version (gen) of a document.
type result struct {
	gen  int
	path string
	text *text
	enc  string
	// runner and file are nil for a config document and when the rules
	// could not be loaded.
	runner *project.Runner
	file   *project.File
	linter *lint.Linter
	diags  []Diagnostic
	// hardErrs counts the problems of the lint that are not warnings.
	hardErrs int
}

// findings returns the findings of the lint (none for a config document).
func (r *result) findings() []finding.Finding {
	if r.file == nil {
		return nil
	}
	return r.file.Result.Findings
}

// current returns the lint of the document as it is now, linting it when
// the last lint is stale. ok is false for a document that is not open.
func (s *Server) current(uri string) (*result, bool) {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return nil, false
	}
	if d.result != nil && d.result.gen == d.gen {
		res := d.result
		s.mu.Unlock()
		return res, true
	}
	gen, t, path, enc := d.gen, d.text, d.path, s.enc
	s.mu.Unlock()
	res := s.lint(path, t, enc)
	res.gen = gen
	s.mu.Lock()
	if s.docs[uri] == d && d.gen == gen {
		d.result = res
	}
	s.mu.Unlock()
	return res, true
}

// lint lints a document's text (or checks it, for a config file).
func (s *Server) lint(path string, t *text, enc string) *result {
	res := &result{path: path, text: t, enc: enc}
	if isConfigPath(path) {
		res.diags = s.configDiagnostics(path, t, enc)
		return res
	}
	if max := s.opts.Project.MaxBytes; max > 0 && int64(len(t.s)) > max {
		// The command line refuses such inputs too; linting them on every
		// keystroke would stall the editor.
		res.diags = []Diagnostic{wholeFile(CodeDocument, fmt.Sprintf("not linted: the buffer is %d bytes, over the limit of %d", len(t.s), max))}
		return res
	}
	r, err := s.runnerFor(path)
	if err != nil {
		res.diags = []Diagnostic{wholeFile(CodeConfig, err.Error())}
		return res
	}
	res.runner = r
	file, errs := r.LintText(path, t.s)
	res.file = file
	if c, err := r.ConfigFor(path); err == nil {
		res.linter, _ = r.Linter(c)
	}
	res.diags = s.diagnostics(res, errs)
	res.hardErrs = hardErrors(errs)
	return res
}

// diagnostics turns findings and problems into diagnostics.
func (s *Server) diagnostics(res *result, errs []error) []Diagnostic {
	out := []Diagnostic{}
	for _, e := range errs {
		var p *document.Problem
		if !errors.As(e, &p) {
			out = append(out, wholeFile(CodeConfig, e.Error()))
			continue
		}
		d := Diagnostic{Severity: SeverityError, Code: CodeDocument, Source: "replylint", Message: p.Msg}
		if p.Warning {
			d.Severity = SeverityWarning
		}
		if p.Pos.Line > 0 {
			d.Range = res.text.rangeOf(p.Pos.Offset, tokenEnd(res.text.s, p.Pos.Offset), res.enc)
		}
		out = append(out, d)
	}
	for _, f := range res.findings() {
		out = append(out, s.findingDiagnostic(res, f))
	}
	// A suppression written by the "disable" action keeps its placeholder
	// reason until someone says why: point at it until they do.
	for from := 0; ; {
		i := strings.Index(res.text.s[from:], ReasonPlaceholder)
		if i < 0 {
			break
		}
		at := from + i
		out = append(out, Diagnostic{
			Range:    res.text.rangeOf(at, at+len(ReasonPlaceholder), res.enc),
			Severity: SeverityInformation, Code: CodeDocument, Source: "replylint",
			Message: "Say why the rule does not apply here: the suppression's reason is still the placeholder.",
		})
		from = at + len(ReasonPlaceholder)
	}
	return out
}

func (s *Server) findingDiagnostic(res *result, f finding.Finding) Diagnostic {
	d := Diagnostic{
		Range:    res.text.rangeOf(f.Start.Offset, f.End.Offset, res.enc),
		Severity: severity(f.Severity),
		Code:     f.Rule,
		Source:   "replylint",
		Message:  f.Message,
	}
	switch {
	case f.URL != "":
		// The policy page behind the rule on the document's channel.
		d.CodeDescription = &CodeDescription{Href: f.URL}
	case res.linter != nil:
		if r := res.linter.Rule(f.Rule); r != nil {
			if href := ruleHref(r); href != "" {
				d.CodeDescription = &CodeDescription{Href: href}
			}
		}
	}
	return d
}

// RepositoryURL is where the built-in rule files are published.
const RepositoryURL = "https://github.com/replylint/replylint/blob/main/"

// ruleHref links a rule to its source: the policy page it cites when that
// is a web address (as SARIF's helpUri does), else the rule file itself,
// in the repository for a built-in rule and on disk for a user's.
func ruleHref(r *rule.Rule) string {
	if u, err := url.Parse(strings.TrimSpace(r.Source)); err == nil && u.IsAbs() && u.Host != "" {
		return u.String()
	}
	if r.Pos.File == "" {
		return ""
	}
	if r.Builtin {
		href := RepositoryURL + filepath.ToSlash(r.Pos.File)
		if r.Pos.Line > 0 {
			href += fmt.Sprintf("#L%d", r.Pos.Line)
		}
		return href
	}
	if abs, err := filepath.Abs(r.Pos.File); err == nil {
		return pathURI(abs)
	}
	return ""
}

func severity(s finding.Severity) int {
	switch s {
	case finding.Error:
		return SeverityError
	case finding.Warning:
		return SeverityWarning
	}
	return SeverityInformation
}

func wholeFile(code, msg string) Diagnostic {
	return Diagnostic{Severity: SeverityError, Code: code, Source: "replylint", Message: msg}
}

// tokenEnd returns where the word or quoted string at off ends, so that a
// problem's range covers what it is about; at least one character.
func tokenEnd(s string, off int) int {
	if off >= len(s) {
		return len(s)
	}
	if q := s[off]; q == '"' || q == '\'' {
		if j := strings.IndexByte(s[off+1:], q); j >= 0 && !strings.ContainsAny(s[off+1:off+1+j], "\r\n") {
			return off + j + 2
		}
	}
	i := off
	for i < len(s) && !strings.ContainsRune(" \t\r\n,[]{}#", rune(s[i])) && (s[i] != ':' || i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\n' && s[i+1] != '\r') {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if i == off {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// configDiagnostics checks a .replylint.yaml buffer: what config.Parse
// refuses (unknown keys, bad values, broken YAML), then what it cannot know
// alone: rule IDs the rules do not have and rule directories that are not
// there.
func (s *Server) configDiagnostics(path string, t *text, enc string) []Diagnostic {
	out := []Diagnostic{}
	at := func(line, col int, msg string) {
		off := t.lineColOffset(line, col)
		d := Diagnostic{Severity: SeverityError, Code: CodeConfig, Source: "replylint", Message: msg}
		if line > 0 {
			d.Range = t.rangeOf(off, tokenEnd(t.s, off), enc)
		}
		out = append(out, d)
	}
	c, err := config.Parse(path, []byte(t.s))
	if err != nil {
		for _, e := range flatten(err) {
			var ye *strictyaml.Error
			if errors.As(e, &ye) {
				at(ye.Line, ye.Column, ye.Msg)
				continue
			}
			at(0, 0, e.Error())
		}
		return out
	}
	root, err := strictyaml.Parse(path, []byte(t.s))
	if err != nil {
		return out
	}
	node := func(n *yaml.Node, msg string) { at(n.Line, n.Column, msg) }
	dirsOK := true
	if rules := strictyaml.Lookup(root, "rules"); rules != nil && rules.Kind == yaml.SequenceNode {
		for i, dir := range c.RuleDirs() {
			if i < len(rules.Content) {
				if _, err := os.Stat(dir); err != nil {
					node(rules.Content[i], fmt.Sprintf("rule directory %s: %v", c.Rules[i], errors.Unwrap(err)))
					dirsOK = false
				}
			}
		}
	}
	if !dirsOK {
		return out
	}
	r, err := s.runnerFor(path)
	if err != nil {
		at(0, 0, err.Error())
		return out
	}
	l, err := r.Linter(c)
	if err != nil {
		n := strictyaml.Lookup(root, "rules")
		if n == nil {
			at(0, 0, err.Error())
		} else {
			node(n, err.Error())
		}
		return out
	}
	checkIDs := func(m *yaml.Node) {
		for _, key := range []string{"disable", "enable"} {
			if seq := strictyaml.Lookup(m, key); seq != nil && seq.Kind == yaml.SequenceNode {
				for _, item := range seq.Content {
					if item.Kind == yaml.ScalarNode && l.Rule(item.Value) == nil {
						node(item, fmt.Sprintf("unknown rule %q in %s (see 'replylint rules list')", item.Value, key))
					}
				}
			}
		}
		if m := strictyaml.Lookup(m, "severity"); m != nil && m.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(m.Content); i += 2 {
				if k := m.Content[i]; l.Rule(k.Value) == nil {
					node(k, fmt.Sprintf("unknown rule %q in severity (see 'replylint rules list')", k.Value))
				}
			}
		}
	}
	checkIDs(root)
	if ov := strictyaml.Lookup(root, "overrides"); ov != nil && ov.Kind == yaml.SequenceNode {
		for _, o := range ov.Content {
			checkIDs(o)
		}
	}
	return out
}

// flatten unwraps joined errors and strictyaml error lists.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	var ye strictyaml.Errors
	if errors.As(err, &ye) {
		out := make([]error, len(ye))
		for i, e := range ye {
			out[i] = e
		}
		return out
	}
	return []error{err}
}

// lineColOffset converts a 1-based line and column (in characters, as
// yaml.v3 counts) to a byte offset.
func (t *text) lineColOffset(line, col int) int {
	if line < 1 || line > len(t.lineStarts) {
		return 0
	}
	i, end := t.lineStarts[line-1], t.lineEnd(line-1)
	for c := 1; c < col && i < end; c++ {
		_, size := utf8.DecodeRuneInString(t.s[i:])
		i += size
	}
	return i
}

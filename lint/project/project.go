// Package project lints files of a template repository the way the
// replylint command does: it finds each file's .replylint.yaml, splits the
// file into messages (front matter, HTML, collections), lints each message
// with the settings that apply to it, maps findings back to positions in the
// file, and applies suppression comments and a baseline. The command is a
// thin layer over this package.
package project

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/baseline"
	"github.com/replylint/replylint/lint/config"
	"github.com/replylint/replylint/lint/document"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/input"
	"github.com/replylint/replylint/lint/message"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"

	"gopkg.in/yaml.v3"
)

// StdinPath names standard input in output.
const StdinPath = "<stdin>"

// Settings are per-message settings given on the command line; a non-empty
// field wins over config files and front matter.
type Settings struct {
	Channel, Kind, Type, Mode, Language, Marketplace, Register string
}

// Options configure a run.
type Options struct {
	// Config names a config file for every input; "" discovers one per
	// file; NoConfig ignores config files.
	Config   string
	NoConfig bool
	// Flags are the command line's settings.
	Flags    Settings
	RuleDirs []string
	Disable  []string
	// Severity overrides rule severities for every input (wins over configs).
	Severity   map[string]finding.Severity
	NoBuiltin  bool
	MaxBytes   int64
	Extensions []string
	// InReplyTo is the buyer's message the inputs answer.
	InReplyTo string
	// Locale is the language finding messages are wanted in (see
	// lint.Options.Locale).
	Locale   string
	Baseline *baseline.Baseline
	// FailLevel and MinScore from flags; nil means "config or default".
	FailLevel *finding.Severity
	MinScore  *int
	// ReadConfig, when set, may supply a config file's text instead of the
	// file on disk (an editor's unsaved buffer); ok false reads the disk.
	ReadConfig func(path string) (data []byte, ok bool)
}

// File is the outcome for one input file.
type File struct {
	Path   string
	Source string
	// Result holds the file's findings, on the file, and its score: that
	// of its weakest message.
	Result    *lint.Result
	FailLevel finding.Severity
	MinScore  int
	// Messages counts the templates the file held.
	Messages int
	// Entries are the templates of a collection (or of any file that held
	// more than one message), each with its own score; empty for a file
	// that is one message.
	Entries []Entry

	in    Input
	msgs  []*document.Message
	texts []textFindings
	// layout is the linter's layout words, where the fix loop finds a
	// message's sign-off.
	layout message.Vocabulary
}

// Entry is one template of a collection file and its score.
type Entry struct {
	Name  string
	Score int
	Grade string
	// Pos is where the template's text starts in the file.
	Pos text.Position
}

// textFindings are one message's findings on its own text that count
// (not suppressed, not baselined): what fixes are chosen from.
type textFindings struct {
	findings []finding.Finding
}

// Fails applies the file's thresholds.
func (f *File) Fails() bool { return lint.Fails(f.Result, f.FailLevel, f.MinScore) }

// Runner lints files. Linters are cached per set of custom rule
// directories, configs per path.
type Runner struct {
	opts    Options
	mu      sync.Mutex
	linters map[string]*lint.Linter
	configs map[string]*config.Config
	// found is the config file found for each directory ("" for none).
	found map[string]string
}

// New prepares a runner; it loads the rules once up front so rule errors
// surface before any file is read.
func New(opts Options) (*Runner, error) {
	r := &Runner{opts: opts, linters: map[string]*lint.Linter{}, configs: map[string]*config.Config{}, found: map[string]string{}}
	if _, err := r.linter(nil); err != nil {
		return nil, err
	}
	return r, nil
}

// Linter returns the linter for a config (nil: none).
func (r *Runner) Linter(c *config.Config) (*lint.Linter, error) { return r.linter(c) }

func (r *Runner) linter(c *config.Config) (*lint.Linter, error) {
	dirs := slices.Clone(r.opts.RuleDirs)
	if c != nil {
		if err := c.CheckRuleDirs(); err != nil {
			return nil, err
		}
		dirs = append(dirs, c.RuleDirs()...)
	}
	key := strings.Join(dirs, "\x00")
	r.mu.Lock()
	defer r.mu.Unlock()
	if l, ok := r.linters[key]; ok {
		return l, nil
	}
	l, err := lint.New(lint.Config{Builtin: !r.opts.NoBuiltin, RuleDirs: dirs, Disable: r.opts.Disable})
	if err != nil {
		return nil, fmt.Errorf("%w", err)
	}
	r.linters[key] = l
	return l, nil
}

// ConfigFor returns the config governing path (nil when none).
func (r *Runner) ConfigFor(path string) (*config.Config, error) {
	if r.opts.NoConfig {
		return nil, nil
	}
	p := r.opts.Config
	if p == "" && path != StdinPath {
		found, err := r.findConfig(path)
		if err != nil {
			return nil, err
		}
		p = found
	}
	if p == "" && path == StdinPath {
		found, err := config.Find(".")
		if err != nil {
			return nil, err
		}
		p = found
	}
	if p == "" {
		return nil, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.configs[p]; ok {
		return c, nil
	}
	c, err := r.loadConfig(p)
	if err != nil {
		return nil, &lint.ConfigError{Err: err}
	}
	r.configs[p] = c
	return c, nil
}

// findConfig is config.Find for a file, remembered per directory: the
// files of a directory share their config, and the search stats every
// directory up to the root.
func (r *Runner) findConfig(path string) (string, error) {
	dir := filepath.Dir(path)
	r.mu.Lock()
	p, ok := r.found[dir]
	r.mu.Unlock()
	if ok {
		return p, nil
	}
	p, err := config.Find(path)
	if err != nil {
		return "", err
	}
	r.mu.Lock()
	r.found[dir] = p
	r.mu.Unlock()
	return p, nil
}

// Input is a file to lint: its path and how it was named.
type Input struct {
	Path string
	// Walked is true for files found by walking a directory: binary files
	// and files a config excludes are skipped silently.
	Walked bool
	// Staged reads the version in git's index instead of the work tree.
	Staged bool
}

// Expand lists the files to lint for the given paths (stdin is "-").
func (r *Runner) Expand(paths []string) ([]Input, []error) {
	var out []Input
	var errs []error
	// A file named twice ("a.txt ./a.txt", a link and its target) is
	// linted once, under the first name: twice would report its findings
	// twice and let --fix rewrite it from stale findings.
	seen := map[string]bool{}
	for _, p := range paths {
		if p == "-" {
			if !seen["-"] {
				seen["-"] = true
				out = append(out, Input{Path: StdinPath})
			}
			continue
		}
		exts := r.opts.Extensions
		if exts == nil {
			exts = input.DefaultExtensions()
			if c, err := r.ConfigFor(p); err == nil && c != nil && len(c.Extensions) > 0 {
				exts = c.Extensions
			}
		}
		files, perrs := input.Expand([]string{p}, exts)
		errs = append(errs, perrs...)
		walked := len(files) != 1 || files[0] != p
		var keep []string
		for _, f := range files {
			if walked {
				c, err := r.ConfigFor(f)
				if err != nil {
					errs = append(errs, err)
					continue
				}
				if c != nil && !c.Selects(f) {
					continue
				}
			}
			keep = append(keep, f)
		}
		if walked {
			ignored, err := input.Ignored(keep)
			if err == nil {
				keep = slices.DeleteFunc(keep, func(f string) bool { return ignored[f] })
			}
		}
		for _, f := range keep {
			if k := input.FileKey(f); !seen[k] {
				seen[k] = true
				out = append(out, Input{Path: f, Walked: walked})
			}
		}
	}
	return out, errs
}

// Run lints the inputs. Files that cannot be read are reported as errors
// and left out; the rest are read, split, linted and mapped on all cores,
// and come back in input order, as do the errors.
func (r *Runner) Run(inputs []Input, stdin io.Reader) ([]*File, []error) {
	type outcome struct {
		file *File
		errs []error
	}
	outs := make([]outcome, len(inputs))
	do := func(i int) {
		outs[i].file, outs[i].errs = r.lintFile(inputs[i], stdin)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(inputs)) {
		wg.Go(func() {
			for i := range jobs {
				do(i)
			}
		})
	}
	for i := range inputs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var files []*File
	var errs []error
	for _, o := range outs {
		if o.file != nil {
			files = append(files, o.file)
		}
		errs = append(errs, o.errs...)
	}
	return files, errs
}

// lintFile reads, splits and lints one input; a nil file means it was left
// out (unreadable, or binary in a walk).
func (r *Runner) lintFile(in Input, stdin io.Reader) (*File, []error) {
	var src string
	var err error
	switch {
	case in.Path == StdinPath:
		src, err = input.ReadFrom(stdin, r.opts.MaxBytes)
	case in.Staged:
		src, err = input.ReadStaged(in.Path, r.opts.MaxBytes)
	default:
		src, err = input.Read(in.Path, r.opts.MaxBytes)
	}
	if err != nil {
		if in.Walked && errors.Is(err, input.ErrBinary) {
			return nil, nil
		}
		return nil, []error{&input.PathError{Path: in.Path, Err: err}}
	}
	return r.lintSource(in, src)
}

// lintSource splits and lints the text of one input.
func (r *Runner) lintSource(in Input, src string) (*File, []error) {
	c, err := r.ConfigFor(in.Path)
	if err != nil {
		return nil, []error{err}
	}
	return r.lintConfig(in, src, c)
}

// lintConfig splits and lints the text of one input under config c (nil:
// none).
func (r *Runner) lintConfig(in Input, src string, c *config.Config) (*File, []error) {
	l, err := r.linter(c)
	if err != nil {
		return nil, []error{err}
	}
	msgs, errs := document.SplitWith(in.Path, src, document.SplitOptions{MaxExpanded: int(min(r.opts.MaxBytes, 1<<40))})
	if in.Walked && !r.templatesOnly(c, in.Path, src, msgs, errs) {
		return nil, nil
	}
	f := &File{Path: in.Path, Source: src, Messages: len(msgs), FailLevel: finding.Error, in: in, msgs: msgs, layout: l.Layout()}
	r.thresholds(f, c)
	var done []linted
	for _, m := range msgs {
		for _, ref := range m.RuleRefs() {
			if l.Rule(ref.ID) == nil {
				errs = append(errs, &document.Problem{File: in.Path, Pos: ref.Pos, Msg: fmt.Sprintf("unknown rule %q (see 'replylint rules list')", ref.ID)})
			}
		}
		opts, err := r.options(in.Path, c, l, m)
		if err != nil {
			errs = append(errs, &input.PathError{Path: in.Path, Err: err})
			done = append(done, linted{msg: m})
			continue
		}
		res := l.Lint(m.Text, opts)
		verifySuggestions(l, m.Text, opts, res)
		done = append(done, linted{msg: m, result: res})
	}
	f.Result = r.merge(f, done)
	return f, errs
}

// templatesOnly decides whether a walked file is linted: a YAML or JSON
// file is, when it holds templates (document.HoldsTemplates), does not
// parse (that is worth saying), or its extension was asked for by name
// (--ext, a config's extensions); other formats always are.
func (r *Runner) templatesOnly(c *config.Config, path, src string, msgs []*document.Message, errs []error) bool {
	f := document.DetectFormat(path, "")
	if f != document.YAML && f != document.JSON {
		return true
	}
	ext := strings.ToLower(filepath.Ext(path))
	if slices.Contains(r.opts.Extensions, ext) || c != nil && slices.Contains(c.Extensions, ext) {
		return true
	}
	if document.HoldsTemplates(msgs) {
		return true
	}
	// No template: a file that does not even parse is still reported.
	var n yaml.Node
	return len(errs) > 0 && yaml.Unmarshal([]byte(src), &n) != nil
}

// linted is one message of a file and its result.
type linted struct {
	msg    *document.Message
	result *lint.Result
}

func (r *Runner) thresholds(f *File, c *config.Config) {
	if c != nil && c.FailLevel != "" {
		if s, err := finding.ParseSeverity(c.FailLevel); err == nil {
			f.FailLevel = s
		}
	}
	if c != nil && c.MinScore != nil {
		f.MinScore = *c.MinScore
	}
	if r.opts.FailLevel != nil {
		f.FailLevel = *r.opts.FailLevel
	}
	if r.opts.MinScore != nil {
		f.MinScore = *r.opts.MinScore
	}
}

// options resolves a message's settings: command line > front matter >
// config overrides > config > defaults.
func (r *Runner) options(path string, c *config.Config, l *lint.Linter, m *document.Message) (lint.Options, error) {
	var eff config.Settings
	if c != nil {
		eff = c.For(path).Settings
	}
	pick := func(flag, front, cfg string) string {
		switch {
		case flag != "":
			return flag
		case front != "":
			return front
		}
		return cfg
	}
	fs := m.Settings
	channel := pick(r.opts.Flags.Channel, string(fs.Channel), eff.Channel)
	kind := pick(r.opts.Flags.Kind, string(fs.Kind), eff.Kind)
	typ := pick(r.opts.Flags.Type, string(fs.Type), eff.Type)
	mode := pick(r.opts.Flags.Mode, string(fs.Mode), eff.Mode)
	opts := lint.Options{
		Language:    pick(r.opts.Flags.Language, fs.Language, eff.Language),
		Marketplace: pick(r.opts.Flags.Marketplace, fs.Marketplace, eff.Marketplace),
		InReplyTo:   r.opts.InReplyTo,
		Markup:      m.Markup,
		Disable:     slices.Clone(eff.Disable),
		Locale:      r.opts.Locale,
	}
	var err error
	if channel != "" {
		if opts.Channel, err = rule.ParseChannel(channel); err != nil {
			return opts, err
		}
	}
	if kind != "" {
		if opts.Kind, err = rule.ParseMessageKind(kind); err != nil {
			return opts, err
		}
	}
	if typ != "" {
		if opts.Type, err = rule.ParseMessageType(typ); err != nil {
			return opts, err
		}
	}
	if reg := pick(r.opts.Flags.Register, string(fs.Register), eff.Register); reg != "" {
		if opts.Register, err = rule.ParseRegister(reg); err != nil {
			return opts, err
		}
	}
	if mode == "" {
		// A template repository is the common case: a collection entry,
		// a file with front matter and a .tmpl file are templates, whose
		// placeholders are filled when they are sent.
		mode = string(rule.Draft)
		if m.Template || strings.EqualFold(filepath.Ext(path), ".tmpl") {
			mode = string(rule.Template)
		}
	}
	if opts.Mode, err = rule.ParseMode(mode); err != nil {
		return opts, err
	}
	if len(eff.Severity) > 0 {
		opts.Severity = map[string]finding.Severity{}
		for id, s := range eff.Severity {
			sev, err := finding.ParseSeverity(s)
			if err != nil {
				return opts, err
			}
			opts.Severity[id] = sev
		}
	}
	for id, sev := range r.opts.Severity {
		if opts.Severity == nil {
			opts.Severity = map[string]finding.Severity{}
		}
		opts.Severity[id] = sev
	}
	// An unknown rule ID from the config is reported at its entry there
	// (file:line:col of the config), not at the file being linted.
	for _, id := range sortedKeys(opts.Severity) {
		if l.Rule(id) == nil {
			if _, fromFlag := r.opts.Severity[id]; c != nil && !fromFlag {
				return opts, c.ErrorAt("severity", id, "unknown rule %q in severity overrides (see 'replylint rules list')", id)
			}
			return opts, fmt.Errorf("unknown rule %q in severity overrides (see 'replylint rules list')", id)
		}
	}
	if c != nil {
		opts.AllowDomains = c.AllowLinks
	}
	for _, id := range opts.Disable {
		if l.Rule(id) == nil {
			if c != nil && slices.Contains(eff.Disable, id) {
				return opts, c.ErrorAt("disable", id, "unknown rule %q in disable list (see 'replylint rules list')", id)
			}
			return opts, fmt.Errorf("unknown rule %q in disable list (see 'replylint rules list')", id)
		}
	}
	return opts, nil
}

// merge maps every message's findings into the file, drops suppressed and
// baselined ones, and scores each message by the findings that are left;
// the file scores as its weakest message.
func (r *Runner) merge(f *File, msgs []linted) *lint.Result {
	src := text.NewSource(f.Source)
	merged := &lint.Result{Score: 100, Grade: lint.Grade(100), Findings: []finding.Finding{}}
	first := true
	type origin struct{ msg, at int }
	var all []finding.Finding
	var from []origin
	f.texts = make([]textFindings, len(msgs))
	keptAll := make([][]bool, len(msgs))
	for k, j := range msgs {
		if j.result != nil {
			keptAll[k] = suppressed(j.msg, j.result.Findings)
		}
	}
	shown := showable(msgs, keptAll)
	// A collection names its entries; so does any file of several
	// messages. A collection that is one unnamed template has no entry.
	named := len(msgs) > 1 || len(msgs) == 1 && msgs[0].msg.Name != "" && (msgs[0].msg.Format == document.YAML || msgs[0].msg.Format == document.JSON)
	for k, j := range msgs {
		res := j.result
		if res == nil {
			continue
		}
		if first {
			merged.Channel, merged.Kind, merged.Type, merged.Mode, merged.Language = res.Channel, res.Kind, res.Type, res.Mode, res.Language
			first = false
		}
		kept := keptAll[k]
		for i, fd := range res.Findings {
			if !kept[i] {
				continue
			}
			mapped := j.msg.MapFinding(fd, src)
			for s := range mapped.Suggestions {
				if !shown[shownKey{k, i, s}] {
					mapped.Suggestions[s].Edits = nil
				}
			}
			mapped.Match = src.Text()[mapped.Start.Offset:mapped.End.Offset]
			if named {
				mapped.Entry = j.msg.Name
			}
			all = append(all, mapped)
			from = append(from, origin{k, i})
		}
	}
	// The baseline keeps an ordered subsequence of the findings: align it
	// to know which text findings are left.
	left := r.opts.Baseline.Filter(f.Path, all, src)
	keep := make([][]bool, len(msgs))
	for k, j := range msgs {
		if j.result != nil {
			keep[k] = make([]bool, len(j.result.Findings))
		}
	}
	for i, n := 0, 0; i < len(all) && n < len(left); i++ {
		if sameFinding(all[i], left[n]) {
			keep[from[i].msg][from[i].at] = true
			n++
		}
	}
	for k, j := range msgs {
		if j.result == nil {
			continue
		}
		score := j.result.ScoreOf(keep[k])
		if score < merged.Score {
			merged.Score, merged.Grade = score, lint.Grade(score)
		}
		for i, fd := range j.result.Findings {
			if keep[k][i] {
				f.texts[k].findings = append(f.texts[k].findings, fd)
			}
		}
		if named {
			f.Entries = append(f.Entries, Entry{Name: j.msg.Name, Score: score, Grade: lint.Grade(score), Pos: src.Position(j.msg.FileOffset(0))})
		}
	}
	if first {
		merged.Channel, merged.Mode = rule.Amazon, rule.Draft
	}
	merged.Findings = append(merged.Findings, left...)
	finding.Sort(merged.Findings)
	return merged
}

// sortedKeys lists a map's keys in order, so the first problem reported is
// the same on every run.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// shownKey names a suggestion: message, finding and suggestion index.
type shownKey struct{ msg, finding, sugg int }

// showable finds the suggestions whose edits can be shown with the file's
// findings: written in place, they read back (document.CheckEdits, once
// per round for the whole file, not once per edit). Suggestions that
// overlap are checked in later rounds; after eight, what is left is not
// offered as an edit. The fix loop still tries them (and may re-emit a
// YAML scalar whole).
func showable(msgs []linted, kept [][]bool) map[shownKey]bool {
	ok := map[shownKey]bool{}
	done := map[shownKey]bool{}
	dm := make([]*document.Message, len(msgs))
	for k, j := range msgs {
		dm[k] = j.msg
	}
	for round := 0; round < 8; round++ {
		var changes []document.Change
		var owner []shownKey
		for k, j := range msgs {
			if j.result == nil {
				continue
			}
			var taken spanSet
			for i, fd := range j.result.Findings {
				for si, sg := range fd.Suggestions {
					key := shownKey{k, i, si}
					if done[key] || !kept[k][i] || len(sg.Edits) == 0 || taken.overlapsAny(sg.Edits) {
						continue
					}
					done[key] = true
					taken.add(sg.Edits)
					for _, e := range sg.Edits {
						changes = append(changes, document.Change{Message: k, Start: e.Start.Offset, End: e.End.Offset, NewText: e.NewText})
						owner = append(owner, key)
					}
					ok[key] = true
				}
			}
		}
		if len(changes) == 0 {
			break
		}
		for c, applied := range document.CheckEdits(dm, changes) {
			if !applied {
				ok[owner[c]] = false
			}
		}
	}
	return ok
}

// suppressed tells which of a message's findings no suppression comment or
// disable setting silences.
func suppressed(m *document.Message, fs []finding.Finding) []bool {
	out := make([]bool, len(fs))
	kept, _ := m.Suppress(fs)
	for i, n := 0, 0; i < len(fs) && n < len(kept); i++ {
		if sameFinding(fs[i], kept[n]) {
			out[i] = true
			n++
		}
	}
	return out
}

func sameFinding(a, b finding.Finding) bool {
	return a.Rule == b.Rule && a.Start == b.Start && a.End == b.End && a.Message == b.Message && a.Severity == b.Severity
}

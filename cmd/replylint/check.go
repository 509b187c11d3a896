package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/baseline"
	"github.com/replylint/replylint/lint/check"
	"github.com/replylint/replylint/lint/document"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/fix"
	"github.com/replylint/replylint/lint/input"
	"github.com/replylint/replylint/lint/links"
	"github.com/replylint/replylint/lint/project"
	"github.com/replylint/replylint/lint/report"
	"github.com/replylint/replylint/lint/rule"
)

// ruleFlags select and adjust rules; shared by check, rules and explain.
type ruleFlags struct {
	dirs      []string
	disable   []string
	noBuiltin bool
}

func (rf *ruleFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&rf.dirs, "rules", nil, "extra rule directory or file (repeatable)")
	cmd.Flags().StringArrayVar(&rf.disable, "disable", nil, "rule ID to switch off (repeatable)")
	cmd.Flags().BoolVar(&rf.noBuiltin, "no-builtin", false, "do not load the built-in rules")
}

func (rf *ruleFlags) linter() (*lint.Linter, error) {
	l, err := lint.New(lint.Config{Builtin: !rf.noBuiltin, RuleDirs: rf.dirs, Disable: rf.disable})
	if err != nil {
		return nil, &exitCodeError{code: exitError, err: err}
	}
	return l, nil
}

// inputFlags choose and read inputs; shared by check and baseline.
type inputFlags struct {
	ruleFlags
	settings                            project.Settings
	inReplyTo, configPath, changedSince string
	locale                              string
	noConfig, staged, asWalked          bool
	severity                            []string
	maxBytes                            int64
	exts                                []string
}

func (f *inputFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.settings.Channel, "channel", "", "channel whose policy applies: amazon (default), ebay, walmart, tiktok, shopify")
	fl.StringVar(&f.settings.Kind, "kind", "", "message kind: complaint-reply, reply, proactive (default: detected)")
	fl.StringVar(&f.settings.Type, "type", "", "message type: order-problem, delivery, return, invoice, review-request, customization, digital-key, marketing, confirmation-only, thank-you-only, ... (default: detected)")
	fl.StringVar(&f.settings.Mode, "mode", "", "draft (default: placeholders must be filled) or template (placeholders expected)")
	fl.StringVar(&f.settings.Language, "language", "", "force the message language (en, de, fr, es, it, ja, zh)")
	fl.StringVar(&f.settings.Register, "register", "", "how suggestions address the buyer in de, fr, es, it: formal (Sie, vous, usted, Lei) or informal (du, tu, tú, tu) (default: detected)")
	fl.StringVar(&f.settings.Marketplace, "marketplace", "", "marketplace domain whose language is expected, e.g. amazon.de")
	fl.StringVar(&f.inReplyTo, "in-reply-to", "", "file with the buyer's message this draft answers")
	fl.StringVar(&f.locale, "locale", "", "language of finding messages and fix descriptions: en, de, fr, es, it, ja, zh (default en)")
	fl.StringVar(&f.configPath, "config", "", "config file to use for every input (default: .replylint.yaml found from each file upward)")
	fl.BoolVar(&f.noConfig, "no-config", false, "ignore .replylint.yaml files")
	fl.StringVar(&f.changedSince, "changed-since", "", "lint only files changed since this git ref (e.g. origin/main)")
	fl.BoolVar(&f.staged, "staged", false, "lint the staged version of staged files (for pre-commit hooks)")
	fl.BoolVar(&f.asWalked, "select", false, "pick from the named files as a directory walk would: extensions, include/exclude, no binary files, no YAML/JSON without templates (for hooks that pass every changed file)")
	fl.StringArrayVar(&f.severity, "severity", nil, "override a rule's severity, e.g. blame=error or emoji=off (repeatable)")
	fl.Int64Var(&f.maxBytes, "max-bytes", input.DefaultMaxBytes, "refuse inputs larger than this many bytes")
	fl.StringSliceVar(&f.exts, "ext", nil, "file extensions linted in directories (default .txt,.md,.markdown,.html,.htm,.eml,.tmpl,.yaml,.yml,.json or the config's)")
	f.ruleFlags.register(cmd)
}

// runner validates the flags and builds a project runner.
func (f *inputFlags) runner(extra func(*project.Options)) (*project.Runner, error) {
	s := f.settings
	if s.Channel != "" {
		if _, err := rule.ParseChannel(s.Channel); err != nil {
			return nil, usageError("--channel", err)
		}
	}
	if s.Kind != "" {
		if _, err := rule.ParseMessageKind(s.Kind); err != nil {
			return nil, usageError("--kind", err)
		}
	}
	if s.Type != "" {
		if _, err := rule.ParseMessageType(s.Type); err != nil {
			return nil, usageError("--type", err)
		}
	}
	if s.Mode != "" {
		if _, err := rule.ParseMode(s.Mode); err != nil {
			return nil, usageError("--mode", err)
		}
	}
	if s.Register != "" {
		if _, err := rule.ParseRegister(s.Register); err != nil {
			return nil, usageError("--register", err)
		}
	}
	if s.Language != "" && !slices.Contains(rule.Languages(), s.Language) {
		return nil, usageError("--language", fmt.Errorf("unsupported language %q (want one of %v)", s.Language, rule.Languages()))
	}
	if f.maxBytes <= 0 {
		return nil, usageError("--max-bytes", fmt.Errorf("must be a positive number of bytes, got %d (default %d)", f.maxBytes, input.DefaultMaxBytes))
	}
	for _, e := range f.exts {
		if !strings.HasPrefix(e, ".") || len(e) < 2 || strings.ContainsAny(e, `/\ `) {
			return nil, usageError("--ext", fmt.Errorf("want an extension such as .txt, got %q", e))
		}
	}
	if f.locale != "" && !slices.Contains(lint.Locales(), f.locale) {
		return nil, usageError("--locale", fmt.Errorf("unknown locale %q (want one of %v)", f.locale, lint.Locales()))
	}
	sev := map[string]finding.Severity{}
	for _, kv := range f.severity {
		id, level, ok := strings.Cut(kv, "=")
		s, err := finding.ParseSeverity(level)
		if !ok || id == "" || err != nil {
			return nil, usageError("--severity", fmt.Errorf("want RULE=error|warning|info|off, got %q", kv))
		}
		sev[id] = s
	}
	opts := project.Options{
		Severity: sev,
		Config:   f.configPath, NoConfig: f.noConfig, Flags: s,
		RuleDirs: f.dirs, Disable: f.disable, NoBuiltin: f.noBuiltin,
		MaxBytes: f.maxBytes, Extensions: f.exts, Locale: f.locale,
	}
	if f.inReplyTo != "" {
		buyer, err := input.Read(f.inReplyTo, f.maxBytes)
		if err != nil {
			return nil, &exitCodeError{code: exitError, err: &input.PathError{Path: f.inReplyTo, Err: err}}
		}
		opts.InReplyTo = buyer
	}
	if extra != nil {
		extra(&opts)
	}
	if runtime.GOMAXPROCS(0) > 1 {
		// Overlaps the loading below (see links.Prepare and check.Prepare).
		go func() {
			check.Prepare()
			links.Prepare()
		}()
	}
	r, err := project.New(opts)
	if err != nil {
		return nil, &exitCodeError{code: exitError, err: err}
	}
	if s.Marketplace != "" {
		l, err := r.Linter(nil)
		if err != nil {
			return nil, &exitCodeError{code: exitError, err: err}
		}
		if _, ok := l.MarketplaceLanguage(s.Marketplace); !ok {
			return nil, usageError("--marketplace", fmt.Errorf("unknown marketplace %q (want one of %s)", s.Marketplace, strings.Join(l.Marketplaces(), ", ")))
		}
	}
	return r, nil
}

// inputs lists what to lint: stdin when no path is given, or the staged or
// changed files.
func (f *inputFlags) inputs(r *project.Runner, args []string) ([]project.Input, []error, error) {
	switch {
	case f.staged && f.changedSince != "":
		return nil, nil, usageError("--staged", errors.New("cannot be combined with --changed-since"))
	case f.staged:
		files, err := input.Staged()
		if err != nil {
			return nil, nil, &exitCodeError{code: exitError, err: err}
		}
		var out []project.Input
		for _, p := range f.selectGit(r, files, args) {
			out = append(out, project.Input{Path: p, Walked: true, Staged: true})
		}
		return out, nil, nil
	case f.changedSince != "":
		files, err := input.ChangedSince(f.changedSince, args)
		if err != nil {
			return nil, nil, &exitCodeError{code: exitError, err: err}
		}
		var out []project.Input
		for _, p := range f.selectGit(r, files, nil) {
			out = append(out, project.Input{Path: p, Walked: true})
		}
		return out, nil, nil
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	if f.asWalked {
		var named []string
		var out []project.Input
		for _, a := range args {
			if a == "-" {
				out = append(out, project.Input{Path: project.StdinPath})
				continue
			}
			named = append(named, a)
		}
		for _, p := range f.selectGit(r, named, nil) {
			out = append(out, project.Input{Path: p, Walked: true})
		}
		return out, nil, nil
	}
	ins, errs := r.Expand(args)
	return ins, errs, nil
}

// selectGit keeps the git-listed files a directory walk would lint; with
// paths (pre-commit passes the staged file names) only those.
// Extensions, include and exclude come from the flags, then from the
// config that governs each file, then the defaults, as in a walk.
func (f *inputFlags) selectGit(r *project.Runner, files, paths []string) []string {
	if len(paths) > 0 {
		files = slices.DeleteFunc(files, func(p string) bool { return !slices.Contains(paths, p) })
	}
	var out []string
	for _, p := range files {
		if hiddenPath(p) {
			continue // as a walk skips them: .replylint.yaml, .github/
		}
		c, err := r.ConfigFor(p)
		if err != nil {
			c = nil // the run reports a broken config when it lints the file
		}
		exts := f.exts
		if exts == nil && c != nil && len(c.Extensions) > 0 {
			exts = c.Extensions
		}
		if exts == nil {
			exts = input.DefaultExtensions()
		}
		if len(input.WithExtensions([]string{p}, exts)) == 0 {
			continue
		}
		if c != nil && !c.Selects(p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

type checkFlags struct {
	inputFlags
	format, failLevel, color, baselinePath string
	minScore                               int
	quiet, fix, unsafeFixes, diff          bool
	// writer rewrites files for --fix (set by runCheck from the context).
	writer *input.Writer
}

func newCheckCmd() *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [PATH...|-]",
		Short: "Lint messages from files, directories or standard input",
		Long: `Lint messages. PATH may be a file, a directory (walked recursively for
.txt, .md, .html, .eml, .tmpl, .yaml, .yml and .json files, skipping git-ignored
and binary files and YAML/JSON files that hold no templates)
or "-" for standard input, which is also read when no PATH is given.

Settings come from the flags, then a template's front matter, then the
nearest .replylint.yaml (its overrides first), then the defaults.

Exit codes: 0 passed, 1 a finding at or above --fail-level or a score below
--min-score, 2 a usage, configuration or input error.`,
		Example: `  replylint check draft.txt
  pbpaste | replylint check --channel ebay -
  replylint check --format sarif templates/ > replylint.sarif
  replylint check --changed-since origin/main --format github
  replylint check --fix templates/
  replylint check --fix - < draft.txt > fixed.txt   # the report goes to stderr`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, args, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "text", "output format: text, json, sarif, github, markdown")
	fl.StringVar(&f.failLevel, "fail-level", "error", "lowest severity that fails the run: error, warning, info, off (default: the config's, else error)")
	fl.IntVar(&f.minScore, "min-score", 0, "fail when a message scores below this, 0-100 (default: the config's, else 0)")
	fl.StringVar(&f.color, "color", "auto", "colour text output: auto, always, never (NO_COLOR is honoured)")
	fl.StringVar(&f.baselinePath, "baseline", "", "report only findings not recorded in this baseline file")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print findings only: no score lines, no summary")
	fl.BoolVar(&f.fix, "fix", false, "apply safe fixes to the files (atomically), then report what is left")
	fl.BoolVar(&f.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff, apply unsafe fixes too")
	fl.BoolVar(&f.diff, "diff", false, "print the fixes as a unified diff instead of writing them")
	f.inputFlags.register(cmd)
	return cmd
}

func usageError(flag string, err error) error {
	return &exitCodeError{code: exitError, err: fmt.Errorf("%s: %w", flag, err)}
}

func runCheck(cmd *cobra.Command, args []string, f *checkFlags) error {
	f.writer = writerOf(cmd.Context())
	format, err := report.ParseFormat(f.format)
	if err != nil {
		return usageError("--format", err)
	}
	var base *baseline.Baseline
	if f.baselinePath != "" {
		if base, err = baseline.Load(f.baselinePath); err != nil {
			return &exitCodeError{code: exitError, err: err}
		}
	}
	var failLevel *finding.Severity
	if cmd.Flags().Changed("fail-level") {
		s, err := finding.ParseSeverity(f.failLevel)
		if err != nil {
			return usageError("--fail-level", err)
		}
		failLevel = &s
	}
	switch f.color {
	case "auto", "always", "never":
	default:
		return usageError("--color", fmt.Errorf("unknown value %q (want auto, always or never)", f.color))
	}
	var minScore *int
	if cmd.Flags().Changed("min-score") {
		if f.minScore < 0 || f.minScore > 100 {
			return usageError("--min-score", errors.New("must be between 0 and 100"))
		}
		minScore = &f.minScore
	}
	settleGC := raiseGCForLoad()
	r, err := f.runner(func(o *project.Options) {
		o.Baseline, o.FailLevel, o.MinScore = base, failLevel, minScore
	})
	if err != nil {
		return err
	}
	ins, inputErrs, err := f.inputs(r, args)
	if err != nil {
		return err
	}
	settleGC(ins)
	files, runErrs := r.Run(ins, cmd.InOrStdin())
	stderr := cmd.ErrOrStderr()
	hardErrs := 0
	for _, e := range append(inputErrs, runErrs...) {
		var p *document.Problem
		if errors.As(e, &p) && p.Warning {
			_, _ = fmt.Fprintln(stderr, "replylint: warning:", e)
			continue
		}
		hardErrs++
		_, _ = fmt.Fprintln(stderr, "replylint:", e)
	}
	reportTo := cmd.OutOrStdout()
	if f.fix || f.diff {
		fixErrs := applyFixes(r, cmd.OutOrStdout(), stderr, files, f)
		for _, e := range fixErrs {
			_, _ = fmt.Fprintln(stderr, "replylint:", e)
		}
		hardErrs += len(fixErrs)
		if f.diff {
			if hardErrs > 0 {
				return &exitCodeError{code: exitError}
			}
			return nil
		}
		if f.fix && len(files) == 1 && files[0].Path == project.StdinPath {
			// The fixed text went to standard output: what remains is
			// reported on standard error, as ruff does.
			reportTo = stderr
		}
	}
	out, sum := toReport(files)
	sum.InputErrors = hardErrs
	sum.Failed = sum.Failed || hardErrs > 0
	l, _ := r.Linter(nil)
	ropts := report.Options{Color: useColor(f.color, reportTo), Quiet: f.quiet, Linter: l, ToolVersion: version}
	if err := report.Write(reportTo, format, out, sum, ropts); err != nil {
		return &exitCodeError{code: exitError, err: fmt.Errorf("writing output: %w", err)}
	}
	switch {
	case hardErrs > 0:
		return &exitCodeError{code: exitError}
	case sum.Failed:
		return &exitCodeError{code: exitFailed}
	}
	return nil
}

func toReport(files []*project.File) ([]report.File, report.Summary) {
	out := make([]report.File, len(files))
	sum := report.Summary{Files: len(files)}
	for i, f := range files {
		out[i] = report.File{Path: f.Path, Source: f.Source, Result: f.Result, MinScore: f.MinScore}
		for _, e := range f.Entries {
			out[i].Entries = append(out[i].Entries, report.Entry{Name: e.Name, Score: e.Score, Grade: e.Grade, Line: e.Pos.Line})
		}
		for _, fd := range f.Result.Findings {
			switch fd.Severity {
			case finding.Error:
				sum.Errors++
			case finding.Warning:
				sum.Warnings++
			case finding.Info:
				sum.Infos++
			}
		}
		if f.Fails() {
			sum.Failed = true
		}
	}
	return out, sum
}

// applyFixes runs the fix loop on each file (project.Runner.Fix) and
// replaces the file's outcome with what remains: with --diff it prints a
// unified diff, with --fix it rewrites the file atomically, or prints the
// fixed text when it came from standard input. Staged versions are never
// rewritten; a file without applicable fixes is not touched.
func applyFixes(r *project.Runner, out, report io.Writer, files []*project.File, f *checkFlags) []error {
	var errs []error
	for i, file := range files {
		// The fixed text has no problem the file did not have
		// (document.WriteBack sees to it), and those were reported.
		res := r.Fix(file, f.unsafeFixes)
		if res.Applied > 0 && !f.quiet {
			_, _ = fmt.Fprintf(report, "replylint: %s: %s in %s\n", printablePath(file.Path), plural(res.Applied, "fix", "fixes"), plural(res.Passes, "pass", "passes"))
		}
		if res.Text == file.Source {
			if file.Path == project.StdinPath && f.fix {
				_, _ = io.WriteString(out, file.Source)
			}
			continue
		}
		switch {
		case f.diff:
			_, _ = io.WriteString(out, fix.UnifiedDiff(file.Path, file.Source, res.Text))
			continue
		case file.Path == project.StdinPath:
			_, _ = io.WriteString(out, res.Text)
			files[i] = res.File
			continue
		case f.staged:
			errs = append(errs, fmt.Errorf("%s: --fix rewrites work-tree files only; use --diff", file.Path))
			continue
		}
		doc, err := input.ReadDocument(file.Path, f.maxBytes)
		if err == nil && doc.Text != file.Source {
			err = errors.New("file changed while it was being linted; not rewritten")
		}
		var data []byte
		if err == nil {
			data, err = doc.Encode(res.Text)
		}
		if err == nil {
			err = f.writer.Replace(file.Path, doc.Raw, data)
		}
		if err != nil {
			errs = append(errs, &input.PathError{Path: file.Path, Err: err})
			continue
		}
		files[i] = res.File
	}
	return errs
}

// useColor decides on ANSI colours: never with NO_COLOR set or when output
// is not a terminal, unless forced.
func useColor(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	file, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := file.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// printablePath quotes a path holding control characters, so that a file
// name cannot write lines of its own into a log.
func printablePath(p string) string {
	for _, r := range p {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x2028 || r == 0x2029 {
			return strconv.Quote(p)
		}
	}
	return p
}

// hiddenPath reports whether a relative path has a part that starts with
// a dot ("." and ".." aside).
func hiddenPath(p string) bool {
	for _, part := range strings.Split(filepath.ToSlash(p), "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return true
		}
	}
	return false
}

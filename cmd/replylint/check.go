package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/baseline"
	"github.com/replylint/replylint/lint/document"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/fix"
	"github.com/replylint/replylint/lint/input"
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
	noConfig, staged                    bool
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
	fl.StringVar(&f.settings.Marketplace, "marketplace", "", "marketplace domain whose language is expected, e.g. amazon.de")
	fl.StringVar(&f.inReplyTo, "in-reply-to", "", "file with the buyer's message this draft answers")
	fl.StringVar(&f.configPath, "config", "", "config file to use for every input (default: .replylint.yaml found from each file upward)")
	fl.BoolVar(&f.noConfig, "no-config", false, "ignore .replylint.yaml files")
	fl.StringVar(&f.changedSince, "changed-since", "", "lint only files changed since this git ref (e.g. origin/main)")
	fl.BoolVar(&f.staged, "staged", false, "lint the staged version of staged files (for pre-commit hooks)")
	fl.StringArrayVar(&f.severity, "severity", nil, "override a rule's severity, e.g. blame=error or emoji=off (repeatable)")
	fl.Int64Var(&f.maxBytes, "max-bytes", input.DefaultMaxBytes, "refuse inputs larger than this many bytes")
	fl.StringSliceVar(&f.exts, "ext", nil, "file extensions linted in directories (default .txt,.md,.html,.eml,.tmpl or the config's)")
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
	if s.Language != "" && !slices.Contains(rule.Languages(), s.Language) {
		return nil, usageError("--language", fmt.Errorf("unsupported language %q (want one of %v)", s.Language, rule.Languages()))
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
		MaxBytes: f.maxBytes, Extensions: f.exts,
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
	r, err := project.New(opts)
	if err != nil {
		return nil, &exitCodeError{code: exitError, err: err}
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
	ins, errs := r.Expand(args)
	return ins, errs, nil
}

// selectGit keeps the git-listed files a directory walk would lint; with
// paths (pre-commit passes the staged file names) only those.
func (f *inputFlags) selectGit(r *project.Runner, files, paths []string) []string {
	exts := f.exts
	if exts == nil {
		exts = input.DefaultExtensions()
	}
	files = input.WithExtensions(files, exts)
	if len(paths) > 0 {
		files = slices.DeleteFunc(files, func(p string) bool { return !slices.Contains(paths, p) })
	}
	var out []string
	for _, p := range files {
		if c, err := r.ConfigFor(p); err == nil && c != nil && !c.Selects(p) {
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
}

func newCheckCmd() *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [PATH...|-]",
		Short: "Lint messages from files, directories or standard input",
		Long: `Lint messages. PATH may be a file, a directory (walked recursively for
.txt, .md, .html, .eml and .tmpl files, skipping git-ignored and binary files)
or "-" for standard input, which is also read when no PATH is given.

Settings come from the flags, then a template's front matter, then the
nearest .replylint.yaml (its overrides first), then the defaults.

Exit codes: 0 passed, 1 a finding at or above --fail-level or a score below
--min-score, 2 a usage, configuration or input error.`,
		Example: `  replylint check draft.txt
  pbpaste | replylint check --channel ebay -
  replylint check --format sarif templates/ > replylint.sarif
  replylint check --changed-since origin/main --format github
  replylint check --fix templates/`,
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
	var minScore *int
	if cmd.Flags().Changed("min-score") {
		if f.minScore < 0 || f.minScore > 100 {
			return usageError("--min-score", errors.New("must be between 0 and 100"))
		}
		minScore = &f.minScore
	}
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
	if f.fix || f.diff {
		written, fixErrs := applyFixes(cmd.OutOrStdout(), files, f)
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
		if len(written) > 0 {
			var again []project.Input
			for _, in := range ins {
				if written[in.Path] {
					again = append(again, in)
				}
			}
			relinted, errs := r.Run(again, nil)
			for _, e := range errs {
				_, _ = fmt.Fprintln(stderr, "replylint:", e)
			}
			for _, nf := range relinted {
				for i := range files {
					if files[i].Path == nf.Path {
						files[i] = nf
					}
				}
			}
		}
	}
	out, sum := toReport(files)
	sum.InputErrors = hardErrs
	sum.Failed = sum.Failed || hardErrs > 0
	l, _ := r.Linter(nil)
	ropts := report.Options{Color: useColor(f.color, cmd.OutOrStdout()), Quiet: f.quiet, Linter: l, ToolVersion: version}
	if err := report.Write(cmd.OutOrStdout(), format, out, sum, ropts); err != nil {
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
		out[i] = report.File{Path: f.Path, Source: f.Source, Result: f.Result}
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

// applyFixes applies the selected fixes to each file: with --diff it prints
// a unified diff, with --fix it rewrites the file atomically. Standard input
// and staged versions are never rewritten; a file without applicable fixes
// is not touched. It returns the files it wrote.
func applyFixes(out io.Writer, files []*project.File, f *checkFlags) (map[string]bool, []error) {
	var errs []error
	written := map[string]bool{}
	for _, file := range files {
		edits := fix.Select(file.Result.Findings, f.unsafeFixes)
		if len(edits) == 0 {
			continue
		}
		fixed, err := fix.Apply(file.Source, edits)
		if err != nil {
			errs = append(errs, &input.PathError{Path: file.Path, Err: err})
			continue
		}
		if f.diff {
			_, _ = io.WriteString(out, fix.UnifiedDiff(file.Path, file.Source, fixed))
			continue
		}
		if file.Path == project.StdinPath || f.staged {
			errs = append(errs, fmt.Errorf("%s: --fix rewrites work-tree files only; use --diff", file.Path))
			continue
		}
		doc, err := input.ReadDocument(file.Path, f.maxBytes)
		if err == nil && doc.Text != file.Source {
			err = errors.New("file changed while it was being linted; not rewritten")
		}
		var data []byte
		if err == nil {
			data, err = doc.Encode(fixed)
		}
		if err == nil {
			err = input.WriteAtomic(file.Path, data)
		}
		if err != nil {
			errs = append(errs, &input.PathError{Path: file.Path, Err: err})
			continue
		}
		written[file.Path] = true
	}
	return written, errs
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

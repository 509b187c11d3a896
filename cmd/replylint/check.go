package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/fix"
	"github.com/replylint/replylint/lint/input"
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

type checkFlags struct {
	ruleFlags
	channel, kind, mode, language, marketplace, inReplyTo string
	format, failLevel, color                              string
	minScore                                              int
	maxBytes                                              int64
	exts                                                  []string
	quiet, fix, unsafeFixes, diff                         bool
}

func newCheckCmd() *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [PATH...|-]",
		Short: "Lint messages from files, directories or standard input",
		Long: `Lint messages. PATH may be a file, a directory (walked recursively for
.txt, .md, .html, .eml and .tmpl files) or "-" for standard input, which is
also read when no PATH is given.

Exit codes: 0 passed, 1 a finding at or above --fail-level or a score below
--min-score, 2 a usage, configuration or input error.`,
		Example: `  replylint check draft.txt
  pbpaste | replylint check --channel ebay -
  replylint check --format sarif templates/ > replylint.sarif`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd, args, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.channel, "channel", "amazon", "channel whose policy applies: amazon, ebay, walmart, tiktok, shopify")
	fl.StringVar(&f.kind, "kind", "", "message kind: complaint-reply, reply, proactive (default: detected)")
	fl.StringVar(&f.mode, "mode", "draft", "draft (placeholders must be filled) or template (placeholders expected)")
	fl.StringVar(&f.language, "language", "", "force the message language (en, de, fr, es, it, ja, zh)")
	fl.StringVar(&f.marketplace, "marketplace", "", "marketplace domain whose language is expected, e.g. amazon.de")
	fl.StringVar(&f.inReplyTo, "in-reply-to", "", "file with the buyer's message this draft answers")
	fl.StringVar(&f.format, "format", "text", "output format: text, json, sarif, github")
	fl.StringVar(&f.failLevel, "fail-level", "error", "lowest severity that fails the run: error, warning, info, off")
	fl.IntVar(&f.minScore, "min-score", 0, "fail when a message scores below this (0-100)")
	fl.Int64Var(&f.maxBytes, "max-bytes", input.DefaultMaxBytes, "refuse inputs larger than this many bytes")
	fl.StringSliceVar(&f.exts, "ext", input.DefaultExtensions(), "file extensions linted in directories")
	fl.StringVar(&f.color, "color", "auto", "colour text output: auto, always, never (NO_COLOR is honoured)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print findings only: no score lines, no summary")
	fl.BoolVar(&f.fix, "fix", false, "apply safe fixes to the files (atomically), then report what is left")
	fl.BoolVar(&f.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff, apply unsafe fixes too")
	fl.BoolVar(&f.diff, "diff", false, "print the fixes as a unified diff instead of writing them")
	f.register(cmd)
	return cmd
}

func runCheck(cmd *cobra.Command, args []string, f *checkFlags) error {
	opts, format, failLevel, err := f.parse()
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	l, err := f.linter()
	if err != nil {
		return err
	}
	if f.inReplyTo != "" {
		buyer, err := input.Read(f.inReplyTo, f.maxBytes)
		if err != nil {
			return &exitCodeError{code: exitError, err: &input.PathError{Path: f.inReplyTo, Err: err}}
		}
		opts.InReplyTo = buyer
	}
	files, inputErrs := readInputs(cmd.InOrStdin(), args, f)
	inputs := make([]lint.Input, len(files))
	for i, file := range files {
		inputs[i] = lint.Input{Text: file.Source, Options: opts}
	}
	results := l.LintAll(inputs)
	if f.fix || f.diff {
		var fixErrs []error
		results, fixErrs = applyFixes(cmd.OutOrStdout(), l, files, inputs, results, f)
		inputErrs = append(inputErrs, fixErrs...)
		if f.diff {
			for _, e := range inputErrs {
				_, _ = fmt.Fprintln(cmd.ErrOrStderr(), "replylint:", e)
			}
			if len(inputErrs) > 0 {
				return &exitCodeError{code: exitError}
			}
			return nil
		}
	}
	sum := report.Summary{Files: len(files)}
	for i := range files {
		files[i].Result = results[i]
		for _, fd := range results[i].Findings {
			switch fd.Severity {
			case finding.Error:
				sum.Errors++
			case finding.Warning:
				sum.Warnings++
			case finding.Info:
				sum.Infos++
			}
		}
		if lint.Fails(results[i], failLevel, f.minScore) {
			sum.Failed = true
		}
	}
	stderr := cmd.ErrOrStderr()
	for _, e := range inputErrs {
		_, _ = fmt.Fprintln(stderr, "replylint:", e)
	}
	ropts := report.Options{Color: useColor(f.color, cmd.OutOrStdout()), Quiet: f.quiet, Linter: l, ToolVersion: version}
	if err := report.Write(cmd.OutOrStdout(), format, files, sum, ropts); err != nil {
		return &exitCodeError{code: exitError, err: fmt.Errorf("writing output: %w", err)}
	}
	switch {
	case len(inputErrs) > 0:
		return &exitCodeError{code: exitError}
	case sum.Failed:
		return &exitCodeError{code: exitFailed}
	}
	return nil
}

func (f *checkFlags) parse() (lint.Options, report.Format, finding.Severity, error) {
	var opts lint.Options
	var err error
	if opts.Channel, err = rule.ParseChannel(f.channel); err != nil {
		return opts, "", 0, fmt.Errorf("--channel: %w", err)
	}
	if f.kind != "" {
		if opts.Kind, err = rule.ParseMessageKind(f.kind); err != nil {
			return opts, "", 0, fmt.Errorf("--kind: %w", err)
		}
	}
	if opts.Mode, err = rule.ParseMode(f.mode); err != nil {
		return opts, "", 0, fmt.Errorf("--mode: %w", err)
	}
	if f.language != "" {
		if !contains(rule.Languages(), f.language) {
			return opts, "", 0, fmt.Errorf("--language: unsupported language %q (want one of %v)", f.language, rule.Languages())
		}
		opts.Language = f.language
	}
	opts.Marketplace = f.marketplace
	format, err := report.ParseFormat(f.format)
	if err != nil {
		return opts, "", 0, fmt.Errorf("--format: %w", err)
	}
	failLevel, err := finding.ParseSeverity(f.failLevel)
	if err != nil {
		return opts, "", 0, fmt.Errorf("--fail-level: %w", err)
	}
	if f.minScore < 0 || f.minScore > 100 {
		return opts, "", 0, errors.New("--min-score must be between 0 and 100")
	}
	return opts, format, failLevel, nil
}

// readInputs reads every named input; stdin when there is none or for "-".
func readInputs(stdin io.Reader, args []string, f *checkFlags) ([]report.File, []error) {
	if len(args) == 0 {
		args = []string{"-"}
	}
	var files []report.File
	var errs []error
	var paths []string
	flush := func() {
		names, perrs := input.Expand(paths, f.exts)
		errs = append(errs, perrs...)
		for _, name := range names {
			text, err := input.Read(name, f.maxBytes)
			if err != nil {
				errs = append(errs, &input.PathError{Path: name, Err: err})
				continue
			}
			files = append(files, report.File{Path: name, Source: text})
		}
		paths = nil
	}
	for _, a := range args {
		if a != "-" {
			paths = append(paths, a)
			continue
		}
		flush()
		text, err := input.ReadFrom(stdin, f.maxBytes)
		if err != nil {
			errs = append(errs, &input.PathError{Path: "<stdin>", Err: err})
			continue
		}
		files = append(files, report.File{Path: "<stdin>", Source: text})
	}
	flush()
	return files, errs
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

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// applyFixes applies the selected fixes to each file: with --diff it prints
// a unified diff, with --fix it rewrites the file atomically and lints the
// new text so the report shows what is left. Standard input is never
// rewritten; a file without applicable fixes is not touched.
func applyFixes(out io.Writer, l *lint.Linter, files []report.File, inputs []lint.Input, results []*lint.Result, f *checkFlags) ([]*lint.Result, []error) {
	var errs []error
	for i := range files {
		edits := fix.Select(results[i].Findings, f.unsafeFixes)
		if len(edits) == 0 {
			continue
		}
		fixed, err := fix.Apply(files[i].Source, edits)
		if err != nil {
			errs = append(errs, &input.PathError{Path: files[i].Path, Err: err})
			continue
		}
		if f.diff {
			_, _ = io.WriteString(out, fix.UnifiedDiff(files[i].Path, files[i].Source, fixed))
			continue
		}
		if files[i].Path == "<stdin>" {
			errs = append(errs, errors.New("<stdin>: --fix does not rewrite standard input; use --diff"))
			continue
		}
		doc, err := input.ReadDocument(files[i].Path, f.maxBytes)
		if err == nil && doc.Text != files[i].Source {
			err = errors.New("file changed while it was being linted; not rewritten")
		}
		var data []byte
		if err == nil {
			data, err = doc.Encode(fixed)
		}
		if err == nil {
			err = input.WriteAtomic(files[i].Path, data)
		}
		if err != nil {
			errs = append(errs, &input.PathError{Path: files[i].Path, Err: err})
			continue
		}
		files[i].Source = fixed
		results[i] = l.Lint(fixed, inputs[i].Options)
	}
	return results, errs
}

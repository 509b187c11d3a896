package main

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/replylint/replylint/lint/baseline"
	"github.com/replylint/replylint/lint/config"
	"github.com/replylint/replylint/lint/input"
	"github.com/replylint/replylint/lint/project"
	"github.com/replylint/replylint/lint/text"
)

func newConfigCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "config", Short: "Show the configuration that applies to a file"}
	var configPath string
	printCmd := &cobra.Command{
		Use:   "print [FILE]",
		Short: "Print the effective settings for a file: which config, which overrides, the merged values",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			target := "."
			if len(args) == 1 {
				target = args[0]
			}
			p := configPath
			if p == "" {
				found, err := config.Find(target)
				if err != nil {
					return &exitCodeError{code: exitError, err: err}
				}
				p = found
			}
			w := cmd.OutOrStdout()
			if p == "" {
				_, _ = fmt.Fprintf(w, "# no .replylint.yaml governs %s: built-in defaults apply\nchannel: amazon\nmode: draft\nfail-level: error\nmin-score: 0\n", target)
				return nil
			}
			c, err := config.Load(p)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			e := c.For(target)
			_, _ = fmt.Fprintf(w, "# config: %s\n", p)
			if len(e.Overrides) > 0 {
				var idx []string
				for _, i := range e.Overrides {
					idx = append(idx, fmt.Sprintf("overrides[%d] %v", i, c.Overrides[i].Files))
				}
				_, _ = fmt.Fprintf(w, "# applied: %s\n", strings.Join(idx, ", "))
			}
			field := func(k, v, def string) {
				if v == "" {
					v = def
				}
				if v != "" {
					_, _ = fmt.Fprintf(w, "%s: %s\n", k, v)
				}
			}
			field("channel", e.Channel, "amazon")
			field("marketplace", e.Marketplace, "")
			field("kind", e.Kind, "detected")
			field("type", e.Type, "detected")
			field("mode", e.Mode, "draft")
			field("language", e.Language, "detected")
			field("register", e.Register, "detected")
			if len(e.Disable) > 0 {
				_, _ = fmt.Fprintf(w, "disable: [%s]\n", strings.Join(e.Disable, ", "))
			}
			if len(e.Severity) > 0 {
				_, _ = fmt.Fprintln(w, "severity:")
				for _, id := range sortedKeys(e.Severity) {
					_, _ = fmt.Fprintf(w, "  %s: %s\n", id, e.Severity[id])
				}
			}
			if len(c.AllowLinks) > 0 {
				_, _ = fmt.Fprintf(w, "allow-domains: [%s]\n", strings.Join(c.AllowLinks, ", "))
			}
			if len(c.Rules) > 0 {
				_, _ = fmt.Fprintf(w, "rules: [%s]\n", strings.Join(c.RuleDirs(), ", "))
			}
			field("fail-level", c.FailLevel, "error")
			minScore := 0
			if c.MinScore != nil {
				minScore = *c.MinScore
			}
			_, _ = fmt.Fprintf(w, "min-score: %d\n", minScore)
			_, _ = fmt.Fprintf(w, "selected: %t\n", c.Selects(target))
			return nil
		},
	}
	printCmd.Flags().StringVar(&configPath, "config", "", "config file to use instead of the one found")
	cmd.AddCommand(printCmd)
	return cmd
}

func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

func newInitCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented starter .replylint.yaml in the current directory",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			const name = ".replylint.yaml"
			if _, err := os.Stat(name); err == nil && !force {
				return &exitCodeError{code: exitError, err: errors.New(name + " already exists (use --force to overwrite it)")}
			} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return &exitCodeError{code: exitError, err: err}
			}
			if err := os.WriteFile(name, []byte(config.Starter), 0o644); err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			_, _ = fmt.Fprintln(cmd.OutOrStdout(), "wrote", name)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing .replylint.yaml")
	return cmd
}

func newBaselineCmd() *cobra.Command {
	var f inputFlags
	var output string
	cmd := &cobra.Command{
		Use:   "baseline [PATH...]",
		Short: "Record the current findings so that 'check --baseline' reports only new ones",
		Long: `Lint the given files (as check does) and write every finding's fingerprint
to a baseline file. 'replylint check --baseline FILE' then reports only
findings the baseline does not hold, so a team can adopt replylint on an
existing template repository and fail only on new problems.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			r, err := f.runner(nil)
			if err != nil {
				return err
			}
			ins, errs, err := f.inputs(r, args)
			if err != nil {
				return err
			}
			files, runErrs := r.Run(ins, cmd.InOrStdin())
			for _, e := range append(errs, runErrs...) {
				_, _ = fmt.Fprintln(cmd.ErrOrStderr(), "replylint:", e)
			}
			var b baseline.Baseline
			count := 0
			for _, file := range files {
				if file.Path == project.StdinPath {
					continue
				}
				b.Add(file.Path, file.Result.Findings, text.NewSource(file.Source))
				count += len(file.Result.Findings)
			}
			data, err := b.Marshal()
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			if _, statErr := os.Stat(output); statErr == nil {
				err = input.WriteAtomic(output, data)
			} else {
				err = os.WriteFile(output, data, 0o644)
			}
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			_, _ = fmt.Fprintf(cmd.OutOrStdout(), "recorded %d findings in %d files to %s\n", count, len(files), output)
			if len(errs)+len(runErrs) > 0 {
				return &exitCodeError{code: exitError}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", ".replylint-baseline.json", "baseline file to write")
	f.register(cmd)
	return cmd
}

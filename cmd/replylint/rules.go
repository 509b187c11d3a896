package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/replylint/replylint/lint/report"
	"github.com/replylint/replylint/lint/rule"
)

func newRulesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List rules or run their built-in examples",
	}
	cmd.AddCommand(newRulesListCmd(), newRulesTestCmd())
	return cmd
}

func newRulesListCmd() *cobra.Command {
	var rf ruleFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the loaded rules: ID, kind, severity per channel, languages",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			l, err := rf.linter()
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			header := []string{"ID", "KIND"}
			for _, ch := range rule.Channels() {
				header = append(header, strings.ToUpper(string(ch)))
			}
			header = append(header, "LANGUAGES")
			_, _ = fmt.Fprintln(tw, strings.Join(header, "\t"))
			for _, r := range l.Rules() {
				row := []string{r.ID, string(r.Kind)}
				for _, ch := range rule.Channels() {
					row = append(row, r.SeverityOn(ch).String())
				}
				langs := strings.Join(r.Languages, ",")
				if langs == "" {
					langs = "all"
				}
				row = append(row, langs)
				_, _ = fmt.Fprintln(tw, strings.Join(row, "\t"))
			}
			return tw.Flush()
		},
	}
	rf.register(cmd)
	return cmd
}

func newRulesTestCmd() *cobra.Command {
	var rf ruleFlags
	cmd := &cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run every rule's examples: bad ones must fire, good ones must not",
		Long: `Run the examples of rules. With DIR arguments only the rules in those
directories (or files) are tested, without the built-in ones; otherwise the
built-in rules and any --rules directories are tested.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				rf.dirs = append(rf.dirs, args...)
				rf.noBuiltin = true
			}
			l, err := rf.linter()
			if err != nil {
				return err
			}
			fails, stats := l.RunExamples()
			out := cmd.OutOrStdout()
			for _, f := range fails {
				_, _ = fmt.Fprintln(out, "FAIL", f.String())
			}
			_, _ = fmt.Fprintf(out, "%d rules, %d bad and %d good examples: %d passed, %d failed\n",
				stats.Rules, stats.Bad, stats.Good, stats.Bad+stats.Good-len(fails), len(fails))
			if len(fails) > 0 {
				return &exitCodeError{code: exitFailed}
			}
			return nil
		},
	}
	rf.register(cmd)
	return cmd
}

func newExplainCmd() *cobra.Command {
	var rf ruleFlags
	cmd := &cobra.Command{
		Use:   "explain RULE-ID",
		Short: "Explain a rule: why it exists, its source, examples and suggested rewrite",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := rf.linter()
			if err != nil {
				return err
			}
			r := l.Rule(args[0])
			if r == nil {
				return &exitCodeError{code: exitError, err: fmt.Errorf("unknown rule %q (see 'replylint rules list')", args[0])}
			}
			if err := report.Explain(cmd.OutOrStdout(), r); err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			return nil
		},
	}
	rf.register(cmd)
	return cmd
}

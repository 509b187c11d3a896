package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/replylint/replylint/lint/eval"
	"github.com/replylint/replylint/lint/finding"
)

func newEvalCmd() *cobra.Command {
	var rf ruleFlags
	var format string
	var rules []string
	var minSeverity string
	var byLanguage bool
	cmd := &cobra.Command{
		Use:   "eval DIR",
		Short: "Measure precision and recall of rules on a labelled corpus",
		Long: `Lint every message of a labelled corpus (DIR/labels.tsv with columns file,
channel, kind, expected, unsure, note; messages in DIR/messages or DIR) and
print, per rule, true and false positives, false negatives, precision and
recall, then the misses and false alarms by file.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := rf.linter()
			if err != nil {
				return err
			}
			if len(rules) == 0 {
				rules = eval.ScoredRules()
			}
			sev, err := finding.ParseSeverity(minSeverity)
			if err != nil || sev == finding.Off {
				return &exitCodeError{code: exitError, err: fmt.Errorf("--min-severity: want error, warning or info")}
			}
			rep, err := eval.Run(l, args[0], rules, sev)
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			switch format {
			case "json":
				err = rep.WriteJSON(cmd.OutOrStdout())
			case "text":
				err = rep.WriteText(cmd.OutOrStdout())
				if err == nil && byLanguage {
					err = rep.WriteLanguages(cmd.OutOrStdout())
				}
			default:
				return &exitCodeError{code: exitError, err: fmt.Errorf("--format: unknown format %q (want text or json)", format)}
			}
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.Flags().StringSliceVar(&rules, "rule", nil, "rules to score (default: the corpus format's scored rules)")
	cmd.Flags().StringVar(&minSeverity, "min-severity", "warning", "lowest severity that counts as reporting a rule")
	cmd.Flags().BoolVar(&byLanguage, "by-language", false, "also print precision/recall per detected language")
	rf.register(cmd)
	return cmd
}

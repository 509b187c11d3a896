package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/finding"
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
	var channelName string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the loaded rules: ID, kind, severity per channel, languages",
		Long: `List the loaded rules. With --channel, list the channel's policy pack
instead: the policy pages it follows with the date each was last checked, and
each rule's severity on the channel with the page behind it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if channelName != "" {
				ch, err := rule.ParseChannel(channelName)
				if err != nil {
					return usageError("--channel", err)
				}
				l, err := rf.linter()
				if err != nil {
					return err
				}
				return writeChannelPack(cmd.OutOrStdout(), l, ch)
			}
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
	cmd.Flags().StringVar(&channelName, "channel", "", "show one channel's policy pack: its sources, dates and rules")
	return cmd
}

// writeChannelPack prints a channel's policy pack: the profile's sources
// and dates, then every rule that is on for the channel with its source.
func writeChannelPack(w io.Writer, l *lint.Linter, ch rule.Channel) error {
	p := func(format string, args ...any) { _, _ = fmt.Fprintf(w, format, args...) }
	if prof := l.Profile(ch); prof != nil {
		p("%s (%s), sources checked %s\n", prof.Name, ch, prof.Checked)
		for _, s := range prof.Sources {
			p("  - %s\n    %s (checked %s)\n", s.Title, s.URL, prof.CheckedOn(s))
			if len(s.Rules) > 0 {
				p("    rules: %s\n", strings.Join(s.Rules, ", "))
			}
		}
		if n := strings.TrimSpace(prof.Notes); n != "" {
			p("\n%s\n", report.IndentLines(n))
		}
		p("\n")
	} else {
		p("%s: no channel profile loaded\n\n", ch)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	_, _ = fmt.Fprintln(tw, "ID\tSEVERITY\tCHECKED\tSOURCE")
	for _, r := range l.Rules() {
		sev := r.SeverityOn(ch)
		if sev == finding.Off {
			continue
		}
		src, checked := r.SourceOn(ch)
		if src == "" {
			src = "-"
		}
		if checked == "" {
			checked = "-"
		}
		_, _ = fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, sev, checked, report.OneLine(src))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("rules list: %w", err)
	}
	return nil
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
			writePolicyPacks(cmd.OutOrStdout(), l, r)
			return nil
		},
	}
	rf.register(cmd)
	return cmd
}

// writePolicyPacks lists the channel profiles that cite a rule, with the
// date each page was last checked.
func writePolicyPacks(w io.Writer, l *lint.Linter, r *rule.Rule) {
	first := true
	for _, ch := range rule.Channels() {
		prof := l.Profile(ch)
		if prof == nil {
			continue
		}
		for _, s := range prof.SourcesFor(r.ID) {
			if first {
				_, _ = fmt.Fprintf(w, "\nPolicy packs:\n")
				first = false
			}
			_, _ = fmt.Fprintf(w, "  %s: %s, %s (checked %s)\n", ch, s.Title, s.URL, prof.CheckedOn(s))
		}
	}
}

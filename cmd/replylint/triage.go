package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/triage"
)

type triageFlags struct {
	format, now, channel, language, signals, labels string
	deadlines, weights                              []string
	skeleton                                        bool
	top                                             int
}

func newTriageCmd() *cobra.Command {
	var f triageFlags
	cmd := &cobra.Command{
		Use:   "triage INBOX...",
		Short: "Rank buyer messages by risk and reply deadline",
		Long: `Read buyer messages (.txt, .eml with its Date header, .md with front matter,
.json and .jsonl exports with id, channel, received, text and optional
orderValue and repeatBuyer; directories are walked) and list them by
priority: risk signals found by the signal rules (a-to-z-claim, chargeback,
negative-review, not-received, late, damaged, wrong-item, safety, legal,
return-refund, cancellation, question), the channel's weight and the time
left to the channel's reply deadline. --reply-skeleton adds a four-step
reply outline in the buyer's language. See docs/triage.md.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runTriage(cmd, args, &f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "text", "output format: text, json, csv or markdown")
	fl.StringVar(&f.now, "now", "", "the time to count deadlines from (RFC 3339; default: the current time)")
	fl.StringVar(&f.channel, "channel", "amazon", "channel of messages whose input does not name one")
	fl.StringVar(&f.language, "language", "", "force the language of every message (default: detected)")
	fl.StringVar(&f.signals, "signals", "", "directory of signal rules to use instead of the built-in ones")
	fl.StringArrayVar(&f.deadlines, "deadline", nil, "reply deadline of a channel, e.g. shopify=24h or ebay=3d (repeatable)")
	fl.StringArrayVar(&f.weights, "weight", nil, "risk weight of a channel, e.g. shopify=0.6 (repeatable)")
	fl.BoolVar(&f.skeleton, "reply-skeleton", false, "add a four-step reply outline per message in the buyer's language")
	fl.IntVar(&f.top, "top", 0, "list only the first N messages (0: all)")
	fl.StringVar(&f.labels, "labels", "", "measure instead of listing: labels file (id, signals, priority 1-5) to compare with")
	return cmd
}

func (f *triageFlags) config() (triage.Config, error) {
	cfg := triage.Config{Channels: map[rule.Channel]triage.ChannelPolicy{}, Language: f.language}
	ch, err := triage.ParseChannel(f.channel)
	if err != nil {
		return cfg, usageError("--channel", err)
	}
	cfg.DefaultChannel = ch
	for _, s := range f.deadlines {
		c, v, err := triage.ParseChannelSetting(s)
		if err == nil {
			var d time.Duration
			if d, err = triage.ParseDeadline(v); err == nil {
				p := cfg.Channels[c]
				p.Deadline = d
				cfg.Channels[c] = p
			}
		}
		if err != nil {
			return cfg, usageError("--deadline", err)
		}
	}
	for _, s := range f.weights {
		c, v, err := triage.ParseChannelSetting(s)
		if err == nil {
			var w float64
			if w, err = strconv.ParseFloat(v, 64); err == nil && (w <= 0 || w > 10) {
				err = fmt.Errorf("weight %q: want a number above 0 and at most 10", v)
			}
			p := cfg.Channels[c]
			p.Weight = w
			cfg.Channels[c] = p
		}
		if err != nil {
			return cfg, usageError("--weight", err)
		}
	}
	if f.signals != "" {
		sigs, err := triage.LoadSignals(os.DirFS(f.signals), ".", f.signals)
		if err != nil {
			return cfg, &exitCodeError{code: exitError, err: err}
		}
		cfg.Signals = sigs
	}
	return cfg, nil
}

func runTriage(cmd *cobra.Command, args []string, f *triageFlags) error {
	format, err := triage.ParseFormat(f.format)
	if err != nil {
		return usageError("--format", err)
	}
	if f.top < 0 {
		return usageError("--top", fmt.Errorf("want 0 or more"))
	}
	now := time.Now().UTC()
	if f.now != "" {
		if now, err = triage.ParseTime(f.now); err != nil {
			return usageError("--now", err)
		}
	}
	cfg, err := f.config()
	if err != nil {
		return err
	}
	tr, err := triage.New(cfg)
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	msgs, err := triage.ReadPaths(args)
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	results := tr.Triage(msgs, now)
	if f.labels != "" {
		return evalTriage(cmd, f.labels, format, results)
	}
	if f.top > 0 && len(results) > f.top {
		results = results[:f.top]
	}
	var skeletons map[string]string
	if f.skeleton {
		skeletons = make(map[string]string, len(results))
		for _, r := range results {
			skeletons[r.ID] = tr.Skeleton(r)
		}
	}
	if err := triage.Write(cmd.OutOrStdout(), format, results, skeletons); err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	return nil
}

func evalTriage(cmd *cobra.Command, path string, format triage.Format, results []triage.Result) error {
	fh, err := os.Open(path)
	if err != nil {
		return &exitCodeError{code: exitError, err: fmt.Errorf("--labels: %w", err)}
	}
	defer func() { _ = fh.Close() }()
	labels, err := triage.ReadLabels(path, fh)
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	ev, err := triage.Evaluate(results, labels)
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	switch format {
	case triage.JSON:
		enc := json.NewEncoder(cmd.OutOrStdout())
		enc.SetIndent("", "  ")
		err = enc.Encode(ev)
	case triage.Text:
		err = ev.WriteText(cmd.OutOrStdout())
	default:
		return usageError("--format", fmt.Errorf("with --labels: text or json"))
	}
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	return nil
}

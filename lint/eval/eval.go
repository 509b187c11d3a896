// Package eval measures rules against a labelled corpus: a labels.tsv file
// (file, channel, kind, expected, unsure, note) beside the message files.
// Scoring is per file and per rule: a rule reported anywhere in a file counts
// as reported for that file; (file, rule) pairs marked unsure are left out.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/input"
	"github.com/replylint/replylint/lint/rule"
)

// Label is one row of labels.tsv.
type Label struct {
	File     string
	Channel  rule.Channel
	Kind     string // problem or other
	Expected []string
	Unsure   []string
	Note     string
}

// ReadLabels parses labels.tsv. Errors name the line.
func ReadLabels(path string) ([]Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("labels: %w", err)
	}
	defer func() { _ = f.Close() }()
	var out []Label
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	var cols map[string]int
	for sc.Scan() {
		line++
		row := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if line == 1 {
			cols = map[string]int{}
			for i, c := range row {
				cols[strings.TrimSpace(c)] = i
			}
			for _, need := range []string{"file", "expected"} {
				if _, ok := cols[need]; !ok {
					return nil, fmt.Errorf("%s:1: header lacks the %q column", path, need)
				}
			}
			continue
		}
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		get := func(name string) string {
			if i, ok := cols[name]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		l := Label{File: get("file"), Kind: get("kind"), Note: get("note"), Channel: rule.Amazon}
		if ch := get("channel"); ch != "" {
			c, err := rule.ParseChannel(ch)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, line, err)
			}
			l.Channel = c
		}
		l.Expected = splitList(get("expected"))
		l.Unsure = splitList(get("unsure"))
		if l.File == "" {
			return nil, fmt.Errorf("%s:%d: empty file name", path, line)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("labels: %w", err)
	}
	return out, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// RuleScore is the confusion count of one rule.
type RuleScore struct {
	Rule           string   `json:"rule"`
	TruePositives  int      `json:"truePositives"`
	FalsePositives int      `json:"falsePositives"`
	FalseNegatives int      `json:"falseNegatives"`
	Precision      float64  `json:"precision"`
	Recall         float64  `json:"recall"`
	Misses         []string `json:"misses"`
	FalseAlarms    []string `json:"falseAlarms"`
}

// Report is the outcome of an evaluation.
type Report struct {
	Files int         `json:"files"`
	Rules []RuleScore `json:"rules"`
	// ByLanguage scores the same rules on the messages of each detected
	// language.
	ByLanguage map[string][]RuleScore `json:"byLanguage"`
	// FilesByLanguage counts the messages of each detected language.
	FilesByLanguage map[string]int `json:"filesByLanguage"`
}

// ScoredRules are the rules the corpus format scores (LABELING.md).
func ScoredRules() []string {
	return []string{"external-link", "contact-info", "review-manipulation", "review-incentive",
		"promotion", "apology", "ownership", "solution", "choice-question", "blame"}
}

// Run lints every labelled message of dir and scores the given rules.
// Labels of kind "problem" are linted as complaint replies, others as plain
// replies, so the rules are measured rather than kind detection; messages
// are linted as templates (placeholders allowed).
//
// A rule counts as reported when it has a finding at minSeverity or above:
// info findings are advice (an apology that comes late is still an apology),
// not the violation a label names.
func Run(l *lint.Linter, dir string, rules []string, minSeverity finding.Severity) (*Report, error) {
	labels, err := ReadLabels(filepath.Join(dir, "labels.tsv"))
	if err != nil {
		return nil, err
	}
	msgDir := filepath.Join(dir, "messages")
	if _, err := os.Stat(msgDir); err != nil {
		msgDir = dir
	}
	inputs := make([]lint.Input, len(labels))
	for i, lb := range labels {
		text, err := input.Read(filepath.Join(msgDir, lb.File), 0)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", lb.File, err)
		}
		kind := rule.Reply
		if lb.Kind == "problem" {
			kind = rule.ComplaintReply
		}
		inputs[i] = lint.Input{Text: text, Options: lint.Options{Channel: lb.Channel, Kind: kind, Mode: rule.Template}}
	}
	results := l.LintAll(inputs)
	all := make([]int, len(labels))
	byLang := map[string][]int{}
	for i := range labels {
		all[i] = i
		code := results[i].Language
		if code == "" {
			code = "unknown"
		}
		byLang[code] = append(byLang[code], i)
	}
	rep := &Report{Files: len(labels), Rules: score(labels, results, rules, all, minSeverity),
		ByLanguage: map[string][]RuleScore{}, FilesByLanguage: map[string]int{}}
	for code, idx := range byLang {
		rep.ByLanguage[code] = score(labels, results, rules, idx, minSeverity)
		rep.FilesByLanguage[code] = len(idx)
	}
	return rep, nil
}

// score computes the confusion counts of rules over the messages idx.
func score(labels []Label, results []*lint.Result, rules []string, idx []int, minSeverity finding.Severity) []RuleScore {
	scores := make([]RuleScore, len(rules))
	for ri, id := range rules {
		s := RuleScore{Rule: id, Misses: []string{}, FalseAlarms: []string{}}
		for _, i := range idx {
			lb := labels[i]
			if slices.Contains(lb.Unsure, id) {
				continue
			}
			want := slices.Contains(lb.Expected, id)
			got := slices.ContainsFunc(results[i].Findings, func(f finding.Finding) bool { return f.Rule == id && f.Severity >= minSeverity })
			switch {
			case want && got:
				s.TruePositives++
			case want:
				s.FalseNegatives++
				s.Misses = append(s.Misses, lb.File)
			case got:
				s.FalsePositives++
				s.FalseAlarms = append(s.FalseAlarms, lb.File)
			}
		}
		s.Precision = ratio(s.TruePositives, s.TruePositives+s.FalsePositives)
		s.Recall = ratio(s.TruePositives, s.TruePositives+s.FalseNegatives)
		scores[ri] = s
	}
	sort.SliceStable(scores, func(i, j int) bool { return scores[i].Rule < scores[j].Rule })
	return scores
}

// ratio is 1 when there is nothing to get wrong.
func ratio(num, den int) float64 {
	if den == 0 {
		return 1
	}
	return float64(num) / float64(den)
}

// WriteText prints the table and the misses and false alarms.
func (r *Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	_, _ = fmt.Fprintln(tw, "rule\tTP\tFP\tFN\tprecision\trecall\t")
	for _, s := range r.Rules {
		_, _ = fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.2f\t%.2f\t\n", s.Rule, s.TruePositives, s.FalsePositives, s.FalseNegatives, s.Precision, s.Recall)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("writing table: %w", err)
	}
	for _, s := range r.Rules {
		if len(s.Misses) > 0 {
			_, _ = fmt.Fprintf(w, "%s missed: %s\n", s.Rule, strings.Join(s.Misses, " "))
		}
		if len(s.FalseAlarms) > 0 {
			_, _ = fmt.Fprintf(w, "%s false alarms: %s\n", s.Rule, strings.Join(s.FalseAlarms, " "))
		}
	}
	if _, err := fmt.Fprintf(w, "%d files\n", r.Files); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

// WriteLanguages prints precision and recall of each rule per language.
func (r *Report) WriteLanguages(w io.Writer) error {
	codes := make([]string, 0, len(r.ByLanguage))
	for c := range r.ByLanguage {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	_, _ = fmt.Fprint(tw, "rule\t")
	for _, c := range codes {
		_, _ = fmt.Fprintf(tw, "%s (%d)\t", c, r.FilesByLanguage[c])
	}
	_, _ = fmt.Fprintln(tw)
	for i, s := range r.Rules {
		_, _ = fmt.Fprintf(tw, "%s\t", s.Rule)
		for _, c := range codes {
			ls := r.ByLanguage[c][i]
			_, _ = fmt.Fprintf(tw, "%.2f/%.2f\t", ls.Precision, ls.Recall)
		}
		_, _ = fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("writing table: %w", err)
	}
	_, err := fmt.Fprintln(w, "(precision/recall per detected language)")
	if err != nil {
		return fmt.Errorf("writing table: %w", err)
	}
	return nil
}

// WriteJSON prints the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("writing report: %w", err)
	}
	return nil
}

package triage

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Label is the expected triage of one message: its signals and a priority
// from 1 (can wait) to 5 (answer first), as a person triaging would set it.
type Label struct {
	Signals  []string
	Priority int
	Line     int
}

// ReadLabels reads a labels file: lines "id<TAB>signals<TAB>priority",
// signals comma-separated (empty for none); '#' starts a comment line.
func ReadLabels(name string, r io.Reader) (map[string]Label, error) {
	out := map[string]Label{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	known := SignalIDs()
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, &InputError{File: name, Line: n, Col: 1, Msg: fmt.Sprintf("want 3 tab-separated columns (id, signals, priority), got %d", len(f))}
		}
		id := strings.TrimSpace(f[0])
		if _, dup := out[id]; dup {
			return nil, &InputError{File: name, Line: n, Col: 1, Msg: fmt.Sprintf("id %q is labelled twice", id)}
		}
		l := Label{Line: n, Signals: []string{}}
		for _, s := range strings.Split(f[1], ",") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			if !slices.Contains(known, s) {
				return nil, &InputError{File: name, Line: n, Col: len(f[0]) + 2, Msg: fmt.Sprintf("unknown signal %q", s)}
			}
			l.Signals = append(l.Signals, s)
		}
		p, err := strconv.Atoi(strings.TrimSpace(f[2]))
		if err != nil || p < 1 || p > 5 {
			return nil, &InputError{File: name, Line: n, Col: len(f[0]) + len(f[1]) + 3, Msg: "priority must be 1 to 5"}
		}
		l.Priority = p
		out[id] = l
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return out, nil
}

// SignalScore counts one signal's detections against the labels.
type SignalScore struct {
	Signal    string  `json:"signal"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
}

// Miss is one disagreement between triage and a label.
type Miss struct {
	ID     string `json:"id"`
	Signal string `json:"signal"`
	// Kind is "missed" (labelled, not found) or "false" (found, not
	// labelled).
	Kind string `json:"kind"`
}

// Evaluation is triage measured against labels.
type Evaluation struct {
	Messages int           `json:"messages"`
	Signals  []SignalScore `json:"signals"`
	// Micro is every signal pooled.
	Micro SignalScore `json:"micro"`
	// Spearman is the rank correlation between the triage priority and
	// the labelled priority (ties get their average rank).
	Spearman float64 `json:"spearman"`
	// ByLanguage is the Spearman correlation and pooled signal score per
	// language.
	ByLanguage map[string]LanguageScore `json:"byLanguage"`
	Misses     []Miss                   `json:"misses"`
}

// LanguageScore is the measurement of one language.
type LanguageScore struct {
	Messages int         `json:"messages"`
	Micro    SignalScore `json:"micro"`
	Spearman float64     `json:"spearman"`
}

// Evaluate compares results with labels. Every result must be labelled
// and every label must name a result: a silent gap would skew the numbers.
func Evaluate(results []Result, labels map[string]Label) (*Evaluation, error) {
	seen := map[string]bool{}
	for _, r := range results {
		if _, ok := labels[r.ID]; !ok {
			return nil, fmt.Errorf("message %s (%s) has no label", r.ID, r.Source)
		}
		seen[r.ID] = true
	}
	for id, l := range labels {
		if !seen[id] {
			return nil, fmt.Errorf("label line %d: no message %q in the inbox", l.Line, id)
		}
	}
	ev := &Evaluation{Messages: len(results), ByLanguage: map[string]LanguageScore{}}
	counts := map[string]*SignalScore{}
	for _, id := range SignalIDs() {
		counts[id] = &SignalScore{Signal: id}
	}
	byLang := map[string][]Result{}
	langCounts := map[string]*SignalScore{}
	for _, r := range results {
		byLang[r.Language] = append(byLang[r.Language], r)
		lc := langCounts[r.Language]
		if lc == nil {
			lc = &SignalScore{Signal: "all"}
			langCounts[r.Language] = lc
		}
		want := labels[r.ID].Signals
		for _, id := range SignalIDs() {
			got, exp := slices.Contains(r.Signals, id), slices.Contains(want, id)
			c := counts[id]
			switch {
			case got && exp:
				c.TP++
				lc.TP++
			case got:
				c.FP++
				lc.FP++
				ev.Misses = append(ev.Misses, Miss{ID: r.ID, Signal: id, Kind: "false"})
			case exp:
				c.FN++
				lc.FN++
				ev.Misses = append(ev.Misses, Miss{ID: r.ID, Signal: id, Kind: "missed"})
			}
		}
	}
	ev.Micro = SignalScore{Signal: "all"}
	for _, id := range SignalIDs() {
		c := counts[id]
		c.finish()
		ev.Signals = append(ev.Signals, *c)
		ev.Micro.TP += c.TP
		ev.Micro.FP += c.FP
		ev.Micro.FN += c.FN
	}
	ev.Micro.finish()
	ev.Spearman = spearmanOf(results, labels)
	for code, rs := range byLang {
		lc := langCounts[code]
		lc.finish()
		ev.ByLanguage[code] = LanguageScore{Messages: len(rs), Micro: *lc, Spearman: spearmanOf(rs, labels)}
	}
	sort.Slice(ev.Misses, func(i, j int) bool {
		if ev.Misses[i].ID != ev.Misses[j].ID {
			return ev.Misses[i].ID < ev.Misses[j].ID
		}
		return ev.Misses[i].Signal < ev.Misses[j].Signal
	})
	return ev, nil
}

func (s *SignalScore) finish() {
	s.Precision, s.Recall = 1, 1
	if s.TP+s.FP > 0 {
		s.Precision = round3(float64(s.TP) / float64(s.TP+s.FP))
	}
	if s.TP+s.FN > 0 {
		s.Recall = round3(float64(s.TP) / float64(s.TP+s.FN))
	}
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func spearmanOf(results []Result, labels map[string]Label) float64 {
	a := make([]float64, len(results))
	b := make([]float64, len(results))
	for i, r := range results {
		a[i] = r.Score.Priority
		b[i] = float64(labels[r.ID].Priority)
	}
	return round3(Spearman(a, b))
}

// Spearman returns the rank correlation of two samples: the Pearson
// correlation of their ranks, tied values sharing their average rank.
// It is 0 when either sample is constant or has fewer than two values.
func Spearman(a, b []float64) float64 {
	if len(a) != len(b) || len(a) < 2 {
		return 0
	}
	ra, rb := ranks(a), ranks(b)
	var ma, mb float64
	for i := range ra {
		ma += ra[i]
		mb += rb[i]
	}
	n := float64(len(ra))
	ma, mb = ma/n, mb/n
	var cov, va, vb float64
	for i := range ra {
		da, db := ra[i]-ma, rb[i]-mb
		cov += da * db
		va += da * da
		vb += db * db
	}
	if va == 0 || vb == 0 {
		return 0
	}
	return cov / math.Sqrt(va*vb)
}

// ranks gives each value its 1-based rank in ascending order, ties the
// average of their ranks.
func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return x[idx[i]] < x[idx[j]] })
	out := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			out[idx[k]] = avg
		}
		i = j + 1
	}
	return out
}

// WriteText writes the evaluation as tables.
func (ev *Evaluation) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%d messages\n\nSIGNAL\tTP\tFP\tFN\tPRECISION\tRECALL\n", ev.Messages)
	for _, s := range append(slices.Clone(ev.Signals), ev.Micro) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\n", s.Signal, s.TP, s.FP, s.FN, s.Precision, s.Recall)
	}
	fmt.Fprintf(tw, "\nSpearman rank correlation, triage priority vs labelled priority: %.3f\n\nLANGUAGE\tMESSAGES\tPRECISION\tRECALL\tSPEARMAN\n", ev.Spearman)
	codes := make([]string, 0, len(ev.ByLanguage))
	for c := range ev.ByLanguage {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		l := ev.ByLanguage[c]
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.3f\n", c, l.Messages, l.Micro.Precision, l.Micro.Recall, l.Spearman)
	}
	if len(ev.Misses) > 0 {
		fmt.Fprintln(tw, "\nDISAGREEMENTS")
		for _, m := range ev.Misses {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", m.ID, m.Kind, m.Signal)
		}
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("writing the evaluation: %w", err)
	}
	return nil
}

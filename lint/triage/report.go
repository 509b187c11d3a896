package triage

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// FormatDuration writes a time left as hours and minutes ("5h20m",
// "-3h05m" when overdue), the unit agents think in.
func FormatDuration(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	d = d.Round(time.Minute)
	h := int(d / time.Hour)
	m := int((d % time.Hour) / time.Minute)
	return fmt.Sprintf("%s%dh%02dm", sign, h, m)
}

// signalList writes signals with their first position: "a-to-z-claim@2:5".
func signalList(r Result) string {
	parts := make([]string, 0, len(r.Signals))
	for _, id := range r.Signals {
		for _, h := range r.Hits {
			if h.Signal == id {
				parts = append(parts, fmt.Sprintf("%s@%d:%d", id, h.Line, h.Col))
				break
			}
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}

const timeLayout = "2006-01-02T15:04Z07:00"

// safeCell keeps a cell on one line and free of control characters: IDs
// come from the input and must not break the table, move the terminal's
// cursor, reorder the line (bidi controls) or issue a CI workflow command
// ("##[" anywhere in a line is one on GitHub).
func safeCell(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || invisible(r) {
			return ' '
		}
		return r
	}, s)
	return strings.ReplaceAll(s, "##[", "#\\x23[")
}

// invisible reports format characters that change how a line reads
// without showing: zero-width characters, bidi controls, the BOM.
func invisible(r rune) bool {
	return r >= 0x200b && r <= 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0xfeff
}

// WriteText writes an aligned table, first message first.
func WriteText(w io.Writer, rs []Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RANK\tPRIORITY\tID\tCHANNEL\tLANG\tDEADLINE\tLEFT\tREPLY\tSIGNALS")
	for _, r := range rs {
		left := FormatDuration(r.TimeLeft)
		if r.Overdue {
			left += " overdue"
		}
		fmt.Fprintf(tw, "%d\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Rank, r.Score.Priority, safeCell(r.ID), r.Channel,
			r.Language, r.Deadline.UTC().Format(timeLayout), left, r.Reply, signalList(r))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("writing the triage table: %w", err)
	}
	return nil
}

type jsonResult struct {
	Result
	TimeLeft        string  `json:"timeLeft"`
	TimeLeftSeconds float64 `json:"timeLeftSeconds"`
	Skeleton        string  `json:"skeleton,omitempty"`
}

// WriteJSON writes {"messages": [...]} with every field of each result;
// skeletons (may be nil) are added by message ID.
func WriteJSON(w io.Writer, rs []Result, skeletons map[string]string) error {
	out := struct {
		Messages []jsonResult `json:"messages"`
	}{Messages: make([]jsonResult, len(rs))}
	for i, r := range rs {
		out.Messages[i] = jsonResult{Result: r, TimeLeft: FormatDuration(r.TimeLeft),
			TimeLeftSeconds: math.Round(r.TimeLeft.Seconds()), Skeleton: skeletons[r.ID]}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("writing the triage as JSON: %w", err)
	}
	// JSON may be printed into a CI log: "##[" can only be inside a
	// string here, where the escape decodes to the same text.
	// Bidi controls and other invisible format characters are written as
	// escapes too, so that a terminal shows the JSON in its true order.
	b := bytes.ReplaceAll(buf.Bytes(), []byte("##["), []byte(`#\u0023[`))
	var esc bytes.Buffer
	for _, r := range string(b) {
		if invisible(r) {
			fmt.Fprintf(&esc, `\u%04x`, r)
			continue
		}
		esc.WriteRune(r)
	}
	if _, err := w.Write(esc.Bytes()); err != nil {
		return fmt.Errorf("writing the triage as JSON: %w", err)
	}
	return nil
}

// WriteCSV writes one row per message; signals are "id@line:col" joined
// by spaces.
func WriteCSV(w io.Writer, rs []Result) error { return writeCSV(w, rs, nil) }

func writeCSV(w io.Writer, rs []Result, skeletons map[string]string) error {
	cw := csv.NewWriter(w)
	head := []string{"rank", "priority", "id", "channel", "language", "received", "deadline", "time_left_hours", "overdue", "reply", "signals", "risk", "weight", "urgency", "value", "source"}
	if skeletons != nil {
		head = append(head, "skeleton")
	}
	_ = cw.Write(head)
	for _, r := range rs {
		row := []string{strconv.Itoa(r.Rank), fmt.Sprintf("%.1f", r.Score.Priority), csvSafe(r.ID), string(r.Channel), r.Language,
			r.Received.UTC().Format(time.RFC3339), r.Deadline.UTC().Format(time.RFC3339), fmt.Sprintf("%.2f", r.TimeLeft.Hours()),
			strconv.FormatBool(r.Overdue), string(r.Reply), signalList(r), fmt.Sprintf("%.1f", r.Score.Risk),
			fmt.Sprintf("%.2f", r.Score.Weight), fmt.Sprintf("%.2f", r.Score.Urgency), fmt.Sprintf("%.1f", r.Score.Value), csvSafe(r.Source)}
		if skeletons != nil {
			row = append(row, skeletons[r.ID])
		}
		_ = cw.Write(row)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing the triage as CSV: %w", err)
	}
	return nil
}

// csvSafe defuses cells a spreadsheet would run as a formula, on one line.
func csvSafe(s string) string {
	s = safeCell(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// mdCell escapes a Markdown table cell.
func mdCell(s string) string {
	s = safeCell(s)
	return strings.NewReplacer("|", `\|`, "`", "\\`", "<", "&lt;", ">", "&gt;", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`).Replace(s)
}

// WriteMarkdown writes a table and, when skeletons are given, each
// message's reply outline below it.
func WriteMarkdown(w io.Writer, rs []Result, skeletons map[string]string) error {
	var b strings.Builder
	b.WriteString("| # | Priority | ID | Channel | Lang | Deadline | Left | Reply | Signals |\n")
	b.WriteString("|---:|---:|---|---|---|---|---:|---|---|\n")
	for _, r := range rs {
		left := FormatDuration(r.TimeLeft)
		if r.Overdue {
			left = "**" + left + " overdue**"
		}
		fmt.Fprintf(&b, "| %d | %.1f | %s | %s | %s | %s | %s | %s | %s |\n", r.Rank, r.Score.Priority, mdCell(r.ID), r.Channel, r.Language,
			r.Deadline.UTC().Format(timeLayout), left, r.Reply, mdCell(signalList(r)))
	}
	for _, r := range rs {
		sk, ok := skeletons[r.ID]
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "\n### %d. %s\n\n```text\n%s```\n", r.Rank, mdCell(r.ID), strings.ReplaceAll(sk, "```", "'''"))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the triage as Markdown: %w", err)
	}
	return nil
}

// Format is an output format.
type Format string

// Output formats.
const (
	Text     Format = "text"
	JSON     Format = "json"
	CSV      Format = "csv"
	Markdown Format = "markdown"
)

// ParseFormat reads a format name.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case Text, JSON, CSV, Markdown:
		return f, nil
	case "md":
		return Markdown, nil
	}
	return "", fmt.Errorf("unknown format %q (want text, json, csv or markdown)", s)
}

// Write writes results in a format. skeletons (by message ID, may be nil)
// are the reply outlines to include: after the table in text and
// Markdown, as a field in JSON, as a column in CSV.
func Write(w io.Writer, f Format, rs []Result, skeletons map[string]string) error {
	switch f {
	case JSON:
		return WriteJSON(w, rs, skeletons)
	case CSV:
		return writeCSV(w, rs, skeletons)
	case Markdown:
		return WriteMarkdown(w, rs, skeletons)
	}
	if err := WriteText(w, rs); err != nil {
		return err
	}
	for _, r := range rs {
		sk, ok := skeletons[r.ID]
		if !ok {
			continue
		}
		if _, err := fmt.Fprintf(w, "\n== %d. %s (%s, %s)\n%s", r.Rank, safeCell(r.ID), r.Language, r.Reply, sk); err != nil {
			return fmt.Errorf("writing a reply skeleton: %w", err)
		}
	}
	return nil
}

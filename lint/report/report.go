// Package report writes lint results in the formats users and tools read:
// text for people, JSON for programs, SARIF for code scanning and GitHub
// workflow annotations. Every writer is deterministic: same input, same bytes.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/finding"
)

// Format names an output format.
type Format string

// The formats.
const (
	Text   Format = "text"
	JSON   Format = "json"
	SARIF  Format = "sarif"
	GitHub Format = "github"
	// Markdown is a summary for a pull-request comment or a job summary.
	Markdown Format = "markdown"
)

// ParseFormat validates a format name.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Text, JSON, SARIF, GitHub, Markdown:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want text, json, sarif, github or markdown)", s)
}

// File is one linted input.
type File struct {
	// Path is the path as given by the user ("-" or "<stdin>" for stdin).
	Path string
	// Source is the text that was linted (for source lines in text output).
	Source string
	Result *lint.Result
	// MinScore is the score each message of the file must reach (0: no
	// minimum); a file below it fails, and every format says why.
	MinScore int
	// Entries are the templates of a collection with their own scores;
	// empty for a file that is one message.
	Entries []Entry
}

// Entry is one template of a collection file and its score.
type Entry struct {
	Name  string
	Score int
	Grade string
	// Line is the file line where the template's text starts.
	Line int
}

// scoreFailure says why a file fails its minimum score ("" when it does
// not): the file's score, or the entries that score below it.
func (f File) scoreFailure() string {
	if f.Result == nil || f.MinScore <= 0 || f.Result.Score >= f.MinScore {
		return ""
	}
	var low []string
	for _, e := range f.Entries {
		if e.Score < f.MinScore {
			low = append(low, fmt.Sprintf("%q %d", e.Name, e.Score))
		}
	}
	if len(low) > 0 {
		return fmt.Sprintf("score %d/100 is below the minimum score %d (entries below it: %s)", f.Result.Score, f.MinScore, strings.Join(low, ", "))
	}
	return fmt.Sprintf("score %d/100 is below the minimum score %d", f.Result.Score, f.MinScore)
}

// minScoreRule names a minimum-score failure where a rule ID is expected
// (a GitHub annotation's title, a SARIF notification).
const minScoreRule = "min-score"

// Summary counts what a run found.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	// InputErrors counts the problems with inputs: paths that could not be
	// read, configured, parsed or rewritten (a missing path, a binary file
	// named on the command line, broken front matter, a failed --fix); the
	// run exits 2 when there is one.
	InputErrors int `json:"inputErrors"`
	// Failed is true when the run does not pass: it exits 1 (a finding at
	// or above the fail level, or a score under the minimum) or 2.
	Failed bool `json:"failed"`
}

// counts is the summary's figures in words: "2 files, 1 error, 0
// warnings, 0 infos", and the input errors when there are any.
func (s Summary) counts() string {
	out := fmt.Sprintf("%s, %s, %s, %s", plural(s.Files, "file", "files"), plural(s.Errors, "error", "errors"),
		plural(s.Warnings, "warning", "warnings"), plural(s.Infos, "info", "infos"))
	if s.InputErrors > 0 {
		out += ", " + plural(s.InputErrors, "input error", "input errors")
	}
	return out
}

// Options tune the writers.
type Options struct {
	// Color enables ANSI colours in text output.
	Color bool
	// Quiet prints only findings (text) and no per-file score lines.
	Quiet bool
	// Linter supplies rule metadata (help text for SARIF).
	Linter *lint.Linter
	// ToolVersion is written into SARIF.
	ToolVersion string
}

// Write writes files in the given format.
func Write(w io.Writer, f Format, files []File, sum Summary, opts Options) error {
	switch f {
	case Text:
		return writeText(w, files, sum, opts)
	case JSON:
		return writeJSON(w, files, sum, opts)
	case SARIF:
		return writeSARIF(w, files, sum, opts)
	case GitHub:
		return writeGitHub(w, files, sum, opts)
	case Markdown:
		return writeMarkdown(w, files, sum, opts)
	}
	return fmt.Errorf("unknown format %q", f)
}

// withEntry is a finding's message with the collection entry it is in.
func withEntry(fd finding.Finding) string {
	if fd.Entry == "" {
		return fd.Message
	}
	return fmt.Sprintf("%s (entry %q)", fd.Message, fd.Entry)
}

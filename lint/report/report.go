// Package report writes lint results in the formats users and tools read:
// text for people, JSON for programs, SARIF for code scanning and GitHub
// workflow annotations. Every writer is deterministic: same input, same bytes.
package report

import (
	"fmt"
	"io"

	"github.com/replylint/replylint/lint"
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
}

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

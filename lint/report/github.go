package report

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/text"
)

// The GitHub format is one workflow command per finding, plus an ::error
// on the file's first line (title min-score) for a file below its minimum
// score, and nothing else
// (no summary line: the exit status says whether the run failed, and a
// notice per run would add an annotation to every clean pull request):
//
//	::error file=replies/a.txt,line=3,col=8,endLine=3,endColumn=20,title=review-manipulation::Review manipulation: ...
//
// error findings become ::error, warnings ::warning and infos ::notice.
// endColumn is exclusive, as in SARIF. A message read from standard input
// has no file to point at: its annotation has no file, line or column
// properties and the message starts with "<stdin>:line:col: ".
//
// The runner reads commands line by line, so a finding must stay on one
// line: in the message "%", CR and LF are percent-encoded (GitHub decodes
// them back, so a message may still span lines in the UI), and in
// properties ":" and "," are too, so a property cannot end early. Other
// control characters are shown as Go escapes, as in text output.

func writeGitHub(w io.Writer, files []File, sum Summary, opts Options) error {
	var buf bytes.Buffer
	for _, f := range files {
		if f.Result == nil {
			continue
		}
		for _, fd := range f.Result.Findings {
			githubAnnotation(&buf, f.Path, fd)
		}
		if why := f.scoreFailure(); why != "" {
			// A file that fails only its minimum score would otherwise
			// fail the job without a word on it.
			githubAnnotation(&buf, f.Path, finding.Finding{
				Rule: minScoreRule, Severity: finding.Error, Message: why,
				Start: text.Position{Line: 1, Column: 1}, End: text.Position{Line: 1, Column: 1},
			})
		}
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write GitHub annotations: %w", err)
	}
	return nil
}

func githubAnnotation(buf *bytes.Buffer, p string, fd finding.Finding) {
	cmd := "notice"
	switch fd.Severity {
	case finding.Error:
		cmd = "error"
	case finding.Warning:
		cmd = "warning"
	}
	line, col := max(fd.Start.Line, 1), max(fd.Start.Column, 1)
	endLine, endCol := max(fd.End.Line, line), max(fd.End.Column, 1)
	msg := withEntry(fd)
	var props []string
	if isStdin(p) {
		msg = fmt.Sprintf("%s:%d:%d: %s", stdinPath, line, col, msg)
	} else {
		props = append(props,
			"file="+githubProperty(githubPath(p)),
			"line="+strconv.Itoa(line), "col="+strconv.Itoa(col),
			"endLine="+strconv.Itoa(endLine), "endColumn="+strconv.Itoa(endCol))
	}
	props = append(props, "title="+githubProperty(fd.Rule))
	fmt.Fprintf(buf, "::%s %s::%s\n", cmd, strings.Join(props, ","), githubData(msg))
}

// githubPath is a path as GitHub matches it against the repository:
// forward slashes, no "./".
func githubPath(p string) string {
	p = filepath.ToSlash(p)
	if !path.IsAbs(p) {
		p = path.Clean(p)
	}
	return p
}

// githubData escapes a command's message.
func githubData(s string) string { return githubEscape(s, false) }

// githubProperty escapes a property value.
func githubProperty(s string) string { return githubEscape(s, true) }

func githubEscape(s string, property bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '%':
			b.WriteString("%25")
		case r == '\r':
			b.WriteString("%0D")
		case r == '\n':
			b.WriteString("%0A")
		case property && r == ':':
			b.WriteString("%3A")
		case property && r == ',':
			b.WriteString("%2C")
		case r == '\t':
			b.WriteByte('\t')
		default:
			c, _ := escapeAt(s[i:])
			b.WriteString(c.s)
		}
		i += size
	}
	return b.String()
}

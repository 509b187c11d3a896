package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/replylint/replylint/lint/finding"
)

// The Markdown format is a summary for a pull-request comment or a GitHub
// job summary ($GITHUB_STEP_SUMMARY): a heading that says whether the run
// passed, the counts, a table of files, then one table of findings per file
// that has any:
//
//	## replylint: failed
//
//	2 files, 1 error, 0 warnings, 0 infos.
//
//	| File | Score | Grade | Errors | Warnings | Infos |
//	| --- | ---: | :---: | ---: | ---: | ---: |
//	| replies/a.txt | 62 | D | 1 | 0 | 0 |
//	...
//
//	### replies/a.txt
//
//	| Line:Col | Severity | Rule | Message | Suggested fix |
//	| --- | --- | --- | --- | --- |
//	| 3:8 | error | review-request | Asks for a top rating: ... | Delete the sentence. |
//
// Everything that comes from a template, a path or a rule file is escaped
// (mdText) so that it reads as plain text: it cannot end a table cell or
// row, start a code span, emphasis, a link or math, or inject HTML. The
// only HTML in the output is the <br> this writer puts in for line breaks.

func writeMarkdown(w io.Writer, files []File, sum Summary, _ Options) error {
	var b bytes.Buffer
	status := "passed"
	if sum.Failed {
		status = "failed"
	}
	fmt.Fprintf(&b, "## replylint: %s\n\n", status)
	fmt.Fprintf(&b, "%s.\n", sum.counts())

	if len(files) > 0 {
		b.WriteString("\n| File | Score | Grade | Errors | Warnings | Infos |\n| --- | ---: | :---: | ---: | ---: | ---: |\n")
		for _, f := range files {
			r := f.Result
			if r == nil {
				fmt.Fprintf(&b, "| %s | - | - | - | - | - |\n", mdText(displayPath(f.Path)))
				continue
			}
			var n [3]int
			for _, fd := range r.Findings {
				switch fd.Severity {
				case finding.Error:
					n[0]++
				case finding.Warning:
					n[1]++
				case finding.Info:
					n[2]++
				}
			}
			fmt.Fprintf(&b, "| %s | %d | %s | %d | %d | %d |\n", mdText(displayPath(f.Path)), r.Score, mdText(orDash(r.Grade)), n[0], n[1], n[2])
			for _, e := range f.Entries {
				fmt.Fprintf(&b, "| %s › %s | %d | %s | | | |\n", mdText(displayPath(f.Path)), mdText(e.Name), e.Score, mdText(orDash(e.Grade)))
			}
		}
		for _, f := range files {
			if why := f.scoreFailure(); why != "" {
				fmt.Fprintf(&b, "\n**%s**: %s.\n", mdText(displayPath(f.Path)), mdText(why))
			}
		}
	}

	for _, f := range files {
		if f.Result == nil || len(f.Result.Findings) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n\n", mdText(displayPath(f.Path)))
		b.WriteString("| Line:Col | Severity | Rule | Message | Suggested fix |\n| --- | --- | --- | --- | --- |\n")
		for _, fd := range f.Result.Findings {
			fmt.Fprintf(&b, "| %d:%d | %s | %s | %s | %s |\n", max(fd.Start.Line, 1), max(fd.Start.Column, 1),
				fd.Severity, mdText(fd.Rule), mdText(withEntry(fd)), mdFixes(fd.Suggestions))
		}
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write Markdown report: %w", err)
	}
	return nil
}

// mdFixes lists a finding's suggestions in one cell, one per line, safe
// ones marked.
func mdFixes(ss []finding.Suggestion) string {
	parts := make([]string, 0, len(ss))
	for _, s := range ss {
		d := mdText(s.Description)
		if s.Safe {
			d += " (safe)"
		}
		parts = append(parts, d)
	}
	return strings.Join(parts, "<br>")
}

// mdText makes s plain text inside a Markdown table cell or heading.
//
//   - Line breaks (LF, CRLF, CR, NEL, U+2028, U+2029) become <br>: a raw
//     one would end the table row. Tabs become spaces.
//   - Other control characters, bidi controls and invalid bytes are shown
//     as Go escapes, as in text output, so nothing hides or reorders text.
//   - "<", ">" and "&" become entities, so no HTML tag, comment or entity
//     reaches the renderer.
//   - The ASCII punctuation that Markdown gives a meaning inside a line is
//     backslash-escaped: "|" (cell end, which GitHub honours even in code
//     spans), "\", "`" (code spans), "*", "_", "~" (emphasis,
//     strikethrough), "[", "]", "(", ")", "!" (links, images), "$" (math),
//     "#" (heading endings).
//
// @-mentions and bare URLs are left as they are: they show what the
// template says.
func mdText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r' && strings.HasPrefix(s[i:], "\r\n"):
			b.WriteString("<br>")
			size = 2
		case r == '\n' || r == '\r' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteString("<br>")
		case r == '\t':
			b.WriteByte(' ')
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '#':
			// Before escapeAt, which would show the '#' of "##[" as \x23.
			b.WriteString(`\#`)
		default:
			c, n := escapeAt(s[i:])
			size = n
			for _, e := range c.s {
				if strings.ContainsRune("\\`*_~[]()!$#|", e) {
					b.WriteByte('\\')
				}
				b.WriteRune(e)
			}
		}
		i += size
	}
	return b.String()
}

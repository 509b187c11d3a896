package report

import (
	"encoding/json"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// hostilePieces are what random texts, messages, rule IDs and paths are
// made of: line breaks of every kind, terminal and bidi controls, invalid
// UTF-8, wide and combining characters, and the characters that JSON and
// workflow commands treat specially.
var hostilePieces = []string{
	"a", "Z", "word", " ", "  ", "\n", "\r\n", "\r", "\t", "\x00", "\x07", "\x1b[2J", "\x1b]8;;http://x\x07",
	"\x7f", "\u0085", "\u009b", "\u202e", "\u2066", "\u2028", "\u2029", "\u200b", "\ufeff", "\xff", "\xe6\x97",
	"日本", "５", "é", "e\u0301", "😀", "%", "%0A", ",", ":", "::", "::error::x", "::add-mask::y", "=", "\"", "\\",
	"<", ">", "&", "'", "#", "[", "##[", "##[stop-commands]tok", " ::warning ", "##",
}

func randomText(r *rand.Rand, maxPieces int) string {
	var b strings.Builder
	for n := r.IntN(maxPieces + 1); n > 0; n-- {
		b.WriteString(hostilePieces[r.IntN(len(hostilePieces))])
	}
	return b.String()
}

// randomOffset is usually a character boundary but sometimes any byte, as
// a buggy check might report.
func randomOffset(r *rand.Rand, s string) int {
	o := r.IntN(len(s) + 1)
	if r.IntN(4) > 0 {
		for o > 0 && o < len(s) && !utf8.RuneStart(s[o]) {
			o--
		}
	}
	return o
}

func randomFiles(r *rand.Rand) []File {
	var files []File
	for n := r.IntN(4); n > 0; n-- {
		s := randomText(r, 30)
		src := text.NewSource(s)
		var fs []finding.Finding
		for k := r.IntN(5); k > 0; k-- {
			a := randomOffset(r, s)
			b := a + randomOffset(r, s[a:])
			fd := finding.Finding{
				Rule:     randomText(r, 3),
				Severity: finding.Severity(r.IntN(4)),
				Message:  randomText(r, 8),
				Start:    src.Position(a),
				End:      src.Position(b),
				Match:    s[a:b],
			}
			for j := r.IntN(3); j > 0; j-- {
				sg := finding.Suggestion{Description: randomText(r, 5), Safe: r.IntN(2) == 0}
				for e := r.IntN(3); e > 0; e-- {
					x := randomOffset(r, s)
					y := x + randomOffset(r, s[x:])
					sg.Edits = append(sg.Edits, finding.Edit{Start: src.Position(x), End: src.Position(y), NewText: randomText(r, 4)})
				}
				fd.Suggestions = append(fd.Suggestions, sg)
			}
			fs = append(fs, fd)
		}
		path := randomText(r, 4)
		if r.IntN(4) == 0 {
			path = "-"
		}
		files = append(files, File{Path: path, Source: s, Result: result(rule.Amazon, rule.Reply, randomText(r, 1), r.IntN(101), fs...)})
	}
	return files
}

var ansiStyle = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// unsafeForTerminal reports a code point that must never reach a terminal
// from message text.
func unsafeForTerminal(r rune) bool {
	return (r < 0x20 && r != '\n') || r == 0x7f || hiddenRune(r)
}

func TestWritersOnHostileInput(t *testing.T) {
	r := rand.New(rand.NewPCG(20240601, 7))
	for i := 0; i < 400; i++ {
		files := randomFiles(r)
		total := 0
		for _, f := range files {
			total += len(f.Result.Findings)
		}
		sum := Summary{Files: len(files), Failed: r.IntN(2) == 0}

		js := render(t, JSON, files, sum, Options{})
		require.True(t, json.Valid(js), "JSON output does not parse:\n%s", js)
		var jr struct {
			Files []struct {
				Findings []json.RawMessage `json:"findings"`
			} `json:"files"`
		}
		require.NoError(t, json.Unmarshal(js, &jr))
		require.Len(t, jr.Files, len(files))

		sarif := render(t, SARIF, files, sum, Options{ToolVersion: randomText(r, 2)})
		require.True(t, json.Valid(sarif), "SARIF output does not parse:\n%s", sarif)
		doc := parseSARIF(t, sarif)
		require.Len(t, doc.Runs[0].Results, total)
		checkSARIF(t, doc)

		gh := string(render(t, GitHub, files, sum, Options{}))
		checkGitHub(t, gh, total)
		checkNoCommands(t, GitHub, gh)
		checkNoCommands(t, JSON, string(js))
		checkNoCommands(t, SARIF, string(sarif))
		checkNoCommands(t, Markdown, string(render(t, Markdown, files, sum, Options{})))

		for _, color := range []bool{false, true} {
			out := render(t, Text, files, sum, Options{Color: color})
			require.True(t, utf8.Valid(out), "text output is not UTF-8")
			plain := string(out)
			checkNoCommands(t, Text, plain)
			if color {
				plain = ansiStyle.ReplaceAllString(plain, "")
			}
			for _, c := range plain {
				require.False(t, unsafeForTerminal(c), "text output holds %U:\n%q", c, plain)
			}
		}
	}
}

var githubLine = regexp.MustCompile(`^::(error|warning|notice) ([^:]*)::(.*)$`)

func checkGitHub(t *testing.T, out string, findings int) {
	t.Helper()
	require.NotContains(t, out, "\r")
	if findings == 0 {
		require.Empty(t, out)
		return
	}
	require.True(t, strings.HasSuffix(out, "\n"))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, findings, "one line per annotation")
	for _, l := range lines {
		m := githubLine.FindStringSubmatch(l)
		require.NotNil(t, m, "not one workflow command: %q", l)
		for _, prop := range strings.Split(m[2], ",") {
			k, _, ok := strings.Cut(prop, "=")
			require.True(t, ok, "property %q in %q", prop, l)
			assert.Contains(t, []string{"file", "line", "col", "endLine", "endColumn", "title"}, k)
		}
		for _, c := range m[3] {
			require.False(t, c != '\t' && unsafeForTerminal(c), "annotation holds %U: %q", c, l)
		}
	}
}

// FuzzWriters runs the same properties on inputs found by go test -fuzz.
func FuzzWriters(f *testing.F) {
	f.Add("Hi\r\nSO SORRY\x1b[2J", "msg\n::error::x%", "rule,id:x", "a b,c.txt", 3, 9)
	f.Add("", "", "", "-", 0, 0)
	f.Fuzz(func(t *testing.T, src, msg, id, path string, a, b int) {
		s := text.NewSource(src)
		a, b = clampOffset(a, len(src)), clampOffset(b, len(src))
		if a > b {
			a, b = b, a
		}
		fd := finding.Finding{Rule: id, Severity: finding.Warning, Message: msg, Start: s.Position(a), End: s.Position(b), Match: src[a:b],
			Suggestions: []finding.Suggestion{{Description: msg, Edits: []finding.Edit{{Start: s.Position(a), End: s.Position(b), NewText: msg}}}}}
		files := []File{{Path: path, Source: src, Result: result(rule.Amazon, rule.Reply, "en", 50, fd)}}
		require.True(t, json.Valid(render(t, JSON, files, Summary{}, Options{})))
		require.True(t, json.Valid(render(t, SARIF, files, Summary{}, Options{})))
		checkGitHub(t, string(render(t, GitHub, files, Summary{}, Options{})), 1)
		txt := string(render(t, Text, files, Summary{}, Options{}))
		for _, c := range txt {
			require.False(t, unsafeForTerminal(c), "text output holds %U", c)
		}
		checkNoCommands(t, Text, txt)
		for _, f := range []Format{JSON, SARIF, GitHub, Markdown} {
			checkNoCommands(t, f, string(render(t, f, files, Summary{}, Options{})))
		}
		checkNoCommands(t, "stderr", SafeLines(path+": "+msg))
	})
}

// checkNoCommands asserts that output cannot issue a GitHub workflow
// command from its input: no "##[" anywhere (the runner reads the legacy
// form anywhere in a line), and no line that starts with "::" (after
// white space) except the annotations the GitHub format writes, whose
// properties hold no ':' at all.
func checkNoCommands(t *testing.T, f Format, out string) {
	t.Helper()
	require.NotContains(t, out, "##[", "%s output holds ##[:\n%s", f, out)
	for _, l := range strings.Split(out, "\n") {
		if f == GitHub {
			if l != "" {
				require.Regexp(t, githubLine, l)
			}
			continue
		}
		require.False(t, strings.HasPrefix(strings.TrimLeft(l, " \t"), "::"), "%s output line starts with '::': %q", f, l)
	}
}

// TestNoWorkflowCommandsFromHostileNames runs file names and texts made to
// issue workflow commands through every format and through SafeLines (the
// command line's standard error).
func TestNoWorkflowCommandsFromHostileNames(t *testing.T) {
	hostile := []string{
		"x\n::error title=forged::forged",
		"##[stop-commands]tok.txt",
		"::warning file=a.txt::x",
		"  ::error::indented",
		"\t::notice::tab",
		"###[x]",
		"a##[b##[c",
		"\x1b[2J\x1b]8;;http://x\x07::error::esc",
		"\r::error::cr",
		"\u2028::error::ls",
		"e\u0301##[x",
	}
	for _, h := range hostile {
		t.Run(h, func(t *testing.T) {
			src := h + "\n" + h + " please leave a review\n"
			s := text.NewSource(src)
			fd := finding.Finding{Rule: "review-manipulation", Severity: finding.Error, Message: "msg " + h,
				Start: s.Position(len(h) + 1), End: s.Position(len(src) - 1), Match: src[len(h)+1 : len(src)-1],
				Suggestions: []finding.Suggestion{{Description: h, Edits: []finding.Edit{{Start: s.Position(0), End: s.Position(len(h)), NewText: h}}}}}
			files := []File{{Path: h, Source: src, Result: result(rule.Amazon, rule.Reply, "en", 50, fd)}}
			for _, f := range []Format{Text, JSON, SARIF, GitHub, Markdown} {
				out := string(render(t, f, files, Summary{Files: 1}, Options{}))
				checkNoCommands(t, f, out)
				if f == GitHub {
					require.Equal(t, 1, strings.Count(out, "\n"), "one annotation line:\n%s", out)
					_, props, _ := strings.Cut(strings.TrimPrefix(out, "::error "), "::")
					assert.NotContains(t, props, "\x1b", "file= and title= are escaped")
				}
			}
			out := SafeLines("replylint: " + h + ": no such file or directory\n" + h + "\n")
			checkNoCommands(t, "stderr", out)
			for _, c := range strings.ReplaceAll(out, "\n", "") {
				require.False(t, unsafeForTerminal(c), "stderr holds %U: %q", c, out)
			}
		})
	}
}

package report

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
)

func TestMarkdownGolden(t *testing.T) {
	files, sum := fixtures(t)
	got := render(t, Markdown, files, sum, Options{})
	path := filepath.Join("testdata", "markdown.golden")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./lint/report/ -update to create it")
	assert.Equal(t, string(want), string(got))

	again := render(t, Markdown, files, sum, Options{})
	assert.Equal(t, got, again, "deterministic")
	assert.ErrorIs(t, Write(failingWriter{}, Markdown, files, sum, Options{}), errDiskFull)
}

func TestMarkdownParseFormat(t *testing.T) {
	f, err := ParseFormat("markdown")
	require.NoError(t, err)
	assert.Equal(t, Markdown, f)
}

func TestMarkdownPassed(t *testing.T) {
	src := "Hello Ana,\n"
	files := []File{
		{Path: "a.txt", Source: src, Result: result(rule.Amazon, rule.Reply, "en", 100)},
		{Path: "b.txt", Source: src, Result: result(rule.Amazon, rule.Reply, "en", 95,
			newDoc(t, src).find("greeting", finding.Info, "m", "Hello"))},
	}
	out := string(render(t, Markdown, files, Summary{Files: 2, Infos: 1}, Options{}))
	assert.True(t, strings.HasPrefix(out, "## replylint: passed\n\n2 files, 0 errors, 0 warnings, 1 info.\n"), out)
	assert.Contains(t, out, "| a.txt | 100 | A | 0 | 0 | 0 |\n")
	assert.Contains(t, out, "| b.txt | 95 | A | 0 | 0 | 1 |\n")
	assert.NotContains(t, out, "### a.txt", "no findings table for a clean file")
	assert.Contains(t, out, "### b.txt\n")

	empty := string(render(t, Markdown, nil, Summary{}, Options{}))
	assert.Equal(t, "## replylint: passed\n\n0 files, 0 errors, 0 warnings, 0 infos.\n", empty)
}

func TestMDText(t *testing.T) {
	cases := map[string]string{
		"plain words":                  "plain words",
		"a|b":                          `a\|b`,
		"<script>alert(1)</script>":    `&lt;script&gt;alert\(1\)&lt;/script&gt;`,
		"<!-- hide -->":                `&lt;\!-- hide --&gt;`,
		"&amp; &#60;":                  `&amp;amp; &amp;\#60;`,
		"`code`":                       "\\`code\\`",
		"one\ntwo\r\nthree\rfour":      "one<br>two<br>three<br>four",
		"sep\u2028par\u2029nel\u0085x": "sep<br>par<br>nel<br>x",
		"tab\there":                    "tab here",
		"**bold** _em_ ~~s~~":          `\*\*bold\*\* \_em\_ \~\~s\~\~`,
		"[click](http://x) ![i](y)":    `\[click\]\(http://x\) \!\[i\]\(y\)`,
		"$x$ and \\":                   `\$x\$ and \\`,
		"esc\x1b[2J bidi\u202e":        `esc\\x1b\[2J bidi\\u202e`,
		"bad\xff":                      `bad\\xff`,
		"日本語 ★ café":                   "日本語 ★ café",
		"trailing #":                   `trailing \#`,
	}
	for in, want := range cases {
		assert.Equal(t, want, mdText(in), "%q", in)
	}
}

// A template, path or rule must not change the structure of the report:
// every table row keeps its cell count, and no HTML but our <br> appears.
func TestMarkdownHostileInput(t *testing.T) {
	src := "Hi | there\n"
	d := newDoc(t, src)
	hostile := File{Path: "x|y\n### fake heading <img src=x onerror=alert(1)>.txt", Source: src,
		Result: result(rule.Amazon, rule.Reply, "en", 10,
			d.find("rule|id\n| forged | row |", finding.Error,
				"end cell | new row\n| a | b | c | d | e |\n<details open><summary>x</summary>`code` **b** [l](javascript:alert(1))",
				"Hi | there",
				fix("fix | with pipe\n<script>x</script>", true),
				fix("second\r\n| --- |", false)))}
	out := string(render(t, Markdown, []File{hostile}, Summary{Files: 1, Errors: 1, Failed: true}, Options{}))
	checkMarkdown(t, out, 1, 1)

	r := rand.New(rand.NewPCG(11, 20240601))
	for i := 0; i < 300; i++ {
		files := randomFiles(r)
		withFindings := 0
		total := 0
		for _, f := range files {
			if len(f.Result.Findings) > 0 {
				withFindings++
			}
			total += len(f.Result.Findings)
		}
		out := string(render(t, Markdown, files, Summary{Files: len(files), Failed: r.IntN(2) == 0}, Options{}))
		checkMarkdown(t, out, len(files), total)
		assert.Equal(t, withFindings, strings.Count(out, "\n### "), "one section per file with findings")
	}
}

var (
	mdTag       = regexp.MustCompile(`<[^>]*>`)
	mdUnescaped = regexp.MustCompile(`(^|[^\\])(\\\\)*[|]`)
)

// checkMarkdown asserts the structure of a Markdown report: a heading, the
// file table with one row per file, and tables whose rows all have the
// header's number of cells (unescaped pipes) and no raw control characters.
func checkMarkdown(t *testing.T, out string, files, findings int) {
	t.Helper()
	require.True(t, strings.HasPrefix(out, "## replylint: "), out)
	require.True(t, strings.HasSuffix(out, "\n"))
	for _, tag := range mdTag.FindAllString(out, -1) {
		require.Equal(t, "<br>", tag, "HTML in output:\n%s", out)
	}
	fileRows, findingRows := 0, 0
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		for _, c := range line {
			require.False(t, unsafeForTerminal(c), "output holds %U: %q", c, line)
		}
		if strings.HasPrefix(line, "#") {
			require.Regexp(t, `^(## replylint: (passed|failed)|### .+)$`, line)
			continue
		}
		if !strings.HasPrefix(line, "|") {
			continue
		}
		require.True(t, strings.HasSuffix(line, " |"), "row does not end a cell: %q", line)
		cells := len(mdUnescaped.FindAllString(line, -1)) - 1
		switch {
		case strings.HasPrefix(line, "| File |"), strings.HasPrefix(line, "| Line:Col |"), strings.HasPrefix(line, "| --- |"):
		case cells == 6:
			fileRows++
		case cells == 5:
			findingRows++
			require.Regexp(t, `^\| \d+:\d+ \| (error|warning|info|off|[a-z]+) \| `, line)
		default:
			t.Fatalf("row with %d cells: %q\n%s", cells, line, out)
		}
	}
	assert.Equal(t, files, fileRows, "file rows")
	assert.Equal(t, findings, findingRows, "finding rows")
}

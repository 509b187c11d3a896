package report

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
)

func oneFile(path, src string, fs ...finding.Finding) []File {
	return []File{{Path: path, Source: src, Result: result(rule.Amazon, rule.Reply, "en", 90, fs...)}}
}

// caretLine returns the underline row of a text report and the column (in
// display cells after the gutter) where the caret starts.
func caretLine(t *testing.T, out string) (pad int, mark string) {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if i := strings.Index(l, " | "); i >= 0 && strings.Contains(l, "^") && strings.TrimSpace(l[:i]) == "" {
			rest := l[i+3:]
			trimmed := strings.TrimLeft(rest, " ")
			return len(rest) - len(trimmed), trimmed
		}
	}
	t.Fatalf("no caret line in:\n%s", out)
	return 0, ""
}

func TestTextUnderline(t *testing.T) {
	cases := []struct {
		name, src, sub string
		zero           bool // zero-width finding at the start of sub
		pad            int
		mark           string
	}{
		{name: "ascii", src: "Hello there\n", sub: "there", pad: 6, mark: "^~~~~"},
		// Each CJK character and the full-width digit take two columns.
		{name: "wide", src: "ご注文ありがとう５つ星", sub: "５つ星", pad: 16, mark: "^~~~~~"},
		// A combining accent takes no column of its own.
		{name: "combining", src: "cafe\u0301 time", sub: "time", pad: 5, mark: "^~~~"},
		{name: "tab", src: "\tSO LOUD", sub: "LOUD", pad: 7, mark: "^~~~"},
		// An escaped control character is as wide as its escape.
		{name: "escaped", src: "a\x1bb word", sub: "word", pad: 7, mark: "^~~~"},
		{name: "zero width", src: "Thanks", sub: "Thanks", zero: true, pad: 0, mark: "^"},
		{name: "multi-line", src: "one two\nthree", sub: "two\nthree", pad: 4, mark: "^~~"},
		{name: "crlf", src: "one two\r\nthree", sub: "two\r\nthree", pad: 4, mark: "^~~"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := newDoc(t, tc.src)
			fd := d.find("r", finding.Warning, "m", tc.sub)
			if tc.zero {
				fd = d.findAt("r", finding.Warning, "m", fd.Start.Offset, fd.Start.Offset)
			}
			out := string(render(t, Text, oneFile("a.txt", tc.src, fd), Summary{}, Options{Quiet: true}))
			pad, mark := caretLine(t, out)
			assert.Equal(t, tc.pad, pad, out)
			assert.Equal(t, tc.mark, mark, out)
		})
	}
}

func TestTextHeaderAndTrailer(t *testing.T) {
	src := "Please rate us five stars.\n"
	d := newDoc(t, src)
	files := oneFile("x.txt", src, d.find("review-request", finding.Error, "Asks for stars.", "five stars",
		fix("Delete it.", true, d.replace("Please rate us five stars.", ""))))
	out := string(render(t, Text, files, Summary{Files: 1, Errors: 1, Failed: true}, Options{}))
	assert.Contains(t, out, "x.txt:1:16: error review-request Asks for stars.\n")
	assert.Contains(t, out, "  fix (safe): Delete it.\n")
	assert.Contains(t, out, "x.txt: score 90/100 (A), language en, kind reply, channel amazon\n")
	assert.True(t, strings.HasSuffix(out, "\n1 file, 1 error, 0 warnings, 0 infos: failed\n"), out)
	assert.NotContains(t, out, "\x1b")

	quiet := string(render(t, Text, files, Summary{Files: 1, Errors: 1, Failed: true}, Options{Quiet: true}))
	assert.NotContains(t, quiet, "score")
	assert.NotContains(t, quiet, "failed")
	assert.Contains(t, quiet, "review-request")

	passed := string(render(t, Text, nil, Summary{Files: 2}, Options{}))
	assert.Equal(t, "2 files, 0 errors, 0 warnings, 0 infos: passed\n", passed)

	colour := string(render(t, Text, files, Summary{Files: 1, Errors: 1, Failed: true}, Options{Color: true}))
	assert.Contains(t, colour, ansiError+"error"+ansiReset)
	assert.Contains(t, colour, ansiBold+"review-request"+ansiReset)
}

func TestTextPreview(t *testing.T) {
	src := "Hi,\nWe are SO SORRY. Call 555-0100.\nBye\n"
	d := newDoc(t, src)
	cases := []struct {
		name  string
		edits []finding.Edit
		want  string
	}{
		{"replace", []finding.Edit{d.replace("SO SORRY", "so sorry")},
			"    - We are SO SORRY. Call 555-0100.\n    + We are so sorry. Call 555-0100.\n"},
		{"two edits", []finding.Edit{d.replace("SO", "so"), d.replace("SORRY", "sorry")},
			"    - We are SO SORRY. Call 555-0100.\n    + We are so sorry. Call 555-0100.\n"},
		{"delete line", []finding.Edit{d.replace("We are SO SORRY. Call 555-0100.\n", "")},
			"    - We are SO SORRY. Call 555-0100.\n    - Bye\n    + Bye\n"},
		{"insert lines", []finding.Edit{d.insert(0, "Hello,\n")},
			"    - Hi,\n    + Hello,\n    + Hi,\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fd := d.find("shouting", finding.Warning, "m", "SO SORRY", fix("f", true, tc.edits...))
			out := string(render(t, Text, oneFile("a.txt", src, fd), Summary{}, Options{Quiet: true}))
			_, after, ok := strings.Cut(out, "  fix (safe): f\n")
			require.True(t, ok, out)
			assert.Equal(t, tc.want, after)
		})
	}

	// Overlapping or out-of-range edits are not previewed, but the fix is
	// still listed.
	bad := []finding.Edit{d.replace("SO SORRY", "x"), d.replace("SORRY", "y")}
	fd := d.find("shouting", finding.Warning, "m", "SO SORRY", fix("f", true, bad...))
	out := string(render(t, Text, oneFile("a.txt", src, fd), Summary{}, Options{Quiet: true}))
	assert.True(t, strings.HasSuffix(out, "  fix (safe): f\n"), out)
}

func TestTextLongLineIsCut(t *testing.T) {
	src := strings.Repeat("word ", 60) + "LOUD " + strings.Repeat("word ", 60)
	d := newDoc(t, src)
	out := string(render(t, Text, oneFile("a.txt", src, d.find("shouting", finding.Warning, "m", "LOUD")), Summary{}, Options{Quiet: true}))
	var shown string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "  1 | ") {
			shown = strings.TrimPrefix(l, "  1 | ")
		}
	}
	assert.LessOrEqual(t, len(shown), maxLineWidth)
	assert.True(t, strings.HasPrefix(shown, "...") && strings.HasSuffix(shown, "..."), shown)
	pad, mark := caretLine(t, out)
	assert.Equal(t, "LOUD", shown[pad:pad+4])
	assert.Equal(t, "^~~~", mark)
}

func TestEscapeString(t *testing.T) {
	cases := map[string]string{
		"plain":            "plain",
		"a\x1b[2Jb":        `a\x1b[2Jb`,
		"bell\a":           `bell\x07`,
		"two\nlines\r":     `two\nlines\r`,
		"tab\there":        `tab\there`,
		"del\x7f":          `del\x7f`,
		"csi\u009b31m":     `csi\u009b31m`,
		"rtl\u202egnp.exe": `rtl\u202egnp.exe`,
		"iso\u2066x\u2069": `iso\u2066x\u2069`,
		"sep\u2028":        `sep\u2028`,
		"bad\xff\xfe":      `bad\xff\xfe`,
		"日本語 ５ café ★ 😀":   "日本語 ５ café ★ 😀",
	}
	for in, want := range cases {
		assert.Equal(t, want, escapeString(in), "%q", in)
	}
}

func TestRuneWidth(t *testing.T) {
	cases := map[rune]int{'a': 1, '日': 2, 'ア': 2, '５': 2, '★': 1, 'é': 1, '\u0301': 0, '\u200b': 0, '한': 2}
	for r, want := range cases {
		assert.Equal(t, want, runeWidth(r), "%U", r)
	}
}

func TestJSONShape(t *testing.T) {
	src := "Call me.\n"
	d := newDoc(t, src)
	files := append(oneFile("a.txt", src, d.find("contact", finding.Error, "m", "Call me")),
		File{Path: "-", Source: "", Result: result(rule.Ebay, rule.Proactive, "de", 100)})
	out := render(t, JSON, files, Summary{Files: 2, Errors: 1, Failed: true}, Options{})
	assert.True(t, strings.HasSuffix(string(out), "}\n"))
	assert.Contains(t, string(out), "\n  \"version\": 1,\n", "indented with two spaces")

	var got map[string]any
	require.NoError(t, json.Unmarshal(out, &got))
	assert.ElementsMatch(t, []string{"version", "files", "summary"}, keys(got))
	assert.Equal(t, map[string]any{"files": 2.0, "errors": 1.0, "warnings": 0.0, "infos": 0.0, "inputErrors": 0.0, "failed": true}, got["summary"])
	fs := got["files"].([]any)
	require.Len(t, fs, 2)
	f0 := fs[0].(map[string]any)
	assert.ElementsMatch(t, []string{"path", "channel", "language", "kind", "score", "grade", "findings"}, keys(f0))
	fd := f0["findings"].([]any)[0].(map[string]any)
	assert.ElementsMatch(t, []string{"rule", "severity", "message", "line", "column", "endLine", "endColumn",
		"offset", "endOffset", "utf16Offset", "utf16EndOffset", "runeOffset", "runeEndOffset", "match", "suggestions"}, keys(fd))
	assert.Equal(t, []any{}, fd["suggestions"], "empty list, not null")
	assert.Equal(t, "Call me", fd["match"])
	assert.Equal(t, 8.0, fd["endColumn"])

	f1 := fs[1].(map[string]any)
	assert.Equal(t, "<stdin>", f1["path"])
	assert.Equal(t, []any{}, f1["findings"])

	empty := render(t, JSON, nil, Summary{}, Options{})
	assert.Contains(t, string(empty), `"files": []`)

	sugg := render(t, JSON, oneFile("a.txt", src, d.find("c", finding.Error, "m", "Call me", fix("f", false))), Summary{}, Options{})
	assert.Contains(t, string(sugg), `"edits": []`)
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestGitHubAnnotations(t *testing.T) {
	src := "one\ntwo three\n"
	d := newDoc(t, src)
	files := oneFile("./dir/a,b:c.txt", src,
		d.find("r-error", finding.Error, "100% bad\r\nreally", "two"),
		d.find("r-warning", finding.Warning, "w", "three"),
		d.find("r-info", finding.Info, "i", "one\ntwo"),
	)
	out := string(render(t, GitHub, files, Summary{Files: 1, Errors: 1, Failed: true}, Options{}))
	assert.Equal(t,
		"::error file=dir/a%2Cb%3Ac.txt,line=2,col=1,endLine=2,endColumn=4,title=r-error::100%25 bad%0D%0Areally\n"+
			"::warning file=dir/a%2Cb%3Ac.txt,line=2,col=5,endLine=2,endColumn=10,title=r-warning::w\n"+
			"::notice file=dir/a%2Cb%3Ac.txt,line=1,col=1,endLine=2,endColumn=4,title=r-info::i\n",
		out)

	stdin := string(render(t, GitHub, oneFile("-", src, d.find("r", finding.Error, "m", "three")), Summary{}, Options{}))
	assert.Equal(t, "::error title=r::<stdin>:2:5: m\n", stdin)
}

func TestGitHubEscape(t *testing.T) {
	assert.Equal(t, "a%25b%0Dc%0Ad:e,f\\x1b", githubData("a%b\rc\nd:e,f\x1b"))
	assert.Equal(t, "a%25b%0Dc%0Ad%3Ae%2Cf\\x1b", githubProperty("a%b\rc\nd:e,f\x1b"))
	assert.Equal(t, "%0A::error::x", githubData("\n::error::x"))
}

func TestSARIFArtifactURI(t *testing.T) {
	cases := []struct{ in, uri, base string }{
		{"replies/a.txt", "replies/a.txt", sarifSrcRoot},
		{"./replies/a.txt", "replies/a.txt", sarifSrcRoot},
		{"replies//x/../a b.txt", "replies/a%20b.txt", sarifSrcRoot},
		{"../up.txt", "../up.txt", sarifSrcRoot},
		{"/abs/dir/a.txt", "file:///abs/dir/a.txt", ""},
		{"-", "stdin", ""},
		{"<stdin>", "stdin", ""},
	}
	for _, tc := range cases {
		got := sarifArtifactURI(tc.in)
		assert.Equal(t, tc.uri, got.URI, tc.in)
		assert.Equal(t, tc.base, got.URIBaseID, tc.in)
	}
}

// sarifDoc is the part of a SARIF log the tests look at.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name    string `json:"name"`
				Version string `json:"version"`
				Rules   []struct {
					ID                   string `json:"id"`
					DefaultConfiguration *struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					HelpURI string `json:"helpUri"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string `json:"ruleId"`
			RuleIndex           int    `json:"ruleIndex"`
			Level               string `json:"level"`
			Message             struct{ Text string }
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region map[string]int `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Fixes []struct {
				ArtifactChanges []struct {
					Replacements []struct {
						DeletedRegion   map[string]int `json:"deletedRegion"`
						InsertedContent *struct {
							Text string `json:"text"`
						} `json:"insertedContent"`
					} `json:"replacements"`
				} `json:"artifactChanges"`
			} `json:"fixes"`
		} `json:"results"`
	} `json:"runs"`
}

func parseSARIF(t *testing.T, out []byte) sarifDoc {
	t.Helper()
	var doc sarifDoc
	require.NoError(t, json.Unmarshal(out, &doc))
	require.Len(t, doc.Runs, 1)
	return doc
}

// checkSARIF asserts the properties the SARIF schema requires of what we
// write, so the structure is checked even without the schema validator.
func checkSARIF(t *testing.T, doc sarifDoc) {
	t.Helper()
	assert.Equal(t, sarifSchema, doc.Schema)
	assert.Equal(t, "2.1.0", doc.Version)
	run := doc.Runs[0]
	assert.Equal(t, "unicodeCodePoints", run.ColumnKind)
	assert.Equal(t, "replylint", run.Tool.Driver.Name)
	rules := run.Tool.Driver.Rules
	for i := 1; i < len(rules); i++ {
		assert.Less(t, rules[i-1].ID, rules[i].ID, "rules sorted by ID, no duplicates")
	}
	for _, r := range run.Results {
		require.Less(t, r.RuleIndex, len(rules))
		assert.Equal(t, r.RuleID, rules[r.RuleIndex].ID)
		assert.Contains(t, []string{"error", "warning", "note", "none"}, r.Level)
		assert.NotEmpty(t, r.PartialFingerprints[sarifFingerprintKey])
		require.Len(t, r.Locations, 1)
		assert.NotEmpty(t, r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		checkRegion(t, r.Locations[0].PhysicalLocation.Region)
		assert.GreaterOrEqual(t, r.Locations[0].PhysicalLocation.Region["charOffset"], 0)
		for _, fx := range r.Fixes {
			require.NotEmpty(t, fx.ArtifactChanges)
			for _, ch := range fx.ArtifactChanges {
				require.NotEmpty(t, ch.Replacements)
				for _, rp := range ch.Replacements {
					checkRegion(t, rp.DeletedRegion)
				}
			}
		}
	}
}

func checkRegion(t *testing.T, r map[string]int) {
	t.Helper()
	for _, k := range []string{"startLine", "startColumn", "endLine", "endColumn"} {
		assert.GreaterOrEqual(t, r[k], 1, k)
	}
	assert.True(t, r["endLine"] > r["startLine"] || (r["endLine"] == r["startLine"] && r["endColumn"] >= r["startColumn"]), "%v", r)
}

func TestSARIFStructure(t *testing.T) {
	files, sum := fixtures(t)
	doc := parseSARIF(t, render(t, SARIF, files, sum, Options{Linter: testLinter(t), ToolVersion: "9.9.9"}))
	checkSARIF(t, doc)
	run := doc.Runs[0]
	assert.Equal(t, "9.9.9", run.Tool.Driver.Version)
	assert.Len(t, run.Results, 9)

	byID := map[string]int{}
	for i, r := range run.Tool.Driver.Rules {
		byID[r.ID] = i
	}
	// Loaded rules carry metadata; rules known only from results do not.
	rr := run.Tool.Driver.Rules[byID["review-request"]]
	require.NotNil(t, rr.DefaultConfiguration)
	assert.Equal(t, "error", rr.DefaultConfiguration.Level)
	assert.Equal(t, "https://example.com/policies/reviews", rr.HelpURI)
	assert.Equal(t, "warning", run.Tool.Driver.Rules[byID["shouting"]].DefaultConfiguration.Level)
	assert.Nil(t, run.Tool.Driver.Rules[byID["greeting"]].DefaultConfiguration)

	// The CJK finding: columns and offsets count code points, not bytes.
	var cjk map[string]int
	for _, r := range run.Results {
		if strings.Contains(r.Locations[0].PhysicalLocation.ArtifactLocation.URI, "%E6%97%A5") {
			cjk = r.Locations[0].PhysicalLocation.Region
		}
	}
	assert.Equal(t, map[string]int{"startLine": 2, "startColumn": 13, "endLine": 2, "endColumn": 21, "charOffset": 30, "charLength": 8}, cjk)

	// A deletion has no insertedContent.
	first := run.Results[0]
	assert.Equal(t, "review-request", first.RuleID)
	assert.Nil(t, first.Fixes[0].ArtifactChanges[0].Replacements[0].InsertedContent)
}

func TestSARIFRulesFromResults(t *testing.T) {
	src := "b a\n"
	d := newDoc(t, src)
	files := oneFile("a.txt", src, d.find("zeta", finding.Info, "m", "b"), d.find("alpha", finding.Error, "m", "a"), d.find("zeta", finding.Info, "m", "b"))
	doc := parseSARIF(t, render(t, SARIF, files, Summary{}, Options{}))
	checkSARIF(t, doc)
	rules := doc.Runs[0].Tool.Driver.Rules
	require.Len(t, rules, 2)
	assert.Equal(t, "alpha", rules[0].ID)
	assert.Equal(t, "zeta", rules[1].ID)
	assert.Equal(t, 1, doc.Runs[0].Results[0].RuleIndex)
	assert.Equal(t, "note", doc.Runs[0].Results[0].Level)
	assert.Empty(t, doc.Runs[0].Tool.Driver.Version)

	// Identical findings get distinct fingerprints through their count.
	fp0 := doc.Runs[0].Results[0].PartialFingerprints[sarifFingerprintKey]
	fp2 := doc.Runs[0].Results[2].PartialFingerprints[sarifFingerprintKey]
	assert.True(t, strings.HasSuffix(fp0, ":1") && strings.HasSuffix(fp2, ":2"), "%s %s", fp0, fp2)

	none := parseSARIF(t, render(t, SARIF, nil, Summary{}, Options{}))
	assert.Empty(t, none.Runs[0].Tool.Driver.Rules)
	assert.Contains(t, string(render(t, SARIF, nil, Summary{}, Options{})), `"results": []`)
}

func TestSARIFFingerprint(t *testing.T) {
	fp := func(path, src, sub string) string {
		d := newDoc(t, src)
		doc := parseSARIF(t, render(t, SARIF, oneFile(path, src, d.find("r", finding.Error, "m", sub)), Summary{}, Options{}))
		return doc.Runs[0].Results[0].PartialFingerprints[sarifFingerprintKey]
	}
	base := fp("a.txt", "Hi,\nPlease rate us five stars.\n", "five stars")
	// Lines added above or re-indentation do not change it.
	assert.Equal(t, base, fp("a.txt", "Hi,\n\nThanks again.\nPlease rate us five stars.\n", "five stars"))
	assert.Equal(t, base, fp("a.txt", "Hi,\n   Please rate  us five stars.\n", "five stars"))
	// The line's content, the path and the match do.
	assert.NotEqual(t, base, fp("a.txt", "Hi,\nPlease rate us five stars today.\n", "five stars"))
	assert.NotEqual(t, base, fp("b.txt", "Hi,\nPlease rate us five stars.\n", "five stars"))
	assert.NotEqual(t, base, fp("a.txt", "Hi,\nPlease rate us five stars.\n", "stars"))
}

type failingWriter struct{}

var errDiskFull = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteErrors(t *testing.T) {
	files, sum := fixtures(t)
	for _, f := range []Format{Text, JSON, SARIF, GitHub} {
		err := Write(failingWriter{}, f, files, sum, Options{})
		assert.ErrorIs(t, err, errDiskFull, "format %s", f)
	}
}

package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// doc builds findings on a text by quoting the matched substring, so that
// the fixtures cannot get offsets, lines or columns wrong.
type doc struct {
	t   *testing.T
	src *text.Source
}

func newDoc(t *testing.T, s string) doc { return doc{t: t, src: text.NewSource(s)} }

// span returns the byte range of the first occurrence of sub.
func (d doc) span(sub string) (int, int) {
	i := strings.Index(d.src.Text(), sub)
	require.GreaterOrEqual(d.t, i, 0, "fixture: %q not in text", sub)
	return i, i + len(sub)
}

func (d doc) find(id string, sev finding.Severity, msg, sub string, sugg ...finding.Suggestion) finding.Finding {
	a, b := d.span(sub)
	return d.findAt(id, sev, msg, a, b, sugg...)
}

func (d doc) findAt(id string, sev finding.Severity, msg string, a, b int, sugg ...finding.Suggestion) finding.Finding {
	match := d.src.Text()[a:b]
	return finding.Finding{
		Rule: id, Severity: sev, Message: strings.ReplaceAll(msg, "{match}", match),
		Start: d.src.Position(a), End: d.src.Position(b), Match: match, Suggestions: sugg,
	}
}

func (d doc) replace(sub, with string) finding.Edit {
	a, b := d.span(sub)
	return finding.Edit{Start: d.src.Position(a), End: d.src.Position(b), NewText: with}
}

func (d doc) insert(at int, s string) finding.Edit {
	return finding.Edit{Start: d.src.Position(at), End: d.src.Position(at), NewText: s}
}

func fix(desc string, safe bool, edits ...finding.Edit) finding.Suggestion {
	return finding.Suggestion{Description: desc, Safe: safe, Edits: edits}
}

func result(ch rule.Channel, kind rule.MessageKind, lang string, score int, fs ...finding.Finding) *lint.Result {
	return &lint.Result{Channel: ch, Kind: kind, Mode: rule.Draft, Language: lang, Score: score, Grade: lint.Grade(score), Findings: fs}
}

func summarize(files []File, failed bool) Summary {
	s := Summary{Files: len(files), Failed: failed}
	for _, f := range files {
		for _, fd := range f.Result.Findings {
			switch fd.Severity {
			case finding.Error:
				s.Errors++
			case finding.Warning:
				s.Warnings++
			case finding.Info:
				s.Infos++
			}
		}
	}
	return s
}

const longLine = "We checked the parcel twice before it left: the kettle, the spare filter, " +
	"the descaling tablets, the printed manual and a small thank-you card all went into the same box, " +
	"and the courier confirmed the pickup, so please write to us through this thread if anything is missing."

// fixtures are the hand-built results behind the golden files.
func fixtures(t *testing.T) ([]File, Summary) {
	order := "Hi Sam,\n\nThanks for your order! If you loved it, please leave us a 5 star review.\n" +
		"Reach me at sam.seller@example.com for anything else.\n" + longLine + "\nBest,\nAlex\n"
	d1 := newDoc(t, order)
	f1 := File{Path: "replies/order-1234.txt", Source: order, Result: result(rule.Amazon, rule.Reply, "en", 30,
		d1.find("review-request", finding.Error, `Asks for a top rating: "{match}".`, "5 star review",
			fix("Delete the sentence with the request.", false, d1.replace(" If you loved it, please leave us a 5 star review.", ""))),
		d1.find("contact-info", finding.Error, `Contact details invite the buyer off the platform: "{match}".`, "sam.seller@example.com",
			fix("Point the buyer to the message thread.", false,
				d1.replace("Reach me at sam.seller@example.com for anything else.", "Reply to this message if you need anything else."))),
		d1.find("courier-blame", finding.Warning, "Do not shift the blame to the carrier.", "the courier confirmed the pickup",
			fix("Say what happened to the parcel.", false, d1.replace("the courier confirmed the pickup", "the parcel was picked up the same day"))),
	)}

	cjk := "お問い合わせありがとうございます。\nご満足いただけましたら、★５つのレビューをお願いします。\n"
	d2 := newDoc(t, cjk)
	f2 := File{Path: "replies/日本語.txt", Source: cjk, Result: result(rule.Amazon, rule.Proactive, "ja", 70,
		d2.find("review-request", finding.Error, `Asks for a top rating: "{match}".`, "★５つのレビュー",
			fix("Ask for honest feedback.", false, d2.replace("★５つのレビュー", "率直なご感想")),
			fix("Delete the sentence with the request.", false, d2.replace("ご満足いただけましたら、★５つのレビューをお願いします。", ""))),
	)}

	crlf := "Hello Kim,\r\n\tWe are SO SORRY about\r\nthe delay.\r\n"
	d3 := newDoc(t, crlf)
	f3 := File{Path: "./replies/crlf, v2.txt", Source: crlf, Result: result(rule.Ebay, rule.ComplaintReply, "en", 88,
		d3.find("shouting", finding.Warning, `Capitals read as shouting: "{match}".`, "SO SORRY",
			fix("Write the words in lower case.", true, d3.replace("SO SORRY", "so sorry"))),
		d3.find("apology-first", finding.Info, `Reason given before the apology: "about the delay".`, "about\r\nthe delay"),
	)}

	f4 := File{Path: "replies/empty.txt", Source: "", Result: result(rule.Amazon, rule.Reply, "en", 100)}

	ctrl := "\x1b[31mCLICK\x1b[0m for 100% off:\xff http://bit.ly/x\a\n"
	d5 := newDoc(t, ctrl)
	f5 := File{Path: "-", Source: ctrl, Result: result(rule.Walmart, rule.Proactive, "en", 38,
		d5.findAt("greeting", finding.Info, "The message has no greeting.", 0, 0,
			fix("Start with a greeting.", false, d5.insert(0, "Hello,\n\n"))),
		d5.find("hidden-control", finding.Error, `Control characters in "{match}".`, "\x1b[31mCLICK\x1b[0m",
			fix("Remove the control characters.", true, d5.replace("\x1b[31m", ""), d5.replace("\x1b[0m", ""))),
		d5.find("shortened-link", finding.Error, "Shortened link \"{match}\".\n::error::injected 100%, a:b", "http://bit.ly/x\a"),
	)}

	files := []File{f1, f2, f3, f4, f5}
	return files, summarize(files, true)
}

// fixedDetector says every text is English, so tests need no language model.
type fixedDetector struct{}

func (fixedDetector) Detect(string) string { return "en" }

func testLinter(t *testing.T) *lint.Linter {
	rs, err := rule.LoadFS(os.DirFS("testdata/rules"), ".", "testdata/rules")
	require.NoError(t, err)
	l, err := lint.NewFromRules(rs, lint.Config{Detector: fixedDetector{}})
	require.NoError(t, err)
	return l
}

func render(t *testing.T, f Format, files []File, sum Summary, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, f, files, sum, opts))
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	files, sum := fixtures(t)
	cases := []struct {
		golden string
		format Format
		opts   Options
	}{
		{"text.golden", Text, Options{}},
		{"text-color.golden", Text, Options{Color: true}},
		{"text-quiet.golden", Text, Options{Quiet: true}},
		{"json.golden", JSON, Options{}},
		{"sarif.golden", SARIF, Options{Linter: testLinter(t), ToolVersion: "1.2.3"}},
		{"github.golden", GitHub, Options{}},
	}
	for _, tc := range cases {
		t.Run(tc.golden, func(t *testing.T) {
			got := render(t, tc.format, files, sum, tc.opts)
			path := filepath.Join("testdata", tc.golden)
			if *update {
				require.NoError(t, os.WriteFile(path, got, 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./lint/report/ -update to create it")
			assert.Equal(t, string(want), string(got))
		})
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	files, sum := fixtures(t)
	for _, f := range []Format{Text, JSON, SARIF, GitHub} {
		a := render(t, f, files, sum, Options{})
		b := render(t, f, files, sum, Options{})
		assert.Equal(t, a, b, "format %s", f)
	}
}

func TestParseFormat(t *testing.T) {
	for _, name := range []string{"text", "json", "sarif", "github"} {
		f, err := ParseFormat(name)
		require.NoError(t, err)
		assert.Equal(t, Format(name), f)
	}
	_, err := ParseFormat("xml")
	assert.Error(t, err)
	assert.Error(t, Write(&bytes.Buffer{}, Format("xml"), nil, Summary{}, Options{}))
}

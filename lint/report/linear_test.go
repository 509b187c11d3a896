package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/internal/cputime"
	"github.com/replylint/replylint/lint/rule"
	"github.com/replylint/replylint/lint/text"
)

// longLineFile is one line of n repetitions of a unit with two findings,
// the shape of a minified export or a paragraph pasted on one line: each
// finding has a fix that deletes its match.
func longLineFile(n int) File {
	unit := "a.bc x@y.de shop dot com "
	src := "Hi,\n" + strings.Repeat(unit, n) + "\n"
	s := text.NewSource(src)
	var fs []finding.Finding
	for i := range n {
		at := 4 + i*len(unit)
		for _, m := range []struct{ off, n int }{{0, 4}, {5, 6}} {
			a, b := at+m.off, at+m.off+m.n
			fs = append(fs, finding.Finding{
				Rule: "contact-info", Severity: finding.Error, Message: "m", Start: s.Position(a), End: s.Position(b), Match: src[a:b],
				Suggestions: []finding.Suggestion{{Description: "delete", Edits: []finding.Edit{{Start: s.Position(a), End: s.Position(b)}}}},
			})
		}
	}
	return File{Path: "r.txt", Source: src, Result: result(rule.Amazon, rule.Reply, "en", 0, fs...)}
}

func TestTextOnLongLinesMatchesShortLines(t *testing.T) {
	// The same finding renders the same way whether its line is 200 or
	// 200,000 characters long, away from the line's ends.
	short, long := longLineFile(8), longLineFile(8000)
	render1 := func(f File, i int) string {
		f.Result.Findings = f.Result.Findings[i : i+1]
		return string(render(t, Text, []File{f}, Summary{}, Options{Quiet: true}))
	}
	assert.Equal(t, render1(short, 6), render1(long, 6))
	out := render1(long, 8000)
	for _, l := range strings.Split(out, "\n") {
		assert.LessOrEqual(t, len(l), maxLineWidth+40, "line %q", l)
	}
	assert.Contains(t, out, "  2 | ...")
	assert.Contains(t, out, "    - ...")
	assert.Contains(t, out, "    + ...")
}

func TestFingerprintOfALongLineIgnoresDistantEdits(t *testing.T) {
	f := longLineFile(2000)
	fd := f.Result.Findings[2000]
	src := text.NewSource(f.Source)
	before := sarifFingerprint(fd, "r.txt", src)
	// An edit far away on the same line leaves it as it was...
	edited := strings.Replace(f.Source, "a.bc", "A.BC", 1)
	assert.Equal(t, before, sarifFingerprint(fd, "r.txt", text.NewSource(edited)))
	// ...an edit next to it does not.
	at := fd.End.Offset + 10
	near := f.Source[:at] + "X" + f.Source[at:]
	assert.NotEqual(t, before, sarifFingerprint(fd, "r.txt", text.NewSource(near)))
	// A short line is still hashed whole, as before the window existed.
	s := text.NewSource("Hi\nPlease remove your review.\n")
	assert.Equal(t, "Please remove your review.", s.Context(2, 10, 20))
}

// benchScales runs f at 1×, 2× and 4× of an input size, as sub-benchmarks
// x1, x2, x4: scripts/linearity.sh divides their times to show the cost
// grows linearly (ratios near 2 and 4).
func benchScales(b *testing.B, base int, f func(b *testing.B, n int)) {
	for _, k := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("x%d", k), func(b *testing.B) { f(b, base*k) })
	}
}

func benchWrite(b *testing.B, format Format, files []File) {
	b.Helper()
	b.ReportAllocs()
	b.ResetTimer()
	cputime.Report(b, func() {
		if err := Write(io.Discard, format, files, Summary{}, Options{}); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkLinearTextLongLine: text output of a 16/32/64 KB line with two
// findings per 25 bytes (9.5 s and 34.7 s at 32 and 64 KB before the
// bounded window).
func BenchmarkLinearTextLongLine(b *testing.B) {
	benchScales(b, 650, func(b *testing.B, n int) { benchWrite(b, Text, []File{longLineFile(n)}) })
}

// BenchmarkLinearTextHundredK: a line of 25k, 50k and 100k characters of
// plain words with findings spread along it.
func BenchmarkLinearTextHundredK(b *testing.B) {
	benchScales(b, 25000, func(b *testing.B, n int) {
		src := strings.Repeat("word ", n/5)
		s := text.NewSource(src)
		var fs []finding.Finding
		for o := 0; o+4 <= len(src); o += 500 {
			fs = append(fs, finding.Finding{Rule: "r", Severity: finding.Warning, Message: "m", Start: s.Position(o), End: s.Position(o + 4), Match: src[o : o+4]})
		}
		benchWrite(b, Text, []File{{Path: "long.txt", Source: src, Result: result(rule.Amazon, rule.Reply, "en", 0, fs...)}})
	})
}

// BenchmarkLinearSARIFLongLine: SARIF for the same line (fingerprints and
// character offsets were whole-line per finding before).
func BenchmarkLinearSARIFLongLine(b *testing.B) {
	benchScales(b, 650, func(b *testing.B, n int) { benchWrite(b, SARIF, []File{longLineFile(n)}) })
}

// BenchmarkLinearSARIFExport: SARIF for a minified JSON export of 2,500,
// 5,000 and 10,000 templates on one line, four findings per template.
func BenchmarkLinearSARIFExport(b *testing.B) {
	benchScales(b, 2500, func(b *testing.B, n int) { benchWrite(b, SARIF, []File{exportFile(n)}) })
}

// BenchmarkLinearTextExport: text output for the same export.
func BenchmarkLinearTextExport(b *testing.B) {
	benchScales(b, 2500, func(b *testing.B, n int) { benchWrite(b, Text, []File{exportFile(n)}) })
}

// exportFile is a minified JSON export of n templates with four findings
// per template, all on line 1.
func exportFile(n int) File {
	tpl := `{"name":"t%d","body":"Hello, sorry for the delay. Please leave us a 5-star review at www.shop.com or mail help@shop.com. Thanks!"}`
	var sb strings.Builder
	sb.WriteByte('[')
	for i := range n {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, tpl, i)
	}
	sb.WriteByte(']')
	src := sb.String()
	s := text.NewSource(src)
	var fs []finding.Finding
	for _, word := range []string{"5-star review", "www.shop.com", "help@shop.com", "sorry"} {
		for o := 0; ; {
			k := strings.Index(src[o:], word)
			if k < 0 {
				break
			}
			a := o + k
			fs = append(fs, finding.Finding{Rule: "r-" + word[:3], Severity: finding.Error, Message: "m", Start: s.Position(a), End: s.Position(a + len(word)), Match: word,
				Suggestions: []finding.Suggestion{{Description: "d", Edits: []finding.Edit{{Start: s.Position(a), End: s.Position(a + len(word)), NewText: "x"}}}}})
			o = a + len(word)
		}
	}
	return File{Path: "export.json", Source: src, Result: result(rule.Amazon, rule.Reply, "en", 0, fs...)}
}

// FuzzTextLongLines renders findings on a line made long by repeating the
// fuzzed text: whatever the text, every output line stays bounded, holds
// no terminal control and no workflow command, and the caret sits under
// the window.
func FuzzTextLongLines(f *testing.F) {
	f.Add("a.bc x@y.de shop dot com ", 300, 7, 5)
	f.Add("日本語\t\x1b[2J e\u0301 ##[x] ", 2000, 100, 3)
	f.Add("::error::x\r", 500, 0, 40)
	f.Fuzz(func(t *testing.T, unit string, repeat, at, n int) {
		if unit == "" || len(unit) > 64 {
			return
		}
		repeat = 1 + abs(repeat)%4000
		src := strings.Repeat(unit, repeat)
		s := text.NewSource(src)
		a := clampOffset(abs(at)*len(unit), len(src))
		e := clampOffset(a+abs(n), len(src))
		fd := finding.Finding{Rule: "r", Severity: finding.Warning, Message: unit, Start: s.Position(a), End: s.Position(e), Match: src[a:e],
			Suggestions: []finding.Suggestion{{Description: "d", Edits: []finding.Edit{{Start: s.Position(a), End: s.Position(e), NewText: unit}}}}}
		var buf bytes.Buffer
		require.NoError(t, Write(&buf, Text, []File{{Path: "p/" + unit, Source: src, Result: result(rule.Amazon, rule.Reply, "en", 0, fd)}}, Summary{}, Options{Quiet: true}))
		out := buf.String()
		checkNoCommands(t, Text, out)
		for _, l := range strings.Split(out, "\n") {
			// The path is prefixed so that a header never looks like an
			// indented window line (a fuzzed path may start with spaces).
			// Header and fix lines carry the (escaped) message; source,
			// caret and preview lines are windows.
			// Zero-width marks take no column, so a window may hold many
			// of them, but never more than clip keeps.
			if strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "  fix") {
				w := 0
				for _, c := range l {
					w += runeWidth(c)
				}
				require.LessOrEqual(t, w, maxLineWidth+16, "line too wide: %q", l)
				require.LessOrEqual(t, len([]rune(l)), 2*clipRunes*4+16, "line too long: %q", l)
			}
			for _, c := range l {
				require.False(t, unsafeForTerminal(c), "holds %U: %q", c, l)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		if n == -n { // math.MinInt
			return 0
		}
		return -n
	}
	return n
}

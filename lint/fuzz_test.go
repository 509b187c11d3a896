package lint_test

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/replylint/replylint/lint"
	"github.com/replylint/replylint/lint/finding"
	"github.com/replylint/replylint/lint/fix"
	"github.com/replylint/replylint/lint/rule"
)

// FuzzLint lints random text with every built-in rule: no panic, every
// range inside the text and on rune boundaries, safe fixes keep the text
// valid UTF-8 and are not reported again after they are applied.
func FuzzLint(f *testing.F) {
	l := builtin(f)
	for _, s := range []string{
		typicalReply, "", "\r\n", "Please remove your review.Thanks!!", "visit shop dot com or call +1 555 123 4567",
		"お届けが遅れて申し訳ございません。", "i think THIS IS WRONG??", "{{buyer_name}} [insert tracking link]",
		"Ｒｅｖｉｅｗ 5 stars 😀", "a\u200bb\u00adc",
	} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, ch uint8) {
		channels := rule.Channels()
		opts := lint.Options{Channel: channels[int(ch)%len(channels)]}
		res := l.Lint(s, opts)
		for _, fd := range res.Findings {
			checkRange(t, s, fd.Start.Offset, fd.End.Offset, fd.Rule)
			for _, sg := range fd.Suggestions {
				for _, e := range sg.Edits {
					checkRange(t, s, e.Start.Offset, e.End.Offset, fd.Rule+" edit")
				}
			}
		}
		if res.Score < 0 || res.Score > 100 {
			t.Fatalf("score %d", res.Score)
		}
		if !utf8.ValidString(s) {
			return
		}
		selected := fix.Select(res.Findings, false)
		fixed, err := fix.Apply(s, selected)
		if err != nil {
			t.Fatalf("applying safe fixes: %v", err)
		}
		if !utf8.ValidString(fixed) {
			t.Fatalf("safe fixes broke UTF-8: %q", fixed)
		}
		again := l.Lint(fixed, opts)
		for _, before := range res.Findings {
			if !fixApplied(before, selected) || before.Match == "" {
				continue // no safe fix, or skipped because it overlapped another
			}
			at := shifted(before.Start.Offset, selected)
			for _, after := range again.Findings {
				if after.Rule == before.Rule && after.Start.Offset == at && after.Match == before.Match {
					t.Fatalf("%s still reported after its safe fix: %q in %q", before.Rule, before.Match, fixed)
				}
			}
		}
	})
}

// shifted maps an offset of the original text to the fixed text.
func shifted(offset int, edits []finding.Edit) int {
	out := offset
	for _, e := range edits {
		if e.End.Offset <= offset {
			out += len(e.NewText) - (e.End.Offset - e.Start.Offset)
		}
	}
	return out
}

func fixApplied(f finding.Finding, selected []finding.Edit) bool {
	for _, s := range f.Suggestions {
		if !s.Safe || len(s.Edits) == 0 {
			continue
		}
		for _, e := range s.Edits {
			if !slices.Contains(selected, e) {
				return false
			}
		}
		return true
	}
	return false
}

func checkRange(t *testing.T, s string, start, end int, what string) {
	t.Helper()
	if start < 0 || end > len(s) || start > end {
		t.Fatalf("%s: range %d-%d outside text of %d bytes", what, start, end, len(s))
	}
	if utf8.ValidString(s) && ((start < len(s) && !utf8.RuneStart(s[start])) || (end < len(s) && !utf8.RuneStart(s[end]))) {
		t.Fatalf("%s: range %d-%d not on rune boundaries", what, start, end)
	}
}

package document

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func problems(t *testing.T, errs []error) []*Problem {
	t.Helper()
	var ps []*Problem
	for _, err := range errs {
		var p *Problem
		require.True(t, errors.As(err, &p), "%v is not a *Problem", err)
		ps = append(ps, p)
	}
	return ps
}

func TestYAMLAliasesAreBoundedByExpandedSize(t *testing.T) {
	big := strings.Repeat("x", 1000)
	tests := []struct {
		name        string
		aliases     int
		max         int
		wantMsgs    int
		wantRefused bool
	}{
		{name: "within the limit", aliases: 5, max: 10000, wantMsgs: 1 + 5},
		{name: "over the limit: refused at the alias", aliases: 50, max: 10000, wantMsgs: 1 + 8, wantRefused: true},
		{name: "default limit is generous", aliases: 50, max: 0, wantMsgs: 1 + 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "a: &a \"" + big + "\"\nb: [" + strings.TrimSuffix(strings.Repeat("*a, ", tt.aliases), ", ") + "]\n"
			msgs, errs := SplitWith("t.yaml", src, SplitOptions{MaxExpanded: tt.max})
			assert.Len(t, msgs, tt.wantMsgs)
			ps := problems(t, errs)
			if !tt.wantRefused {
				assert.Empty(t, ps)
				return
			}
			require.Len(t, ps, 1, "reported once, not once per alias")
			p := ps[0]
			assert.Contains(t, p.Msg, "YAML aliases expand this file to more than 10000 bytes")
			assert.Equal(t, 2, p.Pos.Line, "at the alias's line")
			assert.Equal(t, "*a", src[p.Pos.Offset:p.Pos.Offset+2], "at the alias itself")
			assert.Equal(t, fmt.Sprintf("t.yaml:2:%d", p.Pos.Column), fmt.Sprintf("%s:%d:%d", p.File, p.Pos.Line, p.Pos.Column))
		})
	}
}

func TestYAMLNestedAliasesCountTheirExpansion(t *testing.T) {
	// The billion-laughs shape: each level doubles what the one below
	// expands to, so a few hundred bytes name gigabytes.
	var b strings.Builder
	b.WriteString("l0: &l0 \"" + strings.Repeat("x", 64) + "\"\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [*l%d, *l%d]\n", i, i, i-1, i-1)
	}
	_, errs := SplitWith("bomb.yaml", b.String(), SplitOptions{MaxExpanded: 1 << 20})
	assert.True(t, hasProblem(problems(t, errs), "YAML aliases expand"), "%v", errs)
}

func hasProblem(ps []*Problem, msg string) bool {
	for _, p := range ps {
		if strings.Contains(p.Msg, msg) {
			return true
		}
	}
	return false
}

func TestLargePlainYAMLCollectionIsLintedWhole(t *testing.T) {
	// 40,000 entries: far more nodes than the old 200,000-node cap allowed
	// (entries from 28,571 on were silently skipped).
	var b strings.Builder
	const n = 40000
	for i := range n {
		fmt.Fprintf(&b, "- name: t%d\n  channel: amazon\n  body: Hello, thanks for order %d.\n", i, i)
	}
	msgs, errs := SplitWith("big.yaml", b.String(), SplitOptions{MaxExpanded: 1 << 30})
	assert.Empty(t, errs)
	require.Len(t, msgs, n)
	assert.Equal(t, "t39999", msgs[n-1].Name)
	assert.Equal(t, "Hello, thanks for order 39999.", msgs[n-1].Text)
}

func TestYAMLTooDeep(t *testing.T) {
	src := strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n"
	_, errs := SplitWith("deep.yaml", src, SplitOptions{})
	assert.True(t, hasProblem(problems(t, errs), "nested more than 64 levels deep"), "%v", errs)
}

// FuzzYAMLAliases splits YAML built around anchors and aliases: whatever
// the input, splitting stays within the expansion limit, every map stays
// inside the file, and a refused alias is reported once at a place in the
// file.
func FuzzYAMLAliases(f *testing.F) {
	f.Add("a: &a \"xxxx\"\nb: [*a, *a, *a]\n", 3)
	f.Add("a: &a [&b x, *b]\nc: {k: *a, l: *b}\n", 2)
	f.Add("- &t {name: t, body: Hello *x}\n- *t\n- *t\n", 8)
	f.Add("l0: &l0 [x, x]\nl1: &l1 [*l0, *l0]\nl2: &l2 [*l1, *l1]\nl3: [*l2, *l2, *l2]\n", 4)
	f.Fuzz(func(t *testing.T, src string, repeat int) {
		if len(src) > 4096 {
			return
		}
		// Repeat the last line's aliases to reach past the limit.
		repeat = max(0, min(repeat, 64))
		lines := strings.Split(strings.TrimRight(src, "\n"), "\n")
		last := lines[len(lines)-1]
		for range repeat {
			lines = append(lines, last)
		}
		doc := strings.Join(lines, "\n") + "\n"
		const limit = 2048
		msgs, errs := SplitWith("f.yaml", doc, SplitOptions{Format: YAML, MaxExpanded: limit})
		checkMaps(t, doc, msgs, errs)
		total := 0
		for _, m := range msgs {
			total += len(m.Text)
		}
		if total > limit {
			t.Fatalf("messages hold %d bytes, over the %d-byte expansion limit", total, limit)
		}
		refused := 0
		for _, p := range problems(t, errs) {
			if strings.Contains(p.Msg, "YAML aliases expand") {
				refused++
				if p.Pos.Line < 1 {
					t.Fatalf("refusal without a place: %+v", p)
				}
			}
		}
		if refused > 1 {
			t.Fatalf("refusal reported %d times", refused)
		}
	})
}

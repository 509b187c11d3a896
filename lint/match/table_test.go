package match

import (
	"errors"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/rule"
)

func tableSet(t testing.TB, patterns ...string) *Set {
	t.Helper()
	var list []rule.String
	for _, p := range patterns {
		list = append(list, rule.String{Value: p})
	}
	s, err := CompileRule(&rule.Rule{Spec: rule.Spec{ID: "t"}}, map[string]rule.Match{
		"en": {Patterns: list, Except: []rule.String{{Value: "not (this|that)"}}},
		"*":  {Phrases: []rule.String{{Value: "leave * review"}}},
	})
	require.NoError(t, err)
	return s
}

// TestTableGivesWhatAnalysisGives: every entry decodes to the analysis it
// was made from, for expressions with every kind of fact (literals with
// bounds, confirming sets, anchors, word boundaries, first bytes, pairs,
// expressions that never match or have no literal).
func TestTableGivesWhatAnalysisGives(t *testing.T) {
	set := tableSet(t,
		`\bfive stars?(?:\s|$|[!.])`,
		`^dear (?:customer|buyer)`,
		`(?:\$ ?\d+|refund|gift ?cards?)[^.!?]{0,80}?\bif you\b[^.!?]{0,60}?\breviews?\b`,
		`[^\x00-\x{10FFFF}]`,
		`\d+`,
		`(?i)Tracking`,
	)
	data, err := EncodeTable(set)
	require.NoError(t, err)
	table, err := LoadTable(data)
	require.NoError(t, err)
	n := 0
	for _, p := range set.allPrograms() {
		for _, expr := range p.exprs {
			want, err := analyze(expr, p.lower)
			require.NoError(t, err)
			got, ok := table.lookup(expr, p.lower)
			require.True(t, ok, expr)
			assert.True(t, reflect.DeepEqual(want, got), "%s:\n want %+v\n got  %+v", expr, want, got)
			n++
		}
	}
	assert.Equal(t, 8, n) // six patterns, an except, a phrase
	_, ok := table.lookup("not in the table", false)
	assert.False(t, ok)

	again, err := EncodeTable(set)
	require.NoError(t, err)
	assert.Equal(t, data, again, "the encoding is deterministic")
}

func TestLoadTableRefusesBadData(t *testing.T) {
	data, err := EncodeTable(tableSet(t, `\bgift cards?\b`))
	require.NoError(t, err)
	for name, bad := range map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("nope"), data[4:]...),
		"version":   append(append([]byte{}, data[:4]...), append([]byte{99}, data[5:]...)...),
		"truncated": data[:len(data)-3],
		"trailing":  append(append([]byte{}, data...), 0),
	} {
		_, err := LoadTable(bad)
		assert.True(t, errors.Is(err, ErrTable), "%s: %v", name, err)
	}
}

// FuzzLoadTable: any bytes load or are refused, and lookups on what loads
// never panic.
func FuzzLoadTable(f *testing.F) {
	data, err := EncodeTable(tableSet(f, `\bgift cards?\b`, `^hi\b`))
	require.NoError(f, err)
	f.Add(data)
	f.Add([]byte("rlpf\x01\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		table, err := LoadTable(data)
		if err != nil {
			return
		}
		for k := range table.entries {
			d := decoder{b: table.entries[k]}
			_ = d.prefilter()
		}
	})
}

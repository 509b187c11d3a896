package rule

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/rules"
)

// yamlRules parses the built-in rule files, without their YAML trees (which
// a snapshot does not keep).
func yamlRules(t testing.TB) []*Rule {
	t.Helper()
	rs, err := LoadFS(rules.FS, ".", "rules")
	require.NoError(t, err)
	for _, r := range rs {
		r.node = nil
	}
	return rs
}

// TestSnapshotIsFresh: the embedded snapshot is what the rule files give.
func TestSnapshotIsFresh(t *testing.T) {
	data, err := EncodeSnapshot(yamlRules(t))
	require.NoError(t, err)
	if string(data) != rules.Rules {
		t.Fatal("rules/rules.bin is stale: run go generate ./rules")
	}
}

// TestSnapshotRoundTrip: decoding gives the rules the YAML gives, field for
// field (nil or empty, a pointer to zero), unexported fields included.
func TestSnapshotRoundTrip(t *testing.T) {
	want := yamlRules(t)
	got, err := DecodeSnapshot(rules.Rules)
	require.NoError(t, err)
	require.Len(t, got, len(want))
	for i := range want {
		require.True(t, reflect.DeepEqual(want[i], got[i]), "rule %s differs after a round trip", want[i].ID)
	}
	again, err := EncodeSnapshot(got)
	require.NoError(t, err)
	assert.Equal(t, rules.Rules, string(again))
}

// TestSnapshotDamaged: a cut or altered snapshot is an error, never a panic.
func TestSnapshotDamaged(t *testing.T) {
	data := rules.Rules
	for n := 0; n < len(data); n += 1 + n/3 {
		_, err := DecodeSnapshot(data[:n])
		assert.Error(t, err, "cut at %d", n)
	}
	_, err := DecodeSnapshot(data + "x")
	assert.Error(t, err)
	for _, at := range []int{len(snapshotMagic), len(snapshotMagic) + 1, len(data) / 3, len(data) / 2} {
		b := []byte(data)
		b[at] ^= 0xff
		_, _ = DecodeSnapshot(string(b)) // may decode; must not panic
	}
}

// TestSnapshotAtWithoutTree: a decoded rule places errors at the rule.
func TestSnapshotAtWithoutTree(t *testing.T) {
	got, err := DecodeSnapshot(rules.Rules)
	require.NoError(t, err)
	assert.Equal(t, got[0].Pos, got[0].At("patterns", "id"))
}

func BenchmarkDecodeSnapshot(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeSnapshot(rules.Rules); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadYAML(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadFS(rules.FS, ".", "rules"); err != nil {
			b.Fatal(err)
		}
	}
}

package triage_test

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/triage"
)

const goodSignal = `id: damaged
title: Damaged
risk: 50
reply: complaint
remedies: [refund]
patterns:
  - pattern: "@buyer-damage"
`

func TestParseSignalErrors(t *testing.T) {
	for name, tc := range map[string]struct{ src, want string }{
		"unknown key":     {"id: x\ntitle: X\nrisk: 1\nreply: complaint\npatterns: [{pattern: a}]\nweight: 3\n", "s.yaml:6:1"},
		"bad id":          {"id: Bad_ID\ntitle: X\nrisk: 1\nreply: complaint\npatterns: [{pattern: a}]\n", "s.yaml:1:5: a signal needs id"},
		"risk range":      {"id: x\ntitle: X\nrisk: 300\nreply: complaint\npatterns: [{pattern: a}]\n", "s.yaml:3:7: risk must be from 0 to 100"},
		"reply kind":      {"id: x\ntitle: X\nrisk: 1\nreply: maybe\npatterns: [{pattern: a}]\n", "s.yaml:4:8: reply must be complaint or information"},
		"no patterns":     {"id: x\ntitle: X\nrisk: 1\nreply: complaint\n", "has no patterns"},
		"unknown remedy":  {"id: x\ntitle: X\nrisk: 1\nreply: complaint\nremedies: [hug]\npatterns: [{pattern: a}]\n", `unknown remedy "hug"`},
		"pattern and all": {"id: x\ntitle: X\nrisk: 1\nreply: complaint\npatterns:\n  - pattern: a\n    all: [b]\n", "s.yaml:6:5: a pattern has either pattern: or all:"},
		"scope":           {"id: x\ntitle: X\nrisk: 1\nreply: complaint\npatterns:\n  - pattern: a\n    scope: page\n", "scope must be"},
		"report":          {"id: x\ntitle: X\nrisk: 1\nreply: complaint\npatterns:\n  - all: [a]\n    report: 2\n", "report: 2 is not an item"},
		"language":        {"id: x\ntitle: X\nrisk: 1\nreply: complaint\npatterns:\n  - pattern: a\n    languages: [pt]\n", `unknown language "pt"`},
		"example lang":    {"id: x\ntitle: X\nrisk: 1\nreply: complaint\npatterns: [{pattern: a}]\nexamples:\n  pt: {match: [a]}\n", `examples in unknown language "pt"`},
		"broken yaml":     {"id: [x\n", "s.yaml:"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := triage.ParseSignal("s.yaml", []byte(tc.src))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	s, err := triage.ParseSignal("s.yaml", []byte(goodSignal))
	require.NoError(t, err)
	assert.Equal(t, "sentence", s.Patterns[0].Scope)
}

func TestLoadSignals(t *testing.T) {
	fsys := fstest.MapFS{
		"a.yaml":            {Data: []byte(goodSignal)},
		"b.yaml":            {Data: []byte(goodSignal)},
		"skeletons/en.yaml": {Data: []byte("not a signal")},
		"notes.txt":         {Data: []byte("ignored")},
		"broken/c.yaml":     {Data: []byte("id: c\n")},
		"broken/d.yaml":     {Data: []byte("id: [\n")},
	}
	_, err := triage.LoadSignals(fsys, ".", "sig")
	require.Error(t, err)
	// Every problem at once, each with its file.
	assert.Contains(t, err.Error(), `sig/b.yaml:1: signal "damaged" is defined twice (first in sig/a.yaml)`)
	assert.Contains(t, err.Error(), "sig/broken/c.yaml")
	assert.Contains(t, err.Error(), "sig/broken/d.yaml")
	assert.NotContains(t, err.Error(), "skeletons")

	// A pattern naming a vocabulary no language has compiles nowhere: the
	// signal then says nothing, which New accepts; a broken pattern is an
	// error with the signal's file.
	sigs, err := triage.LoadSignals(fstest.MapFS{"a.yaml": {Data: []byte(goodSignal)}}, ".", "sig")
	require.NoError(t, err)
	_, err = triage.New(triage.Config{Signals: sigs})
	require.NoError(t, err)
	bad, err := triage.ParseSignal("sig/x.yaml", []byte("id: x\ntitle: X\nrisk: 1\nreply: complaint\npatterns: [{pattern: \"..99\"}]\n"))
	require.NoError(t, err)
	_, err = triage.New(triage.Config{Signals: []*triage.Signal{bad}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sig/x.yaml: signal x pattern #1")
}

func FuzzParseSignal(f *testing.F) {
	f.Add(goodSignal)
	f.Add("id: x\npatterns: [{all: [a, b], not: [c], report: 0}]\n")
	f.Add("&a [*a, *a]")
	f.Fuzz(func(t *testing.T, src string) {
		s, err := triage.ParseSignal("f.yaml", []byte(src))
		if err == nil && (s.ID == "" || len(s.Patterns) == 0) {
			t.Fatalf("accepted a signal without id or patterns: %q", src)
		}
	})
}

package triage_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/triage"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestReportGolden(t *testing.T) {
	tr := newTriager(t)
	msgs, err := triage.ReadPaths([]string{"testdata/inbox.jsonl"})
	require.NoError(t, err)
	rs := tr.Triage(msgs, at("2026-03-10T12:00:00Z"))
	skeletons := map[string]string{}
	for _, r := range rs {
		skeletons[r.ID] = tr.Skeleton(r)
	}
	for _, tc := range []struct {
		format triage.Format
		file   string
		sk     map[string]string
	}{
		{triage.Text, "report.txt", nil},
		{triage.Text, "report-skeleton.txt", skeletons},
		{triage.JSON, "report.json", skeletons},
		{triage.CSV, "report.csv", nil},
		{triage.Markdown, "report.md", skeletons},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, triage.Write(&b, tc.format, rs, tc.sk))
			path := filepath.Join("testdata", tc.file)
			if *update {
				require.NoError(t, os.WriteFile(path, b.Bytes(), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "go test ./lint/triage -update writes it")
			assert.Equal(t, string(want), b.String())
		})
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]triage.Format{"text": triage.Text, "JSON": triage.JSON, "csv": triage.CSV, "markdown": triage.Markdown, "md": triage.Markdown} {
		got, err := triage.ParseFormat(in)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	_, err := triage.ParseFormat("sarif")
	assert.Error(t, err)
}

// IDs and texts from the input cannot break a table, move the cursor or
// issue a CI workflow command.
func TestReportInjection(t *testing.T) {
	tr := newTriager(t)
	rs := tr.Triage([]triage.Message{{ID: "a\x1b[2J\u202e##[error]x\n|y", Text: "Where is it?##[warning]", Language: "en"}}, at("2026-03-10T12:00:00Z"))
	for _, f := range []triage.Format{triage.Text, triage.JSON, triage.CSV, triage.Markdown} {
		var b bytes.Buffer
		require.NoError(t, triage.Write(&b, f, rs, map[string]string{}))
		out := b.String()
		assert.NotContains(t, out, "\x1b", f)
		assert.NotContains(t, out, "\u202e", f)
		assert.NotContains(t, out, "##[", f)
	}
}

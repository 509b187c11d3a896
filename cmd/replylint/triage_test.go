package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/replylint/replylint/lint/triage"
)

const triageInbox = "testdata/triage/inbox"

func TestTriageJSON(t *testing.T) {
	r := runCLI(t, "", "triage", "--now", "2026-03-10T12:00:00Z", "--format", "json", triageInbox)
	require.Equal(t, exitOK, r.code, r.stderr)
	var out struct {
		Messages []struct {
			Rank     int      `json:"rank"`
			ID       string   `json:"id"`
			Signals  []string `json:"signals"`
			TimeLeft string   `json:"timeLeft"`
			Score    struct {
				Priority float64 `json:"priority"`
			} `json:"score"`
		} `json:"messages"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	require.GreaterOrEqual(t, len(out.Messages), 150)
	for i, m := range out.Messages {
		assert.Equal(t, i+1, m.Rank)
		if i > 0 {
			assert.GreaterOrEqual(t, out.Messages[i-1].Score.Priority, m.Score.Priority)
		}
	}
	// Reproducible with --now.
	again := runCLI(t, "", "triage", "--now", "2026-03-10T12:00:00Z", "--format", "json", triageInbox)
	assert.Equal(t, r.stdout, again.stdout)
}

func TestTriageFlags(t *testing.T) {
	r := runCLI(t, "", "triage", "--now", "2026-03-10T12:00:00Z", "--deadline", "shopify=6h", "--weight", "shopify=2", "--top", "3", "--format", "csv", triageInbox)
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	assert.Len(t, lines, 4, "header and three rows")

	r = runCLI(t, "", "triage", "--now", "2026-03-10T12:00:00Z", "--labels", "testdata/triage/labels.tsv", triageInbox)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Spearman rank correlation")
	assert.Contains(t, r.stdout, "a-to-z-claim")

	for _, args := range [][]string{
		{"--format", "sarif"},
		{"--now", "tomorrow"},
		{"--deadline", "shopify"},
		{"--deadline", "etsy=3h"},
		{"--weight", "amazon=0"},
		{"--top", "-1"},
		{"--channel", "etsy"},
		{"--language", "pt"},
		{"--signals", "testdata/no-such-dir"},
		{"--labels", "testdata/no-such-file"},
	} {
		r := runCLI(t, "", append(append([]string{"triage"}, args...), triageInbox)...)
		assert.Equalf(t, exitError, r.code, "%v: %s", args, r.stdout)
		assert.NotEmptyf(t, r.stderr, "%v", args)
	}
	r = runCLI(t, "", "triage", "testdata/triage/missing.jsonl")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "missing.jsonl")
}

// The signal rules are data for triage only: check never loads or reports
// them, and rules list does not show them.
func TestSignalsAreNotReplyRules(t *testing.T) {
	r := runCLI(t, "", "rules", "list")
	require.Equal(t, exitOK, r.code, r.stderr)
	for _, id := range triage.SignalIDs() {
		for _, line := range strings.Split(r.stdout, "\n") {
			f := strings.Fields(line)
			assert.Falsef(t, len(f) > 0 && f[0] == id, "rules list shows the signal %s", id)
		}
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "reply.txt")
	require.NoError(t, os.WriteFile(p, []byte("I will open an A-to-z claim and call my bank for a chargeback."), 0o644))
	r = runCLI(t, "", "check", "--format", "json", p)
	for _, id := range triage.SignalIDs() {
		assert.NotContains(t, r.stdout, `"`+id+`"`)
	}
}

// A reply skeleton written by --reply-skeleton passes check in template
// mode, in every language of the labelled inbox.
func TestTriageSkeletonsPassCheck(t *testing.T) {
	r := runCLI(t, "", "triage", "--now", "2026-03-10T12:00:00Z", "--reply-skeleton", "--format", "json", triageInbox)
	require.Equal(t, exitOK, r.code, r.stderr)
	var out struct {
		Messages []struct {
			ID       string `json:"id"`
			Language string `json:"language"`
			Reply    string `json:"reply"`
			Skeleton string `json:"skeleton"`
		} `json:"messages"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	dir := t.TempDir()
	seen := map[string]bool{}
	for _, m := range out.Messages {
		key := m.Language + "/" + m.Reply
		if seen[key] {
			continue
		}
		seen[key] = true
		p := filepath.Join(dir, m.ID+".txt")
		require.NoError(t, os.WriteFile(p, []byte(m.Skeleton), 0o644))
		kind := "reply"
		if m.Reply == "complaint" {
			kind = "complaint-reply"
		}
		c := runCLI(t, "", "check", "--mode", "template", "--kind", kind, "--language", m.Language, p)
		assert.Equalf(t, exitOK, c.code, "%s (%s): %s\n%s", m.ID, key, c.stdout, m.Skeleton)
	}
	assert.Len(t, seen, 14, "both reply kinds in all seven languages")
}

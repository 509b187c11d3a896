package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type jsonOut struct {
	Files []struct {
		Path     string
		Channel  string
		Score    int
		Findings []struct {
			Rule   string
			Line   int
			Column int
			Match  string
		}
	}
}

func decode(t *testing.T, s string) jsonOut {
	t.Helper()
	var out jsonOut
	require.NoError(t, json.Unmarshal([]byte(s), &out), s)
	return out
}

func rulesOf(out jsonOut, path string) map[string][]int {
	got := map[string][]int{}
	for _, f := range out.Files {
		if f.Path != path {
			continue
		}
		for _, fd := range f.Findings {
			got[fd.Rule] = append(got[fd.Rule], fd.Line)
		}
	}
	return got
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

// TestTemplateRepository runs check over a small template repository with a
// config, an override, front matter, a collection and suppressions.
func TestTemplateRepository(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, ".replylint.yaml", "mode: template\nextensions: [.md, .txt, .tmpl, .yaml]\nallow-domains: [help.northwind.example]\noverrides:\n  - files: [\"shopify/**\"]\n    channel: shopify\n")
	welcome := write(t, dir, "amazon/welcome.md", "---\nkind: proactive\n---\nHi {{buyer_name}},\n\nThanks for your order. Our help pages: https://help.northwind.example/start\n\nBest regards,\nNorthwind\n")
	promo := write(t, dir, "shopify/promo.txt", "Hi {{buyer_name}},\n\nUse code SAVE10 for 10% off your next order at https://northwind.example/shop!\n")
	suppressed := write(t, dir, "amazon/suppressed.tmpl", "Hi,\n{{/* replylint-disable-next-line review-manipulation -- legal approved this wording */}}\nPlease update your review.\nPlease remove your review.\n")
	collection := write(t, dir, "amazon/collection.yaml", "- name: late\n  kind: complaint-reply\n  body: |\n    Hi,\n    Please leave us a 5-star review.\n- name: thanks\n  kind: reply\n  body: Thank you for your order.\n")
	r := runCLI(t, "", "check", "--format", "json", dir)
	assert.Equal(t, exitFailed, r.code, r.stderr)
	out := decode(t, r.stdout)
	require.Len(t, out.Files, 4)

	assert.Empty(t, rulesOf(out, welcome)["placeholder"], "template mode from the config")
	assert.Empty(t, rulesOf(out, welcome)["external-link"], "allow-domains from the config")
	assert.Empty(t, rulesOf(out, welcome)["apology"], "proactive from front matter")

	assert.Empty(t, rulesOf(out, promo)["promotion"], "promotion is off on shopify (override)")
	for _, f := range out.Files {
		if f.Path == promo {
			assert.Equal(t, "shopify", f.Channel)
		}
	}
	assert.Equal(t, []int{4}, rulesOf(out, suppressed)["review-manipulation"], "line 3 is suppressed, line 4 is not")
	assert.Equal(t, []int{5}, rulesOf(out, collection)["review-manipulation"], "collection finding on the file's line")

	// Command-line flags win over config and front matter.
	r = runCLI(t, "", "check", "--format", "json", "--mode", "draft", welcome)
	assert.NotEmpty(t, rulesOf(decode(t, r.stdout), welcome)["placeholder"])
}

func TestSuppressionWithoutReasonWarns(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.tmpl", "{{/* replylint-disable-next-line review-manipulation */}}\nPlease update your review.\n")
	r := runCLI(t, "", "check", "--kind", "reply", p)
	assert.Equal(t, exitOK, r.code, r.stdout+r.stderr)
	assert.Contains(t, r.stderr, "warning")
}

func TestConfigErrorsAndPrint(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, ".replylint.yaml", "channel: amazon\ncolour: red\n")
	p := write(t, dir, "a.txt", "Thank you for your order.")
	r := runCLI(t, "", "check", p)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, ".replylint.yaml:2:1: unknown key \"colour\"")

	write(t, dir, ".replylint.yaml", "channel: ebay\noverrides:\n  - files: [\"*.txt\"]\n    mode: template\n")
	r = runCLI(t, "", "config", "print", p)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "channel: ebay")
	assert.Contains(t, r.stdout, "mode: template")
	assert.Contains(t, r.stdout, "overrides[0]")
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	wd, err := os.Getwd()
	require.NoError(t, err)
	require.NoError(t, os.Chdir(dir))
	defer func() { require.NoError(t, os.Chdir(wd)) }()
	r := runCLI(t, "", "init")
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.FileExists(t, filepath.Join(dir, ".replylint.yaml"))
	r = runCLI(t, "", "init")
	assert.Equal(t, exitError, r.code, "does not overwrite")
	r = runCLI(t, "", "config", "print", "x.txt")
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "mode: template")
}

func TestBaseline(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.txt", "Hi,\nPlease remove your review.\n")
	base := filepath.Join(dir, "baseline.json")
	r := runCLI(t, "", "baseline", "--kind", "reply", "-o", base, p)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "recorded 1 findings")

	r = runCLI(t, "", "check", "--kind", "reply", "--baseline", base, p)
	assert.Equal(t, exitOK, r.code, "known finding is not reported")

	write(t, dir, "a.txt", "Hi,\n\nPlease remove your review.\nPlease delete your review.\n")
	r = runCLI(t, "", "check", "--kind", "reply", "--baseline", base, "--format", "json", p)
	assert.Equal(t, exitFailed, r.code)
	assert.Equal(t, []int{4}, rulesOf(decode(t, r.stdout), p)["review-manipulation"], "only the new finding")
}

func TestUnknownRuleInSuppressionIsAnError(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.tmpl", "Hi,\n{{/* replylint-disable-next-line no-such-rule -- typo */}}\nThanks.\n")
	r := runCLI(t, "", "check", p)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, `a.tmpl:2:`)
	assert.Contains(t, r.stderr, `unknown rule "no-such-rule"`)
}

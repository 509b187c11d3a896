package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestMain runs the tests from the repository root, so paths in golden
// files read as a user would type them.
func TestMain(m *testing.M) {
	if err := os.Chdir(filepath.Join("..", "..")); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// The CLI runs in-process through run(), the same function main calls, so
// the tests exercise flag parsing, exit codes and output without building a
// binary per test.
type cliResult struct {
	code           int
	stdout, stderr string
}

func runCLI(t *testing.T, stdin string, args ...string) cliResult {
	t.Helper()
	t.Setenv("NO_COLOR", "1")
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return cliResult{code: code, stdout: out.String(), stderr: errOut.String()}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "cli", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./cmd/replylint -update")
	assert.Equal(t, string(want), got, "output differs from %s (go test ./cmd/replylint -update rewrites it)", path)
}

const (
	badReply  = "testdata/examples/bad-reply.txt"
	goodReply = "testdata/examples/good-reply.txt"
)

func TestCheckGolden(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif", "github"} {
		t.Run(format, func(t *testing.T) {
			r := runCLI(t, "", "check", "--format", format, badReply, goodReply)
			assert.Equal(t, exitFailed, r.code, r.stderr)
			assert.Empty(t, r.stderr)
			golden(t, "check."+format+".golden", r.stdout)
			if format == "json" || format == "sarif" {
				assert.True(t, json.Valid([]byte(r.stdout)))
			}
		})
	}
}

func TestCheckGoodReplyPasses(t *testing.T) {
	r := runCLI(t, "", "check", goodReply)
	assert.Equal(t, exitOK, r.code, r.stdout+r.stderr)
	assert.Contains(t, r.stdout, "passed")
}

func TestCheckStdin(t *testing.T) {
	r := runCLI(t, "Please leave us a 5-star review!", "check", "--kind", "reply", "--format", "json")
	assert.Equal(t, exitFailed, r.code)
	var out struct {
		Files []struct {
			Path     string
			Findings []struct{ Rule string }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	require.Len(t, out.Files, 1)
	assert.Equal(t, "<stdin>", out.Files[0].Path)
	var rules []string
	for _, f := range out.Files[0].Findings {
		rules = append(rules, f.Rule)
	}
	assert.Contains(t, rules, "review-manipulation")
}

func TestCheckFailLevelAndMinScore(t *testing.T) {
	msg := "Hi,\n\nYour order 111-2223334-4445556 is delayed by a day.\n\nthanks"
	assert.Equal(t, exitOK, runCLI(t, msg, "check", "--kind", "proactive", "-").code)
	assert.Equal(t, exitFailed, runCLI(t, msg, "check", "--kind", "proactive", "--fail-level", "info", "-").code)
	assert.Equal(t, exitFailed, runCLI(t, "PLEASE PLEASE remove your review", "check", "--fail-level", "off", "--min-score", "90", "-").code)
	assert.Equal(t, exitOK, runCLI(t, "Please remove your review", "check", "--kind", "reply", "--disable", "review-manipulation", "-").code)
}

func TestCheckMissingPathStillLintsTheRest(t *testing.T) {
	r := runCLI(t, "", "check", "--quiet", "no/such/file.txt", goodReply)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "no/such/file.txt: no such file or directory")
}

func TestCheckDirectoryWalk(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Please remove your review."), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.md"), []byte("Thank you for your order."), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "image.png"), []byte{0x89, 'P', 'N', 'G', 0}, 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, ".git"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".git", "c.txt"), []byte("Please remove your review."), 0o644))
	r := runCLI(t, "", "check", "--format", "json", "--kind", "reply", dir)
	assert.Equal(t, exitFailed, r.code, r.stderr)
	assert.Contains(t, r.stdout, "a.txt")
	assert.Contains(t, r.stdout, "b.md")
	assert.NotContains(t, r.stdout, "image.png")
	assert.NotContains(t, r.stdout, "c.txt")
}

func TestCheckBadInput(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "blob.txt")
	require.NoError(t, os.WriteFile(bin, []byte("ab\x00cd"), 0o644))
	latin1 := filepath.Join(dir, "latin1.txt")
	require.NoError(t, os.WriteFile(latin1, []byte("Hello\nCaf\xe9"), 0o644))
	utf16 := filepath.Join(dir, "utf16.txt")
	require.NoError(t, os.WriteFile(utf16, []byte{0xFF, 0xFE, 'H', 0, 'i', 0}, 0o644))

	r := runCLI(t, "", "check", bin)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "binary file")

	r = runCLI(t, "", "check", latin1)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "latin1.txt:2:4: invalid UTF-8")

	r = runCLI(t, "", "check", "--format", "json", utf16)
	assert.NotEqual(t, exitError, r.code, r.stderr)

	r = runCLI(t, "", "check", "--max-bytes", "3", goodReply)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "--max-bytes")
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"check", "--channel", "etsy"},
		{"check", "--format", "xml"},
		{"check", "--fail-level", "fatal"},
		{"check", "--min-score", "101"},
		{"check", "--no-such-flag"},
		{"explain", "no-such-rule"},
		{"frobnicate"},
	} {
		r := runCLI(t, "", args...)
		assert.Equal(t, exitError, r.code, "%v", args)
		assert.NotEmpty(t, r.stderr, "%v", args)
	}
}

func TestBrokenRulesAreReportedWithPositions(t *testing.T) {
	r := runCLI(t, "hi", "check", "--rules", "testdata/rules/broken", "-")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "bad.yaml:5:1: unknown key \"colour\"")
	assert.NotContains(t, r.stderr, "goroutine", "no stack trace")
}

func TestRulesList(t *testing.T) {
	r := runCLI(t, "", "rules", "list")
	assert.Equal(t, exitOK, r.code, r.stderr)
	golden(t, "rules-list.golden", r.stdout)
}

func TestRulesTest(t *testing.T) {
	r := runCLI(t, "", "rules", "test")
	assert.Equal(t, exitOK, r.code, r.stdout)
	assert.Contains(t, r.stdout, " 0 failed")

	r = runCLI(t, "", "rules", "test", "testdata/rules/custom")
	assert.Equal(t, exitOK, r.code, r.stdout)
	assert.Contains(t, r.stdout, "1 rules, 5 bad and 5 good examples: 10 passed, 0 failed")

	r = runCLI(t, "", "rules", "test", "testdata/rules/failing")
	assert.Equal(t, exitFailed, r.code)
	assert.Contains(t, r.stdout, "wrong-example.yaml:11:7: rule wrong-example did not report its bad example")
}

func TestCustomRulesRunBesideBuiltins(t *testing.T) {
	r := runCLI(t, "Every kettle has a lifetime warranty.", "check", "--format", "json", "--rules", "testdata/rules/custom", "-")
	assert.Contains(t, r.stdout, `"rule": "no-lifetime-warranty"`)
	assert.Equal(t, exitOK, r.code, "a warning does not fail at the default fail level")
}

func TestExplain(t *testing.T) {
	r := runCLI(t, "", "explain", "review-manipulation")
	assert.Equal(t, exitOK, r.code, r.stderr)
	golden(t, "explain.golden", r.stdout)
}

func TestFixAndDiff(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "draft.txt")
	original := "Hi Ana,\r\n\r\nYour order 111-2223334-4445556 is delayed.Tracking starts tonight!!\r\n\r\nBest regards,\r\nBo\r\n"
	require.NoError(t, os.WriteFile(p, []byte(original), 0o640))

	r := runCLI(t, "", "check", "--kind", "proactive", "--diff", p)
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "-Your order 111-2223334-4445556 is delayed.Tracking starts tonight!!\r\n")
	assert.Contains(t, r.stdout, "+Your order 111-2223334-4445556 is delayed. Tracking starts tonight!\r\n")
	got, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, original, string(got), "--diff does not write")

	r = runCLI(t, "", "check", "--kind", "proactive", "--fix", "--fail-level", "info", p)
	assert.Equal(t, exitOK, r.code, r.stdout+r.stderr)
	got, err = os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "Hi Ana,\r\n\r\nYour order 111-2223334-4445556 is delayed. Tracking starts tonight!\r\n\r\nBest regards,\r\nBo\r\n", string(got))
	info, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), info.Mode().Perm())

	before, err := os.Stat(p)
	require.NoError(t, err)
	r = runCLI(t, "", "check", "--kind", "proactive", "--fix", p)
	assert.Equal(t, exitOK, r.code)
	after, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, before.ModTime(), after.ModTime(), "a file with nothing to fix is not touched")
}

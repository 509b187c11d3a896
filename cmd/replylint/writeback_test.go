package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wbReport is the part of the JSON report the write-back tests read.
type wbReport struct {
	Files []struct {
		Path     string `json:"path"`
		Score    int    `json:"score"`
		Findings []struct {
			Rule  string `json:"rule"`
			Entry string `json:"entry"`
		} `json:"findings"`
		Entries []struct {
			Name  string `json:"name"`
			Score int    `json:"score"`
		} `json:"entries"`
		MinScore     int    `json:"minScore"`
		ScoreFailure string `json:"scoreFailure"`
	} `json:"files"`
}

func wbDecode(t *testing.T, out string) wbReport {
	t.Helper()
	var r wbReport
	require.NoError(t, json.Unmarshal([]byte(out), &r), "stdout is not the JSON report:\n%s", out)
	return r
}

func wbWrite(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

func TestFixStandardInputPrintsTheFixedText(t *testing.T) {
	r := runCLI(t, "Hi Sam,\n\nYour parcel left our warehouse today!!\n\nBest regards,\nTom\n", "check", "--no-config", "--fix", "-")
	assert.Equal(t, "Hi Sam,\n\nYour parcel left our warehouse today!\n\nBest regards,\nTom\n", r.stdout)
	assert.Contains(t, r.stderr, "<stdin>: 1 fix in 1 pass")
	assert.Contains(t, r.stderr, "passed", "what remains is reported on standard error")
	assert.Equal(t, exitOK, r.code, r.stderr)

	// Nothing to fix: the text comes back as it was.
	r = runCLI(t, "Thank you for your order.\n", "check", "--no-config", "--fix", "-")
	assert.Equal(t, "Thank you for your order.\n", r.stdout)
}

func TestInvalidFlagValuesNameTheAllowedOnes(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--color", "sometimes"}, "auto, always or never"},
		{[]string{"--marketplace", "amazon.xx"}, "amazon.de"},
		{[]string{"--max-bytes", "-1"}, "positive number of bytes"},
		{[]string{"--max-bytes", "0"}, "positive number of bytes"},
		{[]string{"--ext", "txt"}, "such as .txt"},
		{[]string{"--format", "xml"}, "text, json, sarif, github or markdown"},
		{[]string{"--fail-level", "fatal"}, "error, warning, info or off"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runCLI(t, "Thanks.\n", append(append([]string{"check", "--no-config"}, tt.args...), "-")...)
			assert.Equal(t, exitError, r.code)
			assert.Contains(t, r.stderr, tt.args[0])
			assert.Contains(t, r.stderr, tt.want)
		})
	}
}

func TestSuppressedAndBaselinedFindingsCostNothing(t *testing.T) {
	dir := t.TempDir()
	text := "Hi Sam,\n\nYour parcel left our warehouse today!!\n\nBest regards,\nTom\n"
	p := wbWrite(t, dir, "a.txt", "<!-- replylint-disable style-shouting -- brand voice -->\n"+text)
	r := runCLI(t, "", "check", "--no-config", "--format", "json", "--min-score", "100", p)
	assert.Equal(t, exitOK, r.code, r.stdout+r.stderr)
	out := wbDecode(t, r.stdout)
	require.Len(t, out.Files, 1)
	assert.Empty(t, out.Files[0].Findings)
	assert.Equal(t, 100, out.Files[0].Score)

	b := wbWrite(t, dir, "b.txt", text)
	base := filepath.Join(dir, "baseline.json")
	r = runCLI(t, "", "baseline", "--no-config", "-o", base, b)
	require.Equal(t, exitOK, r.code, r.stderr)
	r = runCLI(t, "", "check", "--no-config", "--format", "json", "--baseline", base, "--min-score", "100", b)
	assert.Equal(t, exitOK, r.code, r.stdout+r.stderr)
	assert.Equal(t, 100, wbDecode(t, r.stdout).Files[0].Score)
}

func TestMinScoreFailureIsExplainedInEveryFormat(t *testing.T) {
	dir := t.TempDir()
	p := wbWrite(t, dir, "a.txt", "Hi Sam,\n\nYour parcel left our warehouse today!!\n\nBest regards,\nTom\n")
	want := "below the minimum score 100"
	for _, format := range []string{"text", "json", "sarif", "github", "markdown"} {
		t.Run(format, func(t *testing.T) {
			r := runCLI(t, "", "check", "--no-config", "--fail-level", "off", "--min-score", "100", "--format", format, p)
			assert.Equal(t, exitFailed, r.code, r.stderr)
			assert.Contains(t, r.stdout, want)
			switch format {
			case "github":
				assert.Contains(t, r.stdout, "::error file="+filepath.ToSlash(p)+",line=1,col=1,endLine=1,endColumn=1,title=min-score::score ")
			case "sarif":
				assert.Contains(t, r.stdout, `"toolExecutionNotifications"`)
			case "json":
				out := wbDecode(t, r.stdout)
				assert.Equal(t, 100, out.Files[0].MinScore)
				assert.Contains(t, out.Files[0].ScoreFailure, want)
			}
		})
	}
	// -q still says why the run failed.
	r := runCLI(t, "", "check", "--no-config", "-q", "--fail-level", "off", "--min-score", "100", p)
	assert.Contains(t, r.stdout, want)
}

func TestEmptyMessageIsAnError(t *testing.T) {
	r := runCLI(t, " \n\t\n", "check", "--no-config", "--format", "json", "-")
	assert.Equal(t, exitFailed, r.code)
	out := wbDecode(t, r.stdout)
	require.Len(t, out.Files[0].Findings, 1)
	assert.Equal(t, "empty-message", out.Files[0].Findings[0].Rule)
	assert.Equal(t, 0, out.Files[0].Score)
}

// A repository of macros is linted as templates without a config: the
// collection is found in the walk, each entry is named and scored, a
// placeholder is expected, and YAML that holds no templates is left alone.
func TestTemplateRepositoryByDefault(t *testing.T) {
	dir := t.TempDir()
	wbWrite(t, dir, "macros/support.yaml", `macros:
  - name: shipped
    kind: reply
    body: |
      Hi {{buyer_name}},

      Thank you for your order. Your parcel left our warehouse today.

      Best regards,
      {{agent}}
  - name: bribe
    body: "Hi {{buyer_name}},\n\nPlease leave us a 5-star review and we will send you a $10 gift card.\n\nThanks,\n{{agent}}"
  - name: draft
    mode: draft
    body: "Hi {{buyer_name}}, your parcel left today."
`)
	wbWrite(t, dir, ".github/workflows/ci.yml", "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n")
	wbWrite(t, dir, "package.json", `{"name": "shop", "version": "1.0.0"}`)
	wbWrite(t, dir, "replies/welcome.tmpl", "Hi {{buyer_name}},\n\nThank you for your message. Your order ships today.\n\nBest regards,\n{{agent}}\n")
	r := runCLI(t, "", "check", "--no-config", "--format", "json", dir)
	assert.Equal(t, exitFailed, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	out := wbDecode(t, r.stdout)
	var paths []string
	for _, f := range out.Files {
		paths = append(paths, filepath.ToSlash(strings.TrimPrefix(f.Path, dir+string(filepath.Separator))))
	}
	assert.Equal(t, []string{"macros/support.yaml", "replies/welcome.tmpl"}, paths)
	macros := out.Files[0]
	byEntry := map[string][]string{}
	for _, fd := range macros.Findings {
		byEntry[fd.Entry] = append(byEntry[fd.Entry], fd.Rule)
	}
	assert.NotContains(t, byEntry, "shipped", "placeholders are expected in a collection entry")
	assert.Contains(t, byEntry["bribe"], "review-incentive")
	assert.Equal(t, []string{"placeholder"}, byEntry["draft"], "mode: draft in the entry overrides")
	require.Len(t, macros.Entries, 3)
	assert.Equal(t, "shipped", macros.Entries[0].Name)
	assert.Equal(t, 100, macros.Entries[0].Score)
	assert.Less(t, macros.Entries[1].Score, macros.Entries[0].Score)
	assert.Equal(t, macros.Entries[1].Score, macros.Score, "the file scores as its weakest entry")
	assert.Empty(t, out.Files[1].Findings, "a .tmpl file is a template")

	// The text format names the entry of each finding and scores each entry.
	r = runCLI(t, "", "check", "--no-config", filepath.Join(dir, "macros"))
	assert.Contains(t, r.stdout, `(entry "bribe")`)
	assert.Contains(t, r.stdout, `entry "shipped" (line 5): 100/100 (A)`)
}

func TestFixLoopConvergesAndRespectsTheSignOff(t *testing.T) {
	dir := t.TempDir()
	p := wbWrite(t, dir, "reply.md", "---\nkind: complaint-reply\n---\nHello {{buyer_name}},\n\nWe are sorry the kettle arrived with a dent!! We will send a replacement today.\n\n{{agent}}\n")
	r := runCLI(t, "", "check", "--no-config", "--fix", "--unsafe-fixes", p)
	assert.NotEqual(t, exitError, r.code, r.stderr)
	fixed, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(string(fixed), "\n{{agent}}\n"), "nothing is written after the sign-off placeholder:\n%s", fixed)
	assert.Contains(t, string(fixed), "dent! We")

	// A second run finds nothing more to apply: the fixed text is stable.
	r = runCLI(t, "", "check", "--no-config", "--fix", "--unsafe-fixes", p)
	again, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, string(fixed), string(again))
	assert.NotContains(t, r.stderr, "fix in", "no fix applies the second time")
}

func TestFixWritesCollectionsThatReadBack(t *testing.T) {
	dir := t.TempDir()
	p := wbWrite(t, dir, "m.yaml", "- name: a\n  body: Thank you for your order. The parcel left today!!\n- name: b\n  body: 'Thanks for waiting!! it''s on its way.'\n")
	r := runCLI(t, "", "check", "--no-config", "--fix", "--format", "json", p)
	assert.NotEqual(t, exitError, r.code, r.stderr)
	fixed, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "- name: a\n  body: Thank you for your order. The parcel left today!\n- name: b\n  body: 'Thanks for waiting! it''s on its way.'\n", string(fixed))
}

// --staged and --changed-since choose files as a walk does: the config's
// extensions, include and exclude, and collections by default.
func TestGitSelectionsHonourTheConfig(t *testing.T) {
	dir := hookRepo(t)
	wbWrite(t, dir, "README.md", "Notes.\n")
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-q", "-m", "start")
	wbWrite(t, dir, ".replylint.yaml", "extensions: [.txt, .yaml, .reply]\nexclude: [\"archive/**\"]\n")
	wbWrite(t, dir, "macros/new.yaml", "- name: bribe\n  body: \"Hi {{buyer_name}}, leave us a 5-star review and we will send you a $10 gift card.\"\n")
	wbWrite(t, dir, "drafts/a.reply", "Thank you for your order!!\n")
	wbWrite(t, dir, "archive/old.txt", "Thank you for your order!!\n")
	wbWrite(t, dir, "notes.md", "Thank you for your order!!\n")
	gitIn(t, dir, "add", "-A")
	for _, args := range [][]string{{"--staged"}, {"--changed-since", "HEAD"}} {
		t.Run(args[0], func(t *testing.T) {
			r := runCLI(t, "", append([]string{"check", "--format", "json"}, args...)...)
			assert.Equal(t, exitFailed, r.code, r.stderr)
			var paths []string
			for _, f := range wbDecode(t, r.stdout).Files {
				paths = append(paths, filepath.ToSlash(f.Path))
			}
			assert.Equal(t, []string{"drafts/a.reply", "macros/new.yaml"}, paths)
		})
	}
}

// A deleted sentence that was a paragraph of its own takes its blank line
// with it: the fixed reply has no empty paragraph and no trailing spaces.
func TestDeletedParagraphLeavesNoGap(t *testing.T) {
	draft := "Hi Sam,\n\nYour parcel left our warehouse today.\n\nCheck out our new spring collection in our store!\n\nBest regards,\nTom\n"
	r := runCLI(t, draft, "check", "--no-config", "--fix", "--unsafe-fixes", "-")
	assert.NotContains(t, r.stdout, "spring collection", r.stderr)
	assert.NotContains(t, r.stdout, "\n\n\n", "no empty paragraph where the sentence stood")
	assert.NotContains(t, r.stdout, " \n", "no trailing spaces")
	assert.True(t, strings.HasSuffix(r.stdout, "\n\nBest regards,\nTom\n"), r.stdout)
}

// --register, front matter and config choose how suggestions address the
// buyer; a draft that says "du" gets du-suggestions without being told.
func TestRegisterChoosesTheSuggestionsForm(t *testing.T) {
	draft := "Hallo Anna,\n\ndein Paket ist beschädigt angekommen. Ich schicke dir heute Ersatz.\n\nViele Grüße\nTom\n"
	formal, informal := "mit Ihrer Bestellung", "mit deiner Bestellung"
	r := runCLI(t, draft, "check", "--no-config", "--kind", "complaint-reply", "--format", "json", "-")
	assert.Contains(t, r.stdout, informal, "detected from the draft")
	assert.NotContains(t, r.stdout, formal)
	r = runCLI(t, draft, "check", "--no-config", "--kind", "complaint-reply", "--register", "formal", "--format", "json", "-")
	assert.Contains(t, r.stdout, formal, "the flag wins")
	assert.NotContains(t, r.stdout, informal)

	dir := t.TempDir()
	p := wbWrite(t, dir, "reply.md", "---\nregister: formal\nkind: complaint-reply\n---\n"+draft)
	r = runCLI(t, "", "check", "--no-config", "--format", "json", p)
	assert.Contains(t, r.stdout, formal, "front matter")

	wbWrite(t, dir, "sub/.replylint.yaml", "register: formal\nkind: complaint-reply\n")
	p = wbWrite(t, dir, "sub/reply.txt", draft)
	r = runCLI(t, "", "check", "--format", "json", p)
	assert.Contains(t, r.stdout, formal, "config")

	wbWrite(t, dir, "bad/.replylint.yaml", "register: casual\n")
	p = wbWrite(t, dir, "bad/reply.txt", draft)
	r = runCLI(t, "", "check", p)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, `.replylint.yaml:1:11: unknown register "casual" (want formal or informal)`)

	r = runCLI(t, draft, "check", "--no-config", "--register", "casual", "-")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "--register")
	assert.Contains(t, r.stderr, "formal or informal")
}

// A deleted sentence that shares its line with the greeting leaves the
// greeting in place.
func TestDeletionKeepsTheGreetingOnItsLine(t *testing.T) {
	draft := "Hi Sam, check out our new spring collection in our store! Your parcel left our warehouse today.\n"
	r := runCLI(t, draft, "check", "--no-config", "--fix", "--unsafe-fixes", "-")
	assert.Equal(t, "Hi Sam, Your parcel left our warehouse today.\n", r.stdout, r.stderr)
}

package main

// Robustness of the command line against hostile or unusual input: empty
// and huge files, broken encodings, line endings, binary files, unreadable
// and missing paths, symbolic link loops, very long lines, many files, and
// output that a message or a file name could subvert (terminal escapes,
// GitHub workflow commands, invalid JSON). Broken rule files end in an
// error with a position, never a stack trace.
//
// The slow cases (a 10 MB message linted, a tree of 100,000 files) run only
// with REPLYLINT_SLOW_TESTS=1; see TestRobustHugeMessageLinted and
// TestRobustManySmallFiles.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// robustReport is the part of the JSON report these tests read.
type robustReport struct {
	Files []struct {
		Path     string `json:"path"`
		Score    int    `json:"score"`
		Findings []struct {
			Rule      string `json:"rule"`
			Line      int    `json:"line"`
			Column    int    `json:"column"`
			EndLine   int    `json:"endLine"`
			EndColumn int    `json:"endColumn"`
		} `json:"findings"`
	} `json:"files"`
}

func robustDecode(t *testing.T, out string) robustReport {
	t.Helper()
	var r robustReport
	require.NoError(t, json.Unmarshal([]byte(out), &r), "stdout is not the JSON report:\n%s", out)
	return r
}

// robustPositions lists "rule line:col-endLine:endCol" for every finding of
// file i, to compare runs on differently encoded copies of a text.
func robustPositions(r robustReport, i int) []string {
	var out []string
	for _, f := range r.Files[i].Findings {
		out = append(out, fmt.Sprintf("%s %d:%d-%d:%d", f.Rule, f.Line, f.Column, f.EndLine, f.EndColumn))
	}
	return out
}

func robustWrite(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

// robustSlow skips a test unless REPLYLINT_SLOW_TESTS=1, and always in
// -short mode.
func robustSlow(t *testing.T) {
	t.Helper()
	if testing.Short() || os.Getenv("REPLYLINT_SLOW_TESTS") != "1" {
		t.Skip("slow; run with REPLYLINT_SLOW_TESTS=1")
	}
}

// TestRobustHelperProcess is not a test: robustRunProcess starts the test
// binary on it to run the CLI in a child process, which can be killed when
// it does not finish in time (an in-process run cannot be stopped).
func TestRobustHelperProcess(t *testing.T) {
	if os.Getenv("REPLYLINT_ROBUST_HELPER") != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(run(args, os.Stdin, os.Stdout, os.Stderr))
}

// robustRunProcess runs the CLI in a child process and fails the test when
// it takes longer than timeout.
func robustRunProcess(t *testing.T, timeout time.Duration, args ...string) (cliResult, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], append([]string{"-test.run=^TestRobustHelperProcess$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "REPLYLINT_ROBUST_HELPER=1", "NO_COLOR=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("replylint %s did not finish within %s", strings.Join(args, " "), timeout)
	}
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return cliResult{code: code, stdout: out.String(), stderr: errOut.String()}, elapsed
}

// robustRunWithin runs the CLI in-process and fails when it has not
// returned after timeout (for cases that must not hang but are quick when
// they work).
func robustRunWithin(t *testing.T, timeout time.Duration, args ...string) cliResult {
	t.Helper()
	done := make(chan cliResult, 1)
	go func() {
		var out, errOut bytes.Buffer
		code := run(args, strings.NewReader(""), &out, &errOut)
		done <- cliResult{code: code, stdout: out.String(), stderr: errOut.String()}
	}()
	select {
	case r := <-done:
		return r
	case <-time.After(timeout):
		t.Fatalf("replylint %s did not finish within %s", strings.Join(args, " "), timeout)
		return cliResult{}
	}
}

func TestRobustEmptyAndWhitespaceOnlyFiles(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for name, content := range map[string]string{
		"empty.txt":  "",
		"spaces.txt": "   \t  ",
		"blank.txt":  "\n\n\n",
		"crlf.txt":   "\r\n \r\n\t\r\n",
		"nbsp.txt":   "\u00a0\u3000\n",
	} {
		paths = append(paths, robustWrite(t, dir, name, []byte(content)))
	}
	// There is nothing to send: an error finding and a score of 0, not an
	// A, and no crash or input error either.
	r := runCLI(t, "", append([]string{"check", "--format", "json"}, paths...)...)
	assert.Equal(t, exitFailed, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	out := robustDecode(t, r.stdout)
	require.Len(t, out.Files, len(paths))
	for _, f := range out.Files {
		assert.Equal(t, 0, f.Score, f.Path)
		require.Len(t, f.Findings, 1, f.Path)
		assert.Equal(t, "empty-message", f.Findings[0].Rule, f.Path)
	}

	r = runCLI(t, "", "check", "--format", "json", "-")
	assert.Equal(t, exitFailed, r.code, r.stderr)
	out = robustDecode(t, r.stdout)
	require.Len(t, out.Files, 1)
	assert.Equal(t, 0, out.Files[0].Score)
}

// robustHugeText is size bytes of replies, with findings all through it.
func robustHugeText(size int) []byte {
	unit := "Hi Ana,\n\nI am sorry the kettle leaks. This is not our fault, you must have used it wrong.\n" +
		"Please leave us a 5-star review and email us at care@kettle-shop.com.\n\nBest regards,\nBo\n\n"
	return bytes.Repeat([]byte(unit), size/len(unit)+1)[:size]
}

// A 10 MB message is above the default limit (10 MiB): it is refused with
// its size and the flag that raises the limit, from a file and from
// standard input.
func TestRobustHugeMessageRefused(t *testing.T) {
	data := robustHugeText(10_500_000)
	p := robustWrite(t, t.TempDir(), "huge.txt", data)
	r := runCLI(t, "", "check", p)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "huge.txt: file is 10500000 bytes, above the limit of 10485760 bytes (raise it with --max-bytes)")

	r = runCLI(t, string(data), "check", "-")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "<stdin>: input is more than 10485760 bytes, the limit (raise it with --max-bytes)")
}

// The largest --max-bytes must read the file, not nothing: one more than
// math.MaxInt64 used to wrap to a negative limit and every file passed as
// empty.
func TestRobustMaxBytesAtInt64(t *testing.T) {
	p := robustWrite(t, t.TempDir(), "a.txt", []byte("Please leave us a 5-star review."))
	r := runCLI(t, "", "check", "--kind", "reply", "--format", "json", "--max-bytes", "9223372036854775807", p)
	assert.Equal(t, exitFailed, r.code, r.stderr)
	out := robustDecode(t, r.stdout)
	require.Len(t, out.Files, 1)
	assert.NotEmpty(t, out.Files[0].Findings)
}

// A 10 MB message under a raised limit is linted in bounded time. The
// limit is generous (work should be linear; it measured about 40 s of CPU
// on a 2-core machine once finding positions and sentences are not
// recomputed per finding), but far below the hours that quadratic work
// per finding takes.
func TestRobustHugeMessageLinted(t *testing.T) {
	robustSlow(t)
	p := robustWrite(t, t.TempDir(), "huge.txt", robustHugeText(10_500_000))
	r, elapsed := robustRunProcess(t, 5*time.Minute, "check", "--quiet", "--format", "json", "--max-bytes", "20000000", p)
	t.Logf("10.5 MB message linted in %s", elapsed)
	assert.Equal(t, exitFailed, r.code, r.stderr)
	out := robustDecode(t, r.stdout)
	require.Len(t, out.Files, 1)
	assert.NotEmpty(t, out.Files[0].Findings)
}

func TestRobustInvalidUTF8IsReportedWithPosition(t *testing.T) {
	dir := t.TempDir()
	p := robustWrite(t, dir, "latin1.txt", []byte("Grüße aus Köln\nCafé \xe9t\xe9 offert"))
	good := robustWrite(t, dir, "good.txt", []byte("Thank you for your order."))
	r := runCLI(t, "", "check", "--format", "json", p, good)
	assert.Equal(t, exitError, r.code)
	// Line 2, column 6: "Café " is five code points, whatever its bytes.
	assert.Contains(t, r.stderr, "latin1.txt:2:6: invalid UTF-8 at byte 24")
	out := robustDecode(t, r.stdout)
	require.Len(t, out.Files, 1, "the readable file is still linted")
	assert.Equal(t, good, out.Files[0].Path)
}

// robustMessage has findings on the first and the third line.
const robustMessage = "Please leave us a 5-star review 😊 today.\n\nIf you are happy, please leave us a 5-star review.\n"

func TestRobustBOMKeepsPositions(t *testing.T) {
	dir := t.TempDir()
	plain := robustWrite(t, dir, "plain.txt", []byte(robustMessage))
	bom := robustWrite(t, dir, "bom.txt", append([]byte{0xEF, 0xBB, 0xBF}, robustMessage...))
	r := runCLI(t, "", "check", "--kind", "reply", "--format", "json", plain, bom)
	require.Equal(t, exitFailed, r.code, r.stderr)
	out := robustDecode(t, r.stdout)
	require.Len(t, out.Files, 2)
	want := robustPositions(out, 0)
	require.NotEmpty(t, want)
	assert.Contains(t, want, "review-manipulation 1:19-1:32", "the BOM is not counted as a column")
	assert.Equal(t, want, robustPositions(out, 1))
}

func TestRobustUTF16WithBOM(t *testing.T) {
	dir := t.TempDir()
	units := utf16.Encode([]rune(strings.ReplaceAll(robustMessage, "\n", "\r\n")))
	le := []byte{0xFF, 0xFE}
	be := []byte{0xFE, 0xFF}
	for _, u := range units {
		le = append(le, byte(u), byte(u>>8))
		be = append(be, byte(u>>8), byte(u))
	}
	plain := robustWrite(t, dir, "plain.txt", []byte(robustMessage))
	lePath := robustWrite(t, dir, "le.txt", le)
	bePath := robustWrite(t, dir, "be.txt", be)
	r := runCLI(t, "", "check", "--kind", "reply", "--format", "json", plain, lePath, bePath)
	require.Equal(t, exitFailed, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	out := robustDecode(t, r.stdout)
	require.Len(t, out.Files, 3)
	want := robustPositions(out, 0)
	assert.Contains(t, want, "emoji 1:33-1:34", "a surrogate pair is one code point")
	assert.Equal(t, want, robustPositions(out, 1), "UTF-16 LE")
	assert.Equal(t, want, robustPositions(out, 2), "UTF-16 BE")
}

func TestRobustLineEndings(t *testing.T) {
	dir := t.TempDir()
	lf := robustWrite(t, dir, "lf.txt", []byte(robustMessage))
	crlf := robustWrite(t, dir, "crlf.txt", []byte(strings.ReplaceAll(robustMessage, "\n", "\r\n")))
	cr := robustWrite(t, dir, "cr.txt", []byte(strings.ReplaceAll(robustMessage, "\n", "\r")))
	r := runCLI(t, "", "check", "--kind", "reply", "--format", "json", lf, crlf, cr)
	require.Equal(t, exitFailed, r.code, r.stderr)
	out := robustDecode(t, r.stdout)
	require.Len(t, out.Files, 3)
	want := robustPositions(out, 0)
	require.Contains(t, want, "review-manipulation 3:1-3:50")
	assert.Equal(t, want, robustPositions(out, 1), "CRLF")
	assert.Equal(t, want, robustPositions(out, 2), "lone CR")

	r = runCLI(t, "", "check", "--kind", "reply", cr)
	assert.Contains(t, r.stdout, "cr.txt:3:1:")
	assert.NotContains(t, r.stdout, "\r", "a CR from the message is not echoed raw")
}

func TestRobustBinaryFiles(t *testing.T) {
	dir := t.TempDir()
	blob := robustWrite(t, dir, "tree/blob.txt", []byte("GIF89a\x00\x01\x02 not text"))
	robustWrite(t, dir, "tree/ok.txt", []byte("Thank you for your order."))
	utf16le := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune("Thank you for your order.")) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
	}
	robustWrite(t, dir, "tree/utf16.txt", utf16le)

	// Walked: skipped without a word; a UTF-16 file (full of NUL bytes)
	// is text and is linted.
	r := runCLI(t, "", "check", "--kind", "reply", "--format", "json", filepath.Join(dir, "tree"))
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	out := robustDecode(t, r.stdout)
	var names []string
	for _, f := range out.Files {
		names = append(names, filepath.Base(f.Path))
	}
	assert.Equal(t, []string{"ok.txt", "utf16.txt"}, names)

	// Named: an error.
	r = runCLI(t, "", "check", blob)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "blob.txt: binary file")
}

func TestRobustUnreadablePaths(t *testing.T) {
	if os.Geteuid() == 0 {
		// Root bypasses file permission checks (CAP_DAC_OVERRIDE), so
		// chmod 000 cannot make a file unreadable for it and the test
		// would see a readable file.
		t.Skip("running as root: root can read a file whatever its mode")
	}
	if runtime.GOOS == "windows" {
		t.Skip("chmod 000 does not make a file unreadable on Windows")
	}
	dir := t.TempDir()
	locked := robustWrite(t, dir, "locked.txt", []byte("Thank you."))
	require.NoError(t, os.Chmod(locked, 0))
	lockedDir := filepath.Join(dir, "tree", "locked")
	robustWrite(t, dir, "tree/locked/x.txt", []byte("Thank you."))
	robustWrite(t, dir, "tree/ok.txt", []byte("Thank you for your order."))
	require.NoError(t, os.Chmod(lockedDir, 0))
	t.Cleanup(func() { _ = os.Chmod(lockedDir, 0o755) })

	r := runCLI(t, "", "check", "--format", "json", locked, filepath.Join(dir, "tree"))
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "locked.txt: permission denied")
	assert.Contains(t, r.stderr, filepath.Join("tree", "locked")+": permission denied")
	out := robustDecode(t, r.stdout)
	require.Len(t, out.Files, 1, "the readable file is still linted")
	assert.Equal(t, "ok.txt", filepath.Base(out.Files[0].Path))
}

func TestRobustMissingPathStillLintsTheRest(t *testing.T) {
	r := runCLI(t, "", "check", "--format", "json", "no/such/file.txt", goodReply, "no/such/dir/")
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "no/such/file.txt: no such file or directory")
	assert.Contains(t, r.stderr, "no/such/dir/: no such file or directory")
	out := robustDecode(t, r.stdout)
	require.Len(t, out.Files, 1)
	assert.Equal(t, goodReply, out.Files[0].Path)
	// The summary agrees with the exit code.
	var sum struct {
		Summary struct {
			InputErrors int  `json:"inputErrors"`
			Failed      bool `json:"failed"`
		} `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &sum))
	assert.Equal(t, 2, sum.Summary.InputErrors)
	assert.True(t, sum.Summary.Failed)

	text := runCLI(t, "", "check", "no/such/file.txt", goodReply)
	assert.Equal(t, exitError, text.code)
	assert.Contains(t, text.stdout, "1 file, 0 errors, 0 warnings, 0 infos, 1 input error: failed")
}

func TestRobustSymlinkLoops(t *testing.T) {
	dir := t.TempDir()
	tree := filepath.Join(dir, "tree")
	robustWrite(t, dir, "tree/a.txt", []byte("Thank you for your order."))
	robustWrite(t, dir, "tree/sub/b.txt", []byte("Thank you for your order."))
	require.NoError(t, os.Symlink("..", filepath.Join(tree, "sub", "up")))        // loop through the parent
	require.NoError(t, os.Symlink("self.txt", filepath.Join(tree, "self.txt")))   // a link to itself
	require.NoError(t, os.Symlink("sub", filepath.Join(tree, "sub", "sub-link"))) // dangling
	require.NoError(t, os.Symlink("a.txt", filepath.Join(tree, "alias.txt")))     // a file link
	require.NoError(t, os.Symlink("tree", filepath.Join(dir, "tree-link")))       // a linked root
	require.NoError(t, os.Symlink("loop-b", filepath.Join(dir, "loop-a")))        // a two-link cycle
	require.NoError(t, os.Symlink("loop-a", filepath.Join(dir, "loop-b")))

	r := robustRunWithin(t, time.Minute, "check", "--format", "json", tree)
	assert.Equal(t, exitOK, r.code, r.stderr)
	out := robustDecode(t, r.stdout)
	var names []string
	for _, f := range out.Files {
		names = append(names, filepath.ToSlash(strings.TrimPrefix(f.Path, tree+string(filepath.Separator))))
	}
	assert.Equal(t, []string{"a.txt", "sub/b.txt"}, names, "links inside a walked tree are not followed")

	// A directory named through a link is walked like the directory.
	r = robustRunWithin(t, time.Minute, "check", "--format", "json", filepath.Join(dir, "tree-link"))
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Len(t, robustDecode(t, r.stdout).Files, 2)

	// A loop named on the command line is an error for that path.
	r = robustRunWithin(t, time.Minute, "check", filepath.Join(dir, "loop-a"), filepath.Join(tree, "self.txt"), goodReply)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "loop-a: too many levels of symbolic links")
	assert.Contains(t, r.stderr, "self.txt: too many levels of symbolic links")
}

// A 1 MB message on a single line: positions and previews must not cost
// time per finding proportional to the line.
func TestRobustVeryLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a few seconds")
	}
	var b strings.Builder
	for i := 0; b.Len() < 1<<20; i++ {
		fmt.Fprintf(&b, "Parcel %d left the depot on time and the driver has the right address. ", i)
	}
	b.WriteString("Please leave us a 5-star review.")
	p := robustWrite(t, t.TempDir(), "line.txt", []byte(b.String()))
	r, elapsed := robustRunProcess(t, 3*time.Minute, "check", "--kind", "reply", "--format", "json", p)
	t.Logf("1 MB line linted in %s", elapsed)
	assert.Equal(t, exitFailed, r.code, r.stderr)
	out := robustDecode(t, r.stdout)
	require.Len(t, out.Files, 1)
	var found bool
	for _, f := range out.Files[0].Findings {
		if f.Rule == "review-manipulation" {
			found = true
			assert.Equal(t, 1, f.Line)
			assert.Equal(t, utf8.RuneCountInString(b.String())-len("5-star review.")+1, f.Column)
		}
	}
	assert.True(t, found, "the request at the end of the line is found")
}

// A tree of 100,000 small files. Slow: run with REPLYLINT_SLOW_TESTS=1.
func TestRobustManySmallFiles(t *testing.T) {
	robustSlow(t)
	const dirs, perDir = 100, 1000
	root := t.TempDir()
	msgs := []string{
		"Hi Ana,\n\nYour parcel left today with DHL.\n\nBest regards,\nBo\n",
		"Hi Ana,\n\nPlease leave us a 5-star review!\n\nBo\n",
		"Thank you for your order.",
	}
	for d := 0; d < dirs; d++ {
		sub := filepath.Join(root, fmt.Sprintf("d%03d", d))
		require.NoError(t, os.Mkdir(sub, 0o755))
		for f := 0; f < perDir; f++ {
			require.NoError(t, os.WriteFile(filepath.Join(sub, fmt.Sprintf("m%04d.txt", f)), []byte(msgs[(d+f)%len(msgs)]), 0o644))
		}
	}
	r, elapsed := robustRunProcess(t, 15*time.Minute, "check", "--quiet", "--format", "json", root)
	t.Logf("%d files linted in %s", dirs*perDir, elapsed)
	assert.Equal(t, exitFailed, r.code, r.stderr)
	assert.Len(t, robustDecode(t, r.stdout).Files, dirs*perDir)
}

// robustHostile is a message that tries to reach the terminal: ANSI
// escapes (clear screen, colours, a hyperlink), BEL, backspace, a CR that
// would overwrite the line, C1 CSI, a bidi override and a line separator.
const robustHostile = "Please leave us a 5-star review \x1b[2J\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07" +
	" bell\x07 back\x08\x08 over\rwrite \u009b31m csi \u202eevil\u202c \u2028 end.\n"

func TestRobustTextOutputEscapesControlCharacters(t *testing.T) {
	dir := t.TempDir()
	p := robustWrite(t, dir, "hostile\x1b[2J.txt", []byte(robustHostile))
	for _, color := range []string{"never", "always"} {
		r := runCLI(t, "", "check", "--kind", "reply", "--color", color, p)
		assert.Equal(t, exitFailed, r.code, r.stderr)
		assert.Contains(t, r.stdout, "review-manipulation")
		out := r.stdout
		if color == "always" {
			// Our own colours are SGR sequences; remove them, then no
			// escape may be left.
			out = regexp.MustCompile(`\x1b\[[0-9;]*m`).ReplaceAllString(out, "")
		}
		for _, bad := range []string{"\x1b", "\x07", "\x08", "\r", "\u009b", "\u202e", "\u2028"} {
			assert.NotContains(t, out, bad, "--color %s: %q reached stdout raw", color, bad)
		}
		assert.Contains(t, r.stdout, `\x1b[2J`, "shown escaped instead")
	}
}

// A rule message (from a user's rule file), a file name and the matched
// text all reach GitHub annotations; %, CR and LF are escaped, so none can
// end the annotation and start a workflow command of its own.
func TestRobustGitHubAnnotationsCannotInjectCommands(t *testing.T) {
	dir := t.TempDir()
	rules := robustWrite(t, dir, "rules/inject.yaml", []byte(`id: inject-test
kind: phrase
description: A rule whose message tries to inject workflow commands.
severity: error
message: "100% {match}\r\n::error file=evil.txt::pwned\n::add-mask::secret %0A"
rationale: Test.
match:
  en:
    phrases:
      - teapot
examples:
  bad: [The teapot a., The teapot b., The teapot c., The teapot d., The teapot e.]
  good: [The pot a., The pot b., The pot c., The pot d., The pot e.]
`))
	msgs := robustWrite(t, dir, "msgs/x\n::error::y%0A.txt", []byte("The teapot\r\n::warning file=evil.txt::also pwned\nis here."))
	r := runCLI(t, "", "check", "--kind", "reply", "--format", "github", "--rules", filepath.Dir(rules), filepath.Dir(msgs))
	assert.Equal(t, exitFailed, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.NotEmpty(t, lines)
	var annotations int
	for _, line := range lines {
		if !strings.HasPrefix(line, "::") {
			continue
		}
		annotations++
		// One annotation per line: the injected text stays inside its
		// message, where a runner reads it as data.
		assert.Regexp(t, `^::(error|warning|notice) file=[^\r\n]*::[^\r\n]*$`, line)
		assert.NotRegexp(t, `^::(error|warning) file=evil`, line)
	}
	assert.Positive(t, annotations)
	assert.Contains(t, r.stdout, "100%25 teapot%0D%0A::error file=evil.txt::pwned%0A::add-mask::secret %250A")
	assert.Contains(t, r.stdout, "x%0A%3A%3Aerror%3A%3Ay%250A.txt", "the file property is escaped too")
	for _, line := range lines {
		assert.False(t, strings.HasPrefix(line, "::add-mask::") || strings.HasPrefix(line, "::warning file=evil"), "injected command: %q", line)
	}
}

// JSON and SARIF stay valid (and valid UTF-8) whatever the file names,
// message text and rule messages hold.
func TestRobustJSONAndSARIFAlwaysValid(t *testing.T) {
	dir := t.TempDir()
	robustWrite(t, dir, "rules/q.yaml", []byte(`id: quote-test
kind: phrase
description: A rule with quotes, backslashes and controls in its message.
severity: warning
message: "\"{match}\" \\ </script> \u2028 \t done"
rationale: Test.
match:
  en:
    phrases:
      - teapot
examples:
  bad: [The teapot a., The teapot b., The teapot c., The teapot d., The teapot e.]
  good: [The pot a., The pot b., The pot c., The pot d., The pot e.]
`))
	names := []string{"ctrl\x1b\x07.txt", "new\nline.txt", "bad\xff\xfe.txt", `quote"back\slash.txt`, "bidi\u202e.txt", "space name.txt"}
	for _, n := range names {
		robustWrite(t, dir, filepath.Join("msgs", n), []byte("The teapot \x1b[31m \"quoted\" \\ </script> "+robustHostile))
	}
	for _, format := range []string{"json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			r := runCLI(t, "", "check", "--kind", "reply", "--format", format, "--rules", filepath.Join(dir, "rules"), filepath.Join(dir, "msgs"))
			assert.Equal(t, exitFailed, r.code, r.stderr)
			assert.True(t, json.Valid([]byte(r.stdout)), "invalid %s:\n%s", format, r.stdout)
			assert.True(t, utf8.ValidString(r.stdout), "output is not UTF-8")
			assert.Contains(t, r.stdout, "quote-test")
			if format == "json" {
				assert.Contains(t, r.stdout, `quote\"back\\slash.txt`)
			}
		})
	}
}

// Broken rule files end the run with exit 2 and file:line:col, without a
// stack trace; failing examples make `rules test` exit 1, with positions.
func TestRobustBrokenRuleFiles(t *testing.T) {
	const body = `kind: phrase
description: A test rule.
severity: warning
message: "Found {match}."
match:
  en:
    phrases:
      - teapot
examples:
  bad: [The teapot a., The teapot b., The teapot c., The teapot d., The teapot e.]
  good: [The pot a., The pot b., The pot c., The pot d., The pot e.]
`
	cases := []struct {
		name  string
		files map[string]string
		// want is a regexp for the error line: file:line:col and the gist.
		want string
	}{
		{"malformed yaml", map[string]string{"m.yaml": "id: m\nkind: phrase\ndescription: [unclosed\nseverity: warning\n"},
			`m\.yaml:\d+:\d+: did not find expected ',' or ']'`},
		{"unclosed quote", map[string]string{"q.yaml": "id: q\nkind: phrase\ndescription: \"unclosed\nseverity: warning\n"},
			`q\.yaml:\d+:\d+: .*unexpected end of stream`},
		{"tab indentation", map[string]string{"t.yaml": "id: t\n\tkind: phrase\n"},
			`t\.yaml:2:\d+: .*tab`},
		{"unknown key", map[string]string{"k.yaml": "id: k\n" + strings.Replace(body, "severity: warning\n", "severity: warning\ncolour: red\n", 1)},
			`k\.yaml:5:1: unknown key "colour"`},
		{"unknown nested key", map[string]string{"n.yaml": "id: n\n" + strings.Replace(body, "    phrases:", "    phrasez:", 1)},
			`n\.yaml:8:5: unknown key "phrasez"`},
		{"unknown kind", map[string]string{"u.yaml": "id: u\n" + strings.Replace(body, "kind: phrase", "kind: grammar", 1)},
			`u\.yaml:2:7: unknown kind "grammar"`},
		{"invalid regex", map[string]string{"r.yaml": "id: r\n" + strings.Replace(body, "      - teapot\n", "      - teapot\n    patterns:\n      - '(unclosed'\n", 1)},
			`r\.yaml:11:9: pattern "\(unclosed" is not valid RE2`},
		{"duplicate ids", map[string]string{"a.yaml": "id: same\n" + body, "b.yaml": "id: same\n" + body},
			`b\.yaml:1:5: rule "same" is defined twice \(first at .*a\.yaml:1:1\)`},
		{"empty file", map[string]string{"e.yaml": ""},
			`e\.yaml:1:1: `},
		{"list instead of mapping", map[string]string{"l.yaml": "- a\n- b\n"},
			`l\.yaml:1:1: `},
		{"wrong type", map[string]string{"w.yaml": "id: w\n" + strings.Replace(body, "severity: warning", "severity: [warning]", 1)},
			`w\.yaml:4:\d+: `},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tc.files {
				robustWrite(t, dir, name, []byte(content))
			}
			for _, args := range [][]string{
				{"check", "--rules", dir, "-"},
				{"rules", "test", dir},
				{"rules", "list", "--rules", dir},
			} {
				r := runCLI(t, "Hello.", args...)
				assert.Equal(t, exitError, r.code, "%v: %s", args, r.stdout)
				assert.Regexp(t, tc.want, r.stderr, "%v", args)
				assert.Regexp(t, `^replylint: \S+\.yaml:\d+:\d+: `, r.stderr, "%v: the position leads the message, for editors", args)
				assert.NotContains(t, r.stderr, "goroutine", "no stack trace")
				assert.NotContains(t, r.stderr, "panic")
				assert.Empty(t, r.stdout, "%v", args)
			}
		})
	}
}

func TestRobustFailingRuleExamples(t *testing.T) {
	dir := t.TempDir()
	robustWrite(t, dir, "f.yaml", []byte(`id: fail
kind: phrase
description: A rule whose examples are wrong.
severity: warning
message: "Found {match}."
match:
  en:
    phrases:
      - teapot
examples:
  bad:
    - The teapot a.
    - The teapot b.
    - The teapot c.
    - The teapot d.
    - The kettle e.
  good:
    - The pot a.
    - The pot b.
    - The pot c.
    - The pot d.
    - The teapot again.
`))
	r := runCLI(t, "", "rules", "test", dir)
	assert.Equal(t, exitFailed, r.code, r.stderr)
	assert.Regexp(t, `f\.yaml:16:7: rule fail did not report its bad example`, r.stdout)
	assert.Regexp(t, `f\.yaml:22:7: rule fail reported its good example`, r.stdout)
	assert.Contains(t, r.stdout, "8 passed, 2 failed")
	assert.NotContains(t, r.stdout+r.stderr, "goroutine")
}

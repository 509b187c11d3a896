package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fixable = "Hi Ana,\n\nYour order 111-2223334-4445556 is delayed.Tracking starts tonight!!\n\nBest regards,\nBo\n"
const fixed = "Hi Ana,\n\nYour order 111-2223334-4445556 is delayed. Tracking starts tonight!\n\nBest regards,\nBo\n"

func TestFixThroughASymlinkKeepsTheLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.txt")
	require.NoError(t, os.WriteFile(target, []byte(fixable), 0o644))
	link := filepath.Join(dir, "link.txt")
	require.NoError(t, os.Symlink("target.txt", link))
	r := runCLI(t, "", "check", "--kind", "proactive", "--fix", link)
	assert.Equal(t, exitOK, r.code, r.stdout+r.stderr)
	info, err := os.Lstat(link)
	require.NoError(t, err)
	assert.Equal(t, os.ModeSymlink, info.Mode().Type())
	got, err := os.ReadFile(target)
	require.NoError(t, err)
	assert.Equal(t, fixed, string(got))
}

func TestFixRefusesAReadOnlyFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "ro.txt")
	require.NoError(t, os.WriteFile(p, []byte(fixable), 0o444))
	r := runCLI(t, "", "check", "--kind", "proactive", "--fix", p)
	assert.Equal(t, exitError, r.code)
	assert.Contains(t, r.stderr, "ro.txt: write "+p+": the file is read-only; not rewritten")
	got, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, fixable, string(got))
}

func TestSameFileNamedTwiceIsLintedOnce(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	require.NoError(t, os.WriteFile(p, []byte(fixable), 0o644))
	t.Chdir(dir)
	r := runCLI(t, "", "check", "--kind", "proactive", "--format", "json", "a.txt", "./a.txt", p)
	assert.Equal(t, 1, strings.Count(r.stdout, `"path":`), r.stdout)
	r = runCLI(t, "", "check", "--kind", "proactive", "--fix", "a.txt", "./a.txt")
	assert.Equal(t, exitOK, r.code, r.stdout+r.stderr)
	assert.NotContains(t, r.stdout, "./a.txt")
	got, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, fixed, string(got))
}

func TestHostileFileNamesIssueNoWorkflowCommand(t *testing.T) {
	dir := t.TempDir()
	names := []string{"x\n::error title=forged::forged.txt", "##[stop-commands]tok.txt", "::warning::w.txt", "e\x1b[2J.txt"}
	var paths []string
	for _, n := range names {
		p := filepath.Join(dir, n)
		require.NoError(t, os.WriteFile(p, []byte("::warning file=a::x\n##[error]y\nPlease leave a 5-star review.\n"), 0o644))
		paths = append(paths, p)
	}
	paths = append(paths, filepath.Join(dir, "::error::missing\n##[x].txt"))
	for _, format := range []string{"text", "json", "sarif", "github", "markdown"} {
		r := runCLI(t, "", append([]string{"check", "--color", "never", "--format", format}, paths...)...)
		assert.Equal(t, exitError, r.code, "the missing file is an input error")
		for _, out := range []string{r.stdout, r.stderr} {
			assert.NotContains(t, out, "##[", format)
			assert.NotContains(t, out, "\x1b", format)
			for _, l := range strings.Split(out, "\n") {
				if format == "github" && out == r.stdout && strings.HasPrefix(l, "::") {
					assert.Regexp(t, `^::(error|warning|notice) [^:]*::`, l)
					continue
				}
				assert.False(t, strings.HasPrefix(strings.TrimLeft(l, " \t"), "::"), "%s: %q", format, l)
			}
		}
	}
}

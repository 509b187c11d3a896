package input

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A regular file above the limit is refused before it is read, with its
// real size: "10485761 bytes" (the limit plus the one byte read to detect
// the overflow) told the user nothing.
func TestReadNamesTheRealSize(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.txt")
	require.NoError(t, os.WriteFile(p, bytes.Repeat([]byte("a"), 5000), 0o644))
	_, err := Read(p, 1000)
	var tl *TooLargeError
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, int64(5000), tl.Size)
	assert.Equal(t, "file is 5000 bytes, above the limit of 1000 bytes (raise it with --max-bytes)", err.Error())
}

// A stream has no size: the error names the limit only.
func TestReadFromStreamAboveLimit(t *testing.T) {
	_, err := ReadFrom(strings.NewReader(strings.Repeat("a", 5000)), 1000)
	var tl *TooLargeError
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, "input is more than 1000 bytes, the limit (raise it with --max-bytes)", err.Error())
}

func TestReadFromExactlyAtLimit(t *testing.T) {
	got, err := ReadFrom(strings.NewReader("abcde"), 5)
	require.NoError(t, err)
	assert.Equal(t, "abcde", got)
}

// --max-bytes 9223372036854775807 made the limit plus one overflow into a
// negative limit, which read nothing: every file linted as empty and passed.
func TestReadFromAtMaxInt64(t *testing.T) {
	got, err := ReadFrom(strings.NewReader("Please leave a review."), math.MaxInt64)
	require.NoError(t, err)
	assert.Equal(t, "Please leave a review.", got)

	p := filepath.Join(t.TempDir(), "a.txt")
	require.NoError(t, os.WriteFile(p, []byte("hello"), 0o644))
	got, err = Read(p, math.MaxInt64)
	require.NoError(t, err)
	assert.Equal(t, "hello", got)
}

// A directory named through a symbolic link is walked; WalkDir alone does
// not follow a link at its root and listed nothing, so the run passed
// without reading a file. Links inside the tree are still not followed, so
// a loop cannot hang the walk.
func TestExpandFollowsALinkedRootOnly(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	require.NoError(t, os.MkdirAll(filepath.Join(real, "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(real, "a.txt"), []byte("x"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(real, "sub", "b.md"), []byte("x"), 0o644))
	require.NoError(t, os.Symlink("..", filepath.Join(real, "sub", "up"))) // a loop
	link := filepath.Join(dir, "link")
	require.NoError(t, os.Symlink("real", link))

	files, errs := Expand([]string{link}, DefaultExtensions())
	assert.Empty(t, errs)
	assert.Equal(t, []string{filepath.Join(link, "a.txt"), filepath.Join(link, "sub", "b.md")}, files)

	files, errs = Expand([]string{link + string(filepath.Separator)}, DefaultExtensions())
	assert.Empty(t, errs)
	assert.Len(t, files, 2)
}

// Naming "." or a hidden directory walks it; only hidden directories below
// the root are skipped.
func TestExpandDotRoot(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644))
	t.Chdir(dir)
	files, errs := Expand([]string{"."}, DefaultExtensions())
	assert.Empty(t, errs)
	assert.Equal(t, []string{"a.txt"}, files)
}

// Linting a large directory outside the repository from inside a clone (a
// corpus in /tmp, a CI checkout) asked git once per file: one path outside
// the work tree fails git's batch. Those paths are left out of the batch,
// so the number of git runs does not grow with the number of files.
func TestIgnoredOutsideWorkTreeRunsGitOnce(t *testing.T) {
	r := newTestRepo(t)
	r.write(".gitignore", "*.bak.txt\n")
	r.write("old.bak.txt", "b\n")
	r.write("keep.txt", "c\n")
	outside := t.TempDir()
	files := []string{"old.bak.txt", "keep.txt"}
	for i := range 200 {
		p := filepath.Join(outside, "sub", fmt.Sprintf("m%03d.bak.txt", i))
		files = append(files, p)
	}

	// Count git runs with a wrapper in front of the real git.
	realGit, err := exec.LookPath("git")
	require.NoError(t, err)
	bin := t.TempDir()
	log := filepath.Join(bin, "calls")
	wrapper := "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexec '" + realGit + "' \"$@\"\n"
	require.NoError(t, os.WriteFile(filepath.Join(bin, "git"), []byte(wrapper), 0o755))
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))

	got, err := Ignored(files)
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{"old.bak.txt": true}, got)
	calls, err := os.ReadFile(log)
	require.NoError(t, err)
	assert.LessOrEqual(t, strings.Count(string(calls), "\n"), 3, "git runs:\n%s", calls)
}

package input

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testRepo is a throw-away git repository; its methods run git in it with
// a fixed identity and none of the user's configuration.
type testRepo struct {
	t   *testing.T
	dir string
}

// newTestRepo creates a repository in a temporary directory and makes it
// the current directory for the rest of the test.
func newTestRepo(t *testing.T) testRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	isolateGit(t)
	dir := t.TempDir()
	r := testRepo{t: t, dir: dir}
	r.git("init", "-q", "-b", "main")
	t.Chdir(dir)
	return r
}

// isolateGit keeps the user's git configuration out of the tests.
func isolateGit(t *testing.T) {
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"} {
		t.Setenv(v, "")
		require.NoError(t, os.Unsetenv(v))
	}
}

func (r testRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.invalid",
		"-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = r.dir
	out, err := cmd.CombinedOutput()
	require.NoError(r.t, err, "git %v: %s", args, out)
	return strings.TrimSpace(string(out))
}

func (r testRepo) write(name, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	require.NoError(r.t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(r.t, os.WriteFile(p, []byte(content), 0o644))
}

func (r testRepo) commit(msg string) {
	r.t.Helper()
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
}

func TestChangedSince(t *testing.T) {
	r := newTestRepo(t)
	r.write("replies/keep.txt", "unchanged\n")
	r.write("replies/edit.txt", "old\n")
	r.write("replies/gone.txt", "to be deleted\n")
	r.write("replies/move.txt", "moved unchanged, long enough to be a rename\n")
	r.write("other/x.md", "x\n")
	r.commit("base")
	r.git("branch", "base")

	r.write("replies/edit.txt", "new\n")
	r.write("replies/new file.txt", "added\n")
	r.write("replies/a*b.txt", "star in the name\n")
	r.write("other/x.md", "y\n")
	r.git("rm", "-q", "replies/gone.txt")
	r.git("mv", "replies/move.txt", "replies/moved.txt")
	r.commit("change")

	// Uncommitted edits of tracked files count; untracked files do not.
	r.write("replies/keep.txt", "edited, not committed\n")
	r.write("replies/untracked.txt", "never added\n")

	got, err := ChangedSince("base", nil)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"other/x.md", "replies/a*b.txt", "replies/edit.txt", "replies/keep.txt",
		"replies/moved.txt", "replies/new file.txt",
	}, slashes(got))

	t.Run("limited to paths", func(t *testing.T) {
		got, err := ChangedSince("base", []string{"replies/edit.txt", "other"})
		require.NoError(t, err)
		assert.Equal(t, []string{"other/x.md", "replies/edit.txt"}, slashes(got))

		// A pathspec is literal: "a*b.txt" does not match other names.
		got, err = ChangedSince("base", []string{"replies/a*b.txt"})
		require.NoError(t, err)
		assert.Equal(t, []string{"replies/a*b.txt"}, slashes(got))
	})

	t.Run("relative to a subdirectory", func(t *testing.T) {
		t.Chdir(filepath.Join(r.dir, "replies"))
		got, err := ChangedSince("base", nil)
		require.NoError(t, err)
		assert.Contains(t, slashes(got), "../other/x.md")
		assert.Contains(t, slashes(got), "edit.txt")

		got, err = ChangedSince("base", []string{"."})
		require.NoError(t, err)
		assert.Equal(t, []string{"a*b.txt", "edit.txt", "keep.txt", "moved.txt", "new file.txt"}, slashes(got))
		for _, f := range got {
			_, err := os.Stat(f)
			assert.NoError(t, err, "listed paths can be opened")
		}
	})

	t.Run("bad ref", func(t *testing.T) {
		for _, ref := range []string{"no-such-branch", "", "--output=/tmp/x"} {
			_, err := ChangedSince(ref, nil)
			require.Error(t, err, ref)
			assert.Contains(t, err.Error(), "ref")
		}
	})
}

// A change that landed on the base branch after the feature branched off
// is not the feature's change (merge-base semantics, as in CI).
func TestChangedSinceMergeBase(t *testing.T) {
	r := newTestRepo(t)
	r.write("a.txt", "a\n")
	r.write("b.txt", "b\n")
	r.commit("base")
	r.git("checkout", "-q", "-b", "feature")
	r.write("a.txt", "feature edit\n")
	r.commit("feature")
	r.git("checkout", "-q", "main")
	r.write("b.txt", "main moved on\n")
	r.commit("main")
	r.git("checkout", "-q", "feature")

	got, err := ChangedSince("main", nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"a.txt"}, got)
}

// Without common history (an orphan branch, a shallow clone) the diff runs
// from the ref itself.
func TestChangedSinceUnrelatedHistory(t *testing.T) {
	r := newTestRepo(t)
	r.write("a.txt", "a\n")
	r.commit("base")
	r.git("checkout", "-q", "--orphan", "other")
	r.git("rm", "-q", "-r", "--cached", ".")
	require.NoError(t, os.Remove(filepath.Join(r.dir, "a.txt")))
	r.write("a.txt", "other a\n")
	r.write("b.txt", "b\n")
	r.commit("orphan")

	got, err := ChangedSince("main", nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"a.txt", "b.txt"}, got)
}

func TestStaged(t *testing.T) {
	r := newTestRepo(t)
	r.write("a.txt", "a\n")
	r.write("gone.txt", "g\n")
	r.write("sub/b.txt", "b\n")
	r.commit("base")

	got, err := Staged()
	require.NoError(t, err)
	assert.Empty(t, got)

	r.write("a.txt", "staged\n")
	r.write("sub/c.txt", "new\n")
	r.write("sub/b.txt", "modified, not staged\n")
	r.git("add", "a.txt", "sub/c.txt")
	r.git("rm", "-q", "gone.txt")
	got, err = Staged()
	require.NoError(t, err)
	assert.Equal(t, []string{"a.txt", "sub/c.txt"}, slashes(got))

	t.Chdir(filepath.Join(r.dir, "sub"))
	got, err = Staged()
	require.NoError(t, err)
	assert.Equal(t, []string{"../a.txt", "c.txt"}, slashes(got))

	// ReadStaged reads the index, not the work tree.
	r.write("sub/c.txt", "edited after staging\n")
	s, err := ReadStaged("c.txt", 0)
	require.NoError(t, err)
	assert.Equal(t, "new\n", s)
	s, err = ReadStaged(filepath.Join(r.dir, "a.txt"), 0)
	require.NoError(t, err)
	assert.Equal(t, "staged\n", s)
	_, err = ReadStaged("b-not-there.txt", 0)
	assert.ErrorContains(t, err, "not in the index")
}

func TestStagedFirstCommit(t *testing.T) {
	r := newTestRepo(t)
	r.write("a.txt", "a\n")
	r.git("add", "a.txt")
	got, err := Staged()
	require.NoError(t, err)
	assert.Equal(t, []string{"a.txt"}, got)
}

func TestStagedIndexFile(t *testing.T) {
	// In a hook for "git commit PATH" git points GIT_INDEX_FILE at a
	// temporary index: Staged must list what that index holds.
	r := newTestRepo(t)
	r.write("a.txt", "a\n")
	r.commit("base")
	r.write("a.txt", "changed\n")
	tmpIndex := filepath.Join(t.TempDir(), "index")
	cmd := exec.Command("git", "add", "a.txt")
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_INDEX_FILE="+tmpIndex)
	// The temporary index starts as a copy of the real one.
	data, err := os.ReadFile(filepath.Join(r.dir, ".git", "index"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(tmpIndex, data, 0o644))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)

	got, err := Staged()
	require.NoError(t, err)
	assert.Empty(t, got, "the real index has nothing staged")
	t.Setenv("GIT_INDEX_FILE", tmpIndex)
	got, err = Staged()
	require.NoError(t, err)
	assert.Equal(t, []string{"a.txt"}, got)
}

func TestIgnored(t *testing.T) {
	r := newTestRepo(t)
	r.write(".gitignore", "drafts/\n*.bak.txt\n")
	r.write("tracked.bak.txt", "tracked before the rule\n")
	r.git("add", "-f", "tracked.bak.txt")
	r.write("drafts/a.txt", "a\n")
	r.write("old.bak.txt", "b\n")
	r.write("keep.txt", "c\n")

	files := []string{"drafts/a.txt", "old.bak.txt", "keep.txt", "tracked.bak.txt", "-", "missing.txt"}
	got, err := Ignored(files)
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{"drafts/a.txt": true, "old.bak.txt": true}, got)

	// A path outside the work tree makes git refuse the batch; the others
	// are still judged.
	outside := filepath.Join(t.TempDir(), "x.txt")
	got, err = Ignored([]string{outside, "old.bak.txt", "keep.txt"})
	require.NoError(t, err)
	assert.Equal(t, map[string]bool{"old.bak.txt": true}, got)

	got, err = Ignored(nil)
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestOutsideRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	isolateGit(t)
	dir := t.TempDir()
	// GIT_CEILING_DIRECTORIES stops git from finding a repository above
	// the temporary directory.
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	t.Chdir(dir)

	got, err := Ignored([]string{"a.txt"})
	require.NoError(t, err, "outside a repository nothing is ignored")
	assert.Empty(t, got)

	_, err = Staged()
	assert.ErrorIs(t, err, ErrNotRepository)
	_, err = ChangedSince("main", nil)
	assert.ErrorIs(t, err, ErrNotRepository)
	_, err = ReadStaged("a.txt", 0)
	assert.ErrorIs(t, err, ErrNotRepository)
}

func TestWithoutGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	got, err := Ignored([]string{"a.txt"})
	require.NoError(t, err)
	assert.Empty(t, got)
	_, err = Staged()
	assert.ErrorIs(t, err, ErrNoGit)
	_, err = ChangedSince("main", nil)
	assert.ErrorIs(t, err, ErrNoGit)
}

func TestWithExtensions(t *testing.T) {
	got := WithExtensions([]string{"a.txt", "b.TXT", "c.go", "d", "e.md"}, []string{".txt", ".md"})
	assert.Equal(t, []string{"a.txt", "b.TXT", "e.md"}, got)
}

func slashes(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.ToSlash(p)
	}
	return out
}

//go:build unix

package input

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// onlyFiles lists dir's entries, to assert that no temporary file is left.
func onlyFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestReplaceKeepsWhatMakesTheFileTheSame(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) (path string) // returns the path given to Replace
		check func(t *testing.T, dir, path string)
	}{
		{
			name: "symlink: the target is rewritten, the link stays a link",
			setup: func(t *testing.T, dir string) string {
				require.NoError(t, os.WriteFile(filepath.Join(dir, "target.txt"), []byte("old"), 0o644))
				require.NoError(t, os.Symlink("target.txt", filepath.Join(dir, "link.txt")))
				return filepath.Join(dir, "link.txt")
			},
			check: func(t *testing.T, dir, path string) {
				info, err := os.Lstat(path)
				require.NoError(t, err)
				assert.Equal(t, os.ModeSymlink, info.Mode().Type(), "still a link")
				got, err := os.ReadFile(filepath.Join(dir, "target.txt"))
				require.NoError(t, err)
				assert.Equal(t, "new", string(got))
				assert.ElementsMatch(t, []string{"target.txt", "link.txt"}, onlyFiles(t, dir))
			},
		},
		{
			name: "hard link: both names still share the new content",
			setup: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "a.txt")
				require.NoError(t, os.WriteFile(p, []byte("old"), 0o644))
				require.NoError(t, os.Link(p, filepath.Join(dir, "b.txt")))
				return p
			},
			check: func(t *testing.T, dir, path string) {
				a, err := os.Stat(path)
				require.NoError(t, err)
				b, err := os.Stat(filepath.Join(dir, "b.txt"))
				require.NoError(t, err)
				assert.True(t, os.SameFile(a, b), "the hard link is kept")
				got, err := os.ReadFile(filepath.Join(dir, "b.txt"))
				require.NoError(t, err)
				assert.Equal(t, "new", string(got))
				assert.ElementsMatch(t, []string{"a.txt", "b.txt"}, onlyFiles(t, dir))
			},
		},
		{
			name: "mode bits, setgid included",
			setup: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "m.txt")
				require.NoError(t, os.WriteFile(p, []byte("old"), 0o600))
				require.NoError(t, os.Chmod(p, 0o640|os.ModeSetgid))
				return p
			},
			check: func(t *testing.T, dir, path string) {
				info, err := os.Stat(path)
				require.NoError(t, err)
				assert.Equal(t, os.FileMode(0o640), info.Mode().Perm())
				assert.NotZero(t, info.Mode()&os.ModeSetgid, "setgid kept")
			},
		},
		{
			name: "owner and group",
			setup: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "o.txt")
				require.NoError(t, os.WriteFile(p, []byte("old"), 0o644))
				if os.Geteuid() == 0 {
					require.NoError(t, os.Chown(p, 12345, 23456))
				}
				return p
			},
			check: func(t *testing.T, dir, path string) {
				info, err := os.Stat(path)
				require.NoError(t, err)
				st := info.Sys().(*syscall.Stat_t)
				if os.Geteuid() == 0 {
					assert.Equal(t, []uint32{12345, 23456}, []uint32{st.Uid, st.Gid})
				} else {
					assert.Equal(t, uint32(os.Geteuid()), st.Uid)
				}
			},
		},
		{
			name: "a name at the file system's limit (the temporary name is short)",
			setup: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, strings.Repeat("n", 251)+".txt")
				require.NoError(t, os.WriteFile(p, []byte("old"), 0o644))
				return p
			},
			check: func(t *testing.T, dir, path string) {
				got, err := os.ReadFile(path)
				require.NoError(t, err)
				assert.Equal(t, "new", string(got))
				assert.Len(t, onlyFiles(t, dir), 1)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := tt.setup(t, dir)
			var w Writer
			require.NoError(t, w.Replace(p, []byte("old"), []byte("new")))
			got, err := os.ReadFile(p)
			require.NoError(t, err)
			assert.Equal(t, "new", string(got))
			tt.check(t, dir, p)
		})
	}
}

func TestReplaceRefuses(t *testing.T) {
	t.Run("read-only file", func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, "ro.txt")
		require.NoError(t, os.WriteFile(p, []byte("old"), 0o444))
		var w Writer
		err := w.Replace(p, []byte("old"), []byte("new"))
		require.ErrorIs(t, err, ErrReadOnly)
		assert.Contains(t, err.Error(), "ro.txt: the file is read-only")
		got, _ := os.ReadFile(p)
		assert.Equal(t, "old", string(got))
		assert.Len(t, onlyFiles(t, dir), 1)
	})
	t.Run("content changed since it was read", func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, "c.txt")
		require.NoError(t, os.WriteFile(p, []byte("edited by someone"), 0o644))
		var w Writer
		require.ErrorIs(t, w.Replace(p, []byte("old"), []byte("new")), ErrChanged)
		got, _ := os.ReadFile(p)
		assert.Equal(t, "edited by someone", string(got))
	})
	t.Run("not a regular file", func(t *testing.T) {
		var w Writer
		assert.ErrorContains(t, w.Replace(t.TempDir(), nil, []byte("x")), "not a regular file")
	})
	for _, links := range []bool{false, true} {
		name := "changed at the last moment, by rename"
		if links {
			name = "changed at the last moment, in place (hard link)"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "race.txt")
			require.NoError(t, os.WriteFile(p, []byte("old"), 0o644))
			if links {
				require.NoError(t, os.Link(p, filepath.Join(dir, "other.txt")))
			}
			w := Writer{afterCheck: func(real string) {
				// Another program appends a line between the last check
				// and the swap.
				f, err := os.OpenFile(real, os.O_WRONLY|os.O_APPEND, 0)
				require.NoError(t, err)
				_, err = f.WriteString("\nappended")
				require.NoError(t, err)
				require.NoError(t, f.Close())
			}}
			err := w.Replace(p, []byte("old"), []byte("new"))
			if links {
				// In place, the write after the check cannot be told
				// apart; what matters is that the check ran right before.
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrChanged)
			got, _ := os.ReadFile(p)
			assert.Equal(t, "old\nappended", string(got), "the other program's edit is not lost")
			assert.Len(t, onlyFiles(t, dir), 1, "no temporary file left")
		})
	}
}

func TestCleanupRemovesTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "s.txt")
	require.NoError(t, os.WriteFile(p, []byte("old"), 0o644))
	var w Writer
	w.afterCheck = func(string) {
		// A signal arrives mid-write: the handler calls Cleanup.
		names := onlyFiles(t, dir)
		require.Len(t, names, 2)
		for _, n := range names {
			if n != "s.txt" {
				assert.LessOrEqual(t, len(n), 20, "short temporary name %q", n)
			}
		}
		w.Cleanup()
		assert.Equal(t, []string{"s.txt"}, onlyFiles(t, dir))
	}
	err := w.Replace(p, []byte("old"), []byte("new"))
	require.Error(t, err, "the temporary file is gone, so the swap fails")
	got, _ := os.ReadFile(p)
	assert.Equal(t, "old", string(got))
}

package input

// Git integration: which files to lint in a repository of reply templates.
// Everything here runs the git command in the current directory, so it sees
// what the user's git sees: their config, core.hooksPath, and in a hook the
// GIT_INDEX_FILE of the commit being made ("git commit -a" and "git commit
// PATH" use a temporary index). Paths come back relative to the current
// directory, ready to be read or passed to Expand.

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// ErrNotRepository is returned when the current directory is not inside a
// git work tree.
var ErrNotRepository = errors.New("not inside a git work tree (run replylint from a clone of the repository)")

// ErrNoGit is returned when the git command cannot be found.
var ErrNoGit = errors.New("git is not installed or not on PATH")

// GitError is a git command that failed; Stderr is what git said.
type GitError struct {
	Args   []string
	Stderr string
	Err    error
}

func (e *GitError) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if msg == "" {
		msg = e.Err.Error()
	}
	return fmt.Sprintf("git %s: %s", strings.Join(e.Args, " "), msg)
}

func (e *GitError) Unwrap() error { return e.Err }

// git runs git in the current directory and returns its stdout.
func git(stdin []byte, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, ErrNoGit
		}
		return stdout.Bytes(), &GitError{Args: args, Stderr: stderr.String(), Err: err}
	}
	return stdout.Bytes(), nil
}

// gitPrefix returns the current directory relative to the top of the work
// tree ("." at the top, "a/b" two levels down), or ErrNotRepository. Paths
// relative to the top are made relative to the current directory through
// it rather than through absolute paths, which symbolic links in the
// current directory (macOS's /tmp) would make differ.
func gitPrefix() (string, error) {
	out, err := git(nil, "rev-parse", "--is-inside-work-tree", "--show-prefix")
	if err != nil {
		var ge *GitError
		switch {
		case errors.Is(err, ErrNoGit):
			return "", err
		case errors.As(err, &ge) && strings.Contains(ge.Stderr, "not a git repository"):
			return "", ErrNotRepository
		}
		// Say why: git refuses a repository owned by another user
		// (safe.directory), for one.
		return "", fmt.Errorf("%w: %w", ErrNotRepository, err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) == 0 || lines[0] != "true" {
		return "", ErrNotRepository
	}
	if len(lines) < 2 || lines[1] == "" {
		return ".", nil
	}
	return filepath.Clean(filepath.FromSlash(lines[1])), nil
}

// ChangedSince lists the files added, copied, modified or renamed (not
// deleted) since ref, the way a CI job for a pull request sees them: the
// diff runs from the merge base of ref and HEAD, so changes that landed on
// ref meanwhile are not reported, to the work tree, so uncommitted edits
// of tracked files count too (in CI the work tree is HEAD). Untracked files
// are not listed. When ref and HEAD share no history (a shallow clone), the
// diff runs from ref itself.
//
// paths (files or directories, relative to the current directory) limit
// the result when not empty. The files come back relative to the current
// directory, sorted; only regular files that exist in the work tree are
// listed (not submodules).
func ChangedSince(ref string, paths []string) ([]string, error) {
	if ref == "" || strings.HasPrefix(ref, "-") {
		return nil, fmt.Errorf("invalid git ref %q", ref)
	}
	prefix, err := gitPrefix()
	if err != nil {
		return nil, err
	}
	if _, err := git(nil, "rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		if errors.Is(err, ErrNoGit) {
			return nil, err
		}
		// rev-parse --quiet says nothing more than its exit status.
		return nil, fmt.Errorf("unknown git ref %q (in a shallow CI clone, fetch it first, e.g. git fetch origin main)", ref)
	}
	base := ref
	if out, err := git(nil, "merge-base", "--end-of-options", ref, "HEAD"); err == nil {
		base = strings.TrimSpace(string(out))
	}
	// Literal pathspecs: a template named "a*.txt" means that file, not a glob.
	out, err := git(nil, append([]string{"--literal-pathspecs", "diff", "--name-only", "--no-renames", "--diff-filter=ACMR", "-z", base, "--"}, paths...)...)
	if err != nil {
		return nil, fmt.Errorf("listing files changed since %s: %w", ref, err)
	}
	return gitFiles(out, prefix), nil
}

// Staged lists the files added, copied, modified or renamed in the index
// (what "git commit" would commit, the first commit of a repository
// included), relative to the current directory, sorted, as far as they
// exist in the work tree. Linting them reads the work tree; ReadStaged
// reads what is staged.
func Staged() ([]string, error) {
	prefix, err := gitPrefix()
	if err != nil {
		return nil, err
	}
	out, err := git(nil, "diff", "--cached", "--name-only", "--no-renames", "--diff-filter=ACMR", "-z")
	if err != nil {
		return nil, fmt.Errorf("listing staged files: %w", err)
	}
	return gitFiles(out, prefix), nil
}

// ReadStaged reads and decodes the staged (index) version of path, which
// is relative to the current directory: a pre-commit hook lints what is
// about to be committed even when the work tree has further edits.
func ReadStaged(path string, maxBytes int64) (string, error) {
	if _, err := gitPrefix(); err != nil {
		return "", err
	}
	if filepath.IsAbs(path) {
		wd, err := os.Getwd()
		if err != nil {
			return "", fmt.Errorf("reading the current directory: %w", err)
		}
		if path, err = filepath.Rel(wd, path); err != nil {
			return "", fmt.Errorf("%s: %w", path, err)
		}
	}
	rel := filepath.ToSlash(filepath.Clean(path))
	if !strings.HasPrefix(rel, "../") && rel != ".." {
		rel = "./" + rel
	}
	out, err := git(nil, "cat-file", "blob", ":"+rel)
	if err != nil {
		if errors.Is(err, ErrNoGit) {
			return "", err
		}
		return "", fmt.Errorf("not in the index: %w", err)
	}
	return ReadFrom(bytes.NewReader(out), maxBytes)
}

// gitFiles turns NUL-separated paths relative to the top of the work tree
// into sorted paths relative to the current directory, keeping only
// regular files (or links to them) that exist.
func gitFiles(out []byte, prefix string) []string {
	var files []string
	for _, name := range strings.Split(string(out), "\x00") {
		if name == "" {
			continue
		}
		p, err := filepath.Rel(prefix, filepath.FromSlash(name))
		if err != nil {
			continue
		}
		info, err := os.Stat(p)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		files = append(files, p)
	}
	slices.Sort(files)
	return slices.Compact(files)
}

// Ignored reports which of files git ignores (.gitignore, .git/info/exclude,
// core.excludesFile). Tracked files are never ignored. Outside a git work
// tree, or without git, nothing is ignored and there is no error; standard
// input ("-") is never ignored.
func Ignored(files []string) (map[string]bool, error) {
	ignored := map[string]bool{}
	var names []string
	for _, f := range files {
		if f != "" && f != "-" && f != "<stdin>" {
			names = append(names, f)
		}
	}
	if len(names) == 0 {
		return ignored, nil
	}
	top, err := gitTopLevel()
	if err != nil {
		return ignored, nil
	}
	// A path outside the work tree is not ignored, and one such path makes
	// git refuse the whole batch; judging the rest one git process per
	// file took minutes for a large directory outside the repository (a
	// corpus in /tmp linted from a clone). Leave them out of the batch.
	names = insideWorkTree(top, names)
	if len(names) == 0 {
		return ignored, nil
	}
	out, err := checkIgnore(names)
	if err != nil {
		// A path git still refuses (in a submodule, beyond a symbolic
		// link) fails the whole batch: ask per file, and treat a path git
		// will not judge as not ignored.
		var ge *GitError
		if !errors.As(err, &ge) {
			return nil, err
		}
		for _, n := range names {
			one, err := checkIgnore([]string{n})
			if err == nil {
				out = append(out, one...)
			}
		}
	}
	for _, name := range strings.Split(string(out), "\x00") {
		if name != "" {
			ignored[name] = true
		}
	}
	return ignored, nil
}

// gitTopLevel returns the absolute top directory of the work tree, with
// symbolic links resolved, or ErrNotRepository.
func gitTopLevel() (string, error) {
	if _, err := gitPrefix(); err != nil {
		return "", err
	}
	out, err := git(nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", err
	}
	top := filepath.FromSlash(strings.TrimRight(string(out), "\n"))
	if resolved, err := filepath.EvalSymlinks(top); err == nil {
		top = resolved
	}
	return top, nil
}

// insideWorkTree keeps the names whose directory lies in the work tree at
// top. Directories are resolved once each (symbolic links too, as git
// sees them), so a large tree costs one lookup per directory.
func insideWorkTree(top string, names []string) []string {
	resolved := map[string]string{}
	var inside []string
	for _, n := range names {
		dir := filepath.Dir(n)
		abs, ok := resolved[dir]
		if !ok {
			abs = dir
			if a, err := filepath.Abs(dir); err == nil {
				abs = a
			}
			if r, err := filepath.EvalSymlinks(abs); err == nil {
				abs = r
			}
			resolved[dir] = abs
		}
		rel, err := filepath.Rel(top, abs)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			inside = append(inside, n)
		}
	}
	return inside
}

// checkIgnore runs git check-ignore on names; exit status 1 means none is
// ignored, which is not an error.
func checkIgnore(names []string) ([]byte, error) {
	in := []byte(strings.Join(names, "\x00") + "\x00")
	out, err := git(in, "check-ignore", "-z", "--stdin")
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 1 {
		return nil, nil
	}
	return out, err
}

// WithExtensions keeps the files whose extension (case-insensitive) is in
// exts: the filter a directory walk applies, for lists that come from git.
func WithExtensions(files, exts []string) []string {
	var out []string
	for _, f := range files {
		if slices.Contains(exts, strings.ToLower(filepath.Ext(f))) {
			out = append(out, f)
		}
	}
	return out
}

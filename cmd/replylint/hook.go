package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// hookMarker identifies a pre-commit hook written by replylint, so that
// install may update it and uninstall may remove it, and neither touches a
// hook someone else wrote.
const hookMarker = "# replylint-managed-hook"

// hookSavedSuffix names where install --force keeps a hook it replaces;
// uninstall puts it back.
const hookSavedSuffix = ".replylint-saved"

// hookScript is the pre-commit hook: POSIX sh, no bashisms. git runs it at
// the top of the work tree with GIT_INDEX_FILE set for the commit being
// made, which "check --staged" honours. REPLYLINT may name the binary.
func hookScript(checkArgs []string) string {
	var b strings.Builder
	b.WriteString("#!/bin/sh\n")
	b.WriteString(hookMarker + "\n")
	b.WriteString(`# Lints the reply templates staged for this commit. Written by
# "replylint hook install"; remove it with "replylint hook uninstall".
# Skip it once with "git commit --no-verify".
REPLYLINT="${REPLYLINT:-replylint}"
if ! command -v "$REPLYLINT" >/dev/null 2>&1; then
	echo "replylint pre-commit hook: '$REPLYLINT' is not on PATH." >&2
	echo "Install it with: go install github.com/replylint/replylint/cmd/replylint@latest" >&2
	echo "or remove the hook with: replylint hook uninstall" >&2
	exit 1
fi
exec "$REPLYLINT" check --staged`)
	for _, a := range checkArgs {
		b.WriteString(" " + shellQuote(a))
	}
	b.WriteString(" </dev/null\n")
	return b.String()
}

// shellQuote quotes s for sh: in single quotes, each quote in s closes
// the quoting, adds an escaped quote and reopens it.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func newHookCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hook",
		Short: "Install or remove a git pre-commit hook that lints staged templates",
		Long: `Manage a plain git pre-commit hook that runs "replylint check --staged"
before each commit and stops the commit when it fails. Teams that use the
pre-commit framework add replylint to .pre-commit-config.yaml instead.`,
	}
	var force bool
	install := &cobra.Command{
		Use:   "install [--force] [-- CHECK-FLAG...]",
		Short: "Write .git/hooks/pre-commit",
		Long: `Write a pre-commit hook into the repository's hooks directory (as "git
rev-parse --git-path hooks" names it, so core.hooksPath is honoured). Flags
after "--" are passed to "replylint check", e.g. -- --mode template.

An existing pre-commit hook that replylint did not write is left alone
unless --force is given; it is then kept beside the new one and put back
by "replylint hook uninstall".`,
		Example: `  replylint hook install
  replylint hook install -- --mode template --channel ebay`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 && cmd.ArgsLenAtDash() != 0 {
				return &exitCodeError{code: exitError, err: fmt.Errorf(
					"unexpected argument %q: put flags for replylint check after --, e.g. replylint hook install -- --mode template", args[0])}
			}
			// Catch a mistyped check flag now rather than at every commit.
			if err := newCheckCmd().ParseFlags(args); err != nil {
				return &exitCodeError{code: exitError, err: fmt.Errorf("flags for replylint check: %w", err)}
			}
			return hookInstall(cmd, args, force)
		},
	}
	install.Flags().BoolVar(&force, "force", false, "replace a pre-commit hook that replylint did not write")
	uninstall := &cobra.Command{
		Use:   "uninstall",
		Short: "Remove the pre-commit hook if replylint wrote it",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return hookUninstall(cmd)
		},
	}
	cmd.AddCommand(install, uninstall)
	return cmd
}

// hookPath returns the path of the pre-commit hook of the repository the
// current directory is in.
func hookPath() (string, error) {
	var stderr bytes.Buffer
	c := exec.Command("git", "rev-parse", "--git-path", "hooks")
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", errors.New("git is not installed or not on PATH")
		}
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("not inside a git repository (%s)", msg)
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" {
		return "", errors.New("git did not name a hooks directory")
	}
	return filepath.Join(dir, "pre-commit"), nil
}

func hookInstall(cmd *cobra.Command, checkArgs []string, force bool) error {
	path, err := hookPath()
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	script := hookScript(checkArgs)
	out := cmd.OutOrStdout()
	old, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return &exitCodeError{code: exitError, err: fmt.Errorf("reading the existing hook: %w", err)}
	case string(old) == script:
		_, _ = fmt.Fprintf(out, "replylint pre-commit hook already installed at %s\n", path)
		return nil
	case bytes.Contains(old, []byte(hookMarker)):
		// Ours, from an older version or with other flags: update it.
	case !force:
		hint := ""
		if bytes.Contains(old, []byte("pre-commit.com")) {
			hint = "; it is the pre-commit framework's hook: add replylint to .pre-commit-config.yaml instead (see docs/integrations/pre-commit.md)"
		}
		return &exitCodeError{code: exitError, err: fmt.Errorf(
			"%s exists and was not written by replylint; not replacing it (use --force to replace it, keeping a copy as %s)%s",
			path, filepath.Base(path)+hookSavedSuffix, hint)}
	default:
		saved := path + hookSavedSuffix
		if err := os.Rename(path, saved); err != nil {
			return &exitCodeError{code: exitError, err: fmt.Errorf("keeping the existing hook: %w", err)}
		}
		_, _ = fmt.Fprintf(out, "moved the existing hook to %s\n", saved)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return &exitCodeError{code: exitError, err: fmt.Errorf("creating the hooks directory: %w", err)}
	}
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		return &exitCodeError{code: exitError, err: fmt.Errorf("writing the hook: %w", err)}
	}
	// WriteFile keeps the mode of a file that exists.
	if err := os.Chmod(path, 0o755); err != nil {
		return &exitCodeError{code: exitError, err: fmt.Errorf("making the hook executable: %w", err)}
	}
	_, _ = fmt.Fprintf(out, "installed replylint pre-commit hook at %s\n", path)
	return nil
}

func hookUninstall(cmd *cobra.Command) error {
	path, err := hookPath()
	if err != nil {
		return &exitCodeError{code: exitError, err: err}
	}
	out := cmd.OutOrStdout()
	old, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		_, _ = fmt.Fprintf(out, "no pre-commit hook at %s; nothing to remove\n", path)
		return nil
	case err != nil:
		return &exitCodeError{code: exitError, err: fmt.Errorf("reading the hook: %w", err)}
	case !bytes.Contains(old, []byte(hookMarker)):
		return &exitCodeError{code: exitError, err: fmt.Errorf("%s was not written by replylint; not removing it", path)}
	}
	if err := os.Remove(path); err != nil {
		return &exitCodeError{code: exitError, err: fmt.Errorf("removing the hook: %w", err)}
	}
	_, _ = fmt.Fprintf(out, "removed replylint pre-commit hook %s\n", path)
	saved := path + hookSavedSuffix
	if _, err := os.Stat(saved); err == nil {
		if err := os.Rename(saved, path); err != nil {
			return &exitCodeError{code: exitError, err: fmt.Errorf("restoring the earlier hook: %w", err)}
		}
		_, _ = fmt.Fprintf(out, "restored the earlier hook from %s\n", saved)
	}
	return nil
}

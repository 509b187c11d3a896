package main

import (
	"errors"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/replylint/replylint/lint/input"
	"github.com/replylint/replylint/lint/lsp"
	"github.com/replylint/replylint/lint/project"
)

func newLSPCmd() *cobra.Command {
	var rf ruleFlags
	var stdio bool
	var debounce time.Duration
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server on standard input and output (for editors)",
		Long: `Run replylint as a Language Server Protocol server on standard input and
output: editors get diagnostics for the buffer as it is typed, quick fixes,
suppressions, "allow this domain" and hover explanations. See
docs/integrations/editors.md for Neovim, VS Code, Emacs, Helix and Zed.

initializationOptions: {"config": "path/to/.replylint.yaml", "debounceMs": 150}.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			srv := lsp.New(lsp.Options{
				Version:  version,
				Debounce: debounce,
				Project: project.Options{
					RuleDirs: rf.dirs, Disable: rf.disable, NoBuiltin: rf.noBuiltin,
					MaxBytes: input.DefaultMaxBytes,
				},
				Log: cmd.ErrOrStderr(),
			})
			err := srv.Serve(cmd.Context(), stdioConn{cmd.InOrStdin(), cmd.OutOrStdout()})
			if errors.Is(err, lsp.ErrNoShutdown) {
				return &exitCodeError{code: exitFailed}
			}
			if err != nil {
				return &exitCodeError{code: exitError, err: err}
			}
			return nil
		},
	}
	// Many clients start servers with --stdio; it is the only transport.
	cmd.Flags().BoolVar(&stdio, "stdio", true, "speak LSP on standard input and output (the default and only transport)")
	cmd.Flags().DurationVar(&debounce, "debounce", lsp.DefaultDebounce, "wait this long after a change before linting")
	rf.register(cmd)
	return cmd
}

// stdioConn joins standard input and output into the stream the server
// reads and writes; closing it leaves both open for the process to exit.
type stdioConn struct {
	io.Reader
	io.Writer
}

func (stdioConn) Close() error { return nil }

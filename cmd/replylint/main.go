// Command replylint checks seller-to-buyer messages against marketplace
// messaging policy and the four-step de-escalation method.
//
// It is a thin face over package lint: flags are parsed here, everything
// else happens in the library.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/replylint/replylint/lint/input"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1
	exitError  = 2
)

// exitError carries an exit code through cobra.
type exitCodeError struct {
	code int
	err  error
}

func (e *exitCodeError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func (e *exitCodeError) Unwrap() error { return e.err }

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	stderr = safeWriter{stderr}
	var prof profiling
	root := newRootCmd(stdin, stdout, stderr)
	prof.register(root)
	root.PersistentPreRunE = func(*cobra.Command, []string) error { return prof.start() }
	root.SetArgs(args)
	// Temporary files of a --fix under way are removed when the run is
	// interrupted; the Writer travels to the commands in the context.
	w := &input.Writer{}
	stop := cleanupOnSignal(w)
	defer stop()
	err := root.ExecuteContext(withWriter(context.Background(), w))
	if perr := prof.stop(); perr != nil && err == nil {
		err = perr
	}
	if err == nil {
		return exitOK
	}
	var ec *exitCodeError
	if errors.As(err, &ec) {
		if ec.err != nil {
			_, _ = fmt.Fprintln(stderr, "replylint:", ec.err)
		}
		return ec.code
	}
	_, _ = fmt.Fprintln(stderr, "replylint:", err)
	_, _ = fmt.Fprintln(stderr, "Run 'replylint --help' for usage.")
	return exitError
}

func newRootCmd(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "replylint",
		Short: "Lint seller-to-buyer messages for marketplace policy, empathy and tone",
		Long: `replylint checks a reply draft or template before it goes to a buyer:
links and contact details the marketplace forbids, review manipulation and
incentives, promotion, the four-step de-escalation method (apology, ownership,
solution, closing choice question), blame, pressure, placeholders, language and
formatting. Each finding comes with its line, column and a suggested rewrite;
each message gets a score from 0 to 100.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newCheckCmd(), newRulesCmd(), newExplainCmd(), newEvalCmd(), newConfigCmd(), newInitCmd(), newBaselineCmd())
	root.AddCommand(newHookCmd(), newLSPCmd())
	return root
}

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/replylint/replylint/lint/input"
	"github.com/replylint/replylint/lint/report"
)

// writerKey is the context key of the run's *input.Writer.
type writerKey struct{}

func withWriter(ctx context.Context, w *input.Writer) context.Context {
	return context.WithValue(ctx, writerKey{}, w)
}

// writerOf returns the run's Writer (a fresh one when a test runs a
// command without run).
func writerOf(ctx context.Context) *input.Writer {
	if ctx != nil {
		if w, ok := ctx.Value(writerKey{}).(*input.Writer); ok {
			return w
		}
	}
	return &input.Writer{}
}

// cleanupOnSignal removes w's temporary files when SIGINT or SIGTERM
// arrives and then exits as a killed process would (128 + the signal), so
// an interrupted --fix leaves no hidden ".rl-*.tmp" file behind. The
// returned function stops listening.
func cleanupOnSignal(w *input.Writer) func() {
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-ch:
			w.Cleanup()
			code := 130
			if sig == syscall.SIGTERM {
				code = 143
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// safeWriter passes what is written through report.SafeLines. Standard
// error carries file names and text from templates and rule files in its
// messages, and the GitHub Action sends it to the job's log, where a line
// starting with "::" or holding "##[" would be read as a workflow command.
// Writes are whole lines (fmt.Fprintln), so a line is never split between
// two calls.
type safeWriter struct{ w io.Writer }

func (s safeWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(s.w, report.SafeLines(string(p))); err != nil {
		return 0, fmt.Errorf("standard error: %w", err)
	}
	return len(p), nil
}

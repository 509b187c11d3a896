package engine

import (
	"runtime"
	"sync"

	"github.com/replylint/replylint/lint/finding"
)

// Input is one message of a batch.
type Input struct {
	Text    string
	Options Options
}

// LintAll lints many messages on all cores; results come back in input
// order, so output stays deterministic.
func (l *Linter) LintAll(inputs []Input) []*Result {
	out := make([]*Result, len(inputs))
	if len(inputs) == 0 {
		return out
	}
	// The first message runs alone so lazily loaded models are loaded once
	// before the workers start.
	out[0] = l.Lint(inputs[0].Text, inputs[0].Options)
	workers := min(runtime.GOMAXPROCS(0), len(inputs)-1)
	var next sync.WaitGroup
	jobs := make(chan int)
	for range workers {
		next.Go(func() {
			for i := range jobs {
				out[i] = l.Lint(inputs[i].Text, inputs[i].Options)
			}
		})
	}
	for i := 1; i < len(inputs); i++ {
		jobs <- i
	}
	close(jobs)
	next.Wait()
	return out
}

// Fails reports whether a result fails a run: a finding at or above
// failLevel (Off: never) or a score below minScore.
func Fails(r *Result, failLevel finding.Severity, minScore int) bool {
	if r.Score < minScore {
		return true
	}
	if failLevel == finding.Off {
		return false
	}
	for _, f := range r.Findings {
		if f.Severity >= failLevel {
			return true
		}
	}
	return false
}

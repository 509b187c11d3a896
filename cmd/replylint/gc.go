package main

import (
	"os"
	"runtime/debug"

	"github.com/replylint/replylint/lint/project"
)

// The collector's target during a check. Loading the rules and compiling
// the first language's patterns allocate about 15 MB, most of it kept for
// the whole run; with the default target the collector runs at 4, 8 and
// 16 MB and takes a fifth of a one-message run's CPU for nothing. So a check
// loads with a higher target and keeps it for a small input; a larger one
// (many files, a big export, stdin of unknown size) goes back to the
// default, so that its peak memory stays what it was. A GOGC the user set
// is left alone.
const (
	loadGCPercent    = 400
	defaultGCPercent = 100
	// smallInputBytes is the largest single file that keeps the higher
	// target: its messages add little to what loading left.
	smallInputBytes = 64 << 10
)

// raiseGCForLoad raises the collector's target unless GOGC is set; the
// function it returns lowers it again for an input that is not small.
func raiseGCForLoad() (settle func([]project.Input)) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func([]project.Input) {}
	}
	debug.SetGCPercent(loadGCPercent)
	return func(ins []project.Input) {
		if !smallInput(ins) {
			debug.SetGCPercent(defaultGCPercent)
		}
	}
}

// smallInput reports whether the run lints one file of at most
// smallInputBytes.
func smallInput(ins []project.Input) bool {
	if len(ins) != 1 || ins[0].Path == "-" {
		return false
	}
	info, err := os.Stat(ins[0].Path)
	return err == nil && info.Mode().IsRegular() && info.Size() <= smallInputBytes
}

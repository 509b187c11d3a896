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
	// loadGCPercent puts the first collection past what loading and one
	// message of a few kilobytes allocate (at 400 it came at 16 MB, in
	// the middle of the first message: a sixth of the run's CPU).
	loadGCPercent    = 800
	smallGCPercent   = 400
	defaultGCPercent = 100
	// tinyInputBytes is the largest single file that keeps loadGCPercent:
	// a message or a few (peak memory grows by a few MB); up to
	// smallInputBytes a file keeps smallGCPercent, its messages adding
	// little to what loading left.
	tinyInputBytes  = 8 << 10
	smallInputBytes = 64 << 10
)

// raiseGCForLoad raises the collector's target unless GOGC is set; the
// function it returns lowers it again for an input that is not tiny.
func raiseGCForLoad() (settle func([]project.Input)) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func([]project.Input) {}
	}
	debug.SetGCPercent(loadGCPercent)
	return func(ins []project.Input) {
		switch size, ok := singleFileSize(ins); {
		case ok && size <= tinyInputBytes:
		case ok && size <= smallInputBytes:
			debug.SetGCPercent(smallGCPercent)
		default:
			debug.SetGCPercent(defaultGCPercent)
		}
	}
}

// singleFileSize returns the size of the run's one input, false when the
// run lints more than one, standard input, or something not a file.
func singleFileSize(ins []project.Input) (int64, bool) {
	if len(ins) != 1 || ins[0].Path == "-" {
		return 0, false
	}
	info, err := os.Stat(ins[0].Path)
	if err != nil || !info.Mode().IsRegular() {
		return 0, false
	}
	return info.Size(), true
}

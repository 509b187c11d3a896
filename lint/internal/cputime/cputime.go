// Package cputime reads the CPU time the process has used, for benchmarks
// that must not depend on how busy the machine is: wall time per operation
// grows when other processes share the cores, CPU time does not.
package cputime

import (
	"testing"
	"time"
)

// Report runs body and reports the CPU time (user and system, all
// threads, garbage collection included) it took per operation, as the
// metric "cpu-ms/op", beside the wall time the benchmark reports.
func Report(b *testing.B, body func()) {
	b.Helper()
	start := Now()
	n := 0
	for b.Loop() {
		body()
		n++
	}
	if used := Now() - start; n > 0 && used > 0 {
		b.ReportMetric(float64(used)/float64(time.Millisecond)/float64(n), "cpu-ms/op")
	}
}

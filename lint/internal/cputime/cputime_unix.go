//go:build unix

package cputime

import (
	"syscall"
	"time"
)

// Now returns the CPU time the process has used so far (zero when the
// system does not say).
func Now() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

//go:build unix

package lint

import (
	"syscall"
	"time"
)

// cpuTime is the user and system CPU time the test process has used so
// far: the hostile-text bounds are on it, not on the wall clock, so that
// a machine busy with other work does not fail them (the lint tests run
// one at a time).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

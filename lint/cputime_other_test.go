//go:build !unix

package lint

import "time"

// cpuTime stands in for the process's CPU time where getrusage is not
// there: the wall clock since the first call.
func cpuTime() time.Duration { return time.Since(epoch) }

var epoch = time.Now()

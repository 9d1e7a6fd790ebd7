// Package procstat reads the figures the benchmark tools print about
// their own process and machine: peak resident set size, CPU time and
// the load average.
package procstat

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// PeakRSSMiB is the process's peak resident set size in MiB (VmHWM,
// Linux), or 0 where it cannot be read.
func PeakRSSMiB() float64 {
	return float64(statusKB()["VmHWM"]) / 1024
}

// RSS is a resident set in bytes (Linux's VmRSS, RssAnon and RssFile
// with RssShmem in File).
type RSS struct{ Total, Anon, File uint64 }

// ReadRSS reads the process's resident set now, or zeros where it cannot
// be read.
func ReadRSS() RSS {
	kb := statusKB()
	return RSS{Total: kb["VmRSS"] << 10, Anon: kb["RssAnon"] << 10, File: (kb["RssFile"] + kb["RssShmem"]) << 10}
}

// statusKB is the figures in kB of the process's status (Linux's
// /proc/self/status: "VmHWM:  53712 kB"), by name; none where it cannot
// be read.
func statusKB() map[string]uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return nil
	}
	kb := map[string]uint64{}
	for _, line := range strings.Split(string(b), "\n") {
		name, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		if n, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64); err == nil {
			kb[name] = n
		}
	}
	return kb
}

// CPUTimes is the user and system CPU time the process has used so far,
// or zeros where it cannot be read.
func CPUTimes() (user, system time.Duration) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}

// LoadAverage is the one-minute load average (Linux), or "?".
func LoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(b)); len(f) > 0 {
		return f[0]
	}
	return "?"
}

//go:build unix

package output

import (
	"fmt"
	"syscall"
	"testing"
	"time"
)

// BenchmarkWritePackFiles writes what one role pack holds (eleven files in
// its own folder, with the folder's file list) through WriteSet, as a
// batch does: the cost of atomic, contained writes per pack. "new" is a
// pack folder that does not exist yet (a first run: written whole through
// a temporary folder, writeNewSet), "existing" one that does, written
// file by file (a rebuild).
func BenchmarkWritePackFiles(b *testing.B) {
	files := make([]File, 11)
	for j := range files {
		files[j] = File{Name: fmt.Sprintf("file-%d.pdf", j), Data: make([]byte, 20<<10)}
	}
	for _, existing := range []bool{false, true} {
		name := "new"
		if existing {
			name = "existing"
		}
		b.Run(name, func(b *testing.B) {
			f, err := OpenFolder(b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			defer f.Close()
			if existing {
				for i := range b.N {
					if err := f.root.Mkdir(fmt.Sprintf("pack-%d", i), 0o755); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := range b.N {
				if _, err := f.WriteSet(fmt.Sprintf("pack-%d", i), files, false); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-µs/pack")
		})
	}
}

// cpuTime is the user and system CPU time the process has used so far:
// on a shared machine, the figure that moves less with its load.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

package pdf

import (
	"io"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time (user + system) this process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkJD measures one realistic job description (about five pages,
// three long tables), written with a Writer built once as in a batch run:
// tagged, as Write always writes it, and untagged (no structure tree,
// marked content or XMP metadata), to measure what tagging costs. Besides
// wall time it reports cpu-ms/op, the CPU time per document, which stays
// meaningful when the machine is busy with other work.
func BenchmarkJD(b *testing.B) {
	for _, untagged := range []bool{false, true} {
		name := "tagged"
		if untagged {
			name = "untagged"
		}
		b.Run(name, func(b *testing.B) {
			w, err := New()
			if err != nil {
				b.Fatal(err)
			}
			w.untagged = untagged
			d := sampleJD()
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				if err := w.Write(io.Discard, d); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

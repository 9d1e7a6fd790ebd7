package main

import (
	"bytes"
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/output"
)

// cpuTime is the CPU time (user + system) this process has used so far:
// on a shared machine it moves far less with other work than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkWriters writes peerbench's JD (the default JD of `rolepack
// generate --doc jd`) with rolepack's DOCX and PDF writers and with the
// archive/zip floor, one goroutine, into memory, and reports the CPU time
// per document: the in-process half of make bench-peers, as a benchmark
// whose ratios (docx / floor-zip) can be compared across two test binaries
// run interleaved. The fpdf floors run in their own module (fpdffloor.go)
// and are not here.
func BenchmarkWriters(b *testing.B) {
	d, err := defaultJD(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	jd := toJD(d)
	formats, err := output.NewFormatsOf(output.DefaultFormats).Lookup([]string{"pdf", "docx"})
	if err != nil {
		b.Fatal(err)
	}
	for _, t := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"docx", func(buf *bytes.Buffer) error { return formats[1].Writer.Write(buf, d) }},
		{"floor-zip", func(buf *bytes.Buffer) error { return writeFloorDOCX(buf, jd) }},
		{"pdf", func(buf *bytes.Buffer) error { return formats[0].Writer.Write(buf, d) }},
	} {
		b.Run(t.name, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				buf.Reset()
				if err := t.write(&buf); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/doc")
		})
	}
}

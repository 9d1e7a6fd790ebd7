package pdf

import (
	"io"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/doc"
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

// BenchmarkJDNewGlyphs is BenchmarkJD (tagged) with a different set of
// glyphs in every document, as in a batch of different vacancies: no
// document can reuse the font subsets of an earlier one.
func BenchmarkJDNewGlyphs(b *testing.B) {
	w, err := New()
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]*doc.Document, 64)
	for i := range docs {
		d := sampleJD()
		r := string(rune('Ā' + i))
		d.Blocks = append(d.Blocks, para(doc.Inline{Text: "Glyph " + r}, doc.Inline{Text: r, Style: doc.Bold}, doc.Inline{Text: r, Style: doc.Italic}))
		docs[i] = d
	}
	b.ReportAllocs()
	start := cpuTime()
	i := 0
	for b.Loop() {
		if err := w.Write(io.Discard, docs[i%len(docs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

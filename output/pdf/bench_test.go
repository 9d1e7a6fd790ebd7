package pdf

import (
	"io"
	"testing"
)

// BenchmarkJD measures one realistic five-page job description with three
// long tables, written with a Writer built once (as in a batch run).
func BenchmarkJD(b *testing.B) {
	w, err := New()
	if err != nil {
		b.Fatal(err)
	}
	d := sampleJD()
	b.ReportAllocs()
	for b.Loop() {
		if err := w.Write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

package pack

import (
	"context"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/rolepack/rolepack/pack/internal/fixture"
	"github.com/rolepack/rolepack/render"
	"github.com/rolepack/rolepack/render/compose"
)

// benchDoc renders one JD (the default role at head level, about five
// pages with tables) in one format per iteration, on every core.
func benchDoc(b *testing.B, format string) {
	env := newEnv(b)
	formats, err := env.r.Formats.Lookup([]string{format})
	if err != nil {
		b.Fatal(err)
	}
	kinds, _ := render.LookupKinds([]string{"jd"})
	rc, err := compose.NewContext(env.cfg, env.lib, "data-engineer", "head", env.date, false)
	if err != nil {
		b.Fatal(err)
	}
	req := Request{Context: rc, Kinds: kinds, Formats: formats, Date: env.date}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := env.r.Files(context.Background(), req); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "docs/s")
}

// BenchmarkJDPDF measures job descriptions rendered to PDF per second.
func BenchmarkJDPDF(b *testing.B) { benchDoc(b, "pdf") }

// BenchmarkJDDOCX measures job descriptions rendered to DOCX per second.
func BenchmarkJDDOCX(b *testing.B) { benchDoc(b, "docx") }

// BenchmarkPack measures whole role packs (JD, person specification,
// advert with JSON-LD, two scoring sheets, in PDF and DOCX, the zip and the
// stamp) built and written per second, b.N vacancies in one batch.
func BenchmarkPack(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(BatchGCPercent)) // as rolepack pack runs
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(BatchMemoryLimit(runtime.NumCPU())))
	env := newEnv(b)
	rows, err := ReadManifest("bench.csv", fixture.Manifest(b.N))
	if err != nil {
		b.Fatal(err)
	}
	formats, _ := env.r.Formats.Lookup([]string{"pdf", "docx"})
	batch := env.batch(b.TempDir(), formats)
	batch.Jobs = runtime.NumCPU()
	b.ResetTimer()
	start := time.Now()
	s, err := batch.Run(context.Background(), rows)
	el := time.Since(start).Seconds()
	if err != nil {
		b.Fatal(err)
	}
	if s.Built != b.N {
		b.Fatalf("built %d of %d packs: %v", s.Built, b.N, firstErr(s))
	}
	docs := 0
	for _, r := range s.Results {
		docs += len(r.Files)
	}
	b.ReportMetric(float64(b.N)/el, "packs/s")
	b.ReportMetric(float64(docs)/el, "docs/s")
}

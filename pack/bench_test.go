package pack

import (
	"context"
	"io"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/pack/packtest"
	"github.com/rolepack/rolepack/render"
)

// cpuTime is the CPU time (user + system) this process has used so far:
// unlike wall time it stays meaningful on a machine busy with other work.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportPerDoc reports wall and CPU milliseconds per document for n
// documents made since start and cpuStart.
func reportPerDoc(b *testing.B, n int, start time.Time, cpuStart time.Duration) {
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(n), "ms/doc")
	b.ReportMetric(float64((cpuTime()-cpuStart).Microseconds())/1000/float64(n), "cpu-ms/doc")
}

// BenchmarkWriteJD measures each writer alone, tree to file, as the
// issue's peer table does: the default role's JD at head level (about five
// pages with tables) is composed once, then written once an iteration on
// one goroutine, with the writer built once as in a batch.
func BenchmarkWriteJD(b *testing.B) {
	env := newEnv(b)
	kinds, _ := render.LookupKinds([]string{"jd"})
	rc, err := compose.NewContext(env.cfg, env.lib, "data-engineer", "head", env.date)
	if err != nil {
		b.Fatal(err)
	}
	k := kinds[0]
	kctx, err := k.Prepare(context.Background(), rc)
	if err != nil {
		b.Fatal(err)
	}
	d, err := env.r.Engine.Document(context.Background(), k, k.Documents(kctx)[0].Context)
	if err != nil {
		b.Fatal(err)
	}
	d.Meta.Date = env.date
	for _, name := range []string{"pdf", "docx", "html"} {
		b.Run(name, func(b *testing.B) {
			formats, err := env.r.Formats.Lookup([]string{name})
			if err != nil {
				b.Fatal(err)
			}
			w := formats[0].Writer
			b.ReportAllocs()
			start, cpuStart := time.Now(), cpuTime()
			for b.Loop() {
				if err := w.Write(io.Discard, d); err != nil {
					b.Fatal(err)
				}
			}
			reportPerDoc(b, b.N, start, cpuStart)
		})
	}
}

// benchDoc renders one JD (the default role at head level, about five
// pages with tables) in one format per iteration, on every core.
func benchDoc(b *testing.B, format string) { benchDocIn(b, format, "") }

// benchDocIn is benchDoc in languages (the config's when "").
func benchDocIn(b *testing.B, format string, languages config.Languages) {
	env := newEnv(b)
	formats, err := env.r.Formats.Lookup([]string{format})
	if err != nil {
		b.Fatal(err)
	}
	kinds, _ := render.LookupKinds([]string{"jd"})
	cfg := env.cfg
	if languages != "" {
		cfg = cfg.InLanguage(string(languages))
	}
	rc, err := compose.NewContext(cfg, env.lib, "data-engineer", "head", env.date)
	if err != nil {
		b.Fatal(err)
	}
	req := Request{Context: rc, Kinds: kinds, Formats: formats, Date: env.date}
	b.ReportAllocs()
	b.ResetTimer()
	start, cpuStart := time.Now(), cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := env.r.Files(context.Background(), req); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "docs/s")
	reportPerDoc(b, b.N, start, cpuStart)
}

// BenchmarkJDPDF measures job descriptions rendered to PDF per second.
func BenchmarkJDPDF(b *testing.B) { benchDoc(b, "pdf") }

// BenchmarkJDDOCX measures job descriptions rendered to DOCX per second.
func BenchmarkJDDOCX(b *testing.B) { benchDoc(b, "docx") }

// BenchmarkJDHTML measures job descriptions rendered to HTML per second.
func BenchmarkJDHTML(b *testing.B) { benchDoc(b, "html") }

// BenchmarkBilingualJDPDF measures a JD in Welsh and English in parallel
// columns, rendered to PDF (composed in each language outside the loop):
// against BenchmarkJDPDF, the cost of the second language and the
// columns.
func BenchmarkBilingualJDPDF(b *testing.B) { benchDocIn(b, "pdf", "cy,en") }

// BenchmarkPack measures whole role packs (JD, person specification,
// advert with JSON-LD, two scoring sheets, in PDF and DOCX, the zip and the
// stamp) built and written per second, b.N vacancies in one batch.
func BenchmarkPack(b *testing.B) {
	env := newEnv(b)
	rows, err := ReadManifest("bench.csv", packtest.Manifest(b.N))
	if err != nil {
		b.Fatal(err)
	}
	formats, _ := env.r.Formats.Lookup([]string{"pdf", "docx"})
	batch := env.batch(b.TempDir(), formats)
	batch.Jobs = runtime.NumCPU()
	b.ResetTimer()
	start, cpuStart := time.Now(), cpuTime()
	s, err := batch.Run(context.Background(), rows)
	el := time.Since(start).Seconds()
	cpu := cpuTime() - cpuStart
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
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/pack")
}

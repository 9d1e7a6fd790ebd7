package pack

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/pack/packtest"
)

// TestBatchRetainsLittlePerRow checks what a batch holds for each row of
// its manifest while it builds (the row's Result and its place in the
// queue), not counting the rows themselves: a 10,000-row batch keeps that
// from its first pack to its last, and the collector's room doubles it, so
// it is most of how much more memory a large batch needs than a small one
// (docs/performance.md, "Batches of 10,000"). Two batches, of n and 4n
// rows, are each stopped as their first pack is about to be rendered; the
// live heap they add over their rows, less the smaller's, is what 3n rows
// cost.
func TestBatchRetainsLittlePerRow(t *testing.T) {
	cfg, lib, err := packtest.Load()
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer("")
	if err != nil {
		t.Fatal(err)
	}
	fs, err := r.Formats.Lookup([]string{"md"})
	if err != nil {
		t.Fatal(err)
	}
	id, err := NewIdentity(cfg, lib, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	comp := compose.NewComposer(cfg, lib)
	added := func(n int) float64 {
		rows, err := ReadManifest("retain.csv", packtest.Manifest(n))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var before, during runtime.MemStats
		b := &Batch{Renderer: r, Config: cfg, Library: lib, Identity: id, Formats: fs, Composer: comp,
			Date: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), Out: t.TempDir(), Jobs: 1,
			// Measured as the first pack is about to render: every row is
			// prepared and queued, no pack is in flight.
			Slot: func(ctx context.Context, render func(context.Context) error) error {
				runtime.GC()
				runtime.ReadMemStats(&during)
				cancel()
				return ctx.Err()
			}}
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, err := b.Run(ctx, rows); err != nil {
			t.Fatal(err)
		}
		runtime.KeepAlive(rows)
		return float64(during.HeapAlloc) - float64(before.HeapAlloc)
	}
	n := 2000
	if testing.Short() {
		n = 1000
	}
	added(10) // the caches every batch shares, filled before either is measured
	small, large := added(n), added(4*n)
	perRow := (large - small) / float64(3*n)
	t.Logf("a batch holds %.0f bytes a row while it builds (%d rows: %.1f MiB, %d rows: %.1f MiB)", perRow, n, small/(1<<20), 4*n, large/(1<<20))
	// A row's Result is 392 bytes and its queue entry 88, plus what they
	// point to: 521–528 bytes measured. A whole job (768 bytes, with its
	// vacancy and a second copy of the Result) kept for every row, as
	// before, was 1,237.
	if perRow > 1000 {
		t.Errorf("a batch holds %.0f bytes for each row of its manifest while it builds; want at most 1,000", perRow)
	}
}

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
// its manifest: the rows as ReadManifest gives them (the caller holds them
// for the whole run), what the batch adds while it builds (each row's
// Result and its place in the queue), and what the summary holds once
// every pack is built (the Results with their file names, titles and
// levels). A 10,000-row batch keeps all of that to its end and the
// collector's room doubles it, so it is most of how much more memory a
// large batch needs than a small one (docs/performance.md, "Batches of
// 10,000"). Each figure is the difference of a batch of n and one of 4n
// rows, over 3n, so that what every batch holds (caches, templates)
// cancels out.
func TestBatchRetainsLittlePerRow(t *testing.T) {
	if raceDetector {
		t.Skip("a heap measure under the race detector is the detector's (go test -race runs the batch's concurrency tests)")
	}
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
	live := func() float64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC() // a sync.Pool's items outlive one collection
		runtime.ReadMemStats(&ms)
		return float64(ms.HeapAlloc)
	}
	read := func(n int) ([]Row, float64) {
		before := live()
		rows, err := ReadManifest("retain.csv", packtest.Manifest(n))
		if err != nil {
			t.Fatal(err)
		}
		return rows, live() - before
	}
	batch := func(ctx context.Context) *Batch {
		return &Batch{Renderer: r, Config: cfg, Library: lib, Identity: id, Formats: fs, Composer: comp,
			Date: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), Out: t.TempDir(), Jobs: 1}
	}
	// atFirstPack runs a batch with run and returns the live heap as its
	// first pack is about to render (the batch is stopped there).
	atFirstPack := func(run func(context.Context, *Batch) error) float64 {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var during float64
		b := batch(ctx)
		b.Slot = func(ctx context.Context, render func(context.Context) error) error {
			during = live()
			cancel()
			return ctx.Err()
		}
		if err := run(ctx, b); err != nil {
			t.Fatal(err)
		}
		return during
	}
	// building is what a batch of n rows adds over its rows as its first
	// pack is about to render: every row prepared and queued, no pack in
	// flight.
	building := func(n int) float64 {
		rows, _ := read(n)
		before := live()
		during := atFirstPack(func(ctx context.Context, b *Batch) error {
			_, err := b.Run(ctx, rows)
			return err
		})
		runtime.KeepAlive(rows)
		return during - before
	}
	// spilledBuilding is what a batch of n rows holds as its first pack
	// is about to render when its rows are in a SpilledRows, as rolepack
	// pack gives them: the rows and what the batch adds, together.
	spilledBuilding := func(n int) float64 {
		before := live()
		rows, _ := read(n)
		src, err := SpillRows(rows)
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		rows = nil
		during := atFirstPack(func(ctx context.Context, b *Batch) error {
			_, err := b.RunRows(ctx, src)
			return err
		})
		runtime.KeepAlive(src)
		return during - before
	}
	// built is what the summary of a finished batch of n rows holds
	// beyond its rows.
	built := func(n int) float64 {
		rows, _ := read(n)
		before := live()
		s, err := batch(context.Background()).Run(context.Background(), rows)
		if err != nil {
			t.Fatal(err)
		}
		if s.Built != n {
			t.Fatalf("built %d of %d packs", s.Built, n)
		}
		after := live()
		runtime.KeepAlive(rows)
		runtime.KeepAlive(s)
		return after - before
	}
	perRow := func(f func(int) float64, n int) float64 {
		small := f(n)
		return (f(4*n) - small) / float64(3*n)
	}
	n, m := 2000, 60
	if testing.Short() {
		n, m = 1000, 30
	}
	built(10) // the caches every batch shares, filled before any is measured
	builtBytes := perRow(built, m)
	rowsBytes := perRow(func(n int) float64 { _, b := read(n); return b }, n)
	buildingBytes := perRow(building, n)
	spilledBytes := perRow(spilledBuilding, n)
	t.Logf("bytes a row: %.0f for the rows as read, %.0f more while the batch builds, %.0f in all while it builds from SpilledRows, %.0f in the summary once every pack is built (%d and %d rows; %d and %d packs)",
		rowsBytes, buildingBytes, spilledBytes, builtBytes, n, 4*n, m, 4*m)
	// Measured (2,000 and 8,000 rows; 60 and 240 packs): from
	// SpilledRows, the rows and the batch together 25 (the rows' 215
	// and building's 16 before the row source); the rows 215,
	// building 16 (an entry a row: the rest is in the spill file or made
	// again from the row), built 518; before 2026-12-07, building 226
	// (the pack's name, lists and digests a row), built 482. Before: the rows 575 (a map of values a
	// row and the CSV record they were cut from), building 527 (a Result
	// and a queue entry a row) and, before that, 1,237 (a whole job a
	// row), built 804 (each pack's list of file names, title and level
	// besides its Result).
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"for each row of its manifest as read", rowsBytes, 320},
		{"for each row while it builds", buildingBytes, 64},
		{"for each row, the row included, while it builds from SpilledRows", spilledBytes, 40},
		{"in its summary for each pack built", builtBytes, 650},
	} {
		if c.got > c.want {
			t.Errorf("a batch holds %.0f bytes %s; want at most %.0f", c.got, c.what, c.want)
		}
	}
}

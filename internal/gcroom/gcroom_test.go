package gcroom

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestHoldFollowsTheLiveHeap: after a batch's first collections Hold sets
// a limit above room times the live heap (never under what the collector
// would use), and stopping puts the limit back.
func TestHoldFollowsTheLiveHeap(t *testing.T) {
	keep := make([][]byte, 64)
	for i := range keep {
		keep[i] = make([]byte, 64<<10) // 4 MiB live
	}
	stop := Hold()
	limit := int64(math.MaxInt64)
	for range 2 * (warmup + window) {
		runtime.GC()
		time.Sleep(2 * poll)
		if limit = debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
			break
		}
	}
	stop()
	runtime.KeepAlive(keep)
	if limit == math.MaxInt64 {
		t.Fatal("no limit after the warm-up")
	}
	if limit < int64(room*float64(4<<20)) {
		t.Errorf("limit %d MiB, under room times the 4 MiB live", limit>>20)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d after stop, want none", got)
	}
}

// TestHoldLeavesAUsersLimit: with GOMEMLIMIT (or a program's own limit)
// set, Hold changes nothing.
func TestHoldLeavesAUsersLimit(t *testing.T) {
	old := debug.SetMemoryLimit(1 << 40)
	defer debug.SetMemoryLimit(old)
	stop := Hold()
	for range warmup + window + 2 {
		runtime.GC()
	}
	time.Sleep(2 * poll)
	stop()
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("limit %d, want the user's %d", got, int64(1<<40))
	}
}

func TestMedian(t *testing.T) {
	v := []uint64{9, 1, 5, 7, 3}
	if m := median(v); m != 5 || v[0] != 9 {
		t.Errorf("median %d (input %v)", m, v)
	}
}

// TestHoldLeavesGOGCOff: with GOGC=off the user's choice stands.
func TestHoldLeavesGOGCOff(t *testing.T) {
	t.Setenv("GOGC", "off")
	stop := Hold()
	for range warmup + window + 2 {
		runtime.GC()
		time.Sleep(poll + poll/5) // each collection seen, as in TestHoldFollowsTheLiveHeap
	}
	time.Sleep(2 * poll)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d with GOGC=off, want none", got)
	}
	stop()
}

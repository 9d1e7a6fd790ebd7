// Package gcroom keeps a long batch's Go heap near what its working set
// needs. The collector sets each heap goal at twice the live heap the
// collection before found (GOGC=100), and on a busy machine a collection
// that marks for long counts what the workers allocated meanwhile as live:
// one such collection sets a goal a third above the rest, and the peak of a
// 10,000-pack batch is made of those. Hold sets a soft memory limit
// (debug.SetMemoryLimit) from the median live heap of the last few
// collections, at a little over what GOGC=100 gives for it, so that such a
// goal is cut back to the usual one; at the median the limit is above the
// collector's own goal and changes nothing.
package gcroom

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"time"
)

const (
	window = 7   // collections whose median live heap the limit follows
	warmup = 10  // collections before the first limit: a small batch's start (loading, the first packs) is left alone
	room   = 2.5 // the limit: room times the median live heap, with the runtime's memory outside the heap
	poll   = 50 * time.Millisecond
)

// Hold starts following the collector and returns a function that stops
// and puts the memory limit back. It does nothing, and stop nothing, when
// a memory limit is already set (GOMEMLIMIT) or the collector is off
// (GOGC=off): the user's choice stands.
func Hold() (stop func()) {
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return func() {}
	}
	if os.Getenv("GOGC") == "off" { // as the runtime reads it (debug.SetGCPercent to ask would wait for a running mark)
		return func() {}
	}
	done := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		follow(done)
	}()
	return func() {
		close(done)
		<-ended
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

// follow sets the limit after each collection until done is closed.
func follow(done <-chan struct{}) {
	s := []metrics.Sample{
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
	}
	var lives []uint64
	var cycles uint64
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
		}
		metrics.Read(s)
		for _, m := range s {
			if m.Value.Kind() != metrics.KindUint64 {
				return // a runtime without these figures: leave it be
			}
		}
		n := s[0].Value.Uint64()
		if n == cycles {
			continue
		}
		cycles = n
		lives = append(lives, s[1].Value.Uint64())
		if len(lives) > window {
			lives = lives[1:]
		}
		if n < warmup || len(lives) < window {
			continue
		}
		// What the runtime holds beside the heap (stacks, its own
		// structures), which the limit counts too; the heap's objects,
		// the free parts of its spans and its free pages are room's.
		other := int64(s[2].Value.Uint64()) - int64(s[3].Value.Uint64()+s[4].Value.Uint64()+s[5].Value.Uint64()+s[6].Value.Uint64())
		debug.SetMemoryLimit(max(other, 0) + int64(room*float64(median(lives))))
	}
}

// median is the middle of v (v is not changed).
func median(v []uint64) uint64 {
	c := slices.Clone(v)
	slices.Sort(c)
	return c[len(c)/2]
}

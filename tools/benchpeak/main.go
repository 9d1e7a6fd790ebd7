// Command benchpeak measures the speed and peak memory of a batch of role
// packs as rolepack pack builds them (editorial checks included, the Go
// collector at its defaults): it generates a manifest of N vacancies in a
// temporary folder, builds every pack (PDF and DOCX by default) and prints
// packs and documents per second, the user and system CPU time, the peak Go
// heap and the peak resident set size, with what the resident set was made
// of at its peak and how many packs were done then, the seconds each
// thousand packs took and the time after the last (the summary, the record
// and the index). -cpuprofile and -heapprofile write profiles.
//
// On Linux's ext4 without a journal (this project's build machines), a
// file created soon after many were deleted costs the kernel a scan past
// every recently deleted inode of its block group: a batch run just after
// an earlier one was removed (a test run's temporary folders, a previous
// benchpeak) shows seconds of system time that a settled disk does not.
// make bench therefore runs benchpeak first.
//
// With no -n it runs itself once for each of -sizes (10 and 1,000
// vacancies by default; each in its own process, so each peak is its own;
// a batch of 100 or fewer five times, its median peak the baseline, as a
// small batch's peak is its start's and moves by a tenth from run to run)
// and compares them: the peak RSS of each to the smallest batch's, and the
// wall time of a batch past 1,000 to the 1,000's (issue 30's goals: 1,000
// packs in 8 s, 10,000 in 10.5 times that with a peak within 1.2 times
// the 10-pack run's). Each line gives the load average when its batch
// ended, since the machine is shared:
//
//	go run ./tools/benchpeak
//	go run ./tools/benchpeak -sizes 10,1000,10000   # make bench-10k
//	go run ./tools/benchpeak -n 300 -formats pdf,docx,md,html -jobs 2
//	go run ./tools/benchpeak -n 1000 -unpacked   # a folder beside each zip, as rolepack pack --unpacked
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rolepack/rolepack/internal/gcroom"
	"github.com/rolepack/rolepack/pack"
	"github.com/rolepack/rolepack/pack/packtest"
	"github.com/rolepack/rolepack/tools/internal/procstat"
)

// unpacked writes each pack as a folder beside its zip (rolepack pack
// --unpacked); the default writes the zip alone, as rolepack pack does.
// hold follows the collector as rolepack pack does (gcroom.Hold); false
// leaves the collector at its defaults.
var hold = flag.Bool("gcroom", true, "hold the heap near twice the median live heap, as rolepack pack does (false: the collector's defaults)")

var cpuProfile = flag.String("cpuprofile", "", "with -n: write a CPU profile of the batch (RunRows) to this file")

var unpacked = flag.Bool("unpacked", false, "write each pack's folder beside its zip, as rolepack pack --unpacked (default: the zip alone)")

func main() {
	n := flag.Int("n", 0, "vacancies in the batch (0: run each of -sizes, each in its own process)")
	sizes := flag.String("sizes", "10,1000", "batch sizes to run and compare when -n is not given")
	formats := flag.String("formats", "pdf,docx", "output formats")
	jobs := flag.Int("jobs", runtime.NumCPU(), "workers")
	ready := flag.Bool("ready", false, "give every vacancy a band, so that every pack is ready and in the job-board feeds")
	heapProfile := flag.String("heapprofile", "", "with -n: write a heap profile (after a collection) to this file when -profileat packs are done")
	profileAt := flag.Int("profileat", 0, "with -heapprofile: the packs done when the profile is taken (0: half of -n)")
	stopAfter := flag.Int("stopafter", 0, "with -n: stop the batch (as an interrupt does) once this many packs are done (0: build them all); a 10,000-row batch reaches its peak in its first hundreds of packs")
	flag.Parse()
	var err error
	if *n == 0 {
		var ns []int
		for _, f := range strings.Split(*sizes, ",") {
			v, perr := strconv.Atoi(strings.TrimSpace(f))
			if perr != nil || v < 1 {
				fmt.Fprintf(os.Stderr, "benchpeak: -sizes %q: each size is a whole number of vacancies\n", *sizes)
				os.Exit(2)
			}
			ns = append(ns, v)
		}
		err = compare(ns, *formats, *jobs, *ready)
	} else {
		at := *profileAt
		if at == 0 {
			at = max(*n/2, 1)
		}
		err = measure(*n, *formats, *jobs, *ready, *heapProfile, at, *stopAfter)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchpeak:", err)
		os.Exit(1)
	}
}

// A batch of at most smallBatch vacancies is run smallRuns times by
// compare, and its median peak is the one compared.
const (
	smallBatch = 100
	smallRuns  = 5
)

// medianOf is the middle of v (v is sorted).
func medianOf(v []float64) float64 {
	slices.Sort(v)
	return v[len(v)/2]
}

// compare runs one child process per batch size (smallRuns of them for a
// small one) and compares their peaks and times.
func compare(sizes []int, formats string, jobs int, ready bool) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	// runOnce builds one batch of n in a child process and returns its
	// peak RSS and wall time, printing its other lines.
	runOnce := func(n int) (peak, wall float64, err error) {
		cmd := exec.Command(self, "-n", strconv.Itoa(n), "-formats", formats, "-jobs", strconv.Itoa(jobs), "-ready="+strconv.FormatBool(ready), "-unpacked="+strconv.FormatBool(*unpacked), "-gcroom="+strconv.FormatBool(*hold))
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			return 0, 0, fmt.Errorf("batch of %d: %w", n, err)
		}
		sc := bufio.NewScanner(strings.NewReader(string(out)))
		for sc.Scan() {
			line := sc.Text()
			if v, ok := strings.CutPrefix(line, "peak-rss-mib "); ok {
				peak, _ = strconv.ParseFloat(v, 64)
			} else if v, ok := strings.CutPrefix(line, "wall-s "); ok {
				wall, _ = strconv.ParseFloat(v, 64)
			} else {
				fmt.Println(line)
			}
		}
		return peak, wall, nil
	}
	peaks, secs := map[int]float64{}, map[int]float64{}
	for _, n := range sizes {
		// A small batch's peak is its start's (loading, the first
		// collections), which moves by a tenth from run to run: the
		// baseline is the median of a few runs, and their spread is shown.
		runs := 1
		if n <= smallBatch {
			runs = smallRuns
		}
		var ps, ws []float64
		for range runs {
			p, w, err := runOnce(n)
			if err != nil {
				return err
			}
			ps, ws = append(ps, p), append(ws, w)
		}
		peaks[n], secs[n] = medianOf(ps), medianOf(ws)
		if runs > 1 {
			fmt.Printf("peak RSS of %d vacancies over %d runs: %.0f–%.0f MiB, median %.0f MiB\n", n, runs, slices.Min(ps), slices.Max(ps), peaks[n])
		}
	}
	first := slices.Min(sizes) // the peaks are compared to the smallest batch's
	for _, n := range sizes {
		if n != first && peaks[first] > 0 {
			fmt.Printf("peak RSS, %d vacancies vs %d: %.2f× (target ≤ 1.20×)\n", n, first, peaks[n]/peaks[first])
		}
	}
	if secs[1000] > 0 {
		fmt.Printf("wall time of 1000 vacancies: %.1fs (target ≤ 8 s on an idle 2-core machine)\n", secs[1000])
		for _, n := range sizes {
			if n > 1000 && secs[n] > 0 {
				fmt.Printf("wall time, %d vacancies vs 1000: %.2f× (target ≤ %.1f×)\n", n, secs[n]/secs[1000], 1.05*float64(n)/1000)
			}
		}
	}
	return nil
}

// measure builds a batch of n packs and prints its figures.
func measure(n int, formats string, jobs int, ready bool, heapProfile string, profileAt, stopAfter int) error {
	if heapProfile != "" {
		runtime.MemProfileRate = 4096 // fine enough to see what a row holds
	}
	tmp, err := os.MkdirTemp("", "benchpeak-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	cfg, lib, err := packtest.Load()
	if err != nil {
		return err
	}
	r, err := pack.NewRenderer("")
	if err != nil {
		return err
	}
	fs, err := r.Formats.Lookup(strings.Split(formats, ","))
	if err != nil {
		return err
	}
	id, err := pack.NewIdentity(cfg, lib, "", nil)
	if err != nil {
		return err
	}
	manifest := packtest.Manifest(n)
	if ready {
		manifest = packtest.ReadyManifest(n)
	}
	rows, err := pack.ReadManifest("bench.csv", manifest)
	if err != nil {
		return err
	}
	// As rolepack pack holds them: in a temporary file.
	src, err := pack.SpillRows(rows)
	if err != nil {
		return err
	}
	defer src.Close()
	rules, err := pack.EditorialRules(cfg)
	if err != nil {
		return err
	}
	// As rolepack pack runs it: with the editorial checks of every
	// candidate-facing document.
	b := &pack.Batch{Renderer: r, Config: cfg, Library: lib, Identity: id, Formats: fs,
		Date: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), Out: filepath.Join(tmp, "packs"), Jobs: jobs,
		Editorial: &pack.Editorial{Rules: rules}, Zips: !*unpacked}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var profileErr error
	var packsDone atomic.Int64 // for the sampler: the packs done when the heap in use peaked
	var lastPack time.Time     // when the last pack was done: the rest is the summary, the record and the index
	var start time.Time        // when the batch started
	var marks []time.Duration  // since the start, when each thousandth pack was done
	b.Progress = func(done, total int, _ *pack.Result) {
		packsDone.Store(int64(done))
		if done%1000 == 0 {
			marks = append(marks, time.Since(start))
		}
		if done == total {
			lastPack = time.Now()
		}
		if heapProfile != "" && done == profileAt {
			profileErr = writeHeapProfile(heapProfile)
		}
		if done == stopAfter {
			cancel()
		}
	}

	var peakHeap, peakGoal, peakLive uint64 // the heap goal and the last collection's live heap when the heap in use peaked
	var peakAt int64                        // the packs done then
	var peakRSS procstat.RSS                // the sampled resident set at its largest
	var peakClasses classes                 // the runtime's memory then
	var peakRSSAt int64                     // the packs done then
	var buildingRSS uint64                  // the sampled resident set at its largest while packs were still being built
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			r := procstat.ReadRSS()
			if r.Total > peakRSS.Total {
				peakRSS, peakClasses, peakRSSAt = r, readClasses(), packsDone.Load()
			}
			if packsDone.Load() < int64(n) {
				buildingRSS = max(buildingRSS, r.Total)
			}
			if ms.HeapInuse > peakHeap {
				peakHeap, peakGoal = ms.HeapInuse, ms.NextGC
				peakLive = lastLive()
				peakAt = packsDone.Load()
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	if *hold {
		defer gcroom.Hold()()
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	start = time.Now()
	user0, sys0 := procstat.CPUTimes()
	s, err := b.RunRows(ctx, src)
	if *cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	el := time.Since(start).Seconds()
	user1, sys1 := procstat.CPUTimes()
	close(stop)
	wg.Wait()
	if err != nil {
		return err
	}
	if profileErr != nil {
		return profileErr
	}
	docs := 0
	for _, res := range s.Results {
		if res.Err != nil {
			return res.Err
		}
		docs += len(res.Files)
	}
	rss := procstat.PeakRSSMiB()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	cpu := (user1 - user0) + (sys1 - sys0)
	layout := "zips"
	if *unpacked {
		layout = "unpacked"
	}
	fmt.Printf("%d vacancies (%s, %s, %d jobs): %d packs, %d documents in %.1fs: %.1f packs/s, %.0f docs/s; CPU %.1fs user + %.1fs system (the system share is mostly creating files), %.1f CPU-ms a pack; peak heap in use %.0f MiB (heap goal then %.0f MiB, live heap %.1f MiB after the collection before), peak RSS %.0f MiB, live heap after the batch %.1f MiB; load average %s\n",
		n, formats, layout, jobs, s.Built, docs, el, float64(s.Built)/el, float64(docs)/el, (user1 - user0).Seconds(), (sys1 - sys0).Seconds(),
		float64(cpu.Microseconds())/1000/float64(max(s.Built, 1)), mib(peakHeap), mib(peakGoal), mib(peakLive), rss, mib(ms.HeapAlloc), procstat.LoadAverage())
	fmt.Printf("the heap in use peaked with %d packs done (of %d finished)\n", peakAt, s.Built+s.UpToDate+s.Failed)
	c := peakClasses
	fmt.Printf("the sampled resident set peaked with %d packs done, at %.1f MiB: %.1f anonymous, %.1f from files (the binary); the runtime then held %.1f MiB of heap objects, %.1f free in spans, %.1f free pages not yet returned, %.1f outside the heap (stacks, metadata)\n",
		peakRSSAt, mib(peakRSS.Total), mib(peakRSS.Anon), mib(peakRSS.File), mib(c.objects), mib(c.unused), mib(c.free), mib(c.other))
	if len(marks) > 1 {
		// A batch that slows as it grows shows here; one the machine
		// slows, too, but then a 1,000-pack run beside it slows as well.
		fmt.Print("seconds for each thousand packs:")
		prev := time.Duration(0)
		for _, m := range marks {
			fmt.Printf(" %.1f", (m - prev).Seconds())
			prev = m
		}
		fmt.Println()
	}
	if !lastPack.IsZero() {
		fmt.Printf("after the last pack: %.2f s (the summary, the record and the index); the sampled resident set before it at most %.1f MiB\n", el-lastPack.Sub(start).Seconds(), mib(buildingRSS))
	}
	fmt.Printf("collector: %d collections, %.2f s of CPU (the runtime's estimate)\n", ms.NumGC, gcCPU())
	runtime.KeepAlive(s)
	fmt.Printf("peak-rss-mib %.1f\nwall-s %.2f\n", rss, el)
	return nil
}

// lastLive is the live heap the last collection found (0 before the first).
func lastLive() uint64 {
	m := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(m)
	if m[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return m[0].Value.Uint64()
}

// classes is what the runtime holds, by its memory classes.
type classes struct{ objects, unused, free, other uint64 }

// readClasses reads the runtime's memory classes: the heap's objects, the
// free parts of its spans, its free pages not returned to the system, and
// all the rest it has from the system (stacks, its own structures).
func readClasses() classes {
	m := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/total:bytes"},
	}
	metrics.Read(m)
	for _, v := range m {
		if v.Value.Kind() != metrics.KindUint64 {
			return classes{}
		}
	}
	c := classes{objects: m[0].Value.Uint64(), unused: m[1].Value.Uint64(), free: m[2].Value.Uint64()}
	c.other = m[4].Value.Uint64() - c.objects - c.unused - c.free - m[3].Value.Uint64()
	return c
}

// mib is n bytes in MiB.
func mib(n uint64) float64 { return float64(n) / (1 << 20) }

// gcCPU is the CPU time the runtime estimates its collector took, in
// seconds (its mark workers and assists and the pauses).
func gcCPU() float64 {
	m := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}}
	metrics.Read(m)
	if m[0].Value.Kind() != metrics.KindFloat64 {
		return 0
	}
	return m[0].Value.Float64()
}

// writeHeapProfile writes the live heap, after a collection, to file.
func writeHeapProfile(file string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("heap profile: %w", err)
	}
	return f.Close()
}

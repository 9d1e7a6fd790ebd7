// Package webload drives an HTTP server the way a group of people using
// rolepack serve at once do: a fixed number of clients, each with its own
// cookies, share a bounded list of requests (previews of documents as HTML
// and downloads of PDF and Word files of a few roles), and the package
// measures each request's latency, the requests per second and the Go
// heap: its high-water mark while the requests run, and what is live after
// a warm-up and after the whole run, so that memory that grows with the
// number of requests shows. It is used by the benchmark tool
// tools/webbench (make bench) and by web's test that memory stays flat.
//
// The server and the clients run in one process: the heap figures are
// theirs together (the clients hold at most one response each).
package webload

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Options say what a run does.
type Options struct {
	// Clients is how many requests are in flight at once (default 16).
	Clients int
	// Requests is how many requests the run makes in all (default 2,000).
	Requests int
	// Warmup is how many of them are made first, before the live heap is
	// measured the first time (default a tenth of Requests).
	Warmup int
	// Paths are the requests, cycled through in order (default Mix()).
	Paths []string
}

// Result is what a run measured.
type Result struct {
	Requests int
	// Status counts responses by HTTP status.
	Status map[int]int
	// Failures are the first few requests that did not answer 200, with
	// why.
	Failures []string
	Elapsed  time.Duration
	// P50, P99 and Max are the latency percentiles of every request.
	P50, P99, Max time.Duration
	// PerSecond is Requests over Elapsed.
	PerSecond float64
	// PeakHeap is the most heap in use seen (sampled every 10 ms).
	PeakHeap uint64
	// WarmHeap and FinalHeap are the live heap after a collection, once
	// the warm-up requests are answered and once every request is.
	WarmHeap, FinalHeap uint64
	// Bytes is the size of every response body read.
	Bytes int64
}

// Mix is the default list of requests: previews of the job description,
// person specification, advert and scoring sheet, and PDF and Word
// downloads of them, for the default role at three levels and for the
// other roles of the default frameworks, interleaved so that every run of
// a few dozen requests asks for a bit of everything. About half are
// previews, a third PDFs and a sixth Word files.
func Mix() []string {
	type role struct{ id, level string }
	roles := []role{
		{"data-engineer", "head"}, {"data-engineer", "senior"}, {"data-engineer", "mid"},
		{"ddat/data-engineer", ""}, {"ncf/head-of-data-ethics", ""},
	}
	kinds := []string{"jd", "spec", "advert", "scoring"}
	var out []string
	for i := 0; i < 6; i++ {
		for ri, r := range roles {
			for ki, k := range kinds {
				q := url.Values{"role": {r.id}, "doc": {k}}
				if r.level != "" {
					q.Set("level", r.level)
				}
				switch (i + ri + ki) % 6 {
				case 0, 2, 4:
					out = append(out, "/preview?"+q.Encode())
				case 1, 5:
					q.Set("file", k+".pdf")
					out = append(out, "/download?"+q.Encode())
				default:
					q.Set("file", k+".docx")
					out = append(out, "/download?"+q.Encode())
				}
			}
		}
	}
	return out
}

// Run makes the requests against the server at base ("http://127.0.0.1:PORT").
func Run(ctx context.Context, base string, o Options) (Result, error) {
	if o.Clients <= 0 {
		o.Clients = 16
	}
	if o.Requests <= 0 {
		o.Requests = 2000
	}
	if o.Warmup <= 0 || o.Warmup > o.Requests {
		o.Warmup = max(1, o.Requests/10)
	}
	if len(o.Paths) == 0 {
		o.Paths = Mix()
	}
	clients := make([]*http.Client, o.Clients)
	tr := &http.Transport{MaxIdleConnsPerHost: o.Clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	for i := range clients {
		jar, err := cookiejar.New(nil)
		if err != nil {
			return Result{}, err
		}
		clients[i] = &http.Client{Transport: tr, Jar: jar, Timeout: 2 * time.Minute}
	}

	var peak atomic.Uint64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Add(1)
	go func() {
		defer sampler.Done()
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()

	res := Result{Requests: o.Requests, Status: map[int]int{}}
	lat := make([]time.Duration, o.Requests)
	var mu sync.Mutex
	var bytes atomic.Int64
	// phase makes requests [from, to) on every client at once.
	phase := func(from, to int) error {
		var next atomic.Int64
		next.Store(int64(from))
		var wg sync.WaitGroup
		errs := make(chan error, o.Clients)
		for _, c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= to || ctx.Err() != nil {
						return
					}
					p := o.Paths[i%len(o.Paths)]
					start := time.Now()
					status, n, err := get(ctx, c, base+p)
					lat[i] = time.Since(start)
					bytes.Add(n)
					if err != nil {
						errs <- err
						return
					}
					mu.Lock()
					res.Status[status]++
					if status != http.StatusOK && len(res.Failures) < 5 {
						res.Failures = append(res.Failures, fmt.Sprintf("%s: %d", p, status))
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		close(errs)
		if err := <-errs; err != nil {
			return err
		}
		return ctx.Err()
	}
	live := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}

	// Elapsed is the time of the two phases, without the collection
	// between them.
	start := time.Now()
	err := phase(0, o.Warmup)
	res.Elapsed = time.Since(start)
	if err == nil {
		res.WarmHeap = live()
		start = time.Now()
		err = phase(o.Warmup, o.Requests)
		res.Elapsed += time.Since(start)
		if err == nil {
			res.FinalHeap = live()
		}
	}
	close(stop)
	sampler.Wait()
	if err != nil {
		return res, err
	}
	res.PeakHeap = peak.Load()
	res.Bytes = bytes.Load()
	sorted := slices.Clone(lat)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	res.P50 = sorted[len(sorted)/2]
	res.P99 = sorted[min(len(sorted)-1, len(sorted)*99/100)]
	res.Max = sorted[len(sorted)-1]
	res.PerSecond = float64(o.Requests) / res.Elapsed.Seconds()
	return res, nil
}

// get makes one GET request and reads its body whole.
func get(ctx context.Context, c *http.Client, u string) (status int, n int64, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, 0, fmt.Errorf("GET %s: %w", u, err)
	}
	defer resp.Body.Close()
	n, err = io.Copy(io.Discard, resp.Body)
	if err != nil {
		return resp.StatusCode, n, fmt.Errorf("GET %s: %w", u, err)
	}
	return resp.StatusCode, n, nil
}

// String is the result on a few lines.
func (r Result) String() string {
	return fmt.Sprintf("%d requests in %.1fs: %.0f requests/s, latency p50 %.0f ms, p99 %.0f ms, max %.0f ms; statuses %v; %.0f MiB of responses\n"+
		"heap: peak in use %.0f MiB; live after the warm-up %.1f MiB, after every request %.1f MiB (%.2f×)",
		r.Requests, r.Elapsed.Seconds(), r.PerSecond, ms(r.P50), ms(r.P99), ms(r.Max), r.Status, float64(r.Bytes)/(1<<20),
		mib(r.PeakHeap), mib(r.WarmHeap), mib(r.FinalHeap), float64(r.FinalHeap)/float64(max(1, r.WarmHeap)))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
func mib(n uint64) float64       { return float64(n) / (1 << 20) }

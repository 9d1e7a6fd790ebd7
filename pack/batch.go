package pack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

// PackKinds are the document kinds of a role pack, in pack order.
var PackKinds = []string{"jd", "spec", "advert", "scoring"}

// Status is what a batch did with one pack.
type Status int

// Pack statuses.
const (
	NotRun   Status = iota // the batch was interrupted before the pack was built
	Built                  // rendered and written
	UpToDate               // already built from the same inputs; nothing written
	Failed                 // the row or the pack had a problem (Result.Err)
)

// String is the status as the index shows it.
func (s Status) String() string {
	switch s {
	case Built:
		return "built"
	case UpToDate:
		return "up to date"
	case Failed:
		return "failed"
	}
	return "not built"
}

// Result is the outcome of one manifest row.
type Result struct {
	Row         Row
	Reference   string // the vacancy reference (after config fallback)
	Role, Level string // after config fallback
	Name        string // pack folder name under the output folder; the zip is Name+".zip"
	Status      Status
	Files       []string // files in the pack folder, in pack order
	Written     int      // files written, the zip included
	Err         error    // why the pack failed; "MANIFEST:line: message"
}

// Summary is the outcome of a batch.
type Summary struct {
	Results     []Result // in manifest order
	Built       int
	UpToDate    int
	Failed      int
	NotRun      int
	Written     int  // files written, zips included, index excluded
	Interrupted bool // the context was cancelled before every pack was done
}

// Batch builds one role pack per manifest row: the pack's documents in
// every format in <Out>/<reference>-<role>-<level>/, the same files in
// <Out>/<reference>-<role>-<level>.zip, and at the end <Out>/index.html and
// <Out>/index.csv. Packs are built on a pool of Jobs workers; a failing row
// fails only its own pack.
type Batch struct {
	Renderer *Renderer      // built once per run
	Config   *render.Config // vacancy defaults, role definitions
	Library  *render.Library
	Identity Identity // what every pack is built from besides its row (NewIdentity)
	Formats  []output.Format
	Date     time.Time
	Logo     []byte
	Out      string
	Jobs     int  // workers; at least 1
	Force    bool // rebuild every pack, and overwrite files rolepack did not write
	// Progress, if set, is called once per row as its pack finishes, from
	// one goroutine at a time, with the number of rows done so far.
	Progress func(done, total int, r *Result)
}

// job is one row made ready for a worker.
type job struct {
	i       int    // index in the manifest
	res     Result // what is known before building
	vacancy render.Vacancy
	dir     string
	err     error // a problem found before building
}

// done is a finished job.
type done struct {
	i   int
	res Result
}

// Run builds every row's pack and writes the index. Cancelling ctx stops
// the workers between documents; packs already written stay whole, the
// rest are reported as not built. The error is for the batch as a whole
// (the output folder or the index cannot be written); a pack's failure is
// in its Result.
func (b *Batch) Run(ctx context.Context, rows []Row) (*Summary, error) {
	kinds, err := render.LookupKinds(PackKinds)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(b.Out, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	if err := b.checkIndex(); err != nil {
		return nil, err
	}
	jobs := b.prepare(rows)
	s := &Summary{Results: make([]Result, len(rows))}
	for _, j := range jobs {
		s.Results[j.i] = j.res // NotRun until a worker reports
	}

	n := max(b.Jobs, 1)
	queue := make(chan job)
	finished := make(chan done)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range queue {
				r := j.res
				if j.err != nil {
					r.Status, r.Err = Failed, j.err
				} else if ctx.Err() == nil {
					b.build(ctx, kinds, j, &r)
				}
				finished <- done{j.i, r}
			}
		}()
	}
	go func() {
		defer close(queue)
		for _, j := range jobs {
			select {
			case queue <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(finished) }()

	count := 0
	for d := range finished {
		s.Results[d.i] = d.res
		count++
		if b.Progress != nil {
			b.Progress(count, len(rows), &s.Results[d.i])
		}
	}
	for _, r := range s.Results {
		switch r.Status {
		case Built:
			s.Built++
		case UpToDate:
			s.UpToDate++
		case Failed:
			s.Failed++
		default:
			s.NotRun++
		}
		s.Written += r.Written
	}
	s.Interrupted = ctx.Err() != nil && s.NotRun > 0
	if err := b.writeIndex(s); err != nil {
		return s, err
	}
	return s, nil
}

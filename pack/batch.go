package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/i18n"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

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
	// Missing names the vacancy facts the organisation has still to give
	// (salary, closing date, …): a pack with any needs input.
	Missing []string
	Written int   // files written, the zip included
	Err     error // why the pack failed; "MANIFEST:line: message"
	// Editorial summarises the editorial findings of the pack's
	// candidate-facing documents (SummariseFindings), when Batch.Editorial
	// is set.
	Editorial []string
	// sums, for a pack a batch of zips (Batch.Zips) built, are the
	// SHA-256 of its manifest row and of its zip, for the batch's record.
	sums *[2][32]byte
	// Rebuilt says why a pack built before was built again ("document
	// date changed"); empty for a new or unchanged pack.
	Rebuilt string
	// Title and LevelLabel are the job title and the level as documents
	// name them ("Senior data engineer", "Senior"), once composed.
	Title, LevelLabel string
	// Location and Closing are the vacancy's (closing YYYY-MM-DD).
	Location, Closing string
	// Language is the language tag the pack's documents are written in:
	// the row's language column, else the config's ("cy", "en-GB").
	Language string
	// Feed is the pack's entry in the job-board feeds, for a ready pack
	// with an advert; nil otherwise. A batch gives it to Progress, and
	// keeps it in a temporary file until the feeds are written, so the
	// Summary Batch.Run returns holds none (feed.xml and feed.jsonl do);
	// Merge's holds every part's.
	Feed *FeedJob
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
	// zips says the packs are zips alone (Batch.Zips): the index links
	// no folder.
	zips bool
	// feedOf, while a batch writes its index or part, is Results[k]'s
	// feed entry, kept out of memory until then (feedSpill).
	feedOf func(k int) (*FeedJob, error)
}

// feed is Results[k]'s feed entry, or nil.
func (s *Summary) feed(k int) (*FeedJob, error) {
	if s.feedOf != nil {
		return s.feedOf(k)
	}
	return s.Results[k].Feed, nil
}

// Batch builds one role pack per manifest row: the pack's documents in
// every format in <Out>/<reference>-<role>-<level>/, the same files in
// <Out>/<reference>-<role>-<level>.zip (with Zips, the zip alone), and at
// the end <Out>/index.html and <Out>/index.csv. Packs are built on a pool of Jobs workers; a failing row
// fails only its own pack.
type Batch struct {
	Renderer *Renderer      // built once per run
	Config   *config.Config // vacancy defaults, role definitions
	Library  *compose.Library
	Identity Identity // what every pack is built from besides its row (NewIdentity)
	Formats  []output.Format
	Date     time.Time
	// DateFromClock says Date is today's because nothing pinned it; the
	// stamp then records "today", so a re-run on another day skips packs
	// that are up to date instead of calling them built from other inputs.
	DateFromClock bool
	Logo          []byte
	Brand         *doc.Brand // the organisation's look (nil: none)
	Out           string
	Jobs          int  // workers; at least 1
	Force         bool // rebuild every pack, and overwrite files rolepack did not write
	// Kinds are the document kinds each pack holds (default the role
	// pack's, render.RolePackIDs; render.TeamPlanIDs for a team
	// manifest's development plans).
	Kinds []string
	// Slot, when set, runs the rendering of each pack (not its writing):
	// the web app renders each pack in one of its render slots, within
	// its time limit.
	Slot func(ctx context.Context, render func(context.Context) error) error
	// Editorial, when set, runs the editorial checks on each pack's
	// candidate-facing documents: findings go to Result.Editorial, and with
	// Strict an error-level finding fails the pack. Its Report is not used.
	Editorial *Editorial
	// Composer, if set, is where packs get their role composed at their
	// level: it must be made from Config and Library. Nil makes one for
	// each Run, so that a role and level many rows share is composed once
	// a run, not once a row.
	Composer *compose.Composer
	// Progress, if set, is called once per row as its pack finishes (or
	// fails), on the goroutine that called Run, with the rows done so far.
	Progress func(done, total int, r *Result)
	// FeedURL is the web address the output folder is published at: the
	// feeds link each job to its advert under it ("" links relative to
	// the output folder).
	FeedURL string
	// Shard, when its Of is set, makes Run build only the rows of one
	// shard and write the shard's part index (parts/part-I-of-N.json)
	// in place of the index and feeds; Merge writes those from every part.
	Shard Shard
	// ManifestSum is the hex SHA-256 of the manifest's bytes, recorded in
	// a shard's part so that Merge refuses parts of other manifests.
	ManifestSum string
	// Zips writes each pack as its zip alone, <Out>/<name>.zip, with no
	// folder: one file a pack in place of a folder of a dozen or more,
	// which is most of a batch's time on a disk where files were
	// recently deleted (docs/performance.md). What each pack was built
	// from is then in the batch's record (RecordName) rather than in a
	// stamp in its folder. The zip's bytes are those the unpacked
	// layout writes beside the folder. An output folder holding packs
	// written unpacked is refused: rolepack removes no folder.
	Zips bool
}

// job is one row made ready for a worker.
type job struct {
	i       int    // index in the manifest
	pos     int    // index in the run's results (a shard's rows only)
	res     Result // what is known before building
	vacancy config.Vacancy
	err     error             // a problem found before building
	plan    *config.PDPConfig // the plan a team manifest's row makes (the config's pdp with the row over it)
	// lang is the documents' language when the row's language column
	// sets one other than the config's; "" is the config's.
	lang string
	// composer is the run's for the job's language: every job of a run
	// in one language shares it. A bilingual job has one per language,
	// first language first, in composers.
	composer  *compose.Composer
	composers []*compose.Composer
}

// entry is what a run keeps in memory of a row from its start to its end:
// where the row is and where the spill file holds what building its pack
// gave. Everything else is made again from the row when it is needed
// (prepareRow: the job as it is handed to a worker, its Result at the
// end) or read back from the spill (ledger.result), so that what a batch
// holds per row while it builds is 16 bytes, against 184 with the pack's
// name, lists and digests (a 10,000-row batch held 2.7 MB of them from
// its first pack to its last, and the collector's room doubled that).
type entry struct {
	at int64  // where the spill holds what building the pack gave
	i  int32  // index in the manifest
	n  uint32 // its length in the spill: 0 until the pack is done
}

// ledger is what a run keeps of its rows: an entry each, the problems
// found before building and those of building (a failed row is rare: its
// error is kept as it is, not as text), and the spill file.
type ledger struct {
	entries []entry
	pre     map[int]error   // problems found before building, by entry; read-only once building starts
	failed  map[int]error   // the builds' errors, by entry
	held    map[int]*Result // finished packs the spill file could not take
	spill   feedSpill
}

// finish records what building entry k's pack gave, in the spill (in
// memory if it cannot take it).
func (l *ledger) finish(k int, r *Result) {
	if r.Err != nil {
		l.failed[k] = r.Err
	}
	at, err := l.spill.putBytes(appendDone(nil, r))
	if err != nil || at.n == 0 {
		l.held[k] = r
		return
	}
	l.entries[k].at, l.entries[k].n = at.at, uint32(at.n)
}

// result is entry k's Result: res, as prepareRow made it again with its
// pack's name, with what building the pack gave but its feed entry.
func (l *ledger) result(k int, res Result, keep *interner) (Result, error) {
	res.Status, res.Err = NotRun, l.pre[k]
	if res.Err != nil { // known bad even if the run is interrupted
		res.Status = Failed
	}
	if err, ok := l.failed[k]; ok {
		res.Err = err
	}
	if r, ok := l.held[k]; ok {
		r := keep.result(*r)
		res.Status, res.Written, res.Files, res.Editorial = r.Status, r.Written, r.Files, r.Editorial
		res.Rebuilt, res.Title, res.LevelLabel, res.sums = r.Rebuilt, r.Title, r.LevelLabel, r.sums
		return res, nil
	}
	e := l.entries[k]
	if e.n == 0 {
		return res, nil
	}
	b, err := l.spill.getBytes(spilled{e.at, int(e.n)})
	if err != nil {
		return res, err
	}
	if readDone(b, &res, keep, false) != nil {
		return res, l.spill.unreadable()
	}
	return res, nil
}

// feed is entry k's feed entry, or nil.
func (l *ledger) feed(k int) (*FeedJob, error) {
	if r, ok := l.held[k]; ok {
		return r.Feed, nil
	}
	e := l.entries[k]
	if e.n == 0 {
		return nil, nil
	}
	b, err := l.spill.getBytes(spilled{e.at, int(e.n)})
	if err != nil {
		return nil, err
	}
	var r Result
	if readDone(b, &r, nil, true) != nil {
		return nil, l.spill.unreadable()
	}
	return r.Feed, nil
}

// done is a finished job.
type done struct {
	i   int // index in the run's results
	res Result
}

// Run builds every row's pack and writes the index. Cancelling ctx stops
// the workers between documents; packs already written stay whole, the
// rest are reported as not built. The error is for the batch as a whole
// (the output folder or the index cannot be written); a pack's failure is
// in its Result.
func (b *Batch) Run(ctx context.Context, rows []Row) (*Summary, error) {
	return b.RunRows(ctx, RowSlice(rows))
}

// RunRows is Run with the rows read from rows one at a time, as the batch
// needs them: with SpilledRows, a batch of 10,000 rows holds none of them
// while it builds. An error reading a row is the batch's.
func (b *Batch) RunRows(ctx context.Context, rows Rows) (*Summary, error) {
	ids := b.Kinds
	if len(ids) == 0 {
		ids = render.RolePackIDs()
	}
	kinds, err := render.LookupKinds(ids)
	if err != nil {
		return nil, err
	}
	if err := b.Shard.check(); err != nil {
		return nil, err
	}
	open := output.OpenFolder
	if b.Shard.Of > 0 {
		// Shards of one run write disjoint packs into one folder at once.
		open = output.OpenSharedFolder
	}
	out, err := open(b.Out)
	if err != nil {
		return nil, err
	}
	defer out.Close()
	if err := b.checkIndex(out); err != nil {
		return nil, err
	}
	composer := b.Composer
	if composer == nil {
		composer = compose.NewComposer(b.Config, b.Library)
	}
	composers := map[string]*compose.Composer{"": composer}
	l := &ledger{pre: map[int]error{}, failed: map[int]error{}, held: map[int]*Result{}}
	defer l.spill.close()
	if b.Shard.Of == 0 {
		l.entries = make([]entry, 0, rows.Len()) // held to the end: no slack (a quarter more), no copies as it grows
	}
	feeds := false // the feeds are written: a vacancy manifest's batch with adverts
	if rows.Len() > 0 {
		first, err := rows.Row(0)
		if err != nil {
			return nil, err
		}
		feeds = first.Plan == nil && hasAdvert(kinds)
	}
	var unpacked []string // with Zips, the packs an unpacked run wrote as folders (checkUnpacked)
	err = b.prepared(rows, func(j job) {
		if b.Shard.Of > 0 && !b.Shard.Holds(shardKey(j)) {
			return
		}
		b.addComposers(composers, j)
		if j.err != nil {
			l.pre[len(l.entries)] = j.err
		}
		if b.Zips && j.res.Name != "" && out.Exists(path.Join(j.res.Name, StampName)) {
			unpacked = append(unpacked, j.res.Name)
		}
		l.entries = append(l.entries, entry{i: int32(j.i)})
	})
	if err != nil {
		return nil, err
	}
	if err := checkUnpacked(out, unpacked); err != nil {
		return nil, err
	}
	rec := packRecord{}
	if b.Zips || out.Exists(RecordName) {
		// An unpacked run reads it too: a zip an earlier run of zips
		// wrote is rolepack's, not the user's.
		// --force rebuilds every pack: a record it cannot read is
		// written again from this run's packs.
		if rec, err = readRecord(out, newInterner()); err != nil && !b.Force {
			return nil, err
		} else if err != nil {
			rec = packRecord{}
		}
	}
	// withComposers gives j its composers: one for its language, or one
	// for each of a bilingual job's.
	withComposers := func(j *job) {
		j.composer = composers[j.lang]
		if tags := b.jobLanguages(*j).Tags(); len(tags) == 2 {
			j.composers = []*compose.Composer{composers[tags[0]], composers[tags[1]]}
		}
	}
	// jobAt is entry k's job, made again from its row, its strings kept
	// by keep: its problem found before building, or its pack's name.
	jobAt := func(k int, keep *interner) (job, error) {
		i := int(l.entries[k].i)
		row, err := rows.Row(i)
		if err != nil {
			return job{}, err
		}
		j := b.prepareRow(i, row, keep)
		j.pos, j.err = k, l.pre[k]
		if j.err == nil {
			j.res.Name = b.packName(j)
		}
		withComposers(&j)
		return j, nil
	}

	run := &batchRun{out: out, rec: rec, kinds: kinds, zip: &deflater{}}
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
					b.buildSafely(ctx, run, j, &r)
				}
				finished <- done{j.pos, r}
			}
		}()
	}
	var rowErr error // a row that did not read back: set before queue is closed, read once finished is
	go func() {
		defer close(queue)
		keep := newInterner() // this goroutine's: an interner is not safe for concurrent use
		for k := range l.entries {
			j, err := jobAt(k, keep)
			if err != nil {
				rowErr = err
				return
			}
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
		count++
		if b.Progress != nil {
			b.Progress(count, len(l.entries), &d.res)
		}
		l.finish(d.i, &d.res)
	}
	if rowErr != nil {
		return nil, rowErr
	}
	keep := newInterner()
	s := &Summary{Results: make([]Result, len(l.entries)), zips: b.Zips}
	s.feedOf = l.feed
	defer func() { s.feedOf = nil }()
	for k := range l.entries {
		j, err := jobAt(k, keep)
		if err != nil {
			return nil, err
		}
		if s.Results[k], err = l.result(k, j.res, keep); err != nil {
			return nil, err
		}
	}
	// The digests are the record's and the part's, not the summary's.
	defer func() {
		for k := range s.Results {
			s.Results[k].sums = nil
		}
	}()
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
	if b.Shard.Of > 0 {
		if s.Interrupted {
			return s, nil // no part: the merge refuses a shard that did not finish
		}
		if err := b.writePart(out, s, l.entries, rec, rows.Len(), ids, feeds); err != nil {
			return s, err
		}
		return s, nil
	}
	if b.Zips {
		// Even when interrupted: the zips written so far are recorded.
		n, entry := recordOver(rec, s.Results, b.recordInputs(kinds))
		if err := writeRecordFunc(out, func(w io.Writer) error { return writeRecordEntries(w, n, entry) }); err != nil {
			return s, err
		}
	}
	if err := b.writeIndex(out, s, feeds); err != nil {
		return s, err
	}
	return s, nil
}

// addComposers adds to composers (by job.lang) a composer for each
// language j is written in that it has none for: the config's language
// ("") has the run's; another language one made from a copy of the
// config in that language, since a composer's prepared roles carry the
// language their contexts are worded in. A bilingual job's two languages
// have one each, by tag.
func (b *Batch) addComposers(composers map[string]*compose.Composer, j job) {
	add := func(lang string) {
		if _, ok := composers[lang]; !ok {
			composers[lang] = compose.NewComposer(b.Config.InLanguage(lang), b.Library)
		}
	}
	if tags := b.jobLanguages(j).Tags(); len(tags) == 2 {
		add(tags[0])
		add(tags[1])
		return
	}
	add(j.lang)
}

// jobLanguages is the language a job's documents are written in: its
// row's, else the config's.
func (b *Batch) jobLanguages(j job) config.Languages {
	if j.lang != "" {
		return config.Languages(j.lang)
	}
	return b.Config.Language
}

// hasAdvert reports whether one of kinds writes the advert's JSON-LD, from
// which the feeds are made.
func hasAdvert(kinds []render.Kind) bool {
	for _, k := range kinds {
		for _, e := range k.Extras {
			if e.Ext == ".jsonld" {
				return true
			}
		}
	}
	return false
}

// prepare settles each row's role, level, vacancy and folder, and finds the
// problems that need no rendering: a bad value, a missing reference, two
// rows for the same pack.
func (b *Batch) prepare(rows []Row) []job {
	jobs := make([]job, 0, len(rows))
	b.prepared(RowSlice(rows), func(j job) { jobs = append(jobs, j) }) //nolint:errcheck // a RowSlice's rows always read back
	return jobs
}

// prepared is prepare giving each row's job to yield as it is made, in
// manifest order, rather than all of them at once; the error is a row's
// that did not read back.
func (b *Batch) prepared(rows Rows, yield func(job)) error {
	keep := newInterner()
	seen := map[string]PackParts{}
	for i := range rows.Len() {
		row, err := rows.Row(i)
		if err != nil {
			return err
		}
		j := b.prepareRow(i, row, keep)
		if j.err == nil {
			name := b.packName(j)
			_, err := inside(b.Out, name)
			key := strings.ToLower(name)
			switch {
			case err != nil:
				j.err = fmt.Errorf("%s: %w", row.At(), err)
			case seen[key].Line != 0:
				j.err = SamePackError(row.At(), name, seen[key], PackParts{j.res.Reference, j.res.Role, j.res.Level, 0})
			default:
				seen[key] = PackParts{j.res.Reference, j.res.Role, j.res.Level, max(row.Line, 1)}
				j.res.Name = name
			}
		}
		yield(j)
	}
	return nil
}

// packName is the name of j's pack, as prepared settles it for a row
// that names a pack no row before it names.
func (b *Batch) packName(j job) string {
	name := PackName(j.res.Reference, j.res.Role, j.res.Level)
	if j.lang != "" {
		// A pack in a language other than the config's is its own,
		// beside the same vacancy's pack in the config's language.
		for _, t := range config.Languages(j.lang).Tags() {
			name += "-" + i18n.Base(t)
		}
	}
	return name
}

// prepareRow is the job of row i as prepare makes it, but for the pack's
// name and the problem of two rows making the same pack (which need the
// other rows): its Result before building, its vacancy and the problems
// of the row alone.
func (b *Batch) prepareRow(i int, row Row, keep *interner) job {
	j := job{i: i, res: Result{Row: row, Role: row.Role, Level: row.Level}}
	if j.res.Role == "" {
		j.res.Role = b.Config.Role
	}
	if j.res.Level == "" {
		j.res.Level = b.Config.Level
	}
	if row.Plan == nil {
		j.res.Role = ResolveRole(b.Config, b.Library, j.res.Role)
		j.res.Level = ResolveLevel(b.Config, b.Library, j.res.Role, j.res.Level)
	}
	j.vacancy = row.Vacancy(b.Config.Vacancy)
	j.res.Language = row.Language(string(b.Config.Language))
	if row.Err == nil && j.res.Language != string(b.Config.Language) && !sameLanguages(j.res.Language, string(b.Config.Language)) {
		j.lang = j.res.Language
	}
	j.res.Reference = j.vacancy.Reference
	j.res.Location, j.res.Closing = j.vacancy.Location, j.vacancy.Closing
	if j.res.Location == "" {
		j.res.Location = b.Config.Organisation.Location
	}
	if row.Plan != nil {
		planRow(&j, row, b.Config)
	} else {
		for _, m := range compose.Missing(j.vacancy) {
			j.res.Missing = append(j.res.Missing, m.Label)
		}
		j.res.Missing = keep.list(j.res.Missing)
	}
	switch {
	case row.Err != nil:
		j.err = row.Err
	case row.Plan != nil && row.Plan.Person == "":
		j.err = fmt.Errorf("%s: no person: every plan needs one (it names the plan)", row.At())
	case row.Plan == nil && j.res.Reference == "":
		j.err = fmt.Errorf("%s: no reference: every vacancy needs one (it names the pack)", row.At())
	case j.res.Role == "":
		j.err = fmt.Errorf("%s: no role (set the role column, or role in the config)", row.At())
	case j.res.Level == "" && row.Plan != nil:
		j.err = fmt.Errorf("%s: %s: no current level (set the from column, or pdp.from in the config for rows of its role)", row.At(), row.Plan.Person)
	case j.res.Level == "":
		j.err = fmt.Errorf("%s: no level (set the level column, or level in the config)", row.At())
	case row.Plan == nil:
		j.err = b.checkRowRole(row, j.res)
	}
	return j
}

// interner keeps one copy of the strings and lists many rows' results
// share (a pack's file names, its title and level, what it is missing),
// so that what a batch holds for each finished pack until it writes the
// index is little more than its Result and its name: a 10,000-row batch
// held a list of 16 file names for every pack.
type interner struct {
	lists map[string][]string
	pairs map[string][][2]string // input lists of a record (interner.inputs)
}

func newInterner() *interner { return &interner{lists: map[string][]string{}} }

// list is xs, or the list of the same strings kept before.
func (k *interner) list(xs []string) []string {
	if len(xs) == 0 {
		return xs
	}
	key := strings.Join(xs, "\x00")
	if have, ok := k.lists[key]; ok {
		return have
	}
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = intern(x)
	}
	k.lists[strings.Clone(key)] = out
	return out
}

// result is r with its shared strings and lists kept once.
func (k *interner) result(r Result) Result {
	r.Role, r.Level = intern(r.Role), intern(r.Level)
	r.Title, r.LevelLabel = intern(r.Title), intern(r.LevelLabel)
	r.Location, r.Closing, r.Language = intern(r.Location), intern(r.Closing), intern(r.Language)
	r.Rebuilt = intern(r.Rebuilt)
	r.Files, r.Missing, r.Editorial = k.list(r.Files), k.list(r.Missing), k.list(r.Editorial)
	return r
}

// PackParts are what a pack name is made from, as the manifest wrote
// them, and the manifest line.
type PackParts struct {
	Reference, Role, Level string
	Line                   int
}

// SamePackError says why a row names the pack an earlier row names: the
// same reference, role and level, or different ones that make the same
// file name once made safe ("REF/1" and "REF:1" both make "REF-1") or
// that differ only in case (one folder on Windows and macOS).
func SamePackError(at, name string, first, row PackParts) error {
	parts := []struct{ what, was, is string }{
		{"reference", first.Reference, row.Reference},
		{"role", first.Role, row.Role},
		{"level", first.Level, row.Level},
	}
	var differ []string
	what := ""
	for _, p := range parts {
		if p.was != p.is {
			differ = append(differ, fmt.Sprintf("%s %q here and %q at line %d", p.what, p.is, p.was, first.Line))
			if what == "" {
				what = p.what
			}
		}
	}
	if len(differ) == 0 {
		return fmt.Errorf("%s: the same pack (%s) as line %d: reference, role and level repeat", at, name, first.Line)
	}
	return fmt.Errorf("%s: %s both make the pack name %s (pack names keep letters, digits, '.', '_' and '-', and ignore case): give them different %ss",
		at, strings.Join(differ, ", "), name, what)
}

// checkRowRole checks the config role and ladder level a row names (not
// those it takes from the config, nor a framework's FRAMEWORK/ROLE, which
// composing checks), so that the error is the row's: composing would
// name the config's roles or ladder as where the problem is, a file the
// person filling in the manifest may never have seen.
func (b *Batch) checkRowRole(row Row, res Result) error {
	if strings.Contains(res.Role, "/") {
		return nil
	}
	if _, ok := b.Config.Roles[res.Role]; !ok && row.Role != "" {
		return fmt.Errorf("%s: %s: unknown role %q (the config has: %s; or FRAMEWORK/ROLE, see rolepack list roles)", row.At(), res.Reference, res.Role, strings.Join(b.Config.RoleIDs(), ", "))
	}
	if _, ok := b.Config.Rung(res.Level); !ok && row.Level != "" {
		return fmt.Errorf("%s: %s: unknown level %q (the ladder has: %s)", row.At(), res.Reference, res.Level, strings.Join(b.Config.RungIDs(), ", "))
	}
	return nil
}

// buildSafely builds one pack, turning a panic in rendering or writing it
// into that pack's failure, so that one pack's bad data cannot stop the
// batch or its index.
func (b *Batch) buildSafely(ctx context.Context, run *batchRun, j job, r *Result) {
	defer func() {
		if p := recover(); p != nil {
			r.Status = Failed
			r.Err = fmt.Errorf("%s: %s: internal error (please report it): %v", r.Row.At(), r.Reference, p)
			if log := b.Renderer.StackLog; log != nil {
				fmt.Fprintf(log, "%v\n%s\n", r.Err, debug.Stack())
			}
		}
	}()
	b.build(ctx, run, j, r)
}

// batchRun is what the workers of one run of a batch share.
type batchRun struct {
	out   *output.Folder
	rec   packRecord // with Zips, the stamps of the zips earlier runs wrote
	kinds []render.Kind
	zip   *deflater // the deflated entries' compressor, for the run's zips
}

// build renders one pack in memory and, when every document rendered,
// writes it into its folder of run.out: the folder's files, the zip, then
// the stamp; with Zips, the zip alone (the batch records its stamp,
// run.rec holds those of earlier runs).
func (b *Batch) build(ctx context.Context, run *batchRun, j job, r *Result) {
	out, rec, kinds := run.out, run.rec, run.kinds
	fail := func(err error) {
		r.Status, r.Err = Failed, fmt.Errorf("%s: %s: %w", r.Row.At(), r.Reference, err)
	}
	rowKey, err := json.Marshal(struct {
		Role, Level string
		Vacancy     config.Vacancy
		Plan        *config.PDPConfig `json:",omitempty"`
		Language    string            `json:",omitempty"`
	}{r.Role, r.Level, j.vacancy, j.plan, j.lang})
	if err != nil {
		fail(err)
		return
	}
	st := b.packStamp(rowKey, kinds)
	var old stamp
	var hasOld bool
	if b.Zips {
		var e recordEntry
		if e, hasOld = rec[r.Name]; hasOld {
			old = e.stamp()
		}
	} else if old, hasOld, err = readStamp(out, r.Name); err != nil {
		fail(err)
		return
	}
	recorded := rec[r.Name] // an earlier run's record of the zip, if any
	if hasOld && !b.Force {
		// A pack built from other inputs (a new document date, an edited
		// row, config or template) is rebuilt: the folder's own record of
		// what rolepack wrote still refuses to overwrite a file edited
		// since, without --force.
		if diff := old.differs(st); len(diff) > 0 {
			r.Rebuilt = strings.Join(diff, ", ") + " changed"
		} else if complete(out, r.Name, old, b.Zips) {
			r.Status, r.Files, r.Title, r.LevelLabel = UpToDate, old.files, old.title, old.level
			if f, ok := b.feedFile(j, r); ok {
				var data []byte
				if b.Zips {
					if data, err = readZipFile(out, r.Name, f); err != nil {
						err = fmt.Errorf("%w: it was edited since rolepack wrote it; use --force to build it again", err)
					}
				} else {
					data, err = out.ReadFile(path.Join(r.Name, f), userfile.Output)
				}
				if err == nil {
					r.Feed, err = newFeedJob(data, j.vacancy, b.Config.Organisation, r.Name, b.FeedURL, b.feedFiles(r.Files))
				}
				if err != nil {
					fail(err)
				}
			}
			return
		}
	}

	var files []output.File
	var rc *compose.Context
	renderPack := func(ctx context.Context) error {
		files, rc, err = b.render(ctx, kinds, j, r)
		return err
	}
	if b.Slot != nil {
		err = b.Slot(ctx, renderPack)
	} else {
		err = renderPack(ctx)
	}
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return // not built: the batch was interrupted
		}
		fail(err)
		return
	}
	// The zip is written straight to its file, never held whole in
	// memory: a worker's pack in flight is its documents alone.
	zipName := r.Name + ".zip"
	zipTo := func(w io.Writer) error { return writeZip(w, r.Name, files, b.Date, run.zip) }
	if !hasOld && recorded.files != nil {
		old, hasOld = recorded.stamp(), true // for its zip's digest alone
	}
	if err := b.checkZip(out, zipName, zipTo, old, hasOld); err != nil {
		fail(err)
		return
	}
	if !b.Zips {
		written, err := out.WriteSet(r.Name, files, b.Force)
		r.Written = len(written)
		if err != nil {
			fail(err)
			return
		}
	}
	zipSum, zipWritten, err := out.WriteFileFunc(zipName, zipTo)
	if err != nil {
		fail(err)
		return
	}
	if zipWritten {
		r.Written++
	}
	st.zip = zipSum
	st.title, st.level = rc.Title, rc.Role.Rung.Label
	r.Title, r.LevelLabel = st.title, st.level
	for _, f := range files {
		st.files = append(st.files, f.Name)
	}
	if b.Zips {
		var sums [2][32]byte
		if err := decodeSum(&sums[0], st.inputs[1][1]); err != nil {
			fail(err)
			return
		}
		if err := decodeSum(&sums[1], zipSum); err != nil {
			fail(err)
			return
		}
		r.sums = &sums
	} else if err := out.WriteFile(path.Join(r.Name, StampName), st.bytes()); err != nil {
		fail(err)
		return
	}
	r.Status, r.Files = Built, st.files
	if f, ok := b.feedFile(j, r); ok {
		for _, file := range files {
			if file.Name == f {
				if r.Feed, err = newFeedJob(file.Data, j.vacancy, b.Config.Organisation, r.Name, b.FeedURL, b.feedFiles(r.Files)); err != nil {
					fail(err)
				}
			}
		}
	}
}

// feedFile is the file of r's pack that holds its advert's JSON-LD when
// the pack goes into the feeds: a ready vacancy (nothing missing) whose
// pack has an advert.
func (b *Batch) feedFile(j job, r *Result) (string, bool) {
	if j.plan != nil || len(r.Missing) > 0 {
		return "", false
	}
	return jobPostingFile(r.Files)
}

// render renders every document of a pack into memory: the JD, person
// specification and advert, and a scoring sheet per panel member (one
// without a name when the panel is empty), each in every format.
func (b *Batch) render(ctx context.Context, kinds []render.Kind, j job, r *Result) ([]output.File, *compose.Context, error) {
	cfg := *b.Config
	cfg.Vacancy = j.vacancy
	if j.lang != "" {
		cfg.Language = config.Languages(j.lang) // as j.composer's config has it
	}
	if j.plan != nil {
		cfg.PDP = *j.plan
	}
	var rc *compose.Context
	if len(j.composers) == 2 {
		// A bilingual pack: the vacancy composed in each language.
		tags := cfg.Language.Tags()
		var cs [2]*compose.Context
		for i, c := range j.composers {
			prepared, err := c.Prepare(r.Role, r.Level)
			if err != nil {
				return nil, nil, err
			}
			if cs[i], err = prepared.Context(cfg.InLanguage(tags[i]), b.Library, b.Date); err != nil {
				return nil, nil, err
			}
		}
		rc = compose.Pair(cs[0], cs[1], cfg.Layout())
	} else {
		prepared, err := j.composer.Prepare(r.Role, r.Level)
		if err != nil {
			return nil, nil, err
		}
		if rc, err = prepared.Context(&cfg, b.Library, b.Date); err != nil {
			return nil, nil, err
		}
	}
	if render.NeedsPlan(kinds) {
		if err := plan.Add(ctx, rc); err != nil {
			return nil, nil, err
		}
	}
	req := Request{Context: rc, Kinds: kinds, Formats: b.Formats, Date: b.Date, Logo: b.Logo, Brand: b.Brand}
	if b.Editorial != nil {
		e := *b.Editorial
		e.Report = func(file string, fs []lint.Finding) {
			r.Editorial = append(r.Editorial, SummariseFindings(file, fs, MaxEditorialErrors)...)
		}
		req.Editorial = &e
	}
	files, err := b.Renderer.Files(ctx, req)
	return files, rc, err
}

// MaxEditorialErrors is how many error-level editorial findings a command
// lists for one document before it only counts them.
const MaxEditorialErrors = 5

// complete reports whether every file a stamp lists, and the zip, exist
// (the zip alone for zips).
func complete(out *output.Folder, name string, s stamp, zips bool) bool {
	if len(s.files) == 0 || !out.Exists(name+".zip") {
		return false
	}
	if zips {
		return true
	}
	for _, f := range s.files {
		if !out.Exists(path.Join(name, f)) {
			return false
		}
	}
	return true
}

// checkZip refuses (unless Force) to replace a zip rolepack did not write:
// one whose hash is neither the one the pack's previous stamp recorded nor
// that of the zip writeZip makes now.
func (b *Batch) checkZip(out *output.Folder, name string, writeZip func(io.Writer) error, old stamp, hasOld bool) error {
	cur, err := out.ReadFile(name, userfile.Output)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case b.Force || (hasOld && old.zip == sum(cur)):
		return nil
	}
	h := sha256.New()
	if err := writeZip(h); err != nil {
		return err
	}
	if hex.EncodeToString(h.Sum(nil)) == sum(cur) {
		return nil // what this run would write: nothing to lose
	}
	return fmt.Errorf("%s exists and was not written by rolepack, or was edited since: use --force to overwrite it", out.Join(name))
}

// sameLanguages reports whether two language settings ("cy", "en-GB",
// "cy,en-GB") name the same languages in the same order.
func sameLanguages(a, b string) bool {
	ta, tb := config.Languages(a).Tags(), config.Languages(b).Tags()
	if len(ta) == 0 {
		ta = []string{"en"}
	}
	if len(tb) == 0 {
		tb = []string{"en"}
	}
	if len(ta) != len(tb) {
		return false
	}
	for i := range ta {
		if i18n.Base(ta[i]) != i18n.Base(tb[i]) {
			return false
		}
	}
	return true
}

// packStamp is the stamp of a pack built from the manifest row rowKey
// (its JSON) into kinds, before its outputs are known.
func (b *Batch) packStamp(rowKey []byte, kinds []render.Kind) stamp {
	names := make([]string, len(b.Formats))
	for i, f := range b.Formats {
		names[i] = f.Name
	}
	stampDate := b.Date.Format("2006-01-02")
	if b.DateFromClock {
		stampDate = "today" // a re-run on another day is not "other inputs"
	}
	st := newStamp(b.Identity, rowKey, stampDate, names)
	ids := make([]string, len(kinds))
	for i, k := range kinds {
		ids[i] = k.ID
	}
	st.inputs = append(st.inputs, [2]string{"documents", strings.Join(ids, ",")})
	return st
}

// recordInputs are the inputs the record keeps for every pack this batch
// builds: a stamp's, but the row.
func (b *Batch) recordInputs(kinds []render.Kind) [][2]string {
	var in [][2]string
	for _, x := range b.packStamp(nil, kinds).inputs {
		if x[0] != "row" {
			in = append(in, x)
		}
	}
	return in
}

// feedFiles are the files of a pack the feeds may link to: none for a
// zip alone (they link to the zip), else the pack's.
func (b *Batch) feedFiles(files []string) []string {
	if b.Zips {
		return nil
	}
	return files
}

// readZipFile reads the file name of the pack dir's zip in out.
func readZipFile(out *output.Folder, dir, name string) ([]byte, error) {
	data, err := out.ReadFile(dir+".zip", userfile.Output)
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", out.Join(dir+".zip"), err)
	}
	f, err := zr.Open(path.Join(dir, name))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", out.Join(dir+".zip"), err)
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, userfile.Output))
}

// checkUnpacked refuses a batch of zips in an output folder that holds
// any of its packs as a folder an unpacked run wrote (with its stamp),
// found: the folder would stay beside the zip, out of date and unlisted,
// and rolepack deletes no folder of its own accord.
func checkUnpacked(out *output.Folder, found []string) error {
	if len(found) == 0 {
		return nil
	}
	more := ""
	if len(found) > 1 {
		more = fmt.Sprintf(" and %d more", len(found)-1)
	}
	return fmt.Errorf("%s holds %s%s as folders an unpacked run wrote: rolepack pack writes each pack as its zip alone, and removes no folder; run with --unpacked to keep writing folders, or move or remove those folders, or choose another output folder",
		out.Path, out.Join(found[0]), more)
}

package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/rolepack/rolepack/internal/gcroom"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/pack"
	"github.com/rolepack/rolepack/render"
)

// PackOptions are the inputs of `rolepack pack`.
type PackOptions struct {
	*Factory
	Config    ConfigOptions
	Manifest  string
	Kind      string // role (role packs) or pdp (a team's development plans)
	Out       string // "" for the config's out folder + /packs
	Templates string
	Date      string
	Formats   []string
	Jobs      int
	Force     bool
	// Progression adds the role's career map to every pack.
	Progression bool
	// AllowRetired accepts levels their framework marks as no longer in use.
	AllowRetired bool
	Strict       bool // an editorial error in a candidate-facing document fails its pack
	// ReferenceDoc is the letterhead DOCX (brand.referenceDoc).
	ReferenceDoc string
	// Shard ("I/N") and Shards (N, the index from the engine's variable)
	// build one shard of the manifest (docs/scale.md).
	Shard  string
	Shards int
	// FeedURL is the web address the output folder is published at, for
	// the feeds' links.
	FeedURL string
	// Unpacked writes each pack as a folder of files beside its zip, as
	// rolepack did before packs were zips alone.
	Unpacked bool
}

// NewCmdPack returns the pack command; runF, when not nil, runs in place
// of runPack.
func NewCmdPack(f *Factory, runF func(context.Context, *PackOptions) error) *cobra.Command {
	opts := &PackOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "pack MANIFEST",
		Short: "Build role packs for every vacancy in a manifest (CSV, XLSX or YAML)",
		Long: `pack builds a recruitment role pack for every vacancy in MANIFEST: the job
description, person specification, job advert (with advert.jsonld, schema.org
JobPosting) and an interview scoring sheet per panel member (one blank sheet
when the panel is empty), in every format, in OUT/<reference>-<role>-<level>.zip
(its files in the folder <reference>-<role>-<level>/ inside it), and
OUT/index.html and OUT/index.csv listing every pack, its zip's files, its
status and any problem. With --unpacked each pack is also written as the
folder OUT/<reference>-<role>-<level>/ beside its zip, and the index links
each file: a dozen or more files a pack where the default writes one, which
on a busy disk is most of a batch's time (docs/performance.md).

MANIFEST is CSV (a header row, then one row per vacancy; a spreadsheet saved as
CSV works, byte-order mark and CRLF included), an Excel workbook (.xlsx: the
first sheet, its header row the first that is not blank) or YAML (a list of
vacancies, or vacancies: [...]). Columns: ` + strings.Join(pack.Columns, ", ") + `
(headings in any case, with spaces: "Closing date"). panel separates names
with ";" (a list in YAML). posted and closing are dates as people write them:
14/12/2026 (day first), 14 December 2026, 14 Dec 2026 or 2026-12-14. role is
a role id or title ("Data Engineer"), level a rung id or label ("Senior"), in
any case. A value a row leaves empty comes from the config's vacancy (role and
level from the config's role and level). Other columns (Notes, Hiring
manager, …) are kept for templates as .Vacancy.Extra, with one note; a heading
a slip away from a known column ("salry") is an error for the whole manifest.
A bad row fails only its own pack, reported as MANIFEST:line: message, and the
exit status is 1.

On a terminal, pack shows one progress bar (packs done of the total, the rate
and the time left); problems, and with --verbose each pack's editorial
summary, print above it and are never drawn over. On a pipe or in a log it
prints one line per pack instead, with no escape codes; --quiet prints
problems only, with no bar. Editorial warnings come at the end, one line per
document kind and role-level.

Each pack is rendered in memory and written only when all of it rendered;
every file is written atomically. OUT/.rolepack-packs records what each pack
was built from (with --unpacked, each pack folder's .rolepack-pack): a second
run skips packs that are up to date and rebuilds a pack built from other
inputs (another manifest row, config, templates, frameworks, document date
or formats), saying why in the index. A zip (or a file in a pack folder)
edited since rolepack wrote it is never overwritten without --force: that
pack fails and says so. An OUT holding packs written with --unpacked is
refused without it (rolepack removes no folder). Ctrl-C stops within a
second and leaves whole packs; run the command again to finish.

OUT/feed.xml (Indeed's XML job feed) and OUT/feed.jsonl (each advert's
schema.org JobPosting, one a line) list every ready vacancy (not "needs
input" or failed) for a job board or an applicant tracking system; links
point under --feed-url, the address OUT is published at: to each pack's zip,
or with --unpacked to its advert's page.

With --shard I/N the run builds only the rows of shard I of N (by a hash of
each pack's name) and writes OUT/parts/part-I-of-N.json in place of the index
and feeds; with --shards N the index comes from JOB_COMPLETION_INDEX
(Kubernetes), AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch) or CI_NODE_INDEX (GitLab,
which also gives CI_NODE_TOTAL, so it needs no flag). Shards of one run may
write into one folder at the same time; rolepack pack merge OUT PART... then
writes the index, feeds and record (docs/scale.md). Every shard is run with
--unpacked, or none.

index.html lists every vacancy on one line (reference, job title, level,
location, closing date, status, problems, links): sortable by any column and
filterable in a browser with scripts, complete in manifest order without.

With --kind pdp, MANIFEST is a team manifest (an Excel workbook, CSV, or YAML:
a list of people, or people: [...]) with the columns person, manager, role, from, to, targetRole
and period; each row makes one personal development plan in
OUT/<person>-<role>-<from>.zip (and with --unpacked its folder), with the same index, progress,
errors, atomic writes and re-runs. A value a row leaves empty comes from the
config (role, pdp.from, pdp.to, pdp.period); a row for a framework role
(FRAMEWORK/ROLE) other than the config's takes no pdp.from or pdp.to from it,
those being levels of the config's role: its own from, and its own to or the
next level up.

The output folder is --out, else the config's out folder + /packs (dist/packs).
The formats are --format, else ROLEPACK_FORMAT, else the config's formats,
else PDF and DOCX.
Formats: ` + strings.Join(output.FormatNames(), ", ") + `.`,
		Example: `  rolepack pack vacancies.csv
  rolepack pack vacancies.yaml --out /srv/recruitment/packs --format pdf,docx,md
  rolepack pack vacancies.csv --jobs 4 --quiet
  rolepack pack vacancies.csv --force          # rebuild every pack
  rolepack pack vacancies.csv --unpacked       # a folder of files beside each zip
  rolepack pack --kind pdp team.csv             # one PDP per person
  rolepack pack vacancies.csv --shard 2/4       # the second of four shards
  rolepack pack merge dist/packs dist/packs/parts/*.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Manifest = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runPack(cmd.Context(), opts)
		},
	}
	opts.Config.addFlags(cmd)
	fl := cmd.Flags()
	fl.StringVar(&opts.Kind, "kind", "role", "what to build: role (role packs from a vacancy manifest) or pdp (one development plan per person from a team manifest: person, manager, role, from, to, targetRole, period)")
	fl.StringVar(&opts.Out, "out", "", "output folder (default: the config's out folder + /packs, i.e. dist/packs)")
	fl.StringSliceVar(&opts.Formats, "format", nil, "output formats, comma-separated: "+strings.Join(output.FormatNames(), ", ")+" (default: the config's formats) (env ROLEPACK_FORMAT)")
	fl.IntVar(&opts.Jobs, "jobs", runtime.NumCPU(), "packs built at the same time")
	fl.BoolVar(&opts.Force, "force", false, "rebuild every pack, and overwrite files rolepack did not write")
	fl.BoolVarP(&f.Quiet, "quiet", "q", false, "print nothing but errors")
	fl.BoolVar(&opts.Progression, "progression", false, "add the role's career map (progression: every level side by side, the vacancy's level marked) to every pack")
	fl.BoolVar(&opts.Strict, "strict", false, "fail a pack whose advert, JD or person specification has an error-level editorial finding (see rolepack lint)")
	fl.StringVar(&opts.Templates, "templates", "", "folder of template overrides, file by file (env ROLEPACK_TEMPLATES)")
	fl.StringVar(&opts.Date, "date", "", "document date YYYY-MM-DD (default SOURCE_DATE_EPOCH, else today) (env ROLEPACK_DATE)")
	addAllowRetired(cmd, &opts.AllowRetired)
	fl.StringVar(&opts.ReferenceDoc, "reference-doc", "", "Word letterhead (.docx) every DOCX is built in (brand.referenceDoc) (env ROLEPACK_BRAND_REFERENCEDOC)")
	fl.StringVar(&opts.Shard, "shard", "", "build only shard I of N (I/N, 1-based) and write its part index; see rolepack pack merge")
	fl.IntVar(&opts.Shards, "shards", 0, "the number of shards, the shard's index taken from JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or CI_NODE_INDEX")
	fl.BoolVar(&opts.Unpacked, "unpacked", false, "write each pack as a folder of its files beside its zip (the default writes the zip alone)")
	fl.StringVar(&opts.FeedURL, "feed-url", "", "web address the output folder is published at, for the links of feed.xml and feed.jsonl")
	completeNames(cmd, "format", output.FormatNames())
	completeOne(cmd, "kind", "role", "pdp")
	cmd.AddCommand(NewCmdPackMerge(f, nil))
	return cmd
}

// jobsPerCore is how many packs per core --jobs may build at once.
const jobsPerCore = 4

// maxJobs is the most workers --jobs starts.
func maxJobs() int { return jobsPerCore * runtime.NumCPU() }

func runPack(ctx context.Context, opts *PackOptions) error {
	start := opts.Now()
	if opts.Jobs < 1 {
		return fmt.Errorf("--jobs %d: at least one job is needed", opts.Jobs)
	}
	if most := maxJobs(); opts.Jobs > most {
		// More workers than this only take memory (--jobs 100000 took
		// 665 MB for 300 rows).
		fmt.Fprintf(opts.IO.Err, "--jobs %d: using %d (%d per core)\n", opts.Jobs, most, jobsPerCore)
		opts.Jobs = most
	}
	shard, shardFrom, err := packShard(opts)
	if err != nil {
		return err
	}
	if err := checkFeedURL(opts.FeedURL); err != nil {
		return err
	}
	var flags []flagValue
	flags = append(flags, listFlag("formats", "format", splitList(opts.Formats))...)
	flags = append(flags, stringFlag("templates", "templates", opts.Templates)...)
	flags = append(flags, stringFlag("date", "date", opts.Date)...)
	flags = append(flags, stringFlag("brand.referenceDoc", "reference-doc", opts.ReferenceDoc)...)
	l, err := opts.loadAll(opts.Config, flags)
	if err != nil {
		return err
	}
	cfg := l.cfg
	cfg.AllowRetired = opts.AllowRetired
	if err := checkNames(cfg, "formats", "format", cfg.Formats, opts.Factory.Formats.Names(), l.origins); err != nil {
		return err
	}
	if _, given := l.origins["formats"]; given && len(cfg.Formats) == 0 {
		return fmt.Errorf("%s: no formats chosen (use --format %s)", cfg.At("formats"), strings.Join(output.FormatNames(), ","))
	}
	if len(cfg.Formats) == 0 || l.fromDefault("formats") {
		// The embedded default's formats are the default run's; a pack
		// not told otherwise is PDF and DOCX.
		cfg.Formats = defaultPackFormats
	}
	// "-" reads the manifest from standard input; its form (CSV, YAML,
	// XLSX) is told from its content.
	name := opts.Manifest
	var data []byte
	if name == "-" {
		name = stdinName
		data, err = opts.readStdin(userfile.Manifest)
	} else {
		data, err = userfile.Read(opts.Manifest, userfile.Manifest)
	}
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	rows, kinds, err := readPackRows(opts.Kind, name, data)
	if err == nil && opts.Progression {
		kinds = append(kinds, render.KindIDsOf(render.ScopeLadder)...)
	}
	if err != nil {
		return err
	}
	for _, n := range pack.Notes(rows) {
		fmt.Fprintln(opts.IO.Err, n)
	}
	out := opts.Out
	if out == "-" || out == "" && cfg.Out == "-" {
		at := "--out -"
		if out == "" {
			at = cfg.At("out")
		}
		return fmt.Errorf("%s: pack writes a folder of packs, which standard output cannot hold: name a folder (--out)", at)
	}
	if out == "" {
		base := cfg.Out
		if base == "" {
			base = "dist"
		}
		out = filepath.Join(base, "packs")
	}
	run, err := opts.newRun(l)
	if err != nil {
		return err
	}
	formats, err := run.Formats().Lookup(cfg.Formats)
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.At("formats"), err)
	}
	if err := run.UseLetterhead(formats); err != nil {
		return err
	}
	if err := checkPackFormats(run, kinds, formats); err != nil {
		return fmt.Errorf("%s: %w", cfg.At("formats"), err)
	}
	b, err := run.Batch(out, kinds, formats)
	if err != nil {
		return err
	}
	rules, err := run.EditorialRules()
	if err != nil {
		return err
	}
	p := &packProgress{io: opts.IO, quiet: opts.Quiet, verbose: opts.Verbose, now: opts.Now, start: start}
	if opts.IO.Terminal && !opts.Quiet {
		// The bar stays at the bottom of the terminal: everything written
		// to standard error while it runs (problems, --verbose details, a
		// worker's stack trace) goes above it.
		p.line = &statusLine{w: opts.IO.Err}
		if run.Renderer.StackLog != nil {
			run.Renderer.StackLog = p.line
		}
	}
	b.Jobs, b.Force, b.Progress = opts.Jobs, opts.Force, p.report
	b.Editorial = &pack.Editorial{Rules: rules, Strict: opts.Strict}
	b.Shard, b.ManifestSum, b.FeedURL = shard, output.Sum(data), opts.FeedURL
	b.Zips = !opts.Unpacked
	if shard.Of > 0 && !opts.Quiet {
		fmt.Fprintf(opts.IO.Err, "shard %s (%s)\n", shard, shardFrom)
	}
	// The rows wait in a temporary file, not in memory, while the batch
	// builds (pack.SpillRows): rows is not used after this.
	src, err := pack.SpillRows(rows)
	if err != nil {
		return err
	}
	defer src.Close()
	stopHold := gcroom.Hold() // a long batch's heap near its working set's (internal/gcroom)
	s, err := b.RunRows(ctx, src)
	stopHold()
	p.finish()
	if !opts.Quiet {
		for _, line := range p.tally.lines() {
			fmt.Fprintln(opts.IO.Err, line)
		}
	}
	if err != nil {
		return err
	}
	total := len(s.Results)
	took := opts.Now().Sub(start).Round(100 * time.Millisecond)
	if s.Interrupted {
		return &exitError{code: 130, msg: fmt.Sprintf("interrupted: %d of %d packs finished (%d built, %d up to date, %d failed), %d files written in %s; run the same command again to build the rest",
			total-s.NotRun, total, s.Built, s.UpToDate, s.Failed, s.Written, took)}
	}
	if shard.Of > 0 {
		// A shard's failed packs are in its part; merge reports them and
		// sets the exit status, so that an engine retries only a shard
		// that did not finish.
		if !opts.Quiet {
			fmt.Fprintf(opts.IO.Err, "shard %s: %s of %d in the manifest: %d built, %d failed, %d skipped (up to date); %s written in %s\npart: %s\n",
				shard, plural(total, "pack"), src.Len(), s.Built, s.Failed, s.UpToDate, plural(s.Written, "file"), took, filepath.Join(out, filepath.FromSlash(pack.PartName(shard))))
		}
		return nil
	}
	if !opts.Quiet {
		fmt.Fprintf(opts.IO.Err, "%s: %d built, %d failed, %d skipped (up to date); %s written in %s\nindex: %s\n",
			plural(total, "pack"), s.Built, s.Failed, s.UpToDate, plural(s.Written, "file"), took, filepath.Join(out, pack.IndexHTML))
	}
	if s.Failed > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d of %s failed (see %s)", s.Failed, plural(total, "pack"), filepath.Join(out, pack.IndexCSV))}
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// packProgress reports a batch as it goes: on a terminal, one progress bar
// line (a statusLine) redrawn at most ten times a second, with problems
// printed above it; otherwise one line per pack and no escape codes; with
// --quiet, problems only and no bar.
type packProgress struct {
	io      *IO
	quiet   bool
	verbose bool           // each pack's editorial summary as it is built
	tally   editorialTally // otherwise, one line per document and role-level at the end
	now     func() time.Time
	start   time.Time
	last    time.Time
	line    *statusLine // the bar, on a terminal without --quiet; nil otherwise
	done    int
	total   int
}

// barInterval is the least time between two redraws of the progress bar.
const barInterval = 100 * time.Millisecond

// err is where the batch's messages go: above the bar when there is one.
func (p *packProgress) err() io.Writer {
	if p.line != nil {
		return p.line
	}
	return p.io.Err
}

func (p *packProgress) report(done, total int, r *pack.Result) {
	p.done, p.total = done, total
	switch {
	case p.verbose && len(r.Editorial) > 0:
		for _, line := range r.Editorial {
			fmt.Fprintf(p.err(), "warning: %s/%s\n", r.Name, line)
		}
	case !p.quiet:
		p.tally.add(r) // one line per document and role-level at the end
	}
	if p.line != nil {
		if r.Status == pack.Failed {
			fmt.Fprintln(p.line, r.Err)
		}
		if t := p.now(); done == total || t.Sub(p.last) >= barInterval || r.Status == pack.Failed {
			p.last = t
			p.line.set(p.bar(t))
		}
		return
	}
	if r.Status == pack.Failed {
		if p.quiet {
			fmt.Fprintln(p.io.Err, r.Err)
		} else {
			fmt.Fprintf(p.io.Err, "[%d/%d] %v\n", done, total, r.Err)
		}
		return
	}
	if p.quiet {
		return
	}
	what := ""
	switch r.Status {
	case pack.Built:
		what = fmt.Sprintf("ok (%s)", plural(len(r.Files), "file"))
	case pack.UpToDate:
		what = "up to date"
	default:
		return // not built: the run was interrupted
	}
	fmt.Fprintf(p.io.Err, "[%d/%d] %s %s %s: %s\n", done, total, r.Reference, r.Role, r.Level, what)
}

// bar is the progress bar's text at t: rows done of the total, the rate
// and the time left at that rate.
func (p *packProgress) bar(t time.Time) string {
	const width = 24
	filled := 0
	if p.total > 0 {
		filled = p.done * width / p.total
	}
	el := t.Sub(p.start).Seconds()
	rate, left := 0.0, "--:--"
	if el > 0 && p.done > 0 {
		rate = float64(p.done) / el
		left = clock(time.Duration(float64(p.total-p.done) / rate * float64(time.Second)))
	}
	return fmt.Sprintf("[%s%s] %d/%d packs  %.1f/s  %s left",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), p.done, p.total, rate, left)
}

// finish ends the bar's line: it stays on screen, with its last count.
func (p *packProgress) finish() {
	if p.line != nil {
		p.line.finish()
	}
}

// statusLine is a terminal's standard error with one status line (the
// progress bar) kept at the bottom: a write first clears the bar's line,
// writes its text and, once the text ends a line, draws the bar again
// below it, so no message is overwritten and the bar does not scroll
// away. It is safe for concurrent use (a worker's stack trace comes from
// another goroutine). It writes "\r" and "\x1b[K" (erase to the end of
// the line), so it is for a terminal only.
type statusLine struct {
	mu      sync.Mutex
	w       io.Writer
	bar     string // the status line's text ("" before the first set)
	shown   bool   // the bar is on screen, the cursor at its end
	partial bool   // the last write left a line unfinished
}

// Write writes p above the status line.
func (s *statusLine) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(p) == 0 {
		return 0, nil
	}
	if s.shown {
		if _, err := io.WriteString(s.w, "\r\x1b[K"); err != nil {
			return 0, err
		}
		s.shown = false
	}
	n, err := s.w.Write(p)
	if err != nil {
		return n, err
	}
	s.partial = p[len(p)-1] != '\n'
	if !s.partial && s.bar != "" {
		if _, err := io.WriteString(s.w, s.bar+"\x1b[K"); err != nil {
			return n, err
		}
		s.shown = true
	}
	return n, nil
}

// set draws the status line as text, in place of the one on screen.
func (s *statusLine) set(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	prefix := "\r"
	if s.partial {
		prefix = "\n" // end a message's unfinished line rather than draw over it
	}
	s.bar, s.partial = text, false
	io.WriteString(s.w, prefix+text+"\x1b[K")
	s.shown = true
}

// finish ends the status line's line, leaving it on screen; later writes
// go below it.
func (s *statusLine) finish() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shown {
		io.WriteString(s.w, "\n")
	}
	s.bar, s.shown = "", false
}

// clock formats d as m:ss (or h:mm:ss).
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// defaultPackFormats are a pack's formats when no flag, variable or config
// names any.
var defaultPackFormats = []string{"pdf", "docx"}

// checkPackFormats checks, before any pack is built, that every kind of
// the packs can be written in every format.
func checkPackFormats(run *pack.Run, ids []string, formats []output.Format) error {
	kinds, err := run.Kinds(ids)
	if err != nil {
		return err
	}
	return run.Renderer.CheckFormats(kinds, formats)
}

// Command peerbench measures rolepack's writers side by side with the
// tools issues 19 and 30 compare them with, in one session on one
// document, and prints issue 30's goals as ratios computed in that run, of
// wall time and of CPU time (the verdict is on CPU when both tools have it:
// it moves less with the load of a shared machine):
//
//	npm ci --prefix tools/peerbench/node --ignore-scripts   # once; make bench-peers does both
//	go run ./tools/peerbench [-n 150] [-runs 20] [-keep DIR] [-quick] [-processes=false] [-recorded FILE]
//
// make bench runs it with -quick (only the tools the goals compare) and
// -processes=false. A tool that cannot run here (no node or node_modules,
// no stock fpdf in the module cache) takes the figure -recorded
// (docs/performance.md) records for it, marked as recorded in the report,
// so the ratios are printed in every run.
//
// The document is the job description `rolepack generate --doc jd` makes
// from the embedded default config. peerbench composes it, writes it as
// jd.json (see jdFile for the shape) into a temporary folder (or -keep
// DIR, which also keeps one output of every tool there to look at), and
// measures the median milliseconds per document over -n documents after a
// warm-up, and the CPU milliseconds per document (the process's user and
// system time over those documents, every thread), every tool in memory
// and on one goroutine:
//
//   - rolepack's PDF (tagged, Liberation Sans), DOCX and HTML writers, each
//     built once as a batch builds them, writing the rendered tree;
//   - Go floors written naively from jd.json: a minimal DOCX with
//     archive/zip, in this process; and fpdf with core Helvetica (nothing
//     embedded) or loading Liberation Sans from its TrueType bytes into
//     every document. The fpdf floors are the command of ./fpdffloor, a
//     module of its own, because in this module go.mod replaces fpdf with
//     the patched copy in third_party/fpdf. peerbench builds that command
//     twice into its folder, with the module's go.mod (stock fpdf, the
//     version its require line names: issue 19's "naive fpdf") and with
//     go.patched.mod (the patched copy), and runs stock core Helvetica,
//     stock Liberation Sans and patched core Helvetica; each times its
//     documents inside its process as this one does and prints one line
//     of JSON. Issue 19's goal is set against the stock floor; the ratio
//     to the patched floor is printed beside it, for information. Stock
//     fpdf comes from the module cache or the Go module proxy; when
//     neither gives it, its rows are skipped with the go command's error;
//   - Node peers (tools/peerbench/node, versions pinned by its
//     package-lock.json): pdfkit with core Helvetica, pdfkit embedding the
//     same Liberation Sans files, docxtemplater filling a template with
//     loops over the blocks. Each reads jd.json and prints one line of
//     JSON; they are skipped, with a line saying how to install them, when
//     node or node_modules is missing.
//
// It then times `rolepack generate --doc jd --format pdf` as one process
// (the binary built once, run -runs times into fresh folders, median wall
// time; the command also writes the JD's record, as it does for users),
// and pandoc turning the JD's Markdown into DOCX when pandoc is on PATH.
//
// Figures on a shared machine are noisy; the machine (cores, CPU model,
// load average before and after) is printed with them. Nothing here is a
// test: make test and CI never run it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
)

// options are the command-line settings.
type options struct {
	n      int    // documents measured per in-process tool
	warmup int    // documents made before measuring
	runs   int    // process runs of rolepack generate and pandoc
	keep   string // folder to keep jd.json and the outputs in ("" : temporary)

	processes bool   // time rolepack generate and pandoc as processes
	quick     bool   // only the tools the goals compare (no Liberation Sans floor or pdfkit with fonts)
	recorded  string // file of recorded figures for tools that cannot run ("" : none)
}

func main() {
	var o options
	flag.IntVar(&o.n, "n", 150, "documents measured per tool (median ms/doc), after the warm-up")
	flag.IntVar(&o.warmup, "warmup", 5, "documents made by each tool before measuring")
	flag.IntVar(&o.runs, "runs", 20, "runs of `rolepack generate` (and pandoc) as one process each")
	flag.StringVar(&o.keep, "keep", "", "write jd.json and one output of each tool into this folder and keep it (default: a temporary folder, removed)")
	flag.BoolVar(&o.processes, "processes", true, "also time `rolepack generate` and pandoc as whole processes")
	flag.BoolVar(&o.quick, "quick", false, "measure only the tools the goals compare: leave out the fpdf floor loading Liberation Sans and pdfkit embedding it (make bench)")
	flag.StringVar(&o.recorded, "recorded", "docs/performance.md", "for a tool that cannot run here (no node_modules, no stock fpdf), print the figure this file records, marked as recorded (relative to the repository root; \"\" for none)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./tools/peerbench [flags]\n\nMeasures rolepack's writers against Go floors and Node peers on the default JD (see the package doc).\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if o.n < 1 || o.warmup < 0 || o.runs < 1 {
		fmt.Fprintln(os.Stderr, "peerbench: -n and -runs must be at least 1, -warmup at least 0")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "peerbench:", err)
		os.Exit(1)
	}
}

// run does the whole benchmark and prints its report on stdout.
func run(ctx context.Context, o options) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	dir := o.keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "peerbench-"); err != nil {
			return fmt.Errorf("temporary folder: %w", err)
		}
		defer os.RemoveAll(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("-keep %s: %w", dir, err)
	}
	loadBefore := loadAverage()
	w, err := prepare(ctx, dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "peerbench: %s (%d blocks) in %s; %d documents per tool after %d warm-up\n",
		filepath.Join(dir, "jd.json"), len(w.jd.Blocks), dir, o.n, o.warmup)
	var results []result
	inproc, err := measureInProcess(ctx, w, o)
	if err != nil {
		return err
	}
	results = append(results, inproc...)
	results = append(results, measureFpdfFloors(ctx, root, w, o)...)
	results = append(results, nodePeers(ctx, root, w, o)...)
	if o.processes {
		proc, err := measureProcesses(ctx, root, w, o)
		if err != nil {
			return err
		}
		results = append(results, proc...)
	}
	if o.recorded != "" {
		path := o.recorded
		if !filepath.IsAbs(path) {
			path = filepath.Join(root, path)
		}
		useRecorded(results, readRecorded(path))
	}
	if err := ctx.Err(); err != nil {
		return errors.New("interrupted")
	}
	report(os.Stdout, results, o, machine{load: [2]string{loadBefore, loadAverage()}})
	return nil
}

// moduleRoot finds the rolepack module's root folder from the working
// directory up, so that peerbench runs from anywhere inside the repository.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytesHasModule(b) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the rolepack repository (no go.mod of module github.com/rolepack/rolepack above the working directory)")
		}
		dir = parent
	}
}

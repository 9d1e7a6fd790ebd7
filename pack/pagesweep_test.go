package pack

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output/pdf"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

// printDoc is one document of the print sweep: a PDP or a career map of
// one role, in one language.
type printDoc struct {
	id    string
	build func() (*doc.Document, error)
}

// printSample is how the print sweep samples the corpus in the normal
// run: every printSample-th role with a ladder (and the default role
// always); PRINT_SWEEP=all takes every role.
const printSample = 8

// printDocs lists the PDP of every adjacent move and the career map of
// the default role and of the corpus roles of two levels or more (every
// printSample-th, or all of them), in English and Welsh.
func printDocs(t *testing.T, all bool) []printDoc {
	t.Helper()
	fw, lib, cfg, engine := sweepSetup(t)
	kinds, err := render.LookupKinds([]string{"pdp", "progression"})
	if err != nil {
		t.Fatal(err)
	}
	pdp, progression := kinds[0], kinds[1]
	date := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	var roles []ladderRole
	for i, r := range ladderRoles(fw) {
		if all || i%printSample == 0 {
			roles = append(roles, r)
		}
	}
	var out []printDoc
	for _, lang := range []string{"en-GB", "cy"} {
		c := *cfg
		c.Language = config.Languages(lang)
		composer := compose.NewComposer(&c, lib)
		for _, r := range roles {
			for i := 0; i+1 < len(r.levels); i++ {
				from, to := r.levels[i], r.levels[i+1]
				out = append(out, printDoc{fmt.Sprintf("%s pdp %s %s to %s", lang, r.id, from, to), func() (*doc.Document, error) {
					pc := c
					pc.PDP.From, pc.PDP.To = from, to
					ctx, err := plan.NewContext(context.Background(), &pc, lib, r.id, from, date)
					if err != nil {
						return nil, err
					}
					return engine.Document(context.Background(), pdp, pdp.Documents(ctx)[0].Context)
				}})
			}
			top := r.levels[len(r.levels)-1]
			out = append(out, printDoc{fmt.Sprintf("%s map %s", lang, r.id), func() (*doc.Document, error) {
				p, err := composer.Prepare(r.id, top)
				if err != nil {
					return nil, err
				}
				rc, err := p.Context(&c, lib, date)
				if err != nil {
					return nil, err
				}
				kctx, err := progression.Prepare(context.Background(), rc)
				if err != nil {
					return nil, err
				}
				return engine.Document(context.Background(), progression, progression.Documents(kctx)[0].Context)
			}})
		}
	}
	return out
}

// printFaults are what a reader of a printed document sees on page p
// (from 0) of tr: a page but the last a third full or less, a last page a
// fifth full or less, a page of fewer than five lines, a page holding only
// the end of a table begun on the page before (its last two rows or
// fewer, or the rest of a row broken at the foot of the page before,
// under no heading, a third of the page or less), a paragraph that leads
// in to a table ("The biggest changes:") at the foot of a page, a heading
// or a table's header at the foot of a page.
func printFaults(tr *pdf.Trace, p int) []string {
	n := len(tr.Pages)
	if n < 2 {
		return nil
	}
	pg := tr.Pages[p]
	fill := pg.Used / pg.Body
	var out []string
	if p < n-1 && fill <= 1.0/3 {
		out = append(out, fmt.Sprintf("short page (%.0f%%)", 100*fill))
	}
	if p == n-1 && fill <= 0.2 {
		out = append(out, fmt.Sprintf("near-empty last page (%.0f%%)", 100*fill))
	}
	if pg.Lines < 5 {
		out = append(out, fmt.Sprintf("%d lines", pg.Lines))
	}
	if p > 0 && pg.Headings == 0 && pg.Rows <= 2 && fill <= 1.0/3 && tr.Pages[p-1].Last == "row" && (pg.Rows > 0 || tr.Pages[p-1].Broken > 0) {
		out = append(out, fmt.Sprintf("a table's last %d row(s) alone (%.0f%%)", pg.Rows, 100*fill))
	}
	if p < n-1 && pg.Last == "text" && strings.HasSuffix(strings.TrimSpace(pg.Text), ":") {
		out = append(out, "an introduction at the foot")
	}
	if p < n-1 && (pg.Last == "heading" || pg.Last == "table-header") {
		out = append(out, "a "+pg.Last+" at the foot")
	}
	return out
}

// printAccepted are the documents whose faults no pagination rule mends
// without breaking another, each with the faults it has: a change that
// mends one fails the sweep until it is taken off the list.
var printAccepted = map[string]string{
	// The last section's table starts with its two rows at the foot of
	// page 1; sending it down whole would leave page 1 at 66.6%, under
	// the two-thirds a page must keep (doc.MaxWaste).
	"en-GB map ddat/test-manager": "page 2 of 2: a table's last 2 row(s) alone",
	// The last rung group's note ("Unchanged from …") and the document
	// control alone on the last page: its group starts at 60% of page 4,
	// which sending it down would leave under two-thirds filled.
	"en-GB map ddat/frontend-developer": "page 5 of 5: near-empty last page; page 5 of 5: 4 lines",
	"cy map ddat/frontend-developer":    "page 5 of 5: near-empty last page; page 5 of 5: 4 lines",
	// The summary runs two rows onto page 2, and the part after its page
	// break (57 changes, grouped: a table of three tall rows kept whole)
	// fills a page of its own; no squeeze brings the rows back.
	"cy pdp data-engineer senior to head": "page 2 of 8: short page; page 2 of 8: 3 lines; page 2 of 8: a table's last 2 row(s) alone",
}

// printResult is what the print sweep found of one document.
type printResult struct {
	line   string   // pages: fill/lines/rows/headings of each
	faults []string // "page P of N: fault"
	err    error
}

// TestPrintSweep lays out as PDF the PDP of every adjacent move and the
// career map of the default role and of the corpus roles (every
// printSample-th in the normal run, every one with PRINT_SWEEP=all), in
// English and Welsh, and checks each page as a line manager printing a
// plan and a panel chair pinning up a map would (printFaults): no fault
// but those printAccepted lists. PRINT_PAGES=file writes each document's
// pages (filled, lines, rows, headings) and faults to file; PRINT_PDF=dir
// writes the PDFs (those whose name holds PRINT_ONLY, if set) to dir.
func TestPrintSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("the print sweep runs in the full suite, not under -short")
	}
	docs := printDocs(t, os.Getenv("PRINT_SWEEP") == "all")
	results := make([]printResult, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		w, err := pdf.New()
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = printOne(t, w, docs[i])
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	var b strings.Builder
	pages, faults := 0, 0
	for i, res := range results {
		id := docs[i].id
		if res.err != nil {
			t.Errorf("%s: %v", id, res.err)
			continue
		}
		fmt.Fprintf(&b, "%s: %s\n", id, res.line)
		pages += strings.Count(res.line, "%/")
		faults += len(res.faults)
		for _, f := range res.faults {
			fmt.Fprintf(&b, "  FAULT %s\n", f)
		}
		got := strings.Join(printFaultsOnly(res.faults), "; ")
		want, accepted := printAccepted[id]
		switch {
		case accepted && got != want:
			t.Errorf("%s: faults %q, printAccepted says %q: update the list", id, got, want)
		case !accepted:
			for _, f := range res.faults {
				t.Errorf("%s: %s", id, f)
			}
		}
	}
	fmt.Fprintf(&b, "total: %d documents, %d pages, %d faults\n", len(docs), pages, faults)
	t.Logf("%d documents, %d pages, %d faults", len(docs), pages, faults)
	if f := os.Getenv("PRINT_PAGES"); f != "" {
		if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// printFaultsOnly is faults without the text each quotes of its page or
// how full the page is, which a change of wording moves a little.
func printFaultsOnly(faults []string) []string {
	out := make([]string, len(faults))
	for i, f := range faults {
		f, _, _ = strings.Cut(f, " (last ")
		out[i] = printFill.ReplaceAllString(f, "")
	}
	return out
}

// printFill is how full a fault says its page is: " (13%)".
var printFill = regexp.MustCompile(` \(\d+%\)`)

// printOne builds and lays out one document of the sweep with w and
// reports its pages and faults (and writes its PDF for PRINT_PDF).
func printOne(t *testing.T, w *pdf.Writer, pd printDoc) printResult {
	d, err := pd.build()
	if err != nil {
		return printResult{err: err}
	}
	tr, err := w.Layout(d)
	if err != nil {
		return printResult{err: err}
	}
	if dir := os.Getenv("PRINT_PDF"); dir != "" && strings.Contains(pd.id, os.Getenv("PRINT_ONLY")) {
		if err := writePrintPDF(w, d, filepath.Join(dir, strings.NewReplacer(" ", "_", "/", "_").Replace(pd.id)+".pdf")); err != nil {
			return printResult{err: err}
		}
	}
	var res printResult
	parts := make([]string, len(tr.Pages))
	for p, pg := range tr.Pages {
		parts[p] = fmt.Sprintf("%.0f%%/%dl/%dr/%dh", 100*pg.Used/pg.Body, pg.Lines, pg.Rows, pg.Headings)
		for _, f := range printFaults(tr, p) {
			res.faults = append(res.faults, fmt.Sprintf("page %d of %d: %s (last %q)", p+1, len(tr.Pages), f, pg.Text))
		}
	}
	res.line = fmt.Sprintf("%d pages: %s", len(tr.Pages), strings.Join(parts, " "))
	return res
}

// writePrintPDF writes d as PDF to path, for a reader looking at the
// sweep's pages (PRINT_PDF).
func writePrintPDF(w *pdf.Writer, d *doc.Document, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := w.Write(f, d); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

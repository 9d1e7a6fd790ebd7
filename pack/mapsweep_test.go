package pack

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/careermap"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/output/pdf"
	"github.com/rolepack/rolepack/render"
)

// mapSweepFile is the career-map sweep's record: per role, its rung
// groups, PDF pages and how full each page is. `go test ./pack -run
// CareerMapSweep -update` rewrites it; review its diff.
var mapSweepFile = filepath.Join("testdata", "mapsweep.txt")

// TestCorpusCareerMapSweep builds the career map of the default role (the
// data engineer at head) and of every corpus role with two levels or more
// (at its highest level in use) and lays it out as the PDF writer does.
// For every map: at most careermap.PagesPerSpan A4 pages a rung group
// (issue 26: a profession lead pins each group up as one pair of sheets),
// no page but the last less than a third full, at most one page more
// than its text needs (the height it fills, in whole pages), and no table
// row blank, "None" or "—" at every level. It records each map's pages
// per rung group and fill in testdata/mapsweep.txt. Without the corpus
// the test is skipped.
func TestCorpusCareerMapSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("the career-map sweep runs in the full suite, not under -short")
	}
	fw, lib, cfg, engine := sweepSetup(t)
	kinds, err := render.LookupKinds([]string{"progression"})
	if err != nil {
		t.Fatal(err)
	}
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	composer := compose.NewComposer(cfg, lib)
	date := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	var b strings.Builder
	maps, within := 0, 0
	for _, m := range ladderRoles(fw) {
		id, levels := m.id, m.levels
		p, err := composer.Prepare(id, levels[len(levels)-1])
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		rc, err := p.Context(cfg, lib, date)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		kctx, err := kinds[0].Prepare(context.Background(), rc)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		d, err := engine.Document(context.Background(), kinds[0], kinds[0].Documents(kctx)[0].Context)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		tr, err := w.Layout(d)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		groups := max(len(careermap.Of(kctx).Spans), 1)
		maps++
		if len(tr.Pages) <= careermap.PagesPerSpan*groups {
			within++
		} else {
			t.Errorf("%s: %d pages for %d rung groups, want at most %d a group", id, len(tr.Pages), groups, careermap.PagesPerSpan)
		}
		used := 0.0
		fill := make([]string, len(tr.Pages))
		for i, pg := range tr.Pages {
			used += pg.Used
			fill[i] = fmt.Sprintf("%.0f%%", 100*pg.Used/pg.Body)
			if i < len(tr.Pages)-1 && pg.Used < pg.Body/3 {
				t.Errorf("%s: page %d of %d is %s full", id, i+1, len(tr.Pages), fill[i])
			}
		}
		if need := int(math.Ceil(used / tr.Pages[0].Body)); len(tr.Pages) > need+1 {
			t.Errorf("%s: %d pages for %.0f mm of content (%d pages' worth)", id, len(tr.Pages), used, need)
		}
		for _, row := range blankRows(d) {
			t.Errorf("%s: a row with nothing at any level: %s", id, row)
		}
		fmt.Fprintf(&b, "%s: %d levels, %d rung groups, %d pages (%.1f a group), filled %s\n",
			id, len(levels), groups, len(tr.Pages), float64(len(tr.Pages))/float64(groups), strings.Join(fill, " "))
	}
	if maps < 2 {
		t.Fatal("no role of two levels or more in the corpus")
	}
	fmt.Fprintf(&b, "total: %d career maps, %d within 2 pages a rung group\n", maps, within)
	t.Logf("%d career maps, %d within 2 pages a rung group", maps, within)
	if *update {
		if err := os.WriteFile(mapSweepFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(mapSweepFile)
	if err != nil {
		t.Fatalf("no record (run go test ./pack -run CareerMapSweep -update): %v", err)
	}
	if string(want) != b.String() {
		t.Errorf("the career maps differ from %s (review, then -update):\n%s", mapSweepFile, firstDiff(string(want), b.String()))
	}
}

// ladderRole is a role with two levels or more in use, which has a career
// map and a plan for each move up.
type ladderRole struct {
	id     string
	levels []string // in use, lowest first
}

// ladderRoles lists the default role (the data engineer) and every role of
// fw with two levels or more in use, as ddat/ROLE.
func ladderRoles(fw *framework.Framework) []ladderRole {
	out := []ladderRole{{"data-engineer", []string{"entry", "mid", "senior", "head"}}}
	for _, r := range fw.Roles {
		var levels []string
		for _, l := range r.Levels {
			if !l.Retired {
				levels = append(levels, l.ID)
			}
		}
		if len(levels) >= 2 {
			out = append(out, ladderRole{"ddat/" + r.ID, levels})
		}
	}
	return out
}

// blankRows lists the body rows of d's tables of three columns or more
// whose cells after the first are all blank, "None" or "—".
func blankRows(d *doc.Document) []string {
	var out []string
	for _, bl := range d.Blocks {
		t, ok := bl.(*doc.Table)
		if !ok || t.Columns() < 3 {
			continue
		}
		for _, row := range t.Rows {
			blank := true
			for _, c := range row[1:] {
				s := strings.TrimSpace(doc.PlainText(c.Text))
				blank = blank && (s == "" || s == "None" || s == "—")
			}
			if blank && len(row) > 0 {
				out = append(out, doc.PlainText(row[0].Text))
			}
		}
	}
	return out
}

// firstDiff is the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var a, b string
		if i < len(wl) {
			a = wl[i]
		}
		if i < len(gl) {
			b = gl[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, a, b)
		}
	}
	return ""
}

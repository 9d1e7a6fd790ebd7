package plan_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rolepack/rolepack/compose/composetest"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/output/pdf"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

// TestSignOffNeverAlone lays out the PDP of every adjacent move of every
// corpus role and of the default role, in English and Welsh, and checks
// that the sign-off and reviews table never sits alone on the last page:
// it shares its page with the evidence log before it (the page holds two
// headings or more), so the sign-off is neither a page of its own nor
// split from its heading. The default role's plan from Senior to Head put
// it alone on page 7 of 7, 33% filled. A page holding only the last rows
// of the summary table does not end at the page break after it when what
// changes fits below (three plans). PLAN_PAGES=1 logs each plan's
// pages, filled, for a reader comparing layouts.
func TestSignOffNeverAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out a PDP for every corpus move, in two languages")
	}
	fw := composetest.ImportPages(t, filepath.Join(corpus, "*.md"), "corpus")
	cfg, lib := composetest.Default(t, fw)
	type planMove struct{ role, from, to string }
	moves := []planMove{
		{cfg.Role, "entry", "mid"}, {cfg.Role, "mid", "senior"}, {cfg.Role, "senior", "head"},
	}
	for _, r := range fw.Roles {
		var levels []string
		for _, l := range r.Levels {
			if !l.Retired {
				levels = append(levels, l.ID)
			}
		}
		for i := 0; i+1 < len(levels); i++ {
			moves = append(moves, planMove{"corpus/" + r.ID, levels[i], levels[i+1]})
		}
	}
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := render.LookupKinds([]string{"pdp"})
	if err != nil {
		t.Fatal(err)
	}
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	// Plans whose summary table ran two rows onto page 2, a page break
	// then leaving it 13-16% filled, while what changes fitted below:
	// page 2 goes on with it.
	spilled := map[string]bool{
		"cy corpus/development-operations-devops-engineer apprentice-devops-engineer to junior-devops-engineer":         true,
		"en-GB corpus/end-user-computing-engineer associate-end-user-computing-engineer to end-user-computing-engineer": true,
		"cy data-engineer entry to mid": true,
		// The Welsh gap label "Cwbl newydd" wrapped in its 8% column,
		// two lines a row, and ran the summary onto page 2 (19%).
		"cy data-engineer senior to head": true,
	}
	dump := os.Getenv("PLAN_PAGES") != ""
	for _, lang := range []string{"en-GB", "cy"} {
		for _, m := range moves {
			id := fmt.Sprintf("%s %s %s to %s", lang, m.role, m.from, m.to)
			c := *cfg
			c.Language = config.Languages(lang)
			c.PDP.From, c.PDP.To = m.from, m.to
			ctx, err := plan.NewContext(context.Background(), &c, lib, m.role, m.from, planDate)
			if err != nil {
				t.Errorf("%s: %v", id, err)
				continue
			}
			d, err := e.Document(context.Background(), kinds[0], kinds[0].Documents(ctx)[0].Context)
			if err != nil {
				t.Errorf("%s: %v", id, err)
				continue
			}
			tr, err := w.Layout(d)
			if err != nil {
				t.Errorf("%s: %v", id, err)
				continue
			}
			n := len(tr.Pages)
			if dump {
				s := ""
				for _, p := range tr.Pages {
					s += fmt.Sprintf(" %.0f%%/%d", 100*p.Used/p.Body, p.Headings)
				}
				t.Logf("%s:%s", id, s)
			}
			if p := tr.Pages[min(1, n-1)]; spilled[id] && p.Used < p.Body*2/3 {
				t.Errorf("%s: page 2 of %d is %.0f%% filled (last %q)", id, n, 100*p.Used/p.Body, p.Text)
			}
			delete(spilled, id)
			if last := tr.Pages[n-1]; n > 1 && last.Headings < 2 {
				t.Errorf("%s: page %d of %d holds the sign-off alone (%d heading, %.0f%% filled, last %q)", id, n, n, last.Headings, 100*last.Used/last.Body, last.Text)
			}
		}
	}
	for id := range spilled {
		t.Errorf("%s: not laid out", id)
	}
}

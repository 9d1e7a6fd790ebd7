package plan_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/composetest"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output/pdf"
	"github.com/rolepack/rolepack/plan"
)

// planCase is one move a PDP is checked for.
type planCase struct {
	name string
	plan func(*testing.T) (*compose.Context, *doc.Document)
}

// planCases are the moves issue 26 names: the default role mid to
// senior and senior to head, and two corpus roles one level up.
func planCases() []planCase {
	return []planCase{
		{"default data engineer Mid to Senior", defaultPlan},
		{"default data engineer Senior to Head", func(t *testing.T) (*compose.Context, *doc.Document) {
			return defaultPlanFrom(t, "senior", "head", false)
		}},
		{"corpus data scientist to lead data scientist", corpusPlan},
		{"corpus delivery manager to senior delivery manager", deliveryPlan},
		// Five corpus moves drawn at random (ls corpus/ddat | shuf -n 5).
		corpusMove("service-desk-manager", "service-desk-manager", "head-of-service-desk"),
		corpusMove("digital-portfolio-manager", "digital-portfolio-analyst", "digital-portfolio-manager"),
		corpusMove("accessibility-specialist", "junior-accessibility-specialist", "accessibility-specialist"),
		corpusMove("data-architect", "senior-data-architect", "chief-data-architect"),
		corpusMove("data-analyst", "associate-data-analyst", "data-analyst"),
		signOffAlone,
	}
}

// signOffAlone is a move whose sign-off and reviews table went alone to
// a sixth page, 32% filled, which tighter space between blocks saves.
var signOffAlone = corpusMove("command-and-control-centre-manager", "operations-analyst", "senior-operations-analyst")

// A last page holding only the plan's closing section and a third full
// or less is laid out again with the space between blocks tightened,
// and kept when that saves the page (as for a quarter-full one).
func TestPlanLastPageNotALoneSection(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out a corpus plan")
	}
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	_, d := signOffAlone.plan(t)
	tr, err := w.Layout(d)
	if err != nil {
		t.Fatal(err)
	}
	n := len(tr.Pages)
	if last := tr.Pages[n-1]; n > 1 && last.Used <= last.Body/3 && last.Headings <= 1 {
		t.Errorf("page %d of %d holds one section, %.0f%% full (%q)", n, n, 100*last.Used/last.Body, last.Text)
	}
}

// corpusMove is the PDP of a corpus role (its pages imported alone) from
// one level to the next.
func corpusMove(role, from, to string) planCase {
	return planCase{"corpus " + role + " " + from + " to " + to, func(t *testing.T) (*compose.Context, *doc.Document) {
		t.Helper()
		fw := composetest.ImportPages(t, filepath.Join(corpus, "*-"+role+"-*.md"), "ddat-move")
		cfg, lib := composetest.Default(t, fw)
		cfg.PDP.From, cfg.PDP.To = from, to
		return renderPlan(t, cfg, lib, "ddat-move/"+role, from)
	}}
}

// defaultPlanFrom is the default role's PDP between two rungs, with the
// annex when annex is set.
func defaultPlanFrom(t *testing.T, from, to string, annex bool) (*compose.Context, *doc.Document) {
	t.Helper()
	cfg, lib := composetest.Default(t)
	cfg.PDP.From, cfg.PDP.To, cfg.PDP.Annex = from, to, annex
	return renderPlan(t, cfg, lib, cfg.Role, from)
}

// deliveryPlan is the corpus delivery manager's PDP, one level up.
func deliveryPlan(t *testing.T) (*compose.Context, *doc.Document) {
	t.Helper()
	fw := composetest.ImportPages(t, filepath.Join(corpus, "product-and-delivery-delivery-manager-*.md"), "ddat-delivery")
	cfg, lib := composetest.Default(t, fw)
	cfg.PDP.From, cfg.PDP.To = "delivery-manager", "senior-delivery-manager"
	return renderPlan(t, cfg, lib, "ddat-delivery/delivery-manager", "delivery-manager")
}

// codePattern is a framework code in brackets, "(B1.1)".
var codePattern = regexp.MustCompile(`\([A-Z]{1,4}\d+(\.\d+)*\)`)

// docText is every piece of text of d, one string a block or cell.
func docText(d *doc.Document) []string {
	var out []string
	var walk func([]doc.Block)
	walk = func(bs []doc.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Heading:
				out = append(out, doc.PlainText(b.Text))
			case *doc.Paragraph:
				out = append(out, doc.PlainText(b.Text))
			case *doc.List:
				for _, it := range b.Items {
					walk(it.Blocks)
				}
			case *doc.Table:
				for _, r := range append([][]doc.Cell{b.Header}, b.Rows...) {
					for _, c := range r {
						out = append(out, doc.PlainText(c.Text))
					}
				}
			case *doc.Chart:
				out = append(out, b.Title, b.Alt)
				for _, bar := range b.Bars {
					out = append(out, bar.Label)
				}
			}
		}
	}
	walk(d.Blocks)
	return out
}

// TestPlanFewPages: every move's PDP, written as a PDF, is at most 8 A4
// pages with no page but the last less than a third full, its objectives
// fall due on at least three dates, no two actions say the same apart
// from their entry's name or share a frame with only the entry's own
// words swapped, and no framework code is printed (issue 26).
func TestPlanFewPages(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out four plans")
	}
	api.DisableConfigDir()
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range planCases() {
		t.Run(tc.name, func(t *testing.T) {
			ctx, d := tc.plan(t)
			p := plan.Of(ctx)

			var buf bytes.Buffer
			if err := w.Write(&buf, d); err != nil {
				t.Fatal(err)
			}
			n, err := api.PageCount(bytes.NewReader(buf.Bytes()), model.NewDefaultConfiguration())
			if err != nil {
				t.Fatal(err)
			}
			if n > 8 {
				t.Errorf("%d pages, want at most 8", n)
			}
			tr, err := w.Layout(d)
			if err != nil {
				t.Fatal(err)
			}
			if len(tr.Pages) != n {
				t.Errorf("layout has %d pages, the PDF %d", len(tr.Pages), n)
			}
			for i, pg := range tr.Pages {
				t.Logf("page %d: %.0f%% full, last %s %q", i+1, 100*pg.Used/pg.Body, pg.Last, pg.Text)
				if i < len(tr.Pages)-1 && pg.Used < pg.Body/3 {
					t.Errorf("page %d of %d is %.0f%% full (last %s %q)", i+1, len(tr.Pages), 100*pg.Used/pg.Body, pg.Last, pg.Text)
				}
				if i < len(tr.Pages)-1 && (pg.Last == "heading" || pg.Last == "table-header") {
					t.Errorf("page %d ends with a %s (%q)", i+1, pg.Last, pg.Text)
				}
			}

			// The summary is one page: it ends with the last of the
			// biggest changes.
			if last := p.Biggest[len(p.Biggest)-1]; tr.Pages[0].Last != "row" || tr.Pages[0].Text != last.Name {
				t.Errorf("page 1 ends with %s %q, not the summary's last change %q", tr.Pages[0].Last, tr.Pages[0].Text, last.Name)
			}

			dates := map[string]bool{}
			for _, o := range p.Objectives {
				dates[o.Due] = true
			}
			// At least three (one a change, for a move that changes less).
			if want := min(3, len(p.Ranked)); len(p.Objectives) < want || len(dates) < want {
				t.Errorf("%d objectives due on %d dates, want at least %d of each: %v", len(p.Objectives), len(dates), want, dates)
			}
			for _, o := range p.Objectives {
				if strings.HasPrefix(o.What, "Meet the ") || strings.HasPrefix(strings.ToLower(o.What), "can ") || strings.HasPrefix(strings.ToLower(o.What), "you ") {
					t.Errorf("objective %d copies its descriptor: %q", o.Number, o.What)
				}
			}

			for _, msg := range actionClashes(p) {
				t.Error(msg)
			}

			for _, s := range docText(d) {
				if m := codePattern.FindString(s); m != "" {
					t.Errorf("framework code %s printed in %q", m, s)
				}
			}
		})
	}
}

// TestPlanNothingChanges: a move where the target asks for the same words
// has no biggest changes, objectives or actions, and no chart.
func TestPlanNothingChanges(t *testing.T) {
	items := []*compose.Item{{Kind: "skill", Title: "S", Descriptors: []string{"Build pipelines."}}}
	cur := &compose.Composed{Title: "R", Rung: config.Rung{Label: "Mid"}, Items: items}
	tgt := &compose.Composed{Title: "R", Rung: config.Rung{Label: "Senior"}, Items: items}
	p, err := plan.New(&config.Config{}, cur, tgt, planDate)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Ranked) != 0 || len(p.Biggest) != 0 || len(p.Objectives) != 0 || len(p.Actions) != 0 || len(p.ChartBars) != 0 || len(p.Unchanged) != 1 {
		t.Errorf("ranked %d, biggest %d, objectives %d, actions %d, bars %d, unchanged %d",
			len(p.Ranked), len(p.Biggest), len(p.Objectives), len(p.Actions), len(p.ChartBars), len(p.Unchanged))
	}
}

// TestImperative: descriptors become instructions a manager would write.
func TestImperative(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Can use data visualisation tools to show trends.", "Use data visualisation tools to show trends"},
		{"You are able to work on, and lead, diverse teams.", "Work on, and lead, diverse teams"},
		{"You have created a team of leaders.", "Create a team of leaders"},
		{"You are an ally for underrepresented groups.", "Be an ally for underrepresented groups"},
		{"Strategic oversight of containerisation strategies.", "Demonstrate strategic oversight of containerisation strategies"},
		{"Leads the data team.", "Lead the data team"},
		{"You lead by example and are open and honest.", "Lead by example and be open and honest"},
	} {
		cur := &compose.Composed{Title: "R", Rung: config.Rung{Label: "Mid"}}
		tgt := &compose.Composed{Title: "R", Rung: config.Rung{Label: "Senior"}, Items: []*compose.Item{{Kind: "skill", Title: "S", Descriptors: []string{tc.in}}}}
		p, err := plan.New(&config.Config{}, cur, tgt, planDate)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSuffix(p.Objectives[0].What, "."); got != tc.want {
			t.Errorf("%q: objective %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestActionKeepsSharedObject: an action cut to a clause never ends on a
// verb that shares its object with the next ("processes to gather" of
// "processes to gather and establish user needs").
func TestActionKeepsSharedObject(t *testing.T) {
	d := "Understand and champion user research, and design and manage processes to gather and establish user needs."
	cur := &compose.Composed{Title: "R", Rung: config.Rung{Label: "Mid"}}
	tgt := &compose.Composed{Title: "R", Rung: config.Rung{Label: "Senior"}, Items: []*compose.Item{{Kind: "skill", Title: "Delivering business impact", Descriptors: []string{d}}}}
	p, err := plan.New(&config.Config{}, cur, tgt, planDate)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Actions) == 0 {
		t.Fatal("no actions")
	}
	for _, a := range p.Actions {
		if text := a.Title + " " + a.Focus; strings.Contains(text, "to gather") && !strings.Contains(text, "establish user needs") {
			t.Errorf("action cut between two verbs sharing an object: %q", text)
		}
	}
}

// TestPlanFrameworkActivitiesByWords: a framework's training or
// development entry is offered for an entry its title's words name, once,
// and never as a blanket ("Project Assignments" is no course for "Budget
// control", whose budgets are of projects: issue 26).
func TestPlanFrameworkActivitiesByWords(t *testing.T) {
	cur := &compose.Composed{Title: "R", Rung: config.Rung{Label: "Mid"}}
	tgt := &compose.Composed{Title: "R", Rung: config.Rung{Label: "Head"}, Items: []*compose.Item{
		{Kind: "leadership", Title: "Budget control", Descriptors: []string{"You set annual budgets so that individual projects do not overspend."}},
		{Kind: "behaviour", Title: "Negotiation", Descriptors: []string{"You lead and win complex debates."}},
		{Kind: "behaviour", Title: "Influence", Descriptors: []string{"You lead organisation-wide initiatives."}},
		{Kind: "development", Title: "Project Assignments", Descriptors: []string{"Participating in a project team."}},
		{Kind: "development", Title: "Negotiating and Influencing", Descriptors: []string{"Learning and practice of negotiating."}},
	}}
	p, err := plan.New(&config.Config{}, cur, tgt, planDate)
	if err != nil {
		t.Fatal(err)
	}
	offeredFor := map[string][]string{}
	for _, a := range p.Actions {
		if a.Source != "Suggested" {
			offeredFor[a.Title] = append(offeredFor[a.Title], a.Entry)
		}
		if a.Entry == "Budget control" && a.Title == "Project Assignments" {
			t.Errorf("Project Assignments offered for Budget control (%s)", a.KindName)
		}
	}
	if got := offeredFor["Negotiating and Influencing"]; len(got) != 1 || got[0] != "Negotiation" && got[0] != "Influence" {
		t.Errorf("Negotiating and Influencing offered for %q, want once, for Negotiation or Influence", got)
	}
	for _, a := range p.Actions {
		if a.Title == "Negotiating and Influencing" && a.Kind != plan.FromOthers {
			t.Errorf("Negotiating and Influencing is %s, want learning from others", a.KindName)
		}
	}
}

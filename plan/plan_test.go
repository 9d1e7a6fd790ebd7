package plan_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/composetest"
	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

var planDate = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)

// defaultPlan is the default run's PDP: data engineer, Mid to Senior.
func defaultPlan(t *testing.T) (*compose.Context, *doc.Document) {
	t.Helper()
	cfg, lib := composetest.Default(t)
	return renderPlan(t, cfg, lib, cfg.Role, cfg.PDP.From)
}

const corpus = "../../shared/corpus/ddat"

// corpusPlan is a PDP for a DDaT role imported from the corpus: data
// scientist to lead data scientist, the framework role used as it is.
func corpusPlan(t *testing.T) (*compose.Context, *doc.Document) {
	t.Helper()
	fw := composetest.ImportPages(t, filepath.Join(corpus, "data-data-scientist-*.md"), "ddat-data") // beside the embedded ddat
	cfg, lib := composetest.Default(t, fw)
	cfg.PDP.From, cfg.PDP.To = "data-scientist", "lead-data-scientist"
	return renderPlan(t, cfg, lib, "ddat-data/data-scientist", "data-scientist")
}

func renderPlan(t *testing.T, cfg *config.Config, lib *compose.Library, role, level string) (*compose.Context, *doc.Document) {
	t.Helper()
	ctx, err := plan.NewContext(context.Background(), cfg, lib, role, level, planDate)
	if err != nil {
		t.Fatal(err)
	}
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := render.LookupKinds([]string{"pdp"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.Document(context.Background(), kinds[0], kinds[0].Documents(ctx)[0].Context)
	if err != nil {
		t.Fatal(err)
	}
	return ctx, d
}

// tableRows returns every body row of every table, as plain text cells.
func tableRows(d *doc.Document) [][]string {
	var out [][]string
	for _, b := range d.Blocks {
		tb, ok := b.(*doc.Table)
		if !ok {
			continue
		}
		for _, r := range tb.Rows {
			cells := make([]string, len(r))
			for i, c := range r {
				cells[i] = doc.PlainText(c.Text)
			}
			out = append(out, cells)
		}
	}
	return out
}

// repeated returns a run of two words or more said twice in a row ("Lead
// data scientist Lead data scientist"), or "".
func repeated(s string) string {
	w := strings.Fields(strings.NewReplacer(",", " ,", ":", " :").Replace(s))
	for n := 2; n <= len(w)/2; n++ {
		for i := 0; i+2*n <= len(w); i++ {
			a, b := strings.Join(w[i:i+n], " "), strings.Join(w[i+n:i+2*n], " ")
			if strings.EqualFold(a, b) && strings.Trim(a, " ,:") != "" {
				return a
			}
		}
	}
	// "Data scientist, Data scientist": a title then itself after a comma
	parts := strings.Split(s, ", ")
	for i := 1; i < len(parts); i++ {
		if strings.EqualFold(strings.TrimSpace(parts[i-1]), strings.TrimSpace(parts[i])) && strings.Contains(parts[i], " ") {
			return parts[i]
		}
	}
	return ""
}

// tableHeaded returns the first table whose first header cell reads
// first, or nil.
func tableHeaded(d *doc.Document, first string) *doc.Table {
	for _, b := range d.Blocks {
		if tb, ok := b.(*doc.Table); ok && len(tb.Header) > 0 && doc.PlainText(tb.Header[0].Text) == first {
			return tb
		}
	}
	return nil
}

// cells is a table row as plain text.
func cells(r []doc.Cell) []string {
	out := make([]string, len(r))
	for i, c := range r {
		out[i] = doc.PlainText(c.Text)
	}
	return out
}

func TestPlanIsUsableAsItIs(t *testing.T) {
	for _, tc := range planCases() {
		t.Run(tc.name, func(t *testing.T) {
			ctx, d := tc.plan(t)
			p := plan.Of(ctx)
			rows := tableRows(d)
			if len(p.Ranked) == 0 {
				t.Fatal("nothing changes")
			}

			// The summary names the biggest changes (five to eight, or
			// all when fewer change), largest first, each with what is
			// new as something to do.
			if n := len(p.Biggest); n > 8 || n < min(5, len(p.Ranked)) {
				t.Errorf("%d biggest changes in the summary, want 5 to 8", n)
			}
			big := tableHeaded(d, "Change")
			if big == nil || len(big.Rows) != len(p.Biggest) {
				t.Fatalf("no table of the %d biggest changes", len(p.Biggest))
			}
			for i, r := range big.Rows {
				c := cells(r)
				e := p.Biggest[i]
				if c[0] != e.Name || c[1] == "" || c[2] != e.GapLabel {
					t.Errorf("biggest change %d: row %q, want %q with its brief and gap %s", i+1, c, e.Name, e.GapLabel)
				}
				if i > 0 && e.Gap > p.Biggest[i-1].Gap {
					t.Errorf("biggest changes not largest first: %q (%s) after %q (%s)", e.Name, e.GapLabel, p.Biggest[i-1].Name, p.Biggest[i-1].GapLabel)
				}
			}

			// Then the changes in order of size: one row each, or, for a
			// large move, one row per group.
			if p.Large != (len(p.Ranked) > plan.LargeMove) {
				t.Errorf("large = %v with %d changes", p.Large, len(p.Ranked))
			}
			if p.Large {
				groups := tableHeaded(d, "Group")
				if groups == nil || len(groups.Rows) != len(p.ByGroup) {
					t.Fatalf("a large move of %d changes is not summarised by group", len(p.Ranked))
				}
				named := 0
				for _, g := range p.ByGroup {
					named += len(g.Names)
				}
				if named != len(p.Ranked) {
					t.Errorf("the groups name %d changes, %d change", named, len(p.Ranked))
				}
				// An action to agree at a review is due at that review,
				// not at the end of the plan.
				for _, a := range p.Actions {
					for _, r := range p.Reviews {
						if strings.Contains(strings.ToLower(a.Title), "at the "+strings.ToLower(r.Name)) && a.By != r.DateLong {
							t.Errorf("action %q is due %s, not at the %s (%s)", a.Title, a.By, r.Name, r.DateLong)
						}
					}
				}
			} else {
				changes := tableHeaded(d, "Entry")
				if changes == nil || len(changes.Rows) != len(p.Ranked) {
					t.Fatalf("the list of changes has no row for each of the %d changes", len(p.Ranked))
				}
				for i, r := range changes.Rows {
					c := cells(r)
					if c[0] != p.Ranked[i].Name || c[2] != p.Ranked[i].GapLabel || c[1] == "" {
						t.Errorf("change %d: row %q, want %q, gap %s", i+1, c, p.Ranked[i].Name, p.Ranked[i].GapLabel)
					}
				}
				// Every changed entry has an action naming it, with
				// evidence and a date.
				acted := map[string]bool{}
				for _, r := range rows {
					if len(r) == 4 && r[2] != "" && strings.Contains(r[3], "20") {
						acted[strings.SplitN(r[0], " ", 2)[0]] = true
						for _, e := range p.Ranked {
							if strings.HasPrefix(r[0], e.Name) {
								acted[e.Name] = true
							}
						}
					}
				}
				for _, e := range p.Ranked {
					if !acted[e.Name] {
						t.Errorf("changed entry %q has no action naming it", e.Name)
					}
				}
			}
			for _, e := range p.Ranked {
				if e.Sentence == "" || !strings.Contains(e.Sentence, " at "+p.TargetLevel+": ") {
					t.Errorf("changed entry %q has no plain sentence: %q", e.Title, e.Sentence)
				}
			}

			// Three drafted objectives or more (one a change, for a move
			// that changes less), each an instruction with evidence and a
			// date, the dates spread over the period.
			if want := min(3, len(p.Ranked)); len(p.Objectives) < want {
				t.Errorf("%d objectives, want at least %d", len(p.Objectives), want)
			}
			for _, o := range p.Objectives {
				found := false
				for _, r := range rows {
					if len(r) == 4 && r[0] == strconv.Itoa(o.Number) && strings.HasPrefix(r[1], o.Entry+": ") && strings.HasSuffix(r[1], o.What) && r[2] != "" && r[3] == o.By {
						found = true
					}
				}
				if !found {
					t.Errorf("objective %d (%s) has no row with its entry, evidence and date", o.Number, o.Entry)
				}
				if strings.HasPrefix(o.What, "Meet the") || o.What[:1] != strings.ToUpper(o.What[:1]) {
					t.Errorf("objective %d is not an instruction: %q", o.Number, o.What)
				}
			}
			if last := p.Objectives[len(p.Objectives)-1]; last.Due != p.End {
				t.Errorf("the last objective is due %s, not at the end of the plan (%s)", last.Due, p.End)
			}

			// Review dates come from the plan date and the period (12
			// months), with a row to sign at each and when the plan is
			// agreed.
			if len(p.Reviews) != 2 || p.Reviews[0].Date != "2026-10-01" || p.Reviews[1].Date != "2027-04-01" {
				t.Errorf("reviews %+v, want 2026-10-01 and 2027-04-01", p.Reviews)
			}
			reviewRows := 0
			for _, r := range rows {
				if len(r) == 4 && r[1] == "" && (strings.HasSuffix(r[0], " 1 April 2026") || strings.HasSuffix(r[0], " 1 October 2026") || strings.HasSuffix(r[0], " 1 April 2027")) {
					reviewRows++
				}
			}
			if reviewRows != 3 {
				t.Errorf("%d review and sign-off rows, want 3", reviewRows)
			}

			// No title said twice.
			for _, b := range d.Blocks {
				var s string
				switch b := b.(type) {
				case *doc.Heading:
					s = doc.PlainText(b.Text)
				case *doc.Paragraph:
					s = doc.PlainText(b.Text)
				}
				if r := repeated(s); r != "" {
					t.Errorf("%q repeats %q", s, r)
				}
			}
			for _, r := range rows {
				if len(r) == 2 {
					if rep := repeated(r[1]); rep != "" {
						t.Errorf("about row %q repeats %q", r[1], rep)
					}
				}
			}

			// New words are marked: bold, and <ins> in HTML.
			if !p.Large {
				inserted := 0
				for _, b := range d.Blocks {
					if tb, ok := b.(*doc.Table); ok {
						for _, r := range tb.Rows {
							for _, c := range r {
								for _, in := range c.Text {
									if in.Style&doc.Inserted != 0 && in.Style&doc.Bold != 0 {
										inserted++
									}
								}
							}
						}
					}
				}
				if inserted == 0 {
					t.Error("no words marked new")
				}
			}

			// The chart shows the summary's biggest changes, each bar's
			// value the gap the summary states.
			var chart *doc.Chart
			for _, b := range d.Blocks {
				if c, ok := b.(*doc.Chart); ok {
					chart = c
				}
			}
			if chart == nil {
				t.Fatal("no chart")
			}
			if len(chart.Bars) != len(p.Biggest) {
				t.Errorf("%d bars, %d biggest changes", len(chart.Bars), len(p.Biggest))
			}
			for i, bar := range chart.Bars {
				if i < len(p.Biggest) && (bar.Label != p.Biggest[i].Name || chart.ValueName(bar.Values[0]) != p.Biggest[i].GapLabel) {
					t.Errorf("bar %q is %s; the summary says %q is %s", bar.Label, chart.ValueName(bar.Values[0]), p.Biggest[i].Name, p.Biggest[i].GapLabel)
				}
			}
			if !strings.Contains(chart.Alt, p.CurrentName) || !strings.Contains(chart.Alt, p.TargetName) {
				t.Errorf("alt text does not name the move: %q", chart.Alt)
			}
		})
	}
}

// TestPlanAnnex: pdp.annex appends every entry the target expects, now
// and at the target side by side; without it the plan lists only what
// changes.
func TestPlanAnnex(t *testing.T) {
	for _, annex := range []bool{false, true} {
		ctx, d := defaultPlanFrom(t, "mid", "senior", annex)
		var heading bool
		for _, b := range d.Blocks {
			if h, ok := b.(*doc.Heading); ok && strings.HasPrefix(doc.PlainText(h.Text), "Annex") {
				heading = true
			}
		}
		if heading != annex {
			t.Errorf("annex %v: annex heading %v", annex, heading)
		}
		side := map[string]bool{}
		for _, r := range tableRows(d) {
			if len(r) == 4 && (strings.HasPrefix(r[1], "Not asked for now") || strings.Contains(r[3], "gap:") || r[3] == "Unchanged") {
				side[r[0]] = true
			}
		}
		for _, e := range plan.Of(ctx).Entries {
			if side[e.Name] != annex {
				t.Errorf("annex %v: %q side by side %v", annex, e.Name, side[e.Name])
			}
		}
	}
	for _, bad := range []string{"pdp: {annex: maybe}\n", "pdp: {annex: [true]}\n"} {
		if _, err := config.LoadConfig("c.yaml", []byte(bad)); err == nil || !strings.Contains(err.Error(), "c.yaml:1") {
			t.Errorf("%q: err = %v, want one naming the line", bad, err)
		}
	}
}

func TestPlanChangesInWords(t *testing.T) {
	for _, tc := range []struct {
		cur, tgt []string
		want     plan.Change
	}{
		{[]string{"Can use data visualisation libraries such as plotly to generate interactive data visualisations."},
			[]string{"Can use data visualisation platforms such as power bi to create dashboards to show related visualisations on single applications."}, plan.ChangeDifferent},
		{[]string{"Independently create and deploy containers."},
			[]string{"Independently create and deploy containers.", "Lead the development of containerisation policies."}, plan.ChangeStronger},
		{[]string{"Works well in a team."}, []string{"works well in a team"}, plan.ChangeUnchanged},
		{nil, []string{"Sets the containerisation policy for other teams."}, plan.ChangeNew},
	} {
		cur := &compose.Composed{Title: "R", Rung: config.Rung{Label: "Mid"}}
		if tc.cur != nil {
			cur.Items = []*compose.Item{{Kind: "skill", Title: "S", Descriptors: tc.cur}}
		}
		tgt := &compose.Composed{Title: "R", Rung: config.Rung{Label: "Senior"}, Items: []*compose.Item{{Kind: "skill", Title: "S", Descriptors: tc.tgt}}}
		p, err := plan.New(&config.Config{}, cur, tgt, planDate)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Entries[0].Change; got != tc.want {
			t.Errorf("%q -> %q: %s, want %s", tc.cur, tc.tgt, got, tc.want)
		}
		if tc.want == plan.ChangeNew && p.Entries[0].Sentence != "New at Senior: sets the containerisation policy for other teams." {
			t.Errorf("sentence %q", p.Entries[0].Sentence)
		}
	}
	spans := wording.MarkNew("Lead the development of containerisation policies and best practices", []string{"Implement containerisation policies."})
	var marked []string
	for _, s := range spans {
		if s.New {
			marked = append(marked, s.Text)
		}
	}
	if strings.Join(marked, "|") != "Lead the development of|and best practices" {
		t.Errorf("marked %q", marked)
	}
}

func TestPlanPeriod(t *testing.T) {
	for _, tc := range []struct {
		period string
		want   []string
		err    bool
	}{
		{"", []string{"2026-10-01", "2027-04-01"}, false},
		{"6 months", []string{"2026-07-01", "2026-10-01"}, false},
		{"April 2026 to March 2027", []string{"2026-09-30", "2027-03-31"}, false},
		{"next year", nil, true},
	} {
		cfg := &config.Config{PDP: config.PDPConfig{Period: tc.period}}
		c := &compose.Composed{Title: "R"}
		p, err := plan.New(cfg, c, c, planDate)
		if tc.err {
			if err == nil || !strings.Contains(err.Error(), "pdp.period") {
				t.Errorf("%q: error %v", tc.period, err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range p.Reviews {
			got = append(got, r.Date)
		}
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%q: reviews %v, want %v", tc.period, got, tc.want)
		}
	}
}

// Actions come from the frameworks first, then the organisation's
// catalogue, then built-in suggestions.
func TestPlanActionSources(t *testing.T) {
	cfg, err := config.LoadConfig("config.yaml", []byte(string(rolepack.DefaultConfig)+`
development:
  activities:
    - {kind: course, title: Kubernetes for platform engineers, skills: [Build containers and Helm charts], effort: 3 days}
    - {kind: others, title: Coaching circle, skills: [Nothing here]}
`))
	if err != nil {
		t.Fatal(err)
	}
	fws, _ := defaults.Frameworks()
	lib, _ := compose.NewLibrary(fws...)
	ctx, err := plan.NewContext(context.Background(), cfg, lib, "data-engineer", "mid", planDate)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range plan.Of(ctx).Actions {
		got[a.Entry+"/"+string(a.Kind)] = a.Source + ": " + a.Title
	}
	if got["Build containers and Helm charts/course"] != "Organisation catalogue: Kubernetes for platform engineers" {
		t.Errorf("catalogue course not used: %q", got["Build containers and Helm charts/course"])
	}
	if s := got["Build containers and Helm charts/others"]; !strings.HasPrefix(s, "Suggested: ") {
		t.Errorf("an unmatched catalogue entry was used: %q", s)
	}

	ctx, err = compose.NewContext(cfg, lib, "data-engineer", "head", planDate)
	if err != nil {
		t.Fatal(err)
	}
	cfg.PDP.From, cfg.PDP.To = "senior", "head"
	if err := plan.Add(context.Background(), ctx); err != nil {
		t.Fatal(err)
	}
	framework := 0
	for _, a := range plan.Of(ctx).Actions {
		if strings.HasPrefix(a.Source, "National Competency Framework") {
			framework++
			if a.Title == "Management Development" {
				t.Errorf("%q matched %q on a generic word", a.Title, a.Entry)
			}
		}
	}
	if framework == 0 {
		t.Error("no action from the framework's training and development entries")
	}
}

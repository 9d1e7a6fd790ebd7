package compose_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/render"
)

var planDate = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)

// defaultPlan is the default run's PDP: data engineer, Mid to Senior.
func defaultPlan(t *testing.T) (*compose.Context, *doc.Document) {
	t.Helper()
	cfg, err := compose.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(fws...)
	if err != nil {
		t.Fatal(err)
	}
	return renderPlan(t, cfg, lib, cfg.Role, cfg.PDP.From)
}

const corpus = "../../shared/corpus/ddat"

// corpusPlan is a PDP for a DDaT role imported from the corpus: data
// scientist to lead data scientist, the framework role used as it is.
func corpusPlan(t *testing.T) (*compose.Context, *doc.Document) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(corpus, "data-data-scientist-*.md"))
	if len(paths) == 0 {
		t.Skip("corpus not present at " + corpus)
	}
	fw, _, err := importer.Import(paths, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fw.ID = "ddat-data" // beside the embedded ddat
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(append(fws, fw)...)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := compose.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	cfg.PDP.From, cfg.PDP.To = "data-scientist", "lead-data-scientist"
	return renderPlan(t, cfg, lib, "ddat-data/data-scientist", "data-scientist")
}

func renderPlan(t *testing.T, cfg *compose.Config, lib *compose.Library, role, level string) (*compose.Context, *doc.Document) {
	t.Helper()
	ctx, err := compose.NewContext(cfg, lib, role, level, planDate, true)
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

// entryCode is a framework code after an entry's title in a plan row.
var entryCode = regexp.MustCompile(` \([A-Z]+\d+(\.\d+)*\)$`)

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

func TestPlanIsUsableAsItIs(t *testing.T) {
	for _, tc := range []struct {
		name string
		plan func(*testing.T) (*compose.Context, *doc.Document)
	}{{"default data engineer Mid to Senior", defaultPlan}, {"corpus data scientist to lead data scientist", corpusPlan}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, d := tc.plan(t)
			p := ctx.PDP
			rows := tableRows(d)
			rowOf := map[string][]string{}
			for _, r := range rows {
				// A behaviour's row names its code after its title:
				// "Delivering outcomes (B1.1)".
				title := entryCode.ReplaceAllString(r[0], "")
				if _, ok := rowOf[title]; !ok && len(r) == 4 {
					rowOf[title] = r
				}
			}

			// Every entry the target role expects is there, current and
			// target side by side.
			n := 0
			for _, it := range p.Target.Items {
				if it.Kind == "training" || it.Kind == "development" {
					continue
				}
				n++
				r, ok := rowOf[it.Title]
				if !ok {
					t.Errorf("%s %q of the target role has no row", it.Kind, it.Title)
					continue
				}
				if len(it.Descriptors) > 0 && !strings.Contains(r[2], strings.Fields(it.Descriptors[0])[1]) {
					t.Errorf("%q: target cell %q lacks its descriptor %q", it.Title, r[2], it.Descriptors[0])
				}
			}
			if n == 0 || len(p.Entries) != n {
				t.Errorf("%d entries in the plan, %d in the target role", len(p.Entries), n)
			}

			// Every changed entry has an action naming it, with evidence
			// and a date.
			acted := map[string]bool{}
			for _, r := range rows {
				if len(r) == 5 && r[0] != "" && r[3] != "" && strings.Contains(r[4], "20") {
					acted[r[0]] = true
				}
			}
			changed := 0
			for _, e := range p.Entries {
				if !e.Changed() {
					continue
				}
				changed++
				if !acted[e.Title] {
					t.Errorf("changed entry %q has no action naming it", e.Title)
				}
				if e.Sentence == "" || !strings.Contains(e.Sentence, " at "+p.TargetLevel+": ") {
					t.Errorf("changed entry %q has no plain sentence: %q", e.Title, e.Sentence)
				}
			}
			if changed == 0 {
				t.Fatal("nothing changes")
			}

			// Three drafted objectives or more, each with evidence and a date.
			if len(p.Objectives) < 3 {
				t.Errorf("%d objectives, want at least 3", len(p.Objectives))
			}
			for _, o := range p.Objectives {
				found := false
				for _, r := range rows {
					if len(r) == 5 && r[0] == strconv.Itoa(o.Number) && r[1] == o.What && strings.Contains(r[1], o.Entry) && r[2] != "" && r[3] == "1 April 2027" {
						found = true
					}
				}
				if !found {
					t.Errorf("objective %d (%s) has no row with its entry, evidence and the end date", o.Number, o.Entry)
				}
			}

			// Review dates come from the plan date and the period (12 months).
			if len(p.Reviews) != 2 || p.Reviews[0].Date != "2026-10-01" || p.Reviews[1].Date != "2027-04-01" {
				t.Errorf("reviews %+v, want 2026-10-01 and 2027-04-01", p.Reviews)
			}
			reviewRows := 0
			for _, r := range rows {
				if len(r) == 4 && (r[1] == "1 October 2026" || r[1] == "1 April 2027") {
					reviewRows++
				}
			}
			if reviewRows != 2 {
				t.Errorf("%d review rows with their dates, want 2", reviewRows)
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

			// The chart's data equals the table's: one bar per changed
			// entry, its value the gap the entry's row states.
			var chart *doc.Chart
			for _, b := range d.Blocks {
				if c, ok := b.(*doc.Chart); ok {
					chart = c
				}
			}
			if chart == nil {
				t.Fatal("no chart")
			}
			if len(chart.Bars) != min(changed, 20) {
				t.Errorf("%d bars, %d changed entries", len(chart.Bars), changed)
			}
			for _, bar := range chart.Bars {
				r, ok := rowOf[bar.Label]
				if !ok {
					t.Errorf("bar %q has no row", bar.Label)
					continue
				}
				if want := "Gap: " + chart.ValueName(bar.Values[0]); !strings.HasSuffix(r[3], want) {
					t.Errorf("bar %q is %q; its row says %q", bar.Label, want, r[3])
				}
			}
			if !strings.Contains(chart.Alt, p.CurrentName) || !strings.Contains(chart.Alt, p.TargetName) {
				t.Errorf("alt text does not name the move: %q", chart.Alt)
			}
		})
	}
}

func TestPlanChangesInWords(t *testing.T) {
	for _, tc := range []struct {
		cur, tgt []string
		want     compose.Change
	}{
		{[]string{"Can use data visualisation libraries such as plotly to generate interactive data visualisations."},
			[]string{"Can use data visualisation platforms such as power bi to create dashboards to show related visualisations on single applications."}, compose.ChangeDifferent},
		{[]string{"Independently create and deploy containers."},
			[]string{"Independently create and deploy containers.", "Lead the development of containerisation policies."}, compose.ChangeStronger},
		{[]string{"Works well in a team."}, []string{"works well in a team"}, compose.ChangeUnchanged},
		{nil, []string{"Sets the containerisation policy for other teams."}, compose.ChangeNew},
	} {
		cur := &compose.Composed{Title: "R", Rung: compose.Rung{Label: "Mid"}}
		if tc.cur != nil {
			cur.Items = []*compose.Item{{Kind: "skill", Title: "S", Descriptors: tc.cur}}
		}
		tgt := &compose.Composed{Title: "R", Rung: compose.Rung{Label: "Senior"}, Items: []*compose.Item{{Kind: "skill", Title: "S", Descriptors: tc.tgt}}}
		p, err := compose.NewPlan(&compose.Config{}, cur, tgt, planDate)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Entries[0].Change; got != tc.want {
			t.Errorf("%q -> %q: %s, want %s", tc.cur, tc.tgt, got, tc.want)
		}
		if tc.want == compose.ChangeNew && p.Entries[0].Sentence != "New at Senior: sets the containerisation policy for other teams." {
			t.Errorf("sentence %q", p.Entries[0].Sentence)
		}
	}
	spans := compose.MarkNew("Lead the development of containerisation policies and best practices", []string{"Implement containerisation policies."})
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
		cfg := &compose.Config{PDP: compose.PDPConfig{Period: tc.period}}
		c := &compose.Composed{Title: "R"}
		p, err := compose.NewPlan(cfg, c, c, planDate)
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
	cfg, err := compose.LoadConfig("config.yaml", []byte(string(rolepack.DefaultConfig)+`
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
	ctx, err := compose.NewContext(cfg, lib, "data-engineer", "mid", planDate, true)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range ctx.PDP.Actions {
		got[a.Entry+"/"+string(a.Kind)] = a.Source + ": " + a.Title
	}
	if got["Build containers and Helm charts/course"] != "Organisation catalogue: Kubernetes for platform engineers" {
		t.Errorf("catalogue course not used: %q", got["Build containers and Helm charts/course"])
	}
	if s := got["Build containers and Helm charts/others"]; !strings.HasPrefix(s, "Suggested: ") {
		t.Errorf("an unmatched catalogue entry was used: %q", s)
	}

	ctx, err = compose.NewContext(cfg, lib, "data-engineer", "head", planDate, false)
	if err != nil {
		t.Fatal(err)
	}
	cfg.PDP.From, cfg.PDP.To = "senior", "head"
	if err := compose.AddPlan(ctx, cfg, lib, "data-engineer", "head", planDate); err != nil {
		t.Fatal(err)
	}
	framework := 0
	for _, a := range ctx.PDP.Actions {
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

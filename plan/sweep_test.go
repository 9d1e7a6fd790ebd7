package plan_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/composetest"
	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/output/pdf"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

// move is one adjacent move of a corpus role.
type move struct{ role, from, to string }

// corpusMoves lists every move one level up of every corpus role with two
// levels or more in use, in the framework's order.
func corpusMoves(t *testing.T) (*compose.Library, []move, func(m move) (*compose.Context, *doc.Document, error)) {
	t.Helper()
	fw := composetest.ImportPages(t, filepath.Join(corpus, "*.md"), "corpus")
	cfg, lib := composetest.Default(t, fw)
	var moves []move
	for _, r := range fw.Roles {
		var levels []string
		for _, l := range r.Levels {
			if !l.Retired {
				levels = append(levels, l.ID)
			}
		}
		for i := 0; i+1 < len(levels); i++ {
			moves = append(moves, move{"corpus/" + r.ID, levels[i], levels[i+1]})
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
	build := func(m move) (*compose.Context, *doc.Document, error) {
		c := *cfg
		c.PDP.From, c.PDP.To = m.from, m.to
		ctx, err := plan.NewContext(context.Background(), &c, lib, m.role, m.from, planDate)
		if err != nil {
			return nil, nil, err
		}
		d, err := e.Document(context.Background(), kinds[0], kinds[0].Documents(ctx)[0].Context)
		return ctx, d, err
	}
	return lib, moves, build
}

// frameOf is an action's text and evidence with its entry's own words left out (its
// name and the words of its descriptors at both levels, by stem), lower
// case: what is left is the sentence frame the action is written in.
func frameOf(a *plan.Action, e *plan.PlanEntry) string {
	own := map[string]bool{}
	for _, s := range append(append([]string{a.Entry}, e.Target...), e.Current...) {
		for _, w := range strings.Fields(s) {
			own[frameStem(w)] = true
		}
	}
	var kept []string
	for _, w := range strings.Fields(a.Title + " " + a.Evidence) {
		if k := frameStem(w); k != "" && !own[k] {
			kept = append(kept, k)
		}
	}
	return strings.Join(kept, " ")
}

func frameStem(w string) string {
	k := wording.WordKey(w)
	if len(k) > 5 {
		k = k[:5]
	}
	return k
}

// actionClashes lists the plan's actions that say the same apart from
// their entry's name, or share a sentence frame with another entry's
// with only the entry's own words swapped (for a large move's action for
// a group: its name and count).
func actionClashes(p *plan.Plan) []string {
	var out []string
	entry := map[string]*plan.PlanEntry{}
	for _, e := range p.Entries {
		entry[e.Name] = e
	}
	said := map[string]string{}
	frames := map[string]string{}
	for _, a := range p.Actions {
		text := strings.ToLower(strings.ReplaceAll(a.Title+" "+a.Focus, a.Entry, ""))
		if prev, ok := said[text]; ok {
			out = append(out, fmt.Sprintf("actions for %q and %q say the same: %q", prev, a.Entry, a.Title))
		}
		said[text] = a.Entry
		f := ""
		if e := entry[a.Entry]; e != nil && a.Source == "Suggested" {
			f = frameOf(a, e)
		} else if m := groupEntry.FindStringSubmatch(a.Entry); m != nil {
			f = groupFrame.ReplaceAllString(strings.ReplaceAll(strings.ToLower(a.Title), strings.ToLower(m[1]), ""), "")
		} else {
			continue
		}
		if prev, ok := frames[f]; ok && prev != a.Entry {
			out = append(out, fmt.Sprintf("actions for %q and %q share a frame %q: %q", prev, a.Entry, f, a.Title))
		}
		frames[f] = a.Entry
	}
	return out
}

var (
	groupEntry = regexp.MustCompile(`^(.+) \(\d+ more\)$`)
	groupFrame = regexp.MustCompile(`\d+`)
)

// TestCorpusPlanActions builds the PDP of every adjacent move of every
// corpus role and checks what a line manager reads in it (issue 26): no
// two actions say the same once the entry's name is taken out, no two
// entries' actions share a sentence frame once the entry's own words are
// taken out, every action names something concrete to do, the document
// has no grammar finding and no framework code, its objectives fall due
// on three dates or more (where three entries change), and it is at most
// 8 A4 pages. PLAN_DUMP=1 logs every action and objective.
func TestCorpusPlanActions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a PDP for every corpus move")
	}
	_, moves, build := corpusMoves(t)
	all, err := lint.NewRules(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rules := all.Only(lint.Grammar, lint.RepeatedWord)
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	dump := os.Getenv("PLAN_DUMP") != ""
	for _, m := range moves {
		id := fmt.Sprintf("%s %s to %s", m.role, m.from, m.to)
		ctx, d, err := build(m)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		p := plan.Of(ctx)
		for _, msg := range actionClashes(p) {
			t.Errorf("%s: %s", id, msg)
		}
		if dump {
			for _, a := range p.Actions {
				t.Logf("%s | %s | %s | %s | %s", id, a.Entry, a.KindName, a.Title, a.Evidence)
			}
			for _, o := range p.Objectives {
				t.Logf("%s | objective %d | %s | %s | %s | %s", id, o.Number, o.Entry, o.What, o.Evidence, o.Due)
			}
		}
		dates := map[string]bool{}
		for _, o := range p.Objectives {
			dates[o.Due] = true
			if strings.HasPrefix(o.What, "Meet the ") {
				t.Errorf("%s: objective %d copies its descriptor: %q", id, o.Number, o.What)
			}
		}
		if want := min(3, len(p.Ranked)); len(dates) < want {
			t.Errorf("%s: objectives due on %d dates, want %d or more", id, len(dates), want)
		}
		// The plan's own sentences: its objectives and actions (the
		// list of changes quotes the framework as it is written).
		for _, f := range lint.CheckDocument("pdp.md", d, rules) {
			if (f.Category == lint.Grammar || f.Category == lint.RepeatedWord) &&
				(strings.HasPrefix(f.Place, "Objectives") || strings.HasPrefix(f.Place, "Development actions")) {
				t.Errorf("%s: %s: %s", id, f.Place, f.Message)
			}
		}
		for _, s := range docText(d) {
			if c := codePattern.FindString(s); c != "" {
				t.Errorf("%s: framework code %s printed in %q", id, c, s)
			}
		}
		tr, err := w.Layout(d)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		if dump {
			t.Logf("%s | pages %d", id, len(tr.Pages))
		}
		if n := len(tr.Pages); n > 8 {
			t.Errorf("%s: %d pages, want at most 8", id, n)
		}
	}
	t.Logf("%d moves", len(moves))
}

// TestPlanActionsEveryShape: descriptors of every shape compose/wording
// reads (compose/testdata/awkward's, a qualification, a way of
// learning) give actions and objectives that pass lint's grammar check,
// name the change, and share no frame.
func TestPlanActionsEveryShape(t *testing.T) {
	descs := []string{
		"Can explain complex findings to non-specialist audiences.",
		"responsible for the quality of the team's published statistics",
		"knowledge of statistical disclosure control",
		"is able to prioritise competing requests from several services",
		"understands the principles of data protection and information governance",
		"has experience of managing small analytical projects",
		"take ownership of the analysis plan and reports progress to the service lead",
		"You will mentor junior analysts and reviews their work.",
		"Be inquisitive.",
		"working knowledge of SQL and R",
		"have strong communication skills and engage senior stakeholders",
		"an awareness of Bayesian methods",
		"spend time shadowing data engineers to learn how data is produced",
		"Understanding of accessibility standards for charts.",
		"You have created a team of leaders.",
		"Strategic oversight of containerisation strategies.",
		"Show you have a Level 3 service management framework qualification.",
	}
	cur := &compose.Composed{Title: "Insight analyst", Rung: config.Rung{Label: "Mid"}}
	tgt := &compose.Composed{Title: "Insight analyst", Rung: config.Rung{Label: "Senior"}}
	for i, d := range descs {
		tgt.Items = append(tgt.Items, &compose.Item{Kind: "skill", Title: fmt.Sprintf("Entry %c", 'A'+i), Descriptors: []string{d}})
	}
	p, err := plan.New(&config.Config{}, cur, tgt, planDate)
	if err != nil {
		t.Fatal(err)
	}
	all, err := lint.NewRules(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rules := all.Only(lint.Grammar, lint.RepeatedWord)
	var texts []lint.Text
	entry := map[string]*plan.PlanEntry{}
	for _, e := range p.Entries {
		entry[e.Name] = e
	}
	frames := map[string]string{}
	for _, a := range p.Actions {
		t.Logf("%s | %s | %s | %s", a.Entry, a.KindName, a.Title, a.Evidence)
		texts = append(texts, lint.Text{Kind: lint.Duty, Text: a.Title + "."}, lint.Text{Kind: lint.Prose, Text: a.Evidence + "."})
		if a.Title == "" || strings.Contains(a.Title, "  ") || strings.HasSuffix(a.Title, " ") {
			t.Errorf("%s: action %q", a.Entry, a.Title)
		}
		if f := frameOf(a, entry[a.Entry]); frames[f] != "" && frames[f] != a.Entry {
			t.Errorf("actions for %s and %s share the frame %q", frames[f], a.Entry, f)
		} else {
			frames[f] = a.Entry
		}
	}
	for _, o := range p.Objectives {
		t.Logf("objective %s | %s | %s", o.Entry, o.What, o.Evidence)
		texts = append(texts, lint.Text{Kind: lint.Duty, Text: o.What}, lint.Text{Kind: lint.Prose, Text: o.Evidence + "."})
	}
	for i := range texts {
		texts[i].Line, texts[i].Col = i+1, 1
	}
	for _, f := range lint.CheckTexts("pdp", texts, rules) {
		t.Errorf("%q: %s", texts[f.Line-1].Text, f.Message)
	}
	for _, a := range p.Actions {
		for _, bad := range []string{"how they spend time", "use an ", "use a Level", "Develop created", "skills in strategic"} {
			if strings.Contains(a.Title, bad) {
				t.Errorf("%s: %q says %q", a.Entry, a.Title, bad)
			}
		}
	}
}

// TestWelshPlanEvidenceFromCatalogue: in a Welsh plan the evidence of
// every action and objective is the catalogue's Welsh line, not an
// outcome or measure worded in English from the descriptor.
func TestWelshPlanEvidenceFromCatalogue(t *testing.T) {
	cfg, lib := composetest.Default(t)
	cfg.Language = "cy"
	ctx, err := plan.NewContext(context.Background(), cfg, lib, cfg.Role, cfg.PDP.From, planDate)
	if err != nil {
		t.Fatal(err)
	}
	cat := ctx.Messages()
	welsh := map[string]bool{}
	for _, k := range []string{"pdp.evidence.sessions", "pdp.evidence.course", "pdp.evidence.work", "pdp.evidence.agreed"} {
		welsh[cat.T(k)] = true
	}
	p := plan.Of(ctx)
	if len(p.Actions) == 0 || len(p.Objectives) == 0 {
		t.Fatal("no actions or objectives")
	}
	for _, a := range p.Actions {
		if !welsh[a.Evidence] {
			t.Errorf("%s: evidence %q is not the catalogue's", a.Entry, a.Evidence)
		}
	}
	for _, o := range p.Objectives {
		if !strings.HasPrefix(o.Evidence, strings.SplitN(cat.T("pdp.evidence.objective", ""), "%", 2)[0]) {
			t.Errorf("objective %d: evidence %q is not the catalogue's", o.Number, o.Evidence)
		}
	}
}

package plan_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/composetest"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/plan"
)

// englishUnits are the default plan's (Mid to Senior) units, composed in
// English as translate export composes them.
func englishUnits(t *testing.T) []compose.Unit {
	t.Helper()
	cfg, lib := composetest.Default(t)
	ctx, err := plan.NewContext(context.Background(), cfg, lib, cfg.Role, cfg.PDP.From, planDate)
	if err != nil {
		t.Fatal(err)
	}
	return plan.Of(ctx).Units()
}

// welshPlan is the default plan in Welsh with translations tr.
func welshPlan(t *testing.T, tr config.Translations) *plan.Plan {
	t.Helper()
	cfg, lib := composetest.Default(t)
	cfg.Language = "cy"
	cfg.Translated = map[string]config.Translations{"cy": tr}
	ctx, err := plan.NewContext(context.Background(), cfg, lib, cfg.Role, cfg.PDP.From, planDate)
	if err != nil {
		t.Fatal(err)
	}
	return plan.Of(ctx)
}

// unitOf is the unit whose id ends with suffix.
func unitOf(t *testing.T, us []compose.Unit, suffix string) compose.Unit {
	t.Helper()
	for _, u := range us {
		if strings.HasSuffix(u.ID, suffix) {
			return u
		}
	}
	t.Fatalf("no unit …%s", suffix)
	return compose.Unit{}
}

// TestPlanUnits: the plan's units are its framework text as printed, each
// id with one English text, the same ids on every run; each action is
// keyed by its entry and kind, and its English is the action as the
// table words it.
func TestPlanUnits(t *testing.T) {
	us := englishUnits(t)
	again := englishUnits(t)
	if !slices.EqualFunc(us, again, func(a, b compose.Unit) bool { return a.ID == b.ID && a.Source == b.Source && a.Note == b.Note }) {
		t.Error("two runs give different units")
	}
	seen := map[string]string{}
	for _, u := range us {
		if s, ok := seen[u.ID]; ok && s != u.Source {
			t.Errorf("unit %s has two texts: %q and %q", u.ID, s, u.Source)
		}
		seen[u.ID] = u.Source
		if strings.TrimSpace(u.Note) == "" || strings.TrimSpace(u.Source) == "" {
			t.Errorf("unit %s has no note or no text", u.ID)
		}
	}
	cfg, lib := composetest.Default(t)
	ctx, _ := plan.NewContext(context.Background(), cfg, lib, cfg.Role, cfg.PDP.From, planDate)
	p := plan.Of(ctx)
	var obj plan.Objective
	for _, o := range p.Objectives {
		if o.Entry == "Data catalogue" {
			obj = o
		}
	}
	if obj.What == "" {
		t.Fatal("no objective for Data catalogue in the default plan")
	}
	const at = "senior.skill-data-catalogue."
	if u := unitOf(t, us, at+"pdp-objective"); u.Source != obj.What || !strings.Contains(u.Note, "an objective in a development plan from Data engineer, Mid to Data engineer, Senior") {
		t.Errorf("objective unit %+v, the plan prints %q", u, obj.What)
	}
	for _, a := range p.Actions {
		if a.Entry != "Data catalogue" {
			continue
		}
		u := unitOf(t, us, at+"pdp-action-"+string(a.Kind))
		want := a.Title
		if a.Focus != "" {
			want += ", to " + a.Focus
		}
		if u.Source != want {
			t.Errorf("action unit %s is %q, the plan prints %q", u.ID, u.Source, want)
		}
	}
	unitOf(t, us, "skill-data-catalogue.title")
	unitOf(t, us, at+"d1.descriptor")
}

// TestWelshPlanTranslated: a Welsh plan gives an entry's name, brief and
// objective in Welsh when all three are translated, and English, all of
// them, when one is missing or stale; the descriptors of its list of
// changes are printed whole; the English left is listed.
func TestWelshPlanTranslated(t *testing.T) {
	us := englishUnits(t)
	name, brief, obj := unitOf(t, us, "skill-data-catalogue.title"), unitOf(t, us, "senior.skill-data-catalogue.pdp-brief"), unitOf(t, us, "senior.skill-data-catalogue.pdp-objective")
	var descs []compose.Unit // printed in one cell: Welsh together
	for _, u := range us {
		if strings.Contains(u.ID, "senior.skill-data-catalogue.d") && strings.HasSuffix(u.ID, ".descriptor") {
			descs = append(descs, u)
		}
	}
	job := unitOf(t, us, "senior.skill-data-catalogue.pdp-action-job")
	vis := unitOf(t, us, "skill-data-visualisation.title")
	tr := config.Translations{
		name.ID:  {Source: name.Source, Target: "Catalog data"},
		brief.ID: {Source: brief.Source, Target: "Arwain polisïau catalog data"},
		obj.ID:   {Source: obj.Source, Target: "Arwain y gwaith o ddatblygu polisïau catalog data."},
		job.ID:   {Source: "an English that is no more", Target: "Hen gyfieithiad"}, // stale
		vis.ID:   {Source: vis.Source, Target: "Delweddu data"},                     // its brief and objective are not
	}
	half := welshPlan(t, cloneWith(tr, descs[:1]))
	for _, e := range half.Entries {
		if e.Name == "Catalog data" && len(e.Shown) > 0 && len(e.Shown[0]) == 1 {
			t.Error("one descriptor of a cell is Welsh while the others printed with it are not")
		}
	}
	p := welshPlan(t, cloneWith(tr, descs))
	var got *plan.PlanEntry
	for _, e := range p.Entries {
		if e.Name == "Catalog data" {
			got = e
		}
		if e.Name == "Delweddu data" {
			t.Error("a name is Welsh while the brief and objective printed with it are English")
		}
	}
	if got == nil || got.Brief != "Arwain polisïau catalog data" {
		t.Fatalf("the entry's name and brief are not Welsh: %+v", got)
	}
	if len(got.Shown) == 0 || len(got.Shown[0]) != 1 || got.Shown[0][0].Text != "Cy "+descs[0].Source || !p.Unmarked() {
		t.Errorf("the translated descriptor is not printed whole: %+v", got.Shown)
	}
	found := false
	for _, o := range p.Objectives {
		if o.Entry == "Catalog data" {
			found = o.What == "Arwain y gwaith o ddatblygu polisïau catalog data."
		}
	}
	if !found {
		t.Error("the objective's entry and text are not Welsh together")
	}
	for _, a := range p.Actions {
		if a.Entry == "Catalog data" && a.Kind == plan.OnTheJob && a.Title == "Hen gyfieithiad" {
			t.Errorf("the stale action's translation is used: %+v", a)
		}
	}
	left := p.UntranslatedText()
	if !slices.Contains(left, job.Source) || slices.Contains(left, name.Source) || !slices.Contains(left, vis.Source) {
		t.Errorf("the English left is wrong (stale action listed %v, translated name listed %v, half-translated name listed %v)",
			slices.Contains(left, job.Source), slices.Contains(left, name.Source), slices.Contains(left, vis.Source))
	}
	if want := 3 + len(descs); p.TranslatedUnits() != want {
		t.Errorf("%d units translated, want %d (name, brief, objective, descriptors)", p.TranslatedUnits(), want)
	}
}

// cloneWith is tr with a translation "Cy …" of each unit of us.
func cloneWith(tr config.Translations, us []compose.Unit) config.Translations {
	out := config.Translations{}
	for k, v := range tr {
		out[k] = v
	}
	for _, u := range us {
		out[u.ID] = config.Translation{Source: u.Source, Target: "Cy " + u.Source}
	}
	return out
}

// benchWelshPlan builds the default plan in Welsh, with every unit
// translated when all is set (the cost of reading translations is the
// difference from the run with none).
func benchWelshPlan(b *testing.B, all bool) {
	cfg, lib := composetest.Default(b)
	tr := config.Translations{}
	if all {
		ctx, err := plan.NewContext(context.Background(), cfg, lib, cfg.Role, cfg.PDP.From, planDate)
		if err != nil {
			b.Fatal(err)
		}
		for _, u := range plan.Of(ctx).Units() {
			tr[u.ID] = config.Translation{Source: u.Source, Target: "Cy " + u.Source}
		}
	}
	cfg.Language = "cy"
	cfg.Translated = map[string]config.Translations{"cy": tr}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := plan.NewContext(context.Background(), cfg, lib, cfg.Role, cfg.PDP.From, planDate); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWelshPlanNoTranslations(b *testing.B) { benchWelshPlan(b, false) }
func BenchmarkWelshPlanTranslated(b *testing.B)     { benchWelshPlan(b, true) }

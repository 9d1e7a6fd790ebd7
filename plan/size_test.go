package plan_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/careermap"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/plan"
)

// catalogueRole is a config whose role r takes catalogue area of
// framework big (n skills, one per category) at two rungs, with the
// development activities given.
func catalogueRole(t *testing.T, n int, activities string) (*config.Config, *compose.Library) {
	t.Helper()
	cfg, err := config.LoadConfig("config.yaml", []byte(`
role: r
level: entry
ladder:
  - {id: entry, label: Entry}
  - {id: mid, label: Mid}
pdp: {from: entry, to: mid}
roles:
  r:
    title: Tester
    sources:
      - framework: big
        catalogue: area
        levels: {entry: entry, mid: mid}
development:
  activities: [`+activities+`]
`))
	if err != nil {
		t.Fatal(err)
	}
	cat := framework.Catalogue{ID: "area", Title: "Area",
		Levels: []framework.Level{{ID: "entry", Label: "Entry", Rank: 1}, {ID: "mid", Label: "Mid", Rank: 2}}}
	for i := range n {
		cat.Categories = append(cat.Categories, framework.Category{Title: fmt.Sprintf("Category %d", i),
			Skills: []framework.Skill{{Title: fmt.Sprintf("Skill %d", i), Levels: []framework.SkillLevel{
				{Level: "entry", Descriptors: []string{fmt.Sprintf("Basic understanding of gadget %d", i)}},
				{Level: "mid", Descriptors: []string{fmt.Sprintf("Proficiency in managing gadget %d across teams", i)}},
			}}}})
	}
	lib, err := compose.NewLibrary(&framework.Framework{ID: "big", Name: "Big", Format: "matrix", Catalogues: []framework.Catalogue{cat}})
	if err != nil {
		t.Fatal(err)
	}
	return cfg, lib
}

// TestPlanTooLarge: a target of more than MaxPlanEntries entries is one
// line naming the count and the limit, not minutes of rendering (issue
// 14: 60k categories ran out of memory).
func TestPlanTooLarge(t *testing.T) {
	cfg, lib := catalogueRole(t, config.MaxPlanEntries+1, "")
	_, err := plan.NewContext(context.Background(), cfg, lib, "r", "entry", planDate)
	if err == nil || !strings.Contains(err.Error(), "expects 2,001 entries; a PDP lists at most 2,000") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v", err)
	}
	cfg, lib = catalogueRole(t, config.MaxPlanEntries, "")
	if _, err := plan.NewContext(context.Background(), cfg, lib, "r", "entry", planDate); err != nil {
		t.Fatalf("a plan at the limit: %v", err)
	}
}

// TestPlanActivityOrder: with activities indexed by word, each gap still
// gets the first activity in the catalogue's order that serves it (of the
// kind asked for), one it names or one sharing a telling word.
func TestPlanActivityOrder(t *testing.T) {
	cfg, lib := catalogueRole(t, 12, `
    {kind: job, title: Widget secondment},
    {kind: course, title: Proficiency workshop},
    {kind: course, title: Managing clinic},
    {kind: others, title: Mentoring circle, skills: [Skill 2]},
    {kind: others, title: Proficiency network}`)
	ctx, err := plan.NewContext(context.Background(), cfg, lib, "r", "entry", planDate)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range plan.Of(ctx).Actions {
		seen[a.Title] = true
		switch {
		case a.Kind == plan.CourseStudy && a.Title != "Proficiency workshop":
			t.Errorf("%s: course %q, want the first that serves it, Proficiency workshop", a.Entry, a.Title)
		case a.Kind == plan.FromOthers && a.Entry == "Skill 2" && a.Title != "Mentoring circle":
			t.Errorf("Skill 2: %q, want the activity that names it", a.Title)
		case a.Kind == plan.FromOthers && a.Entry != "Skill 2" && a.Title != "Proficiency network":
			t.Errorf("%s: %q, want Proficiency network", a.Entry, a.Title)
		case a.Kind == plan.OnTheJob && a.Source != "Suggested":
			t.Errorf("%s: %q served by a word it does not have", a.Entry, a.Title)
		}
	}
	if !seen["Proficiency workshop"] || !seen["Mentoring circle"] || seen["Widget secondment"] || seen["Managing clinic"] {
		t.Errorf("activities used: %v", seen)
	}
}

// TestCareerMapTooLarge: a career map of more entries than a plan may
// list is refused in one line, as the PDP is.
func TestCareerMapTooLarge(t *testing.T) {
	cfg, lib := catalogueRole(t, config.MaxPlanEntries+1, "")
	_, err := careermap.New(context.Background(), cfg, lib, "r", "entry", planDate)
	if err == nil || !strings.Contains(err.Error(), "a career map lists at most 2,000") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v", err)
	}
	cfg, lib = catalogueRole(t, config.MaxPlanEntries, "")
	if _, err := careermap.New(context.Background(), cfg, lib, "r", "entry", planDate); err != nil {
		t.Fatalf("a career map at the limit: %v", err)
	}
}

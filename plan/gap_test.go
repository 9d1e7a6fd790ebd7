package plan_test

import (
	"context"
	"testing"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/plan"
)

// smallLibrary and smallConfig are compose's own test fixture (compose's
// compose_test.go): two frameworks, one role at three rungs.
func smallLibrary(t *testing.T) *compose.Library {
	t.Helper()
	a := &framework.Framework{ID: "a", Name: "Framework A", Roles: []framework.Role{{
		ID: "eng", Title: "Engineer", Family: "Data", Description: []string{"Builds things."},
		Levels: []framework.RoleLevel{
			{ID: "eng-senior", Title: "Senior engineer", Responsibilities: []string{"lead the team"}, Entries: []framework.Entry{
				{Kind: framework.KindSkill, Group: "Skills", Title: "Data modelling", Descriptors: []string{"model data"}, From: "a.txt:10"},
				{Kind: framework.KindBehaviour, Group: "Behaviours", Title: "Teamwork", Code: "B1.1", Level: "Level 5", Descriptors: []string{"works well"}, From: "a.txt:20"},
			}},
		},
	}}}
	b := &framework.Framework{ID: "b", Name: "Matrix B", Catalogues: []framework.Catalogue{{
		ID: "dm", Title: "Data management", Levels: []framework.Level{{ID: "mid", Label: "Mid"}, {ID: "senior", Label: "Senior"}},
		Categories: []framework.Category{{Title: "Modelling", Skills: []framework.Skill{
			{Title: "Data  Modelling.", Levels: []framework.SkillLevel{
				{Level: "mid", Descriptors: []string{"model with help"}, From: "b.md:5"},
				{Level: "senior", Descriptors: []string{"model alone", "review models"}, From: "b.md:9"},
			}},
			{Title: "Pipelines", Levels: []framework.SkillLevel{{Level: "senior", Descriptors: []string{"build pipelines"}, From: "b.md:20"}}},
		}}},
	}}}
	lib, err := compose.NewLibrary(a, b)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

const smallConfig = `
ladder: [{id: mid, label: Mid}, {id: senior, label: Senior}]
roles:
  eng:
    title: Engineer
    sources:
      - framework: a
        role: eng
        levels: {mid: none, senior: eng-senior}
      - framework: b
        catalogue: dm
        levels: {mid: mid, senior: senior}
    add:
      - {kind: qualification, title: A degree, essential: false}
      - {kind: skill, title: Only at mid, levels: [mid]}
    remove:
      - {kind: behaviour, title: teamwork, levels: [senior]}
`

func TestPlanGapBetweenLevels(t *testing.T) {
	cfg, _ := config.LoadConfig("cfg.yaml", []byte(smallConfig))
	lib := smallLibrary(t)
	cur, _ := compose.Compose(cfg, lib, "eng", "mid")
	tgt, _ := compose.Compose(cfg, lib, "eng", "senior")
	p, err := plan.New(cfg, cur, tgt, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	changes := map[string]plan.Change{}
	for _, e := range p.Entries {
		changes[e.Title] = e.Change
	}
	want := map[string]plan.Change{"Data modelling": plan.ChangeStronger, "Pipelines": plan.ChangeNew}
	for k, v := range want {
		if changes[k] != v {
			t.Errorf("%s: %q, want %q (all: %v)", k, changes[k], v, changes)
		}
	}
	if len(p.Dropped) != 1 || p.Dropped[0].Title != "Only at mid" {
		t.Errorf("dropped %+v, want Only at mid", p.Dropped)
	}
	if len(p.Groups) == 0 || p.GapScale[0] != "None" {
		t.Errorf("groups %+v scale %v", p.Groups, p.GapScale)
	}
	ctx, err := plan.NewContext(context.Background(), cfg, lib, "eng", "mid", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	if err != nil || plan.Of(ctx) == nil || plan.Of(ctx).Target.Rung.ID != "senior" {
		t.Fatalf("the PDP target defaults to the next rung: %v %+v", err, ctx)
	}
}

package compose

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/framework"
)

func testLibrary(t *testing.T) *Library {
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
	lib, err := NewLibrary(a, b)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

const testConfig = `
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

func TestComposeMergesRefinesAndRecords(t *testing.T) {
	cfg, err := LoadConfig("cfg.yaml", []byte(testConfig))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compose(cfg, testLibrary(t), "eng", "senior")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sources) != 2 || c.Family != "Data" || c.Responsibilities[0] != "lead the team" {
		t.Errorf("sources %+v family %q responsibilities %v", c.Sources, c.Family, c.Responsibilities)
	}
	skills := c.Kind("skill")
	if len(skills) != 2 {
		t.Fatalf("skills %+v", skills)
	}
	dm := skills[0]
	// "Data modelling" (A) and "Data  Modelling." (B) are one entry; B refines A.
	if dm.Title != "Data modelling" || strings.Join(dm.Descriptors, "|") != "model alone|review models" {
		t.Errorf("merged entry %+v", dm)
	}
	if len(dm.Origins) != 2 || dm.Origins[0].From != "a.txt:10" || dm.Origins[1].From != "b.md:9" || dm.Origins[0].Superseded[0] != "model data" {
		t.Errorf("origins %+v", dm.Origins)
	}
	if len(c.Kind("behaviour")) != 0 {
		t.Error("removed behaviour is still there")
	}
	q := c.Kind("qualification")
	if len(q) != 1 || q[0].Essential == nil || *q[0].Essential || q[0].Origins[0].From != "cfg.yaml:14" {
		t.Errorf("added qualification %+v", q)
	}
	if !strings.Contains(strings.Join(c.Notes, "\n"), `behaviour "teamwork" removed by cfg.yaml:`) {
		t.Errorf("removal not recorded in notes: %v", c.Notes)
	}
}

func TestComposeAtARungMappedToNone(t *testing.T) {
	cfg, _ := LoadConfig("cfg.yaml", []byte(testConfig))
	c, err := Compose(cfg, testLibrary(t), "eng", "mid")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sources) != 1 || c.Sources[0].Framework != "b" {
		t.Errorf("sources %+v", c.Sources)
	}
	var titles []string
	for _, it := range c.Kind("skill") {
		titles = append(titles, it.Title)
	}
	if strings.Join(titles, ",") != "Data  Modelling.,Only at mid" {
		t.Errorf("skills at mid %v", titles)
	}
	if !strings.Contains(strings.Join(c.Notes, "\n"), `skill "Pipelines" of Data management has no Mid descriptors`) {
		t.Errorf("a skill left out must be recorded: %v", c.Notes)
	}
}

func TestFrameworkRoleAsItIs(t *testing.T) {
	c, err := Compose(&Config{}, testLibrary(t), "a/eng", "eng-senior")
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Senior engineer" || len(c.Items) != 2 {
		t.Errorf("%+v", c)
	}
	if _, err := Compose(&Config{}, testLibrary(t), "a/eng", "eng-junior"); err == nil || !strings.Contains(err.Error(), `has no level "eng-junior" (it has: eng-senior)`) {
		t.Errorf("error %v", err)
	}
}

func TestPlanGapBetweenLevels(t *testing.T) {
	cfg, _ := LoadConfig("cfg.yaml", []byte(testConfig))
	lib := testLibrary(t)
	cur, _ := Compose(cfg, lib, "eng", "mid")
	tgt, _ := Compose(cfg, lib, "eng", "senior")
	p, err := NewPlan(cfg, cur, tgt, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	changes := map[string]Change{}
	for _, e := range p.Entries {
		changes[e.Title] = e.Change
	}
	want := map[string]Change{"Data modelling": ChangeStronger, "Pipelines": ChangeNew}
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
	ctx, err := NewContext(cfg, lib, "eng", "mid", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), true)
	if err != nil || ctx.PDP == nil || ctx.PDP.Target.Rung.ID != "senior" {
		t.Fatalf("the PDP target defaults to the next rung: %v %+v", err, ctx)
	}
}

func TestPersonSpecIDsAndRules(t *testing.T) {
	cfg, _ := LoadConfig("cfg.yaml", []byte(testConfig))
	c, _ := Compose(cfg, testLibrary(t), "eng", "senior")
	c.Items = append(c.Items, &Item{Kind: "knowledge", Title: "Big Data", Depth: "Familiar with"}, &Item{Kind: "knowledge", Title: "IT Environment", Depth: "Expert in"})
	spec := PersonSpec(c, PersonSpecConfig{})
	got := map[string]Criterion{}
	for _, cr := range spec {
		got[cr.ID] = cr
	}
	if cr := got["Q1"]; cr.Text != "A degree" || cr.Essential {
		t.Errorf("Q1 %+v (config says essential: false)", cr)
	}
	if cr := got["E1"]; !strings.HasPrefix(cr.Text, "Experience that shows you can lead the team") || !cr.AtInterview() {
		t.Errorf("E1 %+v", cr)
	}
	if cr := got["K1"]; cr.Text != "Familiar with Big Data" || cr.Essential {
		t.Errorf("K1 %+v: Familiar with is desirable", cr)
	}
	if cr := got["K2"]; cr.Text != "Expert in IT Environment" || !cr.Essential {
		t.Errorf("K2 %+v", cr)
	}
	if cr := got["S1"]; cr.Group != "Skills" || !cr.Essential {
		t.Errorf("S1 %+v", cr)
	}
}

func TestLongBehaviourListsFoldIntoClusters(t *testing.T) {
	c := &Composed{}
	for i := 1; i <= 10; i++ {
		fam := 1 + (i-1)/5
		c.Items = append(c.Items, &Item{Kind: "behaviour", Title: fmt.Sprintf("Behaviour %d", i), Code: fmt.Sprintf("B%d.%d", fam, i)})
	}
	for i := 1; i <= 9; i++ {
		c.Items = append(c.Items, &Item{Kind: "leadership", Title: fmt.Sprintf("Lead %d", i), Level: "Level Five"})
	}
	spec := PersonSpec(c, PersonSpecConfig{})
	var texts []string
	for _, cr := range spec {
		texts = append(texts, cr.ID+" "+cr.Text)
	}
	want := []string{
		"B1 Behaviours B1: Behaviour 1, Behaviour 2, Behaviour 3, Behaviour 4, Behaviour 5",
		"B2 Behaviours B2: Behaviour 6, Behaviour 7, Behaviour 8, Behaviour 9, Behaviour 10",
		"L1 Leadership Level Five: Lead 1, Lead 2, Lead 3, Lead 4, Lead 5, Lead 6, Lead 7, Lead 8, Lead 9",
	}
	if strings.Join(texts, "\n") != strings.Join(want, "\n") {
		t.Errorf("criteria:\n%s\nwant:\n%s", strings.Join(texts, "\n"), strings.Join(want, "\n"))
	}
	if n := len(PersonSpec(c, PersonSpecConfig{ClusterOver: -1})); n != 19 {
		t.Errorf("clusterOver -1 gives %d criteria, want 19", n)
	}
}

func TestStandardClausesDefaultAndOptOut(t *testing.T) {
	date := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	for src, want := range map[string]int{
		testConfig: len(DefaultClauses()),
		testConfig + "organisation: {clauses: {}}\n":                  0,
		testConfig + "organisation: {clauses: {Conduct: Be kind.}}\n": 1,
	} {
		cfg, err := LoadConfig("cfg.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		ctx, err := NewContext(cfg, testLibrary(t), "eng", "senior", date, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(ctx.Organisation.Clauses); got != want {
			t.Errorf("%d clauses, want %d, for config ending %q", got, want, src[len(src)-40:])
		}
	}
}

func TestAddedEntryOfUnknownKindIsAnError(t *testing.T) {
	cfg, err := LoadConfig("cfg.yaml", []byte(strings.Replace(testConfig, "{kind: qualification, title: A degree", "{kind: qualifcation, title: A degree", 1)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compose(cfg, testLibrary(t), "eng", "senior")
	if err == nil || !strings.HasPrefix(err.Error(), `cfg.yaml:14: unknown entry kind "qualifcation" (known: work-activity, skill,`) {
		t.Errorf("error %v", err)
	}
}

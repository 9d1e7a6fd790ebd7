package compose

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/config"
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
	cfg, err := config.LoadConfig("cfg.yaml", []byte(testConfig))
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
	cfg, _ := config.LoadConfig("cfg.yaml", []byte(testConfig))
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
	c, err := Compose(&config.Config{}, testLibrary(t), "a/eng", "eng-senior")
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Senior engineer" || len(c.Items) != 2 {
		t.Errorf("%+v", c)
	}
	if _, err := Compose(&config.Config{}, testLibrary(t), "a/eng", "eng-junior"); err == nil || !strings.Contains(err.Error(), `has no level "eng-junior" (it has: eng-senior)`) {
		t.Errorf("error %v", err)
	}
}

func TestPersonSpecIDsAndRules(t *testing.T) {
	cfg, _ := config.LoadConfig("cfg.yaml", []byte(testConfig))
	c, _ := Compose(cfg, testLibrary(t), "eng", "senior")
	c.Items = append(c.Items, &Item{Kind: "knowledge", Title: "Big Data", Depth: "Familiar with"}, &Item{Kind: "knowledge", Title: "IT Environment", Depth: "Expert in"})
	sel := Select(c, config.SelectDef{}, "")
	spec := PersonSpec(sel, config.RoleDef{}, config.PersonSpecConfig{}, config.ScoringConfig{})
	got := map[string]Criterion{}
	for _, cr := range spec {
		got[cr.ID] = cr
	}
	if cr := got["Q1"]; cr.Text != "A degree" || cr.Essential {
		t.Errorf("Q1 %+v (config says essential: false)", cr)
	}
	if cr := got["E1"]; cr.Text != "Experience of leading the team" || !cr.Scored || cr.Question == "" {
		t.Errorf("E1 %+v", cr)
	}
	if cr := got["S1"]; cr.Text != "Experience of data modelling" || cr.Group != "Skills" || !cr.Essential || !cr.Scored {
		t.Errorf("S1 %+v", cr)
	}
	if cr := got["S2"]; cr.Text != "Experience of pipelines" || cr.Essential || cr.Scored {
		t.Errorf("S2 %+v: another source's skill is desirable, not scored", cr)
	}
}

func TestDefaultSelectionPicksOnePerFamilyAndNoNHSText(t *testing.T) {
	c := &Composed{}
	for i := 1; i <= 12; i++ {
		fam := 1 + (i-1)/3
		title := fmt.Sprintf("Behaviour %d", i)
		desc := fmt.Sprintf("You are able to do thing %d", i)
		if i == 1 {
			title, desc = "NHS Constitution", "You promote the values of the NHS Constitution"
		}
		c.Items = append(c.Items, &Item{Kind: "behaviour", Title: title, Code: fmt.Sprintf("B%d.%d", fam, i), Descriptors: []string{desc}})
	}
	for i := 1; i <= 9; i++ {
		c.Items = append(c.Items, &Item{Kind: "leadership", Title: fmt.Sprintf("Lead %d", i), Level: "Level Five", Descriptors: []string{"You lead"}})
	}
	sel := Select(c, config.SelectDef{}, "")
	var titles []string
	for _, it := range sel.Behaviours {
		titles = append(titles, it.Title)
	}
	if got := strings.Join(titles, ", "); got != "Behaviour 2, Behaviour 4, Behaviour 7, Behaviour 10" {
		t.Errorf("behaviours %s: want the first of each family, NHS-specific ones left out", got)
	}
	if len(sel.Leadership) != 2 || sel.NHS {
		t.Errorf("leadership %d, nhs %v", len(sel.Leadership), sel.NHS)
	}
	spec := PersonSpec(sel, config.RoleDef{}, config.PersonSpecConfig{}, config.ScoringConfig{})
	for _, cr := range spec {
		if strings.Contains(cr.Text, "NHS") || strings.Contains(cr.Text, "B1") || strings.Contains(cr.Text, "Level") {
			t.Errorf("%s %q: a code, a level word or NHS text", cr.ID, cr.Text)
		}
	}
	if cr := spec[0]; cr.Text != "Ability to do thing 2" || !strings.HasPrefix(cr.Question, "Tell us about a time when you did thing 2.") {
		t.Errorf("B1 %+v", cr)
	}
	named := Select(c, config.SelectDef{Behaviours: []string{"nhs constitution", "B2.4"}}, "")
	if len(named.Behaviours) != 2 || named.Behaviours[1].Title != "Behaviour 4" || !named.NHS {
		t.Errorf("named selection %+v, nhs %v", named.Behaviours, named.NHS)
	}
	if !strings.Contains(DefaultClauses(true)["Confidentiality"], "patients") || strings.Contains(DefaultClauses(false)["Confidentiality"], "patients") {
		t.Error("the confidentiality clause names patients only for an NHS selection")
	}
	left := 0
	for _, d := range sel.Decisions {
		if d.Outcome == "left out" {
			left++
		}
	}
	if left != len(c.Items)-len(sel.Behaviours)-len(sel.Leadership) {
		t.Errorf("%d entries recorded as left out", left)
	}
}

func TestPlainWording(t *testing.T) {
	for in, want := range map[string]string{
		"A head of data engineering leads multi-functional delivery teams to deliver services for their department.": "As head of data engineering, you will lead multi-functional delivery teams to deliver services for your department.",
		"Sets direction for ethics in data initiatives. Defines governance processes.":                               "You will set direction for ethics in data initiatives.",
		// 24 words in the framework: "As head of data engineering, you
		// will" would make it 26, over the 25 a sentence may have, so the
		// frame is left out (the document's title names the job).
		"A head of data engineering leads multi-functional delivery teams to deliver robust data services for their department, other government departments and private sector partners.": "You will lead multi-functional delivery teams to deliver robust data services for your department, other government departments and private sector partners.",
		// 25 words with the frame: it stays.
		"A head of data engineering leads multi-functional delivery teams to deliver robust data services for their department, other departments and private sector partners.": "As head of data engineering, you will lead multi-functional delivery teams to deliver robust data services for your department, other departments and private sector partners.",
		// A participle before the subject, whose verb is "is responsible
		// for": the subject becomes "you will be".
		"Dealing with more complex issues, a senior engineer is responsible for code deployment and co-ordinating change-based activities.": "Dealing with more complex issues, you will be responsible for code deployment and co-ordinating change-based activities.",
		"Working in a team of specialists, a senior engineer builds and administers platforms.":                                             "Working in a team of specialists, you will build and administer platforms.",
		// A participle before a subject whose verb has no second-person
		// form here: the sentence is kept, not read as an action.
		"Dealing with more complex issues, a senior engineer has oversight of code deployment.": "Dealing with more complex issues, a senior engineer has oversight of code deployment.",
	} {
		if got := voice(in, false); got != want {
			t.Errorf("voice(%q) = %q, want %q", in, got, want)
		}
	}
	if got := voice("A data engineer develops and constructs data products, and integrates them into systems.", true); got != "As a data engineer, you will develop and construct data products, and integrate them into systems." {
		t.Errorf("voice with article: %q", got)
	}
	for in, want := range map[string]string{
		"Lead data mapping projects and ensure compliance": "Experience of leading data mapping projects and ensuring compliance",
		"set standards": "Experience of setting standards",
	} {
		if got := experienceOf(in); got != want {
			t.Errorf("experienceOf(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"Data Catalogue":                       "Experience of data catalogue",
		"Build containers and Helm charts":     "Experience of building containers and Helm charts",
		"Understanding the data types":         "Experience of understanding the data types",
		"Agile and Lean practices":             "Experience of Agile and Lean practices",
		"Programming and build (data science)": "Experience of programming and build (data science)",
	} {
		if got := topicOf(in); got != want {
			t.Errorf("topicOf(%q) = %q, want %q", in, got, want)
		}
	}
	if got := knowledgeOf("IT Environment"); got != "Knowledge of IT environment" {
		t.Errorf("knowledgeOf: %q", got)
	}
	for in, ok := range map[string]bool{"You can manage stakeholders": true, "You have created a team": false, "Strategic oversight of data": false, "You are capable of writing": true, "You are capable of having articles published": false} {
		if _, got := verbPhrase(in); got != ok {
			t.Errorf("verbPhrase(%q) ok = %v", in, got)
		}
	}
}

func TestRungTitles(t *testing.T) {
	cfg, _ := config.LoadConfig("cfg.yaml", []byte(testConfig+"    titles: {mid: Engineer II}\n    responsibleFor: A team\n    responsibleForAt: {mid: \"\"}\n"))
	lib := testLibrary(t)
	for level, want := range map[string]string{"senior": "Senior engineer", "mid": "Engineer II"} {
		c, err := Compose(cfg, lib, "eng", level)
		if err != nil || c.JobTitle != want {
			t.Errorf("%s: title %q, want %q (%v)", level, c.JobTitle, want, err)
		}
		if (c.ResponsibleFor == "") != (level == "mid") {
			t.Errorf("%s: responsible for %q (responsibleForAt clears it at mid only)", level, c.ResponsibleFor)
		}
	}
	if got := rungTitle("Senior", "Data engineer"); got != "Senior data engineer" {
		t.Errorf("rungTitle %q", got)
	}
}

func TestStandardClausesDefaultAndOptOut(t *testing.T) {
	date := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	for src, want := range map[string]int{
		testConfig: len(DefaultClauses(false)),
		testConfig + "organisation: {clauses: {}}\n":                  0,
		testConfig + "organisation: {clauses: {Conduct: Be kind.}}\n": 1,
	} {
		cfg, err := config.LoadConfig("cfg.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		ctx, err := NewContext(cfg, testLibrary(t), "eng", "senior", date)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(ctx.Organisation.Clauses); got != want {
			t.Errorf("%d clauses, want %d, for config ending %q", got, want, src[len(src)-40:])
		}
	}
}

func TestAddedEntryOfUnknownKindIsAnError(t *testing.T) {
	cfg, err := config.LoadConfig("cfg.yaml", []byte(strings.Replace(testConfig, "{kind: qualification, title: A degree", "{kind: qualifcation, title: A degree", 1)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compose(cfg, testLibrary(t), "eng", "senior")
	if err == nil || !strings.HasPrefix(err.Error(), `cfg.yaml:14: unknown entry kind "qualifcation" (known: work-activity, skill,`) {
		t.Errorf("error %v", err)
	}
}

func TestRetiredLevelRefusedUnlessAllowed(t *testing.T) {
	fw := &framework.Framework{ID: "d", Name: "D", Roles: []framework.Role{{ID: "cdo", Title: "Chief data officer", From: "cdo.md:1",
		Levels: []framework.RoleLevel{{ID: "cdo", Title: "Chief data officer", Retired: true, From: "cdo.md:3"}}}}}
	lib, err := NewLibrary(fw)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := config.LoadConfig("cfg.yaml", []byte("level: cdo\n"))
	date := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	if _, err := NewContext(cfg, lib, "d/cdo", "cdo", date); err == nil || !strings.Contains(err.Error(), "--allow-retired") {
		t.Errorf("a retired level as the target: %v", err)
	}
	cfg.AllowRetired = true
	ctx, err := NewContext(cfg, lib, "d/cdo", "cdo", date)
	if err != nil {
		t.Fatal(err)
	}
	if len(ctx.Warnings) == 0 || !strings.Contains(ctx.Warnings[0], "no longer in use") {
		t.Errorf("warnings %q", ctx.Warnings)
	}
}

func TestQuestionBankWeightsAndScoredLimit(t *testing.T) {
	cfg, _ := config.LoadConfig("cfg.yaml", []byte(testConfig+"    questions: {Data modelling: Walk us through a model you built}\nscoring: {max: 1, weights: {skills: 3}}\n"))
	ctx, err := NewContext(cfg, testLibrary(t), "eng", "senior", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	scored := 0
	for _, c := range ctx.Spec {
		if c.Scored {
			scored++
			if c.Question != "Walk us through a model you built." || c.Weight != 3 {
				t.Errorf("%s: question %q weight %d", c.ID, c.Question, c.Weight)
			}
		} else if c.AtInterview() {
			t.Errorf("%s is assessed at interview but not scored", c.ID)
		}
	}
	if scored != 1 {
		t.Errorf("%d scored, want scoring.max 1", scored)
	}
	var labels []string
	for _, b := range ctx.Blanks {
		labels = append(labels, b.Label)
	}
	if got := strings.Join(labels, ", "); got != "salary, closing date, band or grade, reference" {
		t.Errorf("blanks %q", got)
	}
}

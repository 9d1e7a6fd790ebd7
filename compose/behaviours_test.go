package compose_test

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/render"
)

// ncfBehaviours attaches five behaviours of the embedded NCF profile to
// every role that has none (the top-level key), two of them by code.
const ncfBehaviours = `
behaviours:
  framework: ncf
  role: head-of-data-ethics
  select: [Delivering outcomes, B1.3, Discussing complex ideas, B4.3, Challenging discrimination]
`

// corpusLibrary is the embedded frameworks and the DDaT data scientist
// pages of the corpus, imported as the CLI does (id ddat-data beside the
// embedded ddat).
func corpusLibrary(t *testing.T) *compose.Library {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(corpus, "data-data-scientist-*.md"))
	if len(paths) == 0 {
		t.Skip("corpus not present at " + corpus)
	}
	fw, _, err := importer.Import(paths, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fw.ID = "ddat-data"
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(append(fws, fw)...)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// configWith is the repository's config.yaml with extra YAML appended.
func configWith(t *testing.T, extra string) (*config.Config, string) {
	t.Helper()
	src := string(rolepack.DefaultConfig) + extra
	cfg, err := config.LoadConfig("config.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return cfg, src
}

// documents renders the candidate-facing documents of ctx as Markdown, by
// kind.
func documents(t *testing.T, ctx *compose.Context) map[string]string {
	t.Helper()
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	kinds, err := render.LookupKinds([]string{"jd", "spec", "advert", "scoring"})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kinds {
		src, err := e.Execute(context.Background(), k.Template, ctx.For(k.ID, k.Title, false))
		if err != nil {
			t.Fatalf("%s: %v", k.ID, err)
		}
		out[k.ID] = string(src)
	}
	return out
}

func group(spec []compose.Criterion, g string) (all, scored []compose.Criterion) {
	for _, cr := range spec {
		if cr.Group == g {
			all = append(all, cr)
			if cr.Scored {
				scored = append(scored, cr)
			}
		}
	}
	return all, scored
}

var wantBehaviours = []string{"Delivering outcomes", "Generating consensus", "Discussing complex ideas", "Sharing best practice", "Challenging discrimination"}

// A DDaT corpus role used as it is has no behaviours; the top-level
// behaviours key attaches the NCF profile's, and the person specification
// and the scoring sheet carry them, on the Success Profiles scale.
func TestCorpusRoleWithAttachedBehaviours(t *testing.T) {
	lib := corpusLibrary(t)
	cfg, _ := configWith(t, ncfBehaviours)
	ctx, err := compose.NewContext(cfg, lib, "ddat-data/data-scientist", "lead-data-scientist", planDate)
	if err != nil {
		t.Fatal(err)
	}
	all, scored := group(ctx.Spec, "Behaviours")
	var labels []string
	for _, cr := range all {
		labels = append(labels, cr.Label)
		if !strings.HasPrefix(cr.Text, "Ability to ") {
			t.Errorf("%s: criterion %q is not worded \"Ability to …\"", cr.ID, cr.Text)
		}
	}
	if fmt.Sprint(labels) != fmt.Sprint(wantBehaviours) {
		t.Errorf("behaviour criteria %q, want the five named, in order %q", labels, wantBehaviours)
	}
	if len(scored) < 4 {
		t.Errorf("%d behaviours scored, want at least 4", len(scored))
	}
	if !strings.Contains(ctx.Scale.Name, "Success Profiles") {
		t.Errorf("scale %q: a sheet scoring behaviours uses the Success Profiles scale", ctx.Scale.Name)
	}
	var fromNCF bool
	for _, s := range ctx.Role.Sources {
		fromNCF = fromNCF || s.Framework == "ncf" && s.Role == "head-of-data-ethics"
	}
	if !fromNCF {
		t.Errorf("sources %+v do not name the NCF profile the behaviours came from", ctx.Role.Sources)
	}
	if !strings.Contains(strings.Join(ctx.Role.Notes, "\n"), "5 behaviours attached from ncf role head-of-data-ethics") {
		t.Errorf("notes do not record the attachment: %q", ctx.Role.Notes)
	}
	docs := documents(t, ctx)
	for _, b := range scored {
		if !strings.Contains(docs["scoring"], "| "+b.ID+" | **"+b.Label+"**") {
			t.Errorf("scoring sheet has no row for %s %s", b.ID, b.Label)
		}
	}
	for _, w := range []string{"### Behaviours", "Delivering outcomes"} {
		if !strings.Contains(docs["spec"], w) {
			t.Errorf("spec lacks %q", w)
		}
	}
	for _, w := range []string{"using the Civil Service Success Profiles (1–7) scale", "| 1 | Insufficient evidence |", "| 7 | Outstanding demonstration |"} {
		if !strings.Contains(docs["scoring"], w) {
			t.Errorf("scoring sheet lacks %q", w)
		}
	}
	if !strings.Contains(docs["jd"], "## Behaviours") {
		t.Error("JD has no behaviours section")
	}
}

// Without the key the same role has no behaviours, and no document says
// anything about behaviours or a behaviour scale.
func TestCorpusRoleWithoutBehaviours(t *testing.T) {
	lib := corpusLibrary(t)
	cfg, _ := configWith(t, "")
	ctx, err := compose.NewContext(cfg, lib, "ddat-data/data-scientist", "lead-data-scientist", planDate)
	if err != nil {
		t.Fatal(err)
	}
	if all, _ := group(ctx.Spec, "Behaviours"); len(all) != 0 {
		t.Errorf("%d behaviour criteria, want none", len(all))
	}
	if strings.Contains(ctx.Scale.Name, "Success Profiles") {
		t.Errorf("scale %q claims Success Profiles on a sheet with no behaviours", ctx.Scale.Name)
	}
	behaviour := regexp.MustCompile(`(?i)behaviour|success profiles|demonstration`)
	for kind, src := range documents(t, ctx) {
		if m := behaviour.FindString(src); m != "" {
			i := strings.Index(src, m)
			t.Errorf("%s mentions %q: …%s…", kind, m, src[max(0, i-60):min(len(src), i+60)])
		}
	}
}

// A config role drawing on the corpus role gets behaviours from its own
// behaviours key, and behavioursAt replaces it (or, with no framework,
// attaches none) at the rungs it names.
func TestConfigRoleBehavioursAt(t *testing.T) {
	lib := corpusLibrary(t)
	cfg, _ := configWith(t, "")
	cfg.Roles["scientist"] = config.RoleDef{Title: "Data scientist",
		Sources: []config.SourceDef{{Framework: "ddat-data", Role: "data-scientist",
			Levels: map[string]string{"entry": "data-scientist", "mid": "data-scientist", "senior": "principal-data-scientist", "head": "lead-data-scientist"}}},
		Behaviours: config.BehavioursDef{Framework: "ncf", Role: "head-of-data-ethics", Select: []string{"Delivering outcomes", "Sharing best practice", "Seeking opinions", "Written communication"}},
		BehavioursAt: map[string]config.BehavioursDef{
			"head":  {Framework: "ncf", Role: "head-of-data-ethics", Level: "head-of-data-ethics"}, // all of them
			"entry": {},                                                                            // none
		}}
	for _, tc := range []struct {
		rung string
		want int // behaviours composed
	}{{"entry", 0}, {"mid", 4}, {"head", 26}} {
		c, err := compose.Compose(cfg, lib, "scientist", tc.rung)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(c.Kind("behaviour")); got != tc.want {
			t.Errorf("%s: %d behaviours, want %d", tc.rung, got, tc.want)
		}
		ctx, err := compose.NewContext(cfg, lib, "scientist", tc.rung, planDate)
		if err != nil {
			t.Fatal(err)
		}
		all, _ := group(ctx.Spec, "Behaviours")
		switch {
		case tc.want == 0 && len(all) > 0:
			t.Errorf("%s: %d behaviour criteria, want none", tc.rung, len(all))
		case tc.rung == "mid" && len(all) != 4:
			t.Errorf("mid: %d behaviour criteria, want the 4 named", len(all))
		case tc.want > 0 && len(all) < 4:
			t.Errorf("%s: %d behaviour criteria, want at least 4", tc.rung, len(all))
		}
	}
}

// The repository's config.yaml gives data engineer the five behaviours it
// assesses at mid and senior (none at entry), and keeps the NCF profile's
// at head, where its source gives them; a role's behavioursAt entry with
// no framework keeps the config's top-level key out too.
func TestDefaultRoleBehaviours(t *testing.T) {
	cfg, _ := configWith(t, ncfBehaviours)
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(fws...)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rung     string
		want     []string
		attached bool
	}{{"entry", nil, false}, {"mid", wantBehaviours, true}, {"senior", wantBehaviours, true}, {"head", wantBehaviours, false}} {
		ctx, err := compose.NewContext(cfg, lib, "data-engineer", tc.rung, planDate)
		if err != nil {
			t.Fatal(err)
		}
		all, scored := group(ctx.Spec, "Behaviours")
		var labels []string
		for _, cr := range all {
			labels = append(labels, cr.Label)
		}
		if fmt.Sprint(labels) != fmt.Sprint(tc.want) || len(scored) != len(tc.want) {
			t.Errorf("%s: behaviour criteria %q (%d scored), want %q, all scored", tc.rung, labels, len(scored), tc.want)
		}
		notes := strings.Join(ctx.Role.Notes, "\n")
		if got := strings.Contains(notes, "attached from"); got != tc.attached {
			t.Errorf("%s: behaviours attached %v, want %v (notes %q)", tc.rung, got, tc.attached, notes)
		}
		if tc.attached && !strings.Contains(notes, `by role "data-engineer" behaviours (config.yaml:`) {
			t.Errorf("%s: the note does not name the role's key and line: %q", tc.rung, notes)
		}
		if sp := strings.Contains(ctx.Scale.Name, "Success Profiles"); sp != (len(tc.want) > 0) {
			t.Errorf("%s: scale %q", tc.rung, ctx.Scale.Name)
		}
	}
}

// Unknown framework, role, catalogue, level and behaviour names, and a
// behavioursAt key that is no level, are one-line errors naming the
// config line of the key at fault, whatever level is run.
func TestBehavioursErrors(t *testing.T) {
	lib := corpusLibrary(t)
	for _, tc := range []struct {
		name, yaml, at, want string
	}{
		{"framework", "behaviours: {framework: ncff, role: head-of-data-ethics}", "behaviours:", `behaviours: unknown framework "ncff" (available: ddat, sde-skills, ncf, ddat-data)`},
		{"role", "behaviours:\n  framework: ncf\n  role: head-of-ethics\n", "  role: head-of-ethics", `behaviours: framework "ncf" has no role "head-of-ethics" (it has: head-of-data-ethics)`},
		{"catalogue", "behaviours:\n  framework: sde-skills\n  catalogue: values\n", "  catalogue: values", `has no catalogue "values"`},
		{"level", "behaviours:\n  framework: ncf\n  role: head-of-data-ethics\n  level: senior\n", "  level: senior", `role "head-of-data-ethics" has no level "senior"`},
		{"behaviour", "behaviours:\n  framework: ncf\n  role: head-of-data-ethics\n  select:\n    - Delivering outcomes\n    - Delivering at pace\n", "    - Delivering at pace", `has no behaviour "Delivering at pace" (it has 26: Delivering outcomes,`},
		{"no behaviours", "behaviours: {framework: ddat-data, role: data-scientist, level: data-scientist}", "behaviours:", `ddat-data role data-scientist at "Data scientist" has no behaviours`},
		{"no framework", "behaviours: {role: head-of-data-ethics}", "behaviours:", `behaviours: give framework`},
		{"behavioursAt level", "behavioursAt:\n  lead: {framework: ncf, role: head-of-data-ethics}\n", "  lead:", `behavioursAt: "lead" is not a rung of the ladder or a framework level id`},
		{"behavioursAt select", "behavioursAt:\n  principal-data-scientist:\n    framework: ncf\n    role: head-of-data-ethics\n    select: [B1.1, B7.7]\n", "    select: [B1.1, B7.7]", `behavioursAt.principal-data-scientist: ncf role head-of-data-ethics at "Head of Data Ethics" has no behaviour "B7.7"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, src := configWith(t, "\n"+tc.yaml)
			line := 0
			for i, l := range strings.Split(src, "\n") {
				if strings.HasPrefix(l, tc.at) {
					line = i + 1
				}
			}
			// Another level than the one the key names: checked all the same.
			_, err := compose.Compose(cfg, lib, "ddat-data/data-scientist", "lead-data-scientist")
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if prefix := fmt.Sprintf("config.yaml:%d: ", line); !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("error\n  %s\nwant one line starting %q and containing\n  %s", msg, prefix, tc.want)
			}
			// A config role checks them too.
			if _, err := compose.Compose(cfg, lib, "data-engineer", "mid"); err == nil || err.Error() != msg {
				t.Errorf("data-engineer at mid: %v, want %s", err, msg)
			}
		})
	}
	// A role's behavioursAt names rungs of the ladder only.
	cfg, src := configWith(t, "")
	src = strings.Replace(src, "    behavioursAt:\n      entry: {}", "    behavioursAt:\n      lead: {}", 1)
	cfg, err := config.LoadConfig("config.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	_, err = compose.Compose(cfg, lib, "data-engineer", "head")
	if err == nil || !regexp.MustCompile(`^config\.yaml:\d+: role "data-engineer" behavioursAt: "lead" is not a rung of the ladder \(the ladder has: entry, mid, senior, head\)$`).MatchString(err.Error()) {
		t.Errorf("role behavioursAt lead: %v", err)
	}
}

// A catalogue attaches its behaviour-kind skills; one whose skills give no
// kind (a spreadsheet of behaviours without a kind column) is taken whole.
func TestBehavioursFromCatalogue(t *testing.T) {
	values := &framework.Framework{ID: "values", Name: "Our values", Catalogues: []framework.Catalogue{{
		ID: "values", Title: "Values", Levels: []framework.Level{{ID: "all", Label: "All staff"}},
		Categories: []framework.Category{{Title: "Values", Skills: []framework.Skill{
			{Title: "Working together", Levels: []framework.SkillLevel{{Level: "all", Descriptors: []string{"You work with colleagues across teams to get things done."}, From: "values.csv:2"}}},
			{Title: "Acting with integrity", Levels: []framework.SkillLevel{{Level: "all", Descriptors: []string{"You do what you say you will do."}, From: "values.csv:3"}}},
		}}},
	}}}
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(append(fws, values)...)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := configWith(t, "behaviours: {framework: values, catalogue: values}\n")
	c, err := compose.Compose(cfg, lib, "ddat/data-engineer", "head-of-data-engineering")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range c.Kind("behaviour") {
		got = append(got, it.Title+" ("+it.Origins[0].From+")")
	}
	if want := "[Working together (values.csv:2) Acting with integrity (values.csv:3)]"; fmt.Sprint(got) != want {
		t.Errorf("behaviours %v, want %s", got, want)
	}
}

// The Success Profiles scale has its own labels; a sheet scoring no
// behaviours gets a 1–7 scale that claims no scheme.
func TestScaleLabels(t *testing.T) {
	sp, err := compose.ScoreScale(config.ScoringConfig{Scale: "civil-service"}, true)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, a := range sp.Anchors {
		labels = append(labels, fmt.Sprintf("%d %s", a.Score, a.Label))
	}
	want := "[7 Outstanding demonstration 6 Strong demonstration 5 Acceptable demonstration 4 Moderate demonstration 3 Minimal demonstration 2 Limited demonstration 1 Insufficient evidence]"
	if fmt.Sprint(labels) != want || !strings.Contains(sp.Name, "Success Profiles") {
		t.Errorf("%s: %v\nwant %s", sp.Name, labels, want)
	}
	plain, err := compose.ScoreScale(config.ScoringConfig{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Min != 1 || plain.Max != 7 || strings.Contains(plain.Name, "Success Profiles") || strings.Contains(plain.Name, "Civil Service") {
		t.Errorf("plain scale %+v", plain)
	}
	for _, a := range plain.Anchors {
		if strings.Contains(a.Label, "demonstration") || a.Label == "Insufficient evidence" {
			t.Errorf("plain scale borrows the Success Profiles label %q", a.Label)
		}
	}
}

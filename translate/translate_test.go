package translate_test

import (
	"bytes"
	"context"
	"math/rand"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	rolepack "github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/internal/xliff"
	"github.com/rolepack/rolepack/translate"
)

var date = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

func setup(t testing.TB, extra ...*framework.Framework) (*config.Config, *compose.Library) {
	t.Helper()
	cfg, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(append(fws, extra...)...)
	if err != nil {
		t.Fatal(err)
	}
	return cfg, lib
}

func pages(t *testing.T, paths []string, id string) *framework.Framework {
	t.Helper()
	fw, _, err := importer.Import(paths, importer.Options{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	return fw
}

func units(t *testing.T, cfg *config.Config, lib *compose.Library, targets ...translate.Target) []compose.Unit {
	t.Helper()
	u, err := translate.Units(context.Background(), cfg, lib, date, targets)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func idSources(us []compose.Unit) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.ID+"\t"+u.Source)
	}
	sort.Strings(out)
	return out
}

// TestExportIDsAreStableAndOrderFree: the default role at two rungs, in
// either order, gives the same units; the document is XLIFF 2.0 that
// reads back unit for unit; the same units give the same bytes.
func TestExportIDsAreStableAndOrderFree(t *testing.T) {
	cfg, lib := setup(t)
	a := translate.Target{Role: "data-engineer", Level: "head", Vacancy: cfg.Vacancy}
	b := translate.Target{Role: "data-engineer", Level: "senior", Vacancy: cfg.Vacancy}
	ab, ba := units(t, cfg, lib, a, b), units(t, cfg, lib, b, a)
	if strings.Join(idSources(ab), "\n") != strings.Join(idSources(ba), "\n") {
		t.Error("the units depend on the order of the role-levels")
	}
	doc := translate.Export(ab, "cy", nil, translate.Scope{Role: "data-engineer", Level: "head"}, "test")
	data := doc.Marshal()
	if !bytes.Equal(data, translate.Export(units(t, cfg, lib, a, b), "cy", nil, translate.Scope{Role: "data-engineer", Level: "head"}, "test").Marshal()) {
		t.Error("two exports of the same config differ")
	}
	back, err := xliff.Parse("cy.xlf", data)
	if err != nil {
		t.Fatal(err)
	}
	if sc, ok := translate.ScopeOf(back); !ok || !reflect.DeepEqual(sc, translate.Scope{Role: "data-engineer", Level: "head"}) {
		t.Errorf("scope read back: %+v %v", sc, ok)
	}
	if len(back.Files) != 1 || len(back.Files[0].Units) != len(ab) {
		t.Fatalf("read back %d units of %d", len(back.Files[0].Units), len(ab))
	}
	for i, u := range back.Files[0].Units {
		if u.ID != ab[i].ID || u.Source != ab[i].Source || len(u.Notes) != 1 || u.Notes[0].Text != ab[i].Note || u.HasTarget {
			t.Errorf("unit %d: %+v, want %+v", i, u, ab[i])
		}
	}
}

// TestUnitsOfOtherRoles: framework roles used as they are (random corpus
// pages when the corpus is beside the repository, the awkward role
// always) give units with valid, unique ids and no empty text, and every
// duty the JD lists is a unit.
func TestUnitsOfOtherRoles(t *testing.T) {
	awkward := pages(t, []string{"../compose/testdata/awkward/data-and-analytics-insight-analyst-senior-insight-analyst.md"}, "org")
	extra := []*framework.Framework{awkward}
	targets := []translate.Target{{Role: "org/insight-analyst", Level: "senior-insight-analyst"}}
	corpus, _ := filepath.Glob("../../shared/corpus/ddat/*.md")
	if len(corpus) > 0 {
		r := rand.New(rand.NewSource(31)) // five pages, the same each run
		r.Shuffle(len(corpus), func(i, j int) { corpus[i], corpus[j] = corpus[j], corpus[i] })
		t.Logf("corpus pages: %v", corpus[:5])
		fw := pages(t, corpus[:5], "corpus")
		extra = append(extra, fw)
		for _, role := range fw.Roles {
			for _, l := range role.Levels {
				targets = append(targets, translate.Target{Role: "corpus/" + role.ID, Level: l.ID})
			}
		}
	}
	cfg, lib := setup(t, extra...)
	for _, tg := range targets {
		tg := tg
		us := units(t, cfg, lib, tg)
		seen := map[string]bool{}
		for _, u := range us {
			if !xliff.ValidID(u.ID) || seen[u.ID] || strings.TrimSpace(u.Source) == "" || u.Note == "" {
				t.Errorf("%s %s: unit %+v", tg.Role, tg.Level, u)
			}
			seen[u.ID] = true
		}
		c, err := compose.NewContext(cfg, lib, tg.Role, tg.Level, date)
		if err != nil {
			t.Fatal(err)
		}
		src := map[string]bool{}
		for _, u := range us {
			src[u.Source] = true
		}
		for _, d := range c.Selected.Duties {
			if !src[d] {
				t.Errorf("%s %s: the duty %q is no unit", tg.Role, tg.Level, d)
			}
		}
	}
}

func TestExportPrefillsAndImportChecks(t *testing.T) {
	cfg, lib := setup(t)
	us := units(t, cfg, lib, translate.Target{Role: cfg.Role, Level: cfg.Level, Vacancy: cfg.Vacancy})
	title, about := us[0], compose.Unit{}
	for _, u := range us {
		if u.ID == "organisation.about" {
			about = u
		}
	}
	have := config.Translations{
		title.ID: {Source: title.Source, Target: "Pennaeth peirianneg data"},
		about.ID: {Source: "An older about.", Target: "Amdanom ni gynt."},
	}
	doc := translate.Export(us, "cy", have, translate.Scope{Manifest: "v.csv"}, "test")
	got := map[string]xliff.Unit{}
	for _, u := range doc.Files[0].Units {
		got[u.ID] = u
	}
	if u := got[title.ID]; u.State != "translated" || u.Target != "Pennaeth peirianneg data" {
		t.Errorf("a current translation is not pre-filled as translated: %+v", u)
	}
	if u := got[about.ID]; u.State != "initial" || len(u.Notes) != 2 || !strings.Contains(u.Notes[1].Text, "An older about.") {
		t.Errorf("a stale translation is not a draft with a note: %+v", u)
	}

	// Back from the translator: the title confirmed, about still a draft,
	// one unit of an entry since removed, one whose English changed.
	f := &doc.Files[0]
	f.Units = append(f.Units, xliff.Unit{ID: "ddat.gone.skill-x.name", Source: "X", Target: "X", HasTarget: true, Line: 900})
	for i := range f.Units {
		f.Units[i].Line = i + 1
		if f.Units[i].ID == us[1].ID {
			f.Units[i].Source, f.Units[i].Target, f.Units[i].HasTarget = "Something else.", "Rhywbeth arall.", true
		}
	}
	for i := range f.Units {
		if f.Units[i].ID == title.ID {
			f.Units[i].Source = "  Head of data\n   engineering " // as a tool that folds white space may give it
		}
	}
	into := &config.TranslationsFile{Language: "cy", Units: config.Translations{"kept.unit": {Source: "a", Target: "b"}, title.ID: {Source: title.Source, Target: "Hen deitl"}}}
	problems, merged, changed, err := translate.Import(doc, us, into)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, p := range problems {
		kinds[p.ID] = p.Kind
		if p.Line == 0 {
			t.Errorf("%s: no line", p.ID)
		}
	}
	if merged != 1 || kinds[about.ID] != translate.Draft || kinds["ddat.gone.skill-x.name"] != translate.Unknown || kinds[us[1].ID] != translate.Stale || kinds[us[2].ID] != translate.Missing {
		t.Errorf("merged %d, problems %v", merged, kinds)
	}
	if len(changed) != 1 || changed[0] != title.ID {
		t.Errorf("changed %v: the title's translation replaces another", changed)
	}
	if into.Units["kept.unit"].Target != "b" || into.Units[title.ID].Target != "Pennaeth peirianneg data" || into.Units[title.ID].Source != title.Source {
		t.Errorf("merged file: %+v", into.Units)
	}
	if _, _, _, err := translate.Import(doc, us, &config.TranslationsFile{Language: "fr"}); err == nil {
		t.Error("a Welsh document merged into a French translations file")
	}
}

// TestPlanAndMapUnitsAreOrderFree: two development plans and the career
// map, in either order, give the same units, each id with one English
// text; a plan's units name its move; the scope note reads back.
func TestPlanAndMapUnitsAreOrderFree(t *testing.T) {
	cfg, lib := setup(t)
	docs := []string{translate.DocPlan, translate.DocMap}
	a := translate.Target{Role: "data-engineer", Level: "mid", Vacancy: cfg.Vacancy, Docs: docs, Plan: config.PDPConfig{From: "mid", To: "senior"}}
	b := translate.Target{Role: "data-engineer", Level: "senior", Vacancy: cfg.Vacancy, Docs: docs, Plan: config.PDPConfig{From: "senior", To: "head"}}
	ab, ba := units(t, cfg, lib, a, b), units(t, cfg, lib, b, a)
	if strings.Join(idSources(ab), "\n") != strings.Join(idSources(ba), "\n") {
		t.Error("the units depend on the order of the plans")
	}
	notes := ""
	for _, u := range ab {
		notes += u.Note + "\n"
	}
	for _, want := range []string{"a development plan from Data engineer, Mid to Data engineer, Senior", "a development plan from Data engineer, Senior to Data engineer, Head", "the career map of Data engineer"} {
		if !strings.Contains(notes, want) {
			t.Errorf("no unit's note names %q", want)
		}
	}
	for _, u := range ab {
		if strings.HasSuffix(u.ID, ".duty") {
			t.Errorf("unit %s: a JD's duty among the plan's and map's", u.ID)
		}
	}
	sc := translate.Scope{Role: "data-engineer", Level: "mid", Docs: []string{"pdp", "progression"}, From: "mid", To: "senior"}
	doc := translate.Export(ab, "cy", nil, sc, "test")
	back, err := xliff.Parse("cy.xlf", doc.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := translate.ScopeOf(back); !ok || !reflect.DeepEqual(got, sc) {
		t.Errorf("scope read back: %+v, want %+v", got, sc)
	}
	m := translate.Scope{Manifest: "team sheet.csv", Kind: "pdp"}
	back, _ = xliff.Parse("cy.xlf", translate.Export(nil, "cy", nil, m, "test").Marshal())
	if got, ok := translate.ScopeOf(back); !ok || !reflect.DeepEqual(got, m) {
		t.Errorf("manifest scope read back: %+v", got)
	}
}

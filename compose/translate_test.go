package compose_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/composetest"
	"github.com/rolepack/rolepack/config"
)

var translateDate = time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)

func welshContext(t *testing.T, cfg *config.Config, lib *compose.Library) *compose.Context {
	t.Helper()
	c := *cfg
	c.Language = "cy"
	ctx, err := compose.NewContext(&c, lib, cfg.Role, cfg.Level, translateDate)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

func TestUnitsHaveStableUniqueIDs(t *testing.T) {
	cfg, lib := composetest.Default(t)
	ctx, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, translateDate)
	if err != nil {
		t.Fatal(err)
	}
	units := ctx.Units()
	if len(units) < 40 {
		t.Fatalf("%d units for the default role: want every framework and config string", len(units))
	}
	seen := map[string]bool{}
	for _, u := range units {
		if seen[u.ID] {
			t.Errorf("id %s twice", u.ID)
		}
		seen[u.ID] = true
		if u.Note == "" || u.Source == "" {
			t.Errorf("%s: note %q source %q", u.ID, u.Note, u.Source)
		}
		for _, r := range u.ID {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
				t.Errorf("%s: %q is not in a unit id", u.ID, r)
				break
			}
		}
		t.Logf("%s\t%s\t%.60s", u.ID, u.Note, u.Source)
	}
	again, _ := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, translateDate)
	u2 := again.Units()
	for i := range units {
		if units[i].ID != u2[i].ID || units[i].Source != u2[i].Source {
			t.Fatalf("unit %d differs between runs: %s, %s", i, units[i].ID, u2[i].ID)
		}
	}
	for _, want := range []string{
		"role.data-engineer.head.title",
		"ddat.data-engineer.head-of-data-engineering.purpose-1",
		"organisation.about",
	} {
		if !seen[want] {
			t.Errorf("no unit %s", want)
		}
	}
}

func TestTranslationsAreUsedWholeAndOnlyWhenCurrent(t *testing.T) {
	cfg, lib := composetest.Default(t)
	en, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, translateDate)
	if err != nil {
		t.Fatal(err)
	}
	src := map[string]string{}
	for _, u := range en.Units() {
		src[u.ID] = u.Source
	}
	duty := "ddat.data-engineer.head-of-data-engineering.responsibility-1.duty"
	purpose := "ddat.data-engineer.head-of-data-engineering.purpose-1"
	name := "ddat.data-engineer.skill-data-modelling.name"
	title := "role.data-engineer.head.title"
	for _, id := range []string{duty, purpose, name, title} {
		if src[id] == "" {
			t.Fatalf("no unit %s", id)
		}
	}
	c := *cfg
	c.Translated = map[string]config.Translations{"cy": {
		duty:                {Source: src[duty], Target: "Ysbrydoli arfer gorau ar gyfer cynhyrchion a gwasanaethau data yn eich timau."},
		purpose:             {Source: "An older purpose.", Target: "Diben hŷn."}, // stale
		name:                {Source: src[name], Target: "Modelu data"},          // its detail has none: the item stays English
		title:               {Source: src[title], Target: "Pennaeth peirianneg data"},
		"organisation.name": {Source: cfg.Organisation.Name, Target: "Gwasanaeth Data Iechyd Enghreifftiol"},
	}}
	ctx := welshContext(t, &c, lib)
	if ctx.Selected.Duties[0] != "Ysbrydoli arfer gorau ar gyfer cynhyrchion a gwasanaethau data yn eich timau." {
		t.Errorf("duty 1: %q", ctx.Selected.Duties[0])
	}
	if ctx.Selected.Purpose[0] != src[purpose] {
		t.Errorf("a stale translation was used: %q", ctx.Selected.Purpose[0])
	}
	if ctx.Title != "Pennaeth peirianneg data" || !strings.HasPrefix(ctx.Footer, "Pennaeth peirianneg data · ") {
		t.Errorf("title %q, footer %q", ctx.Title, ctx.Footer)
	}
	for _, b := range ctx.Selected.Bring {
		if b.Title == "Modelu data" {
			t.Error("a skill's name is Welsh while what it means is English: two languages in one item")
		}
	}
	left := strings.Join(ctx.Untranslated, "\n")
	if strings.Contains(left, "Inspire best practice") || !strings.Contains(left, src[purpose]) || !strings.Contains(left, "Data modelling") {
		t.Errorf("untranslated list:\n%s", left)
	}
	if ctx.EnglishNote() != "doc.frameworkPartlyEnglish" {
		t.Errorf("note %q", ctx.EnglishNote())
	}
	// The organisation's name alone is not used: it is printed with its
	// department.
	if ctx.Organisation.Name != cfg.Organisation.Name {
		t.Errorf("organisation %q", ctx.Organisation.Name)
	}
	// The record, in English, gives the English text.
	if en2 := ctx.InEnglish(); en2.Title != src[title] || en2.Selected.Duties[0] != en.Selected.Duties[0] || !strings.HasPrefix(en2.Footer, src[title]+" · ") {
		t.Errorf("InEnglish: title %q, duty %q, footer %q", en2.Title, en2.Selected.Duties[0], en2.Footer)
	}
	// The shared selection is not changed: an English context of the same
	// composer is as before.
	if en.Selected.Duties[0] == ctx.Selected.Duties[0] {
		t.Error("the English context's duty changed")
	}
	c.Translated["cy"]["organisation.department"] = config.Translation{Source: cfg.Organisation.Department, Target: "Data a Dadansoddi"}
	named := welshContext(t, &c, lib)
	if named.Organisation.Name != "Gwasanaeth Data Iechyd Enghreifftiol" || !strings.Contains(named.Control, "Data a Dadansoddi, Gwasanaeth Data Iechyd Enghreifftiol") || strings.Contains(named.Footer, cfg.Organisation.Name) {
		t.Errorf("organisation %q, control %q, footer %q", named.Organisation.Name, named.Control, named.Footer)
	}
	plain := welshContext(t, cfg, lib)
	if plain.EnglishNote() != "doc.frameworkEnglish" || plain.Selected.Duties[0] != en.Selected.Duties[0] {
		t.Errorf("with no translations: note %q, duty %q", plain.EnglishNote(), plain.Selected.Duties[0])
	}
}

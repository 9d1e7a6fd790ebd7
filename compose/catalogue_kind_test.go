package compose

import (
	"testing"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
)

// TestCatalogueEntriesKeepTheirKind: a spreadsheet catalogue's kind
// column (a behaviour among skills) reaches the composed role, and a
// source's kinds filter applies to it.
func TestCatalogueEntriesKeepTheirKind(t *testing.T) {
	fw := &framework.Framework{ID: "sheet", Name: "Sheet", Catalogues: []framework.Catalogue{{
		ID: "c", Title: "Competencies", Levels: []framework.Level{{ID: "l1", Label: "Level 1"}},
		Categories: []framework.Category{{Title: "Core", Skills: []framework.Skill{
			{Title: "Modelling", Levels: []framework.SkillLevel{{Level: "l1", Descriptors: []string{"models data"}}}},
			{Title: "Teamwork", Kind: framework.KindBehaviour, Code: "B1", Levels: []framework.SkillLevel{{Level: "l1", Descriptors: []string{"works with others"}}}},
		}}},
	}}}
	lib, err := NewLibrary(fw)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		kinds              string
		skills, behaviours int
	}{{"", 1, 1}, {"\n        kinds: [behaviour]", 0, 1}} {
		cfg, err := config.LoadConfig("cfg.yaml", []byte(`
ladder: [{id: one, label: One}]
roles:
  r:
    title: Role
    sources:
      - framework: sheet
        catalogue: c`+tc.kinds+`
        levels: {one: l1}
`))
		if err != nil {
			t.Fatal(err)
		}
		c, err := Compose(cfg, lib, "r", "one")
		if err != nil {
			t.Fatal(err)
		}
		if got := len(c.Kind("skill")); got != tc.skills {
			t.Errorf("kinds %q: %d skills, want %d", tc.kinds, got, tc.skills)
		}
		b := c.Kind("behaviour")
		if len(b) != tc.behaviours || b[0].Code != "B1" {
			t.Errorf("kinds %q: behaviours %+v", tc.kinds, b)
		}
	}
}

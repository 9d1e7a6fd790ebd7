package careermap_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/careermap"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/plan"
)

// mapIn is the default role's career map in language lang with
// translations tr.
func mapIn(t *testing.T, lang string, tr config.Translations) *careermap.Ladder {
	t.Helper()
	cfg, lib := ladderLib(t, "")
	cfg.Language = config.Languages(lang)
	cfg.Translated = map[string]config.Translations{"cy": tr}
	ctx, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, ladderDate)
	if err != nil {
		t.Fatal(err)
	}
	lc, err := careermap.With(context.Background(), ctx)
	if err != nil {
		t.Fatal(err)
	}
	return careermap.Of(lc)
}

// TestLadderTranslated: the map's units have one English text an id, the
// same on every run; a cell whose every descriptor is translated is given
// in Welsh whole, one with a descriptor untranslated stays English; the
// level names translated name the columns, the spans and "as at"; the
// English left is listed.
func TestLadderTranslated(t *testing.T) {
	us := mapIn(t, "en-GB", nil).Units()
	if again := mapIn(t, "en-GB", nil).Units(); !slices.EqualFunc(us, again, func(a, b compose.Unit) bool { return a.ID == b.ID && a.Source == b.Source }) {
		t.Error("two runs give different units")
	}
	seen := map[string]string{}
	for _, u := range us {
		if s, ok := seen[u.ID]; ok && s != u.Source {
			t.Errorf("unit %s has two texts", u.ID)
		}
		seen[u.ID] = u.Source
	}
	// the Entry cell of "Data catalogue": its descriptors
	var cell, half []compose.Unit
	var colD1 compose.Unit
	for _, u := range us {
		if strings.Contains(u.ID, ".entry.skill-data-catalogue.d") {
			cell = append(cell, u)
		}
		if strings.Contains(u.ID, ".entry.skill-data-visualisation.d") || strings.Contains(u.ID, ".entry.skill-column-storage-databases.d1.") {
			half = append(half, u)
		}
		if strings.Contains(u.ID, ".entry.skill-column-storage-databases.d1.") {
			colD1 = u
		}
	}
	if len(cell) < 2 {
		t.Fatalf("the Entry cell of Data catalogue has %d units", len(cell))
	}
	tr := config.Translations{}
	for _, u := range append(cell, half...) {
		tr[u.ID] = config.Translation{Source: u.Source, Target: "Cy " + u.Source}
	}
	// the title and the level names, printed together (the heading, the
	// columns): all or none
	welsh := map[string]string{"Data engineer": "Peiriannydd data", "Entry": "Mynediad", "Mid": "Canol", "Senior": "Uwch", "Head": "Pennaeth"}
	for _, u := range us {
		if strings.HasPrefix(u.ID, "ladder.") || u.ID == "role.data-engineer.title" {
			tr[u.ID] = config.Translation{Source: u.Source, Target: welsh[u.Source]}
		}
	}
	if l := mapIn(t, "cy", without(tr, "ladder.head.label")); l.Title != "Data engineer" || l.Rungs[2].Label != "Senior" {
		t.Errorf("the heading and columns are half Welsh: %q, %+v", l.Title, l.Rungs)
	}
	l := mapIn(t, "cy", tr)
	var got, column []careermap.Descriptor
	for _, s := range l.Sections {
		for _, g := range s.Groups {
			for _, r := range g.Rows {
				switch r.Title {
				case "Data catalogue":
					got = r.Cells[0].Descriptors
				case "Column storage databases":
					column = r.Cells[0].Descriptors
				}
				for _, c := range r.Cells {
					if c.AsAt == "Senior" {
						t.Errorf("%s: \"as at\" names the level in English", r.Title)
					}
				}
			}
		}
	}
	if len(got) != len(cell) || got[0].Text != "Cy "+cell[0].Source || len(got[0].Parts) != 1 || got[0].Parts[0].New {
		t.Errorf("the translated cell: %+v", got)
	}
	if len(column) < 2 || strings.HasPrefix(column[0].Text, "Cy ") {
		t.Errorf("a cell with one descriptor of several translated is not English whole: %+v", column)
	}
	if !slices.ContainsFunc(l.Rungs, func(r careermap.LadderRung) bool { return r.Label == "Uwch" }) || !strings.Contains(l.Footer(), "Peiriannydd data · Mynediad i Pennaeth") {
		t.Errorf("the level names: %+v; footer %q", l.Rungs, l.Footer())
	}
	if !l.Unmarked() || l.TranslatedUnits() == 0 || slices.Contains(l.UntranslatedText(), "Data engineer") || !slices.Contains(l.UntranslatedText(), colD1.Source) {
		t.Errorf("translated %d, left %d", l.TranslatedUnits(), len(l.UntranslatedText()))
	}
}

// without is tr without the unit id.
func without(tr config.Translations, id string) config.Translations {
	out := config.Translations{}
	for k, v := range tr {
		if k != id {
			out[k] = v
		}
	}
	return out
}

// A career map whose context is cancelled stops between rungs with the
// context's error, and a plan likewise before it composes.
func TestStoppedByItsContext(t *testing.T) {
	cfg, lib := ladderLib(t, "")
	rc, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, ladderDate)
	if err != nil {
		t.Fatal(err)
	}
	stopped, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := careermap.With(stopped, rc); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled career map: %v, want context.Canceled", err)
	}
	if err := plan.Add(stopped, rc); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled plan: %v, want context.Canceled", err)
	}
	if _, err := careermap.With(context.Background(), rc); err != nil {
		t.Errorf("the same map not cancelled: %v", err)
	}
}

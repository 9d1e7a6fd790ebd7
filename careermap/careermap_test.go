package careermap_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/careermap"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/framework/importer"
)

var ladderDate = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// ladderCorpus is the DDaT role pages the corpus tests import.
const ladderCorpus = "../../shared/corpus/ddat"

// ladderLib is the default config and the embedded frameworks, with the
// corpus's DDaT roles as framework ddatc when pattern matches corpus
// pages (the test is skipped when it matches none).
func ladderLib(t *testing.T, pattern string) (*config.Config, *compose.Library) {
	t.Helper()
	cfg, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	if pattern != "" {
		paths, _ := filepath.Glob(filepath.Join(ladderCorpus, pattern))
		if len(paths) == 0 {
			t.Skip("corpus not present at " + ladderCorpus)
		}
		fw, _, err := importer.Import(paths, importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		fw.ID = "ddatc"
		fws = append(fws, fw)
	}
	lib, err := compose.NewLibrary(fws...)
	if err != nil {
		t.Fatal(err)
	}
	return cfg, lib
}

// TestLadderMaps checks the career maps of the default role and two
// corpus roles: titled by the role, never a rung; rungs in ladder order
// with the level asked for marked; spans of at most MaxLadderColumns
// rungs covering every rung, each step up within one; every table row asked at some rung of
// its span; one level-name form; no cell bold throughout; steady rows
// asking the same wherever they are asked.
func TestLadderMaps(t *testing.T) {
	for _, tc := range []struct {
		name, pattern, role, level, title string
		rungs                             int
	}{
		{"default data engineer", "", "data-engineer", "head", "Data engineer", 4},
		{"corpus data scientist", "data-data-scientist-*.md", "ddatc/data-scientist", "lead-data-scientist", "Data scientist", 6},
		{"corpus delivery manager", "*delivery-manager*.md", "ddatc/delivery-manager", "delivery-manager", "Delivery manager", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, lib := ladderLib(t, tc.pattern)
			l, err := careermap.New(context.Background(), cfg, lib, tc.role, tc.level, ladderDate)
			if err != nil {
				t.Fatal(err)
			}
			if l.Title != tc.title {
				t.Errorf("title %q, want %q", l.Title, tc.title)
			}
			if !strings.HasPrefix(l.Footer(), tc.title+" · ") {
				t.Errorf("footer %q does not open with the role's title", l.Footer())
			}
			if tc.rungs > 0 && len(l.Rungs) != tc.rungs {
				t.Errorf("%d rungs, want %d", len(l.Rungs), tc.rungs)
			}
			current := 0
			for _, r := range l.Rungs {
				if r.Current {
					current++
					if r.ID != tc.level {
						t.Errorf("rung %s marked current, asked for %s", r.ID, tc.level)
					}
				}
				if r.Empty {
					t.Errorf("rung %s shown with nothing in it", r.ID)
				}
			}
			if current != 1 {
				t.Errorf("%d rungs marked current", current)
			}
			// Spans cover the rungs in order, each after the first opening
			// with the last rung of the one before (every step up side by
			// side in some table).
			next := 0
			for i, sp := range l.Spans {
				if sp.First != next || sp.Last <= sp.First || sp.Last-sp.First+1 > careermap.MaxLadderColumns {
					t.Errorf("span %d %+v, want it to open at rung %d", i, sp, next)
				}
				next = sp.Last
			}
			if next != len(l.Rungs)-1 {
				t.Errorf("spans end at rung %d of %d", next, len(l.Rungs))
			}
			for _, s := range l.Sections {
				for _, g := range s.Groups {
					for _, tb := range l.Tables(g) {
						for _, r := range tb.Rows {
							asked := false
							for _, c := range r.Cells {
								asked = asked || c.State == careermap.CellPresent
							}
							if !asked || len(r.Cells) != len(tb.Rungs) || r.Steady {
								t.Errorf("%s %q in the table of %s: %d cells, asked %v, steady %v", s.Kind, r.Title, tb.Span.Label, len(r.Cells), asked, r.Steady)
							}
						}
					}
					for _, r := range g.Rows {
						checkLadderRow(t, r, l.Rungs)
					}
				}
			}
		})
	}
}

func checkLadderRow(t *testing.T, r careermap.LadderRow, rungs []careermap.LadderRung) {
	t.Helper()
	var asked []careermap.LadderCell
	for i, c := range r.Cells {
		if c.State != careermap.CellPresent {
			continue
		}
		asked = append(asked, c)
		if strings.Contains(c.Level, "Level ") && len(strings.Fields(c.Level)) == 2 && strings.ContainsAny(c.Level, "OTFSEN") && !strings.ContainsAny(c.Level, "0123456789") {
			t.Errorf("%q at %s: level %q spelled out, want \"Level N\"", r.Title, rungs[i].ID, c.Level)
		}
		if c.SameAsBelow && (i == 0 || c.AsAt != rungs[i-1].Label) {
			t.Errorf("%q at %s: as at %q", r.Title, rungs[i].ID, c.AsAt)
		}
		if strings.EqualFold(c.Label, rungs[i].Label) {
			t.Errorf("%q at %s: label %q repeats the rung", r.Title, rungs[i].ID, c.Label)
		}
		words, bold := 0, 0
		for _, d := range c.Descriptors {
			for _, p := range d.Parts {
				n := len(strings.Fields(p.Text))
				words += n
				if p.New {
					bold += n
				}
			}
		}
		if words > 0 && bold == words {
			t.Errorf("%q at %s: every word bold", r.Title, rungs[i].ID)
		}
	}
	if len(asked) == 0 {
		t.Errorf("%q is asked at no rung", r.Title)
	}
	if r.Steady {
		for _, c := range asked[1:] {
			if !c.SameAsBelow {
				t.Errorf("%q is steady but changes", r.Title)
			}
		}
		if r.At == "" {
			t.Errorf("steady %q does not say where it is asked", r.Title)
		}
	}
}

// TestLadderOneLevel: a role with one level has no career map, and says
// so in one line.
func TestLadderOneLevel(t *testing.T) {
	cfg, lib := ladderLib(t, "")
	_, err := careermap.New(context.Background(), cfg, lib, "ncf/head-of-data-ethics", "head-of-data-ethics", ladderDate)
	want := "career map: ncf/head-of-data-ethics has one level; a career map needs two or more"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

// TestLadderSteadyAndOneLevel: the default role's entries asked at head
// only are named in their section's one-level list, by rung; the entries
// that ask the same at two or more rungs are listed once, with where; and
// neither is in a table.
func TestLadderSteadyAndOneLevel(t *testing.T) {
	cfg, lib := ladderLib(t, "")
	l, err := careermap.New(context.Background(), cfg, lib, "data-engineer", "head", ladderDate)
	if err != nil {
		t.Fatal(err)
	}
	named := 0
	for _, s := range l.Sections {
		inTable := map[string]bool{}
		for _, g := range s.Groups {
			for _, tb := range l.Tables(g) {
				for _, r := range tb.Rows {
					inTable[r.Title] = true
				}
			}
		}
		for _, o := range l.OneLevel(s) {
			for _, title := range o.Titles {
				named++
				if inTable[title] {
					t.Errorf("%s %q asked at %s only is in a table", s.Kind, title, o.Rung.ID)
				}
			}
		}
		for _, r := range s.Steady() {
			asked := 0
			for _, c := range r.Cells {
				if c.State == careermap.CellPresent {
					asked++
				}
			}
			if asked < 2 || inTable[r.Title] || r.At == "" {
				t.Errorf("%s %q listed the same at each level: asked at %d rungs, in a table %v, at %q", s.Kind, r.Title, asked, inTable[r.Title], r.At)
			}
		}
	}
	if named == 0 {
		t.Error("the default role has no entry asked at one level only (its ddat and ncf entries are at head only)")
	}
}

// TestLadderCellsSayEachDescriptorOnce: a corpus page that gives a skill
// under two headings (the data analyst's "Managing a data project", three
// times) gives its descriptors again; a map cell says each once.
func TestLadderCellsSayEachDescriptorOnce(t *testing.T) {
	cfg, lib := ladderLib(t, "data-data-analyst-*.md")
	l, err := careermap.New(context.Background(), cfg, lib, "ddatc/data-analyst", "principal-data-analyst", ladderDate)
	if err != nil {
		t.Fatal(err)
	}
	cells := 0
	for _, s := range l.Sections {
		for _, g := range s.Groups {
			for _, r := range g.Rows {
				for i, c := range r.Cells {
					seen := map[string]bool{}
					for _, d := range c.Descriptors {
						k := strings.ToLower(d.Text)
						if seen[k] {
							t.Errorf("%s at %s says %q twice", r.Title, l.Rungs[i].Label, d.Text)
						}
						seen[k] = true
					}
					if r.Title == "Managing a data project" && c.State == careermap.CellPresent {
						cells++
					}
				}
			}
		}
	}
	if cells == 0 {
		t.Error("no cell of Managing a data project: the corpus page changed")
	}
}

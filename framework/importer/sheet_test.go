package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework"
)

// TestImportSheet: a .csv is recognised as a spreadsheet, --from csv forces
// it for any name, and the options set id, name and provenance.
func TestImportSheet(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "skills.csv")
	txt := filepath.Join(dir, "skills.txt")
	src := []byte("Skills 2026\nSkill,Level,Descriptor\nModelling,Entry,draws a model\n")
	for _, p := range []string{csv, txt} {
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, _, err := Import([]string{csv}, Options{})
	if err != nil || f.Format != "sheet" || f.ID != "skills-2026" || f.Source.Title != "Skills 2026" {
		t.Fatalf("Import(csv) = %+v, %v", f, err)
	}
	if _, _, err := Import([]string{txt}, Options{}); err == nil {
		t.Error("a .txt CSV was recognised without --from")
	}
	f, _, err = Import([]string{txt}, Options{From: "csv", ID: "ours", Name: "Our skills", Publisher: "Us", Licence: "MIT", URL: "https://example.org"})
	if err != nil {
		t.Fatal(err)
	}
	want := framework.Source{Title: "Skills 2026", Publisher: "Us", Licence: "MIT", URL: "https://example.org", Files: []string{txt}}
	if f.ID != "ours" || f.Name != "Our skills" || f.Source.Title != want.Title || f.Source.Publisher != want.Publisher ||
		f.Source.Licence != want.Licence || f.Source.URL != want.URL {
		t.Errorf("framework %q %q %+v", f.ID, f.Name, f.Source)
	}
	if _, _, err := Import([]string{csv, seedMatrix}, Options{}); err == nil || !strings.Contains(err.Error(), "import files of one format at a time") {
		t.Errorf("mixed sheet and matrix: %v", err)
	}
	if _, _, err := Import([]string{csv}, Options{ID: "Not a slug"}); err == nil {
		t.Error("a bad --id was accepted")
	}
	// Validate reads sheets too.
	if ps := Validate([]string{csv}, Options{}); framework.HasErrors(ps) {
		t.Errorf("validate: %s", lines(ps))
	}
}

// TestProvenanceNotGuessed: a matrix page does not say who published it or
// its licence, so an import carries none unless given (issue 16: every
// matrix was stamped as the UoM SDE skills framework, MIT).
func TestProvenanceNotGuessed(t *testing.T) {
	f, _, err := Import([]string{seedMatrix}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Source.Title != "" || f.Source.Publisher != "" || f.Source.Licence != "" || f.Source.URL != "" || f.ID == "sde-skills" {
		t.Errorf("guessed provenance: id %q, %+v", f.ID, f.Source)
	}
	f, _, err = Import([]string{seedMatrix}, Options{Licence: "MIT", Publisher: "UoM", URL: "https://example.org/m"})
	if err != nil || f.Source.Licence != "MIT" || f.Source.Publisher != "UoM" || f.Source.URL != "https://example.org/m" {
		t.Errorf("flags not applied: %+v, %v", f.Source, err)
	}
}

// TestCorpusLevelOrder: imported from the 205 corpus files (names without
// level numbers), each role's levels run from the entry level up; these are
// the framework's own orders (uk-gdad role summaries, numbered files).
func TestCorpusLevelOrder(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("../../../shared/corpus", "ddat", "*.md"))
	if len(paths) == 0 {
		t.Skip("corpus not present")
	}
	f, _, err := Import(paths, Options{ID: "ddat"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"change-and-release-manager":         "Configuration analyst|Change and release analyst|Change and release manager",
		"command-and-control-centre-manager": "Operations analyst|Senior operations analyst|Operational control manager|Head of command and control",
		"service-desk-manager":               "Service desk analyst|Senior service desk analyst|Service desk manager|Head of service desk",
		"service-transition-manager":         "Service acceptance analyst|Service readiness analyst|Service transition manager|Lead service transition manager",
		"it-service-manager":                 "IT service analyst|IT service manager|Senior IT service manager|Head of IT service management",
		"data-scientist":                     "Trainee data scientist|Associate data scientist|Data scientist|Lead data scientist|Principal data scientist|Head of data science",
	}
	retired := 0
	for _, r := range f.Roles {
		var got []string
		for _, l := range r.Levels {
			got = append(got, l.Title)
			if l.Retired {
				retired++
			}
		}
		if w, ok := want[r.ID]; ok && strings.Join(got, "|") != w {
			t.Errorf("%s levels:\n%s\nwant:\n%s", r.ID, strings.Join(got, "|"), w)
		}
	}
	if retired != 4 {
		t.Errorf("%d retired levels kept and marked, want 4", retired)
	}
}

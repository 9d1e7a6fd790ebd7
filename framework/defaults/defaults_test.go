package defaults

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework"
)

// TestEmbeddedYAMLIsAFreshImport fails when the embedded frameworks and the
// importers drift apart: run `go generate ./framework/defaults`.
func TestEmbeddedYAMLIsAFreshImport(t *testing.T) {
	for _, s := range Sources {
		fresh, err := Build("sources", s)
		if err != nil {
			t.Fatal(err)
		}
		embedded, err := Embedded(s.YAML)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fresh, embedded) {
			t.Errorf("%s differs from a fresh import of %s: run go generate ./framework/defaults", s.YAML, s.File)
		}
	}
}

// TestSeedCopiesMatchShared checks the repository's seed copies against
// ../shared/seeds when that folder is there.
func TestSeedCopiesMatchShared(t *testing.T) {
	seeds := map[string]string{
		"ddat-data-engineer-head-of-data-engineering.txt": "000_cce5c1527e6848b8.txt",
		"matrix-data-management-engineering.md":           "001_1283b2605733ee35.txt",
		"fedip-head-of-data-ethics.txt":                   "002_422357c84a15084b.txt",
	}
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no ../shared/seeds")
	}
	for ours, theirs := range seeds {
		a, _ := os.ReadFile(filepath.Join("sources", ours))
		b, err := os.ReadFile(filepath.Join(dir, theirs))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("sources/%s is not a byte copy of seeds/%s", ours, theirs)
		}
	}
}

func load(t *testing.T) map[string]*framework.Framework {
	t.Helper()
	fws, err := Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]*framework.Framework{}
	for _, f := range fws {
		m[f.ID] = f
	}
	return m
}

func seedLines(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("sources", name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\n")
}

// TestDDaTSeedIsComplete reads seed 000 line by line, independently of the
// importer, and finds every line's text in the embedded framework.
func TestDDaTSeedIsComplete(t *testing.T) {
	f := load(t)["ddat"]
	if len(f.Roles) != 1 || len(f.Roles[0].Levels) != 1 {
		t.Fatalf("want 1 role with 1 level, got %+v", f.Roles)
	}
	r, l := f.Roles[0], f.Roles[0].Levels[0]
	if r.Title != "Data engineer" || r.Family != "Data" || l.Title != "Head of data engineering" {
		t.Errorf("role %q (%q) level %q", r.Title, r.Family, l.Title)
	}
	if len(r.Description) != 1 || len(l.Summary) != 1 || len(l.Responsibilities) != 3 || len(l.Entries) != 10 {
		t.Errorf("description %d, summary %d, responsibilities %d, skills %d; want 1, 1, 3, 10",
			len(r.Description), len(l.Summary), len(l.Responsibilities), len(l.Entries))
	}
	bySkill := map[string][]string{}
	total := 0
	for _, e := range l.Entries {
		bySkill[e.Title] = e.Descriptors
		total += len(e.Descriptors)
	}
	if total != 27 {
		t.Errorf("%d descriptor lines, want 27", total)
	}
	block, skill := "", ""
	for n, line := range seedLines(t, "ddat-data-engineer-head-of-data-engineering.txt") {
		line = strings.ReplaceAll(line, "â€™", "’")
		switch {
		case strings.HasPrefix(line, "Skill: "):
			block, skill = "skill", strings.TrimPrefix(line, "Skill: ")
			if _, ok := bySkill[skill]; !ok {
				t.Errorf("line %d: skill %q missing", n+1, skill)
			}
		case strings.HasPrefix(line, "Role level: "):
			block = "level"
		case line == "At this role level, you will:":
			block = "resp"
		case strings.HasPrefix(line, "-"):
			text := strings.TrimSpace(strings.TrimPrefix(line, "-"))
			var in []string
			switch block {
			case "":
				in = r.Description
			case "level":
				in = l.Summary
			case "resp":
				in = l.Responsibilities
			case "skill":
				in = bySkill[skill]
			}
			if !contains(in, text) {
				t.Errorf("line %d: %q is not in the embedded data", n+1, text)
			}
		}
	}
	if !contains(bySkill["Data modelling"], "produce, maintain and update relevant data models for an organisation’s specific needs") {
		t.Error("the mojibake of line 35 is not repaired")
	}
}

// TestMatrixSeedIsComplete finds every descriptor line of seed 001 under
// its category, skill and level.
func TestMatrixSeedIsComplete(t *testing.T) {
	f := load(t)["sde-skills"]
	if len(f.Catalogues) != 1 {
		t.Fatalf("%d catalogues", len(f.Catalogues))
	}
	c := f.Catalogues[0]
	if c.Title != "Data Management & Engineering" || len(c.Categories) != 4 {
		t.Fatalf("catalogue %q with %d categories", c.Title, len(c.Categories))
	}
	got := map[string][]string{} // "category/skill/level" → descriptors
	skills, total := 0, 0
	for _, cg := range c.Categories {
		for _, sk := range cg.Skills {
			skills++
			if len(sk.Levels) != 3 {
				t.Errorf("%s has %d levels", sk.Title, len(sk.Levels))
			}
			for _, sl := range sk.Levels {
				got[cg.Title+"/"+sk.Title+"/"+sl.Level] = sl.Descriptors
				total += len(sl.Descriptors)
			}
		}
	}
	if skills != 11 || total != 71 {
		t.Errorf("%d skills and %d descriptors, want 11 and 71", skills, total)
	}
	tab := regexp.MustCompile(`^=== "(Entry|Mid|Senior) Level"$`)
	var cat, skill, level string
	for n, line := range seedLines(t, "matrix-data-management-engineering.md") {
		switch {
		case strings.HasPrefix(line, "### "):
			skill = line[4:]
		case strings.HasPrefix(line, "## "):
			cat = line[3:]
		case tab.MatchString(line):
			level = strings.ToLower(tab.FindStringSubmatch(line)[1])
		case strings.HasPrefix(line, "    ") && strings.TrimSpace(line) != "":
			if !contains(got[cat+"/"+skill+"/"+level], strings.TrimSpace(line)) {
				t.Errorf("line %d: %q not under %s / %s / %s", n+1, strings.TrimSpace(line), cat, skill, level)
			}
		}
	}
}

// TestProfileSeedIsComplete finds every table row of seed 002 as an entry
// of the right kind, with its details, and checks the row count of each
// section.
func TestProfileSeedIsComplete(t *testing.T) {
	f := load(t)["ncf"]
	if len(f.Roles) != 1 {
		t.Fatalf("%d roles", len(f.Roles))
	}
	r := f.Roles[0]
	l := r.Levels[0]
	if r.Title != "Head of Data Ethics" || r.Body != "AphA" || len(r.References) != 1 {
		t.Errorf("title %q body %q references %v", r.Title, r.Body, r.References)
	}
	if len(l.Summary) != 1 || !strings.HasPrefix(l.Summary[0], "Sets direction for ethics in data initiatives.") || len(l.Summary[0]) != 482 {
		t.Errorf("summary %q", l.Summary)
	}
	wantRows := map[string]int{"Work Activity Components": 2, "Technical Skills": 4, "Other Skills": 2, "Training": 3,
		"Professional Development Activity (PDA)": 8, "Qualification Components": 1, "Behaviours": 26, "Leadership": 26,
		"Data Skills": 43, "Project Skills": 17}
	rows := map[string]int{}
	details := map[string]bool{}
	for _, e := range l.Entries {
		rows[e.Group]++
		details[e.Group+"|"+strings.Join(e.Descriptors, " ")] = true
		if b, ok := e.Attributes["Awarding Bodies"]; ok {
			details[e.Group+"|"+b] = true // a qualification's second column
		}
	}
	for g, n := range wantRows {
		if rows[g] != n {
			t.Errorf("%s: %d rows, want %d", g, rows[g], n)
		}
	}
	section := ""
	lines := seedLines(t, "fedip-head-of-data-ethics.txt")
	for n, line := range lines {
		if n+1 < len(lines) && strings.HasPrefix(lines[n+1], "Title |") {
			section = line
			continue
		}
		if strings.HasPrefix(line, "Title |") || strings.HasPrefix(line, "---") || !strings.Contains(line, " | ") {
			continue
		}
		cells := strings.Split(strings.TrimSuffix(strings.TrimSpace(line), " |"), " | ")
		if !details[section+"|"+cells[1]] {
			t.Errorf("line %d: %s row %q has no entry with its details", n+1, section, cells[0])
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

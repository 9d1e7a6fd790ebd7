package matrix

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/textprep"
)

// read prepares files of testdata (or any path).
func read(t testing.TB, paths ...string) []*textprep.Doc {
	t.Helper()
	var docs []*textprep.Doc
	for _, p := range paths {
		d, err := textprep.ReadFile(p)
		if err != nil {
			t.Fatalf("read %s: %v", p, err)
		}
		docs = append(docs, d)
	}
	return docs
}

// outline renders a framework's catalogues one line per skill level, so a
// test can compare the whole structure at once.
func outline(f *framework.Framework) string {
	var b strings.Builder
	for _, c := range f.Catalogues {
		var ls []string
		for _, l := range c.Levels {
			ls = append(ls, fmt.Sprintf("%s=%s/%d", l.ID, l.Label, l.Rank))
		}
		fmt.Fprintf(&b, "# %s [%s] %s\n", c.Title, c.ID, strings.Join(ls, " "))
		for _, cat := range c.Categories {
			fmt.Fprintf(&b, "## %s\n", cat.Title)
			for _, s := range cat.Skills {
				fmt.Fprintf(&b, "### %s\n", s.Title)
				for _, l := range s.Levels {
					fmt.Fprintf(&b, "%s: %s\n", l.Level, strings.Join(l.Descriptors, " | "))
				}
			}
		}
	}
	return b.String()
}

func problems(ps []framework.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

const seed = "../defaults/sources/matrix-data-management-engineering.md"

// TestSeed checks seed 001 against the counts of FORMATS.md §4.6.
func TestSeed(t *testing.T) {
	docs := read(t, seed)
	if !Detect(docs[0]) {
		t.Fatal("Detect(seed 001) = false")
	}
	f, probs, err := Parse(docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 0 {
		t.Errorf("seed 001 gave problems:\n%s", problems(probs))
	}
	// A matrix page does not say who published it: no guessed provenance.
	if f.ID != "data-management-engineering" || f.Name != "Data Management & Engineering" || f.Format != "matrix" ||
		f.Source.Title != "" || f.Source.Publisher != "" || f.Source.Licence != "" || f.Source.URL != "" || len(f.Source.Files) != 1 {
		t.Errorf("framework metadata = %+v", f)
	}
	if len(f.Catalogues) != 1 {
		t.Fatalf("catalogues = %d, want 1", len(f.Catalogues))
	}
	c := f.Catalogues[0]
	if c.Title != "Data Management & Engineering" || c.ID != "data-management-engineering" || c.From != seed+":1" {
		t.Errorf("catalogue = %q [%s] from %s", c.Title, c.ID, c.From)
	}
	want := []struct {
		category string
		skill    string
		line     int
		counts   [3]int
	}{
		{"Advanced Techniques", "Build containers and Helm charts", 7, [3]int{3, 3, 3}},
		{"Advanced Techniques", "Build event-driven workloads for NLP", 35, [3]int{2, 2, 2}},
		{"Advanced Techniques", "Building and writing viable clinical code sets", 57, [3]int{2, 2, 2}},
		{"Advanced Techniques", "Data engineering for OMOP using dbt/SQLMesh", 79, [3]int{2, 3, 3}},
		{"Advanced Techniques", "Developing Architecture based on requirements", 107, [3]int{1, 1, 1}},
		{"Data Governance", "Column Storage Databases", 125, [3]int{2, 2, 2}},
		{"Data Orientated Infrastructure", "Data Catalogue", 149, [3]int{3, 3, 3}},
		{"Data Orientated Infrastructure", "Data visualisation", 177, [3]int{1, 1, 1}},
		{"Data Orientated Infrastructure", "Pipelines and permissions", 193, [3]int{2, 2, 2}},
		{"Data Orientated Infrastructure", "Understanding the data types", 215, [3]int{2, 2, 2}},
		{"Data Analysis & Infrastructure", "Data mapping, Standards and Interoperability", 239, [3]int{3, 3, 3}},
	}
	var got []string
	cats, tabs, total := 0, 0, 0
	var perLevel [3]int
	for _, cat := range c.Categories {
		cats++
		for _, s := range cat.Skills {
			var n [3]int
			for i, l := range s.Levels {
				if i < 3 && l.Level == []string{"entry", "mid", "senior"}[i] {
					n[i] = len(l.Descriptors)
					perLevel[i] += n[i]
				}
				tabs++
				total += len(l.Descriptors)
			}
			got = append(got, fmt.Sprintf("%s / %s @%s %v", cat.Title, s.Title, s.From, n))
		}
	}
	var wantS []string
	for _, w := range want {
		wantS = append(wantS, fmt.Sprintf("%s / %s @%s:%d %v", w.category, w.skill, seed, w.line, w.counts))
	}
	if strings.Join(got, "\n") != strings.Join(wantS, "\n") {
		t.Errorf("skills:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantS, "\n"))
	}
	if cats != 4 || len(got) != 11 || tabs != 33 || total != 71 || perLevel != [3]int{23, 24, 24} {
		t.Errorf("categories %d skills %d tabs %d descriptors %d per level %v; want 4, 11, 33, 71, [23 24 24]", cats, len(got), tabs, total, perLevel)
	}
	// Exact text samples, typos and empty examples kept as written.
	samples := map[string]string{
		"0/0/0/0": "Basic understanding of containerization concepts and Helm charts",
		"0/3/0/0": "Ability to assist in data engineering tasks using dbt/SQLMesh",
		"2/0/0/0": "Basic understanding of data cataloguing concepts and tools (e.g., )",
		"2/0/0/1": "Can input, maintain , validate metadata in data catalogues.",
	}
	for key, wantText := range samples {
		var ci, si, li, di int
		fmt.Sscanf(key, "%d/%d/%d/%d", &ci, &si, &li, &di)
		if got := c.Categories[ci].Skills[si].Levels[li].Descriptors[di]; got != wantText {
			t.Errorf("descriptor %s = %q, want %q", key, got, wantText)
		}
	}
	if v := framework.Validate(f, nil); len(v) != 0 {
		t.Errorf("seed 001 does not validate cleanly:\n%s", problems(v))
	}
}

// TestVariants checks each variant fixture: the whole structure read and
// the exact warnings, with lines.
func TestVariants(t *testing.T) {
	tests := []struct {
		file     string
		outline  string
		problems string
	}{
		{
			file: "icons-bullets.md", // icons, bullets, ===! and ===+, empty and "?" bullets, missing level
			outline: `# Cloud & Infrastructure [cloud-infrastructure] entry=Entry/1 mid=Mid/2 senior=Senior/3
## Tools
### Azure, AWS, Virtualisation
entry: Understand cloud platforms (e.g., ) | Use the portal
mid: 
senior: Designs enterprise-wide environments
## Administration
### Backups
entry: Run a restore
senior: Own the backup policy
`,
			problems: `testdata/icons-bullets.md:14: warning: empty descriptor (a bullet with no text) in the Mid level of skill "Azure, AWS, Virtualisation"; not kept
testdata/icons-bullets.md:18: warning: placeholder descriptor "?" in the Senior level of skill "Azure, AWS, Virtualisation"; not kept
`,
		},
		{
			file: "crlf-bom.md", // CRLF line endings and a byte-order mark
			outline: `# Data Management & Engineering [data-management-engineering] entry=Entry/1 mid=Mid/2 senior=Senior/3
## Data Governance
### Column Storage Databases
entry: Basic understanding of column storage | Familiarity with Parquet
mid: Design column stores
senior: Set the column storage strategy
`,
		},
		{
			file: "tab-indent.md", // TAB indentation, mixed bullets and plain lines
			outline: `# Service Management [service-management] entry=Entry/1 mid=Mid/2 senior=Senior/3
## Operations
### Incident response
entry: Log incidents | Follow the runbook
mid: Lead incident calls
senior: Own the incident process
`,
		},
		{
			file: "long-blank.md", // 67 and 33 blank lines inside one tab
			outline: `# Long [long] entry=Entry/1 mid=Mid/2 senior=Senior/3
## Cat
### Skill
entry: After sixty-seven blank lines | Still the Entry tab
mid: Mid text
`,
		},
		{
			file: "group-b.md", // the successor files' constructs
			outline: `# Domain 2: Safe Data Management [domain-2-safe-data-management] entry=Entry/1 mid=Mid/2 senior=Senior/3
## Domain 2: Safe Data Management
### Data Integrity
entry: Checks file hashes
mid: Designs integrity checks
### Output Review Processes
entry: Reviews outputs with a checklist | Flags disclosive cells
mid: Trains reviewers
## Accidental disclosure
### Accidental disclosure
entry: Reports incidents
# Research & Technology Support [research-technology-support] entry=Entry/1 mid=Mid/2 senior=Senior/3 junior=Junior/4
## Support
### Agile Delivery Methods
entry: Joins stand-ups
### Sprint planning
junior: Writes tickets
### All the items below were AI generated - ask for details
`,
			problems: `testdata/group-b.md:9: warning: skill "Data Integrity" comes before any "## " category; put in a category named after the domain, "Domain 2: Safe Data Management"
testdata/group-b.md:38: warning: level tab directly under category "Accidental disclosure"; read as a skill of the same name
testdata/group-b.md:52: warning: indented heading "### Sprint planning" read as a heading, not as tab content
testdata/group-b.md:54: warning: level "Junior" is not one of Entry, Mid, Senior; added to the scale of "Research & Technology Support" after the others
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			docs := read(t, "testdata/"+tt.file)
			if !Detect(docs[0]) {
				t.Errorf("Detect = false")
			}
			f, probs, err := Parse(docs)
			if err != nil {
				t.Fatal(err)
			}
			if got := outline(f); got != tt.outline {
				t.Errorf("outline:\n%s\nwant:\n%s", got, tt.outline)
			}
			if got := problems(probs); got != tt.problems {
				t.Errorf("problems:\n%s\nwant:\n%s", got, tt.problems)
			}
		})
	}
}

// TestValidateImported checks that validate points at the source lines of
// an imported matrix: the empty level tab and the missing level.
func TestValidateImported(t *testing.T) {
	f, _, err := Parse(read(t, "testdata/icons-bullets.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := `testdata/icons-bullets.md:12: skill "Azure, AWS, Virtualisation" has no descriptors at level "Mid"
testdata/icons-bullets.md:21: warning: skill "Backups" has no "Mid" level
`
	if got := problems(framework.Validate(f, nil)); got != want {
		t.Errorf("validate:\n%s\nwant:\n%s", got, want)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		file string
		want string
	}{
		{"orphan-tab.md", `testdata/orphan-tab.md:5: level tab outside any skill: "Entry Level" comes before any "### " skill heading`},
		{"not-a-matrix.txt", `testdata/not-a-matrix.txt:1: not a skills matrix: no "# " domain title, "### " skill or === "… Level" tab found`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, _, err := Parse(read(t, "testdata/"+tt.file))
			var p *framework.Problem
			if !errors.As(err, &p) {
				t.Fatalf("error = %v, want a *framework.Problem", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, tt.want)
			}
		})
	}
	if Detect(read(t, "testdata/not-a-matrix.txt")[0]) {
		t.Error("Detect(not-a-matrix.txt) = true")
	}
	d, err := textprep.Prepare("readme.md", []byte("\n# Read me\n\n## Install\n\n    go install\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Parse([]*textprep.Doc{d}); err == nil || err.Error() != `readme.md:2: not a skills matrix: no === "… Level" tab or **… Level:** label under a skill` {
		t.Errorf("Markdown page with no tabs: error = %v", err)
	}
	d, err = textprep.Prepare("bad.md", []byte("# T\n\n## C\n\n### S\n\n=== Entry Level\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Parse([]*textprep.Doc{d}); err == nil || err.Error() != `bad.md:7: malformed level tab title "=== Entry Level": expected === "Entry Level"` {
		t.Errorf("unquoted tab title: error = %v", err)
	}
}

// TestMerge checks that pages with one domain title become one catalogue
// and that categories of the same title merge.
func TestMerge(t *testing.T) {
	a, _ := textprep.Prepare("a.md", []byte("# Area\n## Cat\n### One\n=== \"Entry Level\"\n    a\n"))
	b, _ := textprep.Prepare("b.md", []byte("# Area\n## Cat\n### Two\n=== \"Mid Level\"\n    b\n# Other\n## Cat\n### One\n=== \"Entry Level\"\n    c\n"))
	f, _, err := Parse([]*textprep.Doc{a, b})
	if err != nil {
		t.Fatal(err)
	}
	want := `# Area [area] entry=Entry/1 mid=Mid/2 senior=Senior/3
## Cat
### One
entry: a
### Two
mid: b
# Other [other] entry=Entry/1 mid=Mid/2 senior=Senior/3
## Cat
### One
entry: c
`
	if got := outline(f); got != want {
		t.Errorf("outline:\n%s\nwant:\n%s", got, want)
	}
	if strings.Join(f.Source.Files, ",") != "a.md,b.md" {
		t.Errorf("files = %v", f.Source.Files)
	}
}

func TestNormaliseLevel(t *testing.T) {
	tests := []struct{ label, icon, id, display string }{
		{"Entry Level", "", "entry", "Entry"},
		{"Entry-level", "", "entry", "Entry"},
		{"Mid Level:", "", "mid", "Mid"},
		{"senior", "", "senior", "Senior"},
		{"Senior Level", "material-battery-90", "senior", "Senior"},
		{"", "material-battery-50", "mid", "Mid"},
		{"Junior-level", "", "junior", "Junior"},
		{"Principal", "", "principal", "Principal"},
		{"", "", "", ""},
	}
	for _, tt := range tests {
		id, display := normaliseLevel(tt.label, tt.icon)
		if id != tt.id || display != tt.display {
			t.Errorf("normaliseLevel(%q, %q) = %q, %q; want %q, %q", tt.label, tt.icon, id, display, tt.id, tt.display)
		}
	}
}

// TestCorpus imports the 27 real matrix pages (three historical forms of
// nine domains) when the shared corpus is present. The expected totals
// were counted independently with grep: "### " headings, "===" tab lines,
// indented non-blank lines that are not "-", "- ?" or "?", and those that are.
func TestCorpus(t *testing.T) {
	root := "../../../shared/corpus/matrix"
	if _, err := os.Stat(root); err != nil {
		t.Skip("corpus not present:", err)
	}
	tests := []struct {
		form                                string
		skills, tabs, descriptors, warnings int
	}{
		{"plain", 128, 384, 572, 3},
		{"icons", 128, 384, 572, 61},
		{"latest", 128, 384, 574, 36},
	}
	for _, tt := range tests {
		t.Run(tt.form, func(t *testing.T) {
			paths, err := filepath.Glob(filepath.Join(root, tt.form, "*.md"))
			if err != nil || len(paths) != 9 {
				t.Fatalf("glob: %d files, %v", len(paths), err)
			}
			f, probs, err := Parse(read(t, paths...))
			if err != nil {
				t.Fatal(err)
			}
			skills, tabs, descriptors := 0, 0, 0
			for _, c := range f.Catalogues {
				for _, cat := range c.Categories {
					for _, s := range cat.Skills {
						skills++
						tabs += len(s.Levels)
						for _, l := range s.Levels {
							descriptors += len(l.Descriptors)
						}
					}
				}
			}
			if len(f.Catalogues) != 9 || skills != tt.skills || tabs != tt.tabs || descriptors != tt.descriptors || len(probs) != tt.warnings {
				t.Errorf("catalogues %d skills %d tabs %d descriptors %d warnings %d; want 9, %d, %d, %d, %d",
					len(f.Catalogues), skills, tabs, descriptors, len(probs), tt.skills, tt.tabs, tt.descriptors, tt.warnings)
			}
			for _, p := range probs {
				if p.Severity != framework.SeverityWarning || p.Line == 0 {
					t.Errorf("problem is not a warning with a line: %s", p.Error())
				}
				if !strings.Contains(p.Message, "empty descriptor") && !strings.Contains(p.Message, `placeholder descriptor "?"`) {
					t.Errorf("unexpected warning: %s", p.Error())
				}
			}
			// Nothing kept is empty or a placeholder.
			for _, c := range f.Catalogues {
				for _, cat := range c.Categories {
					for _, s := range cat.Skills {
						for _, l := range s.Levels {
							for _, d := range l.Descriptors {
								if d == "" || d == "?" || d == "-" {
									t.Errorf("%s: descriptor %q kept", s.From, d)
								}
							}
						}
					}
				}
			}
		})
	}
}

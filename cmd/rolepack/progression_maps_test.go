package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rolepack/rolepack"
)

// corpusDir is the DDaT role pages the career-map tests import.
const corpusDir = "../../../shared/corpus/ddat"

// careerMap is one career map the tests generate.
type careerMap struct {
	name, role, level, title string
	corpus                   string // pattern of the corpus pages it needs ("" for none)
	spans                    int    // rung groups (tables of rungs side by side) at least
}

var careerMaps = []careerMap{
	{"default data engineer", "data-engineer", "head", "Data engineer", "", 1},
	{"corpus data scientist", "ddatc/data-scientist", "lead-data-scientist", "Data scientist", "data-data-scientist-*.md", 2},
	{"corpus delivery manager", "ddatc/delivery-manager", "delivery-manager", "Delivery manager", "*-delivery-manager-*.md", 1},
	// Five corpus roles drawn at random (ls corpus/ddat | shuf -n 5).
	{"corpus network architect", "ddatc/network-architect", "lead-network-architect", "Network architect", "*-network-architect-*.md", 1},
	{"corpus incident manager", "ddatc/incident-manager", "major-incident-manager", "Incident manager", "*-incident-manager-*.md", 1},
	{"corpus test manager", "ddatc/test-manager", "head-of-test", "Test manager", "*-qat-test-manager-*.md", 1},
	{"corpus digital evaluator", "ddatc/digital-evaluator", "head-of-digital-evaluation", "Digital evaluator", "*-digital-evaluator-*.md", 2},
	{"corpus end-user computing engineer", "ddatc/end-user-computing-engineer", "principal-end-user-computing-engineer", "End user computing engineer", "*-end-user-computing-engineer-*.md", 2},
}

// mapConfig is the default config, with the corpus pages matching
// pattern imported as framework ddatc when pattern is not empty.
func mapConfig(t *testing.T, pattern string) string {
	t.Helper()
	dir := t.TempDir()
	cfg := string(rolepack.DefaultConfig)
	if pattern != "" {
		paths, _ := filepath.Glob(filepath.Join(corpusDir, pattern))
		if len(paths) == 0 {
			t.Skip("corpus not present at " + corpusDir)
		}
		fw := filepath.Join(dir, "ddatc.yaml")
		args := append([]string{"import", "--id", "ddatc", "-o", fw}, paths...)
		if _, stderr, err := run(t, fixedDate, args...); err != nil {
			t.Fatalf("import: %v\n%s", err, stderr)
		}
		if !strings.Contains(cfg, "\nframeworks: []") {
			t.Fatal("the default config no longer says frameworks: []")
		}
		cfg = strings.Replace(cfg, "\nframeworks: []", "\nframeworks: ["+strconv.Quote(fw)+"]", 1)
	}
	p := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(p, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// generateMap writes a career map in every format it offers and returns
// the folder.
func generateMap(t *testing.T, m careerMap) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	_, stderr, err := run(t, fixedDate, "generate", "--config", mapConfig(t, m.corpus), "--role", m.role, "--level", m.level,
		"--doc", "progression", "--format", "md,pdf,docx,html,xlsx", "--out", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	return out
}

// mapGroups is the number of rung groups a career map's Markdown says its
// levels are split into ("The levels are in 2 sets of columns"), 1 when it
// says none.
func mapGroups(md string) int {
	m := regexp.MustCompile(`The levels are in (\d+) sets of columns`).FindStringSubmatch(md)
	if m == nil {
		return 1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// pdfPages counts a PDF's pages (its page objects).
func pdfPages(b []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(b, -1))
}

// TestCareerMaps generates the career map of the default role and two
// corpus roles: titled by the role (title, heading and footer), every
// table under a heading of its own, no row whose level cells are all
// blank or None, one level-name form, no machine notes, a few pages per
// table of rungs, and a workbook that prints.
func TestCareerMaps(t *testing.T) {
	if testing.Short() {
		t.Skip("writes five formats of three career maps")
	}
	for _, m := range careerMaps {
		t.Run(m.name, func(t *testing.T) {
			out := generateMap(t, m)
			md, err := os.ReadFile(filepath.Join(out, "progression.md"))
			if err != nil {
				t.Fatal(err)
			}
			text := string(md)
			if !strings.Contains(text, "\ntitle: \"Career map: "+m.title+"\"\n") || !strings.Contains(text, "\n# Career map: "+m.title+"\n") {
				t.Errorf("not titled by the role %q:\n%.400s", m.title, text)
			}
			if !strings.Contains(text, "\nfooter: \""+m.title+" · ") {
				t.Errorf("footer does not open with the role %q", m.title)
			}
			checkMapMarkdown(t, text)
			pdf, err := os.ReadFile(filepath.Join(out, "progression.pdf"))
			if err != nil {
				t.Fatal(err)
			}
			// At most two A4 pages a rung group, the map's closing lists
			// included (issue 26: each group pins up as a pair of sheets).
			// The pack's career-map sweep checks every corpus map.
			groups := mapGroups(text)
			if groups < m.spans {
				t.Errorf("%d rung groups, want %d at least", groups, m.spans)
			}
			if n, limit := pdfPages(pdf), 2*groups; n == 0 || n > limit {
				t.Errorf("%d PDF pages, want at most %d (%d rung groups)", n, limit, groups)
			}
			xlsx, err := os.ReadFile(filepath.Join(out, "progression.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			checkMapWorkbook(t, xlsx)
		})
	}
}

// checkMapMarkdown checks the career map's Markdown: a heading before
// every table, no row whose level cells are all "None", "—" or empty, one
// level-name form, no machine notes and nothing bold throughout a cell.
func checkMapMarkdown(t *testing.T, text string) {
	t.Helper()
	lines := strings.Split(text, "\n")
	lastHeading, lastTable := -1, -2
	for i, line := range lines {
		switch {
		case strings.HasPrefix(line, "#"):
			lastHeading = i
		case strings.HasPrefix(line, "| ---"):
			if lastHeading < lastTable {
				t.Errorf("line %d: a table with no heading of its own", i)
			}
			lastTable = i
		case strings.HasPrefix(line, "| "):
			cells := strings.Split(strings.Trim(line, "| "), " | ")
			if len(cells) < 3 || strings.HasPrefix(line, "| Level |") {
				continue
			}
			blank := true
			for _, c := range cells[1:] {
				c = strings.Trim(strings.TrimSpace(c), "*")
				blank = blank && (c == "" || c == "None" || c == "—")
			}
			if blank && i > lastTable {
				t.Errorf("line %d: a row with nothing at any level: %.120s", i+1, line)
			}
			for _, c := range cells[1:] {
				if strings.HasPrefix(c, "**") && strings.HasSuffix(c, "**") && !strings.Contains(strings.Trim(c, "*"), "**") && len(c) > 40 {
					t.Errorf("line %d: a cell bold throughout: %.80s", i+1, c)
				}
			}
		}
	}
	if regexp.MustCompile(`Level (One|Two|Three|Four|Five|Six|Seven|Eight|Nine)\b`).MatchString(text) {
		t.Error("levels written as words (\"Level Five\") as well as numbers")
	}
	for _, note := range []string{"has no descriptors", ".txt:", ".md:", "## Notes", "As at Senior.*<br>", "*Senior*<br>*As at"} {
		if strings.Contains(text, note) {
			t.Errorf("the map holds %q", note)
		}
	}
}

// checkMapWorkbook reads the workbook's XML: sheet names of at most 31
// characters, unique, with no "(2)"; every sheet A4 landscape, fitted to
// one page wide, the header row and first column printed on every page;
// its dimension the table's range; body rows given heights; one
// typeface on every run.
func checkMapWorkbook(t *testing.T, b []byte) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		parts[f.Name] = string(data)
	}
	wb := parts["xl/workbook.xml"]
	names := regexp.MustCompile(`<sheet name="([^"]*)"`).FindAllStringSubmatch(wb, -1)
	if len(names) == 0 {
		t.Fatal("no sheets")
	}
	seen := map[string]bool{}
	for i, n := range names {
		name := strings.ReplaceAll(n[1], "&amp;", "&")
		if len([]rune(name)) > 31 || seen[strings.ToLower(name)] || strings.Contains(name, "(") || strings.HasSuffix(name, " -") {
			t.Errorf("sheet name %q", name)
		}
		seen[strings.ToLower(name)] = true
		sheet := parts["xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml"]
		for _, want := range []string{`paperSize="9"`, `orientation="landscape"`, `fitToWidth="1"`, `fitToHeight="0"`, `fitToPage="true"`} {
			if !strings.Contains(sheet, want) {
				t.Errorf("sheet %q: no %s", name, want)
			}
		}
		if d := regexp.MustCompile(`<dimension ref="A1:([A-Z]+)(\d+)"`).FindStringSubmatch(sheet); d == nil || d[2] == "1" {
			t.Errorf("sheet %q: dimension %v", name, d)
		} else if rows := strings.Count(sheet, "<row "); strconv.Itoa(rows) != d[2] {
			t.Errorf("sheet %q: dimension to row %s, %d rows", name, d[2], rows)
		}
		if rows, tall := strings.Count(sheet, "<row "), strings.Count(sheet, `customHeight="true"`); rows != tall {
			t.Errorf("sheet %q: %d of %d rows given a height", name, tall, rows)
		}
		if !strings.Contains(wb, `localSheetId="`+strconv.Itoa(i)+`" name="_xlnm.Print_Titles">`) {
			t.Errorf("sheet %q: no print titles", name)
		}
	}
	ss := parts["xl/sharedStrings.xml"]
	if runs, named := strings.Count(ss, "<rPr>"), strings.Count(ss, `<rFont val="Arial"`); runs != named {
		t.Errorf("%d styled runs, %d in Arial", runs, named)
	}
}

// TestCareerMapOneLevel: a role with one level has no career map; the
// command says so in one line and writes nothing.
func TestCareerMapOneLevel(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	_, stderr, err := run(t, fixedDate, "generate", "--role", "ncf/head-of-data-ethics", "--level", "head-of-data-ethics",
		"--doc", "progression", "--format", "md", "--out", out)
	want := "career map: ncf/head-of-data-ethics has one level; a career map needs two or more"
	if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v, want one line saying %q\n%s", err, want, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "progression.md")); err == nil {
		t.Error("a one-level career map was written")
	}
}

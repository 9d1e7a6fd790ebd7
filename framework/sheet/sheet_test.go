package sheet

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/rolepack/rolepack/framework"
)

func problems(ps []framework.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}

// longCSV is a long-form sheet as a framework owner keeps it: a title and a
// publisher row above the header, a blank row, categories and skills left
// blank under their first row, a multi-line descriptor cell (CRLF inside
// the quotes), kinds and codes, and a column the importer does not read.
const longCSV = "\uFEFFDigital skills framework 2026\r\n" +
	"Publisher: Example Council,,,,\r\n" +
	"Licence: Open Government Licence v3.0\r\n" +
	"\r\n" +
	"Category,Skill,Skill description,Level,Descriptor,Kind,Code,Notes\r\n" +
	"Data,Data modelling,Designing how data is structured,Working,\"- draw a simple data model\r\n- name entities and relationships\",skill,DM1,check wording\r\n" +
	",,,Expert,lead modelling across a programme,,,\r\n" +
	",,,Awareness,explain what a data model is,,,\r\n" +
	",,,,,,,\r\n" +
	",Data quality,Keeping data fit for use,Awareness,check records against rules,,DQ1,\r\n" +
	"Delivery,Agile working,,Working,run a stand-up,behaviour,,\r\n" +
	",,,Working,keep the board current,,,\r\n"

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func importFile(t *testing.T, path string, opt Options) (*framework.Framework, []framework.Problem) {
	t.Helper()
	tab, err := ReadFile(path, "", opt)
	if err != nil {
		t.Fatal(err)
	}
	f, probs, err := Parse([]*Table{tab}, opt)
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, problems(probs))
	}
	return f, probs
}

func levelIDs(ls []framework.Level) string {
	var ids []string
	for _, l := range ls {
		ids = append(ids, l.ID)
	}
	return strings.Join(ids, ",")
}

// TestLongCSV checks that a long-form CSV imports to the right canonical
// data: categories, skills, descriptors per level, description, kind and
// code, level order entry level first, and provenance from the title rows.
func TestLongCSV(t *testing.T) {
	p := writeFile(t, "skills.csv", []byte(longCSV))
	f, probs := importFile(t, p, Options{})
	if f.ID != "digital-skills-framework-2026" || f.Name != "Digital skills framework 2026" || f.Format != "sheet" {
		t.Errorf("framework %q %q %q", f.ID, f.Name, f.Format)
	}
	want := framework.Source{Title: "Digital skills framework 2026", Publisher: "Example Council", Licence: "Open Government Licence v3.0", Files: []string{p}}
	if !reflect.DeepEqual(f.Source, want) {
		t.Errorf("source = %+v, want %+v", f.Source, want)
	}
	if len(f.Catalogues) != 1 {
		t.Fatalf("%d catalogues", len(f.Catalogues))
	}
	c := f.Catalogues[0]
	// Awareness appears after Expert in the sheet; the scale still starts
	// at the entry level.
	if got := levelIDs(c.Levels); got != "awareness,working,expert" {
		t.Errorf("levels = %s", got)
	}
	wantCats := []framework.Category{
		{Title: "Data", From: p + ":6", Skills: []framework.Skill{
			{Title: "Data modelling", Code: "DM1", Description: "Designing how data is structured", From: p + ":6", Levels: []framework.SkillLevel{
				{Level: "awareness", Descriptors: []string{"explain what a data model is"}, From: p + ":9"},
				{Level: "working", Descriptors: []string{"draw a simple data model", "name entities and relationships"}, From: p + ":6"},
				{Level: "expert", Descriptors: []string{"lead modelling across a programme"}, From: p + ":8"},
			}},
			{Title: "Data quality", Code: "DQ1", Description: "Keeping data fit for use", From: p + ":11", Levels: []framework.SkillLevel{
				{Level: "awareness", Descriptors: []string{"check records against rules"}, From: p + ":11"},
			}},
		}},
		{Title: "Delivery", From: p + ":12", Skills: []framework.Skill{
			{Title: "Agile working", Kind: framework.KindBehaviour, From: p + ":12", Levels: []framework.SkillLevel{
				{Level: "working", Descriptors: []string{"run a stand-up", "keep the board current"}, From: p + ":12"},
			}},
		}},
	}
	if !reflect.DeepEqual(c.Categories, wantCats) {
		t.Errorf("categories:\n%+v\nwant:\n%+v", c.Categories, wantCats)
	}
	// The Notes column is not read, and that is said once, at its header.
	if got := problems(probs); got != p+":5:8: warning: column \"Notes\" is not read (not a skill, level or descriptor column; see --columns)\n" {
		t.Errorf("problems:\n%s", got)
	}
	if ps := framework.Validate(f, nil); framework.HasErrors(ps) {
		t.Errorf("import does not validate:\n%s", problems(ps))
	}
}

// TestWindows1252CSV: Excel on Windows writes "CSV" in Windows-1252; it is
// read with one warning, and the text comes out right.
func TestWindows1252CSV(t *testing.T) {
	src := strings.ReplaceAll(strings.TrimPrefix(longCSV, "\uFEFF"), "check records", "check the team’s records – £0")
	enc, err := charmap.Windows1252.NewEncoder().Bytes([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p := writeFile(t, "cp1252.csv", enc)
	f, probs := importFile(t, p, Options{})
	got := f.Catalogues[0].Categories[0].Skills[1].Levels[0].Descriptors[0]
	if got != "check the team’s records – £0 against rules" {
		t.Errorf("descriptor = %q", got)
	}
	if !strings.Contains(problems(probs), p+":11: warning: not UTF-8; read as Windows-1252") {
		t.Errorf("no Windows-1252 warning:\n%s", problems(probs))
	}
}

// TestMojibakeCell repairs UTF-8 read as Windows-1252 and saved again, once
// per cell, naming the cell.
func TestMojibakeCell(t *testing.T) {
	src := "Skill,Level,Descriptor\nModelling,Entry,the organisationâ€™s data\n"
	p := writeFile(t, "m.csv", []byte(src))
	f, probs := importFile(t, p, Options{})
	if d := f.Catalogues[0].Categories[0].Skills[0].Levels[0].Descriptors[0]; d != "the organisation’s data" {
		t.Errorf("descriptor = %q", d)
	}
	if got := problems(probs); got != p+":2:3: warning: repaired mojibake “â€™” → “’”\n" {
		t.Errorf("problems:\n%s", got)
	}
}

// wideXLSX builds a wide-form workbook: a merged title row, a blank row,
// the header on row 3 with the levels in columns C–E and a Notes column, a
// category merged down A4:A6, multi-line cells with bullets, a missing
// level (an empty cell), a skill continued on the next row (its name
// merged), and a category given as a row of its own on the second sheet.
func wideXLSX(t *testing.T) string {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	sh := "Skills"
	if err := x.SetSheetName("Sheet1", sh); err != nil {
		t.Fatal(err)
	}
	set := func(sheet, cell, v string) {
		if err := x.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	merge := func(sheet, a, b string) {
		if err := x.MergeCell(sheet, a, b); err != nil {
			t.Fatal(err)
		}
	}
	set(sh, "A1", "Analytics competency framework")
	merge(sh, "A1", "F1")
	for i, h := range []string{"Category", "Skill", "Entry level", "Mid level", "Senior level", "Notes"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		set(sh, cell, h)
	}
	set(sh, "A4", "Analysis")
	merge(sh, "A4", "A6")
	set(sh, "B4", "Statistics")
	set(sh, "C4", "• describe a distribution\n• compute a mean")
	set(sh, "D4", "choose a test")
	set(sh, "E4", "- design a study\n- review others' analyses")
	set(sh, "F4", "draft")
	set(sh, "B5", "Visualisation")
	set(sh, "C5", "make a bar chart")
	// D5 left empty: Visualisation has no Mid level.
	set(sh, "E5", "set chart standards")
	set(sh, "B6", "Storytelling")
	merge(sh, "B6", "B7")
	set(sh, "C6", "present findings")
	set(sh, "C7", "write a summary")
	set(sh, "A8", "Engineering")
	set(sh, "B8", "Pipelines")
	set(sh, "C8", "n/a")
	set(sh, "D8", "build a pipeline")
	set(sh, "E8", "own the platform")

	sh2 := "Second"
	if _, err := x.NewSheet(sh2); err != nil {
		t.Fatal(err)
	}
	set(sh2, "A1", "Skill")
	set(sh2, "B1", "Level 2")
	set(sh2, "C1", "Level 1")
	set(sh2, "A2", "Security")
	set(sh2, "A3", "Threat modelling")
	set(sh2, "B3", "lead a threat model")
	set(sh2, "C3", "take part in a threat model")
	p := filepath.Join(t.TempDir(), "wide.xlsx")
	if err := x.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestWideXLSX checks the wide form from an XLSX workbook.
func TestWideXLSX(t *testing.T) {
	p := wideXLSX(t)
	f, probs := importFile(t, p, Options{})
	if f.Name != "Analytics competency framework" || f.Source.Title != "Analytics competency framework" || f.Source.Licence != "" {
		t.Errorf("framework %q, source %+v", f.Name, f.Source)
	}
	c := f.Catalogues[0]
	if got := levelIDs(c.Levels); got != "entry-level,mid-level,senior-level" {
		t.Errorf("levels = %s", got)
	}
	at := func(cell string) string { return p + ":Skills!" + cell }
	wantCats := []framework.Category{
		{Title: "Analysis", From: at("A4"), Skills: []framework.Skill{
			{Title: "Statistics", From: at("B4"), Levels: []framework.SkillLevel{
				{Level: "entry-level", Descriptors: []string{"describe a distribution", "compute a mean"}, From: at("C4")},
				{Level: "mid-level", Descriptors: []string{"choose a test"}, From: at("D4")},
				{Level: "senior-level", Descriptors: []string{"design a study", "review others' analyses"}, From: at("E4")},
			}},
			{Title: "Visualisation", From: at("B5"), Levels: []framework.SkillLevel{
				{Level: "entry-level", Descriptors: []string{"make a bar chart"}, From: at("C5")},
				{Level: "senior-level", Descriptors: []string{"set chart standards"}, From: at("E5")},
			}},
			{Title: "Storytelling", From: at("B6"), Levels: []framework.SkillLevel{
				{Level: "entry-level", Descriptors: []string{"present findings", "write a summary"}, From: at("C6")},
			}},
		}},
		{Title: "Engineering", From: at("A8"), Skills: []framework.Skill{
			{Title: "Pipelines", From: at("B8"), Levels: []framework.SkillLevel{
				{Level: "mid-level", Descriptors: []string{"build a pipeline"}, From: at("D8")},
				{Level: "senior-level", Descriptors: []string{"own the platform"}, From: at("E8")},
			}},
		}},
	}
	if !reflect.DeepEqual(c.Categories, wantCats) {
		t.Errorf("categories:\n%+v\nwant:\n%+v", c.Categories, wantCats)
	}
	// Storytelling continues on row 7 (its name merged over B6:B7); the
	// merge fills the name, which reads as the same skill again.
	want := p + ":Skills!B7: warning: skill \"Storytelling\" appears again (first at " + at("B6") + "); its descriptors are added to the first\n" +
		p + ":Skills!F3: warning: column \"Notes\" is not read (not a skill, level or descriptor column; see --columns)\n"
	if got := problems(framework.Condense(sortedByRow(probs))); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	// The missing Mid level of Visualisation is what validate reports.
	if got := problems(framework.Validate(f, nil)); !strings.Contains(got, at("B5")+": warning: skill \"Visualisation\" has no \"Mid level\" level") {
		t.Errorf("validate:\n%s", got)
	}

	// The second sheet: levels numbered in reverse, a category row.
	tab, err := ReadFile(p, "second", Options{})
	if err != nil {
		t.Fatal(err)
	}
	g, _, err := Parse([]*Table{tab}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c2 := g.Catalogues[0]
	if c2.Title != "Second" || levelIDs(c2.Levels) != "level-1,level-2" || len(c2.Categories) != 1 || c2.Categories[0].Title != "Security" {
		t.Errorf("second sheet: %+v", c2)
	}
	if sk := c2.Categories[0].Skills[0]; sk.Levels[0].Level != "level-1" || sk.Levels[0].Descriptors[0] != "take part in a threat model" {
		t.Errorf("second sheet skill: %+v", sk)
	}
}

func sortedByRow(ps []framework.Problem) []framework.Problem {
	out := append([]framework.Problem(nil), ps...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j].Line > out[i].Line {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestColumns reads headers the importer does not know through --columns.
func TestColumns(t *testing.T) {
	src := "Competency;Grade;Evidence;Extra\nModelling;Band 2;leads modelling;x\nModelling;Band 1;draws a model;y\n"
	p := writeFile(t, "cols.csv", []byte(src))
	_, _, err := Parse([]*Table{mustRead(t, p)}, Options{})
	if err == nil || err.Error() != p+":1:1: no header row found: expected a Skill column and either Level and Descriptor columns (one row per descriptor) or one column per level (one row per skill); name other headers with --columns skill=…,level=…" {
		t.Errorf("unknown headers: %v", err)
	}
	f, _, err := Parse([]*Table{mustRead(t, p)}, Options{Columns: []string{"skill=Competency", "level=grade", "descriptor=Evidence"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := levelIDs(f.Catalogues[0].Levels); got != "band-1,band-2" {
		t.Errorf("levels = %s", got)
	}
	_, _, err = Parse([]*Table{mustRead(t, p)}, Options{Columns: []string{"skil=Competency"}})
	if err == nil || !strings.HasPrefix(err.Error(), `--columns "skil=Competency": unknown column role "skil"`) {
		t.Errorf("bad --columns: %v", err)
	}
}

func mustRead(t *testing.T, p string) *Table {
	t.Helper()
	tab, err := ReadFile(p, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// TestBadSheets: each problem is one line naming the cell.
func TestBadSheets(t *testing.T) {
	dir := t.TempDir()
	csvCase := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		path, sheet, want string
	}{
		{csvCase("nolevel.csv", "Skill,Level,Descriptor\nModelling,Entry,draws\nTesting,,writes tests\n"), "", ":3:2: no level for this descriptor of skill \"Testing\""},
		{csvCase("noskill.csv", "Title\n\nSkill,Entry,Senior\n,does,leads\n"), "", ":4:1: descriptors with no skill name, and no skill above to continue"},
		{csvCase("noheader.csv", "Just a list\nof things\n"), "", ":1:1: no header row found"},
		{csvCase("empty.csv", "\r\n \r\n"), "", ": file is empty"},
		{csvCase("nothing.csv", "Skill,Entry,Senior\nModelling,,\n"), "", ":1:1: no skill with a descriptor under this header"},
		{csvCase("sheet.csv", "Skill,Entry\nA,b\n"), "x", `: --sheet "x" given, but this is a CSV file, which has one sheet`},
		{csvCase("utf16.csv", "\xFF\xFEa\x00"), "", ": looks like UTF-16 text; save it as CSV UTF-8"},
		{wideXLSX(t), "Nope", `: no worksheet "Nope" (the workbook has: "Skills", "Second")`},
		{csvCase("fake.xlsx", "PK\x03\x04not a zip"), "", ": cannot read as an XLSX workbook"},
	} {
		_, err := ReadFile(c.path, c.sheet, Options{})
		if err == nil {
			_, _, err = Parse([]*Table{mustRead(t, c.path)}, Options{})
		}
		if err == nil || !strings.HasPrefix(err.Error(), c.path+c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want %q…", filepath.Base(c.path), err, c.path+c.want)
		}
	}

	// An XLSX problem names the sheet and cell.
	x := excelize.NewFile()
	for cell, v := range map[string]string{"A1": "Skill", "B1": "Level", "C1": "Descriptor", "A2": "Modelling", "B2": "Entry", "C2": "draws", "A3": "Testing", "C3": "writes tests"} {
		x.SetCellValue("Sheet1", cell, v)
	}
	p := filepath.Join(dir, "bad.xlsx")
	if err := x.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	_, _, err := Parse([]*Table{mustRead(t, p)}, Options{})
	if err == nil || err.Error() != p+":Sheet1!B3: no level for this descriptor of skill \"Testing\"" {
		t.Errorf("xlsx error = %v", err)
	}
}

func TestOrderLevels(t *testing.T) {
	for in, want := range map[string]string{
		"Senior|Mid|Entry":                      "entry,mid,senior",
		"Expert|Awareness|Practitioner|Working": "awareness,working,practitioner,expert",
		"Level 3|Level 1|Level 2":               "level-1,level-2,level-3",
		"Gold|Silver|Bronze":                    "gold,silver,bronze", // no order known: as the sheet gives them
	} {
		var ls []framework.Level
		for _, l := range strings.Split(in, "|") {
			ls = append(ls, framework.Level{ID: framework.Slug(l), Label: l})
		}
		orderLevels(ls)
		if got := levelIDs(ls); got != want {
			t.Errorf("orderLevels(%s) = %s, want %s", in, got, want)
		}
		if ls[0].Rank != 1 || ls[len(ls)-1].Rank != len(ls) {
			t.Errorf("ranks %+v", ls)
		}
	}
}

// TestExtraCellsNamed: every cell right of the header's last heading is
// named, not only the last, and none silently dropped (issue 14).
func TestExtraCellsNamed(t *testing.T) {
	src := "Category,Skill,Entry,Mid\nData,Modelling,draw a model,lead modelling,x,,y\nData,Quality,check rules,,,z\n"
	p := writeFile(t, "e.csv", []byte(src))
	_, probs := importFile(t, p, Options{})
	msg := "warning: cell right of the header's last column is not read; give its column a heading (see --columns)"
	want := p + ":2:5: " + msg + "\n" + p + ":2:7: " + msg + "\n" + p + ":3:6: " + msg + "\n"
	var got strings.Builder
	for _, pr := range probs {
		if strings.Contains(pr.Message, "header's last column") {
			got.WriteString(pr.Error() + "\n")
		}
	}
	if got.String() != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got.String(), want)
	}
}

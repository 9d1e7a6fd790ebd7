package importer

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// page is one worksheet of a test workbook: its name and its rows.
type page struct {
	name string
	rows [][]string
}

// workbook writes an XLSX file with the given worksheets, in order.
func workbook(t *testing.T, name string, pages ...page) string {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, pg := range pages {
		if i == 0 {
			if err := x.SetSheetName("Sheet1", pg.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := x.NewSheet(pg.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range pg.rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := x.SetCellValue(pg.name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	p := filepath.Join(t.TempDir(), name)
	if err := x.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

var (
	readMe = page{"Read me", [][]string{
		{"Digital skills framework"},
		{"How to use this workbook: each skill has a row on the Skills sheet."},
		{"Contact the people team with questions."},
	}}
	skillsPage = page{"Skills", [][]string{
		{"Digital skills 2026"},
		{"Category", "Skill", "Entry", "Senior"},
		{"Data", "Data modelling", "draw a simple data model", "lead modelling across a programme"},
		{"Data", "Data quality", "check records against rules", "set quality standards"},
	}}
	behavioursPage = page{"Behaviours", [][]string{
		{"Our behaviours"},
		{"Skill", "Level", "Descriptor"},
		{"Working together", "Entry", "share what you know"},
		{"Working together", "Senior", "build teams across the organisation"},
	}}
	// An instructions sheet that shows the layout with an example header
	// row: recognised by its name, not read.
	instructions = page{"Instructions", [][]string{
		{"Fill in the Skills sheet like this:"},
		{"Skill", "Entry", "Senior"},
		{"Example skill", "what an entry-level person does", "what a senior does"},
	}}
)

// notes collects what Import says through Options.Note.
func notes(opt *Options) *[]string {
	var got []string
	opt.Note = func(n string) { got = append(got, n) }
	return &got
}

func skillTitles(t *testing.T, paths []string, opt Options) (string, []string) {
	t.Helper()
	said := notes(&opt)
	f, probs, err := Import(paths, opt)
	if err != nil {
		t.Fatalf("Import: %v\n%s", err, lines(probs))
	}
	var titles []string
	for _, c := range f.Catalogues {
		for _, cat := range c.Categories {
			for _, s := range cat.Skills {
				titles = append(titles, s.Title)
			}
		}
	}
	return f.Name + ": " + strings.Join(titles, ", "), *said
}

// TestWorkbookSheetChoice: of a workbook, the sheet that holds the
// framework is read, wherever it is, and the import says which (issue 24:
// a "Read me" first sheet failed with "no header row found").
func TestWorkbookSheetChoice(t *testing.T) {
	coverFirst := workbook(t, "cover-first.xlsx", readMe, skillsPage)
	notesAfter := workbook(t, "notes-after.xlsx", skillsPage, page{"Notes", [][]string{{"Reviewed March 2026"}, {"Next review: 2027"}}})
	twoFrameworks := workbook(t, "two.xlsx", readMe, skillsPage, behavioursPage)
	exampleFirst := workbook(t, "example.xlsx", instructions, page{"Contents", nil}, skillsPage)
	for _, c := range []struct {
		what, path, sheet, want, note string
	}{
		{"cover sheet first", coverFirst, "", "Digital skills 2026: Data modelling, Data quality",
			`read sheet "Skills" of ` + coverFirst + ` (skipped "Read me": no header row)`},
		{"notes sheet after", notesAfter, "", "Digital skills 2026: Data modelling, Data quality",
			`read sheet "Skills" of ` + notesAfter},
		{"two framework sheets: the first", twoFrameworks, "", "Digital skills 2026: Data modelling, Data quality",
			`read sheet "Skills" of ` + twoFrameworks + ` (skipped "Read me": no header row; "Behaviours" has a header row too, not read: --sheet picks it)`},
		{"--sheet picks the second, in any case", twoFrameworks, "BEHAVIOURS", "Our behaviours: Working together",
			`read sheet "Behaviours" of ` + twoFrameworks},
		{"an instructions sheet with an example header", exampleFirst, "", "Digital skills 2026: Data modelling, Data quality",
			`read sheet "Skills" of ` + exampleFirst + ` (skipped "Instructions": a notes sheet by its name; "Contents": empty)`},
		{"--sheet reads a notes sheet when asked", exampleFirst, "instructions", "Fill in the Skills sheet like this:: Example skill",
			`read sheet "Instructions" of ` + exampleFirst},
	} {
		got, said := skillTitles(t, []string{c.path}, Options{Sheet: c.sheet})
		if got != c.want {
			t.Errorf("%s: read %q, want %q", c.what, got, c.want)
		}
		if strings.Join(said, "\n") != c.note {
			t.Errorf("%s: notes\n%s\nwant\n%s", c.what, strings.Join(said, "\n"), c.note)
		}
	}

	// Validate, and so a framework listed in config (read through
	// Import with no options), find the sheet too.
	if ps := Validate([]string{coverFirst}, Options{}); len(ps) != 0 {
		t.Errorf("validate cover-first: %s", lines(ps))
	}
	if _, _, err := Import([]string{coverFirst}, Options{}); err != nil {
		t.Errorf("import with no Note: %v", err)
	}
}

// TestWorkbookSheetErrors: an unknown --sheet, --sheet with a file that has
// no worksheets, and a workbook with no framework sheet are each one line
// that says what to do.
func TestWorkbookSheetErrors(t *testing.T) {
	two := workbook(t, "two.xlsx", readMe, skillsPage, behavioursPage)
	covers := workbook(t, "covers.xlsx", page{"Cover", [][]string{{"Digital skills framework"}}}, readMe,
		page{"Change log", [][]string{{"Version", "Date", "Change"}, {"2", "2026-03-01", "added data quality"}}},
		page{"Blank", nil}, instructions)
	txt := filepath.Join("testdata", "notes.txt")
	for _, c := range []struct {
		what  string
		paths []string
		opt   Options
		want  string
	}{
		{"unknown --sheet", []string{two}, Options{Sheet: "Values"},
			two + `: no worksheet "Values" (the workbook has: "Read me", "Skills", "Behaviours")`},
		{"only cover sheets", []string{covers}, Options{},
			covers + `: no worksheet holds a framework ("Cover": no header row; "Read me": no header row; "Change log": no header row; "Blank": empty; "Instructions": a notes sheet by its name): a framework sheet has a Skill column and either Level and Descriptor columns or one column per level; read a sheet with --sheet NAME, name other headers with --columns`},
		{"--sheet with a text file", []string{txt}, Options{Sheet: "Skills"},
			txt + `: --sheet "Skills" given, but this is not read as a spreadsheet, so it has no worksheets; --sheet is for XLSX workbooks`},
	} {
		_, _, err := Import(c.paths, c.opt)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s:\n got %v\nwant %s", c.what, err, c.want)
		}
	}
	// --columns counts in telling the framework sheet: with the header
	// named, the sheet whose header only --columns explains is read.
	custom := workbook(t, "custom.xlsx", readMe, page{"Competencies", [][]string{
		{"Competency", "Grade", "Evidence"},
		{"Negotiation", "Band 4", "agrees terms with suppliers"},
	}})
	if _, _, err := Import([]string{custom}, Options{}); err == nil || !strings.Contains(err.Error(), `"Competencies": no header row`) {
		t.Errorf("custom headers without --columns: %v", err)
	}
	got, said := skillTitles(t, []string{custom}, Options{Columns: []string{"skill=Competency", "level=Grade", "descriptor=Evidence"}})
	if got != "Competencies: Negotiation" || len(said) != 1 || !strings.HasPrefix(said[0], `read sheet "Competencies"`) {
		t.Errorf("custom headers with --columns: %q, %q", got, said)
	}
}

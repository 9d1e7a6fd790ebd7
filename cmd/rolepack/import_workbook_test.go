package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/framework"
)

// xlsx writes a workbook of the named sheets, in order, each a grid of
// rows.
func xlsx(t *testing.T, name string, sheets []string, grids ...[][]string) string {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := x.SetSheetName("Sheet1", sh); err != nil {
				t.Fatal(err)
			}
		} else if _, err := x.NewSheet(sh); err != nil {
			t.Fatal(err)
		}
		for r, row := range grids[i] {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := x.SetCellValue(sh, cell, v); err != nil {
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
	readMeGrid = [][]string{{"Digital skills framework"}, {"Each skill has a row on the Skills sheet."}}
	skillsGrid = [][]string{
		{"Digital skills 2026"},
		{"Skill", "Entry", "Senior"},
		{"Data modelling", "draw a simple data model", "lead modelling across a programme"},
	}
	valuesGrid = [][]string{
		{"Our values"},
		{"Skill", "Level", "Descriptor"},
		{"Working together", "Entry", "share what you know"},
	}
)

// importRun calls runImport as the command does, with stderr captured.
func importRun(t *testing.T, opts ImportOptions) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	opts.Factory = NewFactory(&IO{In: strings.NewReader(""), Out: &out, Err: &errb}, func(string) string { return "" }, time.Now)
	if opts.From == "" {
		opts.From = "auto"
	}
	err = runImport(context.Background(), &opts)
	return out.String(), errb.String(), err
}

// TestImportWorkbook: `rolepack import` reads the sheet of a workbook that
// holds the framework, past a read-me sheet, and says so on stderr;
// --sheet reads another; a wrong --sheet, --sheet with CSV and a workbook
// of cover sheets are one-line errors.
func TestImportWorkbook(t *testing.T) {
	book := xlsx(t, "skills.xlsx", []string{"Read me", "Skills", "Values"}, readMeGrid, skillsGrid, valuesGrid)
	dir := t.TempDir()
	out := filepath.Join(dir, "skills.yaml")
	_, stderr, err := importRun(t, ImportOptions{Files: []string{book}, Out: out})
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	note := `import: read sheet "Skills" of ` + book + ` (skipped "Read me": no header row; "Values" has a header row too, not read: --sheet picks it)` + "\n"
	if !strings.HasPrefix(stderr, note) || strings.Count(stderr, "import: ") != 1 {
		t.Errorf("stderr does not say once which sheet was read:\n%s", stderr)
	}
	f, probs, err := framework.Load(out)
	if err != nil || framework.HasErrors(probs) {
		t.Fatal(err, probs)
	}
	if f.Name != "Digital skills 2026" || len(f.Catalogues) != 1 || f.Catalogues[0].Categories[0].Skills[0].Title != "Data modelling" {
		t.Errorf("imported %q %+v", f.Name, f.Catalogues)
	}

	stdout, stderr, err := importRun(t, ImportOptions{Files: []string{book}, Sheet: "values"})
	if err != nil {
		t.Fatalf("--sheet values: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "name: Our values") || !strings.Contains(stdout, "Working together") ||
		!strings.HasPrefix(stderr, `import: read sheet "Values" of `+book+"\n") {
		t.Errorf("--sheet values:\n%s\n%s", stdout, stderr)
	}

	csv := filepath.Join(dir, "skills.csv")
	if err := os.WriteFile(csv, []byte("Skill,Entry\nModelling,draw a model\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	covers := xlsx(t, "covers.xlsx", []string{"Cover", "Notes"}, readMeGrid, [][]string{{"Reviewed 2026"}})
	for _, c := range []struct {
		what string
		opts ImportOptions
		want string
	}{
		{"unknown --sheet", ImportOptions{Files: []string{book}, Sheet: "Behaviours"},
			book + `: no worksheet "Behaviours" (the workbook has: "Read me", "Skills", "Values")`},
		{"--sheet with CSV", ImportOptions{Files: []string{csv}, Sheet: "Skills"},
			csv + `: --sheet "Skills" given, but this is a CSV file, which has one sheet; --sheet is for XLSX workbooks`},
		{"only cover sheets", ImportOptions{Files: []string{covers}},
			covers + `: no worksheet holds a framework ("Cover": no header row; "Notes": no header row): a framework sheet has a Skill column and either Level and Descriptor columns or one column per level; read a sheet with --sheet NAME, name other headers with --columns`},
	} {
		stdout, _, err := importRun(t, c.opts)
		if err == nil || err.Error() != c.want || stdout != "" {
			t.Errorf("%s:\n got %v\nwant %s", c.what, err, c.want)
		}
	}
}

// TestImportSheetFlag: --sheet reaches the options as given; a framework
// listed in config is read from the sheet that holds it.
func TestImportSheetFlag(t *testing.T) {
	var got *ImportOptions
	cmd := NewCmdImport(NewFactory(&IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, func(string) string { return "" }, time.Now),
		func(_ context.Context, o *ImportOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"book.xlsx", "--sheet", "Digital skills"})
	if err := cmd.Execute(); err != nil || got == nil || got.Sheet != "Digital skills" || got.Files[0] != "book.xlsx" {
		t.Fatalf("flags: %v %+v", err, got)
	}

	book := xlsx(t, "skills.xlsx", []string{"Read me", "Skills"}, readMeGrid, skillsGrid)
	stdout, stderr, err := run(t, nil, "list", "frameworks", "--set", "frameworks="+book)
	if err != nil || !strings.Contains(stdout, "Digital skills 2026") {
		t.Errorf("config framework from a workbook with a read-me sheet: %v\n%s\n%s", err, stdout, stderr)
	}
}

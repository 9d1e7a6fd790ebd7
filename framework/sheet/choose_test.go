package sheet

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestChooseSheet: a hidden sheet is passed over even with a header row, a
// notes sheet by its name too, and an error about many sheets stays one
// line that counts what it does not name.
func TestChooseSheet(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	set := func(sheet string, cells map[string]string) {
		if _, err := x.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
		for cell, v := range cells {
			if err := x.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	grid := map[string]string{"A1": "Skill", "B1": "Entry", "A2": "Modelling", "B2": "draw a model"}
	set("Old skills", grid)
	if err := x.SetSheetVisible("Old skills", false); err != nil {
		t.Fatal(err)
	}
	set("About this workbook", grid)
	set("Skills", grid)
	if err := x.DeleteSheet("Sheet1"); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "book.xlsx")
	if err := x.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	tab, err := ReadFile(p, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := `read sheet "Skills" of ` + p + ` (skipped "Old skills": hidden; "About this workbook": a notes sheet by its name)`
	if tab.Sheet != "Skills" || tab.Note() != want {
		t.Errorf("read %q, note:\n%s\nwant:\n%s", tab.Sheet, tab.Note(), want)
	}

	y := excelize.NewFile()
	defer y.Close()
	for i := 1; i <= 12; i++ {
		if _, err := y.NewSheet(fmt.Sprintf("Notes %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := y.DeleteSheet("Sheet1"); err != nil {
		t.Fatal(err)
	}
	q := filepath.Join(t.TempDir(), "notes.xlsx")
	if err := y.SaveAs(q); err != nil {
		t.Fatal(err)
	}
	_, err = ReadFile(q, "", Options{})
	if err == nil || strings.Contains(err.Error(), "\n") ||
		!strings.HasPrefix(err.Error(), q+`: no worksheet holds a framework ("Notes 1": empty; "Notes 2": empty;`) ||
		!strings.Contains(err.Error(), `"Notes 10": empty; and 2 more)`) {
		t.Errorf("error = %v", err)
	}
}

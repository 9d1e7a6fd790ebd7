package pack

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/config"
	"github.com/xuri/excelize/v2"
)

// Manifests as people write them in a spreadsheet: UK and written-out
// dates, a level written as its label with a capital, a role by its
// title, and a Notes column that is kept for templates with one note.
func TestManifestAsPeopleWriteIt(t *testing.T) {
	data := "Reference,Role,Level,Location,Closing date,Posted,Notes\r\n" +
		"REF-1,Data Engineer,Senior,York,10/01/2027,1 December 2026,Ring-fenced for internal candidates\r\n" +
		"REF-2,data-engineer,HEAD,Hull,14 Dec 2026,2026-11-30,\r\n"
	rows, err := ReadManifest("v.csv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Err != nil {
			t.Fatalf("row fails: %v", r.Err)
		}
	}
	if got := rows[0].values.asMap()["closing"]; got != "2027-01-10" {
		t.Errorf("10/01/2027 read as %q, want 2027-01-10 (10 January, UK order)", got)
	}
	if got := rows[0].values.asMap()["posted"]; got != "2026-12-01" {
		t.Errorf("1 December 2026 read as %q", got)
	}
	if got := rows[1].values.asMap()["closing"]; got != "2026-12-14" {
		t.Errorf("14 Dec 2026 read as %q", got)
	}
	v := rows[0].Vacancy(config.Vacancy{})
	if v.Extra["Notes"] != "Ring-fenced for internal candidates" {
		t.Errorf(".Vacancy.Extra = %v", v.Extra)
	}
	notes := Notes(rows)
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "v.csv: note: column Notes is not a vacancy field: kept for templates as .Vacancy.Extra") {
		t.Errorf("notes %q", notes)
	}

	e := newEnv(t)
	out := t.TempDir()
	b := e.batch(out, textFormats(t, e))
	s, err := b.Run(context.Background(), rows)
	if err != nil || s.Failed != 0 || s.Built != 2 {
		t.Fatalf("%+v %v", s, firstErr(s))
	}
	if s.Results[0].Name != "REF-1-data-engineer-senior" || s.Results[1].Name != "REF-2-data-engineer-head" {
		t.Errorf("packs %q, %q: role title and level label not matched to ids", s.Results[0].Name, s.Results[1].Name)
	}
	adv, _ := os.ReadFile(filepath.Join(out, "REF-1-data-engineer-senior", "advert.md"))
	if !strings.Contains(string(adv), "10 January 2027") {
		t.Errorf("the advert does not close on 10 January 2027:\n%.1200s", adv)
	}
	idx, _ := os.ReadFile(filepath.Join(out, IndexHTML))
	for _, want := range []string{"<td>Senior data engineer</td>", "<td>Senior</td>", "<td>York</td>", `data-sort="2027-01-10">10 Jan 2027<`, "<th scope=\"col\">Closing date</th>", "<script>"} {
		if !strings.Contains(string(idx), want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
}

func TestManifestMisspeltColumnIsAnError(t *testing.T) {
	_, err := ReadManifest("v.csv", []byte("reference,role,level,salry\nREF-1,data-engineer,head,1\n"))
	if err == nil || !strings.Contains(err.Error(), `v.csv:1: unknown column "salry"`) || !strings.HasSuffix(err.Error(), "did you mean salary?") {
		t.Errorf("err = %v", err)
	}
}

func TestManifestDates(t *testing.T) {
	for in, want := range map[string]string{
		"2026-12-14": "2026-12-14", "14/12/2026": "2026-12-14", "4/1/2027": "2027-01-04", "01/10/2027": "2027-10-01",
		"14-12-2026": "2026-12-14", "14 December 2026": "2026-12-14", "14th December 2026": "2026-12-14",
		"14 dec 2026": "2026-12-14", "Monday 14 December 2026": "2026-12-14",
	} {
		d, err := ParseManifestDate(in)
		if err != nil || d.Format("2006-01-02") != want {
			t.Errorf("%q: %v %v, want %s", in, d, err, want)
		}
	}
	for _, bad := range []string{"31/02/2026", "12/31/2026", "14/12/26", "soon", "2026-31-12"} {
		if _, err := ParseManifestDate(bad); err == nil {
			t.Errorf("%q read as a date", bad)
		}
	}
}

// An .xlsx manifest, as Excel saves it: a blank row above the header, a
// date cell, a number cell, an extra column.
func TestXLSXManifest(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	set := func(cell string, v any) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	for i, h := range []string{"Reference", "Role", "Level", "Closing date", "Salary min", "Notes"} {
		c, _ := excelize.CoordinatesToCellName(i+1, 2)
		set(c, h)
	}
	set("A3", "REF-9")
	set("B3", "data-engineer")
	set("C3", "Senior")
	set("D3", time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC))
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStyle(sh, "D3", "D3", style)
	set("E3", 45000)
	set("F3", "Internal only")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadManifest("vacancies.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Err != nil {
		t.Fatalf("rows %+v", rows)
	}
	r := rows[0]
	if r.Line != 3 || r.Level != "Senior" || r.values.asMap()["closing"] != "2027-01-10" || r.values.asMap()["salaryMin"] != "45000" || r.Extra["Notes"] != "Internal only" {
		t.Errorf("row %+v", r)
	}
	if _, err := ReadManifest("bad.xlsx", []byte("PK\x03\x04 not really")); err == nil || !strings.HasPrefix(err.Error(), "bad.xlsx: ") {
		t.Errorf("a broken workbook: %v", err)
	}
}

// A spreadsheet set to a European locale saves CSV with semicolons; a
// value may still hold a comma (a salary, a note).
func TestManifestWithSemicolons(t *testing.T) {
	data := "\ufeffReference;Role;Level;Location;Salary min;Notes\r\n" +
		"REF-1;data-engineer;senior;York, North Yorkshire;45000;\"Hybrid; two days a week\"\r\n" +
		"REF-2;data-engineer;head;Hull;60000;Ring-fenced, internal only\r\n"
	rows, err := ReadManifest("v.csv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	for _, r := range rows {
		if r.Err != nil {
			t.Fatalf("row fails: %v", r.Err)
		}
	}
	m := rows[0].values.asMap()
	if m["reference"] != "REF-1" || rows[0].Role != "data-engineer" || rows[0].Level != "senior" || m["location"] != "York, North Yorkshire" {
		t.Errorf("row 1 read as %s/%s %v", rows[0].Role, rows[0].Level, m)
	}
	if v := rows[0].Vacancy(config.Vacancy{}); v.Extra["Notes"] != "Hybrid; two days a week" {
		t.Errorf("a quoted semicolon split the value: .Vacancy.Extra = %v", v.Extra)
	}
	if v := rows[1].Vacancy(config.Vacancy{}); v.Extra["Notes"] != "Ring-fenced, internal only" {
		t.Errorf("a comma in a value of a semicolon file: .Vacancy.Extra = %v", v.Extra)
	}
}

package pack

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/config"
)

// wantRow is what TestReadManifest compares of a row.
type wantRow struct {
	File        string
	Line        int
	Role, Level string
	Values      map[string]string
}

func TestReadManifest(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             []wantRow
		wantErr          string   // whole-manifest error
		rowErrs          []string // per row, "" for none
	}{
		{
			name: "spreadsheet CSV with BOM and CRLF",
			file: "v.csv",
			data: "\ufeffReference,Role,Level,Closing date,Panel members,Salary min\r\nREF-1,data-engineer,head,2026-12-01,Jane Smith; Raj Patel,\"£45,000\"\r\n,,,,,\r\nREF-2,data-engineer,senior,,,\r\n",
			want: []wantRow{
				{File: "v.csv", Line: 2, Role: "data-engineer", Level: "head", Values: map[string]string{"reference": "REF-1", "closing": "2026-12-01", "panel": "Jane Smith; Raj Patel", "salaryMin": "£45,000"}},
				{File: "v.csv", Line: 4, Role: "data-engineer", Level: "senior", Values: map[string]string{"reference": "REF-2"}},
			},
			rowErrs: []string{"", ""},
		},
		{
			name:    "unknown CSV column",
			file:    "v.csv",
			data:    "reference,role,level,salry\nREF-1,data-engineer,head,1\n",
			wantErr: `v.csv:1: unknown column "salry" (known: reference, role, level,`,
		},
		{
			name: "bad date fails the row only",
			file: "v.csv",
			data: "reference,role,level,closing\nREF-1,data-engineer,head,31/02/2026\nREF-2,data-engineer,head,2026-12-01\n",
			want: []wantRow{
				{File: "v.csv", Line: 2, Role: "data-engineer", Level: "head", Values: map[string]string{"reference": "REF-1", "closing": "31/02/2026"}},
				{File: "v.csv", Line: 3, Role: "data-engineer", Level: "head", Values: map[string]string{"reference": "REF-2", "closing": "2026-12-01"}},
			},
			rowErrs: []string{`v.csv:2: closing date "31/02/2026" is not a date (write 14/12/2026, 14 December 2026 or 2026-12-14)`, ""},
		},
		{
			name: "quoted field over two lines keeps later line numbers right",
			file: "v.csv",
			data: "reference,role,level,contact\nREF-1,data-engineer,head,\"Jo\nBloggs\"\nREF-2,data-engineer,head,2026-12\n",
			want: []wantRow{
				{File: "v.csv", Line: 2, Role: "data-engineer", Level: "head", Values: map[string]string{"reference": "REF-1", "contact": "Jo\nBloggs"}},
				{File: "v.csv", Line: 4, Role: "data-engineer", Level: "head", Values: map[string]string{"reference": "REF-2", "contact": "2026-12"}},
			},
			rowErrs: []string{"", ""},
		},
		{
			name: "YAML list with a panel list",
			file: "v.yaml",
			data: "- reference: REF-1\n  role: data-engineer\n  level: head\n  panel: [Jane Smith, Raj Patel]\n  salaryMax: 52000\n- reference: REF-2\n  role: data-engineer\n  level: mid\n  closing: 2026-12-01\n",
			want: []wantRow{
				{File: "v.yaml", Line: 1, Role: "data-engineer", Level: "head", Values: map[string]string{"reference": "REF-1", "panel": "Jane Smith; Raj Patel", "salaryMax": "52000"}},
				{File: "v.yaml", Line: 6, Role: "data-engineer", Level: "mid", Values: map[string]string{"reference": "REF-2", "closing": "2026-12-01"}},
			},
			rowErrs: []string{"", ""},
		},
		{
			name: "YAML vacancies mapping",
			file: "v.yml",
			data: "vacancies:\n  - {reference: REF-1, role: data-engineer, level: head}\n",
			want: []wantRow{
				{File: "v.yml", Line: 2, Role: "data-engineer", Level: "head", Values: map[string]string{"reference": "REF-1"}},
			},
			rowErrs: []string{""},
		},
		{
			name:    "misspelt YAML key names its line",
			file:    "v.yaml",
			data:    "- reference: REF-1\n  role: data-engineer\n  closng: 2026-12-01\n",
			wantErr: `v.yaml:3: unknown key "closng"`,
		},
		{
			name:    "YAML syntax error",
			file:    "v.yaml",
			data:    "- reference: [REF-1\n",
			wantErr: `v.yaml:`,
		},
		{
			name:    "header only",
			file:    "v.csv",
			data:    "reference,role,level\n",
			wantErr: "v.csv: no vacancies in the manifest",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := ReadManifest(tt.file, []byte(tt.data))
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want prefix %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(tt.want) {
				t.Fatalf("got %d rows, want %d: %+v", len(rows), len(tt.want), rows)
			}
			for i, r := range rows {
				w := tt.want[i]
				if r.File != w.File || r.Line != w.Line || r.Role != w.Role || r.Level != w.Level || !reflect.DeepEqual(r.values.asMap(), w.Values) {
					t.Errorf("row %d = %+v, want %+v", i, r, w)
				}
				got := ""
				if r.Err != nil {
					got = r.Err.Error()
				}
				if got != tt.rowErrs[i] {
					t.Errorf("row %d error = %q, want %q", i, got, tt.rowErrs[i])
				}
			}
		})
	}
}

func TestRowVacancyFallsBackToConfig(t *testing.T) {
	rows, err := ReadManifest("v.csv", []byte("reference,role,level,location,salaryMin,panel\nREF-1,r,l,York,\"£45,000.50\",A; B\n"))
	if err != nil {
		t.Fatal(err)
	}
	base := config.Vacancy{Hours: "37.5 hours", Contract: "Permanent", Location: "Leeds", Panel: []string{"Default"}}
	got := rows[0].Vacancy(base)
	want := config.Vacancy{Reference: "REF-1", Hours: "37.5 hours", Contract: "Permanent", Location: "York", SalaryMin: 45000.5, Panel: []string{"A", "B"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("vacancy = %+v, want %+v", got, want)
	}
	if base.Panel[0] != "Default" {
		t.Error("the config's vacancy was changed")
	}
}

func TestSafeName(t *testing.T) {
	tests := map[string]string{
		"REF-1":                  "REF-1",
		"../../etc":              "etc",
		"..":                     "x",
		".hidden":                "hidden",
		"a/b\\c":                 "a-b-c",
		"":                       "x",
		"Data Engineer (L5)":     "Data-Engineer-L5",
		"Ré sumé":                "Re-sume-b2ffad72",
		"a..b":                   "a.b",
		"CON.":                   "CON",
		strings.Repeat("a", 100): strings.Repeat("a", maxNamePart),
	}
	for in, want := range tests {
		if got := SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
	}
	if _, err := inside("/out", PackName("../../etc", "../x", "..")); err != nil {
		t.Errorf("a sanitised name left the folder: %v", err)
	}
	if _, err := inside("/out", "../etc"); err == nil {
		t.Error("inside accepted ../etc")
	}
}

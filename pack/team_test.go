package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/render"
)

const team = `person,manager,role,from,to,period
Sam Jones,Jane Smith,data-engineer,mid,senior,12 months
Asha Patel,Jane Smith,data-engineer,entry,mid,6 months
Lee Wong,Raj Patel,data-engineer,mid,senior,April 2026 to March 2027
Kim Ode,Raj Patel,data-engineer,senior,head,
Ola Berg,Jane Smith,,,,
`

func TestReadTeam(t *testing.T) {
	rows, err := ReadTeam("team.csv", []byte(team))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || rows[0].Plan.Person != "Sam Jones" || rows[0].Role != "data-engineer" || rows[0].Level != "mid" ||
		rows[0].Plan.To != "senior" || rows[2].Plan.Period != "April 2026 to March 2027" || rows[2].Line != 4 {
		t.Errorf("rows %+v", rows)
	}
	y, err := ReadTeam("team.yaml", []byte("people:\n  - {person: Sam Jones, manager: Jane Smith, from: mid, to: senior}\n"))
	if err != nil || len(y) != 1 || y[0].Plan.Manager != "Jane Smith" {
		t.Errorf("yaml %+v %v", y, err)
	}
	for _, bad := range []struct{ file, data, want string }{
		{"t.csv", "person,boss\nA,B\n", `t.csv:1: unknown column "boss"`},
		{"t.yaml", "people:\n  - {person: A, level: mid}\n", `t.yaml:2: unknown key "level"`},
		{"t.csv", "person\n", "no people"},
		{"t.yaml", "- {person: A}\n---\n- {person: B}\n", "t.yaml:2: a second YAML document"},
		{"t.yaml", "people: [{person: A}]\npeople: [{person: B}]\n", `t.yaml:2:`},
		{"t.yaml", "- &a {person: A}\n- *a\n", "t.yaml:2:"},
	} {
		if _, err := ReadTeam(bad.file, []byte(bad.data)); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: error %v, want %q", bad.data, err, bad.want)
		}
	}
}

// A team manifest of five people gives five PDPs, in PDF and DOCX, and an
// index; a re-run writes nothing.
func TestBatchTeamPlans(t *testing.T) {
	e := newEnv(t)
	formats, err := e.r.Formats.Lookup([]string{"pdf", "docx"})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ReadTeam("team.csv", []byte(team))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	b := e.batch(out, formats)
	b.Kinds = render.TeamPlanIDs()
	s, err := b.Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	if s.Built != 5 || s.Failed != 0 {
		t.Fatalf("built %d, failed %d: %v", s.Built, s.Failed, firstErr(s))
	}
	for _, r := range s.Results {
		if strings.Join(r.Files, ",") != "pdp.pdf,pdp.docx" {
			t.Errorf("%s: files %v", r.Name, r.Files)
		}
		data, err := os.ReadFile(filepath.Join(out, r.Name, "pdp.docx"))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		var text string
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(rc)
				rc.Close()
				text = string(b)
			}
		}
		if !strings.Contains(text, r.Reference) || !strings.Contains(text, r.Row.Plan.Manager) {
			t.Errorf("%s: the PDP does not name %s and their manager", r.Name, r.Reference)
		}
		if _, err := os.Stat(filepath.Join(out, r.Name+".zip")); err != nil {
			t.Error(err)
		}
	}
	// Ola Berg's row leaves role and levels to the config (data-engineer, mid to senior).
	if r := s.Results[4]; r.Name != "Ola-Berg-data-engineer-mid" {
		t.Errorf("config fallback: %s", r.Name)
	}
	idx, err := os.ReadFile(filepath.Join(out, IndexCSV))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(idx)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 6 || recs[0][1] != "person" || recs[1][1] != "Sam Jones" || recs[1][4] != "mid to senior" || recs[1][5] != "ready" {
		t.Errorf("index.csv %q", recs)
	}
	h, _ := os.ReadFile(filepath.Join(out, IndexHTML))
	if !strings.Contains(string(h), "<h1>Personal development plans</h1>") || strings.Count(string(h), ">pdp.pdf</a>") != 5 {
		t.Error("index.html does not list five plans")
	}

	before := tree(t, out)
	s, err = b.Run(context.Background(), rows)
	if err != nil || s.UpToDate != 5 {
		t.Fatalf("re-run: %d up to date, %v", s.UpToDate, err)
	}
	after := tree(t, out)
	for name, mt := range before {
		if !after[name].Equal(mt) {
			t.Errorf("re-run rewrote %s", name)
		}
	}
}

// TestReadTeamWorkbook: the same team saved from Excel reads the same,
// each row numbered as the sheet numbers it.
func TestReadTeamWorkbook(t *testing.T) {
	recs, err := csv.NewReader(strings.NewReader(team)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	x := excelize.NewFile()
	for i, rec := range recs {
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadTeam("team.xlsx", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || rows[0].Plan.Person != "Sam Jones" || rows[2].Plan.Period != "April 2026 to March 2027" || rows[2].Line != 4 {
		t.Errorf("rows %+v", rows)
	}
}

// A row for a framework role other than the config's takes its own from
// and to (or the next level up): the config's move ("mid" to "senior") is
// between its own role's levels. A row of the config's role, or of
// another config role on the same ladder, takes the config's.
func TestPlanRowFrameworkRole(t *testing.T) {
	cfg := &config.Config{Role: "data-engineer"}
	cfg.PDP.From, cfg.PDP.To, cfg.PDP.Period = "mid", "senior", "6 months"
	for _, c := range []struct {
		role, from, to        string
		wantFrom, wantTo, lvl string
	}{
		{"ddat/data-scientist", "data-scientist", "", "data-scientist", "", "data-scientist"},
		{"ddat/data-scientist", "", "", "", "", ""},
		{"ddat/data-scientist", "data-scientist", "principal-data-scientist", "data-scientist", "principal-data-scientist", "data-scientist"},
		{"data-engineer", "", "", "mid", "senior", "mid"},
		{"data-architect", "", "head", "mid", "head", "mid"},
		{"", "", "", "mid", "senior", "mid"},
	} {
		row := Row{Role: c.role, Level: c.from, Plan: &config.PDPConfig{Person: "Sam Jones", From: c.from, To: c.to}}
		j := &job{}
		j.res.Level = row.Level
		planRow(j, row, cfg)
		if j.plan.From != c.wantFrom || j.plan.To != c.wantTo || j.res.Level != c.lvl || j.plan.Period != "6 months" {
			t.Errorf("%s from %q to %q: plan from %q to %q, level %q", c.role, c.from, c.to, j.plan.From, j.plan.To, j.res.Level)
		}
	}
}

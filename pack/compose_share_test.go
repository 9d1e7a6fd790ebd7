package pack

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

// A batch whose rows share a role and level composes it once, and every
// pack is byte for byte the pack that row makes composed on its own.
func TestBatchComposesEachRoleLevelOnce(t *testing.T) {
	e := newEnv(t)
	var csv strings.Builder
	csv.WriteString("reference,role,level,location,reportsTo,closing,panel\n")
	const n = 12
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&csv, "REF-%02d,data-engineer,senior,Town %d,Manager %d,2026-12-%02d,Panel Member %d\n", i, i, i, i, i)
	}
	rows := mustRows(t, "vacancies.csv", csv.String())
	out := t.TempDir()
	b := e.batch(out, textFormats(t, e))
	b.Composer = compose.NewComposer(e.cfg, e.lib)
	s, err := b.Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	if s.Built != n {
		t.Fatalf("built %d of %d: %v", s.Built, n, firstErr(s))
	}
	if got := b.Composer.Len(); got != 1 {
		t.Errorf("composed %d roles and levels for %d rows of one, want 1", got, n)
	}

	kinds, err := render.LookupKinds(render.RolePackIDs())
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range s.Results {
		// the row alone: its own config, composed by NewContext
		cfg := *e.cfg
		cfg.Vacancy = res.Row.Vacancy(e.cfg.Vacancy)
		rc, err := compose.NewContext(&cfg, e.lib, res.Role, res.Level, e.date)
		if err != nil {
			t.Fatal(err)
		}
		files, err := e.r.Files(context.Background(), Request{Context: rc, Kinds: kinds, Formats: b.Formats, Date: e.date})
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != len(res.Files) {
			t.Errorf("%s: %d files in the batch, %d alone", res.Name, len(res.Files), len(files))
		}
		for _, f := range files {
			got, err := os.ReadFile(filepath.Join(out, res.Name, f.Name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, f.Data) {
				t.Errorf("%s/%s differs from the row composed alone", res.Name, f.Name)
			}
		}
	}
}

// Vacancies that share a composition keep their own facts: reports to,
// location, panel and the blanks they leave.
func TestBatchSharedCompositionKeepsVacancyFacts(t *testing.T) {
	e := newEnv(t)
	rows := mustRows(t, "vacancies.csv", "reference,role,level,location,reportsTo,salary,closing,panel\n"+
		"REF-A,data-engineer,senior,Aberdeen,Alice Head,,2026-12-01,Ann Panel\n"+
		"REF-B,data-engineer,senior,,,£50000,,Bob Panel\n")
	out := t.TempDir()
	b := e.batch(out, textFormats(t, e))
	s, err := b.Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	if s.Built != 2 {
		t.Fatalf("built %d of 2: %v", s.Built, firstErr(s))
	}
	read := func(res Result, name string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, res.Name, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	a, bb := s.Results[0], s.Results[1]
	jdA, jdB := read(a, "jd.md"), read(bb, "jd.md")
	if !strings.Contains(jdA, "Alice Head") || strings.Contains(jdB, "Alice Head") {
		t.Errorf("reports to: REF-A's JD should name Alice Head and REF-B's should not")
	}
	if !strings.Contains(jdA, "Aberdeen") || strings.Contains(jdB, "Aberdeen") {
		t.Errorf("location: REF-A's JD should say Aberdeen and REF-B's should not")
	}
	if loc := e.cfg.Organisation.Location; loc == "" || !strings.Contains(jdB, loc) {
		t.Errorf("location: REF-B's JD should fall back to the organisation's %q", loc)
	}
	if !strings.Contains(read(a, "scoring-ann-panel.md"), "Ann Panel") || !strings.Contains(read(bb, "scoring-bob-panel.md"), "Bob Panel") {
		t.Errorf("each pack's scoring sheet should name its own panel member")
	}
	recA, recB := read(a, "record.md"), read(bb, "record.md")
	if !strings.Contains(recA, "no salary: set vacancy.salary") || strings.Contains(recA, "no closing date") {
		t.Errorf("REF-A's record should list the salary as its blank, not the closing date")
	}
	if !strings.Contains(recB, "no closing date: set vacancy.closing") || strings.Contains(recB, "no salary") {
		t.Errorf("REF-B's record should list the closing date as its blank, not the salary")
	}
	if !strings.Contains(read(a, "advert.md"), "1 December 2026") || !strings.Contains(read(bb, "advert.md"), "£50000") {
		t.Errorf("each advert should carry its own closing date and salary")
	}
	want := map[string]string{"REF-A": "salary, band or grade", "REF-B": "closing date, band or grade"}
	for _, res := range s.Results {
		if got := strings.Join(res.Missing, ", "); got != want[res.Reference] {
			t.Errorf("%s: missing %q, want %q", res.Reference, got, want[res.Reference])
		}
	}
}

// A team batch composes each level its plans name once, and every plan is
// the one its row makes composed on its own.
func TestTeamBatchComposesEachLevelOnce(t *testing.T) {
	e := newEnv(t)
	rows, err := ReadTeam("team.csv", []byte(team+
		"Ana Lopez,Raj Patel,data-engineer,mid,senior,6 months\n"+
		"Ben Ford,Jane Smith,data-engineer,entry,mid,\n"))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	b := e.batch(out, textFormats(t, e))
	b.Kinds = render.TeamPlanIDs()
	b.Composer = compose.NewComposer(e.cfg, e.lib)
	s, err := b.Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	if s.Built != len(rows) {
		t.Fatalf("built %d of %d: %v", s.Built, len(rows), firstErr(s))
	}
	// seven plans, each composing its current and target level (21
	// compositions one by one), name data-engineer at four levels: entry,
	// mid, senior and head
	if got := b.Composer.Len(); got != 4 {
		t.Errorf("composed %d roles and levels for %d plans, want 4", got, len(rows))
	}
	kinds, err := render.LookupKinds(render.TeamPlanIDs())
	if err != nil {
		t.Fatal(err)
	}
	for i, res := range s.Results {
		j := b.prepare(rows)[i]
		cfg := *e.cfg
		cfg.Vacancy, cfg.PDP = j.vacancy, *j.plan
		rc, err := plan.NewContext(context.Background(), &cfg, e.lib, res.Role, res.Level, e.date)
		if err != nil {
			t.Fatal(err)
		}
		files, err := e.r.Files(context.Background(), Request{Context: rc, Kinds: kinds, Formats: b.Formats, Date: e.date})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			got, err := os.ReadFile(filepath.Join(out, res.Name, f.Name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, f.Data) {
				t.Errorf("%s/%s differs from the row composed alone", res.Name, f.Name)
			}
		}
	}
}

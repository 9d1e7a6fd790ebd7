package pdf_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/output/pdf"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

// printCase is one role at one level whose documents are checked.
type printCase struct{ role, level string }

// printCases are the default role at head and senior and an NCF role used
// as it is.
var printCases = []printCase{
	{"", "head"},
	{"", "senior"},
	{"ncf/head-of-data-ethics", "head-of-data-ethics"},
}

// everyDocument renders every document of every kind for c.
func everyDocument(t *testing.T, c printCase) map[string]*doc.Document {
	t.Helper()
	cfg, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	role := c.role
	if role == "" {
		role = cfg.Role
	}
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(fws...)
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	ctx, err := plan.NewContext(context.Background(), cfg, lib, role, c.level, date)
	if err != nil {
		ctx, err = compose.NewContext(cfg, lib, role, c.level, date)
		if err != nil {
			t.Fatal(err)
		}
	}
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*doc.Document{}
	for _, k := range render.Kinds {
		if k.Scope == render.ScopePlan && ctx.PDP == nil {
			continue
		}
		prepared, err := k.Prepare(context.Background(), ctx)
		if err != nil && k.Scope == render.ScopeLadder && strings.Contains(err.Error(), "has one level") {
			continue // a role of one level has no career map: the error says so
		}
		if err != nil {
			t.Fatalf("%s: %v", k.ID, err)
		}
		for _, cp := range k.Documents(prepared) {
			d, err := e.Document(context.Background(), k, cp.Context)
			if err != nil {
				t.Fatalf("%s: %v", cp.Stem, err)
			}
			out[cp.Stem] = d
		}
	}
	return out
}

// TestPagination lays out every document of every kind and checks the
// rules a typesetter keeps: no page ends with a heading or with a table's
// header row, no page holds fewer than four lines (except the only page of
// a one-page document), and no page but the last is left less than half
// filled when what the next page opens with would have fitted on it.
func TestPagination(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out every kind three times")
	}
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range printCases {
		docs := everyDocument(t, c)
		for stem, d := range docs {
			name := fmt.Sprintf("%s@%s/%s", c.role, c.level, stem)
			tr, err := w.Layout(d)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, p := range paginationProblems(tr) {
				t.Errorf("%s: %s", name, p)
			}
		}
	}
}

// paginationProblems lists the pages of tr that break a rule.
func paginationProblems(tr *pdf.Trace) []string {
	var out []string
	n := len(tr.Pages)
	for i, p := range tr.Pages {
		if i < n-1 {
			switch p.Last {
			case "heading":
				out = append(out, fmt.Sprintf("page %d of %d ends with the heading %q", i+1, n, p.Text))
			case "table-header":
				out = append(out, fmt.Sprintf("page %d of %d ends with the header row of a table (%q)", i+1, n, p.Text))
			}
		}
		if i < n-1 {
			next := tr.Pages[i+1]
			// 6 mm: the space above a heading or a table.
			if p.Used < p.Body/2 && !next.Kept && p.Used+6+next.Opening <= p.Body {
				out = append(out, fmt.Sprintf("page %d of %d is %.0f%% filled (last %s %q), but the opening of page %d (%.0f mm) would have fitted",
					i+1, n, 100*p.Used/p.Body, p.Last, strings.TrimSpace(p.Text), i+2, next.Opening))
			}
		}
		if n > 1 && p.Lines < 4 {
			out = append(out, fmt.Sprintf("page %d of %d holds %d lines (last %s %q)", i+1, n, p.Lines, p.Last, strings.TrimSpace(p.Text)))
		}
	}
	return out
}

package pdf_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/composetest"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/output/pdf"
	"github.com/rolepack/rolepack/render"
)

// corpusDocuments lays out documents of kinds for role-levels ("" for the
// config's default role, else a DDaT corpus role imported over the
// built-in DDaT framework) in each language, and calls f with each
// document's trace. It skips when the corpus is not beside the repository.
func corpusDocuments(t *testing.T, roles [][2]string, langs, kinds []string, f func(name string, tr *pdf.Trace)) {
	t.Helper()
	cfg, _ := composetest.Default(t)
	builtins, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	corpus := composetest.ImportPages(t, filepath.Join("..", "..", "..", "shared", "corpus", "ddat", "*.md"), "ddat")
	lib, _, err := compose.NewLibraryOver(builtins, []*framework.Framework{corpus})
	if err != nil {
		t.Fatal(err)
	}
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	ks, err := render.LookupKinds(kinds)
	if err != nil {
		t.Fatal(err)
	}
	date := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	for _, lang := range langs {
		for _, rl := range roles {
			c := *cfg
			c.Language = config.Languages(lang)
			role, level := rl[0], rl[1]
			if role == "" {
				role = c.Role
			}
			ctx, err := compose.NewContext(&c, lib, role, level, date)
			if err != nil {
				t.Fatalf("%s at %s: %v", role, level, err)
			}
			for _, k := range ks {
				prepared, err := k.Prepare(context.Background(), ctx)
				if err != nil {
					t.Fatal(err)
				}
				for _, cp := range k.Documents(prepared) {
					d, err := e.Document(context.Background(), k, cp.Context)
					if err != nil {
						t.Fatal(err)
					}
					tr, err := w.Layout(d)
					if err != nil {
						t.Fatal(err)
					}
					f(fmt.Sprintf("%s %s at %s/%s", lang, role, level, cp.Stem), tr)
				}
			}
		}
	}
}

// A person specification's criteria tables break between rows, as the
// JD's do, rather than move whole to the next page: no page but the last
// is left less than about two-thirds full when content follows it (one
// skills table moving whole left page 1 of several corpus roles' specs 45%
// to 52% filled), in English and Welsh. The roles are the default and
// those whose specs did so.
func TestSpecPagesAreFilled(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out person specifications of corpus roles")
	}
	roles := [][2]string{
		{"", "head"}, {"", "senior"},
		{"ddat/user-researcher", "associate-user-researcher"},
		{"ddat/end-user-computing-engineer", "associate-end-user-computing-engineer"},
		{"ddat/infrastructure-engineer", "principal-infrastructure-engineer"},
		{"ddat/data-ethicist", "head-of-data-ethics"},
		{"ddat/data-governance-manager", "lead-data-governance-manager"},
		{"ddat/application-operations-engineer", "associate-application-operations-engineer"},
		{"ddat/problem-manager", "problem-manager"},
	}
	corpusDocuments(t, roles, []string{"en-GB", "cy"}, []string{"spec"}, func(name string, tr *pdf.Trace) {
		n := len(tr.Pages)
		for i, p := range tr.Pages[:max(n-1, 0)] {
			if p.Used < p.Body*(1-doc.MaxWaste) && !tr.Pages[i+1].Kept {
				t.Errorf("%s: page %d of %d is %.0f%% filled (last %s %q)", name, i+1, n, 100*p.Used/p.Body, p.Last, p.Text)
			}
		}
		for _, p := range paginationProblems(tr) {
			t.Errorf("%s: %s", name, p)
		}
	})
}

// A document whose last page would hold only its closing section under one
// heading and the document-control line (a Welsh JD's "Diogelu" and its
// two lines, on a third page: 160 of the 201 corpus role-levels' Welsh JDs,
// 47 English ones) is set with the space between blocks tightened so that
// the page is saved, keeping every other rule: no page ends with a heading
// or a table's header row, and headings keep with what follows, in both
// languages. Where no tightening saves it (three full pages), the section
// before goes down too, so the last page holds more than one heading's
// few lines. The roles are the default, five drawn from the corpus and
// one of three full pages.
func TestNoLastPageHoldsOneHeading(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out documents of corpus roles")
	}
	roles := [][2]string{
		{"", "head"},
		{"ddat/problem-manager", "problem-manager"},
		{"ddat/service-transition-manager", "service-transition-manager"},
		{"ddat/quality-assurance-test-analyst", "senior-quality-assurance-test-analyst"},
		{"ddat/interaction-designer", "associate-interaction-designer"},
		{"ddat/service-designer", "head-of-service-design"},
		{"ddat/data-ethicist", "head-of-data-ethics"}, // three full pages in Welsh: the last takes two sections
	}
	corpusDocuments(t, roles, []string{"cy", "en-GB"}, []string{"jd", "spec", "advert"}, func(name string, tr *pdf.Trace) {
		n := len(tr.Pages)
		if last := tr.Pages[n-1]; n > 1 && last.Used <= last.Body/4 && last.Headings <= 1 {
			t.Errorf("%s: page %d of %d is %.0f%% filled, %d lines under %d heading (last %q)", name, n, n, 100*last.Used/last.Body, last.Lines, last.Headings, last.Text)
		}
		for _, p := range paginationProblems(tr) {
			t.Errorf("%s: %s", name, p)
		}
	})
}

// An interview scoring sheet keeps its outcome and the panel member's
// signature together on one page, but not its total with them: the
// total goes under the last question where it fits. Kept all three
// together (with the document-control line, about three-quarters of a
// landscape page) moved whole to the next page and left the page of the
// last questions 23% to 62% filled on 34 corpus role-levels' sheets in
// English and 29 in Welsh. Where the last questions and the total still
// leave their page a third empty, questions from the page before go down
// to it. No page but the last is left less than about two-thirds full
// when content follows it, a page opening with a kept span included; the
// roles are the default and sheets that did so (the last three needing
// questions moved down). A criterion's row (its question and its box
// for the evidence) is never broken across pages and the last is never
// alone under the repeated header, so the questions fall in whole rows
// of a fifth of a page or so, and some pages end two-thirds filled or a
// little less (the default role's Welsh sheet: 65%); none is left
// filled to less than 60%.
func TestScoringPagesAreFilled(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out scoring sheets of corpus roles")
	}
	roles := [][2]string{
		{"", "head"},
		{"ddat/enterprise-architect", "enterprise-architect"},
		{"ddat/security-architect", "lead-security-architect"},
		{"ddat/solution-architect", "principal-solution-architect"},
		{"ddat/technical-architect", "associate-technical-architect"},
		{"ddat/frontend-developer", "frontend-developer"},
		{"ddat/software-developer", "senior-developer"},
		{"ddat/service-desk-manager", "service-desk-manager"},
		{"ddat/user-researcher", "junior-user-researcher"},
		{"ddat/data-scientist", "trainee-data-scientist"},
		{"ddat/programme-delivery-manager", "programme-delivery-manager"},
		{"ddat/infrastructure-engineer", "associate-infrastructure-engineer"},
		{"ddat/frontend-developer", "senior-frontend-developer"},
	}
	nearly := [][2]string{
		{"ddat/change-and-release-manager", "configuration-analyst"},
		{"ddat/service-desk-manager", "service-desk-analyst"},
		{"ddat/data-ethicist", "head-of-data-ethics"},
	}
	check := func(least float64) func(string, *pdf.Trace) {
		return func(name string, tr *pdf.Trace) {
			n := len(tr.Pages)
			for i, p := range tr.Pages[:max(n-1, 0)] {
				if p.Used < p.Body*least {
					t.Errorf("%s: page %d of %d is %.0f%% filled (last %s %q)", name, i+1, n, 100*p.Used/p.Body, p.Last, p.Text)
				}
			}
			for _, p := range paginationProblems(tr) {
				t.Errorf("%s: %s", name, p)
			}
		}
	}
	corpusDocuments(t, append(roles, nearly...), []string{"en-GB", "cy"}, []string{"scoring"}, check(0.6))
}

// Every scoring sheet of the default role and of every corpus role-level,
// in English and Welsh, keeps each criterion whole on one page: its
// heading, suggested question and box for the evidence are never split
// across pages (163 of 410 sheets broke a criterion's row, its heading
// and question at a page foot and the rest of its box on the next), and
// the last criterion never stands alone under the repeated header of a
// page of its own (11 did). No page but the last is filled to less than
// 60%, and the pagination rules hold (no page ends with a heading or a
// header row).
func TestScoringCriteriaWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out every corpus role-level's scoring sheet in two languages")
	}
	fw := composetest.ImportPages(t, filepath.Join("..", "..", "..", "shared", "corpus", "ddat", "*.md"), "ddat")
	roles := [][2]string{{"", "head"}, {"", "senior"}}
	for _, r := range fw.Roles {
		for _, l := range r.Levels {
			if !l.Retired {
				roles = append(roles, [2]string{"ddat/" + r.ID, l.ID})
			}
		}
	}
	sheets := 0
	corpusDocuments(t, roles, []string{"en-GB", "cy"}, []string{"scoring"}, func(name string, tr *pdf.Trace) {
		sheets++
		n := len(tr.Pages)
		for i, p := range tr.Pages {
			if p.Broken > 0 {
				t.Errorf("%s: page %d of %d breaks a criterion's row at its foot (last %q)", name, i+1, n, p.Text)
			}
			if p.LoneRow {
				t.Errorf("%s: page %d of %d holds the last criterion alone (%q)", name, i+1, n, p.Text)
			}
			if i < n-1 && p.Used < 0.6*p.Body {
				t.Errorf("%s: page %d of %d is %.0f%% filled (last %s %q)", name, i+1, n, 100*p.Used/p.Body, p.Last, p.Text)
			}
		}
		for _, p := range paginationProblems(tr) {
			t.Errorf("%s: %s", name, p)
		}
	})
	if sheets < 400 {
		t.Errorf("%d scoring sheets laid out, want the corpus's 400 or more", sheets)
	}
}

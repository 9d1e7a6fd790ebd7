package pack

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/render"
)

func TestSummariseFindingsCapsTheErrorsListed(t *testing.T) {
	var fs []lint.Finding
	for i := 1; i <= 8; i++ {
		fs = append(fs, lint.Finding{File: "jd.md", Line: i, Col: 1, Category: lint.Spelling, Severity: lint.Error, Message: fmt.Sprintf("typo %d", i)})
	}
	fs = append(fs, lint.Finding{File: "jd.md", Line: 9, Col: 1, Category: lint.SentenceLength, Severity: lint.Warning, Message: "long"})
	got := SummariseFindings("jd.md", fs, 3)
	want := []string{
		"jd.md: editorial checks: 8 errors (spelling 8), 1 warning (sentence-length 1)",
		"jd.md:1:1: spelling: typo 1",
		"jd.md:2:1: spelling: typo 2",
		"jd.md:3:1: spelling: typo 3",
		"jd.md: … and 5 more errors",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if SummariseFindings("spec.md", nil, 3) != nil {
		t.Error("a clean document has a summary")
	}
}

// The editorial checks read the document tree: every finding names its
// place in the document (the gender-coded balance aside), none a line of
// re-parsed Markdown.
func TestLintDocumentsChecksTheTree(t *testing.T) {
	e := newEnv(t)
	rc, err := compose.NewContext(e.cfg, e.lib, e.cfg.Role, e.cfg.Level, e.date)
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := render.LookupKinds(render.CandidateFacingIDs())
	if err != nil {
		t.Fatal(err)
	}
	// A ban on a word every document has gives each document findings
	// (the default role's documents have next to none).
	rules, err := lint.NewRules(nil, []string{"data"})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := e.r.LintDocuments(context.Background(), Request{Context: rc, Kinds: kinds, Date: e.date}, rules)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) == 0 {
		t.Fatal("no findings: the ban on \"data\" found nothing")
	}
	files := map[string]bool{}
	for _, f := range fs {
		files[f.File] = true
		if f.Line != 0 || (f.Place == "" && !strings.HasPrefix(f.Message, "gender-coded wording")) {
			t.Errorf("finding not placed in the tree: %s", f)
		}
	}
	for _, name := range []string{"jd.md", "spec.md", "advert.md"} {
		if !files[name] {
			t.Errorf("no findings named %s (is it checked?)", name)
		}
	}
}

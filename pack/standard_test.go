package pack

import (
	"context"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/render"
)

// TestStandardTextIsNotCheckedAsTheUsers: the default clauses and the
// documents' fixed labels are rolepack's own text, left out of the
// editorial checks; an organisation's own clause is checked.
func TestStandardTextIsNotCheckedAsTheUsers(t *testing.T) {
	e := newEnv(t)
	jd, err := render.LookupKinds([]string{"jd"})
	if err != nil {
		t.Fatal(err)
	}
	lintJD := func() []string {
		t.Helper()
		rules, err := EditorialRules(e.cfg)
		if err != nil {
			t.Fatal(err)
		}
		rc, err := compose.NewContext(e.cfg, e.lib, e.cfg.Role, e.cfg.Level, e.date)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := e.r.LintDocuments(context.Background(), Request{Context: rc, Kinds: jd, Date: e.date}, rules)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range fs {
			out = append(out, f.String())
		}
		return out
	}
	for _, f := range lintJD() {
		if strings.Contains(f, "Terms that apply to every role") || strings.Contains(f, "Job details, Responsible for") {
			t.Errorf("rolepack's own text is checked as the organisation's: %s", f)
		}
	}
	e.cfg.Organisation.Clauses = map[string]string{"Safeguarding": "We want a rockstar who keeps everyone safe."}
	found := false
	for _, f := range lintJD() {
		found = found || strings.Contains(f, "Terms that apply to every role > Safeguarding") && strings.Contains(f, "rockstar")
	}
	if !found {
		t.Error("the organisation's own clause is not checked")
	}
}

// TestOrganisationsOwnNamesAreSpelt: the words of the organisation's name,
// department and location are spelt as it spells them, never an unknown
// word; a misspelling elsewhere still is one.
func TestOrganisationsOwnNamesAreSpelt(t *testing.T) {
	e := newEnv(t)
	e.cfg.Organisation.Name = "Cyngor Sir Ddinbych"
	e.cfg.Organisation.Department = "Gwasanaethau Digidol"
	e.cfg.Organisation.Location = "Rhuthun (hybrid)"
	rules, err := EditorialRules(e.cfg)
	if err != nil {
		t.Fatal(err)
	}
	fs := lint.Check("jd.md", []byte("# Data engineer\n\n**Cyngor Sir Ddinbych** · Gwasanaethau Digidol, Rhuthun\n\nWe build pipleines.\n"), rules)
	var got []string
	for _, f := range fs {
		if f.Category == lint.Spelling {
			got = append(got, f.Message)
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], `"pipleines"`) {
		t.Errorf("spelling findings %q, want only pipleines", got)
	}
}

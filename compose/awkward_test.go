package compose_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/composetest"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/render"
)

// An organisation's own role, written in the DDaT page format with
// descriptors in every shape (testdata/awkward), used as it is: every
// duty is an imperative, every other line of the level's text is a
// criterion in the form its shape takes, every question asks for
// evidence, the specification has at least ten criteria, and the grammar
// check finds nothing in the documents a candidate reads.
func TestAnOrganisationsOwnRoleReadsWell(t *testing.T) {
	cfg, lib := composetest.Default(t, composetest.ImportPages(t, "testdata/awkward/*.md", "org"))
	ctx, err := compose.NewContext(cfg, lib, "org/insight-analyst", "senior-insight-analyst", planDate)
	if err != nil {
		t.Fatal(err)
	}
	wantDuties := []string{
		"Explain complex findings to non-specialist audiences.",
		"Be responsible for the quality of the team's published statistics.",
		"Prioritise competing requests from several services.",
		"Take ownership of the analysis plan and report progress to the service lead.",
		"Mentor junior analysts and review their work.",
	}
	for i, d := range wantDuties {
		if i >= len(ctx.Selected.Duties) || ctx.Selected.Duties[i] != d {
			t.Errorf("duty %d: got %q, want %q", i+1, at(ctx.Selected.Duties, i), d)
		}
	}
	for _, d := range ctx.Selected.Duties {
		first, _, _ := strings.Cut(d, " ")
		switch first {
		case "Can", "Responsible", "Knowledge", "Is", "Has", "Understands", "You", "Working", "Be":
			if !strings.HasPrefix(d, "Be responsible for") {
				t.Errorf("duty %q does not start with a verb of its own", d)
			}
		}
	}
	texts := map[string]compose.Criterion{}
	for _, cr := range ctx.Spec {
		texts[cr.Text] = cr
		if cr.Question != "" && !strings.HasPrefix(cr.Question, "Tell us about") && !strings.HasPrefix(cr.Question, "Give an example") {
			t.Errorf("%s: question %q does not ask for evidence", cr.ID, cr.Question)
		}
	}
	for text, group := range map[string]string{
		"Knowledge of statistical disclosure control":                                        "Knowledge",
		"Understanding of the principles of data protection and information governance":      "Knowledge",
		"Working knowledge of SQL and R":                                                     "Knowledge",
		"Experience of managing small analytical projects":                                   "Experience",
		"Evidence of being inquisitive":                                                      "Skills",
		"Experience of explaining complex findings to non-specialist audiences":              "Experience",
		"Experience of being responsible for the quality of the team's published statistics": "Experience",
	} {
		if cr, ok := texts[text]; !ok || cr.Group != group {
			t.Errorf("no %s criterion %q (have %v)", group, text, keys(texts))
		}
	}
	if n := len(ctx.Spec); n < 10 || n > 15 {
		t.Errorf("%d criteria, want 10 to 15", n)
	}
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := render.LookupKinds([]string{"jd", "spec", "scoring", "advert"})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kinds {
		for _, d := range k.Documents(ctx) {
			tree, err := e.Document(context.Background(), k, d.Context)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range lint.CheckDocument(k.ID+".md", tree, nil) {
				if f.Category == "grammar" {
					t.Errorf("%s: %s: %s", k.ID, f.Place, f.Message)
				}
			}
		}
	}
}

func at(l []string, i int) string {
	if i < len(l) {
		return l[i]
	}
	return ""
}

func keys(m map[string]compose.Criterion) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// A level whose skills have no descriptors (a retired DDaT level, used
// with --allow-retired) lists the skills by name as plain items, never as
// bold labels with nothing after them.
func TestSkillsWithoutTextAreNotBareLabels(t *testing.T) {
	cfg, lib := composetest.Default(t, composetest.ImportPages(t, filepath.Join(corpus, "chief-digital-and-data-chief-data-officer-not-in-use.md"), "cdo"))
	cfg.AllowRetired = true
	ctx, err := compose.NewContext(cfg, lib, "cdo/chief-data-officer", "chief-data-officer", planDate)
	if err != nil {
		t.Fatal(err)
	}
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := render.LookupKinds([]string{"jd", "advert"})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kinds {
		tree, err := e.Document(context.Background(), k, k.Documents(ctx)[0].Context)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range lint.CheckDocument(k.ID+".md", tree, nil) {
			if f.Category == "grammar" {
				t.Errorf("%s: %s: %s", k.ID, f.Place, f.Message)
			}
		}
	}
}

// A second organisation's role in the DDaT page format (testdata/awkward's
// service desk lead), with descriptors that open "Can", "Responsible for",
// "Has", "Able to", "Understands", "Is …", a passive, clauses joined by
// semicolons, brackets, British spellings, trailing full stops, bullets
// that lost their space or doubled their marker ("-understand", "- -
// Responds"), a qualification held ("hold an ITIL 4 Foundation
// certification") and a skill named as knowledge: each lands as the
// duty, criterion or qualification its shape makes, and the grammar check
// finds nothing in the documents a candidate reads.
func TestASecondOrganisationsRoleReadsWell(t *testing.T) {
	cfg, lib := composetest.Default(t, composetest.ImportPages(t, "testdata/awkward/*.md", "org"))
	ctx, err := compose.NewContext(cfg, lib, "org/service-desk-lead", "senior-service-desk-lead", planDate)
	if err != nil {
		t.Fatal(err)
	}
	wantDuties := []string{
		"Organise the rota so that the desk is staffed during core hours (08:00 to 18:00).",
		"Be responsible for the desk's daily handover to the evening team.",
		"Have regular one-to-ones with analysts and agree their development goals.",
		"Prioritise incidents by impact and urgency.",
		"Ensure incidents are logged, categorised and resolved within agreed timescales.",
		"Manage the desk's work: triage; escalation; follow-up; closure.",
		"Understand the colour-coded priority scheme and explain it to new starters.",
		"Be responsible for the desk's knowledge base (articles, scripts and FAQs).",
	}
	for i, d := range wantDuties {
		if i >= len(ctx.Selected.Duties) || ctx.Selected.Duties[i] != d {
			t.Errorf("duty %d: got %q, want %q", i+1, at(ctx.Selected.Duties, i), d)
		}
	}
	texts := map[string]compose.Criterion{}
	for _, cr := range ctx.Spec {
		texts[cr.Text] = cr
		for _, s := range []string{cr.Text, cr.Detail, cr.Question} {
			if strings.HasPrefix(s, "-") || strings.Contains(s, " -understand") || strings.Contains(s, "Experience of service management") {
				t.Errorf("%s: %q", cr.ID, s)
			}
		}
	}
	for text, group := range map[string]string{
		"An ITIL 4 Foundation certification": "Qualifications",
		"Service management knowledge":       "Knowledge",
		"Understanding of the organisation's licence agreements and the programme of upgrades":             "Knowledge",
		"Experience of having regular one-to-ones with analysts and agreeing their development goals":      "Experience",
		"Experience of organising the rota so that the desk is staffed during core hours (08:00 to 18:00)": "Experience",
	} {
		if cr, ok := texts[text]; !ok || cr.Group != group {
			t.Errorf("no %s criterion %q (have %v)", group, text, keys(texts))
		}
	}
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := render.LookupKinds([]string{"jd", "spec", "scoring", "advert"})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kinds {
		for _, d := range k.Documents(ctx) {
			tree, err := e.Document(context.Background(), k, d.Context)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range lint.CheckDocument(k.ID+".md", tree, nil) {
				if f.Category == "grammar" {
					t.Errorf("%s: %s: %s", k.ID, f.Place, f.Message)
				}
			}
		}
	}
}

// A third organisation's role (testdata/awkward's accessibility
// specialist), written as people write by hand: nouns of action
// ("Delivery of training …", "Ownership of …", "Management of …"),
// passives ("… are triaged, tracked and fixed", "Coaching of … is
// provided"), a frame with "and to …", abbreviations mid-sentence ("i.e.",
// "e.g.", "etc."), a bracket holding a list, a colon after "including",
// one-word descriptors ("Testing", "Communication") and US spellings.
// Each duty is an imperative in the framework's spelling, each criterion
// and question reads as one sentence, no abbreviation ends a sentence or
// doubles a stop, and the grammar check finds nothing.
func TestAThirdOrganisationsRoleReadsWell(t *testing.T) {
	cfg, lib := composetest.Default(t, composetest.ImportPages(t, "testdata/awkward/*.md", "org"))
	ctx, err := compose.NewContext(cfg, lib, "org/accessibility-specialist", "lead-accessibility-specialist", planDate)
	if err != nil {
		t.Fatal(err)
	}
	wantDuties := []string{
		"Lead accessibility audits of complex services against WCAG 2.2 AA.",
		"Own the accessibility statement for each service (reviewed annually).",
		"Ensure accessibility issues are triaged, tracked and fixed before a service goes live.",
		"Deliver training for designers, developers, content designers, etc.",
		"Be responsible for the team's work, including planning, prioritization, quality assurance and reporting.",
		"Organize research with disabled people, e.g. screen reader users, and analyze the findings.",
	}
	for i, d := range wantDuties {
		if i >= len(ctx.Selected.Duties) || ctx.Selected.Duties[i] != d {
			t.Errorf("duty %d: got %q, want %q", i+1, at(ctx.Selected.Duties, i), d)
		}
	}
	for _, d := range ctx.Selected.Duties {
		if strings.Contains(d, "and point 5") || strings.Contains(d, "Coach of") {
			t.Errorf("duty %q", d)
		}
	}
	texts := map[string]compose.Criterion{}
	for _, cr := range ctx.Spec {
		texts[cr.Text] = cr
		for _, s := range []string{cr.Text, cr.Detail, cr.Question} {
			if strings.Contains(s, "..") || strings.Contains(s, "(e.g. What") || strings.HasSuffix(s, "(e.g.") || strings.Contains(s, " Test.") ||
				strings.Contains(s, " Communication.") || strings.Contains(s, "including:") {
				t.Errorf("%s: %q", cr.ID, s)
			}
		}
	}
	for text, detail := range map[string]string{
		"Experience of owning the accessibility statement for each service (reviewed annually)":                 "",
		"Experience of ensuring accessibility issues are triaged, tracked and fixed before a service goes live": "",
		"Experience of delivering training for designers, developers, content designers, etc.":                  "",
		"Experience of accessibility testing":                                                                   "Test with assistive technologies (e.g. JAWS, NVDA, VoiceOver, etc.). Knowledge of automated testing tools and their limits.",
		"Experience of communicating between the technical and non-technical":                                   "Explain technical accessibility issues to non-technical audiences, i.e. senior managers.",
	} {
		cr, ok := texts[text]
		if !ok {
			t.Errorf("no criterion %q (have %v)", text, keys(texts))
		} else if detail != "" && cr.Detail != detail {
			t.Errorf("%s: detail %q, want %q", cr.ID, cr.Detail, detail)
		}
	}
	if cr := texts["Experience of accessibility testing"]; cr.Question != "Tell us about a time when you tested with assistive technologies (e.g. JAWS, NVDA, VoiceOver, etc.). What did you do, and what was the result?" {
		t.Errorf("question %q", cr.Question)
	}
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := render.LookupKinds([]string{"jd", "spec", "scoring", "advert"})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kinds {
		for _, d := range k.Documents(ctx) {
			tree, err := e.Document(context.Background(), k, d.Context)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range lint.CheckDocument(k.ID+".md", tree, nil) {
				if f.Category == "grammar" {
					t.Errorf("%s: %s: %s", k.ID, f.Place, f.Message)
				}
			}
		}
	}
}

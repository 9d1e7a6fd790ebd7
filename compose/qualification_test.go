package compose_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/composetest"
)

// A skill whose descriptor is a qualification ("show you have a Level 3
// service management framework qualification") is a qualification
// criterion: checked at application against the certificate, not scored
// at interview, never the subject of an evidence question ("Give an
// example that shows a Level 3 … qualification"). Where the skill says
// more (at senior, knowledge of ITIL), the skill stays a criterion of its
// own, asked about what it says beyond the qualification; the JD's and
// advert's skills do not state the qualification a second time.
func TestAQualificationIsCheckedAtApplication(t *testing.T) {
	fw := composetest.ImportPages(t, filepath.Join(corpus, "it-operations-business-relationship-manager-*.md"), "brm")
	cfg, lib := composetest.Default(t, fw)
	for _, c := range []struct {
		level     string
		skillToo  bool // the skill says more than the qualification
		skillText string
	}{
		{"business-relationship-manager", false, ""},
		{"senior-business-relationship-manager", true, "ITIL"},
	} {
		ctx, err := compose.NewContext(cfg, lib, "brm/business-relationship-manager", c.level, planDate)
		if err != nil {
			t.Fatal(err)
		}
		var qual *compose.Criterion
		skill := false
		for i, cr := range ctx.Spec {
			if strings.Contains(cr.Question, "example that shows a Level 3") {
				t.Errorf("%s %s: question %q asks for an example of a qualification", c.level, cr.ID, cr.Question)
			}
			if strings.Contains(cr.Text, "Level 3 service management framework qualification") {
				qual = &ctx.Spec[i]
			}
			if strings.Contains(cr.Detail, "Level 3") {
				t.Errorf("%s %s: %q still details the qualification as a skill", c.level, cr.ID, cr.Detail)
			}
			if cr.Label == "Service management framework knowledge" {
				skill = true
				if !strings.Contains(cr.Detail, c.skillText) || strings.Contains(cr.Question, "qualification") {
					t.Errorf("%s %s: detail %q, question %q: want the skill's other descriptor", c.level, cr.ID, cr.Detail, cr.Question)
				}
			}
		}
		if qual == nil {
			t.Fatalf("%s: no criterion states the qualification", c.level)
		}
		if qual.Group != "Qualifications" || qual.Scored || qual.Question != "" || strings.Join(qual.Assessment, ",") != "Application" {
			t.Errorf("%s %s: group %s, scored %v, question %q, assessed %v; want Qualifications, assessed at application only",
				c.level, qual.ID, qual.Group, qual.Scored, qual.Question, qual.Assessment)
		}
		if qual.Text != "A Level 3 service management framework qualification" {
			t.Errorf("%s %s: %q", c.level, qual.ID, qual.Text)
		}
		for _, b := range ctx.Selected.Bring {
			if strings.Contains(b.Detail+b.Text, "Level 3") {
				t.Errorf("%s: the skills the JD and advert list state the qualification again: %s: %s", c.level, b.Title, b.Detail)
			}
		}
		if skill != c.skillToo {
			t.Errorf("%s: skill criterion kept %v, want %v", c.level, skill, c.skillToo)
		}
	}
}

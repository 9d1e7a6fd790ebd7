package compose_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/composetest"
)

// A DDaT role whose skills carry their discipline in brackets
// ("Communication (security architect)") names them without it in the
// person specification, the scoring sheet's questions and the JD's and
// advert's skills: a candidate reads "Experience of communication".
func TestSkillNamesLeaveOutTheDisciplineTag(t *testing.T) {
	cfg, lib := composetest.Default(t, composetest.ImportPages(t, filepath.Join(corpus, "architecture-security-architect-lead-security-architect.md"), "sec"))
	ctx, err := compose.NewContext(cfg, lib, "sec/security-architect", "lead-security-architect", planDate)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, cr := range ctx.Spec {
		for _, s := range []string{cr.Label, cr.Text, cr.Question} {
			if strings.Contains(strings.ToLower(s), "(security architect)") {
				t.Errorf("%s: %q names the discipline tag", cr.ID, s)
			}
		}
		found = found || cr.Text == "Experience of communication"
	}
	if !found {
		t.Error("no criterion reads \"Experience of communication\"")
	}
	for _, b := range ctx.Selected.Bring {
		if strings.Contains(b.Title, "(") {
			t.Errorf("skill %q names the discipline tag", b.Title)
		}
	}
}

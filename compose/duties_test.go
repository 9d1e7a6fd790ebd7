package compose_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/composetest"
)

// notADuty matches a key responsibility that states what a candidate
// knows or can show ("Explain the concepts and principles of data
// modelling.", "Understand and define …", "See the bigger picture …"):
// a reader takes it for a requirement, not for work the job holder does.
var notADuty = regexp.MustCompile(`^(Understand|Know|Recognise|See|Show|Demonstrate)\b|^(Explain|Describe|Outline) (the )?(importance|purpose|role|principles|basics|basic|concepts|difference|differences|benefits|value|stages|process|what|how|why|when|who|different|typical|some|common)\b`)

// Key responsibilities filled from skill descriptors, when a level gives
// few of its own, are work the job holder does; where the skills say
// only what a candidate understands (associate designers), the few duties
// put that understanding to work ("Apply your understanding of …"), and
// the person specification still asks for the experience the framework
// names.
func TestFallbackDutiesAreWork(t *testing.T) {
	for _, c := range []struct {
		page, role, level string
		minDuties         int
	}{
		{"data-data-engineer-head-of-data-engineering.md", "de/data-engineer", "head-of-data-engineering", 8},
		{"data-data-engineer-data-engineer.md", "de/data-engineer", "data-engineer", 8},
		{"user-centred-design-interaction-designer-associate-interaction-designer.md", "de/interaction-designer", "associate-interaction-designer", 5},
		{"user-centred-design-user-researcher-associate-user-researcher.md", "de/user-researcher", "associate-user-researcher", 3},
	} {
		cfg, lib := composetest.Default(t, composetest.ImportPages(t, filepath.Join(corpus, c.page), "de"))
		ctx, err := compose.NewContext(cfg, lib, c.role, c.level, planDate)
		if err != nil {
			t.Fatal(err)
		}
		duties := ctx.Selected.Duties
		for i, d := range duties {
			if notADuty.MatchString(d) {
				t.Errorf("%s duty %d: %q states what a candidate knows, not work", c.level, i+1, d)
			}
		}
		if len(duties) < c.minDuties {
			t.Errorf("%s: %d duties, want %d at least:\n%s", c.level, len(duties), c.minDuties, strings.Join(duties, "\n"))
		}
		for _, cr := range ctx.Spec {
			if strings.Contains(cr.Text, "applying your understanding") {
				t.Errorf("%s %s: %q: a criterion from a reworded duty asks for what the framework says", c.level, cr.ID, cr.Text)
			}
		}
	}
}

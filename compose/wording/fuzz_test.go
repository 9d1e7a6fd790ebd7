package wording

import (
	"strings"
	"testing"
)

// FuzzParse: no descriptor makes Parse panic, and every form of a
// non-empty descriptor is non-empty and one line.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"Can explain complex findings.", "responsible for X", "knowledge of Y", "have X and engage Y",
		"lead, coach and develop teams", "deal with, or escalate, issues", "Familiarity with X. Can set Y.",
		"apply apply standards", ", and", "and can", "be", "you are capable of", "- * •", "a, b, c, and d",
		"potentially", "In emergencies, only", "can actively",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := Parse(s)
		if strings.TrimSpace(strings.Trim(s, ".;:!-–•* \t")) == "" {
			return
		}
		for name, out := range map[string]string{"criterion": p.Criterion(), "question": p.Question(), "objective": p.Objective()} {
			if strings.ContainsAny(out, "\n\r") {
				t.Errorf("%s of %q has a line break: %q", name, s, out)
			}
			if strings.TrimSpace(out) == "" && strings.TrimSpace(p.Source) != "" {
				t.Errorf("%s of %q is empty", name, s)
			}
		}
		p.Duty()
		p.Statement()
		p.Ability()
	})
}

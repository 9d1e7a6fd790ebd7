package compose

import (
	"fmt"

	"github.com/rolepack/rolepack/config"
)

// welshCriterion is the person-specification criterion for a post whose
// Welsh language skills are essential or desirable, and whether there is
// one: the other two categories ask nothing of a candidate.
func welshCriterion(v config.Vacancy) (Criterion, bool) {
	switch v.Welsh {
	case config.WelshEssential:
		return Criterion{Label: "Welsh language", Text: "Welsh language skills", Essential: true, Assessment: []string{"Application", "Interview"}}, true
	case config.WelshDesirable:
		return Criterion{Label: "Welsh language", Text: "Welsh language skills", Assessment: []string{"Application", "Interview"}}, true
	}
	return Criterion{}, false
}

// withWelsh is spec with the vacancy's Welsh language criterion added to
// the Other group, when its category asks for one (a copy: spec is shared
// by every vacancy of a role and level). An essential one is scored at
// interview.
func withWelsh(spec []Criterion, v config.Vacancy) []Criterion {
	cr, ok := welshCriterion(v)
	if !ok {
		return spec
	}
	n := 0
	for _, c := range spec {
		if c.Group == "Other" {
			n++
		}
	}
	cr.ID, cr.Group, cr.Weight = fmt.Sprintf("O%d", n+1), "Other", 1
	if cr.Essential {
		cr.Scored = true
		cr.Question = "Tell us about a time when you used your Welsh language skills at work. What did you do, and what was the result?"
	} else {
		cr.Assessment = []string{"Application"}
	}
	out := make([]Criterion, 0, len(spec)+1)
	out = append(out, spec...)
	return append(out, cr)
}

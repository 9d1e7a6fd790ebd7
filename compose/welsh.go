package compose

import (
	"fmt"
	"strings"
)

// The Welsh language categories of a post, as the Welsh Language
// Standards define them (for example standard 57 of the Welsh Language
// Standards (No. 8) Regulations 2022, and the matching standard of the
// No. 7 Regulations for NHS bodies in Wales): every new or vacant post of
// a body under the Standards is put in one of four, and the Commissioner
// has found against a body that made up a fifth ("very desirable").
const (
	WelshEssential    = "essential"
	WelshLearn        = "learn"
	WelshDesirable    = "desirable"
	WelshNotNecessary = "not-necessary"
)

// WelshCategories lists the values of vacancy.welsh in the Standards' order.
var WelshCategories = []string{WelshEssential, WelshLearn, WelshDesirable, WelshNotNecessary}

// welshWording is each category in the Standards' own words.
var welshWording = map[string]string{
	WelshEssential:    "Welsh language skills are essential",
	WelshLearn:        "Welsh language skills need to be learnt when appointed to the post",
	WelshDesirable:    "Welsh language skills are desirable",
	WelshNotNecessary: "Welsh language skills are not necessary",
}

// WelshLanguage is the post's Welsh language category in the Standards'
// words ("Welsh language skills are essential"), for the JD's and the
// advert's job details; "" when vacancy.welsh is not set.
func (v Vacancy) WelshLanguage() string { return welshWording[v.Welsh] }

// checkWelsh reports a vacancy.welsh value that is not one of the four
// categories.
func checkWelsh(s string) error {
	if s == "" || welshWording[s] != "" {
		return nil
	}
	return fmt.Errorf("%q is not a Welsh language category: use %s (the Welsh Language Standards allow no other)", s, strings.Join(WelshCategories, ", "))
}

// welshCriterion is the person-specification criterion for a post whose
// Welsh language skills are essential or desirable, and whether there is
// one: the other two categories ask nothing of a candidate.
func welshCriterion(v Vacancy) (Criterion, bool) {
	switch v.Welsh {
	case WelshEssential:
		return Criterion{Label: "Welsh language", Text: "Welsh language skills", Essential: true, Assessment: []string{"Application", "Interview"}}, true
	case WelshDesirable:
		return Criterion{Label: "Welsh language", Text: "Welsh language skills", Assessment: []string{"Application", "Interview"}}, true
	}
	return Criterion{}, false
}

// withWelsh is spec with the vacancy's Welsh language criterion added to
// the Other group, when its category asks for one (a copy: spec is shared
// by every vacancy of a role and level). An essential one is scored at
// interview.
func withWelsh(spec []Criterion, v Vacancy) []Criterion {
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

// ParseWelsh reads a Welsh language category as people write it in a
// spreadsheet ("Essential", "Not necessary", "To be learnt", "learn") and
// returns its value for vacancy.welsh; "" for an empty cell.
func ParseWelsh(s string) (string, error) {
	k := strings.Join(strings.Fields(strings.ToLower(strings.NewReplacer("-", " ", "_", " ").Replace(s))), " ")
	switch k {
	case "":
		return "", nil
	case "essential", "welsh essential":
		return WelshEssential, nil
	case "desirable", "welsh desirable":
		return WelshDesirable, nil
	case "learn", "to be learnt", "to be learned", "need to be learnt", "learn when appointed", "to be learnt when appointed":
		return WelshLearn, nil
	case "not necessary", "welsh not necessary":
		return WelshNotNecessary, nil
	}
	return "", checkWelsh(s)
}

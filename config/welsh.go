package config

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

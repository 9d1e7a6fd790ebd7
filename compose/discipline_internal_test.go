package compose

import "testing"

// TestEntryTitleDropsDisciplineTag: a skill's trailing discipline tag
// ("Communication (security architect)") is left out of the name the
// documents print, but not a code, an acronym or a tag that tells two
// selected entries apart.
func TestEntryTitleDropsDisciplineTag(t *testing.T) {
	for _, c := range []struct{ title, want string }{
		{"Communication (security architect)", "Communication"},
		{"Programming and build (data engineering)", "Programming and build"},
		{"Facilitation (Data Ethics)", "Facilitation"},
		{"Technical understanding (user-centred design)", "Technical understanding"},
		{"Data governance (data architect) (Level 3)", "Data governance"},
		{"Business analysis (IT operations)", "Business analysis (IT operations)"},
		{"Data protection (GDPR)", "Data protection (GDPR)"},
		{"Data engineering (DE3.1)", "Data engineering (DE3.1)"},
		{"Head of (Agile) delivery management", "Head of (Agile) delivery management"},
		{"(data ethics)", "(data ethics)"},
		{"Data modelling", "Data modelling"},
	} {
		it := &Item{Title: c.title}
		s := &Selection{Essential: []*Item{it}}
		if got := displayName(s.entryTitle(it)); got != displayName(c.want) {
			t.Errorf("%q: got %q, want %q", c.title, got, displayName(c.want))
		}
	}
	a := &Item{Title: "Communication (security architect)"}
	b := &Item{Title: "Communication (data ethics)"}
	s := &Selection{Essential: []*Item{a}, Desirable: []*Item{b}}
	if got := s.entryTitle(a); got != a.Title {
		t.Errorf("two communication skills: got %q, want the tag kept", got)
	}
	if got := s.entryTitle(b); got != b.Title {
		t.Errorf("two communication skills: got %q, want the tag kept", got)
	}
}

package compose

import "testing"

// TestNHSSpecificMatchesTheExpression checks the quick path of nhsSpecific
// against the regular expression alone.
func TestNHSSpecificMatchesTheExpression(t *testing.T) {
	for _, c := range []struct {
		title string
		descs []string
	}{
		{"Data engineering", []string{"builds pipelines", "leads teams"}},
		{"Works with the NHS", nil},
		{"NHSX standards", nil},
		{"Patient safety", nil},
		{"Outpatients", nil},
		{"Health and", []string{"care services"}},
		{"HEALTH AND CARE", nil},
		{"Clinical coding", nil},
		{"Preclinical", nil},
		{"The NHſ", nil},
		{"Café", []string{"patients"}},
		{"", nil},
	} {
		it := &Item{Title: c.title, Descriptors: c.descs}
		want := nhsWords.MatchString(c.title + " " + joinSpace(c.descs))
		if got := nhsSpecific(it); got != want {
			t.Errorf("%q %q: nhsSpecific %v, expression %v", c.title, c.descs, got, want)
		}
	}
}

func joinSpace(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out
}

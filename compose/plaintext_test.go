package compose

import "testing"

// TestPlainTextLevelTags: a level tag is left out of candidate-facing text
// (bracketed anywhere, or ending a title); a level that is part of what
// the text says stays.
func TestPlainTextLevelTags(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Written communication (B3.1) (Level 5)", "Written communication"},
		{"Source identification (WP3.1)(Level Five)", "Source identification"},
		{"Stakeholder management (Data Ethics) (Level Five)", "Stakeholder management (Data Ethics)"},
		{"Ways of working Level Five", "Ways of working"},
		{"Data engineering (Senior)", "Data engineering"},
		{"show you have a Level 3 service management framework qualification", "show you have a Level 3 service management framework qualification"},
		{"Hold a qualification at level 6 or above", "Hold a qualification at level 6 or above"},
	} {
		if got := plainText(c.in); got != c.want {
			t.Errorf("plainText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

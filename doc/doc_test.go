package doc

import "testing"

// TestPlainText joins runs' texts without their styles, a hard break a
// space; a single run is its text.
func TestPlainText(t *testing.T) {
	for _, c := range []struct {
		runs []Inline
		want string
	}{
		{nil, ""},
		{[]Inline{{Text: "Data engineer", Style: Bold}}, "Data engineer"},
		{[]Inline{{Break: true}}, " "},
		{[]Inline{{Text: "Lead "}, {Text: "data", Style: Italic}, {Break: true}, {Text: "engineer"}}, "Lead data engineer"},
	} {
		if got := PlainText(c.runs); got != c.want {
			t.Errorf("PlainText(%v) = %q, want %q", c.runs, got, c.want)
		}
	}
}

package render

import "testing"

// TestProse checks that prose lists read as one sentence and never double
// a shared opening such as "experience of".
func TestProse(t *testing.T) {
	for _, c := range []struct {
		in   []any
		want string
	}{
		{[]any{"experience of data modelling"}, "experience of data modelling"},
		{[]any{"experience of pipelines and permissions", "experience of developing architecture"},
			"experience of pipelines and permissions, and of developing architecture"},
		{[]any{"knowledge of big data", "knowledge of testing", "ability to lead"},
			"knowledge of big data, of testing and the ability to lead"},
		// As the object of "need" or "have", an understanding and a
		// working knowledge take their article; knowledge does not.
		{[]any{"knowledge of statistical disclosure control", "understanding of the principles of data protection and information governance", "experience of managing small analytical projects", "working knowledge of SQL and R"},
			"knowledge of statistical disclosure control, an understanding of the principles of data protection and information governance, experience of managing small analytical projects, and a working knowledge of SQL and R"},
		{[]any{"understanding of the impact of decisions"}, "an understanding of the impact of decisions"},
		{[]any{"understanding of A", "understanding of B"}, "an understanding of A and of B"},
		{[]any{"in-depth knowledge of R", "awareness of GDPR"}, "an in-depth knowledge of R and an awareness of GDPR"},
		{[]any{"an understanding of A"}, "an understanding of A"},
		{[]any{"working with data"}, "working with data"},
		{[]any{"Experience of A", "experience of B"}, "Experience of A and of B"},
	} {
		if got := prose(c.in); got != c.want {
			t.Errorf("prose(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := series([]string{"Coaching", "team dynamics, and influencing", "research"}); got != "Coaching; team dynamics, and influencing; and research" {
		t.Errorf("series: %q", got)
	}
}

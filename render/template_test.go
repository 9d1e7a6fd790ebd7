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
			"knowledge of big data, of testing and ability to lead"},
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

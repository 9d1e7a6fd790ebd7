package docx

import (
	"strings"
	"testing"
)

// A chart label too long for its column wraps at words instead of being
// cut ("Data engineering for OMOP using dbt/SQ…", issue 26); only a word
// wider than the column alone, or what is past the last line, is cut.
func TestChartLabelsWrap(t *testing.T) {
	measure := func(s string) int { return 10 * len([]rune(s)) }
	label := "Data engineering for OMOP using dbt/SQLMesh"
	lines := wrapLabel(label, 200, maxLabelLines, measure)
	if got := strings.Join(lines, " "); got != label {
		t.Errorf("wrapped %q, want every word of %q", lines, label)
	}
	if len(lines) < 2 || len(lines) > maxLabelLines {
		t.Errorf("%d lines: %q", len(lines), lines)
	}
	for _, ln := range lines {
		if measure(ln) > 200 {
			t.Errorf("line %q is wider than the column", ln)
		}
	}
	if got := wrapLabel("Short", 200, maxLabelLines, measure); len(got) != 1 || got[0] != "Short" {
		t.Errorf("short label: %q", got)
	}
	long := wrapLabel(strings.Repeat("word ", 40), 200, 2, measure)
	if len(long) != 2 || !strings.HasSuffix(long[1], "…") {
		t.Errorf("a label past its lines ends with an ellipsis: %q", long)
	}
}

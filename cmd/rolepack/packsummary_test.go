package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestPackWarnsOncePerKindAndRoleLevel: a manifest of many vacancies
// prints one editorial line per document kind and role-level, not one per
// pack; --verbose prints each pack's.
func TestPackWarnsOncePerKindAndRoleLevel(t *testing.T) {
	var b strings.Builder
	b.WriteString("reference,role,level\n")
	const rows = 24
	for i := 0; i < rows; i++ {
		level := "senior"
		if i%2 == 1 {
			level = "head"
		}
		fmt.Fprintf(&b, "R-%d,data-engineer,%s\n", i, level)
	}
	m := writeManifest(t, "vacancies.csv", b.String())
	stderr, err := packCLI(t, context.Background(), false, m, "--format", "md", "--out", t.TempDir())
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	lines := 0
	for _, l := range strings.Split(stderr, "\n") {
		if strings.Contains(l, "editorial checks") {
			lines++
			if !strings.Contains(l, "in 12 packs") {
				t.Errorf("a summary line does not count its packs: %s", l)
			}
		}
	}
	// jd, spec and advert at two role-levels: at most six lines.
	if lines == 0 || lines > 6 {
		t.Errorf("%d editorial lines for %d packs, want at most one per kind and role-level (6):\n%s", lines, rows, stderr)
	}
	stderr, err = packCLI(t, context.Background(), false, m, "--format", "md", "--out", t.TempDir(), "--verbose")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(stderr, "editorial checks"); n != lines*rows/2 {
		t.Errorf("--verbose: %d editorial lines, want each pack's (%d)", n, lines*rows/2)
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A plan that cannot be built fails alone: the other documents are
// written, the error is one line and the exit is non-zero.
func TestPlanFailsAlone(t *testing.T) {
	dir := t.TempDir()
	stdout, _, err := run(t, fixedDate, "generate", "--role", "ncf/head-of-data-ethics", "--level", "head-of-data-ethics",
		"--doc", "jd,pdp", "--format", "md", "--out", dir)
	if err == nil || !strings.Contains(err.Error(), `pdp not written`) || !strings.Contains(err.Error(), `has no level "mid"`) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(stdout, "jd.md") {
		t.Errorf("the JD was not written: %q", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "pdp.md")); !os.IsNotExist(err) {
		t.Errorf("pdp.md written: %v", err)
	}
}

// A run of the PDP alone needs no level, and --from, --to set the move.
func TestPlanOnlyNeedsNoLevel(t *testing.T) {
	dir := t.TempDir()
	_, _, err := run(t, fixedDate, "generate", "--set", "level=", "--doc", "pdp", "--from", "entry", "--to", "mid", "--format", "md", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "pdp.md"))
	if !strings.Contains(string(b), "# Data engineer: from Entry to Mid\n") {
		t.Errorf("pdp.md does not run Entry to Mid:\n%.600s", b)
	}
}

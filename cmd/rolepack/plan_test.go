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
		"--doc", "jd,pdp", "--format", "md", "--out", dir, "--from", "mid", "--to", "senior")
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

// The embedded default's plan (Mid to Senior of its own role) does not
// follow a user to another role: with the role and level chosen and no
// move set, the plan goes from the level to the next one up; at the top
// level it fails alone, saying there is no level above.
func TestPlanFollowsTheRoleChosen(t *testing.T) {
	corpus := filepath.Join("..", "..", "..", "shared", "corpus", "ddat")
	paths, _ := filepath.Glob(filepath.Join(corpus, "data-data-scientist-*.md"))
	if len(paths) == 0 {
		t.Skip("corpus not present:", corpus)
	}
	dir := t.TempDir()
	fw := filepath.Join(dir, "ddat.yaml")
	if _, _, err := run(t, nil, append([]string{"import", "--id", "ddat", "-o", fw}, paths...)...); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if _, stderr, err := run(t, fixedDate, "generate", "--set", "frameworks="+fw, "--role", "ddat/data-scientist", "--level", "lead-data-scientist",
		"--doc", "jd,pdp", "--format", "md", "--out", out); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	b, _ := os.ReadFile(filepath.Join(out, "pdp.md"))
	if !strings.Contains(string(b), `title: "From Lead data scientist to Principal data scientist"`) {
		t.Errorf("pdp.md does not run from the level chosen to the next:\n%.400s", b)
	}
	_, _, err := run(t, fixedDate, "generate", "--role", "ncf/head-of-data-ethics", "--level", "head-of-data-ethics",
		"--doc", "jd,pdp", "--format", "md", "--out", filepath.Join(dir, "top"))
	if err == nil || !strings.Contains(err.Error(), `needs a target level above "head-of-data-ethics"`) {
		t.Errorf("at the top level: %v", err)
	}
	// With the default documents (jd, pdp), a plan the user did not ask
	// for is a warning at the top level: the JD is written, the exit is 0.
	top := filepath.Join(dir, "default-docs")
	stdout, stderr, err := run(t, fixedDate, "generate", "--role", "ncf/head-of-data-ethics", "--level", "head-of-data-ethics",
		"--format", "md", "--out", top)
	if err != nil || !strings.Contains(stdout, "jd.md") || !strings.Contains(stderr, `warning: pdp not written (the default documents include one; --doc chooses): `) {
		t.Errorf("default documents at the top level: %v\nstdout %s\nstderr %s", err, stdout, stderr)
	}
}

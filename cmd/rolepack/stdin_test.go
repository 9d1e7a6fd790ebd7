package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runIn is run with stdin as standard input.
func runIn(t *testing.T, env map[string]string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := NewCmdRoot(NewFactory(&IO{In: strings.NewReader(stdin), Out: &out, Err: &errb}, func(k string) string { return env[k] }, time.Now))
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	return out.String(), errb.String(), err
}

// TestDashIsStandardInputAndOutput: "-" reads standard input and writes
// standard output wherever a file is read or written, and messages name
// it "stdin".
func TestDashIsStandardInputAndOutput(t *testing.T) {
	page, err := os.ReadFile("../../framework/ddat/testdata/variants.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir) // -o - must write no file named "-"
	yamlOut, stderr, err := runIn(t, nil, string(page), "import", "-", "-o", "-")
	if err != nil || !strings.HasPrefix(yamlOut, "id: ddat\n") {
		t.Fatalf("import - -o -: %v\n%s\n%.200s", err, stderr, yamlOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
		t.Error("import -o - wrote a file named -")
	}
	// What import wrote, validate reads back from standard input.
	if _, stderr, err := runIn(t, nil, yamlOut, "validate", "-"); err != nil || !strings.Contains(stderr, "ok: 1 file(s)") {
		t.Errorf("validate - of import's output: %v\n%s", err, stderr)
	}
	if _, _, err := runIn(t, nil, "not a framework\n", "import", "-"); err == nil || !strings.HasPrefix(err.Error(), "stdin:1: not a DDaT") {
		t.Errorf("import - of junk: %v", err)
	}
	stdout, _, err := runIn(t, nil, "We want a rockstar who can hit the ground running.\n", "lint", "--from", "text", "-")
	if err == nil || !strings.Contains(stdout, "stdin:1:") {
		t.Errorf("lint -: %v\n%s", err, stdout)
	}
	if _, _, err := runIn(t, nil, "", "validate", "-", "-"); err == nil || !strings.Contains(err.Error(), "can be read once") {
		t.Errorf("validate - -: %v", err)
	}
	// A manifest from standard input.
	out := filepath.Join(dir, "packs")
	_, stderr, err = runIn(t, fixedDate, "reference,role,level\nREF-1,data-engineer,senior\n", "pack", "-", "--format", "md", "--out", out, "--quiet")
	if err != nil {
		t.Fatalf("pack -: %v\n%s", err, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "REF-1-data-engineer-senior", "jd.md")); err != nil {
		t.Errorf("pack - built no pack: %v", err)
	}
}

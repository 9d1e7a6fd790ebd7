package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInitWritesAStarterThatGeneratesAndRefusesToOverwrite: rolepack init
// writes a config that generates at once, refuses to replace a file
// without --force, and prints it with "-".
func TestInitWritesAStarterThatGeneratesAndRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "config.yaml")
	if _, stderr, err := run(t, nil, "init", file); err != nil || !strings.Contains(stderr, "wrote "+file) {
		t.Fatalf("init: %v\n%s", err, stderr)
	}
	out := t.TempDir()
	if _, stderr, err := run(t, fixedDate, "--config", file, "--format", "md", "--out", out); err != nil {
		t.Fatalf("generate from the starter: %v\n%s", err, stderr)
	}
	for _, name := range []string{"jd.md", "advert.md", "spec.md"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("the starter's run wrote no %s", name)
		}
	}

	mine := []byte("organisation:\n  name: Mine\n")
	if err := os.WriteFile(file, mine, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := run(t, nil, "init", file)
	if err == nil || err.Error() != "init: "+file+" is already there: edit it, or use --force to replace it" {
		t.Errorf("init over a file: %v", err)
	}
	if b, _ := os.ReadFile(file); string(b) != string(mine) {
		t.Error("init changed a file already there without --force")
	}
	if _, _, err := run(t, nil, "init", "--force", file); err != nil {
		t.Errorf("init --force: %v", err)
	}
	if b, _ := os.ReadFile(file); string(b) != starterConfig {
		t.Error("init --force did not replace the file")
	}

	stdout, stderr, err := run(t, nil, "init", "-")
	if err != nil || stdout != starterConfig || stderr != "" {
		t.Errorf("init -: %v, stdout %d bytes, stderr %q", err, len(stdout), stderr)
	}
	// A folder is named as one, with the file to give instead.
	for _, args := range [][]string{{"init", dir}, {"init", "--force", dir}} {
		if _, _, err := run(t, nil, args...); err == nil || err.Error() != "init: "+dir+" is a folder: name the file to write, e.g. rolepack init "+filepath.Join(dir, "config.yaml") {
			t.Errorf("%v: %v", args, err)
		}
	}
	// --quiet says nothing.
	other := filepath.Join(dir, "other.yaml")
	if _, stderr, err := run(t, nil, "init", "--quiet", other); err != nil || stderr != "" {
		t.Errorf("init --quiet: %v, stderr %q", err, stderr)
	}
}

// TestQuietPrintsErrorsOnly: with --quiet a run that works prints
// nothing, and one that fails prints its error alone.
func TestQuietPrintsErrorsOnly(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, err := run(t, fixedDate, "--quiet", "--doc", "jd", "--format", "md", "--out", out)
	if err != nil || stdout != "" || stderr != "" {
		t.Errorf("generate --quiet: %v\nstdout %q\nstderr %q", err, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "jd.md")); err != nil {
		t.Error("generate --quiet wrote no jd.md")
	}
	_, stderr, err = run(t, fixedDate, "-q", "--doc", "jd", "--format", "odt", "--out", t.TempDir())
	if err == nil || stderr != "" {
		t.Errorf("a failing --quiet run: %v, stderr %q", err, stderr)
	}
	if _, _, err := run(t, nil, "config", "--quiet", "--verbose"); err == nil || err.Error() != "--quiet and --verbose: choose one" {
		t.Errorf("--quiet --verbose: %v", err)
	}

	// An import's warnings ("file:line: warning: …") and its note about
	// a schema file of the user's it kept are not printed with --quiet.
	page, err := os.ReadFile("../../framework/ddat/testdata/variants.txt")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "page.txt")
	if err := os.WriteFile(src, append(page, "\n-\n"...), 0o644); err != nil { // an empty bullet: a warning
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "framework.schema.json"), []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, loud, err := run(t, nil, "import", src, "-o", filepath.Join(dir, "a.yaml"))
	if err != nil || !strings.Contains(loud, ": warning: ") || !strings.Contains(loud, "kept ") {
		t.Fatalf("import without --quiet: %v, want a warning and the kept schema named:\n%s", err, loud)
	}
	if _, stderr, err := run(t, nil, "import", "--quiet", src, "-o", filepath.Join(dir, "b.yaml")); err != nil || stderr != "" {
		t.Errorf("import --quiet: %v, stderr %q", err, stderr)
	}
	if _, stderr, err := run(t, nil, "validate", "-q", filepath.Join(dir, "a.yaml"), src); err != nil || stderr != "" {
		t.Errorf("validate --quiet: %v, stderr %q", err, stderr)
	}
	// A manifest's note about a column it does not know, likewise.
	_, stderr, err = runIn(t, fixedDate, "reference,role,level,Notes\nREF-1,data-engineer,senior,x\n", "pack", "-", "--format", "md", "--out", filepath.Join(dir, "packs"), "-q")
	if err != nil || stderr != "" {
		t.Errorf("pack --quiet of a manifest with a column of its own: %v, stderr %q", err, stderr)
	}
}

// TestUsageErrorsComeBeforeAnyWarning: a request that can write nothing
// is one line, the error, with no warning about the organisation first;
// one that can write some pairs writes them and names the others once.
func TestUsageErrorsComeBeforeAnyWarning(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	_, stderr, err := run(t, fixedDate, "--doc", "jd", "--format", "xlsx", "--out", out)
	if err == nil || err.Error() != "--format xlsx: jd (job description) cannot be written as xlsx (it can be: pdf, docx, md, html)" || stderr != "" {
		t.Errorf("jd as xlsx: %v\nstderr %q", err, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("the output folder was made for a run that writes nothing")
	}

	stdout, stderr, err := run(t, fixedDate, "--doc", "pdp,progression", "--format", "md,xlsx", "--out", out)
	if err != nil {
		t.Fatalf("pdp and progression as md and xlsx: %v\n%s", err, stderr)
	}
	for _, name := range []string{"pdp.md", "progression.md", "progression.xlsx"} {
		if !strings.Contains(stdout, "wrote "+filepath.Join(out, name)+"\n") {
			t.Errorf("%s not written:\n%s", name, stdout)
		}
	}
	if strings.Contains(stdout, "pdp.xlsx") {
		t.Error("a PDP as XLSX was written")
	}
	if n := strings.Count(stderr, "not written: "); n != 1 || !strings.Contains(stderr, "warning: not written: pdp as xlsx (") {
		t.Errorf("want one line naming pdp as xlsx, got:\n%s", stderr)
	}
}

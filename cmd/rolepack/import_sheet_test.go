package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework"
)

// TestImportCorpusReplacesBuiltin is issue 16's story: import the whole
// DDaT corpus with --id ddat, then generate from it with no hand edit. The
// import replaces the built-in one-role DDaT seed, with one warning line.
func TestImportCorpusReplacesBuiltin(t *testing.T) {
	corpus := filepath.Join("..", "..", "..", "shared", "corpus", "ddat")
	paths, _ := filepath.Glob(filepath.Join(corpus, "*.md"))
	if len(paths) == 0 {
		t.Skip("corpus not present:", corpus)
	}
	dir := t.TempDir()
	all := filepath.Join(dir, "ddat-all.yaml")
	if _, _, err := run(t, nil, append([]string{"import", "--id", "ddat", "-o", all}, paths...)...); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	_, stderr, err := run(t, fixedDate, "generate", "--set", "frameworks="+all, "--role", "ddat/data-scientist",
		"--level", "lead-data-scientist", "--doc", "jd", "--format", "md", "--out", out)
	if err != nil {
		t.Fatalf("generate: %v\n%s", err, stderr)
	}
	note := `warning: frameworks: framework "ddat" (DDaT Capability Framework) replaces the built-in framework of that id` + "\n"
	if strings.Count(stderr, note) != 1 {
		t.Errorf("stderr does not say once that the built-in is replaced:\n%s", stderr)
	}
	jd, err := os.ReadFile(filepath.Join(out, "jd.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Lead data scientist", "Data science innovation"} {
		if !strings.Contains(string(jd), want) {
			t.Errorf("jd.md lacks %q", want)
		}
	}
	// The built-in's own role is in the corpus too, so the default config's
	// roles still resolve.
	if _, stderr, err := run(t, fixedDate, "generate", "--set", "frameworks="+all, "--doc", "jd", "--format", "md", "--out", filepath.Join(dir, "default")); err != nil {
		t.Errorf("default role with the corpus: %v\n%s", err, stderr)
	}
}

// TestImportSheetFlags: a spreadsheet imports with the id, name and
// provenance given on the command line, and a bad id is refused.
func TestImportSheetFlags(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "skills.csv")
	if err := os.WriteFile(src, []byte("Skill,Entry,Senior\nModelling,draws a model,leads modelling\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "skills.yaml")
	_, stderr, err := run(t, nil, "import", src, "--id", "digital", "--name", "Digital skills", "--publisher", "Example Council",
		"--licence", "Open Government Licence v3.0", "--url", "https://example.org/skills", "-o", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "read 1 file(s) as sheet") {
		t.Errorf("stderr: %s", stderr)
	}
	f, probs, err := framework.Load(out)
	if err != nil || framework.HasErrors(probs) {
		t.Fatal(err, probs)
	}
	if f.ID != "digital" || f.Name != "Digital skills" || f.Source.Publisher != "Example Council" ||
		f.Source.Licence != "Open Government Licence v3.0" || f.Source.URL != "https://example.org/skills" || f.Source.Title != "" {
		t.Errorf("framework %q %q, source %+v", f.ID, f.Name, f.Source)
	}
	if _, _, err := run(t, nil, "import", src, "--id", "Digital Skills"); err == nil ||
		err.Error() != `framework id "Digital Skills": use lower-case letters, digits and hyphens, e.g. "digital-skills"` {
		t.Errorf("bad id: %v", err)
	}
}

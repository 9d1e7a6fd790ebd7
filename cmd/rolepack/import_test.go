package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const seeds = "../../framework/defaults/sources/"

func TestImportRecognisesEachSeed(t *testing.T) {
	for file, format := range map[string]string{
		"ddat-data-engineer-head-of-data-engineering.txt": "ddat",
		"matrix-data-management-engineering.md":           "matrix",
		"fedip-head-of-data-ethics.txt":                   "profile",
	} {
		stdout, stderr, err := run(t, nil, "import", seeds+file, "--title", "Head of Data Ethics")
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if !strings.Contains(stderr, "as "+format) {
			t.Errorf("%s: stderr %q does not say it read %s", file, stderr, format)
		}
		if !strings.HasPrefix(stdout, "id: ") || !strings.Contains(stdout, "format: "+format) {
			t.Errorf("%s: not canonical YAML:\n%.200s", file, stdout)
		}
	}
	// The mojibake repair is reported with its line.
	_, stderr, _ := run(t, nil, "import", seeds+"ddat-data-engineer-head-of-data-engineering.txt")
	if !strings.Contains(stderr, "head-of-data-engineering.txt:35: warning:") {
		t.Errorf("no mojibake warning at line 35: %q", stderr)
	}
}

func TestImportJSONAndOutputFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "m.json")
	if _, _, err := run(t, nil, "import", seeds+"matrix-data-management-engineering.md", "--json", "-o", out); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(b), "{") || !strings.Contains(string(b), `"Build containers and Helm charts"`) {
		t.Errorf("not JSON: %.200s", b)
	}
	if _, _, err := run(t, nil, "import", seeds+"matrix-data-management-engineering.md", "-o", out); err == nil || !strings.Contains(err.Error(), "use --force") {
		t.Errorf("-o overwrote an existing file without --force: %v", err)
	}
}

func TestImportRejectsWhatItCannotRead(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	prose := filepath.Join(dir, "prose.txt")
	os.WriteFile(prose, []byte("Dear colleague,\nplease find attached.\n"), 0o644)
	zip := filepath.Join(dir, "jd.docx")
	os.WriteFile(zip, []byte("PK\x03\x04rest"), 0o644)
	for path, want := range map[string]string{
		empty: empty + ": ",
		prose: prose + ":1: ",
		zip:   "ZIP",
	} {
		_, _, err := run(t, nil, "import", path)
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line with %q", path, err, want)
		}
	}
}

func TestValidateExitStatus(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	stdout, _, err := run(t, nil, "import", seeds+"ddat-data-engineer-head-of-data-engineering.txt", "-o", good)
	if err != nil {
		t.Fatal(err, stdout)
	}
	if _, _, err := run(t, nil, "validate", good); err != nil {
		t.Errorf("a fresh import does not validate: %v", err)
	}
	b, _ := os.ReadFile(good)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte(strings.Replace(string(b), "    title: Data engineer\n", "    titel: Data engineer\n", 1)), 0o644)
	stdout, _, err = run(t, nil, "validate", bad)
	var ex *exitError
	if !errors.As(err, &ex) || ex.code != 1 {
		t.Fatalf("validate of a bad file: %v", err)
	}
	if !strings.Contains(stdout, bad+":") || !strings.Contains(stdout, `"titel"`) {
		t.Errorf("validate output %q does not point at the unknown key with file:line", stdout)
	}
}

func TestListAndTemplatesExport(t *testing.T) {
	stdout, _, err := run(t, nil, "list")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ddat", "sde-skills", "ncf", "data-engineer", "ddat/data-engineer", "head", "Senior"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("list lacks %q", want)
		}
	}
	dir := t.TempDir()
	if _, _, err := run(t, nil, "templates", "export", dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "jd.md.tmpl")); err != nil {
		t.Error("jd.md.tmpl not exported")
	}
	if _, _, err := run(t, nil, "templates", "export", dir); err == nil {
		t.Error("export overwrote templates without --force")
	}
	// An edited template is used; a broken one names its file and line.
	os.WriteFile(filepath.Join(dir, "jd.md.tmpl"), []byte("# {{ .Role.Title }} custom\n\n{{ .Role.Nope }}\n"), 0o644)
	_, _, err = run(t, fixedDate, "--templates", dir, "--doc", "jd", "--format", "md", "--out", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "jd.md.tmpl:3:") {
		t.Errorf("template error %v does not name jd.md.tmpl:3", err)
	}
}

func TestGenerateWarnsAboutAShortAdvert(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "advert.md.tmpl"), []byte("# {{ .Role.Title }}\n\nJoin us.\n"), 0o644)
	_, stderr, err := run(t, fixedDate, "--templates", dir, "--doc", "advert", "--format", "md", "--out", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "warning: advert: ") || !strings.Contains(stderr, "400") {
		t.Errorf("no word-count warning: %q", stderr)
	}
}

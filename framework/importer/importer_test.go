package importer

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/framework"
)

const (
	seedDDaT    = "../defaults/sources/ddat-data-engineer-head-of-data-engineering.txt"
	seedProfile = "../defaults/sources/fedip-head-of-data-ethics.txt"
	seedMatrix  = "../defaults/sources/matrix-data-management-engineering.md"
)

func lines(ps []framework.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestImportSeeds checks that auto-detection picks the right importer for
// each seed and that it reads them.
func TestImportSeeds(t *testing.T) {
	tests := []struct {
		path   string
		format string
		roles  int
		cats   int
	}{
		{seedDDaT, "ddat", 1, 0},
		{seedProfile, "profile", 1, 0},
		{seedMatrix, "matrix", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			f, probs, err := Import([]string{tt.path}, Options{Title: "Head of data ethics"})
			if err != nil {
				t.Fatal(err)
			}
			if f.Format != tt.format || len(f.Roles) != tt.roles || len(f.Catalogues) != tt.cats {
				t.Errorf("format %q roles %d catalogues %d; want %q, %d, %d", f.Format, len(f.Roles), len(f.Catalogues), tt.format, tt.roles, tt.cats)
			}
			for _, p := range probs {
				if p.Severity == framework.SeverityError {
					t.Errorf("error problem: %s", p.Error())
				}
			}
			// Forcing the right format gives the same result.
			g, _, err := Import([]string{tt.path}, Options{From: Format(tt.format), Title: "Head of data ethics"})
			if err != nil || g.Format != f.Format {
				t.Errorf("forced --from %s: %v", tt.format, err)
			}
		})
	}
	// The DDaT seed's mojibake warning (from byte preparation) is passed on.
	_, probs, err := Import([]string{seedDDaT}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(lines(probs), seedDDaT+":35: warning: repaired mojibake") {
		t.Errorf("mojibake warning missing:\n%s", lines(probs))
	}
}

func TestImportErrors(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		opt   Options
		want  string
	}{
		{"no format", []string{"testdata/notes.txt"}, Options{},
			"testdata/notes.txt:1: not a DDaT role-level summary, FEDIP/NCF profile, skills matrix or rolepack framework YAML file (formats tried: ddat, profile, matrix, yaml)"},
		{"mixed formats", []string{seedMatrix, seedDDaT}, Options{},
			seedDDaT + ":1: is a DDaT role-level summary, but " + seedMatrix + " is a skills matrix; import files of one format at a time"},
		{"canonical with others", []string{"testdata/problems.yaml", seedMatrix}, Options{},
			"testdata/problems.yaml: a rolepack framework file cannot be imported together with other files; give it on its own"},
		{"forced wrong format", []string{seedDDaT}, Options{From: FormatMatrix},
			seedDDaT + `:1: not a skills matrix: no "# " domain title, "### " skill or === "… Level" tab found`},
		{"unknown format", []string{seedDDaT}, Options{From: "pdf"},
			`unknown source format "pdf" (known: auto, ddat, profile, matrix, sheet, yaml)`},
		{"missing file", []string{"testdata/nope.md"}, Options{},
			"testdata/nope.md: cannot read file: no such file or directory"},
		{"no files", nil, Options{}, "import: no files given"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, err := Import(tt.paths, tt.opt)
			if err == nil {
				t.Fatalf("no error; framework %v", f != nil)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, tt.want)
			}
		})
	}
}

// TestImportCanonical checks that a canonical file is loaded as it is,
// whether recognised by its extension or by its content.
func TestImportCanonical(t *testing.T) {
	f, probs, err := Import([]string{"testdata/problems.yaml"}, Options{})
	if err != nil || f == nil || f.ID != "demo" {
		t.Fatalf("Import(problems.yaml) = %v, %v", f, err)
	}
	if !strings.Contains(lines(probs), "testdata/problems.yaml:13: unknown key \"titel\" in entry") {
		t.Errorf("YAML problems not passed on:\n%s", lines(probs))
	}
	f, probs, err = Import([]string{"testdata/framework.txt"}, Options{})
	if err != nil || f == nil || f.ID != "demo" || len(probs) != 0 {
		t.Fatalf("Import(framework.txt) = %v, %s, %v", f, lines(probs), err)
	}
}

// TestValidate checks `rolepack validate` over sources and canonical files:
// every problem at its line, files in the order given.
func TestValidate(t *testing.T) {
	got := lines(Validate([]string{"testdata/icons-bullets.md", "testdata/problems.yaml", "testdata/notes.txt"}, Options{}))
	for _, want := range []string{
		"testdata/icons-bullets.md:12: skill \"Azure, AWS, Virtualisation\" has no descriptors at level \"Mid\"\n" +
			"testdata/icons-bullets.md:14: warning: empty descriptor (a bullet with no text) in the Mid level of skill \"Azure, AWS, Virtualisation\"; not kept\n" +
			"testdata/icons-bullets.md:18: warning: placeholder descriptor \"?\" in the Senior level of skill \"Azure, AWS, Virtualisation\"; not kept\n" +
			"testdata/icons-bullets.md:21: warning: skill \"Backups\" has no \"Mid\" level\n",
		"testdata/problems.yaml:13: unknown key \"titel\" in entry\n",
		"testdata/notes.txt:1: not a DDaT role-level summary",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("validate output lacks\n%s\ngot:\n%s", want, got)
		}
	}
	// Sources of different formats are checked format by format.
	mixed := lines(Validate([]string{seedDDaT, seedMatrix}, Options{}))
	if strings.Contains(mixed, "one format at a time") || !strings.Contains(mixed, seedDDaT+":35: warning: repaired mojibake") {
		t.Errorf("mixed formats:\n%s", mixed)
	}
	if ps := Validate([]string{seedMatrix}, Options{}); len(ps) != 0 {
		t.Errorf("seed 001 does not validate cleanly:\n%s", lines(ps))
	}
}

// TestBadFiles checks that byte-level refusals reach the caller as one
// line naming the file.
func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.md")
	zip := filepath.Join(dir, "matrix.docx")
	if err := os.WriteFile(empty, []byte("\n \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(zip, []byte("PK\x03\x04rest"), 0o644); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		empty: empty + ": file is empty",
		zip:   zip + ": looks like a ZIP (DOCX/XLSX) file",
	} {
		_, _, err := Import([]string{path}, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Import(%s) error = %v, want %q…", filepath.Base(path), err, want)
		}
	}
}

// TestNonRegularInputs is issue 14's reproduction: `rolepack import
// /dev/zero` grew past 3.8 GB and a FIFO hung for ever, as a source
// document and as a canonical framework. Each is now a one-line error
// naming the path, at once.
func TestNonRegularInputs(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "roles.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	for _, c := range []struct {
		path string
		from Format
		want string
	}{
		{"/dev/zero", FormatAuto, "/dev/zero: is a device, not a regular file"},
		{"/dev/zero", FormatCanonical, "/dev/zero: is a device, not a regular file"},
		{fifo, FormatAuto, fifo + ": is a named pipe (FIFO), not a regular file"},
		{fifo, FormatDDaT, fifo + ": is a named pipe (FIFO), not a regular file"},
	} {
		done := make(chan error, 1)
		go func() {
			_, _, err := Import([]string{c.path}, Options{From: c.from})
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || err.Error() != c.want {
				t.Errorf("Import(%s, %s) error = %v, want %q", c.path, c.from, err, c.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Import(%s, %s) still running after 5 s", c.path, c.from)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"": FormatAuto, "auto": FormatAuto, "DDaT": FormatDDaT, "profile": FormatProfile, "matrix": FormatMatrix, "sheet": FormatSheet, "CSV": FormatSheet, "xlsx": FormatSheet, "yaml": FormatCanonical} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
}

// TestCorpus imports the real corpus when it is present: each form of the
// nine matrix pages together (one catalogue per domain), and all 205 DDaT
// summaries together.
func TestCorpus(t *testing.T) {
	root := "../../../shared/corpus"
	if _, err := os.Stat(root); err != nil {
		t.Skip("corpus not present:", err)
	}
	for _, form := range []string{"plain", "icons", "latest"} {
		paths, _ := filepath.Glob(filepath.Join(root, "matrix", form, "*.md"))
		f, probs, err := Import(paths, Options{})
		if err != nil {
			t.Fatalf("matrix/%s: %v", form, err)
		}
		if f.Format != "matrix" || len(paths) != 9 || len(f.Catalogues) != 9 {
			t.Errorf("matrix/%s: format %q, %d files, %d catalogues", form, f.Format, len(paths), len(f.Catalogues))
		}
		if form != "plain" && len(probs) == 0 {
			t.Errorf("matrix/%s: no warnings for empty bullets and ?", form)
		}
	}
	paths, _ := filepath.Glob(filepath.Join(root, "ddat", "*"))
	if len(paths) != 205 {
		t.Fatalf("ddat corpus has %d files, want 205", len(paths))
	}
	f, _, err := Import(paths, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != "ddat" || len(f.Roles) == 0 {
		t.Errorf("ddat corpus: format %q, %d roles", f.Format, len(f.Roles))
	}
}

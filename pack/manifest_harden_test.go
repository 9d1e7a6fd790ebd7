package pack

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rolepack/rolepack/config"
)

// TestManifestSilentLoss holds issue 14's reproductions of a YAML
// manifest losing data without a word, and of extra CSV cells of which
// only the last was named.
func TestManifestSilentLoss(t *testing.T) {
	for _, tc := range []struct{ file, data, want string }{
		{"m.yaml", "- {reference: A-1, role: r, level: l}\n---\n- {reference: B-2, role: r, level: l}\n", "m.yaml:2: a second YAML document"},
		{"m.yaml", "- reference: A-1\n  role: r\n  reference: A-2\n", `m.yaml:3: duplicate key "reference" in a vacancy (first at line 1)`},
		{"m.yaml", "- ref: A-1\n  reference: A-2\n", `m.yaml:2: duplicate key "reference" in a vacancy (first at line 1)`},
		{"m.yaml", "vacancies: []\nvacancies: [{reference: A}]\n", `m.yaml:2: duplicate key "vacancies" (first at line 1)`},
		{"m.yaml", "- &v {reference: A-1, role: r, level: l}\n- *v\n", "m.yaml:2: YAML aliases (*v) are not supported in a manifest"},
		{"m.yaml", "- {reference: &r A-1, role: r, level: l, location: *r}\n", "m.yaml:1: YAML aliases (*r) are not supported"},
	} {
		_, err := ReadManifest(tc.file, []byte(tc.data))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.data, err, tc.want)
		}
	}
	rows, err := ReadManifest("m.csv", []byte("reference,role,level\nA-1,r,l,x,,y\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := `m.csv:2: 2 values in columns without a header: "x" in column 4, "y" in column 6`
	if rows[0].Err == nil || rows[0].Err.Error() != want {
		t.Errorf("extra cells: %v, want %q", rows[0].Err, want)
	}
}

// TestIndexEscapesFormulas: every cell a spreadsheet would run as a
// formula gets a quote (issue 14: -2+3 and -data-engineer were raw).
func TestIndexEscapesFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"-2+3": "'-2+3", "-data-engineer": "'-data-engineer", "=1+1": "'=1+1", "+1": "'+1",
		"@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx", "A-1": "A-1", "": "",
	} {
		if got := cellSafe(in); got != want {
			t.Errorf("cellSafe(%q) = %q, want %q", in, got, want)
		}
	}
	s := &Summary{Results: []Result{{Row: Row{Line: 2}, Reference: "-2+3", Role: "-data-engineer", Level: "l", Status: Failed}}}
	b, err := IndexTable(s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "2,'-2+3,'-data-engineer,l,,failed") {
		t.Errorf("index.csv:\n%s", b)
	}
}

// TestReadManifestFileRefusesFIFO: a FIFO as the manifest hung for ever.
func TestReadManifestFileRefusesFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.csv")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadManifestFile(p); done <- err }()
	select {
	case err := <-done:
		if err == nil || err.Error() != p+": is a named pipe (FIFO), not a regular file" {
			t.Errorf("err = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ReadManifestFile hangs on a FIFO")
	}
	if _, err := ReadManifestFile("/dev/zero"); err == nil || !strings.Contains(err.Error(), "is a device") {
		t.Errorf("/dev/zero: %v", err)
	}
}

// FuzzReadManifest reads random bytes as a CSV manifest and as a YAML one:
// rows or a one-line error, never a panic.
func FuzzReadManifest(f *testing.F) {
	f.Add([]byte("reference,role,level,salaryMin,panel\nA-1,r,l,\"£45,000\",A; B\n"))
	f.Add([]byte("\xef\xbb\xbfref,Role,LEVEL\r\nA,r,l,extra\r\n\"unterminated\n"))
	f.Add([]byte("- {reference: A-1, role: r, level: l, panel: [a, b]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, file := range []string{"m.csv", "m.yaml"} {
			rows, err := ReadManifest(file, data)
			if err != nil {
				if strings.Contains(err.Error(), "\n") {
					t.Errorf("%s: error is not one line: %q", file, err)
				}
				continue
			}
			for _, r := range rows {
				if r.Err != nil && strings.Contains(r.Err.Error(), "\n") {
					t.Errorf("%s: row error is not one line: %q", file, r.Err)
				}
				_ = r.Vacancy(config.Vacancy{})
			}
		}
	})
}

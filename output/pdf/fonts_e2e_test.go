//go:build e2e

package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPdffontsSeesTaggedSubsets runs poppler's pdffonts on a JD: every font
// is a CID TrueType font named by a subset tag and its PostScript name,
// embedded, a subset and mapped to Unicode.
func TestPdffontsSeesTaggedSubsets(t *testing.T) {
	bin := tool(t, "pdffonts")
	f := filepath.Join(t.TempDir(), "jd.pdf")
	if err := os.WriteFile(f, render(t, sampleJD()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, f).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", out)
	}
	row := regexp.MustCompile(`^([A-Z]{6})\+(\S+)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s`)
	names := map[string]bool{}
	for _, l := range lines[2:] {
		m := row.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("pdffonts: %q is not an embedded, tagged subset with a ToUnicode map", l)
			continue
		}
		names[m[2]] = true
	}
	for _, want := range []string{"LiberationSans", "LiberationSans-Bold"} {
		if !names[want] {
			t.Errorf("pdffonts lists %v, want %s among them", names, want)
		}
	}
}

//go:build e2e

package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output/pdf"
)

// Poppler reads a bilingual JD in columns as two columns: each section's
// Welsh heading and English heading on one line of pdftotext -layout, the
// Welsh on the left; in blocks the Welsh section comes first, then the
// English, each on lines of their own. pdfinfo reports it tagged.
func TestPopplerReadsBilingualColumns(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("ROLEPACK_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdftotext is required (ROLEPACK_REQUIRE_TOOLS=1)")
		}
		t.Skip("pdftotext not installed")
	}
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, layout := range []string{doc.LayoutColumns, doc.LayoutBlocks} {
		d := bilingualDocs(t, layout, "jd")["jd"]
		var b bytes.Buffer
		if err := w.Write(&b, d); err != nil {
			t.Fatal(err)
		}
		if info := pdfinfo(t, b.Bytes()); !strings.Contains(info, "\nTagged:          yes") {
			t.Errorf("%s: not tagged:\n%s", layout, info)
		}
		f := filepath.Join(t.TempDir(), "jd.pdf")
		if err := os.WriteFile(f, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, "-layout", f, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(out)
		for _, pair := range [][2]string{{"Manylion y swydd", "Job details"}, {"Prif gyfrifoldebau", "Key responsibilities"}, {"Cymwysterau", "Qualifications"}} {
			side := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(pair[0]) + `\s{3,}` + regexp.QuoteMeta(pair[1]) + `\s*$`).MatchString(text)
			if side != (layout == doc.LayoutColumns) {
				t.Errorf("%s: %q and %q side by side on one line: %v", layout, pair[0], pair[1], side)
			}
			if i, j := strings.Index(text, pair[0]), strings.Index(text, pair[1]); i < 0 || j < i {
				t.Errorf("%s: %q at %d, %q at %d: want both, the Welsh first", layout, pair[0], i, pair[1], j)
			}
		}
	}
}

//go:build e2e

package docx

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// LibreOffice renders a bilingual DOCX in columns with both columns' text
// side by side: each Welsh heading and list item beside its English one.
func TestLibreOfficeBilingualColumns(t *testing.T) {
	soffice := lookTool(t, "soffice")
	pdftotext := lookTool(t, "pdftotext")
	w := newWriter(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "jd.docx")
	if err := os.WriteFile(src, render(t, w, bilingualJD(t, doc.LayoutColumns)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", dir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out, err := exec.Command(pdftotext, "-layout", filepath.Join(dir, "jd.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v (LibreOffice did not write a PDF?)", err)
	}
	text := string(out)
	for _, pair := range [][2]string{{"Manylion y swydd", "Job details"}, {"Prif gyfrifoldebau", "Key responsibilities"}, {"1. Arwain y tîm", "1. Lead the team"}, {"Band", "Band"}} {
		if !regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(pair[0]) + `.*\s{3,}` + regexp.QuoteMeta(pair[1])).MatchString(text) {
			t.Errorf("LibreOffice's rendering does not put %q beside %q:\n%s", pair[0], pair[1], text)
		}
	}
	if strings.Count(text, "Data engineer") < 1 {
		t.Errorf("no title in:\n%s", text)
	}
}

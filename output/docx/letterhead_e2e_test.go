//go:build e2e

package docx

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestLetterheadLibreOffice converts a DOCX built in the test letterhead
// with LibreOffice and checks what a reader sees: the title filled into the
// header (it was split over three runs), the footer, real lists, and the
// logo picture.
func TestLetterheadLibreOffice(t *testing.T) {
	soffice := lookTool(t, "soffice")
	pdftotext := lookTool(t, "pdftotext")
	pdfimages := lookTool(t, "pdfimages")
	w, err := NewWithReference("letterhead.docx", makeLetterhead(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "lh.docx")
	if err := os.WriteFile(src, render(t, w, letterheadDoc()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", dir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "lh.pdf")
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v (LibreOffice did not write a PDF?)", err)
	}
	text := string(out)
	for _, want := range []string{
		"Head of data engineering – job description – draft", // header, joined from three runs
		"Department for Digital Services · 1 May 2024 · ref. DDS-2024-017",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("LibreOffice's PDF lacks %q", want)
		}
	}
	for _, re := range []string{`•\s+Responsibility 1: lead`, `1\.\s+Read the person specification`} {
		if !regexp.MustCompile(re).MatchString(text) {
			t.Errorf("LibreOffice's PDF has no list item matching %s", re)
		}
	}
	if strings.Contains(text, "{{") {
		t.Error("a placeholder is visible")
	}
	imgs, err := exec.Command(pdfimages, "-list", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(imgs), " 120    40 ") {
		t.Errorf("the letterhead logo (120×40) is not in the PDF:\n%s", imgs)
	}
}

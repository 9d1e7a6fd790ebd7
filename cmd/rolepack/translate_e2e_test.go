//go:build e2e

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2ETranslatedJDInPDF: a duty translated through XLIFF is in the
// Welsh JD's PDF as pdftotext reads it, and in the DOCX as LibreOffice
// renders it to PDF.
func TestE2ETranslatedJDInPDF(t *testing.T) {
	dir, cfg := translateSetup(t)
	xlf := filepath.Join(dir, "cy.xlf")
	if _, _, err := run(t, fixedDate, "translate", "export", "--lang", "cy", "--config", cfg, "--set", "translations=", "-o", xlf); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(xlf)
	done := fillUnit(t, string(data), dutyID, "", dutyCy)
	if err := os.WriteFile(xlf, []byte(done), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := run(t, fixedDate, "translate", "import", xlf, "--config", cfg, "--set", "translations=", "-o", filepath.Join(dir, "cy.yaml")); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	out := filepath.Join(dir, "dist")
	if _, stderr, err := run(t, fixedDate, "generate", "--config", cfg, "--lang", "cy", "--doc", "jd", "--format", "pdf,docx", "--out", out); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if txt := pdfText(t, filepath.Join(out, "jd.pdf")); !strings.Contains(txt, "Ysbrydoli arfer gorau ar gyfer cynhyrchion a gwasanaethau data yn eich timau.") {
		t.Errorf("the PDF does not give the translated duty:\n%.1500s", txt)
	}
	soffice := need(t, "soffice")
	conv := filepath.Join(dir, "conv")
	lo := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile"), "--convert-to", "pdf", "--outdir", conv, filepath.Join(out, "jd.docx")}
	if b, err := exec.Command(soffice, lo...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	if txt := pdfText(t, filepath.Join(conv, "jd.pdf")); !strings.Contains(txt, "Ysbrydoli arfer gorau ar gyfer cynhyrchion a gwasanaethau data yn eich timau.") {
		t.Errorf("the DOCX rendered by LibreOffice does not give the translated duty:\n%.1500s", txt)
	}
}

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

// TestE2ETranslatedPDPAndMapInPDF: an objective and a career map's cell
// translated through XLIFF are in the Welsh PDP's and map's PDFs as
// pdftotext reads them, with ŵ and ŷ.
func TestE2ETranslatedPDPAndMapInPDF(t *testing.T) {
	dir, cfg := translateSetup(t)
	xlf := filepath.Join(dir, "cy.xlf")
	if _, _, err := run(t, fixedDate, "translate", "export", "--lang", "cy", "--doc", "pdp,progression", "--from", "mid", "--to", "senior", "--config", cfg, "--set", "translations=", "-o", xlf); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(xlf)
	done := fillUnit(t, string(data), catalogue, "", catalogueCy)
	done = fillUnit(t, done, catalogueAt+"pdp-brief", "", briefCy)
	done = fillUnit(t, done, catalogueAt+"pdp-objective", "", "Arwain polisïau catalog data, gyda'r tŵr a'r tŷ.")
	cell := "sde-skills.data-management-engineering.entry.skill-data-visualisation.d1.descriptor"
	done = fillUnit(t, done, cell, "", "Defnyddio llyfrgelloedd delweddu data ŵŷ.")
	if err := os.WriteFile(xlf, []byte(done), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := run(t, fixedDate, "translate", "import", xlf, "--config", cfg, "--set", "translations=", "-o", filepath.Join(dir, "cy.yaml")); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	out := filepath.Join(dir, "dist")
	if _, stderr, err := run(t, fixedDate, "generate", "--config", cfg, "--lang", "cy", "--doc", "pdp,progression", "--from", "mid", "--to", "senior", "--format", "pdf", "--out", out); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	pdp := strings.Join(strings.Fields(pdfText(t, filepath.Join(out, "pdp.pdf"))), " ")
	for _, want := range []string{catalogueCy + ": Arwain polisïau catalog data, gyda'r tŵr a'r tŷ.", briefCy} {
		if !strings.Contains(pdp, want) {
			t.Errorf("the PDP's PDF does not give %q:\n%.2000s", want, pdp)
		}
	}
	if m := strings.Join(strings.Fields(pdfText(t, filepath.Join(out, "progression.pdf"))), " "); !strings.Contains(m, "Defnyddio llyfrgelloedd delweddu data ŵŷ.") {
		t.Errorf("the career map's PDF does not give the translated cell:\n%.2000s", m)
	}
}

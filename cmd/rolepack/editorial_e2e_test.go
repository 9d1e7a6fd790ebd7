//go:build e2e

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The config's edits reach the PDF too (its text read with pdftotext).
func TestEditsChangeThePDFText(t *testing.T) {
	cfg := withConfig(t, fixEdits)
	dir := t.TempDir()
	if _, stderr, err := run(t, fixedDate, "generate", "--config", cfg, "--doc", "jd", "--format", "pdf", "--out", dir); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	text := strings.Join(strings.Fields(pdfText(t, filepath.Join(dir, "jd.pdf"))), " ")
	if strings.Contains(text, "enterprise-scale") || !strings.Contains(text, "organisation-wide data integration") {
		t.Error("pdf: the replace edit is not applied")
	}
	if !strings.Contains(text, "Data modelling and design") {
		t.Error("pdf: the retitle edit is not applied")
	}
}

//go:build e2e

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// need returns the path of an external tool; without it the e2e suite
// cannot run (make e2e sets ROLEPACK_REQUIRE_TOOLS=1, and CI installs them).
func need(t *testing.T, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("ROLEPACK_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s is not installed (apt-get install poppler-utils libreoffice-writer-nogui)", tool)
		}
		t.Skipf("%s not installed", tool)
	}
	return p
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(need(t, "pdftotext"), "-enc", "UTF-8", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", path, err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestE2EDefaultRunWithRealReaders builds the binary, runs it as a user
// would, converts every DOCX to PDF with LibreOffice and reads every PDF
// with pdftotext.
func TestE2EDefaultRunWithRealReaders(t *testing.T) {
	soffice := need(t, "soffice")
	dir := t.TempDir()
	bin := filepath.Join(dir, "rolepack")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "dist")
	cmd := exec.Command(bin, "--out", out, "--doc", "jd,spec,advert,scoring,pdp", "--format", "pdf,docx,md,html")
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1794528000")
	cmd.Dir = "../.." // the repository's config.yaml
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rolepack: %v\n%s", err, b)
	}
	conv := filepath.Join(dir, "converted")
	docs, _ := filepath.Glob(filepath.Join(out, "*.docx"))
	if len(docs) != 6 {
		t.Fatalf("%d DOCX files, want 6 (five documents and the record)", len(docs))
	}
	args := append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "lo-profile"), "--convert-to", "pdf", "--outdir", conv}, docs...)
	if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, b)
	}
	// What each document must say, in the PDF we write and in LibreOffice's
	// rendering of the DOCX.
	want := map[string][]string{
		"jd": {"Head of data engineering", "Job description", "Inspire best practice for data products and services within your teams",
			"Programming and build (data engineering)", "Delivering outcomes", "Person specification", "Example Health Data Service",
			"Document control: Version 1.0"},
		"spec":    {"Person specification", "Essential", "Desirable", "Experience of data modelling"},
		"advert":  {"Head of data engineering", "How to apply"},
		"scoring": {"Interview scoring sheet", "Outstanding", "Not demonstrated", "Suggested question", "Question asked"},
		"record":  {"Composition record", "Left out", "NHS-specific", "NHS Constitution"},
		"pdp": {"Personal development plan", "Build containers and Helm charts",
			"Proficiency in building and managing containers and Helm charts",              // Mid
			"Strategic oversight of containerization strategies and Helm chart management", // Senior
			"Objectives", "Sign-off"},
	}
	for kind, phrases := range want {
		for _, pdf := range []string{filepath.Join(out, kind+".pdf"), filepath.Join(conv, kind+".pdf")} {
			text := pdfText(t, pdf)
			for _, p := range phrases {
				if !strings.Contains(text, p) {
					t.Errorf("%s lacks %q", pdf, p)
				}
			}
		}
	}
}

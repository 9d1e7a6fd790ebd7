//go:build e2e

package reference

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildOpensInLibreOffice checks that LibreOffice opens reference.docx.
// It runs LibreOffice, so only under the e2e build tag (make e2e).
func TestBuildOpensInLibreOffice(t *testing.T) {
	var buf bytes.Buffer
	if err := Build(&buf); err != nil {
		t.Fatal(err)
	}
	// A real reader: LibreOffice must open it.
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("ROLEPACK_REQUIRE_TOOLS") == "1" {
			t.Fatal("soffice not found and ROLEPACK_REQUIRE_TOOLS=1")
		}
		t.Skip("soffice not found: skipping the LibreOffice check")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "reference.docx")
	if err := os.WriteFile(src, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "txt:Text", "--outdir", dir, src)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	txt, err := os.ReadFile(filepath.Join(dir, "reference.txt"))
	if err != nil {
		t.Fatalf("LibreOffice did not convert reference.docx: %v", err)
	}
	if !strings.Contains(string(txt), "Heading 2: section") {
		t.Errorf("converted text lacks the sample heading:\n%s", txt)
	}
}

//go:build e2e

package web

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// dumpDOM loads url in headless Chromium and returns the DOM after
// scripts ran, and Chromium's log (where a Content-Security-Policy
// violation would be reported).
func dumpDOM(t *testing.T, url string) (string, string) {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("ROLEPACK_REQUIRE_TOOLS") == "1" {
			t.Fatal("chromium is not installed and ROLEPACK_REQUIRE_TOOLS=1: apt-get install chromium")
		}
		t.Skip("chromium is not installed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--no-first-run", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000", "--dump-dom", url)
	var errb strings.Builder
	cmd.Stderr = &errb
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %s: %v\n%s", url, err, errb.String())
	}
	return string(out), errb.String()
}

// TestPagesInChromium opens every page in a real browser under the
// server's Content-Security-Policy: each renders, the preview's styles
// are allowed by hash, and nothing is refused.
func TestPagesInChromium(t *testing.T) {
	c := newClient(t, newOptions(t))
	for path, want := range map[string]string{
		"/":          "Search by job title",
		"/?q=ethics": "Head of Data Ethics",
		"/role?role=data-engineer&level=senior&doc=advert": "Still to complete",
		"/preview?role=data-engineer&level=senior&doc=pdp": "Personal development plan",
		"/batch":      "Vacancies file",
		"/frameworks": "Framework files",
	} {
		dom, log := dumpDOM(t, c.srv.URL+path)
		if !strings.Contains(dom, want) {
			t.Errorf("%s: the page lacks %q", path, want)
		}
		if strings.Contains(log, "Content Security Policy") || strings.Contains(log, "Refused to") {
			t.Errorf("%s: Chromium refused something:\n%s", path, log)
		}
	}
}

package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework"
	"golang.org/x/text/encoding/charmap"
)

// TestWarningsOnceAndSummed holds issue 14's reproductions: each mojibake
// warning was printed twice, and a file of empty bullets gave one warning
// line per bullet (4M bullets, 4M lines). Now each warning comes once and
// past framework.RepeatLimit of one kind a single line counts the rest.
func TestWarningsOnceAndSummed(t *testing.T) {
	seed, err := os.ReadFile(seedDDaT)
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(seed), "speak on behalf of", "speak on behalf of the communityâ€™s", 1)
	src = strings.Replace(src, "Skill: Data analysis and synthesis\n", "Skill: Data analysis and synthesis\n"+strings.Repeat("-\n", 100_000), 1)
	p := filepath.Join(t.TempDir(), "ddat.txt")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, probs, err := Import([]string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mojibake, bullets, summary := 0, 0, ""
	for _, pr := range probs {
		switch {
		case strings.Contains(pr.Message, "mojibake") && pr.Line == 15:
			mojibake++
		case pr.Message == "empty bullet ignored":
			bullets++
		case strings.Contains(pr.Message, "more like this"):
			summary = pr.Message
		}
	}
	if mojibake != 1 {
		t.Errorf("mojibake warning for line 15 %d times, want once", mojibake)
	}
	if bullets != framework.RepeatLimit {
		t.Errorf("%d empty-bullet warnings, want %d", bullets, framework.RepeatLimit)
	}
	if !strings.HasPrefix(summary, "… and 99990 more like this, lines ") || !strings.HasSuffix(summary, `("empty bullet ignored")`) {
		t.Errorf("summary = %q", summary)
	}
	if len(probs) > 20 {
		t.Errorf("%d problems", len(probs))
	}
}

// TestWindows1252Page: a DDaT page saved as Windows-1252 (Word's "ANSI")
// was refused as not UTF-8. It is imported with one warning naming the
// file and line, and its curly apostrophes and dashes come out as written.
func TestWindows1252Page(t *testing.T) {
	seed, err := os.ReadFile(seedDDaT)
	if err != nil {
		t.Fatal(err)
	}
	src := strings.ReplaceAll(string(seed), "â€™", "’")
	src = strings.Replace(src, "speak on behalf of", "speak – on behalf of", 1)
	enc, err := charmap.Windows1252.NewEncoder().String(src)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "ddat.txt")
	if err := os.WriteFile(p, []byte(enc), 0o644); err != nil {
		t.Fatal(err)
	}
	f, probs, err := Import([]string{p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, pr := range probs {
		if strings.Contains(pr.Message, "read as Windows-1252") {
			n++
			if pr.File != p || pr.Line == 0 {
				t.Errorf("warning does not name the file and line: %v", pr)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d Windows-1252 warnings, want 1: %v", n, probs)
	}
	y, err := framework.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(y), "speak – on behalf of") {
		t.Errorf("the en dash did not survive the import")
	}
}

package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework"
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

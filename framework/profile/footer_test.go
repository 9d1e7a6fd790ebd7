package profile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework/textprep"
)

// TestTableAfterFooterWarned: tables after the footer line became notes
// with no warning; they still become notes, with one warning naming the
// table's line.
func TestTableAfterFooterWarned(t *testing.T) {
	src, err := os.ReadFile("testdata/variants.txt")
	if err != nil {
		t.Fatal(err)
	}
	src = append(src, []byte("\nTechnical Skills\nTitle | Details | Depth |\n---|---|---|\nSQL | Writes queries | Working |\n")...)
	p := filepath.Join(t.TempDir(), "late.txt")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := textprep.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	_, probs, err := Parse([]*textprep.Doc{d}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, pr := range probs {
		if strings.Contains(pr.Error(), "after the footer") {
			got = append(got, pr.Error())
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "late.txt:45: warning: a table after the footer line (line 43)") {
		t.Errorf("warnings %q", got)
	}
}

package pack

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/lint"
)

func TestSummariseFindingsCapsTheErrorsListed(t *testing.T) {
	var fs []lint.Finding
	for i := 1; i <= 8; i++ {
		fs = append(fs, lint.Finding{File: "jd.md", Line: i, Col: 1, Category: lint.Spelling, Severity: lint.Error, Message: fmt.Sprintf("typo %d", i)})
	}
	fs = append(fs, lint.Finding{File: "jd.md", Line: 9, Col: 1, Category: lint.SentenceLength, Severity: lint.Warning, Message: "long"})
	got := SummariseFindings("jd.md", fs, 3)
	want := []string{
		"jd.md: editorial checks: 8 errors (spelling 8), 1 warning (sentence-length 1)",
		"jd.md:1:1: spelling: typo 1",
		"jd.md:2:1: spelling: typo 2",
		"jd.md:3:1: spelling: typo 3",
		"jd.md: … and 5 more errors",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if SummariseFindings("spec.md", nil, 3) != nil {
		t.Error("a clean document has a summary")
	}
}

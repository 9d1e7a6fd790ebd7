package pack

import (
	"context"
	"errors"
	"testing"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/lint"
)

// The editorial checks of a rendered document stop with the request's or
// command's context: once it ends, the document fails with its error and
// no findings are reported (issue 32).
func TestLintDocumentStopsWithTheContext(t *testing.T) {
	rules, err := lint.NewRules(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{Blocks: []doc.Block{
		&doc.Paragraph{Text: []doc.Inline{{Text: "You will recieve teh data and analyse it."}}},
	}}
	var reported [][]lint.Finding
	e := &Editorial{Rules: rules, Strict: true, Report: func(_ string, fs []lint.Finding) { reported = append(reported, fs) }}
	var r Renderer
	if err := r.lintDocument(context.Background(), d, "jd.md", e); err == nil {
		t.Fatal("strict checks of a misspelt document passed")
	}
	if len(reported) != 1 || len(reported[0]) == 0 {
		t.Fatalf("live context: reported %v, want the findings once", reported)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	reported = nil
	if err := r.lintDocument(ctx, d, "jd.md", e); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: error %v, want %v", err, context.Canceled)
	}
	if reported != nil {
		t.Errorf("cancelled context: reported %v", reported)
	}
}

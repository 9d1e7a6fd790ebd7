package pdf_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output/pdf"
)

// summaryDoc is a plan's shape: a summary (filler paragraphs, then a
// paragraph leading in to a short table of the biggest changes), a page
// break, and the part after it (a heading, a paragraph, a long table).
func summaryDoc(filler int) *doc.Document {
	in := func(s string) []doc.Inline { return []doc.Inline{{Text: s}} }
	cell := func(s string) doc.Cell { return doc.Cell{Text: in(s)} }
	d := &doc.Document{Meta: doc.Meta{Title: "Plan", Language: "en-GB", Landscape: true}}
	d.Blocks = append(d.Blocks, &doc.Heading{Level: 1, Text: in("Plan")}, &doc.Heading{Level: 2, Text: in("Summary")})
	for i := range filler {
		d.Blocks = append(d.Blocks, &doc.Paragraph{Text: in(fmt.Sprintf("Filler paragraph %d: where you are, where you are going, the plan's period and its reviews, as a line manager reads them before the first meeting.", i+1))})
	}
	d.Blocks = append(d.Blocks, &doc.Paragraph{Text: in("The target role expects 12 things; 8 of them change. The biggest changes:")})
	biggest := &doc.Table{Header: []doc.Cell{cell("Change"), cell("What is new"), cell("Gap")}, Widths: []float64{0.25, 0.65, 0.1}}
	for i := range 5 {
		biggest.Rows = append(biggest.Rows, []doc.Cell{cell(fmt.Sprintf("Entry %d", i+1)), cell("Establish standards, keep them up to date and ensure adherence to them across the teams you lead and the organisation."), cell("Large")})
	}
	d.Blocks = append(d.Blocks, biggest, &doc.PageBreak{}, &doc.Heading{Level: 2, Text: in("What changes")},
		&doc.Paragraph{Text: in("Each entry that changes, largest gap first.")})
	changes := &doc.Table{Header: []doc.Cell{cell("Entry"), cell("At the target"), cell("Gap")}, Widths: []float64{0.25, 0.65, 0.1}}
	for i := range 14 {
		changes.Rows = append(changes.Rows, []doc.Cell{cell(fmt.Sprintf("Entry %d", i+1)), cell("Set standards for the definition, security and integrity of objects."), cell("Large")})
	}
	d.Blocks = append(d.Blocks, changes)
	return d
}

// TestSummaryPagination: wherever the summary ends, no page but the last
// ends with the words leading in to a table (the table moved whole to the
// next page), and no page is a third full or less with no heading on it
// (the summary's spill before the page break: tighter space brings it
// back, or the part after the break follows on it).
func TestSummaryPagination(t *testing.T) {
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	for filler := 2; filler <= 14; filler++ {
		tr, err := w.Layout(summaryDoc(filler))
		if err != nil {
			t.Fatal(err)
		}
		n := len(tr.Pages)
		for p, pg := range tr.Pages[:n-1] {
			if pg.Last == "text" && strings.HasSuffix(pg.Text, ":") {
				t.Errorf("filler %d: page %d of %d ends with %q, its table on the next", filler, p+1, n, pg.Text)
			}
			if p > 0 && pg.Headings == 0 && pg.Used <= pg.Body/3 {
				t.Errorf("filler %d: page %d of %d is %.0f%% full, no heading on it", filler, p+1, n, 100*pg.Used/pg.Body)
			}
		}
	}
}

package docx

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// TestPageBreakBeforeHeading: a page break before a section's heading is
// the heading's pageBreakBefore, not a paragraph holding a break, which
// would go to the next page when the table before it fills its page (a
// plan's summary) and leave that page blank; a break before a document's
// title keeps its paragraph.
func TestPageBreakBeforeHeading(t *testing.T) {
	table := &doc.Table{Header: []doc.Cell{{Text: txt("Change")}}, Rows: [][]doc.Cell{{{Text: txt("Data modelling")}}}}
	d := &doc.Document{Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: txt("Plan")},
		&doc.Heading{Level: 2, Text: txt("Summary")},
		table,
		&doc.PageBreak{},
		&doc.Heading{Level: 2, Text: txt("What changes")},
		para("Each entry that changes."),
		&doc.PageBreak{},
		&doc.Heading{Level: 1, Text: txt("Cynllun")},
	}}
	parts, _ := unzip(t, render(t, newWriter(t), d))
	body := string(parts["word/document.xml"])
	if n := strings.Count(body, `<w:pageBreakBefore/>`); n != 1 {
		t.Errorf("%d headings start a page by pageBreakBefore, want 1", n)
	}
	if at := strings.Index(body, `<w:pageBreakBefore/>`); at >= 0 {
		seg := body[at:]
		if end := strings.Index(seg, ">What changes<"); end < 0 || strings.Contains(seg[:end], "<w:p>") {
			t.Error("the pageBreakBefore is not the heading's 'What changes'")
		}
	}
	if n := strings.Count(body, `<w:br w:type="page"/>`); n != 1 {
		t.Errorf("%d break paragraphs, want 1 (before the second title)", n)
	}
}

package pdf_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output/pdf"
)

// A run in another language than the text around it (doc.Inline's Lang)
// is a Span with its /Lang inside the paragraph's or cell's element, one
// Span for the run though it wraps onto the next line; the words around
// it are the element's own; the file passes pdfcpu strict and rolepack's
// PDF/A and PDF/UA check.
func TestRunLangSpan(t *testing.T) {
	long := "Delivering outcomes through generating consensus, discussing complex ideas and sharing best practice with every team"
	d := &doc.Document{Meta: doc.Meta{Title: "Cynllun", Language: "cy"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: []doc.Inline{{Text: "Cynllun"}}},
		&doc.Paragraph{Text: []doc.Inline{{Text: "Fel nawr, a hynny ers amser maith iawn yn y swydd hon: "}, {Text: long, Lang: "en-GB"}, {Text: ", a mwy."}}},
		&doc.Table{Header: []doc.Cell{{Text: []doc.Inline{{Text: "Sgil"}}}, {Text: []doc.Inline{{Text: "Lefel"}}}}, Rows: [][]doc.Cell{
			{{Text: []doc.Inline{{Text: "Gwnaed ar gyfer lefel "}, {Text: "Senior data architect", Lang: "en-GB", Style: doc.Italic}, {Text: "."}}}, {Text: []doc.Inline{{Text: "Uwch"}}}},
		}},
	}}
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := w.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	if err := api.Validate(bytes.NewReader(b.Bytes()), strict()); err != nil {
		t.Errorf("pdfcpu strict: %v", err)
	}
	checkClean(t, "runs in another language", b.Bytes())
	tg := checkTaggedOrder(t, "runs in another language", b.Bytes(), true)
	type span struct{ parent, lang, text string }
	var got []span
	lines := 0 // marked-content sequences of the paragraph's span: one a line
	var walk func(n *structNode)
	walk = func(n *structNode) {
		for _, k := range n.kids {
			if k.typ == "Span" {
				got = append(got, span{n.typ, k.lang, strings.TrimSpace(tg.text(k))})
				if len(got) == 1 {
					lines = len(k.mcs)
				}
			}
			walk(k)
		}
	}
	walk(tg.root)
	want := []span{{"P", "en-GB", long}, {"TD", "en-GB", "Senior data architect"}}
	if len(got) != len(want) {
		t.Fatalf("spans %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("span %d: %q, want %q", i, got[i], want[i])
		}
	}
	if lines < 2 {
		t.Errorf("the paragraph's span is %d line(s): the test wants it wrapped", lines)
	}
	if ps := tg.root.find("P"); len(ps) == 0 || !strings.HasPrefix(tg.text(ps[0]), "Fel nawr") || !strings.Contains(tg.text(ps[0]), long+", a mwy.") {
		t.Errorf("the paragraph's text is not whole: %q", tg.text(ps[0]))
	}
}

package html

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// Words marked new (a PDP's target words) are <ins> for assistive
// technology but look bold, not underlined, as the documents' legends
// say ("the words new at the target are in bold", issue 26).
func TestInsertedWordsLookBold(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{&doc.Paragraph{Text: []doc.Inline{
		{Text: "Lead "}, {Text: "the policy", Style: doc.Bold | doc.Inserted},
	}}}}
	out := render(t, d)
	if !strings.Contains(out, "<ins>the policy</ins>") {
		t.Errorf("new words not marked <ins>: %s", out)
	}
	if !strings.Contains(out, "ins { text-decoration: none; font-weight: 700; }") {
		t.Error("<ins> keeps the browser's underline; the legend says new words are bold")
	}
}

package xlsx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/doc"
)

// A bilingual document's tables are a sheet each, the first language's
// first, each named by its own heading.
func TestBilingualSheetPerLanguage(t *testing.T) {
	mk := func(lang, h string) *doc.Document {
		return &doc.Document{Meta: doc.Meta{Title: h, Language: lang}, Blocks: []doc.Block{
			&doc.Heading{Level: 2, Text: text(h)},
			&doc.Table{Header: []doc.Cell{{Text: text("A")}, {Text: text("B")}}, Rows: [][]doc.Cell{{{Text: text("1")}, {Text: text("2")}}}},
		}}
	}
	for _, layout := range doc.Layouts {
		d, err := doc.Bilingual(mk("cy", "Sgiliau"), mk("en-GB", "Skills"), layout)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := (Writer{}).Write(&b, d); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(f.GetSheetList(), "|"); got != "Sgiliau|Skills" {
			t.Errorf("%s: sheets %q, want Sgiliau|Skills", layout, got)
		}
		f.Close()
	}
}

package html

import (
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// TestWordsFitEm: a table's min-width holds its widest word in its
// column, bold words measured bold, words across runs measured whole.
func TestWordsFitEm(t *testing.T) {
	cell := func(runs ...doc.Inline) doc.Cell { return doc.Cell{Text: runs} }
	tb := &doc.Table{
		Header: []doc.Cell{cell(doc.Inline{Text: "Skill"}), cell(doc.Inline{Text: "Entry"})},
		Rows: [][]doc.Cell{{
			cell(doc.Inline{Text: "Data engineering", Style: doc.Bold}),
			cell(doc.Inline{Text: "a b"}),
		}},
	}
	widths := []float64{0.1, 0.9}
	em := wordsFitEm(tb, widths)
	word := doc.MeasureMM("engineering", 1, true) * emPerMMAtOnePoint
	if em*widths[0] < word+cellPadEm || em*widths[0] > 1.1*(word+cellPadEm) {
		t.Errorf("min-width %.1fem gives the first column %.1fem, its word %.1fem", em, em*widths[0], word)
	}
	split := []doc.Inline{{Text: "engineer"}, {Text: "ing", Style: doc.Bold}, {Text: " x"}}
	if w := widestWordEm(split, false); w <= doc.MeasureMM("engineer", 1, false)*emPerMMAtOnePoint {
		t.Errorf("a word across runs measured %.2fem, less than its first run", w)
	}
	if wordsFitEm(&doc.Table{}, nil) != 0 {
		t.Error("an empty table has a min-width")
	}
}

package html

import (
	"unicode"

	"github.com/rolepack/rolepack/doc"
)

// cellPadEm is a table cell's horizontal padding and border in ems of
// table text: th, td { padding: .5rem .6rem } at font-size .875rem, and a
// 1px border.
const cellPadEm = 1.2/0.875 + 0.1

// emPerMMAtOnePoint converts MeasureMM at 1 pt to ems.
const emPerMMAtOnePoint = 72 / 25.4

// wordsFitEm is the narrowest the table may be, in ems of its text, for
// every word to fit its column at the column widths given (fractions):
// the widest word of each column, with the cell's padding, over the
// column's share. Below that width a browser would break a word inside
// itself; the table's region scrolls instead. 0 when the table has no
// text.
func wordsFitEm(t *doc.Table, widths []float64) float64 {
	need := 0.0
	col := func(c int, cell doc.Cell, bold bool) {
		if c >= len(widths) || widths[c] <= 0 {
			return
		}
		if w := widestWordEm(cell.Text, bold); w > 0 {
			need = max(need, (w*1.04+cellPadEm)/widths[c])
		}
	}
	for c, cell := range t.Header {
		col(c, cell, true)
	}
	for _, row := range t.Rows {
		for c, cell := range row {
			col(c, cell, t.RowHeaders && c == 0)
		}
	}
	return need
}

// widestWordEm is the width in ems of the widest word of runs; a word may
// run across runs ("engineer" and a bold "ing").
func widestWordEm(runs []doc.Inline, bold bool) float64 {
	widest, cur := 0.0, 0.0
	for _, r := range runs {
		if r.Break {
			widest, cur = max(widest, cur), 0
			continue
		}
		b := bold || r.Style&doc.Bold != 0
		start := 0
		rs := []rune(r.Text)
		for i, ch := range rs {
			if unicode.IsSpace(ch) {
				cur += doc.MeasureMM(string(rs[start:i]), 1, b) * emPerMMAtOnePoint
				widest, cur = max(widest, cur), 0
				start = i + 1
			}
		}
		cur += doc.MeasureMM(string(rs[start:]), 1, b) * emPerMMAtOnePoint
	}
	return max(widest, cur)
}

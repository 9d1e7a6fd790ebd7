package doc

import (
	"strconv"
	"strings"
	"testing"
)

// continuedTable is a scoring-sheet-like table: a narrow id column, a
// criterion column whose rows are lines lines tall, and two more.
func continuedTable(lines int) *Table {
	in := func(s string) []Inline { return []Inline{{Text: s}} }
	t := &Table{Header: []Cell{{Text: in("Id")}, {Text: in("Criterion and question")}, {Text: in("Evidence and notes")}, {Text: in("Score")}},
		Weights: []float64{6, 39, 45, 10}}
	for i := range 4 {
		var runs []Inline
		for j := range lines {
			if j > 0 {
				runs = append(runs, Inline{Break: true})
			}
			runs = append(runs, Inline{Text: "Tell us about a time when you did it."})
		}
		t.Rows = append(t.Rows, []Cell{{Text: in("E" + string(rune('1'+i)))}, {Text: runs}, {}, {Text: in("/ 7")}})
	}
	t.Widths = t.ColumnWidths(false)
	return t
}

// TestFitContinuedWidensTheIdColumn: a table whose rows may break across
// pages gets a first column wide enough for the continued marker's widest
// word, in English and in Welsh, the room taken from the widest column;
// a table whose rows all move whole keeps the widths it had.
func TestFitContinuedWidensTheIdColumn(t *testing.T) {
	for _, format := range []string{"", "{label} (parhad)"} {
		tbl := continuedTable(8)
		before := append([]float64(nil), tbl.Widths...)
		d := &Document{Meta: Meta{Continued: format}, Blocks: []Block{tbl}}
		d.FitContinued()
		word := "(continued)"
		if format != "" {
			word = "(parhad)"
		}
		inner := tbl.Widths[0]*TextWidthMM(false) - 2*CellPaddingMM
		if w := MeasureMM(word, TableTextSize, false); inner < w {
			t.Errorf("%q: id column holds %.1f mm, %q needs %.1f mm: the marker breaks inside the word (widths %v, before %v)", format, inner, word, w, tbl.Widths, before)
		}
		if tbl.Widths[1] != before[1] || tbl.Widths[2] >= before[2] {
			t.Errorf("%q: widths %v from %v: the room is not taken from the widest column alone", format, tbl.Widths, before)
		}
	}
	short := continuedTable(2)
	var before []float64
	before = append([]float64(nil), short.Widths...)
	(&Document{Blocks: []Block{short}}).FitContinued()
	if got, was := fmtWidths(short.Widths), fmtWidths(before); got != was {
		t.Errorf("a table of short rows changed: %s, was %s", got, was)
	}
}

func fmtWidths(w []float64) string {
	var out []string
	for _, v := range w {
		out = append(out, strconv.FormatFloat(v, 'f', 4, 64))
	}
	return strings.Join(out, " ")
}

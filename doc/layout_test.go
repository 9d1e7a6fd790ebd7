package doc

import (
	"math"
	"testing"
)

func cellsOf(ss ...string) []Cell {
	out := make([]Cell, len(ss))
	for i, s := range ss {
		out[i] = Cell{Text: []Inline{{Text: s}}}
	}
	return out
}

func TestColumnWidths(t *testing.T) {
	long := "Designs, builds and tests data products that are complex or large scale, and leads teams that do so across the organisation."
	tests := []struct {
		name  string
		table Table
		check func(t *testing.T, w []float64)
	}{
		{"content decides", Table{Header: cellsOf("Code", "Descriptor", "Level"), Rows: [][]Cell{cellsOf("B1.1", long, "Senior"), cellsOf("B1.2", long, "Senior")}},
			func(t *testing.T, w []float64) {
				if w[1] < 2*w[0] || w[1] < 2*w[2] {
					t.Errorf("widths %v: the long-text column should get most of the room", w)
				}
			}},
		{"declared widths", Table{Header: cellsOf("Id", "Criterion", "Evidence and notes", "Score (1–4)"), Weights: []float64{8, 34, 42, 16},
			Rows: [][]Cell{cellsOf("E1", long, "", "/ 4")}},
			func(t *testing.T, w []float64) {
				if w[2] < 0.40 {
					t.Errorf("widths %v: evidence column below 40%%", w)
				}
			}},
		{"longest word lifts a declared width", Table{Header: cellsOf("A", "B"), Weights: []float64{1, 99},
			Rows: [][]Cell{cellsOf("Understanding", "x")}},
			func(t *testing.T, w []float64) {
				if got, need := w[0]*TextWidthMM(false), MeasureMM("Understanding", TableTextSize, false)+2*CellPaddingMM; got < need {
					t.Errorf("widths %v: first column %.1f mm, its longest word needs %.1f mm", w, got, need)
				}
			}},
		{"blank column is room to write", Table{Header: cellsOf("Name", "Signature", "Date"), Rows: [][]Cell{cellsOf("Jane Smith", "", "")}},
			func(t *testing.T, w []float64) {
				if w[1] < 0.2 {
					t.Errorf("widths %v: blank signature column too narrow", w)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := tc.table.ColumnWidths(false)
			sum := 0.0
			for _, v := range w {
				sum += v
			}
			if len(w) != tc.table.Columns() || math.Abs(sum-1) > 0.001 {
				t.Fatalf("widths %v: want %d fractions summing to 1", w, tc.table.Columns())
			}
			tc.check(t, w)
		})
	}
}

func TestChartAxis(t *testing.T) {
	c := &Chart{Scale: []string{"None", "Aware", "Working"}, Bars: []ChartBar{{Values: []float64{4.2, math.NaN(), math.Inf(1)}}}}
	ax := c.Axis()
	if len(ax) != 6 || ax[0] != "None" || ax[5] != "5" {
		t.Errorf("Axis() = %q, want the scale extended to 5", ax)
	}
	if c.Clamp(math.NaN()) != 0 || c.Clamp(9) != 5 || c.Clamp(-1) != 0 {
		t.Errorf("Clamp does not keep values on the axis")
	}
	if r, g, b := SeriesRGB(0); SeriesColour(0) != "#1d70b8" || r != 0x1d || g != 0x70 || b != 0xb8 {
		t.Errorf("SeriesRGB(0) = %d,%d,%d, want #1d70b8", r, g, b)
	}
}

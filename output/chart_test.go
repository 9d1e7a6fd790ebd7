package output_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output"
)

// TestWritersRefuseBadCharts: a chart tree with NaN, infinite or absurd
// values, or too many bars, built without the Markdown parser, is an
// error in every writer, not a panic (issue 14: output/docx/chart.go:84
// index out of range [-1]).
func TestWritersRefuseBadCharts(t *testing.T) {
	formats, err := output.NewFormats()
	if err != nil {
		t.Fatal(err)
	}
	many := make([]doc.ChartBar, 200_000)
	for i := range many {
		many[i] = doc.ChartBar{Label: "x", Values: []float64{1}}
	}
	charts := map[string]*doc.Chart{
		"NaN":   {Alt: "a", Series: []string{"s"}, Bars: []doc.ChartBar{{Label: "b", Values: []float64{math.NaN()}}}},
		"+Inf":  {Alt: "a", Series: []string{"s"}, Bars: []doc.ChartBar{{Label: "b", Values: []float64{math.Inf(1)}}}},
		"1e308": {Alt: "a", Series: []string{"s"}, Bars: []doc.ChartBar{{Label: "b", Values: []float64{1e308}}}},
		"bars":  {Alt: "a", Series: []string{"s"}, Bars: many},
	}
	for _, name := range []string{"pdf", "docx", "html", "md"} {
		fs, err := formats.Lookup([]string{name})
		if err != nil {
			t.Fatal(err)
		}
		for what, c := range charts {
			d := &doc.Document{Meta: doc.Meta{Title: "T"}, Blocks: []doc.Block{&doc.List{Items: []doc.ListItem{{Blocks: []doc.Block{c}}}}}}
			var b bytes.Buffer
			err := fs[0].Writer.Write(&b, d)
			if err == nil || !strings.Contains(err.Error(), "chart") {
				t.Errorf("%s, %s: err = %v", name, what, err)
			}
		}
	}
}

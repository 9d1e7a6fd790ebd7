package fpdf

import "testing"

// TestSameColourShared: a fill colour set to the text colour (or the other
// way round) takes the other's value (patch 33) with the same operators as
// one formatted anew, and a different colour, a spot colour or a clamped
// component still gets its own.
func TestSameColourShared(t *testing.T) {
	pdf := New("P", "mm", "A4", "")
	fresh := func(r, g, b int) string { return pdf.rgbColorValue(r, g, b, "g", "rg").str }
	for _, c := range [][3]int{{11, 12, 12}, {0, 0, 0}, {128, 128, 128}, {300, -5, 7}} {
		pdf.SetTextColor(c[0], c[1], c[2])
		pdf.SetFillColor(c[0], c[1], c[2])
		if got, want := pdf.color.fill.str, fresh(c[0], c[1], c[2]); got != want {
			t.Errorf("fill %v after the same text colour: %q, want %q", c, got, want)
		}
		pdf.SetFillColor(c[0]/2, c[1], c[2])
		if got, want := pdf.color.fill.str, fresh(c[0]/2, c[1], c[2]); got != want {
			t.Errorf("fill %v after text %v: %q, want %q", [3]int{c[0] / 2, c[1], c[2]}, c, got, want)
		}
		pdf.SetTextColor(c[0]/2, c[1], c[2])
		if got, want := pdf.color.text.str, fresh(c[0]/2, c[1], c[2]); got != want || pdf.colorFlag {
			t.Errorf("text %v after the same fill: %q (colorFlag %v), want %q", c, got, pdf.colorFlag, want)
		}
	}
	pdf.AddSpotColor("PANTONE 145 CVC", 0, 42, 100, 25)
	pdf.SetTextSpotColor("PANTONE 145 CVC", 100)
	pdf.SetFillColor(0, 0, 0)
	if got, want := pdf.color.fill.str, fresh(0, 0, 0); got != want {
		t.Errorf("fill after a spot text colour: %q, want %q", got, want)
	}
}

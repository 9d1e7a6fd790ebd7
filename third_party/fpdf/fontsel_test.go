package fpdf

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestFontSelectionsSameState: SetFont with the selections it remembers
// (patch 39) leaves the document in the state, and writes the page, that
// it does when it works every call out anew, over random calls with core
// families in several spellings, styles with underlining and strikeout,
// the current family (""), a size of 0 and more families and styles than
// it remembers.
func TestFontSelectionsSameState(t *testing.T) {
	families := []string{"Helvetica", "helvetica", "Arial", "Times", "courier", "Courier", ""}
	styles := []string{"", "B", "b", "I", "BI", "IB", "U", "bu", "S", "BIUS"}
	rnd := rand.New(rand.NewPCG(7, 8))
	a, b := New("P", "mm", "A4", ""), New("P", "mm", "A4", "")
	a.SetCompression(false)
	b.SetCompression(false)
	a.AddPage()
	b.AddPage()
	for i := range 2000 {
		fam, sty := families[rnd.IntN(len(families))], styles[rnd.IntN(len(styles))]
		size := float64(rnd.IntN(4) * 3)
		a.SetFont(fam, sty, size)
		b.fontSels = fontSelections{} // nothing remembered: every call worked out
		b.SetFont(fam, sty, size)
		if a.fontFamily != b.fontFamily || a.fontStyle != b.fontStyle || a.fontSizePt != b.fontSizePt ||
			a.underline != b.underline || a.strikeout != b.strikeout || a.currentFont.Name != b.currentFont.Name ||
			a.isCurrentUTF8 != b.isCurrentUTF8 {
			t.Fatalf("call %d SetFont(%q, %q, %v): %q %q %v u%v s%v %q, worked out anew %q %q %v u%v s%v %q", i, fam, sty, size,
				a.fontFamily, a.fontStyle, a.fontSizePt, a.underline, a.strikeout, a.currentFont.Name,
				b.fontFamily, b.fontStyle, b.fontSizePt, b.underline, b.strikeout, b.currentFont.Name)
		}
		a.Cell(10, 5, "x")
		b.Cell(10, 5, "x")
	}
	if err := a.Error(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.pages[1].Bytes(), b.pages[1].Bytes()) {
		t.Error("the pages differ")
	}
}

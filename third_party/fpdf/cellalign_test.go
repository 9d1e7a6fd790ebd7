package fpdf

import (
	"bytes"
	"testing"
)

// TestCellLeftAlignFastPath checks that a cell aligned "" or "L" (patch
// 36's path that does not search the alignment string) draws what the
// general path draws for the same alignment: "LM" is searched for R, C,
// T, B and A, finds none, and is left-aligned on the baseline too.
func TestCellLeftAlignFastPath(t *testing.T) {
	page := func(align string) []byte {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCompression(false)
		pdf.SetFont("Helvetica", "U", 11)
		pdf.AddPage()
		pdf.SetCellMargin(1.5)
		pdf.CellFormat(50, 8, "Left (aligned) text", "1", 1, align, true, 0, "https://example.org")
		pdf.CellFormat(0, 12, "second", "", 0, align, false, 0, "")
		return bytes.Clone(pdf.pages[1].Bytes())
	}
	want := page("LM")
	for _, align := range []string{"", "L"} {
		if got := page(align); !bytes.Equal(got, want) {
			t.Errorf("align %q:\n%s\nthe general path:\n%s", align, got, want)
		}
	}
	if bytes.Equal(page("R"), want) {
		t.Error("a right-aligned cell drew what a left-aligned one does")
	}
}

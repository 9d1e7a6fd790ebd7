package fpdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestAppendEscapedUTF16 checks that appendEscapedUTF16 gives the bytes of
// escape(utf8toutf16(s, false)), which CellFormat wrote before patch 14,
// for text whose UTF-16 bytes hold the characters escape changes.
func TestAppendEscapedUTF16(t *testing.T) {
	f := &Fpdf{}
	for _, s := range []string{
		"", "plain", `back\slash`, "(paren)", "cr\rlf\n", "’“”–•éŵ£",
		"\u2829\u5c0d\u0d28\u295c", "\U0001F600 four bytes", "ĀāĂ", "\u00ff\u0100",
	} {
		want := f.escape(utf8toutf16(s, false))
		if got := string(appendEscapedUTF16([]byte("x"), s)); got != "x"+want {
			t.Errorf("%q: got %q, want %q", s, got, "x"+want)
		}
	}
}

// TestCellFormatBytes checks CellFormat's operators against the fmt
// formats it used before patch 14, with a fill, borders, alignment, colour,
// underline, strike-out and a link.
func TestCellFormatBytes(t *testing.T) {
	f := New("P", "mm", "A4", "")
	f.AddPage()
	f.SetFont("Helvetica", "US", 11)
	f.SetTextColor(10, 20, 30)
	f.SetFillColor(200, 210, 220)
	f.SetXY(20.123, 40.456)
	start := f.pages[f.page].Len()
	txt := `a (b) c\d`
	f.CellFormat(50, 7, txt, "LTRB", 0, "R", true, 0, "https://example.org")
	got := f.pages[f.page].String()[start:]

	k := f.k
	x, y, w, h := 20.123, 40.456, 50.0, 7.0
	var want strings.Builder
	fmt.Fprintf(&want, "%.2f %.2f %.2f %.2f re %s ", x*k, (f.h-y)*k, w*k, -h*k, "f")
	left, top, right, bottom := x*k, (f.h-y)*k, (x+w)*k, (f.h-(y+h))*k
	fmt.Fprintf(&want, "%.2f %.2f m %.2f %.2f l S ", left, top, left, bottom)
	fmt.Fprintf(&want, "%.2f %.2f m %.2f %.2f l S ", left, top, right, top)
	fmt.Fprintf(&want, "%.2f %.2f m %.2f %.2f l S ", right, top, right, bottom)
	fmt.Fprintf(&want, "%.2f %.2f m %.2f %.2f l S ", left, bottom, right, bottom)
	dx := w - f.cMargin - f.GetStringWidth(txt)
	fmt.Fprintf(&want, "q %s ", f.color.text.str)
	fmt.Fprintf(&want, "BT %.2f %.2f Td (%s)Tj ET", (x+dx)*k, (f.h-(y+.5*h+.3*f.fontSize))*k, `a \(b\) c\\d`)
	fmt.Fprintf(&want, " %s", f.dounderline(x+dx, y+.5*h+.3*f.fontSize, txt))
	fmt.Fprintf(&want, " %s", f.dostrikeout(x+dx, y+.5*h+.3*f.fontSize, txt))
	want.WriteString(" Q\n")
	if got != want.String() {
		t.Errorf("CellFormat wrote\n%q\nwant\n%q", got, want.String())
	}
	if !bytes.Contains([]byte(got), []byte(" re f")) || f.err != nil {
		t.Errorf("no underline, or error %v", f.err)
	}
}

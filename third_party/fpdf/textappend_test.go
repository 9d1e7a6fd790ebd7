package fpdf

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAppendEscapedUTF16 checks that appendEscapedUTF16 gives the bytes of
// escape(utf8toutf16(s, false)), which CellFormat wrote before patch 18,
// for text whose UTF-16 bytes hold the characters escape changes.
func TestAppendEscapedUTF16(t *testing.T) {
	f := &Fpdf{}
	var ab []byte // every ASCII byte (patch 35's path)
	for c := range 0x80 {
		ab = append(ab, byte(c))
	}
	ascii := string(ab)
	for _, s := range []string{
		"", "plain", `back\slash`, "(paren)", "cr\rlf\n", "’“”–•éŵ£",
		"\u2829\u5c0d\u0d28\u295c", "\U0001F600 four bytes", "ĀāĂ", "\u00ff\u0100",
		ascii, ascii + "é" + ascii, "\xff\x80(bad)",
	} {
		want := f.escape(utf8toutf16(s, false))
		if got := string(appendEscapedUTF16([]byte("x"), s)); got != "x"+want {
			t.Errorf("%q: got %q, want %q", s, got, "x"+want)
		}
	}
}

// TestCellFormatBytes checks CellFormat's operators against the fmt
// formats it used before patch 18, with a fill, borders, alignment, colour,
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

// TestFontAndColourBytes checks what SetFont, SetFontSize and the colour
// setters write against the fmt formats they used before patch 19.
func TestFontAndColourBytes(t *testing.T) {
	f := New("P", "mm", "A4", "")
	f.AddPage()
	start := f.pages[f.page].Len()
	f.SetFont("Helvetica", "B", 10.5)
	f.SetFontSize(7.25)
	f.SetDrawColor(177, 180, 182)
	f.SetFillColor(9, 9, 9)
	f.SetTextColor(29, 79, 145)
	f.Rect(1.234, 5.678, 10, 20.5, "F")
	f.SetLineWidth(0.25)
	got := f.pages[f.page].String()[start:]
	i := f.currentFont.i
	comp := func(v int) float64 { return float64(v) / 255 }
	want := fmt.Sprintf("BT /F%s %.2f Tf ET\n", i, 10.5) +
		fmt.Sprintf("BT /F%s %.2f Tf ET\n", i, 7.25) +
		fmt.Sprintf("%.3f %.3f %.3f RG\n", comp(177), comp(180), comp(182)) +
		fmt.Sprintf("%.3f g\n", comp(9)) +
		fmt.Sprintf("%.2f %.2f %.2f %.2f re f\n", 1.234*f.k, (f.h-5.678)*f.k, 10*f.k, -20.5*f.k) +
		fmt.Sprintf("%.2f w\n", 0.25*f.k)
	if got != want {
		t.Errorf("wrote\n%q\nwant\n%q", got, want)
	}
	if s := f.color.text.str; s != fmt.Sprintf("%.3f %.3f %.3f rg", comp(29), comp(79), comp(145)) {
		t.Errorf("text colour %q", s)
	}
}

// TestObjectLinesMatchFmt compares the object headers, cross-reference
// entries and outline references patch 23 writes without fmt with the fmt
// formats they replace.
func TestObjectLinesMatchFmt(t *testing.T) {
	for _, v := range []int{0, 7, 10, 99, 12345, 999999999, 9999999999, 12345678901} {
		if got, want := string(appendXrefEntry(nil, v)), fmt.Sprintf("%010d 00000 n ", v); got != want {
			t.Errorf("xref entry for %d: %q, want %q", v, got, want)
		}
	}
	f := New("P", "mm", "A4", "")
	f.buffer.Reset()
	f.n = 41
	f.newobj()
	f.outRef("/Parent ", 1234, "")
	f.outRef("/Last ", 7, ">>")
	want := "42 0 obj\n/Parent 1234 0 R\n/Last 7 0 R>>\n"
	if got := f.buffer.String(); got != want {
		t.Errorf("object lines %q, want %q", got, want)
	}
}

// TestAppendEscapedUTF16Random compares appendEscapedUTF16 with
// escape(utf8toutf16) on random text (patch 40's eight bytes at a time):
// runs of plain ASCII of every length, with the escaped bytes, control
// characters, DEL, Latin, Welsh and CJK characters and invalid bytes
// falling anywhere in and between them.
func TestAppendEscapedUTF16Random(t *testing.T) {
	f := &Fpdf{}
	rnd := rand.New(rand.NewPCG(9, 10))
	odd := []string{`\`, "(", ")", "\r", "\n", "\t", "\x00", "\x7f", "é", "ŵ", "’", "£", "中", "\xffab", "\xc3x", "\x80"} // invalid bytes with what they take after them
	for range 20000 {
		var sb strings.Builder
		for range rnd.IntN(6) {
			for range rnd.IntN(20) {
				sb.WriteByte(byte(' ' + rnd.IntN(95)))
			}
			if rnd.IntN(3) == 0 {
				sb.WriteString(odd[rnd.IntN(len(odd))])
			}
		}
		s := sb.String()
		want := "x" + f.escape(utf8toutf16(s, false))
		if got := string(appendEscapedUTF16([]byte("x"), s)); got != want {
			t.Fatalf("%q: got %q, want %q", s, got, want)
		}
	}
}

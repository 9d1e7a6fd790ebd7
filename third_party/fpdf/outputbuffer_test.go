package fpdf

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestOutputBuffer: a document built in a caller's array (patch 31), its
// first page given room at once (patch 32), has
// the same bytes as one built in its own buffer, whether the array is too
// small, large enough or the one an earlier document ended in, and whatever
// the array held before.
func TestOutputBuffer(t *testing.T) {
	write := func(text string, buf []byte) ([]byte, []byte) {
		pdf := New("P", "mm", "A4", "")
		pdf.SetFont("Helvetica", "", 12)
		pdf.SetCreationDate(time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC))
		pdf.SetModificationDate(time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC))
		if buf != nil {
			pdf.SetOutputBuffer(buf)
			pdf.SetPageSizeHint(len(text)) // patch 32: the same bytes too
		}
		if pdf.OutputBuffer() != nil {
			t.Error("OutputBuffer before the document is closed is not nil")
		}
		for range 3 {
			pdf.AddPage()
			pdf.MultiCell(0, 5, text, "", "L", false)
		}
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes(), pdf.OutputBuffer()
	}
	long := strings.Repeat("Words on a page, written again and again. ", 200)
	want, _ := write(long, nil)
	wantShort, _ := write("Short", nil)
	junk := bytes.Repeat([]byte{'x'}, 1<<16)
	for name, buf := range map[string][]byte{"tiny": make([]byte, 0, 16), "large": junk[:10:len(junk)]} {
		got, back := write(long, buf)
		if !bytes.Equal(got, want) {
			t.Errorf("%s buffer: different bytes", name)
		}
		if len(back) != 0 || cap(back) < len(want) {
			t.Errorf("%s buffer: OutputBuffer gives len %d cap %d, want an empty array of at least %d", name, len(back), cap(back), len(want))
		}
		// The next, shorter, document in the array the first ended in.
		if got, _ := write("Short", back); !bytes.Equal(got, wantShort) {
			t.Errorf("%s buffer, reused: different bytes", name)
		}
	}
}

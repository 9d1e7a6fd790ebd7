package fpdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestLinkAnnotationEntries checks that a link annotation with entries is
// written as an indirect object holding them, referred to from its page's
// /Annots and numbered as ObjectWriter.LinkAnnotationObject says, and that
// a link without entries stays inline.
func TestLinkAnnotationEntries(t *testing.T) {
	pdf := New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.SetFont("Helvetica", "", 12)
	pdf.AddPage()
	pdf.CellFormat(40, 10, "one", "", 0, "L", false, 0, "https://example.org/1")
	pdf.LinkString(10, 30, 20, 5, "https://example.org/2")
	if n := pdf.LinkAnnotationCount(1); n != 2 {
		t.Fatalf("LinkAnnotationCount(1) = %d, want 2", n)
	}
	if pdf.SetLinkAnnotationEntries(1, 2, "/Contents (x)") || pdf.SetLinkAnnotationEntries(2, 0, "/Contents (x)") {
		t.Error("SetLinkAnnotationEntries accepted an annotation that does not exist")
	}
	if !pdf.SetLinkAnnotationEntries(1, 1, "/StructParent 1 /Contents (Second)") {
		t.Fatal("SetLinkAnnotationEntries(1, 1) refused")
	}
	var obj, inline int
	pdf.SetExtraObjects(func(w *ObjectWriter) (string, error) {
		obj, inline = w.LinkAnnotationObject(1, 1), w.LinkAnnotationObject(1, 0)
		return "", nil
	})
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if obj == 0 || inline != 0 {
		t.Fatalf("LinkAnnotationObject: %d for the link with entries (want an object), %d for the inline one (want 0)", obj, inline)
	}
	if !strings.Contains(s, "/Annots [<</Type /Annot /Subtype /Link") || !strings.Contains(s, fmt.Sprintf("(https://example.org/1)>>>>%d 0 R ]", obj)) {
		t.Errorf("page /Annots does not hold the inline link and a reference to object %d:\n%s", obj, s)
	}
	want := fmt.Sprintf("%d 0 obj\n<</Type /Annot /Subtype /Link /Rect [28.35 756.85 85.04 742.68] /Border [0 0 0] /StructParent 1 /Contents (Second) /A <</S /URI /URI (https://example.org/2)>>>>\nendobj", obj)
	if !strings.Contains(s, want) {
		t.Errorf("no object %q in:\n%s", want, s)
	}
}

package fpdf

import (
	"strings"
	"testing"
)

// TestWriteObjectBytes: WriteObject's one write (patch 43) puts in the
// document what newobj, the body and out("\nendobj") put there, and
// records the object's offset, for objects after one another with room in
// the buffer and without.
func TestWriteObjectBytes(t *testing.T) {
	a, b := New("P", "mm", "A4", ""), New("P", "mm", "A4", "")
	a.state, b.state = 1, 1
	w := &ObjectWriter{f: a}
	for i := range 300 {
		body := []byte("<</Type /StructElem /K [" + strings.Repeat("1 0 R ", i%40) + "]>>")
		n := w.WriteObject(body)
		b.newobj()
		must(b.buffer.Write(body))
		b.out("\nendobj")
		if n != b.n || a.n != b.n {
			t.Fatalf("object %d: number %d, want %d", i, n, b.n)
		}
		if a.offsets[n] != b.offsets[n] {
			t.Fatalf("object %d: offset %d, want %d", i, a.offsets[n], b.offsets[n])
		}
	}
	if a.buffer.String() != b.buffer.String() {
		t.Error("the documents' bytes differ")
	}
}

package pdf

import (
	"os"
	"testing"
)

func TestQuickDump(t *testing.T) {
	w, err := New()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Create("/tmp/jd.pdf")
	defer f.Close()
	if err := w.Write(f, sampleJD()); err != nil {
		t.Fatal(err)
	}
}

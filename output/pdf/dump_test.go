package pdf

import (
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	dir := os.Getenv("PDF_DUMP")
	if dir == "" {
		t.Skip()
	}
	d := sampleJD()
	d.Blocks = append(d.Blocks, chartDoc().Blocks...)
	os.WriteFile(dir+"/jd.pdf", render(t, d), 0o644)
	os.WriteFile(dir+"/logo.pdf", render(t, logoDoc(t)), 0o644)
	os.WriteFile(dir+"/land.pdf", render(t, landscapeDoc()), 0o644)
}

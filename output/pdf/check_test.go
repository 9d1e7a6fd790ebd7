package pdf_test

import (
	"bytes"
	"testing"

	"github.com/rolepack/rolepack/output/pdf"
	"github.com/rolepack/rolepack/pdfcheck"
)

// TestEveryKindPassesCheck runs the conformance check (pdfcheck: the
// PDF/A-2a rules and the Matterhorn Protocol's machine checks on the
// structure) on every document of every kind for the default config
// (the default role at head, and at senior), without and with a logo,
// and on the tagged sample with its links.
func TestEveryKindPassesCheck(t *testing.T) {
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	logo := testLogo(t)
	docs := everyDocument(t, printCases[0])
	for stem, d := range everyDocument(t, printCases[1]) {
		docs["senior "+stem] = d
	}
	docs["tagged sample"] = taggedDoc(t)
	t.Logf("%d documents, each without and with a logo", len(docs))
	for _, brand := range []string{"default", "logo"} {
		for stem, d := range docs {
			if brand == "logo" {
				d.Meta.Logo = logo
			}
			var b bytes.Buffer
			if err := w.Write(&b, d); err != nil {
				t.Fatalf("%s/%s: %v", brand, stem, err)
			}
			checkClean(t, brand+"/"+stem, b.Bytes())
		}
	}
}

// checkClean fails t with each finding pdfcheck reports on the PDF named
// name (and stops it when pdfcheck cannot read the file).
func checkClean(t *testing.T, name string, pdf []byte) {
	t.Helper()
	fs, err := pdfcheck.Check(pdf)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, f := range fs {
		t.Errorf("%s: %s", name, f)
	}
}

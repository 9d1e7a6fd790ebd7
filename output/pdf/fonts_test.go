package pdf

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/rolepack/rolepack/doc"
)

// baseFonts lists the /BaseFont of every font dictionary in pdf, read with
// pdfcpu, sorted and without repeats.
func baseFonts(t *testing.T, pdf []byte) []string {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), relaxed())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, entry := range ctx.XRefTable.Table {
		if entry == nil || entry.Free {
			continue
		}
		d, ok := entry.Object.(types.Dict)
		if !ok || d.Type() == nil || *d.Type() != "Font" {
			continue
		}
		if n := d.NameEntry("BaseFont"); n != nil {
			names = append(names, *n)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// withoutCode is d with every code run set as plain text.
func withoutCode(d *doc.Document) *doc.Document {
	for _, b := range d.Blocks {
		if p, ok := b.(*doc.Paragraph); ok {
			for i := range p.Text {
				p.Text[i].Style &^= doc.Code
			}
		}
	}
	return d
}

// TestOnlyLiberationSans checks that a document's text is set in Liberation
// Sans alone (regular, bold and italic as used), the face the DOCX and HTML
// name through Arial, and that Liberation Mono appears only for code.
func TestOnlyLiberationSans(t *testing.T) {
	for name, tc := range map[string]struct {
		d    *doc.Document
		want []string
	}{
		"jd":           {withoutCode(sampleJD()), []string{"utf8liberationsans", "utf8liberationsansB", "utf8liberationsansI"}},
		"jd with code": {sampleJD(), []string{"utf8liberationmono", "utf8liberationsans", "utf8liberationsansB", "utf8liberationsansI"}},
		"chart":        {chartDoc(), []string{"utf8liberationsans", "utf8liberationsansB"}},
	} {
		got := baseFonts(t, render(t, tc.d))
		// The Type0 font and its CIDFont descendant share the name.
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: fonts %q, want %q", name, got, tc.want)
		}
	}
}

// TestViewerMetadata checks what a viewer shows of a document: its title in
// the window (DisplayDocTitle), subject and keywords in words.
func TestViewerMetadata(t *testing.T) {
	d := sampleJD()
	d.Meta.Keywords = []string{"Data engineer", "Head", "Job description"}
	ctx, err := api.ReadAndValidate(bytes.NewReader(render(t, d)), relaxed()) // validation reads the info dictionary
	if err != nil {
		t.Fatal(err)
	}
	x := ctx.XRefTable
	if x.Title != "Head of data engineering" || x.Subject != "Job description" || x.Keywords != "Data engineer, Head, Job description" {
		t.Errorf("title %q, subject %q, keywords %q", x.Title, x.Subject, x.Keywords)
	}
	cat, err := x.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	vp, err := x.DereferenceDict(cat["ViewerPreferences"])
	if err != nil || vp == nil {
		t.Fatalf("catalog has no /ViewerPreferences (%v)", err)
	}
	if b := vp.BooleanEntry("DisplayDocTitle"); b == nil || !*b {
		t.Errorf("/ViewerPreferences %v: want /DisplayDocTitle true", vp)
	}
}

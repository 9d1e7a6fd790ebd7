package pdf

import (
	"bytes"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/rolepack/rolepack/doc"
)

// subsetTag is the tag of an embedded subset's name (ISO 32000-1, 9.6.4).
var subsetTag = regexp.MustCompile(`^[A-Z]{6}\+`)

// fontNames lists the PostScript names of the fonts in pdf without their
// subset tags, failing the test for a name without one.
func fontNames(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	for _, n := range baseFonts(t, pdf) {
		if !subsetTag.MatchString(n) {
			t.Errorf("font %q has no subset tag", n)
			continue
		}
		out = append(out, n[7:])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

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
		"jd":           {withoutCode(sampleJD()), []string{"LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic"}},
		"jd with code": {sampleJD(), []string{"LiberationMono", "LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic"}},
		"chart":        {chartDoc(), []string{"LiberationSans", "LiberationSans-Bold"}},
	} {
		got := fontNames(t, render(t, tc.d))
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

// TestFontNamesTagged reads every font of a document: the Type0 font, its
// CIDFont and the CIDFont's descriptor carry one name, the font's
// PostScript name behind a six-letter subset tag, and the font file is
// embedded. The tag follows the subset: the same text gives the same names,
// other text (another subset) another tag.
func TestFontNamesTagged(t *testing.T) {
	names := func(pdf []byte) map[string]string { // PostScript name → tagged name
		ctx, err := api.ReadContext(bytes.NewReader(pdf), relaxed())
		if err != nil {
			t.Fatal(err)
		}
		x := ctx.XRefTable
		out := map[string]string{}
		for _, entry := range x.Table {
			if entry == nil || entry.Free {
				continue
			}
			d, ok := entry.Object.(types.Dict)
			if !ok || d.Type() == nil || *d.Type() != "Font" || d.Subtype() == nil || *d.Subtype() != "Type0" {
				continue
			}
			base := *d.NameEntry("BaseFont")
			arr, err := x.DereferenceArray(d["DescendantFonts"])
			if err != nil || len(arr) != 1 {
				t.Fatalf("%s: DescendantFonts %v (%v)", base, arr, err)
			}
			cid, err := x.DereferenceDict(arr[0])
			if err != nil {
				t.Fatal(err)
			}
			desc, err := x.DereferenceDict(cid["FontDescriptor"])
			if err != nil {
				t.Fatal(err)
			}
			if n := cid.NameEntry("BaseFont"); n == nil || *n != base {
				t.Errorf("%s: CIDFont named %v", base, n)
			}
			if n := desc.NameEntry("FontName"); n == nil || *n != base {
				t.Errorf("%s: descriptor names %v", base, n)
			}
			if desc["FontFile2"] == nil {
				t.Errorf("%s: no embedded font file", base)
			}
			if !subsetTag.MatchString(base) {
				t.Errorf("font %q has no subset tag", base)
				continue
			}
			out[base[7:]] = base
		}
		return out
	}
	one := names(render(t, sampleJD()))
	if one["LiberationSans"] == "" || one["LiberationSans-Bold"] == "" {
		t.Fatalf("fonts %v, want LiberationSans and LiberationSans-Bold", one)
	}
	if again := names(render(t, sampleJD())); !maps.Equal(one, again) {
		t.Errorf("the same document named its fonts %v, then %v", one, again)
	}
	d := sampleJD()
	d.Blocks = append(d.Blocks, &doc.Paragraph{Text: []doc.Inline{{Text: "Ŵ ŷ ẅ ẃ ẁ: glyphs outside the subset base"}}})
	other := names(render(t, d))
	if other["LiberationSans"] == one["LiberationSans"] {
		t.Errorf("a different subset of LiberationSans kept the name %s", one["LiberationSans"])
	}
	if tags := map[string]bool{}; true {
		for _, n := range other {
			if tags[n[:6]] {
				t.Errorf("two subsets in one document share the tag %s", n[:6])
			}
			tags[n[:6]] = true
		}
	}
}

package docx

import (
	"archive/zip"
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

var letterheadOut = flag.String("letterhead-out", "", "also write the letterhead test's DOCX (and its letterhead, as NAME-letterhead.docx) here")

// letterheadPNG is the letterhead's logo: a 120×40 red block.
func letterheadPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 120, 40))
	for y := 0; y < 40; y++ {
		for x := 0; x < 120; x++ {
			img.Set(x, y, color.RGBA{0xC8, 0x10, 0x2E, 0xFF})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const lhNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// Letterhead parts, as Word or python-docx would save them: a header with
// a logo and {{title}} split over three runs with different formatting, a
// footer with {{organisation}}, {{date}} and {{reference}}, a red Heading 1
// in Georgia, the letterhead's own list, and Letter-size paper with wide
// margins.
var letterheadParts = map[string]string{
	"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>`,
	"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
	"word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`,
	"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + lhNS + `><w:body><w:p><w:r><w:t>Sample text the letterhead came with.</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:footerReference w:type="default" r:id="rId4"/><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="2268" w:right="1800" w:bottom="1440" w:left="1800" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`,
	"word/styles.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ` + lhNS + `><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Verdana" w:hAnsi="Verdana"/><w:sz w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:rPr><w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/><w:color w:val="C8102E"/><w:sz w:val="36"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style></w:styles>`,
	"word/numbering.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ` + lhNS + `><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
	"word/header1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr ` + lhNS + ` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>` +
		`<w:r><w:drawing><wp:inline><wp:extent cx="1080000" cy="360000"/><wp:docPr id="1" name="Logo" descr="Council logo"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1080000" cy="360000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>` +
		`<w:r><w:tab/></w:r><w:r><w:rPr><w:b/><w:color w:val="C8102E"/></w:rPr><w:t>{{ti</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:i/></w:rPr><w:t>tl</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve">e}} – draft</w:t></w:r></w:p></w:hdr>`,
	"word/_rels/header1.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>`,
	"word/footer1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr ` + lhNS + `><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">{{organisation}} · {{date}} · ref. {{</w:t></w:r><w:r><w:t>reference}}</w:t></w:r></w:p></w:ftr>`,
}

// makeLetterhead zips the letterhead parts, with replace applied to the
// named parts (part → old → new).
func makeLetterhead(t testing.TB, replace map[string][2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := []string{"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml",
		"word/styles.xml", "word/numbering.xml", "word/header1.xml", "word/_rels/header1.xml.rels", "word/footer1.xml"}
	for _, n := range names {
		s := letterheadParts[n]
		if r, ok := replace[n]; ok {
			s = strings.Replace(s, r[0], r[1], 1)
		}
		f, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(s))
	}
	f, err := zw.Create("word/media/image1.png")
	if err != nil {
		t.Fatal(err)
	}
	f.Write(letterheadPNG(t))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func letterheadDoc() *doc.Document {
	d := jdDocument()
	d.Meta.Reference = "DDS-2024-017"
	return d
}

func TestLetterhead(t *testing.T) {
	w, err := NewWithReference("letterhead.docx", makeLetterhead(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	d := letterheadDoc()
	out := render(t, w, d)
	parts, _ := unzip(t, out)
	if *letterheadOut != "" {
		if err := os.WriteFile(*letterheadOut, out, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(strings.TrimSuffix(*letterheadOut, ".docx")+"-letterhead.docx", makeLetterhead(t, nil), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The letterhead's logo and header survive, with the title filled in,
	// whole, in the first run's formatting.
	if !bytes.Equal(parts["word/media/image1.png"], letterheadPNG(t)) {
		t.Error("the letterhead's logo word/media/image1.png is lost")
	}
	hdr := string(parts["word/header1.xml"])
	if !strings.Contains(hdr, `r:embed="rId1"`) || !strings.Contains(parts2(parts, "word/_rels/header1.xml.rels"), "media/image1.png") {
		t.Error("the header no longer shows the logo")
	}
	wantRun := `<w:r><w:rPr><w:b/><w:color w:val="C8102E"/></w:rPr><w:t xml:space="preserve">Head of data engineering – job description</w:t></w:r>`
	if !strings.Contains(hdr, wantRun) {
		t.Errorf("header: title not joined into the first run:\n%s", hdr)
	}
	if strings.Contains(hdr, "<w:i/>") || strings.Contains(hdr, ">tl<") {
		t.Errorf("header: the runs the title was split over are left behind:\n%s", hdr)
	}
	if !strings.Contains(hdr, "> – draft</w:t>") {
		t.Errorf("header: text after the placeholder is lost:\n%s", hdr)
	}
	ftr := string(parts["word/footer1.xml"])
	if !strings.Contains(ftr, "Department for Digital Services · 1 May 2024 · ref. DDS-2024-017") && !strings.Contains(ftr, "ref. DDS-2024-017</w:t>") {
		t.Errorf("footer not filled:\n%s", ftr)
	}
	for name, b := range parts {
		if bytes.Contains(b, []byte("{{")) {
			t.Errorf("%s still holds a placeholder", name)
		}
	}

	// The letterhead's styles win; rolepack's are added where missing.
	styles := string(parts["word/styles.xml"])
	if !strings.Contains(styles, `<w:color w:val="C8102E"/>`) || !strings.Contains(styles, `w:ascii="Georgia"`) {
		t.Error("the letterhead's red Georgia Heading 1 is lost")
	}
	if n := strings.Count(styles, `w:styleId="Heading1"`); n != 1 {
		t.Errorf("Heading1 defined %d times", n)
	}
	for _, id := range []string{"Heading2", "Heading3", "ListParagraph", "TableText", "RolepackTable", "Hyperlink"} {
		if !strings.Contains(styles, `w:styleId="`+id+`"`) {
			t.Errorf("style %s not added", id)
		}
	}
	// Every style the body names exists.
	body := string(parts["word/document.xml"])
	for _, m := range regexp.MustCompile(`w:(?:pStyle|rStyle|tblStyle) w:val="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		if !strings.Contains(styles, `w:styleId="`+m[1]+`"`) {
			t.Errorf("the body uses style %s, which styles.xml lacks", m[1])
		}
	}
	if !strings.Contains(body, `<w:pStyle w:val="Heading1"/>`) || !strings.Contains(body, `<w:pStyle w:val="Heading2"/>`) {
		t.Error("no real headings in the body")
	}
	if strings.Contains(body, "Sample text the letterhead came with") {
		t.Error("the letterhead's sample text is kept (no {{body}} marker: it should go)")
	}
	// The letterhead's page: Letter, its margins and its header/footer.
	if !strings.Contains(body, `<w:pgSz w:w="12240" w:h="15840"/>`) || !strings.Contains(body, `w:left="1800"`) || !strings.Contains(body, `r:id="rId3"`) {
		t.Error("the letterhead's section properties are lost")
	}
	// Tables fit the letterhead's text width (12240 - 2*1800).
	for _, m := range regexp.MustCompile(`<w:tblGrid>(.*?)</w:tblGrid>`).FindAllStringSubmatch(body, -1) {
		sum := 0
		for _, c := range regexp.MustCompile(`w:w="(\d+)"`).FindAllStringSubmatch(m[1], -1) {
			n := 0
			for _, ch := range c[1] {
				n = n*10 + int(ch-'0')
			}
			sum += n
		}
		if sum != 12240-2*1800 {
			t.Errorf("table grid is %d twips wide, want %d", sum, 12240-2*1800)
		}
	}

	// Lists: rolepack's definitions after the letterhead's, instances
	// after its instance, every numId in the body defined.
	num := string(parts["word/numbering.xml"])
	if !strings.Contains(num, `upperRoman`) || !strings.Contains(num, `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`) {
		t.Error("the letterhead's own list is lost")
	}
	if strings.Count(num, `w:abstractNumId="0"`) != 1 || !strings.Contains(num, `<w:abstractNum w:abstractNumId="1">`) || !strings.Contains(num, `<w:abstractNum w:abstractNumId="2">`) {
		t.Errorf("abstract list ids clash or are missing:\n%.600s", num)
	}
	if strings.Index(num, "<w:num ") < strings.LastIndex(num, "</w:abstractNum>") {
		t.Error("numbering: a w:num before a w:abstractNum (schema order)")
	}
	ids := regexp.MustCompile(`<w:numId w:val="(\d+)"/>`).FindAllStringSubmatch(body, -1)
	if len(ids) == 0 {
		t.Fatal("no list in the body")
	}
	for _, m := range ids {
		if m[1] == "1" {
			t.Error("the body's list uses the letterhead's numId 1")
		}
		if !strings.Contains(num, `<w:num w:numId="`+m[1]+`">`) {
			t.Errorf("numId %s not defined", m[1])
		}
	}

	// Relationships: every id the body names exists, none twice.
	rels := string(parts["word/_rels/document.xml.rels"])
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`Id="([^"]*)"`).FindAllStringSubmatch(rels, -1) {
		if seen[m[1]] {
			t.Errorf("relationship id %s twice", m[1])
		}
		seen[m[1]] = true
	}
	for _, m := range regexp.MustCompile(`r:(?:id|embed)="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		if !seen[m[1]] {
			t.Errorf("the body names relationship %s, which is not defined", m[1])
		}
	}
	if !strings.Contains(string(parts["docProps/core.xml"]), "<dc:title>Head of data engineering") || !strings.Contains(string(parts["[Content_Types].xml"]), "/docProps/core.xml") {
		t.Error("core properties missing")
	}

	// Same bytes again, and under concurrent use.
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := w.Write(&buf, letterheadDoc()); err != nil {
				t.Error(err)
				return
			}
			if !bytes.Equal(buf.Bytes(), out) {
				t.Error("the same document gave different bytes")
			}
		}()
	}
	wg.Wait()
}

func parts2(parts map[string][]byte, name string) string { return string(parts[name]) }

func TestLetterheadBodyMarkerAndLandscape(t *testing.T) {
	lh := makeLetterhead(t, map[string][2]string{
		"word/document.xml": {`<w:p><w:r><w:t>Sample text the letterhead came with.</w:t></w:r></w:p>`,
			`<w:p><w:r><w:t>Our ref: {{reference}}</w:t></w:r></w:p><w:p><w:r><w:t>{{bo</w:t></w:r><w:r><w:t>dy}}</w:t></w:r></w:p><w:p><w:r><w:t>Signed for {{organisation}}</w:t></w:r></w:p>`},
	})
	w, err := NewWithReference("letterhead.docx", lh)
	if err != nil {
		t.Fatal(err)
	}
	d := letterheadDoc()
	d.Meta.Landscape = true
	parts, _ := unzip(t, render(t, w, d))
	body := string(parts["word/document.xml"])
	ref := strings.Index(body, "Our ref: DDS-2024-017")
	h1 := strings.Index(body, `<w:pStyle w:val="Heading1"/>`)
	signed := strings.Index(body, "Signed for Department for Digital Services")
	if ref < 0 || h1 < 0 || signed < 0 || !(ref < h1 && h1 < signed) {
		t.Errorf("body not placed at {{body}} between the letterhead's paragraphs (%d %d %d)", ref, h1, signed)
	}
	if !strings.Contains(body, `<w:pgSz w:w="15840" w:h="12240" w:orient="landscape"/>`) {
		t.Error("landscape document not turned")
	}
}

func TestLetterheadErrors(t *testing.T) {
	for _, tc := range []struct {
		part, from, to, want string
	}{
		{"word/footer1.xml", "{{organisation}}", "{{department}}", "letterhead.docx: word/footer1.xml: unknown placeholder {{department}}"},
		{"word/footer1.xml", "{{organisation}}", "{{body}}", "{{body}} must stand alone in a paragraph of the document body"},
		{"word/document.xml", `<w:sectPr>`, `<w:sectPrX>`, "letterhead.docx: word/document.xml:"},
	} {
		_, err := NewWithReference("letterhead.docx", makeLetterhead(t, map[string][2]string{tc.part: {tc.from, tc.to}}))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %s → %s: err = %v, want %q", tc.part, tc.from, tc.to, err, tc.want)
		}
	}
	if _, err := NewWithReference("notes.docx", []byte("not a zip")); err == nil || !strings.HasPrefix(err.Error(), "notes.docx: not a Word document") {
		t.Errorf("not a zip: %v", err)
	}
}

func TestCheckReference(t *testing.T) {
	r, err := CheckReference("letterhead.docx", makeLetterhead(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, p := range r.Placeholders {
		keys = append(keys, p.Key+"@"+p.Part)
		if p.Key == "title" && p.Runs != 3 {
			t.Errorf("{{title}} is split over %d runs, want 3", p.Runs)
		}
	}
	want := "organisation@word/footer1.xml date@word/footer1.xml reference@word/footer1.xml title@word/header1.xml"
	if strings.Join(keys, " ") != want {
		t.Errorf("placeholders = %v, want %s", keys, want)
	}
	if !strings.HasPrefix(r.PageSize, "US Letter portrait") || len(r.Headers) != 1 || len(r.Footers) != 1 || !contains(r.AddedStyles, "heading 2") && !contains(r.AddedStyles, "Heading 2") {
		t.Errorf("report: %+v", r)
	}
}

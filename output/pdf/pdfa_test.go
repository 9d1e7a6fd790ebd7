package pdf_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/rolepack/rolepack/output/pdf"
)

// pdfaProblems checks the PDF/A-2a (ISO 19005-2) rules that apply to what
// rolepack writes and that can be checked without veraPDF: the header's
// binary comment, the trailer's file identifier and no encryption, the
// sRGB output intent with an RGB ICC profile, the XMP identification
// (pdfaid part 2, conformance A, and the extension schema describing
// pdfuaid), the information dictionary equal to the XMP, annotations that
// print and are not hidden, embedded fonts, no forbidden actions or image
// keys, and the tagging level A asks for (MarkInfo, StructTreeRoot, Lang).
func pdfaProblems(b []byte) []string {
	var out []string
	bad := func(f string, a ...any) { out = append(out, fmt.Sprintf(f, a...)) }
	if m := regexp.MustCompile(`^%PDF-1\.[4-7]\r?\n%([^\r\n]*)`).FindSubmatch(b); m == nil || countHigh(m[1]) < 4 {
		bad("header: no comment of four bytes above 127 after %%PDF-1.n")
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadAndValidate(bytes.NewReader(b), conf)
	if err != nil {
		return append(out, "unreadable: "+err.Error())
	}
	x := ctx.XRefTable
	if x.Encrypt != nil {
		bad("trailer: /Encrypt")
	}
	if len(x.ID) != 2 {
		bad("trailer: /ID %v, want two strings", x.ID)
	}
	cat, err := x.Catalog()
	if err != nil {
		return append(out, "no catalog: "+err.Error())
	}
	// Output intent.
	ois, _ := x.DereferenceArray(cat["OutputIntents"])
	found := false
	for _, o := range ois {
		oi, _ := x.DereferenceDict(o)
		if oi.NameEntry("S") == nil || *oi.NameEntry("S") != "GTS_PDFA1" {
			continue
		}
		found = true
		sd, _, err := x.DereferenceStreamDict(oi["DestOutputProfile"])
		if err != nil || sd == nil {
			bad("output intent: no DestOutputProfile stream (%v)", err)
			continue
		}
		if err := sd.Decode(); err != nil {
			bad("output intent: profile does not decode: %v", err)
			continue
		}
		icc := sd.Content
		if n := sd.IntEntry("N"); n == nil || *n != 3 {
			bad("output intent: profile /N %v, want 3", n)
		}
		if len(icc) < 128 || string(icc[16:20]) != "RGB " || string(icc[36:40]) != "acsp" || icc[8] > 4 {
			bad("output intent: the profile is not an RGB ICC profile of version 4 or lower")
		}
		if s := oi.StringEntry("OutputConditionIdentifier"); s == nil || *s == "" {
			bad("output intent: no OutputConditionIdentifier")
		}
	}
	if !found {
		bad("catalog: no GTS_PDFA1 output intent")
	}
	// XMP.
	md, _, err := x.DereferenceStreamDict(cat["Metadata"])
	if err != nil || md == nil {
		return append(out, fmt.Sprintf("catalog: no XMP metadata (%v)", err))
	}
	if md.Dict["Filter"] != nil {
		bad("metadata stream is filtered")
	}
	if err := md.Decode(); err != nil {
		return append(out, "XMP does not decode: "+err.Error())
	}
	xmp := md.Content
	if m := regexp.MustCompile(`<\?xpacket begin=[^?]*\?>`).Find(xmp); m == nil || bytes.Contains(m, []byte("bytes=")) || bytes.Contains(m, []byte("encoding=")) {
		bad("XMP: no xpacket header, or one with bytes or encoding")
	}
	props := xmpProperties(xmp)
	if props["part"] != "2" || props["conformance"] != "A" {
		bad("XMP: pdfaid part %q conformance %q, want 2 and A", props["part"], props["conformance"])
	}
	for _, s := range []string{"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>", "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>", "<pdfaProperty:name>part</pdfaProperty:name>"} {
		if !bytes.Contains(xmp, []byte(s)) {
			bad("XMP: the extension schema for pdfuaid lacks %s", s)
		}
	}
	// The information dictionary and the XMP agree.
	for _, c := range []struct{ info, key, xmp string }{
		{x.Title, "Title", props["title"]}, {x.Author, "Author", props["creator"]}, {x.Subject, "Subject", props["description"]},
		{x.Keywords, "Keywords", props["Keywords"]}, {x.Creator, "Creator", props["CreatorTool"]}, {x.Producer, "Producer", props["Producer"]},
	} {
		if c.info != c.xmp {
			bad("information dictionary /%s %q, XMP %q", c.key, c.info, c.xmp)
		}
	}
	for _, c := range []struct{ info, key, xmp string }{{x.CreationDate, "CreationDate", props["CreateDate"]}, {x.ModDate, "ModDate", props["ModifyDate"]}} {
		it, ok := types.DateTime(c.info, false)
		xt, err := time.Parse(time.RFC3339, c.xmp)
		if !ok || err != nil || !it.Equal(xt) || !strings.ContainsAny(c.info[2:], "+-Z") {
			bad("information dictionary /%s %q, XMP %q: want the same moment, with its offset", c.key, c.info, c.xmp)
		}
	}
	// Level A: tagged, with a language.
	if mi, _ := x.DereferenceDict(cat["MarkInfo"]); mi == nil || mi.BooleanEntry("Marked") == nil || !*mi.BooleanEntry("Marked") {
		bad("catalog: MarkInfo Marked is not true")
	}
	if cat["StructTreeRoot"] == nil || cat["Lang"] == nil {
		bad("catalog: no StructTreeRoot or Lang")
	}
	for _, k := range []string{"AA", "OCProperties", "AcroForm", "Names"} {
		if cat[k] != nil {
			bad("catalog: /%s", k)
		}
	}
	// Every object.
	for n, e := range x.Table {
		if e == nil || e.Free || e.Object == nil {
			continue
		}
		var d types.Dict
		switch o := e.Object.(type) {
		case types.Dict:
			d = o
		case types.StreamDict:
			d = o.Dict
		default:
			continue
		}
		if t := d.NameEntry("Type"); t != nil && *t == "Annot" {
			f := d.IntEntry("F")
			if f == nil || *f&4 == 0 || *f&(1|2|32|256) != 0 {
				bad("obj %d: annotation /F %v: want the print flag and none of invisible, hidden, no view", n, f)
			}
		}
		if s := d.NameEntry("S"); s != nil && (*s == "JavaScript" || *s == "Launch" || *s == "ImportData" || *s == "ResetForm" || *s == "SubmitForm" || *s == "Movie" || *s == "Sound") {
			bad("obj %d: a %s action", n, *s)
		}
		if st := d.NameEntry("Subtype"); st != nil && *st == "Image" {
			if i := d.BooleanEntry("Interpolate"); i != nil && *i {
				bad("obj %d: image with /Interpolate true", n)
			}
			if d["Alternates"] != nil || d["OPI"] != nil {
				bad("obj %d: image with /Alternates or /OPI", n)
			}
		}
		if t := d.NameEntry("Type"); t != nil && *t == "FontDescriptor" && d["FontFile"] == nil && d["FontFile2"] == nil && d["FontFile3"] == nil {
			bad("obj %d: font %v not embedded", n, d.NameEntry("FontName"))
		}
		if d["TR"] != nil || d["TR2"] != nil && d.NameEntry("TR2") == nil {
			bad("obj %d: a transfer function", n)
		}
	}
	return out
}

func countHigh(b []byte) int {
	n := 0
	for _, c := range b {
		if c > 127 {
			n++
		}
	}
	return n
}

// xmpProperties reads the simple properties of an XMP packet by local name
// (the first rdf:li of an Alt, Seq or Bag).
func xmpProperties(b []byte) map[string]string {
	props := map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var stack []string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			return props
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			text.Reset()
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			name := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			key := name
			if name == "li" && len(stack) >= 2 {
				key = stack[len(stack)-2]
			}
			if _, ok := props[key]; !ok && strings.TrimSpace(text.String()) != "" {
				props[key] = strings.TrimSpace(text.String())
			}
			text.Reset()
		}
	}
}

// TestEveryKindMeetsPDFA runs the PDF/A-2a checks on every document of
// every kind, for the default config and with a logo, and on the tagged
// sample with its links.
func TestEveryKindMeetsPDFA(t *testing.T) {
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	logo := testLogo(t)
	docs := everyDocument(t, printCases[0])
	docs["tagged sample"] = taggedDoc(t)
	for _, brand := range []string{"default", "logo"} {
		for stem, d := range docs {
			if brand == "logo" {
				d.Meta.Logo = logo
			}
			d.Meta.Keywords = []string{"Data engineer", "Head"}
			var b bytes.Buffer
			if err := w.Write(&b, d); err != nil {
				t.Fatalf("%s/%s: %v", brand, stem, err)
			}
			for _, p := range pdfaProblems(b.Bytes()) {
				t.Errorf("%s/%s: %s", brand, stem, p)
			}
		}
	}
}

// TestPDFACheckFails breaks a good file in place, one rule at a time
// (keeping its length, so the cross-reference table still holds), and
// expects the check to say so.
func TestPDFACheckFails(t *testing.T) {
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	var good bytes.Buffer
	if err := w.Write(&good, taggedDoc(t)); err != nil {
		t.Fatal(err)
	}
	if p := pdfaProblems(good.Bytes()); len(p) > 0 {
		t.Fatalf("the good file fails: %v", p)
	}
	for _, tc := range []struct{ name, from, to, want string }{
		{"no PDF/A output intent", "/S /GTS_PDFA1", "/S /GTS_PDFX1", "no GTS_PDFA1 output intent"},
		{"another part", "<pdfaid:part>2<", "<pdfaid:part>3<", "pdfaid part"},
		{"no extension schema", "<pdfaSchema:prefix>pdfuaid<", "<pdfaSchema:prefix>pdfuaix<", "extension schema"},
		{"hidden annotation", "/F 4 /StructParent", "/F 6 /StructParent", "annotation /F"},
		{"title differs", "<rdf:li xml:lang=\"x-default\">Tagged sample<", "<rdf:li xml:lang=\"x-default\">Tagged sampl_<", "/Title"},
		{"no binary comment", "%PDF-1.7\n%\xc2\xb5\xc2\xb6", "%PDF-1.7\n%abcd", "four bytes above 127"},
	} {
		b := good.Bytes()
		if !bytes.Contains(b, []byte(tc.from)) {
			t.Errorf("%s: the good file has no %q", tc.name, tc.from)
			continue
		}
		broken := bytes.Replace(b, []byte(tc.from), []byte(tc.to), 1)
		p := strings.Join(pdfaProblems(broken), "; ")
		if !strings.Contains(p, tc.want) {
			t.Errorf("%s: problems %q, want one about %q", tc.name, p, tc.want)
		}
	}
}

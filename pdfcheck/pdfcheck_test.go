package pdfcheck_test

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output/pdf"
	"github.com/rolepack/rolepack/pdfcheck"
)

// sample holds what the negative cases break: a logo, headings H1 H2 H3
// H2, a key-value table with row headers, a paragraph with a link, a
// nested list, a table with a header row, and a chart.
func sample(t *testing.T) *doc.Document {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		for y := range 20 {
			img.Set(x, y, color.RGBA{0x1d, 0x4f, uint8(x * 6), 0xff})
		}
	}
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	txt := func(s string) []doc.Inline { return []doc.Inline{{Text: s}} }
	cells := func(ss ...string) []doc.Cell {
		var cs []doc.Cell
		for _, s := range ss {
			cs = append(cs, doc.Cell{Text: txt(s)})
		}
		return cs
	}
	return &doc.Document{
		Meta: doc.Meta{Title: "Check sample", Subject: "Job description", Author: "Example Health Data Service",
			Language: "en-GB", HeaderLeft: "Check sample", HeaderRight: "Example", Footer: "Footer", Logo: logo.Bytes(),
			Keywords: []string{"Data engineer"}},
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: txt("Check sample")},
			&doc.Table{RowHeaders: true, Rows: [][]doc.Cell{cells("Job title", "Data engineer"), cells("Salary", "£45,000")}},
			&doc.Heading{Level: 2, Text: txt("About the role")},
			&doc.Paragraph{Text: []doc.Inline{{Text: "Read the "}, {Text: "framework", Link: "https://www.gov.uk/"}, {Text: " first."}}},
			&doc.List{Items: []doc.ListItem{
				{Blocks: []doc.Block{&doc.Paragraph{Text: txt("First item")}}},
				{Blocks: []doc.Block{&doc.Paragraph{Text: txt("Second item")}, &doc.List{Ordered: true, Items: []doc.ListItem{
					{Blocks: []doc.Block{&doc.Paragraph{Text: txt("Nested one")}}},
				}}}},
			}},
			&doc.Heading{Level: 3, Text: txt("Skills")},
			&doc.Table{Header: cells("Skill", "Level"), Rows: [][]doc.Cell{cells("Data modelling", "Senior")}},
			&doc.Heading{Level: 2, Text: txt("Development")},
			&doc.Chart{Title: "Current and target level", Alt: "Bar chart: Data modelling from Entry to Mid.",
				Scale: []string{"None", "Entry", "Mid"}, Series: []string{"Current", "Target"},
				Bars: []doc.ChartBar{{Label: "Data modelling", Values: []float64{1, 2}}}},
		},
	}
}

var (
	goodOnce sync.Once
	goodPDF  []byte
	goodErr  error
)

// good is the sample written by rolepack's PDF writer.
func good(t *testing.T) []byte {
	t.Helper()
	goodOnce.Do(func() {
		var w *pdf.Writer
		if w, goodErr = pdf.New(); goodErr != nil {
			return
		}
		var b bytes.Buffer
		goodErr = w.Write(&b, sample(t))
		goodPDF = b.Bytes()
	})
	if goodErr != nil {
		t.Fatal(goodErr)
	}
	return goodPDF
}

// ids are the rule IDs of findings, sorted.
func ids(fs []pdfcheck.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule.ID)
	}
	sort.Strings(out)
	return out
}

func TestGoodFilePasses(t *testing.T) {
	b := good(t)
	fs, err := pdfcheck.Check(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		t.Errorf("the sample fails %s", f)
	}
	// pdfcpu reads every broken file of the cases below the way the
	// check does: the updates are valid PDF.
	if err := api.Validate(bytes.NewReader(b), model.NewDefaultConfiguration()); err != nil {
		t.Fatal(err)
	}
}

func TestNotAPDF(t *testing.T) {
	if _, err := pdfcheck.Check([]byte("hello, world\n")); !errors.Is(err, pdfcheck.ErrNotPDF) {
		t.Errorf("text: %v, want ErrNotPDF", err)
	}
	if _, err := pdfcheck.Check(good(t)[:500]); err == nil {
		t.Error("a truncated PDF: no error")
	}
	if _, err := pdfcheck.Check([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\ngarbage")); err == nil {
		t.Error("a header and garbage: no error")
	}
}

// file is the good PDF read with pdfcpu, to break by an incremental
// update: new versions of objects appended with their own xref section.
type file struct {
	t   *testing.T
	b   []byte
	x   *model.XRefTable
	ctx *model.Context
	new map[int]string // object number -> its new text
}

func open(t *testing.T) *file {
	t.Helper()
	b := good(t)
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(b), conf)
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	return &file{t: t, b: b, x: ctx.XRefTable, ctx: ctx, new: map[int]string{}}
}

// find returns the object number and a copy of the first dictionary for
// which ok holds.
func (f *file) find(what string, ok func(d types.Dict) bool) (int, types.Dict) {
	f.t.Helper()
	var nrs []int
	for n := range f.x.Table {
		nrs = append(nrs, n)
	}
	sort.Ints(nrs)
	for _, n := range nrs {
		e := f.x.Table[n]
		if e == nil || e.Object == nil {
			continue
		}
		if d, isDict := e.Object.(types.Dict); isDict && ok(d) {
			return n, d.Clone().(types.Dict)
		}
	}
	f.t.Fatalf("the sample has no %s", what)
	return 0, nil
}

// elem finds a structure element of type s.
func (f *file) elem(s string) (int, types.Dict) {
	return f.find(s+" element", func(d types.Dict) bool { return d.NameEntry("S") != nil && *d.NameEntry("S") == s && d["P"] != nil })
}

func (f *file) catalog() (int, types.Dict) {
	d, err := f.x.Catalog()
	if err != nil {
		f.t.Fatal(err)
	}
	return f.ctx.Root.ObjectNumber.Value(), d.Clone().(types.Dict)
}

func (f *file) page(p int) (int, types.Dict) {
	d, ref, _, err := f.x.PageDict(p, false)
	if err != nil {
		f.t.Fatal(err)
	}
	return ref.ObjectNumber.Value(), d.Clone().(types.Dict)
}

// set gives object n a new value.
func (f *file) set(n int, d types.Dict) { f.new[n] = d.PDFString() }

// setStream gives object n a new, unfiltered stream.
func (f *file) setStream(n int, d types.Dict, content []byte) {
	d = d.Clone().(types.Dict)
	delete(d, "Filter")
	delete(d, "DecodeParms")
	d["Length"] = types.Integer(len(content))
	f.new[n] = d.PDFString() + "\nstream\n" + string(content) + "\nendstream"
}

// add adds a new object and returns its number.
func (f *file) add(text string) int {
	n := *f.x.Size + len(f.new)
	for f.new[n] != "" {
		n++
	}
	f.new[n] = text
	return n
}

// stream is the decoded content of object n.
func (f *file) stream(n int) (types.Dict, []byte) {
	f.t.Helper()
	sd, _, err := f.x.DereferenceStreamDict(types.IndirectRef{ObjectNumber: types.Integer(n)})
	if err != nil || sd == nil {
		f.t.Fatalf("object %d is not a stream: %v", n, err)
	}
	if err := sd.Decode(); err != nil {
		f.t.Fatal(err)
	}
	return sd.Dict, sd.Content
}

var startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

// bytes is the file with the new objects appended as an incremental
// update.
func (f *file) bytes() []byte {
	f.t.Helper()
	m := startxrefRE.FindSubmatch(f.b)
	if m == nil {
		f.t.Fatal("no startxref at the end")
	}
	var b bytes.Buffer
	b.Write(f.b)
	var nrs []int
	for n := range f.new {
		nrs = append(nrs, n)
	}
	sort.Ints(nrs)
	offsets := map[int]int{}
	size := *f.x.Size
	for _, n := range nrs {
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, f.new[n])
		size = max(size, n+1)
	}
	xref := b.Len()
	b.WriteString("xref\n")
	for _, n := range nrs {
		fmt.Fprintf(&b, "%d 1\n%010d 00000 n\r\n", n, offsets[n])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %s /Info %s /ID %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n",
		size, f.ctx.Root.PDFString(), f.ctx.Info.PDFString(), f.x.ID.PDFString(), m[1], xref)
	return b.Bytes()
}

// replace is the good file with one string replaced in place.
func replace(t *testing.T, from, to string) []byte {
	t.Helper()
	b := good(t)
	if !bytes.Contains(b, []byte(from)) {
		t.Fatalf("the sample has no %q", from)
	}
	return bytes.Replace(b, []byte(from), []byte(to), 1)
}

func isName(d types.Dict, key, v string) bool { n := d.NameEntry(key); return n != nil && *n == v }

// TestEachRuleFails breaks the sample one rule at a time and expects
// exactly that rule to fail (or, where one defect breaks two rules, those
// two).
func TestEachRuleFails(t *testing.T) {
	type brokenCase struct {
		name  string
		want  []string
		build func(t *testing.T) []byte
	}
	var cases []brokenCase
	add := func(name string, build func(t *testing.T) []byte, want ...string) {
		cases = append(cases, brokenCase{name, want, build})
	}
	annot := func(f *file) (int, types.Dict) {
		return f.find("link annotation", func(d types.Dict) bool { return isName(d, "Subtype", "Link") && isName(d, "Type", "Annot") })
	}
	cidFont := func(f *file) (int, types.Dict) {
		return f.find("CIDFont", func(d types.Dict) bool { return isName(d, "Subtype", "CIDFontType2") })
	}
	// A new annotation on page 1 (which has annotations and /Tabs /S).
	addAnnot := func(t *testing.T, a string) []byte {
		f := open(t)
		n := f.add(a)
		pn, pd := f.page(1)
		pd["Annots"] = append(f.x.Table[pn].Object.(types.Dict)["Annots"].(types.Array).Clone().(types.Array), types.IndirectRef{ObjectNumber: types.Integer(n)})
		f.set(pn, pd)
		return f.bytes()
	}
	// Page 1's content, changed by edit.
	content := func(t *testing.T, edit func(c string) string) []byte {
		f := open(t)
		_, pd := f.page(1)
		cn := pd["Contents"].(types.IndirectRef).ObjectNumber.Value()
		d, c := f.stream(cn)
		f.setStream(cn, d, []byte(edit(string(c))))
		return f.bytes()
	}
	// The XMP, changed by edit.
	xmp := func(f *file, edit func(c string) string) {
		_, cat := f.catalog()
		mn := cat["Metadata"].(types.IndirectRef).ObjectNumber.Value()
		d, c := f.stream(mn)
		e := edit(string(c))
		if e == string(c) {
			f.t.Fatal("the XMP edit changed nothing")
		}
		f.setStream(mn, d, []byte(e))
	}
	catalog := func(edit func(d types.Dict)) func(t *testing.T) []byte {
		return func(t *testing.T) []byte {
			f := open(t)
			n, d := f.catalog()
			edit(d)
			f.set(n, d)
			return f.bytes()
		}
	}
	element := func(s string, edit func(f *file, d types.Dict)) func(t *testing.T) []byte {
		return func(t *testing.T) []byte {
			f := open(t)
			n, d := f.elem(s)
			edit(f, d)
			f.set(n, d)
			return f.bytes()
		}
	}
	retype := func(from, to string) func(t *testing.T) []byte {
		return element(from, func(_ *file, d types.Dict) { d["S"] = types.Name(to) })
	}

	add("binary comment", func(t *testing.T) []byte { return replace(t, "%PDF-1.7\n%\xc2\xb5\xc2\xb6", "%PDF-1.7\n%abcd") }, "6.1.2")
	add("no /ID", func(t *testing.T) []byte {
		b := good(t)
		i := bytes.LastIndex(b, []byte("/ID"))
		return append(append(slices.Clone(b[:i]), "/XD"...), b[i+3:]...)
	}, "6.1.3")
	add("encrypted", func(t *testing.T) []byte {
		b := good(t)
		i := bytes.LastIndex(b, []byte("/Info"))
		return append(append(slices.Clone(b[:i]), "/Encrypt"...), b[i+5:]...)
	}, "6.1.3")
	add("external stream", func(t *testing.T) []byte {
		f := open(t)
		f.add("<< /Length 0 /F (data.bin) >>\nstream\n\nendstream")
		return f.bytes()
	}, "6.1.7.1")
	add("LZW", func(t *testing.T) []byte {
		f := open(t)
		f.add("<< /Length 2 /Filter /LZWDecode >>\nstream\n\x80\x0b\nendstream")
		return f.bytes()
	}, "6.1.7.2")
	add("profile /N", func(t *testing.T) []byte {
		return replace(t, "/N 3 /Alternate /DeviceRGB", "/N 4 /Alternate /DeviceRGB")
	}, "6.2.3")
	add("CMYK colour", func(t *testing.T) []byte {
		return content(t, func(c string) string { return "/Artifact BMC 0 0 0 1 k EMC\n" + c })
	}, "6.2.4.3")
	add("transfer function", func(t *testing.T) []byte {
		f := open(t)
		f.add("<< /Type /ExtGState /TR /Identity >>")
		return f.bytes()
	}, "6.2.5")
	add("interpolated image", func(t *testing.T) []byte {
		f := open(t)
		f.add("<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Interpolate true /Length 3 >>\nstream\n\x00\x00\x00\nendstream")
		return f.bytes()
	}, "6.2.8")
	add("PostScript XObject", func(t *testing.T) []byte {
		f := open(t)
		f.add("<< /Type /XObject /Subtype /PS /Length 0 >>\nstream\n\nendstream")
		return f.bytes()
	}, "6.2.9")
	add("blend mode", func(t *testing.T) []byte {
		f := open(t)
		f.add("<< /Type /ExtGState /BM /Dissolve >>")
		return f.bytes()
	}, "6.2.10")
	add("no CIDToGIDMap", func(t *testing.T) []byte {
		f := open(t)
		n, d := cidFont(f)
		delete(d, "CIDToGIDMap")
		f.set(n, d)
		return f.bytes()
	}, "6.2.11.3")
	add("font not embedded", func(t *testing.T) []byte {
		f := open(t)
		n, d := f.find("font descriptor", func(d types.Dict) bool { return isName(d, "Type", "FontDescriptor") })
		delete(d, "FontFile2")
		f.set(n, d)
		return f.bytes()
	}, "6.2.11.4")
	add("no widths", func(t *testing.T) []byte {
		f := open(t)
		n, d := cidFont(f)
		delete(d, "W")
		delete(d, "DW")
		f.set(n, d)
		return f.bytes()
	}, "6.2.11.5")
	add("a width differs", func(t *testing.T) []byte {
		f := open(t)
		n, d := cidFont(f)
		w := d["W"].(types.Array)
		for i, x := range w {
			if ws, ok := x.(types.Array); ok {
				ws[0] = types.Integer(999)
				w[i] = ws
				break
			}
		}
		f.set(n, d)
		return f.bytes()
	}, "6.2.11.5")
	add("no ToUnicode", func(t *testing.T) []byte {
		f := open(t)
		n, d := f.find("Type0 font", func(d types.Dict) bool { return isName(d, "Subtype", "Type0") })
		delete(d, "ToUnicode")
		f.set(n, d)
		return f.bytes()
	}, "6.2.11.7")
	add("a code without Unicode", func(t *testing.T) []byte {
		f := open(t)
		_, d := f.find("Type0 font", func(d types.Dict) bool { return isName(d, "Subtype", "Type0") })
		tn := d["ToUnicode"].(types.IndirectRef).ObjectNumber.Value()
		sd, c := f.stream(tn)
		// Only the space keeps its value.
		c = regexp.MustCompile(`(?s)\d+ beginbfrange.*endbfrange`).ReplaceAll(c, []byte("1 beginbfchar\n<0020> <0020>\nendbfchar"))
		f.setStream(tn, sd, c)
		return f.bytes()
	}, "6.2.11.7")
	add(".notdef shown", func(t *testing.T) []byte {
		f := open(t)
		_, d := cidFont(f)
		mn := d["CIDToGIDMap"].(types.IndirectRef).ObjectNumber.Value()
		sd, c := f.stream(mn)
		c = slices.Clone(c)
		c[2*'e'], c[2*'e'+1] = 0, 0
		f.setStream(mn, sd, c)
		return f.bytes()
	}, "6.2.11.8")
	add("font names differ", func(t *testing.T) []byte {
		f := open(t)
		n, d := f.find("font descriptor", func(d types.Dict) bool { return isName(d, "Type", "FontDescriptor") })
		d["FontName"] = types.Name("ABCDEF+Other")
		f.set(n, d)
		return f.bytes()
	}, "9.6.4")
	add("sound annotation", func(t *testing.T) []byte {
		return addAnnot(t, "<< /Type /Annot /Subtype /Sound /Rect [0 0 10 10] /F 4 /AP << /N 4 0 R >> >>")
	}, "6.3.1")
	add("hidden annotation", func(t *testing.T) []byte { return replace(t, "/F 4 /StructParent", "/F 6 /StructParent") }, "6.3.2")
	add("no appearance", func(t *testing.T) []byte {
		return addAnnot(t, "<< /Type /Annot /Subtype /Square /Rect [0 0 10 10] /F 4 >>")
	}, "6.3.3")
	add("JavaScript", func(t *testing.T) []byte {
		f := open(t)
		n, d := annot(f)
		d["A"] = types.Dict{"S": types.Name("JavaScript"), "JS": types.StringLiteral("app.alert(1)")}
		f.set(n, d)
		return f.bytes()
	}, "6.5.1")
	add("additional actions", catalog(func(d types.Dict) {
		d["AA"] = types.Dict{"WC": types.Dict{"S": types.Name("GoTo"), "D": types.Array{types.Integer(0)}}}
	}), "6.5.2")
	add("xpacket encoding", func(t *testing.T) []byte {
		f := open(t)
		xmp(f, func(c string) string {
			return strings.Replace(c, "<?xpacket begin=", "<?xpacket encoding=\"UTF-8\" begin=", 1)
		})
		return f.bytes()
	}, "6.6.2.1")
	add("no extension schema", func(t *testing.T) []byte {
		return replace(t, "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/<", "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfux/ns/id/<")
	}, "6.6.2.3.1")
	add("title differs", func(t *testing.T) []byte {
		return replace(t, `<rdf:li xml:lang="x-default">Check sample<`, `<rdf:li xml:lang="x-default">Check sampl_<`)
	}, "6.6.3")
	add("date differs", func(t *testing.T) []byte {
		f := open(t)
		xmp(f, func(c string) string {
			return regexp.MustCompile(`<xmp:CreateDate>\d{4}`).ReplaceAllString(c, "<xmp:CreateDate>1999")
		})
		return f.bytes()
	}, "6.6.3")
	add("PDF/A part", func(t *testing.T) []byte { return replace(t, "<pdfaid:part>2<", "<pdfaid:part>3<") }, "6.6.4")
	add("not marked", catalog(func(d types.Dict) { d["MarkInfo"] = types.Dict{"Marked": types.Boolean(false)} }), "6.7.2.2")
	add("no structure tree", catalog(func(d types.Dict) { delete(d, "StructTreeRoot") }), "6.7.3.3")
	add("parent tree wrong", func(t *testing.T) []byte {
		f := open(t)
		_, cat := f.catalog()
		str, _ := f.x.DereferenceDict(cat["StructTreeRoot"])
		ptn := str["ParentTree"].(types.IndirectRef).ObjectNumber.Value()
		pt, _ := f.x.DereferenceDict(str["ParentTree"])
		pt = pt.Clone().(types.Dict)
		nums := pt["Nums"].(types.Array)
		arrRef, indirect := nums[1].(types.IndirectRef)
		arr, _ := f.x.DereferenceArray(nums[1])
		arr = arr.Clone().(types.Array)
		arr[0], arr[1] = arr[1], arr[0]
		if indirect {
			f.new[arrRef.ObjectNumber.Value()] = arr.PDFString()
		} else {
			nums[1] = arr
			f.set(ptn, pt)
		}
		return f.bytes()
	}, "parent-tree")
	add("artifact in tagged content", func(t *testing.T) []byte {
		return content(t, func(c string) string {
			return strings.Replace(c, "<</MCID 0>> BDC", "<</MCID 0>> BDC /Artifact BMC EMC", 1)
		})
	}, "01-003")
	add("tagged content in an artifact", func(t *testing.T) []byte {
		return content(t, func(c string) string { return "/Artifact BMC\n" + c + "\nEMC" })
	}, "01-004")
	add("untagged content", func(t *testing.T) []byte {
		return content(t, func(c string) string { return c + "\n0 0 m 10 10 l S" })
	}, "01-005")
	add("suspects", catalog(func(d types.Dict) {
		d["MarkInfo"] = types.Dict{"Marked": types.Boolean(true), "Suspects": types.Boolean(true)}
	}), "01-007")
	add("non-standard type", retype("P", "Para"), "02-001")
	add("role-mapped type", func(t *testing.T) []byte {
		f := open(t)
		n, d := f.elem("Lbl")
		d["S"] = types.Name("Label")
		f.set(n, d)
		_, cat := f.catalog()
		sn := cat["StructTreeRoot"].(types.IndirectRef).ObjectNumber.Value()
		str, _ := f.x.DereferenceDict(cat["StructTreeRoot"])
		str = str.Clone().(types.Dict)
		str["RoleMap"] = types.Dict{"Label": types.Name("Lbl")}
		f.set(sn, str)
		return f.bytes()
	})
	add("standard type remapped", func(t *testing.T) []byte {
		f := open(t)
		_, cat := f.catalog()
		sn := cat["StructTreeRoot"].(types.IndirectRef).ObjectNumber.Value()
		str, _ := f.x.DereferenceDict(cat["StructTreeRoot"])
		str = str.Clone().(types.Dict)
		str["RoleMap"] = types.Dict{"Quote": types.Name("P")}
		f.set(sn, str)
		return f.bytes()
	}, "02-004")
	add("no XMP", catalog(func(d types.Dict) { delete(d, "Metadata") }), "6.6.2.1", "06-001")
	add("no PDF/UA identifier", func(t *testing.T) []byte { return replace(t, "<pdfuaid:part>1<", "<pdfuaid:part>2<") }, "06-002")
	add("no dc:title", func(t *testing.T) []byte {
		f := open(t)
		xmp(f, func(c string) string {
			return regexp.MustCompile(`(?s)<dc:title>.*?</dc:title>`).ReplaceAllString(c, "")
		})
		in := f.ctx.Info.ObjectNumber.Value()
		info, _ := f.x.DereferenceDict(*f.ctx.Info)
		info = info.Clone().(types.Dict)
		delete(info, "Title")
		f.set(in, info)
		return f.bytes()
	}, "06-003")
	add("no DisplayDocTitle", catalog(func(d types.Dict) { d["ViewerPreferences"] = types.Dict{} }), "07-001")
	add("DisplayDocTitle false", catalog(func(d types.Dict) {
		d["ViewerPreferences"] = types.Dict{"DisplayDocTitle": types.Boolean(false)}
	}), "07-002")
	add("TR not a TR", retype("TR", "P"), "09-004")
	add("LBody not an LBody", retype("LBody", "P"), "09-005")
	add("no /Lang", catalog(func(d types.Dict) { delete(d, "Lang") }), "11-001")
	add("Figure without Alt", element("Figure", func(_ *file, d types.Dict) { delete(d, "Alt") }), "13-004")
	add("first heading H2", retype("H1", "H2"), "14-002", "14-one-h1")
	add("H3 to H4", retype("H3", "H4"), "14-003")
	add("two H1", func(t *testing.T) []byte {
		f := open(t)
		var last int
		var ld types.Dict
		for n, e := range f.x.Table {
			if d, ok := e.Object.(types.Dict); ok && isName(d, "S", "H2") && n > last {
				last, ld = n, d.Clone().(types.Dict)
			}
		}
		ld["S"] = types.Name("H1")
		f.set(last, ld)
		return f.bytes()
	}, "14-one-h1")
	add("TH without Scope", element("TH", func(_ *file, d types.Dict) { delete(d, "A") }), "15-003")
	add("table without TH", func(t *testing.T) []byte {
		f := open(t)
		for n, e := range f.x.Table {
			if d, ok := e.Object.(types.Dict); ok && isName(d, "S", "TH") {
				d = d.Clone().(types.Dict)
				d["S"] = types.Name("TD")
				f.set(n, d)
			}
		}
		return f.bytes()
	}, "15-th")
	add("no /Tabs", func(t *testing.T) []byte {
		f := open(t)
		n, d := f.page(1)
		delete(d, "Tabs")
		f.set(n, d)
		return f.bytes()
	}, "28-008")
	add("/Tabs /R", func(t *testing.T) []byte {
		f := open(t)
		n, d := f.page(1)
		d["Tabs"] = types.Name("R")
		f.set(n, d)
		return f.bytes()
	}, "28-009")
	add("Link not a Link", retype("Link", "Span"), "28-011")
	add("no StructParent", func(t *testing.T) []byte {
		f := open(t)
		n, d := annot(f)
		delete(d, "StructParent")
		f.set(n, d)
		return f.bytes()
	}, "28-011")
	add("no Contents", func(t *testing.T) []byte {
		f := open(t)
		n, d := annot(f)
		delete(d, "Contents")
		f.set(n, d)
		return f.bytes()
	}, "28-012")

	tested := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.build(t)
			fs, err := pdfcheck.Check(b)
			if err != nil {
				t.Fatal(err)
			}
			want := slices.Clone(tc.want)
			sort.Strings(want)
			if testing.Verbose() {
				for _, f := range fs {
					t.Log(f)
				}
			}
			if got := ids(fs); !slices.Equal(got, want) {
				t.Errorf("failed rules %v, want %v", got, want)
				for _, f := range fs {
					t.Log(f)
				}
			}
		})
		for _, id := range tc.want {
			tested[id] = true
		}
	}
	for _, r := range pdfcheck.Rules() {
		if !tested[r.ID] {
			t.Errorf("rule %s (%s) has no negative case", r.ID, r.Title)
		}
	}
}

// TestFindingLine checks the one line a finding prints.
func TestFindingLine(t *testing.T) {
	fs, err := pdfcheck.Check(replace(t, "/F 4 /StructParent", "/F 6 /StructParent"))
	if err != nil || len(fs) != 1 {
		t.Fatalf("%v %v", fs, err)
	}
	if s := fs[0].String(); !strings.HasPrefix(s, "ISO 19005-2 6.3.2 (annotation flags): page 1: annotation ") {
		t.Errorf("line %q", s)
	}
}

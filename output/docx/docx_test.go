package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/templates/reference"
)

func newWriter(t testing.TB) *Writer {
	t.Helper()
	w, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func render(t testing.TB, w *Writer, d *doc.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := w.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// unzip returns the parts of a .docx by name, failing on any part that is
// not well-formed XML.
func unzip(t testing.TB, b []byte) (map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	var order []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = data
		order = append(order, f.Name)
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			dec := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s is not well-formed: %v", f.Name, err)
				}
			}
		}
	}
	return parts, order
}

// para is what the tests need to know about one w:p.
type wpara struct {
	style string
	numID string
	ilvl  string
	text  string
}

type wdoc struct {
	paras      []wpara
	rows       [][]string // per table row: flags "header" or ""
	headerRows []bool
	docPr      []map[string]string
	orient     string
	texts      string
}

// parseDocument walks document.xml with encoding/xml.
func parseDocument(t *testing.T, data []byte) wdoc {
	t.Helper()
	var d wdoc
	dec := xml.NewDecoder(bytes.NewReader(data))
	var cur *wpara
	inT, inTr := false, false
	var all strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			attr := func(name string) string {
				for _, a := range e.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch e.Name.Local {
			case "p":
				d.paras = append(d.paras, wpara{})
				cur = &d.paras[len(d.paras)-1]
			case "pStyle":
				cur.style = attr("val")
			case "numId":
				cur.numID = attr("val")
			case "ilvl":
				cur.ilvl = attr("val")
			case "t":
				inT = true
			case "tab":
				if cur != nil && !inTr {
					cur.text += "\t"
				}
			case "tr":
				inTr = true
				d.headerRows = append(d.headerRows, false)
			case "tblHeader":
				d.headerRows[len(d.headerRows)-1] = true
			case "docPr":
				m := map[string]string{}
				for _, a := range e.Attr {
					m[a.Name.Local] = a.Value
				}
				d.docPr = append(d.docPr, m)
			case "pgSz":
				d.orient = attr("orient")
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "t":
				inT = false
			case "trPr":
				inTr = false
			case "p":
				all.WriteString(cur.text + "\n")
			}
		case xml.CharData:
			if inT {
				cur.text += string(e)
			}
		}
	}
	d.texts = all.String()
	return d
}

func TestDocumentStructure(t *testing.T) {
	w := newWriter(t)
	d := jdDocument()
	d.Blocks = append(d.Blocks,
		&doc.Heading{Level: 2, Text: txt("Special characters")},
		&doc.Paragraph{Text: []doc.Inline{{Text: "’ “ ” – • é ŵ £ <&> \"q\" a\tb bell\x07 nul\x00 \uFFFE end"}, {Break: true}, {Text: "second line", Style: doc.Code}}},
		&doc.Heading{Level: 5, Text: txt("Deep heading")},
		&doc.Heading{Level: 4, Text: txt("Deeper heading")},
		&doc.List{Ordered: true, Start: 3, Items: []doc.ListItem{{Blocks: []doc.Block{para("third")}}}},
		&doc.Chart{Title: "Current and target level by skill group", Alt: "Bar chart: data modelling current Mid, target Senior",
			Scale: []string{"None", "Entry", "Mid", "Senior"}, Series: []string{"Current", "Target"},
			Bars: []doc.ChartBar{{Label: "Data modelling", Values: []float64{2, 3}}, {Label: "Metadata management", Values: []float64{1, 3}}}},
	)
	parts, order := unzip(t, render(t, w, d))
	if order[0] != "[Content_Types].xml" {
		t.Errorf("first zip entry %q, want [Content_Types].xml", order[0])
	}
	wd := parseDocument(t, parts["word/document.xml"])

	// Headings: Heading1..3 in order, none skipped.
	var headings []string
	prev := 0
	for _, p := range wd.paras {
		if strings.HasPrefix(p.style, "Heading") {
			lvl := int(p.style[len(p.style)-1] - '0')
			if lvl > prev+1 {
				t.Errorf("heading %q is %s after Heading%d: a level is skipped", p.text, p.style, prev)
			}
			prev = lvl
			headings = append(headings, p.style+":"+p.text)
		}
	}
	for _, want := range []string{"Heading1:Head of data engineering", "Heading2:Job purpose", "Heading3:Skill group 1", "Heading3:Deep heading", "Heading3:Deeper heading"} {
		if !contains(headings, want) {
			t.Errorf("headings %v lack %q", headings, want)
		}
	}

	// Lists: every list its own numId, defined in numbering.xml; ordered
	// lists restart; nested items use ilvl 1.
	numbering := string(parts["word/numbering.xml"])
	firstNum := map[string]string{} // numId → text of first item
	nested := false
	for _, p := range wd.paras {
		if p.numID == "" {
			continue
		}
		if p.style != "ListParagraph" {
			t.Errorf("list item %q has style %q", p.text, p.style)
		}
		if _, ok := firstNum[p.numID]; !ok {
			firstNum[p.numID] = p.text
		}
		if !strings.Contains(numbering, `<w:num w:numId="`+p.numID+`">`) {
			t.Errorf("numId %s is not defined in numbering.xml", p.numID)
		}
		if p.text == "Leads by example" && p.ilvl == "1" {
			nested = true
		}
	}
	if len(firstNum) != 5 {
		t.Errorf("got %d list instances, want 5 (one per list)", len(firstNum))
	}
	if !nested {
		t.Error("nested list item is not at ilvl 1")
	}
	if strings.Count(numbering, "<w:startOverride") != 2 || !strings.Contains(numbering, `<w:startOverride w:val="3"/>`) {
		t.Errorf("ordered lists do not restart with startOverride:\n%s", numbering[strings.Index(numbering, "<w:num "):])
	}

	// Tables: tblHeader on the first row of each table only.
	if n := strings.Count(string(parts["word/document.xml"]), "<w:tbl>"); n != 4 {
		t.Fatalf("got %d tables, want 4", n)
	}
	headerRows := 0
	for _, h := range wd.headerRows {
		if h {
			headerRows++
		}
	}
	if headerRows != 4 || !wd.headerRows[0] || wd.headerRows[1] {
		t.Errorf("tblHeader on %d rows (first row %v, second %v), want the first row of each of 4 tables", headerRows, wd.headerRows[0], wd.headerRows[1])
	}

	// Text: escaped correctly, forbidden characters stripped, tab kept.
	for _, want := range []string{"’ “ ” – • é ŵ £ <&> \"q\" a\tb bell nul  end", "second line", "Grade 7 (£56,000 – £64,000)", "Ŵyn Street"} {
		if !strings.Contains(wd.texts, want) {
			t.Errorf("document text lacks %q", want)
		}
	}
	if strings.ContainsAny(wd.texts, "\x00\x07\uFFFE") {
		t.Error("forbidden control characters were not stripped")
	}

	// Hyperlink: external relationship.
	rels := string(parts["word/_rels/document.xml.rels"])
	if !strings.Contains(rels, `Target="https://ddat-capability-framework.service.gov.uk/role/data-engineer" TargetMode="External"`) {
		t.Errorf("hyperlink relationship missing:\n%s", rels)
	}
	if strings.Count(rels, "ddat-capability-framework") != 1 {
		t.Error("the same link target got more than one relationship")
	}

	// Chart: a PNG in word/media that decodes, with alt text and title.
	var pngName string
	for _, n := range order {
		if strings.HasPrefix(n, "word/media/") {
			pngName = n
		}
	}
	if pngName == "" {
		t.Fatal("no picture in word/media")
	}
	if _, err := png.Decode(bytes.NewReader(parts[pngName])); err != nil {
		t.Errorf("%s does not decode as PNG: %v", pngName, err)
	}
	if len(wd.docPr) != 1 || wd.docPr[0]["descr"] != "Bar chart: data modelling current Mid, target Senior" || wd.docPr[0]["title"] != "Current and target level by skill group" {
		t.Errorf("picture docPr = %v, want the alt text and title", wd.docPr)
	}
	if !strings.Contains(string(parts["[Content_Types].xml"]), `Extension="png"`) {
		t.Error("[Content_Types].xml has no png Default")
	}

	// Properties, header and footer.
	core := string(parts["docProps/core.xml"])
	for _, want := range []string{"<dc:title>Head of data engineering – job description</dc:title>", "<dc:language>en-GB</dc:language>", "<dc:creator>Department for Digital Services</dc:creator>", "2024-05-01T09:30:00Z", "<cp:keywords>data-engineer, head-of-data-engineering</cp:keywords>"} {
		if !strings.Contains(core, want) {
			t.Errorf("core.xml lacks %s", want)
		}
	}
	if h := string(parts["word/header1.xml"]); !strings.Contains(h, "Head of data engineering") || !strings.Contains(h, "Department for Digital Services") {
		t.Errorf("header lacks role title or organisation:\n%s", h)
	}
	f := string(parts["word/footer1.xml"])
	for _, want := range []string{"Generated by rolepack from DDaT", " PAGE ", " NUMPAGES "} {
		if !strings.Contains(f, want) {
			t.Errorf("footer lacks %q", want)
		}
	}
	if !strings.Contains(string(parts["word/styles.xml"]), `<w:lang w:val="en-GB"`) {
		t.Error("styles.xml does not set the language")
	}
	if wd.orient != "" {
		t.Errorf("portrait document has orient %q", wd.orient)
	}
	// No empty paragraphs for spacing (the only empty ones are the rule).
	for _, p := range wd.paras {
		if p.text == "" && p.style != "Rule" && p.style != "TableText" && p.style != "Figure" {
			t.Errorf("empty paragraph with style %q", p.style)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestLandscapeAndLanguage(t *testing.T) {
	w := newWriter(t)
	d := jdDocument()
	d.Meta.Landscape = true
	d.Meta.Language = "cy-GB"
	d.Meta.HeaderLeft = `Role <&> "x"`
	parts, _ := unzip(t, render(t, w, d))
	wd := parseDocument(t, parts["word/document.xml"])
	if wd.orient != "landscape" || !strings.Contains(string(parts["word/document.xml"]), `<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>`) {
		t.Error("landscape document does not set orient and swap the page size")
	}
	if !strings.Contains(string(parts["word/styles.xml"]), `<w:lang w:val="cy-GB"`) || !strings.Contains(string(parts["word/settings.xml"]), `<w:themeFontLang w:val="cy-GB"`) {
		t.Error("language cy-GB not set in styles and settings")
	}
	if !strings.Contains(string(parts["word/header1.xml"]), `Role &lt;&amp;&gt; &quot;x&quot;`) {
		t.Error("header text not escaped")
	}
	if !strings.Contains(string(parts["word/header1.xml"]), `w:pos="14570"`) {
		t.Error("landscape header tab stop not moved to the right margin")
	}
}

func TestLogo(t *testing.T) {
	w := newWriter(t)
	d := jdDocument()
	logo, err := chartPNG(w.font, &doc.Chart{Scale: []string{"a", "b"}, Bars: []doc.ChartBar{{Label: "x", Values: []float64{1}}}})
	if err != nil {
		t.Fatal(err)
	}
	d.Meta.Logo = logo
	parts, _ := unzip(t, render(t, w, d))
	h := string(parts["word/headerFirst.xml"])
	if !strings.Contains(h, `descr="Department for Digital Services logo"`) {
		t.Errorf("first-page header lacks the logo with alt text:\n%s", h)
	}
	if !strings.Contains(string(parts["word/_rels/headerFirst.xml.rels"]), "media/rolepack-logo.png") || parts["word/media/rolepack-logo.png"] == nil {
		t.Error("logo relationship or media missing")
	}
	if !strings.Contains(string(parts["[Content_Types].xml"]), "/word/headerFirst.xml") {
		t.Error("content types lack the first-page header")
	}
	if !strings.Contains(string(parts["word/document.xml"]), "<w:titlePg/>") {
		t.Error("section has no distinct first page")
	}
	d.Meta.Logo = []byte("not an image")
	if err := w.Write(io.Discard, d); err == nil || !strings.Contains(err.Error(), "logo") {
		t.Errorf("bad logo: err = %v, want an error about the logo", err)
	}
}

func TestDeterministicAndConcurrent(t *testing.T) {
	w := newWriter(t)
	want := render(t, w, jdDocument())
	var wg sync.WaitGroup
	got := make([][]byte, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := w.Write(&buf, jdDocument()); err != nil {
				t.Error(err)
			}
			got[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	for i, g := range got {
		if !bytes.Equal(g, want) {
			t.Errorf("run %d differs from the first run", i)
		}
	}
	w2 := newWriter(t)
	if !bytes.Equal(render(t, w2, jdDocument()), want) {
		t.Error("a second Writer gives different bytes")
	}
}

func BenchmarkJD(b *testing.B) {
	w := newWriter(b)
	d := jdDocument()
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := w.Write(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/doc")
}

// TestReferenceErrors: a reference document edited into a state the writer
// cannot use is reported at New with the part and what is wrong.
func TestReferenceErrors(t *testing.T) {
	base := fstest.MapFS{}
	err := fs.WalkDir(reference.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(reference.FS(), p)
		base[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newFromFS(base); err != nil {
		t.Fatalf("the embedded reference is rejected: %v", err)
	}
	for _, tc := range []struct {
		part, from, to, wantErr string
	}{
		{"word/header1.xml", "{{HEADER_LEFT}}", "{{ROLE}}", "word/header1.xml: unknown placeholder {{ROLE}}"},
		{"word/numbering.xml", `w:abstractNumId="1"`, `w:abstractNumId="7"`, `lacks <w:abstractNum w:abstractNumId="1">`},
		{"word/styles.xml", "<w:lang w:val=", "<w:lang w:value=", "word/styles.xml: <w:lang has no w:val"},
	} {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[tc.part] = &fstest.MapFile{Data: []byte(strings.Replace(string(base[tc.part].Data), tc.from, tc.to, 1))}
		_, err := newFromFS(fsys)
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%s edited: err = %v, want %q", tc.part, err, tc.wantErr)
		}
	}
}

func TestPaginationMarks(t *testing.T) {
	short := &doc.Table{Header: []doc.Cell{{Text: []doc.Inline{{Text: "Score"}}}}, MinLines: 4}
	for range 3 {
		short.Rows = append(short.Rows, []doc.Cell{{Text: []doc.Inline{{Text: "1"}}}})
	}
	keys := &doc.Table{Rows: [][]doc.Cell{{{Text: []doc.Inline{{Text: "Band"}}}, {Text: []doc.Inline{{Text: "8c"}}}}}, RowHeaders: true}
	d := &doc.Document{Blocks: []doc.Block{
		&doc.Heading{Level: 2, Text: []doc.Inline{{Text: "Scale"}}},
		short, keys,
		&doc.Paragraph{Text: []doc.Inline{{Text: "Closing words."}}},
	}}
	parts, _ := unzip(t, render(t, newWriter(t), d))
	body := string(parts["word/document.xml"])
	if !strings.Contains(body, `<w:pStyle w:val="Heading1"/><w:keepNext/>`) {
		t.Error("heading without keepNext")
	}
	// Header and the first two body rows of the three-row table keep with
	// the next row; the last does not.
	if n := strings.Count(body, `<w:pStyle w:val="TableText"/><w:keepNext/>`); n < 3 {
		t.Errorf("%d table paragraphs keep with the next, want the short table's header and first rows", n)
	}
	if !strings.Contains(body, `<w:trHeight w:val="1196" w:hRule="atLeast"/>`) {
		t.Error("rows of a table with MinLines 4 have no least height")
	}
	if !strings.Contains(body, `w:firstColumn="1"`) {
		t.Error("key-value table does not mark its first column")
	}
	footer := string(parts["word/footer1.xml"])
	if strings.Count(footer, "<w:p>") != 1 || !strings.Contains(footer, "<w:tab/>") {
		t.Errorf("footer: want the text and the page numbers on one line, after a tab:\n%s", footer)
	}
}

// TestKindAboveTheTitle: what kind of document it is stands once, small,
// above the title, as in the PDF.
func TestKindAboveTheTitle(t *testing.T) {
	d := &doc.Document{
		Meta: doc.Meta{Title: "Job description: Head of data", Subject: "Job description"},
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: []doc.Inline{{Text: "Head of data"}}},
			&doc.Heading{Level: 1, Text: []doc.Inline{{Text: "Annex"}}},
		},
	}
	parts, _ := unzip(t, render(t, newWriter(t), d))
	body := string(parts["word/document.xml"])
	kind := strings.Index(body, `<w:caps/>`)
	title := strings.Index(body, ">Head of data<")
	if kind < 0 || title < kind || strings.Count(body, "<w:caps/>") != 1 || !strings.Contains(body[kind:title], ">Job description<") {
		t.Errorf("no single kind line above the title:\n%s", body)
	}
}

// TestTallRowsMaySplit: a body row of six lines or more (as the PDF
// would set it) may break across pages and keeps with no other row, so
// Word and LibreOffice start a table of tall rows below its heading; short
// rows and the header row never split, and the header row repeats on
// every page.
func TestTallRowsMaySplit(t *testing.T) {
	cell := func(s string) doc.Cell { return doc.Cell{Text: txt(s)} }
	tall := doc.Cell{}
	for i := range 12 {
		if i > 0 {
			tall.Text = append(tall.Text, doc.Inline{Break: true})
		}
		tall.Text = append(tall.Text, doc.Inline{Text: "Works with stakeholders to identify and address ethical concerns."})
	}
	tb := &doc.Table{Header: []doc.Cell{cell("Skill"), cell("Lead"), cell("Principal")}, Rows: [][]doc.Cell{
		{cell("Data ethics"), tall, cell("As at Lead.")},
		{cell("Data innovation"), cell("Leads the data science space."), cell("As at Lead.")},
		{cell("Data engineering"), tall, cell("As at Lead.")},
	}}
	d := &doc.Document{Meta: doc.Meta{Landscape: true}, Blocks: []doc.Block{&doc.Heading{Level: 2, Text: txt("Skills")}, tb}}
	parts, _ := unzip(t, render(t, newWriter(t), d))
	body := string(parts["word/document.xml"])
	rows := strings.Split(body, "<w:tr>")[1:]
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4", len(rows))
	}
	for i, want := range []bool{true, false, true, false} { // cantSplit: header, tall, short, tall
		if got := strings.Contains(rows[i], "<w:cantSplit/>"); got != want {
			t.Errorf("row %d: cantSplit %v, want %v", i, got, want)
		}
	}
	if !strings.Contains(rows[0], "<w:tblHeader/>") {
		t.Error("the header row does not repeat")
	}
	for _, i := range []int{1, 3} {
		if strings.Contains(rows[i], "<w:keepNext/>") {
			t.Errorf("tall row %d keeps with the next", i)
		}
	}
}

// TestWritingRoomRowsNeverSplit: a row of room to write in (a scoring
// sheet's criterion and its box for the evidence: the table's MinLines)
// never breaks across pages, however tall, as in the PDF, so a panel
// member's notes on one criterion stay in one box; its header row repeats.
func TestWritingRoomRowsNeverSplit(t *testing.T) {
	cell := func(s string) doc.Cell { return doc.Cell{Text: txt(s)} }
	tall := doc.Cell{}
	for i := range 8 {
		if i > 0 {
			tall.Text = append(tall.Text, doc.Inline{Break: true})
		}
		tall.Text = append(tall.Text, doc.Inline{Text: "Tell us about a time when you led a team through a change."})
	}
	tb := &doc.Table{MinLines: 6, Header: []doc.Cell{cell("Id"), cell("Criterion and question"), cell("Evidence and notes"), cell("Score")}}
	for _, id := range []string{"S1", "S2", "S3"} {
		tb.Rows = append(tb.Rows, []doc.Cell{cell(id), tall, {}, cell("/ 7")})
	}
	d := &doc.Document{Meta: doc.Meta{Landscape: true}, Blocks: []doc.Block{&doc.Heading{Level: 2, Text: txt("Scores")}, tb}}
	parts, _ := unzip(t, render(t, newWriter(t), d))
	rows := strings.Split(string(parts["word/document.xml"]), "<w:tr>")[1:]
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4", len(rows))
	}
	for i, r := range rows {
		if !strings.Contains(r, "<w:cantSplit/>") {
			t.Errorf("row %d may break across pages", i)
		}
	}
	if !strings.Contains(rows[0], "<w:tblHeader/>") {
		t.Error("the header row does not repeat")
	}
}

// TestOneRowTableNotChainedToAKeep: a one-row table (a scoring sheet's
// total) keeps its header with its row but its row not with what
// follows, so Word and LibreOffice do not move it down with the kept
// outcome and signature after it (they did: the total went to the last
// page and left the page of the last questions half empty).
func TestOneRowTableNotChainedToAKeep(t *testing.T) {
	cell := func(s string) doc.Cell { return doc.Cell{Text: txt(s)} }
	total := &doc.Table{Header: []doc.Cell{cell("Criteria scored"), cell("Total score")}, Rows: [][]doc.Cell{{cell("8"), {}}}}
	outcome := &doc.Table{Header: []doc.Cell{cell("Question"), cell("Answer")}, Rows: [][]doc.Cell{{cell("Recommendation"), cell("Appointable")}}}
	d := &doc.Document{Blocks: []doc.Block{
		&doc.Heading{Level: 2, Text: txt("Total")}, total,
		&doc.Heading{Level: 2, Text: txt("Outcome")}, outcome,
		&doc.Paragraph{Text: txt("Document control.")},
	}, Keeps: []doc.Span{{From: 2, To: 5}}}
	parts, _ := unzip(t, render(t, newWriter(t), d))
	body := string(parts["word/document.xml"])
	tables := strings.Split(body, "<w:tbl>")[1:]
	rows := strings.Split(tables[0], "<w:tr>")[1:]
	if len(rows) != 2 {
		t.Fatalf("%d rows in the total, want 2", len(rows))
	}
	if !strings.Contains(rows[0], "<w:keepNext/>") {
		t.Error("the total's header row does not keep with its row")
	}
	if row, _, _ := strings.Cut(rows[1], "</w:tr>"); strings.Contains(row, "<w:keepNext/>") {
		t.Errorf("the total's only row keeps with the kept outcome after it: %s", row)
	}
}

// TestTailReachesPastAShortParagraph: where the block before the closing
// one is a short paragraph (a career map's "Unchanged from …" line), the
// table before it keeps its last rows with it, so the last page holds
// them and not two lines alone (LibreOffice left a corpus map's sixth
// page 10% filled).
func TestTailReachesPastAShortParagraph(t *testing.T) {
	cell := func(s string) doc.Cell { return doc.Cell{Text: txt(s)} }
	tb := &doc.Table{Header: []doc.Cell{cell("Skill"), cell("Lead")}}
	for _, s := range []string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"} {
		tb.Rows = append(tb.Rows, []doc.Cell{cell(s), cell("Leads the work.")})
	}
	d := &doc.Document{Blocks: []doc.Block{
		&doc.Heading{Level: 2, Text: txt("Lead to Principal")}, tb,
		para("Unchanged from Lead to Principal: Data ethics."),
		para("Document control: Version 1.0."),
	}}
	parts, _ := unzip(t, render(t, newWriter(t), d))
	rows := strings.Split(string(parts["word/document.xml"]), "<w:tr>")[1:]
	for i, r := range rows[len(rows)-tailRows:] {
		if row, _, _ := strings.Cut(r, "</w:tr>"); !strings.Contains(row, "<w:keepNext/>") {
			t.Errorf("row %d of the last %d does not keep with the closing lines", i+1, tailRows)
		}
	}
}

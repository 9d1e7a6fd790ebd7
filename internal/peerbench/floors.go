package main

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
)

// The floors are what a programmer would write in an afternoon straight
// from jd.json: A4, 20 mm margins, no running header or footer, no tags,
// no bookmarks, tables with equal columns that do not repeat their header.
// They set the least a Go program pays for the same text on the same
// pages, so they are the bar rolepack's writers are held to.

// Page geometry and type sizes of the PDF floors, in mm and points.
const (
	floorMargin   = 20.0
	floorBodySize = 10.5
	floorLine     = 5.2 // mm, body leading
)

// sansTTF are the Liberation Sans faces rolepack's PDF writer embeds
// (github.com/go-fonts/liberation), by fpdf style string.
var sansTTF = []struct {
	style string
	ttf   []byte
}{
	{"", liberationsansregular.TTF},
	{"B", liberationsansbold.TTF},
	{"I", liberationsansitalic.TTF},
	{"BI", liberationsansbolditalic.TTF},
}

// fontSetup prepares a new document's fonts and returns the family to use
// and the function that turns UTF-8 text into what that family takes.
type fontSetup func(p *fpdf.Fpdf) (family string, text func(string) string)

// coreHelvetica uses the core Helvetica of every PDF reader: nothing is
// embedded, and text is converted to code page 1252.
func coreHelvetica(p *fpdf.Fpdf) (string, func(string) string) {
	return "Helvetica", p.UnicodeTranslatorFromDescriptor("")
}

// liberationPerDocument loads the four Liberation Sans faces from their
// TrueType bytes into every document (fpdf parses each face again and
// embeds a subset of it), as a program that does not cache fonts does.
func liberationPerDocument(p *fpdf.Fpdf) (string, func(string) string) {
	for _, f := range sansTTF {
		p.AddUTF8FontFromBytes("LiberationSans", f.style, f.ttf)
	}
	return "LiberationSans", func(s string) string { return s }
}

// writeFloorPDF writes jd as a PDF with fpdf, fonts set up by setup.
func writeFloorPDF(w io.Writer, jd *jdFile, setup fontSetup) error {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(floorMargin, floorMargin, floorMargin)
	p.SetAutoPageBreak(true, floorMargin)
	p.SetTitle(jd.Title, true)
	p.SetCreator("rolepack peerbench floor", true)
	family, tr := setup(p)
	p.AddPage()
	pageW, pageH := p.GetPageSize()
	textW := pageW - 2*floorMargin
	for _, b := range jd.Blocks {
		switch b.Type {
		case "heading":
			size := map[int]float64{1: 20, 2: 15, 3: 12.5}[b.Level]
			if size == 0 {
				size = 11
			}
			p.Ln(2)
			p.SetFont(family, "B", size)
			p.MultiCell(0, size*0.45, tr(b.Text), "", "L", false)
			p.Ln(1.5)
		case "paragraph":
			writeRuns(p, family, tr, b.Runs)
			p.Ln(floorLine + 2)
		case "list":
			for i, it := range b.Items {
				marker := "-"
				if b.Ordered {
					marker = strconv.Itoa(i+1) + "."
				}
				p.SetFont(family, "", floorBodySize)
				p.SetX(floorMargin)
				p.CellFormat(6, floorLine, marker, "", 0, "L", false, 0, "")
				p.SetLeftMargin(floorMargin + 6)
				writeRuns(p, family, tr, it)
				p.SetLeftMargin(floorMargin)
				p.Ln(floorLine + 0.8)
			}
			p.Ln(1.5)
		case "table":
			floorTable(p, family, tr, b, textW, pageH)
			p.Ln(3)
		}
	}
	if err := p.Output(w); err != nil {
		return fmt.Errorf("fpdf floor: %w", err)
	}
	return nil
}

// writeRuns writes styled runs as one flowing paragraph.
func writeRuns(p *fpdf.Fpdf, family string, tr func(string) string, runs []jdRun) {
	for _, r := range runs {
		style := ""
		if r.Bold {
			style += "B"
		}
		if r.Italic {
			style += "I"
		}
		p.SetFont(family, style, floorBodySize)
		p.Write(floorLine, tr(r.Text))
	}
}

// floorTable draws a table with equal columns, each row as tall as its
// tallest cell, starting a new page when a row does not fit.
func floorTable(p *fpdf.Fpdf, family string, tr func(string) string, t jdBlock, textW, pageH float64) {
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	colW := textW / float64(cols)
	const lh = 4.8
	row := func(cells []string, style string) {
		p.SetFont(family, style, 9.5)
		texts := make([]string, len(cells))
		lines := 1
		for i, c := range cells {
			texts[i] = tr(c)
			lines = max(lines, len(p.SplitText(texts[i], colW)))
		}
		h := float64(lines)*lh + 2
		if p.GetY()+h > pageH-floorMargin {
			p.AddPage()
		}
		y := p.GetY()
		for i := range cols {
			x := floorMargin + float64(i)*colW
			p.Rect(x, y, colW, h, "D")
			if i < len(texts) {
				p.SetXY(x, y+1)
				p.MultiCell(colW, lh, texts[i], "", "L", false)
			}
		}
		p.SetXY(floorMargin, y+h)
	}
	if len(t.Header) > 0 {
		row(t.Header, "B")
	}
	for _, r := range t.Rows {
		row(r, "")
	}
}

// writeFloorDOCX writes jd as the smallest DOCX Word opens: content types,
// the package relationship and word/document.xml with direct formatting
// (no styles part, no numbering: list markers are text), deflated with
// archive/zip.
func writeFloorDOCX(w io.Writer, jd *jdFile) error {
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", documentXML(jd)},
	}
	for _, part := range parts {
		f, err := z.Create(part.name)
		if err != nil {
			return fmt.Errorf("zip floor: %s: %w", part.name, err)
		}
		if _, err := io.WriteString(f, part.body); err != nil {
			return fmt.Errorf("zip floor: %s: %w", part.name, err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("zip floor: %w", err)
	}
	return nil
}

// documentXML builds word/document.xml for jd.
func documentXML(jd *jdFile) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	run := func(text string, bold, italic bool, halfPoints int) {
		b.WriteString(`<w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>`)
		if bold {
			b.WriteString(`<w:b/>`)
		}
		if italic {
			b.WriteString(`<w:i/>`)
		}
		fmt.Fprintf(&b, `<w:sz w:val="%d"/></w:rPr><w:t xml:space="preserve">`, halfPoints)
		xmlEscape(&b, text)
		b.WriteString(`</w:t></w:r>`)
	}
	for _, bl := range jd.Blocks {
		switch bl.Type {
		case "heading":
			size := map[int]int{1: 40, 2: 30, 3: 25}[bl.Level]
			if size == 0 {
				size = 22
			}
			b.WriteString(`<w:p><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/></w:pPr>`)
			run(bl.Text, true, false, size)
			b.WriteString(`</w:p>`)
		case "paragraph":
			b.WriteString(`<w:p>`)
			for _, r := range bl.Runs {
				run(r.Text, r.Bold, r.Italic, 21)
			}
			b.WriteString(`</w:p>`)
		case "list":
			for i, it := range bl.Items {
				marker := "•\t"
				if bl.Ordered {
					marker = strconv.Itoa(i+1) + ".\t"
				}
				b.WriteString(`<w:p><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr>`)
				run(marker, false, false, 21)
				for _, r := range it {
					run(r.Text, r.Bold, r.Italic, 21)
				}
				b.WriteString(`</w:p>`)
			}
		case "table":
			cols := len(bl.Header)
			for _, r := range bl.Rows {
				cols = max(cols, len(r))
			}
			if cols == 0 {
				continue
			}
			b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>`)
			for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
				fmt.Fprintf(&b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="808080"/>`, side)
			}
			b.WriteString(`</w:tblBorders></w:tblPr><w:tblGrid>`)
			for range cols {
				fmt.Fprintf(&b, `<w:gridCol w:w="%d"/>`, 9000/cols)
			}
			b.WriteString(`</w:tblGrid>`)
			row := func(cells []string, header bool) {
				b.WriteString(`<w:tr>`)
				if header {
					b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
				}
				for i := range cols {
					fmt.Fprintf(&b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr><w:p>`, 9000/cols)
					if i < len(cells) {
						run(cells[i], header, false, 19)
					}
					b.WriteString(`</w:p></w:tc>`)
				}
				b.WriteString(`</w:tr>`)
			}
			if len(bl.Header) > 0 {
				row(bl.Header, true)
			}
			for _, r := range bl.Rows {
				row(r, false)
			}
			b.WriteString(`</w:tbl><w:p/>`)
		}
	}
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	return b.String()
}

// xmlEscape writes s as XML character data, dropping characters XML 1.0
// does not allow.
func xmlEscape(b *strings.Builder, s string) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
		default:
			b.WriteRune(r)
		}
	}
}

package main

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The zip floor is what a programmer would write in an afternoon straight
// from jd.json: the smallest DOCX Word opens, with direct formatting. It
// sets the least a Go program pays for the same text in a DOCX, so it is
// the bar rolepack's DOCX writer is held to. The fpdf floors live in the
// module of ./fpdffloor, run as a subprocess (see fpdffloor.go).

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

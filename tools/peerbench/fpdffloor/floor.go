package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
)

// The fpdf floors are what a programmer would write in an afternoon straight
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

// fontSetup prepares a new document's fonts and returns the family to use
// and the function that turns UTF-8 text into what that family takes.
type fontSetup func(p *fpdf.Fpdf) (family string, text func(string) string)

// coreHelvetica uses the core Helvetica of every PDF reader: nothing is
// embedded, and text is converted to code page 1252.
func coreHelvetica(p *fpdf.Fpdf) (string, func(string) string) {
	return "Helvetica", p.UnicodeTranslatorFromDescriptor("")
}

// face is one Liberation Sans face: its fpdf style string and TrueType
// bytes.
type face struct {
	style string
	ttf   []byte
}

// faceFiles are the Liberation Sans files peerbench writes beside jd.json
// (the faces rolepack's PDF writer embeds), by fpdf style string.
var faceFiles = []struct{ style, file string }{
	{"", "LiberationSans-Regular.ttf"},
	{"B", "LiberationSans-Bold.ttf"},
	{"I", "LiberationSans-Italic.ttf"},
	{"BI", "LiberationSans-BoldItalic.ttf"},
}

// readFaces reads the four Liberation Sans files from dir.
func readFaces(dir string) ([]face, error) {
	faces := make([]face, 0, len(faceFiles))
	for _, f := range faceFiles {
		b, err := os.ReadFile(filepath.Join(dir, f.file))
		if err != nil {
			return nil, fmt.Errorf("font: %w", err)
		}
		faces = append(faces, face{f.style, b})
	}
	return faces, nil
}

// liberationPerDocument loads the four Liberation Sans faces from their
// TrueType bytes (read from disk once) into every document: fpdf parses
// each face again and embeds a subset of it, as a program that does not
// cache fonts does.
func liberationPerDocument(faces []face) fontSetup {
	return func(p *fpdf.Fpdf) (string, func(string) string) {
		for _, f := range faces {
			p.AddUTF8FontFromBytes("LiberationSans", f.style, f.ttf)
		}
		return "LiberationSans", func(s string) string { return s }
	}
}

// writeFloorPDF writes jd as a PDF with fpdf, fonts set up by setup, and
// returns its number of pages.
func writeFloorPDF(w io.Writer, jd *jdFile, setup fontSetup) (int, error) {
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
	pages := p.PageCount()
	if err := p.Output(w); err != nil {
		return 0, fmt.Errorf("fpdf floor: %w", err)
	}
	return pages, nil
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

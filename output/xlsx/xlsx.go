// Package xlsx writes the tables of a document tree as an Excel workbook,
// for people who sort and filter what a document lays out in tables (the
// career map): one sheet per table, named by the heading above it, with
// the header row and first column frozen, wrapped text, set column widths,
// row heights that hold the wrapped text, a filter on the header row, and
// a page setup that prints (A4 landscape, fit to the page's width, the
// header row and first column on every page). Every run is in the
// document's typeface. Text outside tables is not written: a kind offers
// xlsx only when its tables are its content.
package xlsx

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/doc"
)

// Writer writes a document's tables as an XLSX workbook. The same document
// gives the same bytes: the parts are stored without timestamps and the
// document properties carry the document's date.
type Writer struct{}

// Column widths, in characters.
const (
	minWidth   = 10
	firstWidth = 32
	maxWidth   = 60
	// pageWidth is about what an A4 landscape page holds across, in
	// characters of the body font, at 100%: the columns of a wide table
	// share it, so that fitting to the page's width keeps text legible.
	pageWidth = 150
)

// The body font and the row heights it needs, in points.
const (
	fontSize   = 10
	lineHeight = 12.75 // one line of fontSize text, as Excel spaces it
	rowPadding = 3
	maxRow     = 409 // Excel's tallest row
	paperA4    = 9   // the paperSize code of A4
)

// defaultFont is the typeface the workbook names when the document names
// none: Arial, as the DOCX and HTML do (the PDF's Liberation Sans has its
// metrics).
const defaultFont = "Arial"

// maxSheetName is Excel's limit on a sheet name's length.
const maxSheetName = 31

// Write writes d's tables, one sheet each, to w. A document with no table
// is an error.
func (Writer) Write(w io.Writer, d *doc.Document) error {
	f := excelize.NewFile()
	defer f.Close()
	font := defaultFont
	if d.Meta.Brand != nil && d.Meta.Brand.Font != nil && d.Meta.Brand.Font.Name != "" {
		font = d.Meta.Brand.Font.Name
	}
	if err := f.SetDefaultFont(font); err != nil {
		return fmt.Errorf("xlsx: font %q: %w", font, err)
	}
	styles, err := newStyles(f, font)
	if err != nil {
		return err
	}
	var h2, h3 string
	taken := map[string]bool{}
	n := 0
	for _, b := range flat(d.Blocks) {
		switch b := b.(type) {
		case *doc.Heading:
			switch {
			case b.Level <= 2:
				h2, h3 = doc.PlainText(b.Text), ""
			case b.Level == 3:
				h3 = doc.PlainText(b.Text)
			}
		case *doc.Table:
			n++
			name := sheetName(h2, h3, n, taken)
			if n == 1 {
				if err := f.SetSheetName("Sheet1", name); err != nil {
					return fmt.Errorf("xlsx: sheet %q: %w", name, err)
				}
			} else if _, err := f.NewSheet(name); err != nil {
				return fmt.Errorf("xlsx: sheet %q: %w", name, err)
			}
			if err := writeTable(f, name, b, styles, d.Meta.Landscape || b.Columns() > 3); err != nil {
				return fmt.Errorf("xlsx: sheet %q: %w", name, err)
			}
		}
	}
	if n == 0 {
		return fmt.Errorf("xlsx: the document has no table to write")
	}
	if err := setProps(f, d.Meta); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}

// flat is bs with the blocks of each Lang in its place and a Parallel's
// two columns one after the other: a bilingual document's tables are a
// sheet each, the first language's first, each named by its own heading.
func flat(bs []doc.Block) []doc.Block {
	var out []doc.Block
	for _, b := range bs {
		switch b := b.(type) {
		case *doc.Lang:
			out = append(out, flat(b.Blocks)...)
		case *doc.Parallel:
			out = append(out, flat(b.Cells[0].Blocks)...)
			out = append(out, flat(b.Cells[1].Blocks)...)
		default:
			out = append(out, b)
		}
	}
	return out
}

// styles are the cell styles a sheet uses, and the font every run names.
type styles struct {
	header, body, first int
	font                string
}

func newStyles(f *excelize.File, font string) (styles, error) {
	align := &excelize.Alignment{WrapText: true, Vertical: "top"}
	border := []excelize.Border{{Type: "bottom", Color: "A6A6A6", Style: 1}}
	s := styles{font: font}
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: font, Size: fontSize}, Alignment: align, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}}}); err != nil {
		return s, fmt.Errorf("xlsx: style: %w", err)
	}
	if s.body, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: font, Size: fontSize}, Alignment: align, Border: border}); err != nil {
		return s, fmt.Errorf("xlsx: style: %w", err)
	}
	if s.first, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: font, Size: fontSize}, Alignment: align, Border: border}); err != nil {
		return s, fmt.Errorf("xlsx: style: %w", err)
	}
	return s, nil
}

// writeTable writes one table from A1: the header row, then the rows;
// freezes the header row and the first column, sets widths, row heights
// from the wrapped text, a filter and the page setup.
func writeTable(f *excelize.File, sheet string, t *doc.Table, st styles, landscape bool) error {
	cols := t.Columns()
	rows := make([][]string, 0, len(t.Rows)+1) // each cell's text, for the heights
	put := func(row, col int, runs []doc.Inline, style int) error {
		ref, err := excelize.CoordinatesToCellName(col+1, row+1)
		if err != nil {
			return err
		}
		for len(rows) <= row {
			rows = append(rows, make([]string, cols))
		}
		rows[row][col] = cellText(runs)
		if rich := richText(runs, st.font); rich != nil {
			if err := f.SetCellRichText(sheet, ref, rich); err != nil {
				return err
			}
		} else if err := f.SetCellStr(sheet, ref, cellText(runs)); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, ref, ref, style)
	}
	for c, cell := range t.Header {
		if err := put(0, c, cell.Text, st.header); err != nil {
			return err
		}
	}
	for r, row := range t.Rows {
		for c, cell := range row {
			style := st.body
			if c == 0 {
				style = st.first
			}
			if err := put(r+1, c, cell.Text, style); err != nil {
				return err
			}
		}
	}
	widths := columnWidths(rows, cols)
	for c, width := range widths {
		name, err := excelize.ColumnNumberToName(c + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, name, name, float64(width)); err != nil {
			return err
		}
	}
	for r, row := range rows {
		if err := f.SetRowHeight(sheet, r+1, rowHeight(row, widths)); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}}}); err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(cols, len(t.Rows)+1)
	if err != nil {
		return err
	}
	if err := f.SetSheetDimension(sheet, "A1:"+last); err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	return pageSetup(f, sheet, landscape)
}

// pageSetup makes a sheet print: A4, landscape for a wide document, every
// column on the page's width (as many pages down as it takes), the header
// row and the first column on every page.
func pageSetup(f *excelize.File, sheet string, landscape bool) error {
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	size, wide, tall := paperA4, 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: q + "!$A:$A," + q + "!$1:$1", Scope: sheet})
}

// columnWidths sets each column's width in characters: a column whose
// longest line fits in an equal share of a landscape page keeps that
// width; the others share what is left, each at least minWidth and at
// most maxWidth (the first column at most firstWidth).
func columnWidths(rows [][]string, cols int) []int {
	widths := make([]int, cols)
	for _, row := range rows {
		for c, text := range row {
			for _, line := range strings.Split(text, "\n") {
				widths[c] = max(widths[c], utf8.RuneCountInString(line)+2)
			}
		}
	}
	for c := range widths {
		widths[c] = min(max(widths[c], minWidth), maxWidth)
	}
	widths[0] = min(widths[0], firstWidth)
	shared := make([]bool, cols)
	for {
		n, room := 0, pageWidth
		for c, w := range widths {
			if shared[c] {
				n++
			} else {
				room -= w
			}
		}
		share := room
		if n > 0 {
			share = room / n
		}
		grew := false
		for c, w := range widths {
			if !shared[c] && w > share && (n > 0 || w*cols > pageWidth) {
				shared[c], grew = true, true
			}
		}
		if !grew {
			for c := range widths {
				if shared[c] {
					limit := maxWidth
					if c == 0 {
						limit = firstWidth
					}
					widths[c] = min(max(share, minWidth), limit)
				}
			}
			return widths
		}
	}
}

// rowHeight is the height in points that shows every line of a row's
// cells, wrapped at their columns' widths.
func rowHeight(row []string, widths []int) float64 {
	lines := 1
	for c, text := range row {
		lines = max(lines, wrappedLines(text, widths[c]))
	}
	return min(float64(lines)*lineHeight+rowPadding, maxRow)
}

// charsPerWidth is how many characters of body text a unit of column
// width holds: the unit is the width of a digit of the default font (Arial
// 11 pt), wider than the average letter of 10 pt text. It is kept below
// what Arial 10 pt measures (about 1.4), so that a row is never too short
// for its text (bold runs are wider).
const charsPerWidth = 1.25

// wrappedLines estimates how many lines text takes in a column width
// units wide: each line of text is wrapped between words.
func wrappedLines(text string, width int) int {
	limit := max(int(float64(width)*charsPerWidth)-2, 4)
	n := 0
	for _, line := range strings.Split(text, "\n") {
		n++
		at := 0
		for _, w := range strings.Fields(line) {
			l := utf8.RuneCountInString(w)
			switch {
			case at == 0:
				at = l
			case at+1+l <= limit:
				at += 1 + l
			default:
				n++
				at = l
			}
			for at > limit { // a word longer than the line
				n++
				at -= limit
			}
		}
	}
	return n
}

// cellText is a cell's text with hard breaks as line breaks.
func cellText(runs []doc.Inline) string {
	var b strings.Builder
	for _, r := range runs {
		if r.Break {
			b.WriteByte('\n')
			continue
		}
		b.WriteString(r.Text)
	}
	return b.String()
}

// richText returns the runs as rich text when any is bold or italic, else
// nil (a plain string cell). Every run names family and the body size, so
// that no run falls back to the application's own face.
func richText(runs []doc.Inline, family string) []excelize.RichTextRun {
	styled := false
	for _, r := range runs {
		styled = styled || r.Style&(doc.Bold|doc.Italic) != 0
	}
	if !styled {
		return nil
	}
	var out []excelize.RichTextRun
	for _, r := range runs {
		text := r.Text
		if r.Break {
			text = "\n"
		}
		if text == "" {
			continue
		}
		font := &excelize.Font{Bold: r.Style&doc.Bold != 0, Italic: r.Style&doc.Italic != 0, Family: family, Size: fontSize}
		if n := len(out); n > 0 && *out[n-1].Font == *font {
			out[n-1].Text += text
			continue
		}
		out = append(out, excelize.RichTextRun{Text: text, Font: font})
	}
	return out
}

// sheetName names the n-th table's sheet after the headings above it
// ("Skills - Data Governance"), within Excel's rules: at most 31
// characters, cut between words, none of []:*?/\, unique regardless of
// case. A name already taken gets the next number ("Skills 2").
func sheetName(h2, h3 string, n int, taken map[string]bool) string {
	base := h2
	if h3 != "" && h2 != "" {
		base = h2 + " - " + h3
	} else if h3 != "" {
		base = h3
	}
	base = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, base)
	base = strings.Join(strings.Fields(base), " ")
	base = strings.Trim(base, "' ")
	if base == "" {
		base = fmt.Sprintf("Table %d", n)
	}
	name := clip(base, maxSheetName)
	for i := 2; taken[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" %d", i)
		name = clip(base, maxSheetName-len(suffix)) + suffix
	}
	taken[strings.ToLower(name)] = true
	return name
}

// clip cuts s to at most n characters, between words where there is a
// word boundary in the second half, and drops what would dangle at the
// end (a dash, "and", "to", "&").
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); utf8.RuneCountInString(cut[:max(i, 0)]) >= n/2 && r[n] != ' ' {
		cut = cut[:i]
	}
	words := strings.Fields(cut)
	for len(words) > 1 {
		switch strings.ToLower(words[len(words)-1]) {
		case "-", "–", "&", "and", "to", "of", "the", "for", "a", "in", ",":
			words = words[:len(words)-1]
			continue
		}
		break
	}
	return strings.Trim(strings.Join(words, " "), "' ,")
}

// setProps writes the document properties, dated with the document's date
// so that the workbook does not depend on the clock.
func setProps(f *excelize.File, m doc.Meta) error {
	date := m.Date
	if date.IsZero() {
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	stamp := date.UTC().Format(time.RFC3339)
	err := f.SetDocProps(&excelize.DocProperties{
		Title: m.Title, Subject: m.Subject, Creator: m.Author, LastModifiedBy: m.Author,
		Keywords: strings.Join(m.Keywords, ", "), Language: m.Language,
		Created: stamp, Modified: stamp, Description: m.Footer,
	})
	if err != nil {
		return fmt.Errorf("xlsx: properties: %w", err)
	}
	return nil
}

// Package xlsx writes the tables of a document tree as an Excel workbook,
// for people who sort and filter what a document lays out in tables (the
// career map): one sheet per table, named by the heading above it, with
// the header row and first column frozen, wrapped text, set column widths
// and a filter on the header row. Text outside tables is not written: a
// kind offers xlsx only when its tables are its content.
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
)

// maxSheetName is Excel's limit on a sheet name's length.
const maxSheetName = 31

// Write writes d's tables, one sheet each, to w. A document with no table
// is an error.
func (Writer) Write(w io.Writer, d *doc.Document) error {
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newStyles(f)
	if err != nil {
		return err
	}
	var h2, h3 string
	taken := map[string]bool{}
	n := 0
	for _, b := range d.Blocks {
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
			if err := writeTable(f, name, b, styles); err != nil {
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

// styles are the cell styles a sheet uses.
type styles struct{ header, body, first int }

func newStyles(f *excelize.File) (styles, error) {
	align := &excelize.Alignment{WrapText: true, Vertical: "top"}
	border := []excelize.Border{{Type: "bottom", Color: "A6A6A6", Style: 1}}
	var s styles
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: align, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}}}); err != nil {
		return s, fmt.Errorf("xlsx: style: %w", err)
	}
	if s.body, err = f.NewStyle(&excelize.Style{Alignment: align, Border: border}); err != nil {
		return s, fmt.Errorf("xlsx: style: %w", err)
	}
	if s.first, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: align, Border: border}); err != nil {
		return s, fmt.Errorf("xlsx: style: %w", err)
	}
	return s, nil
}

// writeTable writes one table from A1: the header row, then the rows;
// freezes the header row and the first column, sets widths and a filter.
func writeTable(f *excelize.File, sheet string, t *doc.Table, st styles) error {
	cols := t.Columns()
	widths := make([]int, cols)
	put := func(row, col int, runs []doc.Inline, style int) error {
		ref, err := excelize.CoordinatesToCellName(col+1, row+1)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(cellText(runs), "\n") {
			widths[col] = max(widths[col], utf8.RuneCountInString(line))
		}
		if rich := richText(runs); rich != nil {
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
	for c, w := range widths {
		name, err := excelize.ColumnNumberToName(c + 1)
		if err != nil {
			return err
		}
		width := min(max(w+2, minWidth), maxWidth)
		if c == 0 {
			width = min(width, firstWidth)
		}
		if err := f.SetColWidth(sheet, name, name, float64(width)); err != nil {
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
	return f.AutoFilter(sheet, "A1:"+last, nil)
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
// nil (a plain string cell).
func richText(runs []doc.Inline) []excelize.RichTextRun {
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
		font := &excelize.Font{Bold: r.Style&doc.Bold != 0, Italic: r.Style&doc.Italic != 0}
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
// characters, none of []:*?/\, unique regardless of case.
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
	base = strings.Trim(strings.TrimSpace(base), "'")
	if base == "" {
		base = fmt.Sprintf("Table %d", n)
	}
	name := clip(base, maxSheetName)
	for i := 2; taken[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = clip(base, maxSheetName-len(suffix)) + suffix
	}
	taken[strings.ToLower(name)] = true
	return name
}

// clip cuts s to at most n characters.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n]))
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

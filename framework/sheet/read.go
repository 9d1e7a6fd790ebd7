package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/textprep"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/internal/ziplimit"
)

// Limits on what one sheet may hold: far above any real framework, low
// enough that a hostile file cannot make the work unbounded.
const (
	maxRows    = 100_000
	maxColumns = 200
)

// Table is a grid of cells read from a CSV file or one worksheet, with
// where each cell came from.
type Table struct {
	Path  string // the file as given
	Sheet string // worksheet name; "" for CSV
	Rows  []Row
	// Title is the workbook's document title (XLSX core properties), if any.
	Title string
	// Workbooks whose sheet was chosen by content (no --sheet): the
	// worksheets before it that were passed over, and the later ones
	// that hold a header row too but were not read.
	Skipped  []Skip
	Unread   []string
	Warnings []framework.Problem
	warn     framework.Collector // Warnings as they are found, capped
}

// Row is one row of a table.
type Row struct {
	N     int      // row number: the CSV line, the worksheet row
	Cells []string // cell text, trimmed, mojibake repaired
	Lines []int    // CSV: the line each cell starts on; nil for XLSX
}

// cell returns the text of column c (0-based), "" past the row's end.
func (r Row) cell(c int) string {
	if c < 0 || c >= len(r.Cells) {
		return ""
	}
	return r.Cells[c]
}

func (r Row) blank() bool {
	for _, c := range r.Cells {
		if c != "" {
			return false
		}
	}
	return true
}

// Cell names row r, column c (0-based) as messages do: "7:3" for CSV
// (line, column number) and "Sheet1!C7" for XLSX.
func (t *Table) Cell(r Row, c int) string {
	if t.Sheet == "" {
		line := r.N
		if c >= 0 && c < len(r.Lines) {
			line = r.Lines[c]
		}
		return fmt.Sprintf("%d:%d", line, c+1)
	}
	name, err := excelize.CoordinatesToCellName(c+1, r.N)
	if err != nil {
		name = fmt.Sprintf("R%dC%d", r.N, c+1)
	}
	return sheetRef(t.Sheet) + "!" + name
}

// Pos is the provenance of a cell for From fields: "file:line" for CSV,
// "file:Sheet1!B7" for XLSX.
func (t *Table) Pos(r Row, c int) string {
	if t.Sheet == "" {
		line := r.N
		if c >= 0 && c < len(r.Lines) {
			line = r.Lines[c]
		}
		return framework.Position(t.Path, line)
	}
	return t.Path + ":" + t.Cell(r, c)
}

// Errorf is an error at a cell.
func (t *Table) Errorf(r Row, c int, format string, args ...any) *framework.Problem {
	p := framework.Errorf(t.Path, r.N, format, args...)
	p.Cell = t.Cell(r, c)
	return p
}

// Warnf is a warning at a cell.
func (t *Table) Warnf(r Row, c int, format string, args ...any) framework.Problem {
	p := framework.Warnf(t.Path, r.N, format, args...)
	p.Cell = t.Cell(r, c)
	return p
}

// sheetRef quotes a sheet name as Excel does when it is not a plain word.
func sheetRef(name string) string {
	for _, r := range name {
		if !(r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 127) {
			return "'" + strings.ReplaceAll(name, "'", "''") + "'"
		}
	}
	return name
}

// IsXLSX reports whether data starts like a ZIP archive (an XLSX workbook).
func IsXLSX(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// ReadFile reads a CSV file or one worksheet of an XLSX workbook (sheet
// names it; "" is the one that holds the framework, see ReadXLSX), telling
// them apart by content, not by extension. The file is refused before
// reading when it is not a regular file or is over userfile.Framework
// bytes.
func ReadFile(path, sheet string, opt Options) (*Table, error) {
	data, err := userfile.Read(path, userfile.Framework)
	if err != nil {
		return nil, framework.Errorf(path, 0, "%s", userfile.Reason(err))
	}
	if IsXLSX(data) {
		return ReadXLSX(path, data, sheet, opt)
	}
	if sheet != "" {
		return nil, framework.Errorf(path, 0, "--sheet %q given, but this is a CSV file, which has one sheet; --sheet is for XLSX workbooks", sheet)
	}
	return ReadCSV(path, data)
}

// ReadCSV reads CSV text: a UTF-8 byte-order mark dropped, LF, CRLF or
// lone-CR line ends, text that is not UTF-8 read as Windows-1252 (what Excel writes on
// Windows) with one warning, the delimiter (comma, semicolon or TAB) found
// from the first lines, and mojibake repaired per cell with a warning.
func ReadCSV(path string, data []byte) (*Table, error) {
	t := &Table{Path: path}
	switch {
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		return nil, framework.Errorf(path, 0, "looks like an old Excel (XLS) file; save it as .xlsx or CSV")
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		return nil, framework.Errorf(path, 0, "looks like UTF-16 text; save it as CSV UTF-8")
	case bytes.HasPrefix(data, []byte("%PDF")):
		return nil, framework.Errorf(path, 0, "looks like a PDF file, not a spreadsheet")
	}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, framework.Errorf(path, 1+bytes.Count(data[:i], []byte{'\n'}), "binary file (NUL byte), not CSV text")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, framework.Errorf(path, 0, "file is empty")
	}
	if !utf8.Valid(data) {
		dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return nil, framework.Errorf(path, 0, "not UTF-8 and not Windows-1252 text: %v", err)
		}
		line := 1 + bytes.Count(data[:textprep.FirstInvalid(data)], []byte{'\n'})
		t.warn.Add(framework.Warnf(path, line, "not UTF-8; read as Windows-1252 (save as \"CSV UTF-8\" to avoid this)"))
		data = dec
	}
	data = textprep.LoneCR(data) // lines ending in lone CRs are lines too
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = delimiter(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				p := framework.Errorf(path, pe.Line, "%v", pe.Err)
				p.Cell = fmt.Sprintf("%d:%d", pe.Line, pe.Column)
				return nil, p
			}
			return nil, framework.Errorf(path, 0, "cannot read CSV: %v", err)
		}
		line, _ := r.FieldPos(0)
		if len(t.Rows) >= maxRows {
			return nil, framework.Errorf(path, line, "more than %d rows; a framework sheet has far fewer", maxRows)
		}
		if len(rec) > maxColumns {
			p := framework.Errorf(path, line, "%d columns; a framework sheet has at most %d", len(rec), maxColumns)
			p.Cell = fmt.Sprintf("%d:%d", line, maxColumns+1)
			return nil, p
		}
		row := Row{N: line, Cells: make([]string, len(rec)), Lines: make([]int, len(rec))}
		for i, c := range rec {
			row.Lines[i], _ = r.FieldPos(i)
			row.Cells[i] = t.clean(row, i, c)
		}
		t.Rows = append(t.Rows, row)
	}
	t.Warnings = t.warn.Problems()
	return t, nil
}

// clean trims a cell, normalises its line breaks and repairs mojibake.
func (t *Table) clean(r Row, c int, s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\uFEFF", "")
	if fixed, reps := textprep.Repair(s); len(reps) > 0 {
		t.warn.Add(t.Warnf(r, c, "repaired mojibake %s", strings.Join(reps, ", ")))
		s = fixed
	}
	return textprep.Trim(s)
}

// delimiter picks the separator of the first lines: the one of comma,
// semicolon and TAB that occurs most often outside quotes.
func delimiter(data []byte) rune {
	counts := map[rune]int{}
	lines, quoted := 0, false
	for _, b := range data {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == '\n':
			lines++
		case b == ',' || b == ';' || b == '\t':
			counts[rune(b)]++
		}
		if lines >= 20 {
			break
		}
	}
	best := ','
	for _, d := range []rune{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// ReadXLSX reads one worksheet of an XLSX workbook: the one sheet names
// (case-insensitive), else the sheet that holds the framework (see
// chooseSheet). Cell values are read as Excel shows them (number formats
// applied). A merged range's value fills the cells below its top-left cell
// in the range's first column, so a category merged over several rows
// applies to each; the rest of the range stays empty. opt.Columns counts
// in telling a framework sheet from the others.
func ReadXLSX(path string, data []byte, sheet string, opt Options) (*Table, error) {
	cm, err := parseColumns(opt.Columns)
	if err != nil {
		return nil, err
	}
	// The archive is checked before excelize inflates it (a 10 MB ZIP can
	// hold gigabytes of XML, and one long shared string can fill
	// thousands of cells); every part stays in memory, never in a
	// temporary folder, because no part may pass the XML limit.
	if err := ziplimit.XLSX(path, data); err != nil {
		if errors.Is(err, ziplimit.ErrNotZip) {
			return nil, framework.Errorf(path, 0, "cannot read as an XLSX workbook: not a zip archive")
		}
		return nil, framework.Errorf(path, 0, "cannot read as an XLSX workbook: %s", strings.TrimPrefix(err.Error(), path+": "))
	}
	lim := ziplimit.Office()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: lim.Total, UnzipXMLSizeLimit: lim.Total})
	if err != nil {
		return nil, framework.Errorf(path, 0, "cannot read as an XLSX workbook: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, framework.Errorf(path, 0, "workbook has no worksheets")
	}
	title := ""
	if props, err := f.GetDocProps(); err == nil && props != nil {
		title = textprep.Trim(props.Title)
	}
	var t *Table
	switch {
	case sheet != "":
		name := ""
		for _, s := range sheets {
			if strings.EqualFold(s, sheet) {
				name = s
				break
			}
		}
		if name == "" {
			return nil, framework.Errorf(path, 0, "no worksheet %q (the workbook has: %s)", sheet, quoteList(sheets))
		}
		t, err = readWorksheet(f, path, name)
	case len(sheets) == 1:
		// Nothing to choose: a sheet without a header gets the full
		// message of the header search.
		t, err = readWorksheet(f, path, sheets[0])
	default:
		t, err = chooseSheet(f, path, sheets, cm)
	}
	if err != nil {
		return nil, err
	}
	t.Title = title
	return t, nil
}

// Skip is a worksheet passed over when a workbook's framework sheet was
// chosen, and why ("no header row", "empty", …).
type Skip struct {
	Sheet, Reason string
}

// notesSheet matches the slug of a sheet name that says the sheet is about
// the workbook rather than the framework: a cover, read-me, notes,
// instructions, contents or change-log sheet. Words that may begin a longer
// name ("Notes for users", "Cover sheet") are in the first group; the
// second must be the whole name.
var notesSheet = regexp.MustCompile(`^(?:(?:read-?me|cover|notes|instructions?|how-to|guidance|about|contents|table-of-contents|change-?log|version-history|revision-history|document-control|glossary)(?:-.*)?|note|help|guide|intro|introduction|toc|front|front-sheet|front-page|title-page|start|start-here|read-first|changes|history|versions|legend|lookups?|lists?|drop-?downs|info|information)$`)

// chooseSheet reads the worksheet of a workbook that holds the framework:
// the first, in workbook order, with a recognised header row in its first
// rows that is neither hidden nor named as a notes sheet (notesSheet).
// Sheets before it are recorded in Skipped with the reason; later sheets
// that would qualify too are named in Unread (one workbook gives one
// catalogue, as it always has; --sheet picks another). When no sheet
// qualifies the error names each sheet and why it was passed over.
func chooseSheet(f *excelize.File, path string, sheets []string, cm *columnMap) (*Table, error) {
	var chosen *Table
	var skipped []Skip
	var unread []string
	for _, name := range sheets {
		reason := ""
		t, err := readWorksheet(f, path, name)
		var p *framework.Problem
		switch {
		case errors.As(err, &p):
			reason = p.Message
		case err != nil:
			reason = err.Error()
		case !hasText(t):
			reason = "empty"
		default:
			if _, err := findHeader(t, cm); err != nil {
				reason = "no header row"
			} else if visible, err := f.GetSheetVisible(name); err == nil && !visible {
				reason = "hidden"
			} else if notesSheet.MatchString(framework.Slug(name)) {
				reason = "a notes sheet by its name"
			}
		}
		switch {
		case reason != "" && chosen == nil:
			skipped = append(skipped, Skip{Sheet: name, Reason: reason})
		case reason != "":
		case chosen == nil:
			chosen = t
		default:
			unread = append(unread, name)
		}
	}
	if chosen == nil {
		return nil, framework.Errorf(path, 0, "no worksheet holds a framework (%s): a framework sheet has a Skill column and either Level and Descriptor columns or one column per level; read a sheet with --sheet NAME, name other headers with --columns", skipList(skipped, maxListed))
	}
	chosen.Skipped, chosen.Unread = skipped, unread
	return chosen, nil
}

// maxListed is how many skipped sheets a message names before it counts
// the rest, so that it stays one readable line.
const maxListed = 10

// skipList is `"Read me": no header row; "Cover": empty`, at most n
// sheets named and the rest counted.
func skipList(ss []Skip, n int) string {
	var parts []string
	for i, s := range ss {
		if i == n {
			parts = append(parts, fmt.Sprintf("and %d more", len(ss)-n))
			break
		}
		parts = append(parts, strconv.Quote(s.Sheet)+": "+s.Reason)
	}
	return strings.Join(parts, "; ")
}

// Note says which worksheet of a workbook was read and which were not, for
// the import's notes: `read sheet "Skills" of book.xlsx (skipped "Read me":
// no header row)`. It is "" for CSV.
func (t *Table) Note() string {
	if t.Sheet == "" {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "read sheet %q of %s", t.Sheet, t.Path)
	var parts []string
	if len(t.Skipped) > 0 {
		parts = append(parts, "skipped "+skipList(t.Skipped, maxListed))
	}
	switch len(t.Unread) {
	case 0:
	case 1:
		parts = append(parts, fmt.Sprintf("%q has a header row too, not read: --sheet picks it", t.Unread[0]))
	default:
		parts = append(parts, quoteList(t.Unread)+" have header rows too, not read: --sheet picks one")
	}
	if len(parts) > 0 {
		b.WriteString(" (" + strings.Join(parts, "; ") + ")")
	}
	return b.String()
}

// hasText reports whether any cell of t holds text.
func hasText(t *Table) bool {
	for _, r := range t.Rows {
		if !r.blank() {
			return true
		}
	}
	return false
}

// readWorksheet reads the cells of one worksheet, merged ranges filled.
func readWorksheet(f *excelize.File, path, sheet string) (*Table, error) {
	t := &Table{Path: path, Sheet: sheet}
	grid, err := f.GetRows(sheet)
	if err != nil {
		return nil, framework.Errorf(path, 0, "cannot read worksheet %q: %v", sheet, err)
	}
	if len(grid) > maxRows {
		return nil, framework.Errorf(path, maxRows+1, "more than %d rows; a framework sheet has far fewer", maxRows)
	}
	for i, cols := range grid {
		n := i + 1
		cols = trimEmpty(cols)
		if len(cols) > maxColumns {
			return nil, framework.Errorf(path, n, "row %d has %d columns; a framework sheet has at most %d", n, len(cols), maxColumns)
		}
		row := Row{N: n, Cells: make([]string, len(cols))}
		for j, c := range cols {
			row.Cells[j] = t.clean(row, j, c)
		}
		t.Rows = append(t.Rows, row)
	}
	merges, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, framework.Errorf(path, 0, "cannot read merged cells of worksheet %q: %v", sheet, err)
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		_, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r2 > len(t.Rows) || r1 < 1 || c1 > maxColumns {
			continue
		}
		value := t.Rows[r1-1].cell(c1 - 1)
		for r := r1 + 1; r <= r2; r++ {
			row := &t.Rows[r-1]
			for len(row.Cells) < c1 {
				row.Cells = append(row.Cells, "")
			}
			if row.Cells[c1-1] == "" {
				row.Cells[c1-1] = value
			}
		}
	}
	t.Warnings = t.warn.Problems()
	return t, nil
}

func trimEmpty(cols []string) []string {
	for len(cols) > 0 && strings.TrimSpace(cols[len(cols)-1]) == "" {
		cols = cols[:len(cols)-1]
	}
	return cols
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// baseName is a file's name without folder or extension.
func baseName(path string) string {
	b := filepath.Base(path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

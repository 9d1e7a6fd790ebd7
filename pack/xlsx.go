package pack

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rolepack/rolepack/internal/ziplimit"
)

// xlsxRecords reads the first sheet of a workbook as table records, one a
// sheet row (the record's line is the row number): raw cell values, with
// a date cell (a day number in a date format) written as YYYY-MM-DD and
// a whole number without ".0".
func xlsxRecords(file string, data []byte) ([]record, error) {
	// The archive is checked before excelize inflates any of it, and no
	// part may pass excelize's XML limit, so nothing goes to a temporary
	// file.
	if err := ziplimit.XLSX(file, data); err != nil {
		if errors.Is(err, ziplimit.ErrNotZip) {
			return nil, fmt.Errorf("%s: not a workbook Excel can save (.xlsx): not a zip archive", file)
		}
		return nil, err
	}
	lim := ziplimit.Office()
	wb, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: lim.Total, UnzipXMLSizeLimit: lim.Total})
	if err != nil {
		return nil, fmt.Errorf("%s: not a workbook Excel can save (.xlsx): %v", file, err)
	}
	defer wb.Close()
	sheets := wb.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%s: the workbook has no sheets", file)
	}
	sheet := sheets[0]
	rows, err := wb.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s: sheet %s: %w", file, sheet, err)
	}
	defer rows.Close()
	var recs []record
	for n := 1; rows.Next(); n++ {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("%s:%s!%d: %w", file, sheet, n, err)
		}
		for i, v := range cols {
			cols[i] = cellText(wb, sheet, n, i, v)
		}
		if len(recs) == 0 && allEmpty(cols) {
			continue // blank rows above the header
		}
		recs = append(recs, record{line: n, fields: cols})
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("%s: sheet %s: %w", file, sheet, err)
	}
	return recs, nil
}

// cellText is a raw cell value as a manifest reads it: a date cell as
// YYYY-MM-DD, a number as written ("45000", "37.5").
func cellText(wb *excelize.File, sheet string, row, col int, raw string) string {
	if raw == "" {
		return ""
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return raw
	}
	cell, err := excelize.CoordinatesToCellName(col+1, row)
	if err == nil && isDateCell(wb, sheet, cell) {
		if t, err := excelize.ExcelDateToTime(f, false); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// isDateCell reports whether a cell's number format shows a date.
func isDateCell(wb *excelize.File, sheet, cell string) bool {
	id, err := wb.GetCellStyle(sheet, cell)
	if err != nil || id == 0 {
		return false
	}
	st, err := wb.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	if (st.NumFmt >= 14 && st.NumFmt <= 22) || (st.NumFmt >= 45 && st.NumFmt <= 47) {
		return true
	}
	if st.CustomNumFmt != nil {
		f := strings.ToLower(*st.CustomNumFmt)
		return strings.Contains(f, "yy") || strings.Contains(f, "d") && strings.Contains(f, "m")
	}
	return false
}

func allEmpty(cols []string) bool {
	for _, c := range cols {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

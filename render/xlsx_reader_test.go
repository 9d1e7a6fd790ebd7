package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// xlsxText reads a workbook back with excelize: every sheet's cells, row
// by row, in sheet order.
func xlsxText(t *testing.T, b []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	defer f.Close()
	var out strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatalf("xlsx %s: %v", sheet, err)
		}
		for _, r := range rows {
			out.WriteString(strings.Join(r, "\n"))
			out.WriteByte('\n')
		}
	}
	return out.String()
}

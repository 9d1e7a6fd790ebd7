package sheet

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/internal/hostile"
)

// TestHostileWorkbooks: workbooks that inflate far past their size end in
// one line naming the part, within seconds and a few MiB, and leave no
// temporary file.
func TestHostileWorkbooks(t *testing.T) {
	size, cells, bomb := 1<<20, 3000, int64(1<<30)
	if testing.Short() {
		size, cells, bomb = 256<<10, 300, 100<<20
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, c := range []struct {
		name, want string
		data       []byte
	}{
		{"sst.xlsx", "xl/worksheets/sheet1.xml: its cells repeat shared strings", hostile.SharedStringBook([]string{"Skill", "Level", "Descriptor"}, size, cells)},
		{"bomb.xlsx", "xl/worksheets/sheet1.xml: inflates to", hostile.Bomb(bomb)},
		{"overlap.xlsx", "overlap", hostile.Overlapping(4, "xl/worksheets/sheet1.xml", []byte("<worksheet/>"))},
	} {
		t.Run(c.name, func(t *testing.T) {
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			start := time.Now()
			_, err := ReadXLSX(c.name, c.data, "", Options{})
			el := time.Since(start)
			runtime.ReadMemStats(&m1)
			if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want one line with %q", err, c.want)
			}
			if el > 3*time.Second {
				t.Errorf("took %s", el)
			}
			if mb := (m1.TotalAlloc - m0.TotalAlloc) >> 20; mb > 100 {
				t.Errorf("allocated %d MiB", mb)
			}
		})
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestCROnlyCSV: a CSV whose lines end in lone CRs said "no header row
// found"; it is read as lines.
func TestCROnlyCSV(t *testing.T) {
	tab, err := ReadCSV("mac.csv", []byte("Skill,Level,Descriptor\rData modelling,1,Draws models\rData modelling,2,Reviews models\r"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 3 || tab.Rows[2].N != 3 {
		t.Fatalf("rows = %+v", tab.Rows)
	}
	if _, _, err := Parse([]*Table{tab}, Options{}); err != nil {
		t.Fatal(err)
	}
}

// FuzzXLSX feeds arbitrary archives to the XLSX path (archive limits,
// shared strings, excelize, sheet choice): it must never panic, must
// answer quickly, and every error is one line naming the file.
func FuzzXLSX(f *testing.F) {
	f.Add(hostile.Book([]string{"Skill", "Level", "Descriptor"}, []string{"Designs models", "Reviews models"}, [][]int{{-1, -1, 0}, {-1, -1, 1}}))
	f.Add(hostile.SharedStringBook([]string{"Skill", "Level", "Descriptor"}, 64, 4))
	f.Add(hostile.Overlapping(3, "xl/worksheets/sheet1.xml", []byte("<worksheet/>")))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		tab, err := ReadXLSX("in.xlsx", data, "", Options{})
		if err == nil {
			_, _, err = Parse([]*Table{tab}, Options{})
		}
		if err != nil && (!strings.HasPrefix(err.Error(), "in.xlsx") || strings.Contains(err.Error(), "\n")) {
			t.Errorf("error %q is not one line naming the file", err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("took %v for %d bytes", d, len(data))
		}
	})
}

package pack

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/internal/hostile"
)

// TestHostileManifestWorkbooks: a manifest workbook whose one long shared
// string fills thousands of cells, or whose sheet inflates to a GiB, is
// refused in one line naming the part, within seconds, leaving no
// temporary file.
func TestHostileManifestWorkbooks(t *testing.T) {
	size, cells, bomb := 1<<20, 3000, int64(1<<30)
	if testing.Short() {
		size, cells, bomb = 256<<10, 300, 100<<20
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	header := []string{"reference", "role", "level", "title"}
	for _, c := range []struct {
		name, want string
		data       []byte
	}{
		{"sst.xlsx", "sst.xlsx: xl/worksheets/sheet1.xml: its cells repeat shared strings", hostile.SharedStringBook(header, size, cells)},
		{"bomb.xlsx", "bomb.xlsx: xl/worksheets/sheet1.xml: inflates to", hostile.Bomb(bomb)},
		{"dirs.xlsx", "overlap", hostile.Overlapping(4, "xl/worksheets/sheet1.xml", []byte("<worksheet/>"))},
	} {
		t.Run(c.name, func(t *testing.T) {
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			start := time.Now()
			_, err := ReadManifest(c.name, c.data)
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

package hostile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWrite writes the hostile files into $ROLEPACK_HOSTILE_OUT, for
// measuring the command line against them (docs in issue 32); skipped
// without it.
func TestWrite(t *testing.T) {
	dir := os.Getenv("ROLEPACK_HOSTILE_OUT")
	if dir == "" {
		t.Skip("ROLEPACK_HOSTILE_OUT not set")
	}
	files := map[string][]byte{
		"sst.xlsx":          SharedStringBook([]string{"Skill", "Level", "Descriptor"}, 1<<20, 3000),
		"sst-manifest.xlsx": SharedStringBook([]string{"reference", "role", "level", "title"}, 1<<20, 3000),
		"bomb.xlsx":         Bomb(1 << 30),
		"overlap.xlsx":      OverlappingBomb(4, "xl/worksheets/sheet1.xml", 1<<30),
		"claim.png":         PNGClaiming(65535, 65535),
		"huge.png":          PNG(30000, 30000),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	full := PNG(200, 100)
	if err := os.WriteFile(filepath.Join(dir, "truncated.png"), full[:len(full)/2], 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBuilders(t *testing.T) {
	if n := len(PNGClaiming(65535, 65535)); n > 69 {
		t.Errorf("PNGClaiming is %d bytes, want at most 69", n)
	}
}

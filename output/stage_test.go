package output

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestNewFolderWrittenWhole checks a set written as a new folder: the
// files and their manifest as WriteSet writes them file by file, mode
// 0644, no temporary folder left, and a second run finds the set its own.
func TestNewFolderWrittenWhole(t *testing.T) {
	dir := t.TempDir()
	files := []File{{Name: "jd.pdf", Data: []byte("%PDF")}, {Name: "b.md", Data: []byte("b")}, {Name: "a.md", Data: nil}}
	byOne := filepath.Join(t.TempDir(), "one")
	if err := os.MkdirAll(filepath.Join(byOne, "pack"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{dir, byOne} {
		f, err := OpenFolder(out)
		if err != nil {
			t.Fatal(err)
		}
		written, err := f.WriteSet("pack", files, false)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"jd.pdf", "b.md", "a.md"}; !slices.Equal(written, want) {
			t.Errorf("%s: written %v, want %v", out, written, want)
		}
	}
	for _, name := range []string{"jd.pdf", "b.md", "a.md", ManifestName} {
		got, err := os.ReadFile(filepath.Join(dir, "pack", name))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := os.ReadFile(filepath.Join(byOne, "pack", name))
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %q written whole, %q file by file", name, got, want)
		}
		if fi, _ := os.Stat(filepath.Join(dir, "pack", name)); fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v", name, fi.Mode())
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left %s", e.Name())
		}
	}
	// The next run sees its own files: the same bytes, nothing written.
	f, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if written, err := f.WriteSet("pack", files, false); err != nil || len(written) != 0 {
		t.Errorf("second run wrote %v, %v", written, err)
	}
}

// TestNewFolderNotPlainNamesFileByFile checks that a set with a name in
// a folder, or a name twice, is written as before, file by file.
func TestNewFolderNotPlainNamesFileByFile(t *testing.T) {
	dir := t.TempDir()
	f, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteSet("p1", []File{{Name: "sub/a.md", Data: []byte("a")}}, false); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "p1", "sub", "a.md")); err != nil || string(b) != "a" {
		t.Errorf("sub/a.md: %q, %v", b, err)
	}
	if _, err := f.WriteSet("p2", []File{{Name: "a.md", Data: []byte("1")}, {Name: "a.md", Data: []byte("2")}}, false); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "p2", "a.md")); err != nil || string(b) != "2" {
		t.Errorf("a.md given twice: %q, %v (want the last, as before)", b, err)
	}
}

// TestStaleNewFolderRemoved checks that the temporary folder of a set a
// killed run left is removed when the folder is next opened, and that a
// folder a user named like one is left alone unless it matches exactly.
func TestStaleNewFolderRemoved(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".REF-1-data-engineer-head.0123456789ab.tmp")
	kept := filepath.Join(dir, ".notes.tmp")
	for _, d := range []string{stale, kept} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "jd.pdf"), []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale temporary folder is still there (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(kept, "jd.pdf")); err != nil {
		t.Errorf("a user's folder was touched: %v", err)
	}
}

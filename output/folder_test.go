package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteSetRefusesLinks(t *testing.T) {
	root := t.TempDir()
	out, outside := filepath.Join(root, "out"), filepath.Join(root, "outside")
	os.Mkdir(outside, 0o755)
	os.Mkdir(out, 0o755)
	if err := os.Symlink(filepath.Join(outside, "jd.md"), filepath.Join(out, "jd.md")); err != nil {
		t.Fatal(err)
	}
	_, err := WriteSet(out, []File{{Name: "jd.md", Data: []byte("x")}}, true)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(out, "jd.md")+" is a symbolic link") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(outside, "jd.md")); err == nil {
		t.Error("written through the link")
	}
}

// TestWriteSetManifestAfterWriteError: files written before a failing
// write are in the manifest, so the next run does not call them foreign.
func TestWriteSetManifestAfterWriteError(t *testing.T) {
	out := t.TempDir()
	// x is written as a file, so x/y cannot be: its folder is a file.
	files := []File{{Name: "a.md", Data: []byte("a")}, {Name: "x", Data: []byte("x")}, {Name: "x/y", Data: []byte("y")}}
	written, err := WriteSet(out, files, false)
	if err == nil || len(written) != 2 {
		t.Fatalf("written %v, err %v; want a.md written, then an error", written, err)
	}
	f, err := OpenFolder(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := f.ReadManifest("")
	if err != nil || m["a.md"] != Sum([]byte("a")) || m["x"] != Sum([]byte("x")) || len(m) != 2 {
		t.Fatalf("manifest %v, %v: want a.md and x", m, err)
	}
}

func TestOpenFolderLock(t *testing.T) {
	out := t.TempDir()
	a, err := OpenFolder(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteSet(out, []File{{Name: "a.md", Data: []byte("a")}}, false); err == nil || !strings.Contains(err.Error(), "another rolepack run") {
		t.Fatalf("second writer: %v", err)
	}
	a.Close()
	if _, err := WriteSet(out, []File{{Name: "a.md", Data: []byte("a")}}, false); err != nil {
		t.Fatal(err)
	}
}

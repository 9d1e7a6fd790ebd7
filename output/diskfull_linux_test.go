package output

import (
	"bytes"
	"os"
	"strings"
	"syscall"
	"testing"
)

// TestWriteSetDiskFull is issue 14's disk-full reproduction: the files
// written before the disk filled up were left out of the manifest (which
// could not be written either), and the next run refused them as a
// user's. Now the files the run created are taken back, the manifest is
// written, and the folder is as before. It needs a small tmpfs, so it runs
// only where the test may mount one (root).
func TestWriteSetDiskFull(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k"); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, 0) })
	if _, err := WriteSet(dir, []File{{Name: "old.md", Data: []byte("old")}}, false); err != nil {
		t.Fatal(err)
	}
	// old.md and the manifest take a page each; a.md the other 14 pages
	files := []File{{Name: "old.md", Data: []byte("new")}, {Name: "a.md", Data: bytes.Repeat([]byte("x"), 56<<10)}, {Name: "b.md", Data: []byte("b")}}
	_, err := WriteSet(dir, files, false)
	if err == nil || !strings.Contains(err.Error(), "no space left on device") || !strings.Contains(err.Error(), "were removed") {
		t.Fatalf("err = %v", err)
	}
	f, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	m, err := f.ReadManifest("")
	f.Close()
	if err != nil || len(m) != 1 || m["old.md"] != Sum([]byte("new")) {
		t.Errorf("manifest %v, %v: want old.md as replaced", m, err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != ".rolepack-files old.md" {
		t.Errorf("folder holds %v", names)
	}
	// the next run writes, with no --force
	if _, err := WriteSet(dir, []File{{Name: "old.md", Data: []byte("again")}, {Name: "a.md", Data: []byte("a")}}, false); err != nil {
		t.Errorf("next run: %v", err)
	}
}

// TestNewFolderDiskFull checks that a set written as a new folder that
// does not fit leaves nothing: no folder, no temporary folder, and a
// one-line error naming the file.
func TestNewFolderDiskFull(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k"); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, 0) })
	f, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	files := []File{{Name: "a.md", Data: []byte("a")}, {Name: "big.pdf", Data: bytes.Repeat([]byte("x"), 128<<10)}}
	_, err = f.WriteSet("pack", files, false)
	if err == nil || !strings.Contains(err.Error(), "no space left on device") || !strings.Contains(err.Error(), "big.pdf") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != ".rolepack-lock" && !strings.HasPrefix(e.Name(), ".rolepack") {
			t.Errorf("left %s", e.Name())
		}
	}
}

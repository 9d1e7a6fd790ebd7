package output

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// TestWriteFileFunc checks the streamed write the zips of a batch use: the
// file gets the bytes and their SHA-256 is returned; a file that already
// holds those bytes is left alone; a write that fails leaves neither a
// file nor a temporary one behind.
func TestWriteFileFunc(t *testing.T) {
	dir := t.TempDir()
	f, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data := []byte(strings.Repeat("role pack ", 20000)) // past the write buffer
	write := func(w io.Writer) error { _, err := w.Write(data); return err }
	sum, written, err := f.WriteFileFunc("packs/a.zip", write)
	if err != nil || !written || sum != Sum(data) {
		t.Fatalf("first write: sum %s written %v err %v", sum, written, err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "packs", "a.zip")); !bytes.Equal(got, data) {
		t.Fatal("the file does not hold the bytes written")
	}
	before, _ := os.Stat(filepath.Join(dir, "packs", "a.zip"))
	time.Sleep(10 * time.Millisecond)
	if sum2, written, err := f.WriteFileFunc("packs/a.zip", write); err != nil || written || sum2 != sum {
		t.Errorf("same bytes again: written %v err %v", written, err)
	}
	if after, _ := os.Stat(filepath.Join(dir, "packs", "a.zip")); !after.ModTime().Equal(before.ModTime()) {
		t.Error("a file that already held the bytes was rewritten")
	}
	boom := errors.New("disk on fire")
	if _, _, err := f.WriteFileFunc("packs/b.zip", func(w io.Writer) error { w.Write(data); return boom }); !errors.Is(err, boom) {
		t.Errorf("failed write: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "packs"))
	if len(entries) != 1 {
		t.Errorf("after a failed write the folder holds %d entries, want only a.zip", len(entries))
	}
}

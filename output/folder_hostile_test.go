package output

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestStaleTempsRemoved: a run killed mid-write left a .…tmp file no later
// run removed; the next run's OpenFolder removes it, and only it.
func TestStaleTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "pack"), 0o755)
	stale := filepath.Join(dir, "pack", ".jd.pdf.0123456789ab.tmp")
	keep := filepath.Join(dir, "pack", ".notes.tmp")
	for _, p := range []string{stale, keep} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temporary file left: %v", err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("a user's file was removed: %v", err)
	}
}

// TestNonRegularTargetsRefused: -o /dev/null --force replaced the device
// with a regular file; devices, FIFOs and folders are refused, in the
// output folder too.
func TestNonRegularTargetsRefused(t *testing.T) {
	if err := CheckTarget("/dev/null"); err == nil || !strings.Contains(err.Error(), "/dev/null: is a device") {
		t.Errorf("/dev/null: %v", err)
	}
	if err := WriteFileAtomic("/dev/null", []byte("x")); err == nil {
		t.Error("WriteFileAtomic replaced /dev/null")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "jd.md")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	if err := WriteFileAtomic(fifo, []byte("x")); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("FIFO: %v", err)
	}
	f, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.WriteFile("jd.md", []byte("x")); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("FIFO in the folder: %v", err)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", err)
	}
}

package userfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within fails the test if f takes longer than d (a FIFO must not hang).
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still running after %s", d)
	}
}

func TestReadRefusesNonRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "config.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	cases := map[string]string{
		fifo:        "named pipe (FIFO)",
		"/dev/zero": "is a device",
		dir:         "is a directory",
	}
	for p, want := range cases {
		within(t, 2*time.Second, func() {
			_, err := Read(p, Config)
			if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), p+": ") {
				t.Errorf("Read(%s) = %v, want an error naming the path and %q", p, err, want)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("Read(%s): error is not one line: %q", p, err)
			}
		})
	}
}

func TestReadLimit(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := os.WriteFile(p, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := Read(p, 10); err != nil || string(b) != "0123456789" {
		t.Fatalf("at the limit: %q, %v", b, err)
	}
	_, err := Read(p, 9)
	if err == nil || !strings.Contains(err.Error(), "too large: 10 bytes (limit 9 bytes)") {
		t.Fatalf("over the limit: %v", err)
	}
	_, err = Read(filepath.Join(dir, "missing"), 9)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing file: %v is not fs.ErrNotExist", err)
	}
}

// TestLimitedReaderCountsDown is the regression test for textprep's
// limitReader, whose value receiver never counted down: an endless
// reader must stop at the limit.
func TestLimitedReaderCountsDown(t *testing.T) {
	zero, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip(err)
	}
	defer zero.Close()
	within(t, 5*time.Second, func() {
		buf := make([]byte, 0, 4096)
		l := &LimitedReader{R: zero, N: 1 << 20, Limit: 1 << 20, Path: "/dev/zero"}
		total := 0
		for {
			n, err := l.Read(buf[:cap(buf)])
			total += n
			if err != nil {
				if !strings.Contains(err.Error(), "too large") {
					t.Errorf("err = %v", err)
				}
				break
			}
		}
		if total != 1<<20 {
			t.Errorf("read %d bytes, want exactly the limit %d", total, 1<<20)
		}
	})
}

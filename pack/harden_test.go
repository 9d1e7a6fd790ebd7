package pack

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/output"
)

// TestBatchRefusesSymlinkedPackFolder is issue 14's SYM-1 reproduction: a
// pack folder inside --out that is a link to another folder got the pack
// written into that other folder. Now the pack fails naming the link,
// nothing is written outside, and the other rows and the index go on.
func TestBatchRefusesSymlinkedPackFolder(t *testing.T) {
	e := newEnv(t)
	root := t.TempDir()
	out, outside := filepath.Join(root, "out"), filepath.Join(root, "outside")
	for _, d := range []string{out, outside} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(out, "SYM-1-data-engineer-head")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	rows := mustRows(t, "m.csv", "reference,role,level\nSYM-1,data-engineer,head\nOK-1,data-engineer,head\n")
	s, err := e.batch(out, textFormats(t, e)).Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	if s.Failed != 1 || s.Built != 1 {
		t.Fatalf("failed %d, built %d; want 1 and 1", s.Failed, s.Built)
	}
	msg := s.Results[0].Err.Error()
	if !strings.HasPrefix(msg, "m.csv:2: SYM-1: ") || !strings.Contains(msg, link+" is a symbolic link") {
		t.Errorf("error = %q, want m.csv:2 naming the link %s", msg, link)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("%d files written through the link into %s", len(entries), outside)
	}
	if _, err := os.Stat(filepath.Join(out, IndexCSV)); err != nil {
		t.Errorf("no index: %v", err)
	}
	// A link to a file inside the output folder (a zip) is refused too.
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "x.zip"), link+".zip"); err != nil {
		t.Fatal(err)
	}
	s, err = e.batch(out, textFormats(t, e)).Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	if s.Results[0].Status != Failed || !strings.Contains(s.Results[0].Err.Error(), link+".zip is a symbolic link") {
		t.Errorf("zip link: %v", s.Results[0].Err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("%d files written through the zip link", len(entries))
	}
}

// TestBatchLocksOutputFolder: a second run into a folder a run holds
// fails at once with a one-line message, writing nothing.
func TestBatchLocksOutputFolder(t *testing.T) {
	e := newEnv(t)
	out := t.TempDir()
	held, err := output.OpenFolder(out)
	if err != nil {
		t.Fatal(err)
	}
	rows := mustRows(t, "m.csv", "reference,role,level\nR-1,data-engineer,head\n")
	_, err = e.batch(out, textFormats(t, e)).Run(context.Background(), rows)
	if err == nil || !strings.Contains(err.Error(), "another rolepack run is writing to this output folder") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("second run: %v", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("the second run wrote %d files", len(entries))
	}
	held.Close()
	if _, err := e.batch(out, textFormats(t, e)).Run(context.Background(), rows); err != nil {
		t.Fatalf("after the first run ends: %v", err)
	}
}

package pack

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
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

// panicWriter panics on documents whose title holds "BOOM", as a writer
// bug on one pack's data would.
type panicWriter struct{ output.Writer }

func (w panicWriter) Write(out io.Writer, d *doc.Document) error {
	var b bytes.Buffer
	if err := w.Writer.Write(&b, d); err != nil {
		return err
	}
	if bytes.Contains(b.Bytes(), []byte("BOOM")) {
		panic("index out of range [-1]")
	}
	_, err := out.Write(b.Bytes())
	return err
}

// TestBatchPanicFailsOnlyItsPack: a panic while building one pack fails
// that pack with its manifest line; the other packs and the index go on
// (issue 14: a chart panic killed the whole batch, with no index).
func TestBatchPanicFailsOnlyItsPack(t *testing.T) {
	e := newEnv(t)
	out := t.TempDir()
	formats := textFormats(t, e)
	formats[0].Writer = panicWriter{formats[0].Writer}
	rows := mustRows(t, "m.csv", "reference,role,level,location\nA-1,data-engineer,head,York\nB-2,data-engineer,head,BOOM\nC-3,data-engineer,head,Leeds\n")
	s, err := e.batch(out, formats).Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	if s.Built != 2 || s.Failed != 1 || s.Results[1].Status != Failed {
		t.Fatalf("built %d, failed %d: %v", s.Built, s.Failed, firstErr(s))
	}
	if msg := s.Results[1].Err.Error(); !strings.HasPrefix(msg, "m.csv:3: B-2: internal error") {
		t.Errorf("error = %q", msg)
	}
	idx, err := os.ReadFile(filepath.Join(out, IndexCSV))
	if err != nil || !strings.Contains(string(idx), "B-2") {
		t.Errorf("index: %v\n%s", err, idx)
	}
}

// TestReferencesThatMakeOneName: two references that make the same pack
// name once made safe are not "a repeated reference": the error names
// both as written and says what to do (issue 14).
func TestReferencesThatMakeOneName(t *testing.T) {
	e := newEnv(t)
	rows := mustRows(t, "vacancies.csv", "reference,role,level\n"+
		"REF/1,data-engineer,head\n"+
		"REF:1,data-engineer,head\n"+
		"ref-1,data-engineer,head\n"+
		"REF/1,data-engineer,head\n")
	s, err := e.batch(filepath.Join(t.TempDir(), "packs"), textFormats(t, e)).Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"",
		`vacancies.csv:3: reference "REF:1" here and "REF/1" at line 2 both make the pack name REF-1-data-engineer-head (pack names keep letters, digits, '.', '_' and '-', and ignore case): give them different references`,
		`vacancies.csv:4: reference "ref-1" here and "REF/1" at line 2 both make the pack name ref-1-data-engineer-head`,
		`vacancies.csv:5: the same pack (REF-1-data-engineer-head) as line 2: reference, role and level repeat`,
	}
	for i, r := range s.Results {
		got := ""
		if r.Err != nil {
			got = r.Err.Error()
		}
		if !strings.HasPrefix(got, want[i]) || (want[i] == "") != (got == "") {
			t.Errorf("row %d: %q, want %q", i+2, got, want[i])
		}
	}
}

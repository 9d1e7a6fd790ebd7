package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output/pdf"
)

// checkFiles writes a good PDF, one broken on purpose (PDF/A part 3) and
// a text file into a temporary folder.
func checkFiles(t *testing.T) (good, broken, text string) {
	t.Helper()
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{
		Meta: doc.Meta{Title: "Check", Language: "en-GB", Author: "Example"},
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: []doc.Inline{{Text: "Check"}}},
			&doc.Paragraph{Text: []doc.Inline{{Text: "A paragraph."}}},
		},
	}
	var b bytes.Buffer
	if err := w.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good, broken, text = filepath.Join(dir, "good.pdf"), filepath.Join(dir, "broken.pdf"), filepath.Join(dir, "notes.pdf")
	bad := bytes.Replace(b.Bytes(), []byte("<pdfaid:part>2<"), []byte("<pdfaid:part>3<"), 1)
	for p, data := range map[string][]byte{good: b.Bytes(), broken: bad, text: []byte("not a PDF at all\n")} {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return good, broken, text
}

func TestCheckPassesAGoodPDF(t *testing.T) {
	good, _, _ := checkFiles(t)
	stdout, stderr, err := run(t, nil, "check", good)
	if err != nil || stdout != "" || !strings.HasPrefix(stderr, "ok: 1 file(s) pass the ") {
		t.Errorf("err %v stdout %q stderr %q", err, stdout, stderr)
	}
}

func TestCheckNamesTheClauseAndExitsOne(t *testing.T) {
	good, broken, text := checkFiles(t)
	missing := filepath.Join(filepath.Dir(good), "missing.pdf")
	stdout, _, err := run(t, nil, "check", good, broken, text, missing)
	var ex *exitError
	if !errors.As(err, &ex) || ex.code != 1 || ex.msg != "1 of 4 file(s) fail the check, 2 could not be read as a PDF" {
		t.Fatalf("want exit 1 with a summary, got %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want one line per failed rule or unreadable file, got %q", stdout)
	}
	if want := broken + `: ISO 19005-2 6.6.4 (PDF/A identification): pdfaid:part "3", pdfaid:conformance "A": want 2 and A`; lines[0] != want {
		t.Errorf("line %q, want %q", lines[0], want)
	}
	if lines[1] != text+": not a PDF" {
		t.Errorf("line %q", lines[1])
	}
	if !strings.HasPrefix(lines[2], missing+": ") || strings.Count(lines[2], missing) != 1 {
		t.Errorf("line %q", lines[2])
	}
}

func TestCheckJSON(t *testing.T) {
	good, broken, _ := checkFiles(t)
	stdout, _, err := run(t, nil, "check", "--json", good, broken)
	if err == nil {
		t.Fatal("want exit 1")
	}
	var rs []struct {
		File     string
		Error    string
		Findings []struct {
			Rule    struct{ ID, Spec, Clause, Title string }
			Message string
			Count   int
		}
	}
	if err := json.Unmarshal([]byte(stdout), &rs); err != nil {
		t.Fatalf("%v in %s", err, stdout)
	}
	if len(rs) != 2 || len(rs[0].Findings) != 0 || len(rs[1].Findings) != 1 || rs[1].Findings[0].Rule.Clause != "6.6.4" || rs[1].Findings[0].Rule.Spec != "ISO 19005-2" || rs[1].Findings[0].Count != 1 {
		t.Errorf("JSON %s", stdout)
	}
}

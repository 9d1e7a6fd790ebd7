package reference

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"testing"
)

//go:generate go test -run TestBuild -args -out reference.docx

var out = flag.String("out", "", "also write reference.docx to this path")

// TestBuild assembles reference.docx from the parts and checks that every
// part is there and well-formed, so a user can open it in Word to restyle it.
func TestBuild(t *testing.T) {
	var buf bytes.Buffer
	if err := Build(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("reference.docx is not a zip: %v", err)
	}
	if zr.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first part is %s, want [Content_Types].xml", zr.File[0].Name)
	}
	seen := map[string]bool{}
	for _, f := range zr.File {
		seen[f.Name] = true
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed: %v", f.Name, err)
			}
		}
	}
	for _, want := range []string{"_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
		"word/styles.xml", "word/numbering.xml", "word/settings.xml", "word/header1.xml",
		"word/footer1.xml", "word/fontTable.xml", "docProps/app.xml", "docProps/core.xml"} {
		if !seen[want] {
			// Editors drop parts they do not use (LibreOffice drops
			// numbering.xml); README.md step 4.
			t.Errorf("reference.docx lacks %s: restore it with git restore templates/reference/parts/%s", want, want)
		}
	}
	var again bytes.Buffer
	if err := Build(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two builds of reference.docx differ")
	}
	if *out != "" {
		if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/rolepack/rolepack/doc"
)

// TestFloorsAndJD checks what the benchmark's figures rest on: jd.json is
// the whole default JD (its title and every heading, in order), and each
// floor makes a file a real reader accepts, so that no floor is fast for
// making less than a document. No timing is asserted.
func TestFloorsAndJD(t *testing.T) {
	d, err := defaultJD(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	data, err := marshalJD(toJD(d))
	if err != nil {
		t.Fatal(err)
	}
	var jd jdFile
	if err := json.Unmarshal(data, &jd); err != nil {
		t.Fatalf("jd.json does not read back: %v", err)
	}
	var headings []string
	for _, b := range d.Blocks {
		if h, ok := b.(*doc.Heading); ok {
			headings = append(headings, doc.PlainText(h.Text))
		}
	}
	if len(headings) < 5 {
		t.Fatalf("the default JD has %d headings; expected a full job description", len(headings))
	}

	t.Run("jd.json", func(t *testing.T) {
		if jd.Title == "" || jd.Title != d.Meta.Title {
			t.Errorf("jd.json title = %q, want the JD's %q", jd.Title, d.Meta.Title)
		}
		var got []string
		kinds := map[string]int{}
		for _, b := range jd.Blocks {
			kinds[b.Type]++
			if b.Type == "heading" {
				got = append(got, b.Text)
			}
		}
		if strings.Join(got, "\n") != strings.Join(headings, "\n") {
			t.Errorf("jd.json headings:\n%s\nwant the JD's:\n%s", strings.Join(got, "\n"), strings.Join(headings, "\n"))
		}
		for _, k := range []string{"paragraph", "list", "table"} {
			if kinds[k] == 0 {
				t.Errorf("jd.json has no %s block; the JD has them", k)
			}
		}
	})

	// The fpdf floors are a module of their own (./fpdffloor): build it
	// against both fpdfs as peerbench does, without the network, and run
	// each build once per font setup.
	t.Run("fpdf floors", func(t *testing.T) {
		if _, err := exec.LookPath("go"); err != nil {
			t.Skip("the go command is not on PATH; the fpdf floors are built with it")
		}
		root, err := moduleRoot()
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		w, err := prepare(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		offline := append(os.Environ(), "GOPROXY=off")
		for _, b := range fpdfBuilds {
			t.Run(b.name, func(t *testing.T) {
				bin, err := buildFloor(context.Background(), root, dir, b, offline)
				if err != nil {
					if b.name == "stock" {
						// Stock fpdf comes from the module cache; the root
						// module never downloads it (go.mod replaces it).
						t.Skipf("stock fpdf is not in the module cache and the test does not download it (GOPROXY=off); `go mod download` in tools/peerbench/fpdffloor fetches it: %v", err)
					}
					t.Fatal(err)
				}
				for _, setup := range []string{"core", "liberation"} {
					t.Run(setup, func(t *testing.T) {
						f := fpdfFloor{build: b.name, setup: setup, file: b.name + "-" + setup + ".pdf"}
						ms, _, skipped := runFloor(context.Background(), bin, f, w, options{n: 1})
						if skipped != "" || ms <= 0 {
							t.Fatalf("floor gave %v ms: %s", ms, skipped)
						}
						data, err := os.ReadFile(filepath.Join(dir, f.file))
						if err != nil {
							t.Fatal(err)
						}
						conf := model.NewDefaultConfiguration()
						if err := api.Validate(bytes.NewReader(data), conf); err != nil {
							t.Fatalf("pdfcpu rejects the floor's PDF: %v", err)
						}
						n, err := api.PageCount(bytes.NewReader(data), conf)
						if err != nil || n < 2 {
							t.Errorf("floor PDF has %d pages (%v); the JD runs to several", n, err)
						}
					})
				}
			})
		}
	})

	t.Run("zip floor", func(t *testing.T) {
		var b bytes.Buffer
		if err := writeFloorDOCX(&b, &jd); err != nil {
			t.Fatal(err)
		}
		z, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
		if err != nil {
			t.Fatalf("the floor's DOCX is not a zip: %v", err)
		}
		f, err := z.Open("word/document.xml")
		if err != nil {
			t.Fatalf("no word/document.xml: %v", err)
		}
		defer f.Close()
		body, err := io.ReadAll(f)
		if err != nil {
			t.Fatal(err)
		}
		var esc strings.Builder
		xmlEscape(&esc, headings[0])
		if !bytes.Contains(body, []byte(esc.String())) {
			t.Errorf("word/document.xml lacks the JD's first heading %q", headings[0])
		}
		// The XML must be well-formed, as Word refuses a document that is not.
		dec := xml.NewDecoder(bytes.NewReader(body))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("word/document.xml is not well-formed: %v", err)
			}
		}
	})
}

package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/rolepack/rolepack/render/doc"
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

	for name, setup := range map[string]fontSetup{"core Helvetica": coreHelvetica, "Liberation Sans per document": liberationPerDocument} {
		t.Run("fpdf floor, "+name, func(t *testing.T) {
			var b bytes.Buffer
			if err := writeFloorPDF(&b, &jd, setup); err != nil {
				t.Fatal(err)
			}
			conf := model.NewDefaultConfiguration()
			if err := api.Validate(bytes.NewReader(b.Bytes()), conf); err != nil {
				t.Fatalf("pdfcpu rejects the floor's PDF: %v", err)
			}
			n, err := api.PageCount(bytes.NewReader(b.Bytes()), conf)
			if err != nil || n < 2 {
				t.Errorf("floor PDF has %d pages (%v); the JD runs to several", n, err)
			}
		})
	}

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

package output_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output"
)

// TestOnlySafeLinksLive: DOCX and PDF made javascript:, file: and data:
// links live (issue 14); now, as in HTML, only http, https and mailto
// (and #anchors) are, and the text of the others stays.
func TestOnlySafeLinksLive(t *testing.T) {
	formats, err := output.NewFormats()
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{Meta: doc.Meta{Title: "Links"}, Blocks: []doc.Block{&doc.Paragraph{Text: []doc.Inline{
		{Text: "js ", Link: "javascript:alert(1)"},
		{Text: "file ", Link: "file:///etc/passwd"},
		{Text: "data ", Link: "data:text/html,<b>x</b>"},
		{Text: "web ", Link: "https://www.gov.uk/jobs"},
		{Text: "mail", Link: "mailto:jobs@example.gov.uk"},
	}}}}
	bad := []string{"javascript:", "file:", "data:text"}
	good := []string{"https://www.gov.uk/jobs", "mailto:jobs@example.gov.uk"}
	for _, name := range []string{"docx", "pdf"} {
		fs, err := formats.Lookup([]string{name})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := fs[0].Writer.Write(&b, d); err != nil {
			t.Fatal(err)
		}
		text := b.String()
		if name == "docx" {
			zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
			if err != nil {
				t.Fatal(err)
			}
			var all strings.Builder
			for _, f := range zr.File {
				if strings.HasSuffix(f.Name, ".rels") || f.Name == "word/document.xml" {
					rc, _ := f.Open()
					io.Copy(&all, rc)
					rc.Close()
				}
			}
			text = all.String()
			if n := strings.Count(text, "<w:hyperlink"); n != 2 {
				t.Errorf("docx: %d hyperlinks, want 2", n)
			}
			if !strings.Contains(text, "js </w:t>") {
				t.Errorf("docx: the text of a refused link is gone")
			}
		}
		for _, s := range bad {
			if strings.Contains(text, s) {
				t.Errorf("%s: %s link made live", name, s)
			}
		}
		for _, s := range good {
			if !strings.Contains(text, s) {
				t.Errorf("%s: %s link missing", name, s)
			}
		}
	}
}

package main

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/templates/reference"
)

// writeLetterhead writes a letterhead made from rolepack's own reference
// document with its header placeholders replaced by letterhead ones, the
// title split over three runs as Word splits it.
func writeLetterhead(t *testing.T, dir string) string {
	t.Helper()
	var ref bytes.Buffer
	if err := reference.Build(&ref); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(ref.Bytes()), int64(ref.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		s := string(b)
		s = strings.Replace(s, "{{HEADER_LEFT}}", `{{ti</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>tl</w:t></w:r><w:r><w:t>e}}`, 1)
		s = strings.Replace(s, "{{HEADER_RIGHT}}", "{{organisation}}", 1)
		s = strings.Replace(s, "{{FOOTER}}", "Issued {{date}}", 1)
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(s))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "letterhead.docx")
	if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBrandCheckListsPlaceholders(t *testing.T) {
	p := writeLetterhead(t, t.TempDir())
	stdout, _, err := run(t, nil, "brand", "check", p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"placeholders: {{date}} in word/footer1.xml, {{title}} in word/header1.xml (split over 3 runs), {{organisation}} in word/header1.xml\n",
		"page: A4 portrait, 210 × 297 mm",
		"headers: word/header1.xml (default)\n",
		"body: no {{body}}",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("brand check output lacks %q:\n%s", want, stdout)
		}
	}
	_, _, err = run(t, nil, "brand", "check", filepath.Join(t.TempDir(), "none.docx"))
	if err == nil || strings.Contains(err.Error(), "\n") {
		t.Errorf("missing file: err = %v, want one line", err)
	}
}

// TestBrandReachesEveryFormat generates with a letterhead and brand
// colours: the DOCX is the letterhead with its placeholders filled, the
// PDF draws with the primary colour and the HTML styles with it.
func TestBrandReachesEveryFormat(t *testing.T) {
	dir := t.TempDir()
	lh := writeLetterhead(t, dir)
	out := filepath.Join(dir, "out")
	_, _, err := run(t, fixedDate, "generate", "--doc", "jd", "--format", "docx,pdf,html", "--out", out,
		"--reference-doc", lh, "--set", "brand.primary=#c8102e", "--set", "brand.accent=#00857c", "--set", "brand.font=Liberation Serif")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, "jd.docx"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(b, []byte("{{")) {
			t.Errorf("jd.docx %s still holds a placeholder", f.Name)
		}
		if f.Name == "word/header1.xml" && !bytes.Contains(b, []byte("Head of data engineering")) {
			t.Errorf("header: title not filled in:\n%s", b)
		}
	}

	pdf, err := os.ReadFile(filepath.Join(out, "jd.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	content := inflateStreams(pdf)
	// fpdf writes colours as fractions: #c8102e is 0.784 0.063 0.180.
	if !strings.Contains(content, "0.784 0.063 0.180 rg") {
		t.Error("the PDF never fills with the brand's primary colour")
	}
	if !strings.Contains(content, "0.000 0.522 0.486 RG") {
		t.Error("the PDF never strokes with the brand's accent colour")
	}
	if !bytes.Contains(pdf, []byte("+LiberationSerif\n")) { // a subset tag, then the PostScript name
		t.Error("the PDF does not embed the brand typeface")
	}
	html, err := os.ReadFile(filepath.Join(out, "jd.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"h1, h2, h3, h4, h5, h6 { color: #c8102e; }", `font-family: "Liberation Serif"`, "border-bottom-color: #00857c"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("the HTML CSS lacks %q", want)
		}
	}

	_, _, err = run(t, fixedDate, "generate", "--doc", "jd", "--format", "pdf", "--out", out, "--set", "brand.primary=crimson")
	if err == nil || !strings.Contains(err.Error(), `brand.primary: "crimson" is not a hex colour`) {
		t.Errorf("bad colour: err = %v", err)
	}
}

// inflateStreams returns the PDF's Flate streams decompressed, joined.
func inflateStreams(pdf []byte) string {
	var all strings.Builder
	re := regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)
	for _, m := range re.FindAllSubmatch(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(zr)
		all.Write(b)
	}
	return all.String()
}

//go:build e2e

package pdf_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/output/pdf"
)

// pdfjsElement is an element of a page's structure tree as pdf.js reads
// it (testdata/pdfjs/structure.mjs).
type pdfjsElement struct {
	Role  string `json:"role"`
	Depth int    `json:"depth"`
	Alt   string `json:"alt"`
	Text  string `json:"text"`
}

// pdfjsStructure runs pdf.js on b and returns each page's elements in
// tree order.
func pdfjsStructure(t *testing.T, b []byte) [][]pdfjsElement {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("ROLEPACK_REQUIRE_TOOLS") == "1" {
			t.Fatal("node is required (ROLEPACK_REQUIRE_TOOLS=1) but not installed: apt-get install nodejs npm")
		}
		t.Skip("node not installed (apt-get install nodejs npm)")
	}
	dir, err := filepath.Abs(filepath.Join("testdata", "pdfjs"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "pdfjs-dist")); err != nil {
		if os.Getenv("ROLEPACK_REQUIRE_TOOLS") == "1" {
			t.Fatalf("pdfjs-dist is required (ROLEPACK_REQUIRE_TOOLS=1): npm ci --prefix output/pdf/testdata/pdfjs --omit=optional")
		}
		t.Skip("pdfjs-dist not installed: npm ci --prefix output/pdf/testdata/pdfjs --omit=optional")
	}
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	js := filepath.Join(filepath.Dir(f), "structure.json")
	if out, err := exec.Command(node, filepath.Join(dir, "structure.mjs"), f, js).CombinedOutput(); err != nil {
		t.Fatalf("pdf.js: %v\n%s", err, out)
	}
	data, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Pages []struct {
			Elements []pdfjsElement `json:"elements"`
		} `json:"pages"`
	}
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("pdf.js output: %v", err)
	}
	var pages [][]pdfjsElement
	for _, p := range out.Pages {
		pages = append(pages, p.Elements)
	}
	return pages
}

// TestPdfjsReadsTheStructure has pdf.js, a second reader, read the
// structure tree of the JD, person specification, scoring sheet, PDP and
// career map, and compares what it finds with our own reading (checkTagged):
// the headings in order with their text, the figures' alternative text,
// the number of header cells, and the text under the structure, page by
// page joined.
func TestPdfjsReadsTheStructure(t *testing.T) {
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	docs := everyDocument(t, printCases[0])
	var checked []string
	for stem, d := range docs {
		if !slices.Contains([]string{"jd", "spec", "pdp", "progression"}, stem) && !strings.HasPrefix(stem, "scoring") {
			continue
		}
		checked = append(checked, stem)
		var b bytes.Buffer
		if err := w.Write(&b, d); err != nil {
			t.Fatal(err)
		}
		tg := checkTagged(t, stem, b.Bytes())
		pages := pdfjsStructure(t, b.Bytes())
		if len(pages) != len(tg.pageNr) {
			t.Fatalf("%s: pdf.js reads %d pages, we %d", stem, len(pages), len(tg.pageNr))
		}

		var ours, theirs []string
		for _, h := range tg.root.headings() {
			ours = append(ours, h.typ+" "+words(tg.text(h)))
		}
		var alts []string
		for _, f := range tg.root.find("Figure") {
			alts = append(alts, f.alt)
		}
		var theirAlts []string
		ths, text := 0, ""
		for _, els := range pages {
			for _, e := range els {
				switch {
				case len(e.Role) == 2 && e.Role[0] == 'H':
					theirs = append(theirs, e.Role+" "+words(e.Text))
				case e.Role == "Figure":
					theirAlts = append(theirAlts, e.Alt)
				case e.Role == "TH":
					ths++
				case e.Role == "Root":
					text += e.Text
				}
			}
		}
		if len(ours) == 0 || !slices.Equal(ours, theirs) {
			t.Errorf("%s: headings\nours:   %q\npdf.js: %q", stem, ours, theirs)
		}
		if !slices.Equal(alts, theirAlts) {
			t.Errorf("%s: figures' Alt: ours %q, pdf.js %q", stem, alts, theirAlts)
		}
		if n := len(tg.root.find("TH")); n != ths {
			t.Errorf("%s: %d TH elements, pdf.js reads %d", stem, n, ths)
		}
		// pdf.js reads the structure a page at a time (getStructTree is
		// per page), so an element whose text runs onto the next page (a
		// tall table row broken across pages) gives its first part with
		// the first page and the rest with the next: our reading is
		// joined the same way, page by page in tree order. pdf.js ends
		// each line with a space, between blocks too, where our reading
		// joins blocks with none: the text is compared without white
		// space, character by character.
		var byPage strings.Builder
		for _, nr := range tg.pageNr {
			tg.pageText(tg.root, nr, &byPage)
		}
		if o, p := strings.Join(strings.Fields(byPage.String()), ""), strings.Join(strings.Fields(text), ""); o != p {
			i := 0
			for i < len(o) && i < len(p) && o[i] == p[i] {
				i++
			}
			t.Errorf("%s: the text under the structure differs at byte %d\nours:   %.120q\npdf.js: %.120q", stem, i, o[max(0, i-40):], p[max(0, i-40):])
		}
	}
	slices.Sort(checked)
	t.Logf("checked %v", checked)
	if len(checked) < 5 {
		t.Errorf("checked %v, want the JD, spec, a scoring sheet, the PDP and the career map", checked)
	}
}

// words is s with its runs of white space made one space.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

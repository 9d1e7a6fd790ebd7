//go:build e2e

package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output/pdf"
)

// pdfinfo runs poppler's pdfinfo with args on b, skipping the test when it
// is absent unless ROLEPACK_REQUIRE_TOOLS=1 asks for it.
func pdfinfo(t *testing.T, b []byte, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("pdfinfo")
	if err != nil {
		if os.Getenv("ROLEPACK_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdfinfo is required (ROLEPACK_REQUIRE_TOOLS=1) but not installed: apt-get install poppler-utils")
		}
		t.Skip("pdfinfo not installed (apt-get install poppler-utils)")
	}
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, append(args, f)...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// structLine is one line of pdfinfo -struct-text: an element or its text.
type structLine struct {
	elem, text string
}

// readStructText parses pdfinfo -struct-text output into its element and
// text lines, in order.
func readStructText(s string) []structLine {
	var out []structLine
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "/"):
		case strings.HasPrefix(l, `"`):
			out = append(out, structLine{text: strings.TrimSuffix(strings.TrimPrefix(l, `"`), `"`)})
		default:
			out = append(out, structLine{elem: strings.TrimSuffix(strings.Fields(l)[0], ":")})
		}
	}
	return out
}

// TestPopplerReadsTheStructure checks the default JD, scoring sheet and PDP
// as poppler reads them: tagged, with headings in the document's order,
// tables of header and data cells, lists, the PDP's chart as a figure, and
// no running header or footer text inside the structure.
func TestPopplerReadsTheStructure(t *testing.T) {
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	docs := everyDocument(t, printCases[0])
	want := map[string][]string{
		"jd":      {"Document", "H1", "H2", "P", "Table", "TR", "TH", "TD", "L", "LI", "Lbl", "LBody"},
		"scoring": {"Document", "H1", "H2", "P", "Table", "TR", "TH", "TD"},
		"pdp":     {"Document", "H1", "H2", "P", "Table", "TR", "TH", "TD", "Figure"},
	}
	for stem, elems := range want {
		t.Run(stem, func(t *testing.T) {
			d := docs[stem]
			if d == nil {
				t.Fatalf("no %s document", stem)
			}
			var b bytes.Buffer
			if err := w.Write(&b, d); err != nil {
				t.Fatal(err)
			}
			if info := pdfinfo(t, b.Bytes()); !strings.Contains(info, "\nTagged:          yes") {
				t.Fatalf("pdfinfo does not report Tagged: yes:\n%s", info)
			}
			lines := readStructText(pdfinfo(t, b.Bytes(), "-struct-text"))
			seen := map[string]bool{}
			var headings []string // text of each H1-H6, in the structure's order
			var all strings.Builder
			for i, l := range lines {
				seen[l.elem] = true
				if len(l.elem) == 2 && l.elem[0] == 'H' && i+1 < len(lines) && lines[i+1].elem == "" {
					headings = append(headings, lines[i+1].text)
				}
				all.WriteString(l.text + "\n")
			}
			for _, e := range elems {
				if !seen[e] {
					t.Errorf("no %s element in the structure", e)
				}
			}
			var order []string // the document's headings, in reading order
			for _, b := range d.Blocks {
				if h, ok := b.(*doc.Heading); ok {
					order = append(order, strings.Join(strings.Fields(doc.PlainText(h.Text)), " "))
				}
			}
			for i := range headings {
				headings[i] = strings.Join(strings.Fields(headings[i]), " ")
			}
			if !slices.Equal(headings, order) {
				t.Errorf("headings in the structure:\n%q\nwant the document's, in order:\n%q", headings, order)
			}
			text := all.String()
			if strings.Contains(text, "Page 1 of") {
				t.Error("page numbers inside the structure")
			}
			if f := strings.TrimSpace(d.Meta.Footer); f != "" && strings.Contains(text, f) {
				t.Errorf("footer %q inside the structure", f)
			}
			if hl := strings.TrimSpace(d.Meta.HeaderLeft); hl != "" && strings.Count(text, hl+"\n") > 0 {
				t.Errorf("running header %q inside the structure", hl)
			}
		})
	}
}

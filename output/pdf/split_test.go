package pdf_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output/pdf"
)

// rowDoc is a document of a title, filler paragraphs and a table of
// short rows (too many for the table to be kept whole) and then, for each
// of lines, a row labelled "Data visualisation N" whose second cell holds
// that many one-line sentences.
func rowDoc(filler int, continued string, lines ...int) *doc.Document {
	in := func(s string) []doc.Inline { return []doc.Inline{{Text: s}} }
	cell := func(s string) doc.Cell { return doc.Cell{Text: in(s)} }
	d := &doc.Document{Meta: doc.Meta{Title: "Career map", Language: "en-GB", Continued: continued}}
	d.Blocks = append(d.Blocks, &doc.Heading{Level: 1, Text: in("Career map")})
	for i := range filler {
		d.Blocks = append(d.Blocks, &doc.Paragraph{Text: in(fmt.Sprintf("Filler paragraph %d: what the role asks at each level, side by side, to read across a row and see an expectation grow over the levels of the role.", i+1))})
	}
	t := &doc.Table{Header: []doc.Cell{cell("Skill"), cell("Level one"), cell("Level two")}, Widths: []float64{0.3, 0.35, 0.35}, RowHeaders: true}
	for range doc.KeepTableRows {
		t.Rows = append(t.Rows, []doc.Cell{cell("Data ethics"), cell("Explains the ethics of data."), cell("Applies it.")})
	}
	for n, k := range lines {
		var runs []doc.Inline
		for j := range k {
			if j > 0 {
				runs = append(runs, doc.Inline{Break: true})
			}
			runs = append(runs, doc.Inline{Text: fmt.Sprintf("Sentence %d of row %d.", j+1, n+1)})
		}
		t.Rows = append(t.Rows, []doc.Cell{cell(fmt.Sprintf("Data visualisation %d", n+1)), {Text: runs}, cell("As at level one.")})
	}
	d.Blocks = append(d.Blocks, t)
	return d
}

// layOut writes d and reads it back: its trace and its tagged content.
func layOut(t *testing.T, d *doc.Document) (*pdf.Trace, *tagged) {
	t.Helper()
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	tr, err := w.Layout(d)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := w.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	return tr, checkTagged(t, "rows", b.Bytes())
}

// artifacts is the text each page marks as artifact (running header,
// repeated header row, continued labels, footer), page 1 first.
func artifacts(tg *tagged) []string {
	out := make([]string, len(tg.pageNr))
	for i, nr := range tg.pageNr {
		out[i] = tg.pages[nr].artifact
	}
	return out
}

// TestTallRowSplitsAcrossPages: a row of forty lines below a page of
// filler starts at the foot of the page it begins on, filling it, and
// goes on at the top of the next under the repeated header row, its label
// marked as continued (an artifact: the structure holds the label once).
func TestTallRowSplitsAcrossPages(t *testing.T) {
	tr, tg := layOut(t, rowDoc(2, "", 40))
	if len(tr.Pages) != 2 {
		t.Fatalf("%d pages, want 2", len(tr.Pages))
	}
	p1 := tr.Pages[0]
	if p1.Last != "row" || p1.Used < p1.Body-15 {
		t.Errorf("page 1 ends with %s %q filled %.0f of %.0f mm: the tall row does not start at its foot", p1.Last, p1.Text, p1.Used, p1.Body)
	}
	art := artifacts(tg)
	if !strings.Contains(art[1], "Data visualisation 1 (continued)") || !strings.Contains(art[1], "Level one") {
		t.Errorf("page 2 does not open with the header row and the continued label: %.200q", art[1])
	}
	if strings.Contains(art[0], "continued") {
		t.Error("page 1 labels a row continued")
	}
	if n := strings.Count(tg.text(tg.root), "Data visualisation 1"); n != 1 {
		t.Errorf("the structure holds the label %d times, want 1", n)
	}
	for _, p := range paginationProblems(tr) {
		t.Error(p)
	}
}

// TestShortRowsStayWhole: rows of five lines are never split (each moves
// whole to the next page when it does not fit), so no page labels a row
// continued.
func TestShortRowsStayWhole(t *testing.T) {
	lines := make([]int, 24)
	for i := range lines {
		lines[i] = 5
	}
	tr, tg := layOut(t, rowDoc(3, "", lines...))
	if len(tr.Pages) < 3 {
		t.Fatalf("%d pages, want 3 or more", len(tr.Pages))
	}
	for i, a := range artifacts(tg) {
		if strings.Contains(a, "continued") {
			t.Errorf("page %d labels a row continued: a five-line row was split", i+1)
		}
	}
}

// TestRowSplitLeavesThreeLines: a tall row is split only where three of
// its lines fit at the foot of the page and three go on to the next; with
// less room left it moves whole. Every split leaves the page before its
// foot with less than three lines' room, unless the rows above the tall
// one went down with it to fill the last page beyond a third (what would
// have gone on there was the row's last lines alone), leaving the page
// before two-thirds filled.
func TestRowSplitLeavesThreeLines(t *testing.T) {
	const line = 9.5 * 1.38 / (72 / 25.4) // a table line in mm
	for filler := 4; filler <= 16; filler++ {
		tr, tg := layOut(t, rowDoc(filler, "", 12))
		art := artifacts(tg)
		n := len(tr.Pages)
		for i, p := range tr.Pages[:n-1] {
			split := strings.Contains(art[i+1], "(continued)")
			last := tr.Pages[n-1]
			balanced := i == n-2 && last.Used > last.Body/3 && p.Used >= p.Body*2/3
			if !split && !balanced && p.Last == "row" && strings.Contains(p.Text, "Data ethics") && p.Body-p.Used > 4*line+3 {
				t.Errorf("filler %d: page %d leaves %.0f mm, room for three lines or more, yet the tall row moved whole", filler, i+1, p.Body-p.Used)
			}
		}
		for _, p := range paginationProblems(tr) {
			t.Errorf("filler %d: %s", filler, p)
		}
	}
}

// TestRowTallerThanAPage goes on over pages, each opening with the label
// continued, in the document's language.
func TestRowTallerThanAPage(t *testing.T) {
	tr, tg := layOut(t, rowDoc(0, "{label} (parhad)", 120))
	if len(tr.Pages) < 3 {
		t.Fatalf("%d pages, want 3 or more", len(tr.Pages))
	}
	for i, a := range artifacts(tg)[1:] {
		if !strings.Contains(a, "Data visualisation 1 (parhad)") {
			t.Errorf("page %d does not label the row continued in Welsh: %.200q", i+2, a)
		}
	}
}

// TestLastPageNotALineAlone: whatever the length of a table ending a
// document, a closing line kept with the rule above it never stands alone
// on the last page: the table gives the last page its last rows (a tall
// last row its last lines).
func TestLastPageNotALineAlone(t *testing.T) {
	for _, last := range []int{2, 9} { // a short last row, a tall one
		for rows := 20; rows <= 34; rows++ {
			lines := make([]int, rows)
			for i := range lines {
				lines[i] = 2
			}
			lines[rows-1] = last
			d := rowDoc(0, "", lines...)
			d.Blocks = append(d.Blocks, &doc.Rule{}, &doc.Paragraph{Text: []doc.Inline{{Text: "Document control: Version 1.0", Style: doc.Italic}}})
			d.Keeps = append(d.Keeps, doc.Span{From: len(d.Blocks) - 2, To: len(d.Blocks)})
			tr, _ := layOut(t, d)
			for _, p := range paginationProblems(tr) {
				t.Errorf("%d rows, the last of %d lines: %s", rows, last, p)
			}
		}
	}
}

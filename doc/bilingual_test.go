package doc

import (
	"strings"
	"testing"
)

// twoLanguages is one small document in Welsh and in English, as the same
// template renders it in each.
func twoLanguages() (*Document, *Document) {
	mk := func(lang, subject, details, purpose, label string) *Document {
		return &Document{
			Meta: Meta{Title: subject + ": Data engineer", Subject: subject, Language: lang, PageLabel: label},
			Blocks: []Block{
				&Heading{Level: 1, Text: []Inline{{Text: "Data engineer"}}},
				&Paragraph{Text: []Inline{{Text: "Example Health"}}},
				&Heading{Level: 2, Text: []Inline{{Text: details}}},
				&Table{RowHeaders: true, Rows: [][]Cell{{{Text: []Inline{{Text: "Band"}}}, {Text: []Inline{{Text: "8a"}}}}}},
				&PageBreak{},
				&Heading{Level: 2, Text: []Inline{{Text: purpose}}},
				&Paragraph{Text: []Inline{{Text: "To build pipelines."}}},
			},
			Keeps: []Span{{From: 5, To: 7}},
		}
	}
	return mk("cy", "Swydd-ddisgrifiad", "Manylion y swydd", "Diben y swydd", "Tudalen {page} o {pages}"),
		mk("en-GB", "Job description", "Job details", "Job purpose", "")
}

func TestBilingualColumnsPairSectionsByHeading(t *testing.T) {
	a, b := twoLanguages()
	d, err := Bilingual(a, b, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Meta.Language != "cy" || d.Meta.Subject != "Swydd-ddisgrifiad / Job description" ||
		d.Meta.Title != "Swydd-ddisgrifiad: Data engineer / Job description: Data engineer" ||
		d.Meta.PageLabel != "Tudalen {page} o {pages} / Page {page} of {pages}" {
		t.Errorf("meta: %+v", d.Meta)
	}
	// The title alone (the same words in both), then the intro, the job
	// details, a page break and the purpose, each a pair of columns.
	if h, ok := d.Blocks[0].(*Heading); !ok || PlainText(h.Text) != "Data engineer" {
		t.Fatalf("block 0: %#v, want the one title", d.Blocks[0])
	}
	var kinds []string
	for _, bl := range d.Blocks[1:] {
		switch x := bl.(type) {
		case *Parallel:
			if x.Cells[0].Tag != "cy" || x.Cells[1].Tag != "en-GB" {
				t.Errorf("cells tagged %q, %q", x.Cells[0].Tag, x.Cells[1].Tag)
			}
			first := func(c Lang) string {
				if h, ok := c.Blocks[0].(*Heading); ok {
					return PlainText(h.Text)
				}
				return "-"
			}
			kinds = append(kinds, first(x.Cells[0])+"|"+first(x.Cells[1]))
		case *PageBreak:
			kinds = append(kinds, "break")
		default:
			t.Errorf("unexpected %T", bl)
		}
	}
	want := "-|- Manylion y swydd|Job details break Diben y swydd|Job purpose"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("blocks %q, want %q", got, want)
	}
	// A table in a column is sized for the column.
	tbl := d.Blocks[2].(*Parallel).Cells[0].Blocks[1].(*Table)
	if len(tbl.Widths) != 2 {
		t.Errorf("column table widths %v", tbl.Widths)
	}
}

func TestBilingualBlocksAndSequential(t *testing.T) {
	a, b := twoLanguages()
	d, err := Bilingual(a, b, LayoutBlocks)
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, bl := range d.Blocks[1:] {
		if l, ok := bl.(*Lang); ok {
			if len(l.Blocks) != 1 {
				t.Errorf("a Lang of %d blocks", len(l.Blocks))
			}
			if h, ok := l.Blocks[0].(*Heading); ok {
				tags = append(tags, l.Tag+":"+PlainText(h.Text))
			}
		}
	}
	if got, want := strings.Join(tags, " "), "cy:Manylion y swydd en-GB:Job details cy:Diben y swydd en-GB:Job purpose"; got != want {
		t.Errorf("blocks layout headings %q, want %q", got, want)
	}

	a, b = twoLanguages()
	d, err = Bilingual(a, b, LayoutSequential)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(d.Blocks); n != 1+6+1+1+6 {
		t.Fatalf("%d blocks, want one title, both documents, a page break and the second's title", n)
	}
	if _, ok := d.Blocks[7].(*PageBreak); !ok {
		t.Errorf("block 7 %T, want the page break between the languages", d.Blocks[7])
	}
	// The second half opens with its own title, in its language, with an
	// id of its own.
	if l := d.Blocks[8].(*Lang); l.Tag != "en-GB" {
		t.Errorf("second half in %q", l.Tag)
	} else if h, ok := l.Blocks[0].(*Heading); !ok || h.Level != 1 || PlainText(h.Text) != "Data engineer" {
		t.Errorf("second half opens with %#v, want its title", l.Blocks[0])
	} else if first := Unwrap(d.Blocks[0]).(*Heading); h.ID != "" && h.ID == first.ID {
		t.Errorf("both titles have the id %q", h.ID)
	}
	if l := d.Blocks[9].(*Lang); l.Tag != "en-GB" {
		t.Errorf("second half in %q", l.Tag)
	}
	if len(d.Keeps) != 2 || d.Keeps[0] != (Span{From: 5, To: 7}) || d.Keeps[1] != (Span{From: 13, To: 15}) {
		t.Errorf("keeps %v, want each document's, the second moved past the first", d.Keeps)
	}
	if _, err := Bilingual(a, b, "side-by-side"); err == nil || !strings.Contains(err.Error(), "columns, blocks, sequential") {
		t.Errorf("bad layout: %v", err)
	}
}

// A section with a wide table or a chart is given in each language at
// full width, even in columns.
func TestBilingualColumnsWideSectionsInTurn(t *testing.T) {
	a, b := twoLanguages()
	for _, d := range []*Document{a, b} {
		d.Blocks[3] = &Table{Header: []Cell{{}, {}, {}}, Rows: [][]Cell{{{}, {}, {}}}}
	}
	d, err := Bilingual(a, b, LayoutColumns)
	if err != nil {
		t.Fatal(err)
	}
	l, ok := d.Blocks[2].(*Lang)
	if !ok || l.Tag != "cy" {
		t.Fatalf("block 2 %#v, want the Welsh heading of the wide section", d.Blocks[2])
	}
	if Unwrap(d.Blocks[4]).(*Heading) == nil || d.Blocks[4].(*Lang).Tag != "en-GB" {
		t.Errorf("block 4 %#v, want the English heading", d.Blocks[4])
	}
}

// A document in one language tags, block by block, what it gives in
// another: whole headings, paragraphs and lists whose every item is; a
// list of both stays as it is, and so does a paragraph with a line in
// each ("Degree in a numerate subject" over "Hanfodol").
func TestMarkLanguage(t *testing.T) {
	english := func(s string) bool { return strings.HasPrefix(s, "The ") }
	item := func(s string) ListItem { return ListItem{Blocks: []Block{&Paragraph{Text: []Inline{{Text: s}}}}} }
	d := &Document{Meta: Meta{Language: "cy"}, Blocks: []Block{
		&Heading{Level: 2, Text: []Inline{{Text: "Prif gyfrifoldebau"}}},
		&List{Items: []ListItem{item("The data"), item("The team")}},
		&List{Items: []ListItem{item("The data"), item("Y tîm")}},
		&Paragraph{Text: []Inline{{Text: "The purpose"}}},
		&List{Items: []ListItem{{Blocks: []Block{&Paragraph{Text: []Inline{{Text: "The degree"}, {Break: true}, {Text: "Hanfodol"}}}}}}},
		&Paragraph{Text: []Inline{{Text: "The degree"}, {Break: true}, {Text: "The purpose"}}},
	}}
	d.MarkLanguage("en-GB", english)
	for i, want := range []bool{false, true, false, true, false, true} {
		l, ok := d.Blocks[i].(*Lang)
		if ok != want || ok && l.Tag != "en-GB" {
			t.Errorf("block %d: %#v, tagged en-GB %v", i, d.Blocks[i], want)
		}
	}
	// the list of both: each item in its language
	if its := d.Blocks[2].(*List).Items; its[0].Lang != "en-GB" || its[1].Lang != "" {
		t.Errorf("the mixed list's items are tagged %q and %q, want en-GB and none", its[0].Lang, its[1].Lang)
	}
	if its := d.Blocks[4].(*List).Items; its[0].Lang != "" {
		t.Errorf("an item with a Welsh line is tagged %q", its[0].Lang)
	}
}

// In a list of Welsh items, an English item's own list has its English
// items tagged, one by one.
func TestMarkLanguageNestedItems(t *testing.T) {
	english := func(s string) bool { return strings.HasPrefix(s, "The ") }
	item := func(s string, more ...Block) ListItem {
		return ListItem{Blocks: append([]Block{&Paragraph{Text: []Inline{{Text: s}}}}, more...)}
	}
	inner := &List{Items: []ListItem{item("The data"), item("Y data")}}
	d := &Document{Meta: Meta{Language: "cy"}, Blocks: []Block{&List{Items: []ListItem{item("Y tîm", inner), item("The team")}}}}
	d.MarkLanguage("en-GB", english)
	outer := d.Blocks[0].(*List)
	if outer.Items[0].Lang != "" || outer.Items[1].Lang != "en-GB" || inner.Items[0].Lang != "en-GB" || inner.Items[1].Lang != "" {
		t.Errorf("items tagged %q %q, inner %q %q", outer.Items[0].Lang, outer.Items[1].Lang, inner.Items[0].Lang, inner.Items[1].Lang)
	}
}

// Subsections as many in each language sit side by side each beside its
// translation, the section's heading with the first.
func TestBilingualColumnsPairSubsections(t *testing.T) {
	mk := func(lang, h2, a, b string) *Document {
		return &Document{Meta: Meta{Language: lang}, Blocks: []Block{
			&Heading{Level: 2, Text: []Inline{{Text: h2}}},
			&Heading{Level: 3, Text: []Inline{{Text: a}}}, &Paragraph{Text: []Inline{{Text: a + "."}}},
			&Heading{Level: 3, Text: []Inline{{Text: b}}}, &Paragraph{Text: []Inline{{Text: b + "."}}},
		}}
	}
	d, err := Bilingual(mk("cy", "Telerau", "Cyfrinachedd", "Diogelu"), mk("en-GB", "Terms", "Confidentiality", "Safeguarding"), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Blocks) != 2 {
		t.Fatalf("%d blocks, want a pair of columns for each clause", len(d.Blocks))
	}
	second := d.Blocks[1].(*Parallel)
	if h := second.Cells[0].Blocks[0].(*Heading); PlainText(h.Text) != "Diogelu" || PlainText(second.Cells[1].Blocks[0].(*Heading).Text) != "Safeguarding" {
		t.Errorf("second pair %q beside %q", PlainText(h.Text), PlainText(second.Cells[1].Blocks[0].(*Heading).Text))
	}
	if n := len(d.Blocks[0].(*Parallel).Cells[0].Blocks); n != 3 {
		t.Errorf("first pair holds %d blocks, want the section heading with the first clause", n)
	}
}

// A note before the first section in one language alone (a Welsh
// document's note that framework text is English) does not put the
// sections out of step.
func TestBilingualIntroInOneLanguage(t *testing.T) {
	a, b := twoLanguages()
	b.Blocks = append(b.Blocks[:1:1], b.Blocks[2:]...) // no intro in English
	for _, layout := range Layouts[:2] {
		d, err := Bilingual(a, b, layout)
		if err != nil {
			t.Fatal(err)
		}
		var heads []string
		var walk func(bs []Block, tag string)
		walk = func(bs []Block, tag string) {
			for _, bl := range bs {
				switch x := bl.(type) {
				case *Heading:
					if x.Level == 2 {
						heads = append(heads, tag+":"+PlainText(x.Text))
					}
				case *Lang:
					walk(x.Blocks, x.Tag)
				case *Parallel:
					walk(x.Cells[0].Blocks, x.Cells[0].Tag)
					walk(x.Cells[1].Blocks, x.Cells[1].Tag)
				}
			}
		}
		walk(d.Blocks, "")
		if got, want := strings.Join(heads, " "), "cy:Manylion y swydd en-GB:Job details cy:Diben y swydd en-GB:Job purpose"; got != want {
			t.Errorf("%s: %s, want %s", layout, got, want)
		}
	}
}

package doc

import (
	"fmt"
	"strings"
)

// Lang is blocks in one language, named by a BCP 47 tag ("cy", "en-GB"):
// writers tag each of them with it (PDF /Lang on their structure
// elements, DOCX w:lang on every run, HTML a lang attribute), so that a
// screen reader speaks them in that language's voice. A bilingual
// document wraps each top-level block in one; a document in one language
// wraps the blocks it leaves in another (framework text with no
// translation) the same way.
type Lang struct {
	Tag    string
	Blocks []Block
}

// Parallel is one passage in two languages side by side, as a bilingual
// document's parallel columns give it: Cells[0] on the left, Cells[1] on
// the right, each half the text width less ColumnGapMM, in the same type
// (equal prominence). A cell holds no Parallel and no PageBreak. Paged
// writers start both cells at the same height and go on below the longer;
// screens too narrow for two columns show the first cell, then the second.
type Parallel struct {
	Cells [2]Lang
}

func (*Lang) block()     {}
func (*Parallel) block() {}

// ColumnGapMM is the space between the two columns of a Parallel.
const ColumnGapMM = 8

// ColumnWidthMM is the width of one column of a Parallel on an A4 page of
// the given orientation.
func ColumnWidthMM(landscape bool) float64 {
	return (TextWidthMM(landscape) - ColumnGapMM) / 2
}

// Unwrap is the block a Lang of one block holds (the form every block of
// a bilingual document takes), else b itself: what pagination asks of a
// block ("is it a heading?") it asks of this.
func Unwrap(b Block) Block {
	for {
		l, ok := b.(*Lang)
		if !ok || len(l.Blocks) != 1 {
			return b
		}
		b = l.Blocks[0]
	}
}

// Layouts of a bilingual document (bilingual.layout).
const (
	// LayoutColumns puts the two languages side by side, section by
	// section (aligned at each top-level heading); a section with a table
	// of three columns or more, or a chart, goes in one language then the
	// other, at full width.
	LayoutColumns = "columns"
	// LayoutBlocks gives each section in the first language, then in the
	// second.
	LayoutBlocks = "blocks"
	// LayoutSequential gives the whole document in the first language,
	// under one title naming both, then, from a new page, in the second,
	// opening with its own title.
	LayoutSequential = "sequential"
)

// Layouts lists the bilingual layouts, the default first.
var Layouts = []string{LayoutColumns, LayoutBlocks, LayoutSequential}

// Bilingual is one document in two languages, a and b, made from the
// same template rendered once in each, laid out by layout (one of
// Layouts; "" is columns). a's language comes first (on the left, or
// before b), and is the document's language. The titles, subject and
// running header give both ("Swydd ddisgrifiad / Job description"); the
// page label both. Keeps are carried over where the layout keeps the
// blocks they span together.
func Bilingual(a, b *Document, layout string) (*Document, error) {
	if a == nil || b == nil {
		return nil, fmt.Errorf("bilingual: two documents are needed")
	}
	la, lb := langOf(a), langOf(b)
	out := &Document{Meta: a.Meta}
	m := &out.Meta
	m.Title = both(a.Meta.Title, b.Meta.Title)
	m.Subject = both(a.Meta.Subject, b.Meta.Subject)
	m.Description = both(a.Meta.Description, b.Meta.Description)
	m.HeaderLeft = both(a.Meta.HeaderLeft, b.Meta.HeaderLeft)
	m.HeaderRight = both(a.Meta.HeaderRight, b.Meta.HeaderRight)
	m.Footer = both(a.Meta.Footer, b.Meta.Footer)
	m.Keywords = append(append([]string(nil), a.Meta.Keywords...), b.Meta.Keywords...)
	m.Keywords = dedupe(m.Keywords)
	pa, pb := a.Meta.PageLabel, b.Meta.PageLabel
	if pa == "" {
		pa = "Page {page} of {pages}"
	}
	if pb == "" {
		pb = "Page {page} of {pages}"
	}
	if pa != pb {
		m.PageLabel = pa + " / " + pb
	}
	m.Embeds = append(append([]Embed(nil), a.Meta.Embeds...), b.Meta.Embeds...)
	m.Languages = []string{la, lb}
	switch layout {
	case "", LayoutColumns:
		out.Blocks = columns(a, b, la, lb)
	case LayoutBlocks:
		out.Blocks = interleave(a, b, la, lb)
	case LayoutSequential:
		out.Blocks, out.Keeps = sequential(a, b, la, lb)
	default:
		return nil, fmt.Errorf("bilingual: layout %q is not one of %s", layout, strings.Join(Layouts, ", "))
	}
	return out, nil
}

// langOf is the document's language, British English when it names none.
func langOf(d *Document) string {
	if l := strings.TrimSpace(d.Meta.Language); l != "" {
		return l
	}
	return "en-GB"
}

// both is "a / b", or a alone when the two are the same (framework text
// with no translation) or b is empty.
func both(a, b string) string {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	switch {
	case a == b || b == "":
		return a
	case a == "":
		return b
	}
	return a + " / " + b
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// tagged wraps each block in a Lang of tag (a block already in a Lang of
// its own, English framework text in a Welsh document, is wrapped as it
// is: it stays in its language within the other's).
func tagged(tag string, bs []Block) []Block {
	out := make([]Block, len(bs))
	for i, b := range bs {
		if _, ok := b.(*PageBreak); ok {
			out[i] = b
			continue
		}
		out[i] = &Lang{Tag: tag, Blocks: []Block{b}}
	}
	return out
}

// section is a run of top-level blocks from one top-level heading to the
// next (the first: what comes before any).
type section struct {
	blocks []Block
	brk    bool // a page break came just before it
}

// sections cuts blocks at each heading of level 2 or above (level 1 only
// after the title) and at page breaks, which stand between sections.
func sections(bs []Block) []section {
	var out []section
	cur := section{}
	title := false
	for _, b := range bs {
		switch x := Unwrap(b).(type) {
		case *PageBreak:
			out = append(out, cur)
			cur = section{brk: true}
			continue
		case *Heading:
			if x.Level == 1 && !title {
				title = true
				break
			}
			if x.Level <= 2 {
				// Even an empty one: a document in one language may open
				// with a note the other has not, and the sections of the
				// two must pair by number.
				out = append(out, cur)
				cur = section{}
			}
		}
		cur.blocks = append(cur.blocks, b)
	}
	return append(out, cur)
}

// columns pairs the sections of a and b in order (the same template gives
// both the same sections) in Parallels; the title heads the page alone,
// both titles in it when they differ.
func columns(a, b *Document, la, lb string) []Block {
	out, sa, sb := opening(a, b, la, lb)
	width := ColumnWidthMM(a.Meta.Landscape)
	for _, p := range paired(sa, sb) {
		x, y := p[0], p[1]
		if (x.brk || y.brk) && len(out) > 0 {
			out = append(out, &PageBreak{})
		}
		if len(x.blocks) == 0 && len(y.blocks) == 0 {
			continue
		}
		if wide(x.blocks) || wide(y.blocks) {
			// A table of three columns or more, or a chart, is unreadable
			// in half a page: the section goes in each language in turn,
			// at full width.
			out = append(out, tagged(la, x.blocks)...)
			out = append(out, tagged(lb, y.blocks)...)
			continue
		}
		setWidthsIn(x.blocks, width)
		setWidthsIn(y.blocks, width)
		// Subsections (level-3 headings) as many on each side sit side
		// by side too, each beside its translation; the section's
		// heading goes with the first.
		px, py := subsections(x.blocks), subsections(y.blocks)
		if len(px) != len(py) {
			px, py = [][]Block{x.blocks}, [][]Block{y.blocks}
		}
		for k := range px {
			out = append(out, &Parallel{Cells: [2]Lang{{Tag: la, Blocks: px[k]}, {Tag: lb, Blocks: py[k]}}})
		}
	}
	return out
}

// wide reports whether bs hold a table of more than two columns or a
// chart, which need the page's whole width.
func wide(bs []Block) bool {
	for _, b := range bs {
		switch b := b.(type) {
		case *Table:
			if b.Columns() > 2 {
				return true
			}
		case *Chart:
			return true
		case *List:
			for _, it := range b.Items {
				if wide(it.Blocks) {
					return true
				}
			}
		case *Lang:
			if wide(b.Blocks) {
				return true
			}
		}
	}
	return false
}

// subsections cuts a section's blocks before each level-3 heading but the
// first.
func subsections(bs []Block) [][]Block {
	var out [][]Block
	from, seen := 0, false
	for i, b := range bs {
		if h, ok := Unwrap(b).(*Heading); ok && h.Level == 3 {
			if seen {
				out = append(out, bs[from:i])
				from = i
			}
			seen = true
		}
	}
	return append(out, bs[from:])
}

// splitTitle takes the document's title heading (its first block, when a
// level-1 heading) from bs.
func splitTitle(bs []Block) (*Heading, []Block) {
	if len(bs) > 0 {
		if h, ok := Unwrap(bs[0]).(*Heading); ok && h.Level == 1 {
			return h, bs[1:]
		}
	}
	return nil, bs
}

// titleOf is the bilingual title: a's, or "a / b" when b's differs, in
// a's language unless both are the same text (then in neither document's
// words alone, so untagged beyond the document's language).
func titleOf(ha, hb *Heading, la, lb string) Block {
	ta := PlainText(ha.Text)
	if hb == nil || PlainText(hb.Text) == ta {
		return ha
	}
	text := append(append(append([]Inline(nil), ha.Text...), Inline{Text: " / "}), hb.Text...)
	return &Heading{Level: 1, Text: text, ID: ha.ID}
}

// opening is what columns and interleave start with: the title (titleOf)
// when a has one, and the sections after the titles of a and b.
func opening(a, b *Document, la, lb string) (out []Block, sa, sb []section) {
	ha, ra := splitTitle(a.Blocks)
	hb, rb := splitTitle(b.Blocks)
	if ha != nil {
		out = append(out, titleOf(ha, hb, la, lb))
	}
	return out, sections(ra), sections(rb)
}

// paired pairs the sections of two renderings in order, an empty section
// standing in for the missing one where one has fewer.
func paired(sa, sb []section) [][2]section {
	out := make([][2]section, max(len(sa), len(sb)))
	for i := range out {
		if i < len(sa) {
			out[i][0] = sa[i]
		}
		if i < len(sb) {
			out[i][1] = sb[i]
		}
	}
	return out
}

// interleave gives each section in a's language, then the same section in
// b's.
func interleave(a, b *Document, la, lb string) []Block {
	out, sa, sb := opening(a, b, la, lb)
	for _, p := range paired(sa, sb) {
		x, y := p[0], p[1]
		if (x.brk || y.brk) && len(out) > 0 {
			out = append(out, &PageBreak{})
		}
		out = append(out, tagged(la, x.blocks)...)
		out = append(out, tagged(lb, y.blocks)...)
	}
	return out
}

// sequential gives a whole, then b from a new page, each keeping its
// template's keeps, under the one title both share (a document has one
// title; it names both languages' when they differ). b's half opens with
// b's own title (a level-1 heading in b's language), so that a reader who
// turns to it sees what document it is.
func sequential(a, b *Document, la, lb string) ([]Block, []Span) {
	ha, ra := splitTitle(a.Blocks)
	hb, _ := splitTitle(b.Blocks)
	var out []Block
	skipA := 0 // blocks before a's rest: its title
	if ha != nil {
		out = append(out, titleOf(ha, hb, la, lb))
		skipA = 1
	}
	var keeps []Span
	shift := func(ks []Span, skip, off int) {
		for _, k := range ks {
			from, to := k.From-skip+off, k.To-skip+off
			if k.From < skip { // a keep that held the title keeps what follows it
				from = off
			}
			if to > from {
				keeps = append(keeps, Span{From: from, To: to})
			}
		}
	}
	shift(a.Keeps, skipA, len(out))
	out = append(out, tagged(la, ra)...)
	out = append(out, &PageBreak{})
	shift(b.Keeps, 0, len(out))
	second := tagged(lb, b.Blocks)
	if hb != nil && ha != nil && hb.ID != "" && hb.ID == ha.ID {
		// Two headings of one id would make the second's links go to
		// the first.
		h := *hb
		h.ID += "-" + strings.ToLower(lb)
		second[0] = &Lang{Tag: lb, Blocks: []Block{&h}}
	}
	return append(out, second...), keeps
}

// setWidthsIn decides the column widths of the tables in bs for a box
// avail millimetres wide.
func setWidthsIn(bs []Block, avail float64) {
	for _, b := range bs {
		switch b := b.(type) {
		case *Table:
			b.Widths = columnWidths(b, b.Columns(), avail)
		case *List:
			for _, it := range b.Items {
				setWidthsIn(it.Blocks, avail)
			}
		case *Lang:
			setWidthsIn(b.Blocks, avail)
		}
	}
}

// MarkLanguage wraps in a Lang of tag each top-level block of d in
// another language than the document's, as is tells it from the block's
// text: a heading or paragraph, a list whose every item is. A Welsh
// document tags the framework text it gives in English so (en-GB), and a
// screen reader reads it in an English voice. A list of some items in
// each language has each item in the other language tagged on its own
// (ListItem.Lang), and a table each cell (Cell.Lang).
func (d *Document) MarkLanguage(tag string, is func(string) bool) {
	for i, b := range d.Blocks {
		if inLanguage(b, is) {
			d.Blocks[i] = &Lang{Tag: tag, Blocks: []Block{b}}
			continue
		}
		switch b := b.(type) {
		case *List:
			markItems(b, tag, is)
		case *Table:
			markCells(b, tag, is)
		}
	}
}

// markCells tags each cell of t all of whose text is in the language is
// tells.
func markCells(t *Table, tag string, is func(string) bool) {
	mark := func(cells []Cell) {
		for i := range cells {
			if inLanguage(&Paragraph{Text: cells[i].Text}, is) {
				cells[i].Lang = tag
			}
		}
	}
	mark(t.Header)
	for _, row := range t.Rows {
		mark(row)
	}
}

// markItems tags each item of l all of whose text is in the language is
// tells, and, in the others, the items of their lists that are.
func markItems(l *List, tag string, is func(string) bool) {
	for i := range l.Items {
		it := &l.Items[i]
		all := len(it.Blocks) > 0
		for _, x := range it.Blocks {
			all = all && inLanguage(x, is)
		}
		if all {
			it.Lang = tag
			continue
		}
		for _, x := range it.Blocks {
			if sub, ok := x.(*List); ok {
				markItems(sub, tag, is)
			}
		}
	}
}

// inLanguage reports whether all of b's text is (and it has some).
func inLanguage(b Block, is func(string) bool) bool {
	// Each line of the text is (a Welsh qualification's English
	// framework text over "Hanfodol" is not all English).
	text := func(runs []Inline) bool {
		some, from := false, 0
		for i := 0; i <= len(runs); i++ {
			if i < len(runs) && !runs[i].Break {
				continue
			}
			if line := strings.TrimSpace(PlainText(runs[from:i])); line != "" {
				if !is(line) {
					return false
				}
				some = true
			}
			from = i + 1
		}
		return some
	}
	switch b := b.(type) {
	case *Heading:
		return text(b.Text)
	case *Paragraph:
		return text(b.Text)
	case *List:
		for _, it := range b.Items {
			if len(it.Blocks) == 0 {
				return false
			}
			for _, x := range it.Blocks {
				if !inLanguage(x, is) {
					return false
				}
			}
		}
		return len(b.Items) > 0
	}
	return false
}

package docx

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/doc"
)

// Colours applied directly (as well as through the table style) so that
// readers with partial table-style support show the same thing.
const headerFill = "D9E2F3"

const emuPerTwip = 635

// builder holds the state of one document being written.
type builder struct {
	w         *Writer
	meta      *doc.Meta
	body      []byte
	rels      []rel
	links     map[string]string // target → relationship id
	nums      []num
	media     []mediaPart
	logo      *mediaPart
	logoW     int // EMU
	logoH     int
	docPr     int
	bookmark  int
	bookmarks map[string]bool
	heading   int  // effective level of the last heading
	kicker    bool // the kind line above the title is written
	closing   bool // the block being written is the document's last
	textWidth int  // twips
	lastTable bool
	keepNext  bool // the paragraphs being written stay on the page of what follows
	// breakBefore is whether the next heading starts a new page
	// (breaksBefore).
	breakBefore bool
	tail        bool // the block being written comes just before the closing one
	// lang is the language of the block being written when it is not the
	// document's (a Lang, a column of a Parallel): every run says it
	// (w:lang), so that Word's proofing and a screen reader switch to it.
	lang string
	// compact is set while the cells of a compact table (doc.Table's
	// Compact) are written: every run is set in the compact size.
	compact bool
}

// tailRows is how many rows (or list items) of the block before a
// document's closing block stay on its page, so that the last page never
// holds the closing block alone.
const tailRows = 3

type rel struct {
	id, typ, target string
	external        bool
}

type num struct {
	abstract, ilvl, start int
	ordered               bool
}

type mediaPart struct {
	name string
	data []byte
}

const (
	relImage     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
	relHyperlink = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
)

func newBuilder(w *Writer, m *doc.Meta) *builder {
	b := &builder{w: w, meta: m, textWidth: portraitW}
	if m.Landscape {
		b.textWidth = landscapeW
	}
	if m.NarrowMargins {
		b.textWidth += 2 * (margin - narrowMargin)
	}
	return b
}

func (b *builder) addRel(typ, target string, external bool) string {
	id := "rpRel" + strconv.Itoa(len(b.rels)+1)
	b.rels = append(b.rels, rel{id: id, typ: typ, target: target, external: external})
	return id
}

func (b *builder) s(s string) { b.body = append(b.body, s...) }

// kickerLine writes, once, above the document's title, what kind of
// document it is ("JOB DESCRIPTION"), small and in capitals, as the PDF
// does: a reader of the printed page sees at once what they hold.
func (b *builder) kickerLine() {
	b.kicker = true
	s := strings.TrimSpace(b.meta.Subject)
	if s == "" {
		return
	}
	b.s(`<w:p><w:pPr><w:keepNext/><w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/><w:caps/><w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>`)
	b.body = appendText(b.body, s)
	b.s(`</w:r></w:p>`)
}

// appendRel appends a Relationship element for r.
func appendRel(out []byte, r rel) []byte {
	out = append(out, `<Relationship Id="`+r.id+`" Type="`+r.typ+`" Target="`...)
	out = appendEscaped(out, r.target)
	out = append(out, '"')
	if r.external {
		out = append(out, ` TargetMode="External"`...)
	}
	return append(out, `/>`...)
}

// keptWithNext reports whether top-level block i must stay on the page of
// the block after it: inside one of the tree's kept spans (but its last
// block). A heading keeps with the paragraph after it by its own keepNext;
// that paragraph does not chain on to a following list or table, because
// LibreOffice does not honour a chain of keeps (the heading would be left
// at the foot of the page), while a heading and its first line together
// keep the rule in Word and LibreOffice alike.
func keptWithNext(d *doc.Document, i int) bool {
	for _, k := range d.Keeps {
		if i >= k.From && i < k.To-1 {
			return true
		}
	}
	return false
}

// breaksBefore reports whether top-level block i is a page break before a
// section's heading, which the heading's pageBreakBefore makes: a
// paragraph holding the break would go to the next page when what comes
// before it fills the page (a plan's summary), leaving that page blank.
// A document's title (a bilingual document's second half) keeps the
// break paragraph, its kicker line opening the page.
func breaksBefore(blocks []doc.Block, i int) bool {
	if _, ok := doc.Unwrap(blocks[i]).(*doc.PageBreak); !ok || i+1 >= len(blocks) {
		return false
	}
	h, ok := doc.Unwrap(blocks[i+1]).(*doc.Heading)
	return ok && h.Level >= 2
}

// introMaxChars is the longest paragraph, in characters, that keeps with
// the table it introduces (about three lines, as the PDF keeps).
const introMaxChars = 300

// introducesTable reports whether top-level block i is a short paragraph
// between a heading and a table, or one leading in to a table (its words
// end with a colon: a plan summary's "The biggest changes:"): it stays on
// the page of the table's start, as the heading above it does, so no page
// ends with a heading and its introduction, or with a lead-in whose table
// is overleaf (the PDF keeps the same).
func introducesTable(blocks []doc.Block, i int) bool {
	if i < 1 || i+1 >= len(blocks) {
		return false
	}
	p, ok := doc.Unwrap(blocks[i]).(*doc.Paragraph)
	if !ok {
		return false
	}
	text := doc.PlainText(p.Text)
	if len(text) > introMaxChars {
		return false
	}
	if _, ok := doc.Unwrap(blocks[i+1]).(*doc.Table); !ok {
		return false
	}
	if strings.HasSuffix(strings.TrimSpace(text), ":") {
		return true
	}
	_, ok = doc.Unwrap(blocks[i-1]).(*doc.Heading)
	return ok
}

// document writes word/document.xml.
func (b *builder) document(d *doc.Document) error {
	blocks := d.Blocks
	if len(b.meta.Logo) > 0 {
		if err := b.prepareLogo(); err != nil {
			return err
		}
	}
	b.s(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>`)
	tail := len(blocks) - 2 // the block before the closing one, rules aside
	for tail > 0 {
		if _, ok := doc.Unwrap(blocks[tail]).(*doc.Rule); !ok {
			break
		}
		tail--
	}
	// A short paragraph there (a career map's "Unchanged from …" line)
	// brings the table or list before it into the tail too, so the last
	// page holds its last rows and not two lines alone.
	if p, ok := doc.Unwrap(blocks[max(tail, 0)]).(*doc.Paragraph); ok && tail > 0 && len(doc.PlainText(p.Text)) <= introMaxChars {
		switch doc.Unwrap(blocks[tail-1]).(type) {
		case *doc.Table, *doc.List:
			tail--
		}
	}
	for i, blk := range blocks {
		if breaksBefore(blocks, i) {
			b.breakBefore = true // the heading after starts the page
			continue
		}
		b.keepNext = keptWithNext(d, i)
		b.tail = i >= tail && i < len(blocks)-1
		b.closing = i == len(blocks)-1
		if _, ok := doc.Unwrap(blk).(*doc.Paragraph); ok && b.tail || introducesTable(blocks, i) {
			b.keepNext = true
		}
		if err := b.block(blk, 0); err != nil {
			return err
		}
	}
	b.keepNext, b.closing = false, false
	if b.lastTable {
		b.spacer() // Word needs a paragraph after a final table
	}
	b.sectPr()
	b.s(`</w:body></w:document>`)
	return nil
}

func (b *builder) sectPr() {
	b.s(`<w:sectPr><w:headerReference w:type="default" r:id="rpHeader"/>`)
	if b.logo != nil {
		b.s(`<w:headerReference w:type="first" r:id="rpHeaderFirst"/><w:footerReference w:type="first" r:id="rpFooter"/>`)
	}
	b.s(`<w:footerReference w:type="default" r:id="rpFooter"/>`)
	if b.meta.Landscape {
		b.s(fmt.Sprintf(`<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>`, pageLong, pageShort))
	} else {
		b.s(fmt.Sprintf(`<w:pgSz w:w="%d" w:h="%d"/>`, pageShort, pageLong))
	}
	if b.meta.NarrowMargins {
		// The PDF's narrow page: 12 mm at the sides, the header 6 mm from
		// the top and the body from 16 mm, the footer 6 mm from the foot.
		b.s(fmt.Sprintf(`<w:pgMar w:top="907" w:right="%d" w:bottom="907" w:left="%d" w:header="340" w:footer="340" w:gutter="0"/><w:cols w:space="708"/>`, narrowMargin, narrowMargin))
	} else {
		b.s(fmt.Sprintf(`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="567" w:footer="567" w:gutter="0"/><w:cols w:space="708"/>`, margin+283, margin, margin, margin))
	}
	if b.logo != nil {
		b.s(`<w:titlePg/>`)
	}
	b.s(`<w:docGrid w:linePitch="360"/></w:sectPr>`)
}

func (b *builder) blocks(blocks []doc.Block, depth int) error {
	for _, blk := range blocks {
		if err := b.block(blk, depth); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) block(blk doc.Block, depth int) error {
	wasTable := b.lastTable
	b.lastTable = false
	switch n := blk.(type) {
	case *doc.Heading:
		b.headingBlock(n)
	case *doc.Paragraph:
		b.paragraph(n.Text, "", wasTable)
	case *doc.List:
		return b.list(n, depth)
	case *doc.Table:
		if wasTable {
			b.spacer() // two tables in a row would merge into one
		}
		b.table(n)
		b.lastTable = n.Columns() > 0
	case *doc.Rule:
		if b.keepNext || b.tail {
			b.s(`<w:p><w:pPr><w:pStyle w:val="Rule"/><w:keepNext/></w:pPr></w:p>`)
		} else {
			b.s(`<w:p><w:pPr><w:pStyle w:val="Rule"/></w:pPr></w:p>`)
		}
	case *doc.PageBreak:
		b.s(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
	case *doc.Chart:
		return b.chart(n)
	case *doc.Lang:
		saved := b.lang
		b.lang = n.Tag
		defer func() { b.lang = saved }()
		for _, x := range n.Blocks {
			if err := b.block(x, depth); err != nil {
				return err
			}
		}
	case *doc.Parallel:
		if wasTable {
			b.spacer() // two tables in a row would merge into one
		}
		if err := b.parallel(n); err != nil {
			return err
		}
		b.lastTable = true
	case nil:
	default:
		return fmt.Errorf("docx: unsupported block %T", blk)
	}
	return nil
}

// spacer is the paragraph Word requires between two tables and after a
// final table; it is kept small.
func (b *builder) spacer() {
	b.s(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/><w:rPr><w:sz w:val="8"/></w:rPr></w:pPr></w:p>`)
}

// headingBlock maps heading levels onto Heading1–Heading3 without skipping
// a level: a heading may go at most one level deeper than the one before
// it, and levels past 3 use Heading3.
func (b *builder) headingBlock(h *doc.Heading) {
	lvl := h.Level
	if lvl < 1 {
		lvl = 1
	}
	if lvl > b.heading+1 {
		lvl = b.heading + 1
	}
	if lvl > 3 {
		lvl = 3
	}
	if lvl == 1 && !b.kicker {
		b.kickerLine()
	}
	b.heading = lvl
	b.s(`<w:p><w:pPr><w:pStyle w:val="Heading`)
	b.body = strconv.AppendInt(b.body, int64(lvl), 10)
	b.s(`"/><w:keepNext/>`) // a heading never ends a page
	if b.breakBefore {
		b.s(`<w:pageBreakBefore/>`)
		b.breakBefore = false
	}
	b.s(`</w:pPr>`)
	name := bookmarkName(h.ID)
	if b.bookmarks[name] {
		name = "" // Word bookmark names must be unique
	}
	if name != "" {
		if b.bookmarks == nil {
			b.bookmarks = map[string]bool{}
		}
		b.bookmarks[name] = true
		b.bookmark++
		b.s(`<w:bookmarkStart w:id="`)
		b.body = strconv.AppendInt(b.body, int64(b.bookmark), 10)
		b.s(`" w:name="`)
		b.s(name)
		b.s(`"/>`)
	}
	b.runs(h.Text, false)
	if name != "" {
		b.s(`<w:bookmarkEnd w:id="`)
		b.body = strconv.AppendInt(b.body, int64(b.bookmark), 10)
		b.s(`"/>`)
	}
	b.s(`</w:p>`)
}

// bookmarkName turns a heading id into a hidden Word bookmark name (letters,
// digits and underscores, at most 40 characters), so "#id" links work.
func bookmarkName(id string) string {
	if id == "" {
		return ""
	}
	out := make([]byte, 0, 40)
	out = append(out, '_')
	for _, r := range id {
		if len(out) >= 40 {
			break
		}
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			out = append(out, byte(r))
		} else {
			out = append(out, '_')
		}
	}
	return string(out)
}

// paragraph writes a paragraph of runs with an optional style; afterTable
// adds space above, since tables have no spacing of their own.
func (b *builder) paragraph(runs []doc.Inline, style string, afterTable bool) {
	b.s(`<w:p>`)
	if style != "" || afterTable || b.keepNext || b.closing {
		b.s(`<w:pPr>`)
		if style != "" {
			b.s(`<w:pStyle w:val="`)
			b.s(style)
			b.s(`"/>`)
		}
		if b.keepNext {
			b.s(`<w:keepNext/>`)
		}
		if b.closing || b.keepNext {
			// The closing paragraph, and one kept with what follows (in a
			// kept span such as a plan's evidence log and sign-off), is
			// never split over two pages.
			b.s(`<w:keepLines/>`)
		}
		if afterTable {
			b.s(`<w:spacing w:before="200"/>`)
		}
		b.s(`</w:pPr>`)
	}
	b.runs(runs, false)
	b.s(`</w:p>`)
}

// runs writes inline runs; consecutive runs with the same link share one
// w:hyperlink.
func (b *builder) runs(in []doc.Inline, bold bool) {
	for i := 0; i < len(in); {
		link := in[i].Link
		if _, live := doc.LiveLink(link); !live {
			// Only http, https, mailto and #anchor links are live;
			// javascript:, file:, data: … stay plain text.
			j := i
			for j < len(in) && in[j].Link == link {
				j++
			}
			for ; i < j; i++ {
				b.run(in[i], bold, false)
			}
			continue
		}
		j := i
		for j < len(in) && in[j].Link == link {
			j++
		}
		if len(link) > 1 && link[0] == '#' {
			b.s(`<w:hyperlink w:anchor="`)
			b.s(bookmarkName(link[1:]))
			b.s(`" w:history="1">`)
		} else {
			id, ok := b.links[link]
			if !ok {
				id = b.addRel(relHyperlink, safeURI(link), true)
				if b.links == nil {
					b.links = map[string]string{}
				}
				b.links[link] = id
			}
			b.s(`<w:hyperlink r:id="`)
			b.s(id)
			b.s(`" w:history="1">`)
		}
		for ; i < j; i++ {
			b.run(in[i], bold, true)
		}
		b.s(`</w:hyperlink>`)
	}
}

func (b *builder) run(r doc.Inline, bold, link bool) {
	if r.Break {
		b.s(`<w:r><w:br/></w:r>`)
		return
	}
	if r.Text == "" {
		return
	}
	b.s(`<w:r>`)
	bold = bold || r.Style&doc.Bold != 0
	italic := r.Style&doc.Italic != 0
	code := r.Style&doc.Code != 0
	lang := b.lang
	if r.Lang != "" {
		lang = r.Lang // a part in another language than the text around it
	}
	if bold || italic || code || link || b.compact {
		b.s(`<w:rPr>`)
		switch {
		case link:
			b.s(`<w:rStyle w:val="Hyperlink"/>`)
		case code:
			b.s(`<w:rStyle w:val="InlineCode"/>`)
		}
		if bold {
			b.s(`<w:b/><w:bCs/>`)
		}
		if italic {
			b.s(`<w:i/><w:iCs/>`)
		}
		if b.compact {
			b.s(compactRunSize)
		}
		b.langTag(lang)
		b.s(`</w:rPr>`)
	} else if lang != "" {
		b.s(`<w:rPr>`)
		b.langTag(lang)
		b.s(`</w:rPr>`)
	}
	b.body = appendText(b.body, r.Text)
	b.s(`</w:r>`)
}

// langTag writes a run's language when it is not the document's: that of
// the run itself (doc.Inline's Lang) or of the block being written
// (w:lang, the last of a run's properties).
func (b *builder) langTag(lang string) {
	if lang == "" {
		return
	}
	b.s(`<w:lang w:val="`)
	b.body = appendEscaped(b.body, lang)
	b.s(`"/>`)
}

// parallelGap is the space between the two columns of a Parallel, in
// twips (doc.ColumnGapMM).
const parallelGap = doc.ColumnGapMM * 1440 * 10 / 254

// parallel writes a bilingual passage as a borderless table of two
// columns of equal width, the first language on the left, each cell's
// runs tagged with its language. Where the two columns hold the same
// blocks (the same template in each language) each pair of blocks is a
// row, and each pair of items of two lists of the same length: the two
// languages stay level, line for line, and a page breaks between rows as
// between paragraphs (a heading keeps with the row after it). Columns of
// different blocks are one row, which may break across pages.
func (b *builder) parallel(p *doc.Parallel) error {
	full := b.textWidth
	half := (full - parallelGap) / 2
	b.s(`<w:tbl><w:tblPr><w:tblW w:w="`)
	b.body = strconv.AppendInt(b.body, int64(full), 10)
	b.s(`" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	widths := [2]int{half + parallelGap/2, full - half - parallelGap/2}
	for _, wd := range widths {
		b.s(`<w:gridCol w:w="`)
		b.body = strconv.AppendInt(b.body, int64(wd), 10)
		b.s(`"/>`)
	}
	b.s(`</w:tblGrid>`)
	savedLang, savedKeep, savedTail, savedClosing, savedWidth := b.lang, b.keepNext, b.tail, b.closing, b.textWidth
	defer func() {
		b.lang, b.keepNext, b.tail, b.closing, b.textWidth = savedLang, savedKeep, savedTail, savedClosing, savedWidth
	}()
	b.keepNext, b.tail, b.closing, b.textWidth = false, false, false, half
	for _, row := range b.parallelRows(p) {
		b.s(`<w:tr>`)
		for c, write := range row {
			b.s(`<w:tc><w:tcPr><w:tcW w:w="`)
			b.body = strconv.AppendInt(b.body, int64(widths[c]), 10)
			b.s(`" w:type="dxa"/><w:tcMar>`)
			if c == 0 {
				b.s(`<w:right w:w="` + strconv.Itoa(parallelGap/2) + `" w:type="dxa"/>`)
			} else {
				b.s(`<w:left w:w="` + strconv.Itoa(parallelGap/2) + `" w:type="dxa"/>`)
			}
			b.s(`</w:tcMar></w:tcPr>`)
			b.lang, b.lastTable = p.Cells[c].Tag, false
			n := len(b.body)
			if err := write(); err != nil {
				return err
			}
			if b.lastTable || len(b.body) == n {
				b.spacer() // a cell ends with a paragraph
			}
			b.lastTable = false
			b.s(`</w:tc>`)
		}
		b.s(`</w:tr>`)
	}
	b.s(`</w:tbl>`)
	return nil
}

// listIn is the list b is, or holds in a Lang of one block, with that
// Lang's tag.
func listIn(b doc.Block) (*doc.List, string) {
	tag := ""
	for {
		switch x := b.(type) {
		case *doc.List:
			return x, tag
		case *doc.Lang:
			if len(x.Blocks) != 1 {
				return nil, ""
			}
			tag, b = x.Tag, x.Blocks[0]
		default:
			return nil, ""
		}
	}
}

// parallelRows are the rows of a Parallel, each a writer of its two
// cells: a row per pair of blocks of the same kind, a row per pair of
// items of two lists of as many items, when the columns match block for
// block; else one row of each column whole.
func (b *builder) parallelRows(p *doc.Parallel) [][2]func() error {
	x, y := p.Cells[0].Blocks, p.Cells[1].Blocks
	blocks := func(bs []doc.Block) func() error {
		return func() error { return b.blocks(bs, 0) }
	}
	if len(x) != len(y) {
		return [][2]func() error{{blocks(x), blocks(y)}}
	}
	for i := range x {
		if fmt.Sprintf("%T", doc.Unwrap(x[i])) != fmt.Sprintf("%T", doc.Unwrap(y[i])) {
			return [][2]func() error{{blocks(x), blocks(y)}}
		}
	}
	var rows [][2]func() error
	for i := range x {
		lx, tx := listIn(x[i])
		ly, ty := listIn(y[i])
		if lx == nil || ly == nil || len(lx.Items) != len(ly.Items) {
			rows = append(rows, [2]func() error{blocks(x[i : i+1]), blocks(y[i : i+1])})
			continue
		}
		var ids, lvls [2]int
		for k := range lx.Items {
			item := func(c int, l *doc.List, tag string) func() error {
				return func() error {
					if l.Ordered {
						// An instance an item, starting at its number:
						// readers count two instances of one list
						// definition written in turn as one list.
						one := *l
						one.Start = max(l.Start, 1) + k
						ids[c], lvls[c] = b.numbering(&one, 0)
					} else if ids[c] == 0 {
						ids[c], lvls[c] = b.numbering(l, 0)
					}
					if tag != "" { // a list in a Lang of its own
						saved := b.lang
						b.lang = tag
						defer func() { b.lang = saved }()
					}
					return b.listItem(l.Items[k], ids[c], lvls[c], 0)
				}
			}
			rows = append(rows, [2]func() error{item(0, lx, tx), item(1, ly, ty)})
		}
	}
	return rows
}

// list writes a real Word list: its own numbering instance, so numbering
// restarts, at indent level depth.
func (b *builder) list(l *doc.List, depth int) error {
	numID, ilvl := b.numbering(l, depth)
	saved := b.keepNext
	defer func() { b.keepNext = saved }()
	for idx, item := range l.Items {
		b.keepNext = saved || (b.tail && depth == 0 && idx >= len(l.Items)-tailRows)
		if err := b.listItem(item, numID, ilvl, depth); err != nil {
			return err
		}
	}
	return nil
}

// numbering makes list l's own numbering instance, at indent level
// depth, and returns its id and level.
func (b *builder) numbering(l *doc.List, depth int) (numID, ilvl int) {
	ilvl = min(depth, 8)
	n := num{ilvl: ilvl, ordered: l.Ordered, start: max(l.Start, 1)}
	if l.Ordered {
		n.abstract = 1
	}
	b.nums = append(b.nums, n)
	return len(b.nums), ilvl
}

// listItem writes one item of a list numbered numID.
func (b *builder) listItem(item doc.ListItem, numID, ilvl, depth int) error {
	if item.Lang != "" {
		// the item's runs in its own language
		saved := b.lang
		b.lang = item.Lang
		defer func() { b.lang = saved }()
	}
	first := true
	if len(item.Blocks) == 0 {
		b.listParagraph(nil, numID, ilvl)
		return nil
	}
	if _, ok := item.Blocks[0].(*doc.Paragraph); !ok {
		b.listParagraph(nil, numID, ilvl)
		first = false
	}
	for _, blk := range item.Blocks {
		switch p := blk.(type) {
		case *doc.Paragraph:
			if first {
				b.listParagraph(p.Text, numID, ilvl)
				first = false
			} else {
				b.listParagraph(p.Text, 0, ilvl)
			}
		case *doc.List:
			if err := b.list(p, depth+1); err != nil {
				return err
			}
		default:
			if err := b.block(blk, depth); err != nil {
				return err
			}
		}
	}
	return nil
}

// listParagraph is one list item's paragraph; numID 0 continues the item
// (indented, no number).
func (b *builder) listParagraph(runs []doc.Inline, numID, ilvl int) {
	b.s(`<w:p><w:pPr><w:pStyle w:val="ListParagraph"/>`)
	if b.keepNext {
		b.s(`<w:keepNext/>`)
	}
	if numID > 0 {
		b.s(`<w:numPr><w:ilvl w:val="`)
		b.body = strconv.AppendInt(b.body, int64(ilvl), 10)
		b.s(`"/><w:numId w:val="`)
		b.body = strconv.AppendInt(b.body, int64(numID), 10)
		b.s(`"/></w:numPr>`)
	} else {
		b.s(`<w:ind w:left="`)
		b.body = strconv.AppendInt(b.body, int64(425*(ilvl+1)), 10)
		b.s(`"/>`)
	}
	b.s(`</w:pPr>`)
	b.runs(runs, false)
	b.s(`</w:p>`)
}

// table writes a Word table: full width, fixed column widths from the
// tree, the first row marked as a repeating header row, short rows that
// never split and tall ones (2*doc.MinSplitLines lines or more) that may,
// and the short rows the pagination rules keep together marked keepNext
// (every row of a short table; the header and first rows and the last two
// rows of a longer one).
func (b *builder) table(t *doc.Table) {
	cols := t.Columns()
	if cols == 0 {
		return
	}
	widths := make([]int, cols)
	sum := 0
	for i, f := range t.ColumnWidths(b.meta.Landscape) {
		widths[i] = int(f*float64(b.textWidth) + 0.5)
		sum += widths[i]
	}
	widths[cols-1] += b.textWidth - sum
	firstCol := "0"
	if t.RowHeaders {
		firstCol = "1"
	}
	b.s(`<w:tbl><w:tblPr><w:tblStyle w:val="RolepackTable"/><w:tblW w:w="`)
	b.body = strconv.AppendInt(b.body, int64(b.textWidth), 10)
	b.s(`" w:type="dxa"/><w:tblLayout w:type="fixed"/>`)
	if t.Compact {
		b.s(compactCellMargins)
		b.compact = true
		defer func() { b.compact = false }()
	}
	b.s(`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="` + firstCol + `" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, wd := range widths {
		b.s(`<w:gridCol w:w="`)
		b.body = strconv.AppendInt(b.body, int64(wd), 10)
		b.s(`"/>`)
	}
	b.s(`</w:tblGrid>`)
	// Word moves a table whose rows all keep with the next to the next page
	// when it does not fit: only one short enough to leave no more than
	// doc.MaxWaste of a page empty is kept whole.
	l := b.meta.Landscape
	keepAll := t.KeepWhole(l) && t.HeightMM(l) <= doc.BodyMM(l)*doc.MaxWaste
	if len(t.Header) > 0 {
		b.row(t, t.Header, widths, -1, true, false)
	}
	for i, r := range t.Rows {
		last := i == len(t.Rows)-1
		// A tall row may break across pages, as in the PDF: it neither
		// keeps with the next row nor stays whole, so a table of tall rows
		// starts below its heading instead of leaving the page empty. A
		// row of room to write in (a scoring sheet's criterion and its
		// box for the evidence: the table's MinLines) never breaks.
		if t.MinLines <= 0 && t.RowLines(i, l) >= 2*doc.MinSplitLines {
			b.row(t, r, widths, i, false, true)
			continue
		}
		// The last two rows stay together too, so no page holds one row.
		// A table's last row keeps with what follows only inside a kept
		// span or the closing lines: else a one-row table (a scoring
		// sheet's total) is chained to the kept span after it, and Word
		// and LibreOffice move it down with it, leaving its page half empty.
		keep := b.keepNext || (keepAll && !last) || (i < doc.MinStartRows-1 && !last) || i == len(t.Rows)-2 || (b.tail && i >= len(t.Rows)-tailRows)
		b.row(t, r, widths, i, keep, false)
	}
	b.s(`</w:tbl>`)
}

// tableLineTwips is the height of a line of table text, as the PDF sets it
// (9.5 pt at 1.38), and cellPadTwips the space above and below it.
const (
	tableLineTwips = 262
	cellPadTwips   = 74
)

// A compact table (doc.Table's Compact) in the PDF's compact type: runs of
// doc.CompactTextSize (16 half-points), lines at least doc.CompactLeading
// times that (192 twips), no space around a cell's paragraph, and the
// cell padding of doc.CompactPaddingMM and doc.CompactPadYMM (in twips).
const (
	compactRunSize     = `<w:sz w:val="16"/><w:szCs w:val="16"/>`
	compactSpacing     = `<w:spacing w:before="0" w:after="0" w:line="192" w:lineRule="atLeast"/>`
	compactCellMargins = `<w:tblCellMar><w:top w:w="45" w:type="dxa"/><w:left w:w="68" w:type="dxa"/><w:bottom w:w="45" w:type="dxa"/><w:right w:w="68" w:type="dxa"/></w:tblCellMar>`
)

// row writes body row i of t (i < 0: the header row); keep holds it on
// the page of the next row, split lets it break across pages.
func (b *builder) row(t *doc.Table, cells []doc.Cell, widths []int, i int, keep, split bool) {
	header := i < 0
	b.s(`<w:tr><w:trPr>`)
	if !split {
		b.s(`<w:cantSplit/>`)
	}
	if header {
		b.s(`<w:tblHeader/>`)
	} else if t.MinLines > 1 {
		b.s(`<w:trHeight w:val="`)
		b.body = strconv.AppendInt(b.body, int64(t.MinLines*tableLineTwips+2*cellPadTwips), 10)
		b.s(`" w:hRule="atLeast"/>`)
	}
	b.s(`</w:trPr>`)
	for c, wd := range widths {
		key := header || (t.RowHeaders && c == 0)
		b.s(`<w:tc><w:tcPr><w:tcW w:w="`)
		b.body = strconv.AppendInt(b.body, int64(wd), 10)
		b.s(`" w:type="dxa"/>`)
		if key {
			b.s(`<w:shd w:val="clear" w:color="auto" w:fill="` + headerFill + `"/>`)
		}
		b.s(`</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>`)
		if keep || header {
			b.s(`<w:keepNext/>`)
		}
		if t.Compact {
			b.s(compactSpacing)
		}
		if c < len(t.Align) {
			switch t.Align[c] {
			case doc.AlignCenter:
				b.s(`<w:jc w:val="center"/>`)
			case doc.AlignRight:
				b.s(`<w:jc w:val="right"/>`)
			}
		}
		if t.Compact {
			b.s(`<w:rPr>` + compactRunSize + `</w:rPr>`)
		}
		b.s(`</w:pPr>`)
		if c < len(cells) {
			saved := b.lang
			if cells[c].Lang != "" {
				b.lang = cells[c].Lang // the cell's runs in its own language
			}
			b.runs(cells[c].Text, key)
			b.lang = saved
		}
		b.s(`</w:p></w:tc>`)
	}
	b.s(`</w:tr>`)
}

// safeURI percent-encodes what may not appear in a URI (spaces, quotes,
// non-ASCII …): Word refuses a document whose link targets are not URIs.
func safeURI(s string) string {
	const hex = "0123456789ABCDEF"
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > 0x20 && c < 0x7F && !strings.ContainsRune(`"<>\^`+"`"+`{|}`, rune(c)) {
			out = append(out, c)
			continue
		}
		out = append(out, '%', hex[c>>4], hex[c&15])
	}
	return string(out)
}

// chart embeds the chart as a PNG picture with its title as a caption
// above and its alt text on the picture.
func (b *builder) chart(c *doc.Chart) error {
	png, err := chartPNG(b.w.font, c)
	if err != nil {
		return fmt.Errorf("docx: chart %q: %w", c.Title, err)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(png))
	if err != nil {
		return fmt.Errorf("docx: chart %q: %w", c.Title, err)
	}
	name := "rolepack-chart" + strconv.Itoa(len(b.media)+1) + ".png"
	b.media = append(b.media, mediaPart{name: name, data: png})
	id := b.addRel(relImage, "media/"+name, false)
	if c.Title != "" {
		b.paragraph([]doc.Inline{{Text: c.Title}}, "Caption", false)
	}
	width := min(b.textWidth, portraitW) * emuPerTwip
	height := width * cfg.Height / cfg.Width
	b.s(`<w:p><w:pPr><w:pStyle w:val="Figure"/></w:pPr><w:r>`)
	b.body = b.appendPicture(b.body, id, name, c.Alt, c.Title, width, height)
	b.s(`</w:r></w:p>`)
	return nil
}

// appendPicture appends an inline w:drawing of the image with relationship
// id, with alt text descr and title.
func (b *builder) appendPicture(out []byte, id, name, descr, title string, cx, cy int) []byte {
	b.docPr++
	ext := `cx="` + strconv.Itoa(cx) + `" cy="` + strconv.Itoa(cy) + `"`
	out = append(out, `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent `+ext+`/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="`+strconv.Itoa(b.docPr)+`" name="`+name+`" descr="`...)
	out = appendEscaped(out, descr)
	out = append(out, `"`...)
	if title != "" {
		out = append(out, ` title="`...)
		out = appendEscaped(out, title)
		out = append(out, `"`...)
	}
	out = append(out, `/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="`+name+`" descr="`...)
	out = appendEscaped(out, descr)
	out = append(out, `"/><pic:cNvPicPr><a:picLocks noChangeAspect="1" noChangeArrowheads="1"/></pic:cNvPicPr></pic:nvPicPr><pic:blipFill><a:blip r:embed="`+id+`"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext `+ext+`/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>`...)
	return out
}

// prepareLogo checks the logo and sizes it 1.5 cm high (at most 6 cm wide).
func (b *builder) prepareLogo() error {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b.meta.Logo))
	if err != nil || (format != "png" && format != "jpeg") || cfg.Width == 0 || cfg.Height == 0 {
		return fmt.Errorf("docx: the logo is not a PNG or JPEG image")
	}
	const cmEMU = 360000
	h := 3 * cmEMU / 2
	w := h * cfg.Width / cfg.Height
	if w > 6*cmEMU {
		w = 6 * cmEMU
		h = w * cfg.Height / cfg.Width
	}
	b.logo = &mediaPart{name: "rolepack-logo." + format, data: b.meta.Logo}
	b.media = append(b.media, *b.logo)
	b.logoW, b.logoH = w, h
	return nil
}

// headerFirstXML is the first-page header: the logo on the left and the
// organisation on the right.
func (b *builder) headerFirstXML() []byte {
	out := make([]byte, 0, 2048)
	out = append(out, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">`+
		`<w:p><w:pPr><w:pStyle w:val="Header"/><w:tabs><w:tab w:val="clear" w:pos="4513"/><w:tab w:val="clear" w:pos="9026"/><w:tab w:val="right" w:pos="`+strconv.Itoa(b.textWidth)+`"/></w:tabs><w:spacing w:after="240"/></w:pPr><w:r>`...)
	alt := "Logo"
	if b.meta.Author != "" {
		alt = b.meta.Author + " logo"
	}
	out = b.appendPicture(out, "rpLogo", b.logo.name, alt, "", b.logoW, b.logoH)
	out = append(out, `</w:r><w:r><w:tab/>`...)
	out = appendText(out, b.meta.HeaderRight)
	return append(out, `</w:r></w:p></w:hdr>`...)
}

func (b *builder) headerFirstRels() []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rpLogo" Type="` + relImage + `" Target="media/` + b.logo.name + `"/></Relationships>`)
}

// relsXML is word/_rels/document.xml.rels: the reference's kept
// relationships plus numbering, header, footer, links and pictures.
func (b *builder) relsXML() []byte {
	out := make([]byte, 0, 2048)
	out = append(out, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`...)
	out = append(out, b.w.baseRels...)
	out = append(out, `<Relationship Id="rpNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>`+
		`<Relationship Id="rpHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>`+
		`<Relationship Id="rpFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>`...)
	if b.logo != nil {
		out = append(out, `<Relationship Id="rpHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="headerFirst.xml"/>`...)
	}
	for _, r := range b.rels {
		out = appendRel(out, r)
	}
	return append(out, `</Relationships>`...)
}

// numberingXML is the reference's abstract list definitions plus one
// w:num per list; numbered lists restart through w:startOverride.
func (b *builder) numberingXML() []byte {
	out := make([]byte, 0, len(b.w.numberingHead)+len(b.nums)*128+32)
	out = append(out, b.w.numberingHead...)
	for i, n := range b.nums {
		out = append(out, `<w:num w:numId="`...)
		out = strconv.AppendInt(out, int64(i+1), 10)
		out = append(out, `"><w:abstractNumId w:val="`...)
		out = strconv.AppendInt(out, int64(n.abstract), 10)
		out = append(out, `"/>`...)
		if n.ordered {
			out = append(out, `<w:lvlOverride w:ilvl="`...)
			out = strconv.AppendInt(out, int64(n.ilvl), 10)
			out = append(out, `"><w:startOverride w:val="`...)
			out = strconv.AppendInt(out, int64(n.start), 10)
			out = append(out, `"/></w:lvlOverride>`...)
		}
		out = append(out, `</w:num>`...)
	}
	return append(out, `</w:numbering>`...)
}

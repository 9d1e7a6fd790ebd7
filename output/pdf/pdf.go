// Package pdf writes a document tree as an A4 PDF with go-pdf/fpdf and the
// embedded Liberation Sans fonts (SIL Open Font Licence; metric-compatible
// with Arial, which the DOCX and HTML name, so the three formats break lines
// alike; full Unicode: ’ “ ” – • é ŵ £ print as written; Liberation Mono for
// code): a title block, headings with an outline, wrapped rich text, bullet
// and numbered lists, measured tables whose header row repeats on every page,
// bar charts, running headers and "Page N of M" footers. The PDF is tagged
// (PDF/UA-1): see tag.go and docs/accessibility.md.
//
// Fonts are parsed once per Writer with fpdf.ParseUTF8Font and added to each
// document with AddUTF8FontParsed, a small public API in the patched copy of
// fpdf under third_party/fpdf (see its PATCHES.md); no reflection or unsafe
// reaches into fpdf. A parsed font is read-only, so one Writer serves
// concurrent documents, and a document is byte for byte the one fpdf's
// AddUTF8FontFromBytes would give (TestParsedFontsSameBytes).
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logo headers
	_ "image/png"
	"io"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/internal/deflate"
)

// ptPerMM converts millimetres (the page unit) to points (the font unit).
const ptPerMM = 72 / 25.4

// geometry is where a page's parts sit, in millimetres.
type geometry struct {
	marginX      float64 // left and right margins
	marginTop    float64 // body starts below the running header
	marginBottom float64 // body ends above the footer
	headerY      float64 // baseline box of the running header
	footerGap    float64 // footer rule, from the bottom edge
}

// The page geometries: every document's, and that of a document with
// narrow margins (doc.Meta.NarrowMargins, doc.NarrowMarginMM at the sides).
var (
	normalPage = geometry{marginX: 20, marginTop: 22, marginBottom: 22, headerY: 10, footerGap: 15}
	narrowPage = geometry{marginX: doc.NarrowMarginMM, marginTop: 16, marginBottom: 17, headerY: 6, footerGap: 12}
)

// Type sizes in points and line spacing as a multiple of the size.
const (
	bodySize  = 10.5
	tableSize = 9.5
	smallSize = 7.5
	leading   = 1.38
	codeScale = 0.92 // code runs are set a little smaller than the text around them
)

// rgb is a colour.
type rgb struct{ r, g, b int }

// Palette: dark text, a navy accent (every heading, as in the DOCX styles and
// the HTML), muted greys, light fills.
var (
	colText       = rgb{0x0b, 0x0c, 0x0c}
	colAccent     = rgb{0x1d, 0x4f, 0x91}
	colMuted      = rgb{0x50, 0x5a, 0x5f}
	colRule       = rgb{0xb1, 0xb4, 0xb6}
	colBorder     = rgb{0xa6, 0xae, 0xb5}
	colHeaderFill = rgb{0xdd, 0xe6, 0xf1}
	colZebra      = rgb{0xf5, 0xf7, 0xf9}
	colLink       = rgb{0x1d, 0x70, 0xb8}
)

// defaultDate is the document date when the tree has none: fixed, so that
// output never depends on the clock.
var defaultDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Writer writes documents as PDF. The fonts are parsed and measured once by
// New; a Writer holds no per-document state and is safe for concurrent use.
type Writer struct {
	faces [numFaces]*face

	families brandFaces // brand typefaces, parsed once each (brand.go)
	icc      []byte     // the output intent's sRGB profile, compressed once (pdfa.go)
	// untagged writes a PDF without a structure tree, marked content and
	// XMP metadata; only the benchmark sets it, to measure what tagging
	// costs.
	untagged bool
	// lastSize is the size of the last document written, the hint for
	// the next one's buffer (documents of a batch are of a size).
	lastSize atomic.Int64
	// encoders keeps *deflate.Encoder for reuse: page contents are
	// compressed with them.
	encoders sync.Pool
	// scratches keeps *scratch, the working memory of a layout, for the
	// next document.
	scratches sync.Pool
	// outBufs keeps *[]byte, the arrays finished documents were built in
	// (fpdf's SetOutputBuffer, patch 31), for the next document: without
	// them each document allocated and cleared a buffer its own size, the
	// larger part of what writing it allocated.
	outBufs sync.Pool
}

// firstPageRoom is the room a document's first page content starts with
// (fpdf's SetPageSizeHint): a page of a JD takes 7 to 11 KB, so most
// first pages fit without the buffer doubling its way there; later pages
// start with room for the page before them.
const firstPageRoom = 12 << 10

// maxPooledOutput is the largest document buffer a Writer keeps.
const maxPooledOutput = 8 << 20

// scratch is the working memory of laying out and writing one document:
// the structure tree, the text wrapped so far and the room it is wrapped
// in, the tables laid out. None of it reaches fpdf (which copies what it
// is given) or outlives the document, so the Writer keeps it for the next
// one, and a document's layout allocates little once it has grown to fit.
type scratch struct {
	tag           tagger
	breaks, split map[int]bool
	carry, down   map[int]bool
	rows          map[int]int // see renderer.rows
	// last is where the last layout attempt began, first where the
	// first layout's did while another is tried (see lay).
	last, first layStart
	tables      map[tableKey]tableLayout
	wraps       map[wrapKey][]line

	pieces []frag      // room for the pieces of a word being read (words)
	build  lineBuilder // room to build a call's lines in

	// squeeze scales the space between blocks (1, or less when a
	// document is laid out tighter to save a near-empty last page: see
	// lay); 0 means 1.
	squeeze float64
	// balance is whether adjust takes the section before a near-empty
	// last page's only one down to it (balanceLast).
	balance bool

	frags []frag // room for wrapped lines' fragments, taken from the front
	lines []line // room for wrapped lines, taken from the front
	cells []int  // room for a table row's cells (rowCells)
}

func newScratch() *scratch {
	return &scratch{
		breaks: map[int]bool{}, split: map[int]bool{}, carry: map[int]bool{}, down: map[int]bool{},
		rows: map[int]int{}, tables: map[tableKey]tableLayout{}, wraps: map[wrapKey][]line{},
	}
}

// getScratch is a scratch from the pool, or a new one.
func (w *Writer) getScratch() *scratch {
	if sc, ok := w.scratches.Get().(*scratch); ok {
		return sc
	}
	return newScratch()
}

// putScratch empties sc (letting go of the document's text) and keeps it
// for the next document.
func (w *Writer) putScratch(sc *scratch) {
	sc.tag.reset()
	clear(sc.breaks)
	clear(sc.split)
	clear(sc.carry)
	clear(sc.down)
	clear(sc.rows)
	clear(sc.tables)
	clear(sc.wraps)
	clear(sc.pieces[:cap(sc.pieces)])
	clear(sc.build.frags[:cap(sc.build.frags)])
	clear(sc.build.lines[:cap(sc.build.lines)])
	clear(sc.frags)
	sc.frags = sc.frags[:0]
	clear(sc.lines)
	sc.lines = sc.lines[:0]
	w.scratches.Put(sc)
}

// fragRoom is room for n fragments, to be kept by keepFrags.
func (sc *scratch) fragRoom(n int) []frag {
	if cap(sc.frags)-len(sc.frags) < n {
		// A new slab; the old one stays with the lines it holds.
		sc.frags = make([]frag, 0, max(n, 2*cap(sc.frags), 512))
	}
	k := len(sc.frags)
	return sc.frags[k : k+n : k+n] // capped: a line that outgrows it moves out, as from a slice of its own
}

// keepFrags keeps the first n fragments of the last fragRoom.
func (sc *scratch) keepFrags(n int) { sc.frags = sc.frags[:len(sc.frags)+n] }

// keepLines copies lines into the room for lines and returns the copy.
func (sc *scratch) keepLines(lines []line) []line {
	n := len(lines)
	if cap(sc.lines)-len(sc.lines) < n {
		sc.lines = make([]line, 0, max(n, 2*cap(sc.lines), 128))
	}
	k := len(sc.lines)
	sc.lines = append(sc.lines, lines...)
	return sc.lines[k : k+n : k+n]
}

// compress appends the zlib form of src to dst (fpdf's SetCompressor)
// with an encoder kept for reuse. internal/deflate codes page contents
// with a code table made for them, in about four fifths of the
// instructions klauspost/compress took at its fastest level (which had
// been a third of the writer's time), the streams within 1% of its size.
func (w *Writer) compress(dst, src []byte) []byte {
	e, ok := w.encoders.Get().(*deflate.Encoder)
	if !ok {
		e = new(deflate.Encoder)
	}
	dst = e.AppendZlib(dst, src)
	w.encoders.Put(e)
	return dst
}

// New parses the embedded fonts and builds their width tables, once per
// process (or per run); a font fpdf cannot read fails here rather than in
// the middle of a batch.
func New() (*Writer, error) {
	faces, err := loadFaces()
	if err != nil {
		return nil, fmt.Errorf("pdf fonts: %w", err)
	}
	icc, err := compressedProfile()
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return &Writer{faces: faces, icc: icc}, nil
}

// PanicError is a bug the writer caught (a panic in layout or output)
// while writing one document: the error names the document, and Stack is
// where the panic happened, for a log (rolepack --verbose).
type PanicError struct {
	Document string // the document's title
	Value    any    // what panicked
	stack    []byte
}

// newPanicError is the PanicError of a panic p while writing d, with the
// stack of the goroutine that recovered it.
func newPanicError(d *doc.Document, p any) *PanicError {
	return &PanicError{Document: d.Meta.Title, Value: p, stack: debug.Stack()}
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("pdf: %q: internal error (please report it): %v", e.Document, e.Value)
}

// Stack is the stack of the panic.
func (e *PanicError) Stack() []byte { return e.stack }

// Write renders d as a PDF to out. The same document always gives the same
// bytes.
func (w *Writer) Write(out io.Writer, d *doc.Document) (err error) {
	if d == nil {
		return errors.New("pdf: no document")
	}
	if err := d.CheckCharts(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			err = newPanicError(d, p)
		}
	}()
	sc := w.getScratch()
	r, err := w.lay(d, sc)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	hint := int(w.lastSize.Load())
	hint += hint / 8
	r.pdf.SetOutputSizeHint(hint)
	room, _ := w.outBufs.Get().(*[]byte)
	if room != nil {
		r.pdf.SetOutputBuffer(*room)
	}
	if b, ok := out.(*bytes.Buffer); ok {
		b.Grow(hint)
	}
	cw := countingWriter{w: out}
	if err := r.pdf.Output(&cw); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	w.lastSize.Store(cw.n)
	// The document is written out of its buffer (out keeps nothing of
	// what it is given), so the next one may be built in it.
	if b := r.pdf.OutputBuffer(); cap(b) <= maxPooledOutput {
		if room == nil {
			room = new([]byte)
		}
		*room = b
		w.outBufs.Put(room)
	}
	w.putScratch(sc) // not on a panic: the scratch may be half made
	return nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// maxAttempts bounds how often a document is laid out again to keep the
// pagination rules the first layout broke.
const maxAttempts = 6

// squeezes are how tight the space between blocks may be set, tried in
// turn, to save a near-empty last page (see lay).
var squeezes = [...]float64{0.85, 0.7}

// lay lays d out, then again with new pages forced where the layout broke
// a pagination rule, until it keeps them all or attempts run out. When
// the last page of several is left near-empty (a third or less: the
// closing section and the document-control line, which the page before
// could not take), it is laid out again with the space between blocks
// tightened, as a typesetter would, and that layout is kept if it saves
// the page; so is a last page that opens with a span the template keeps
// whole (a plan's evidence log and sign-off, a scoring sheet's outcome),
// which tighter space may bring back to the page before, and a part
// running onto half a page or less before a page break (a plan's summary
// with its last rows, or its table moved whole below its introduction,
// on a second page: see spills), which tighter space may bring back to
// its first. The result is the same for the same document.
func (w *Writer) lay(d *doc.Document, sc *scratch) (*renderer, error) {
	r, err := w.layAt(d, sc, 1)
	if err != nil {
		return r, err
	}
	light := r.lightLastPage()
	if !light && !r.keptLastPage() && r.spills == 0 {
		return r, err
	}
	tries := squeezes[:]
	if !light && r.spills == 0 {
		// A kept span is tried at the tightest squeeze alone: one more
		// layout, not two, where most such pages cannot be saved (a
		// scoring sheet's outcome: 2 of 410).
		tries = tries[len(tries)-1:]
	}
	n := len(r.pages)
	first := sc.last.copyTo(&sc.first) // how the first layout's last attempt began
	// A part that ran onto a page before a page break is brought back
	// where tighter space does so in as many pages, unless a tighter
	// one saves a page.
	var t *renderer
	apart := 0.0 // the first squeeze that brings a part back
	for _, sq := range tries {
		if t, err = w.layAt(d, sc, sq); err != nil {
			return nil, err
		}
		if len(t.pages) < n {
			return t, nil
		}
		if apart == 0 && t.spills < r.spills && len(t.pages) <= n {
			apart = sq
		}
	}
	if apart == tries[len(tries)-1] {
		return t, nil
	}
	if apart != 0 {
		return w.layAt(d, sc, apart)
	}
	if !light {
		// The first layout again, in one attempt from where its last
		// began (the scratch it was made in holds the last one's now).
		first.copyTo(&sc.last)
		return w.layOnce(d, sc, 1)
	}
	// No squeeze saved the page: the first layout (again, since the
	// scratch it was made in holds the last one's now), with the section
	// before the last page's only one taken down to it (see balanceLast).
	sc.balance = true
	defer func() { sc.balance = false }()
	return w.layAt(d, sc, 1)
}

// lightLastPage reports whether the document has several pages and its
// last is filled to a third or less.
func (r *renderer) lightLastPage() bool {
	n := len(r.pages)
	return n > 1 && r.pages[n-1].Used <= r.pages[n-1].Body/3
}

// keptLastPage reports whether the document has several pages and its
// last opens with a span the template keeps whole (a plan's evidence log
// and sign-off), which went down whole because it did not fit below:
// tighter space may bring it back.
func (r *renderer) keptLastPage() bool {
	n := len(r.pages)
	if n < 2 || !r.pages[n-1].Kept {
		return false
	}
	k := r.firstBlockStarting(n)
	return k >= 0 && r.kept(k)
}

// layStart is where a layout attempt began: the new pages forced and the
// tables freed, carried and balanced by the attempts before it.
type layStart struct {
	breaks, split, carry, down map[int]bool
	rows                       map[int]int
}

// copyTo copies s into *to (its maps made when nil) and returns *to.
func (s *layStart) copyTo(to *layStart) *layStart {
	cp := func(dst *map[int]bool, src map[int]bool) {
		if *dst == nil {
			*dst = map[int]bool{}
		}
		clear(*dst)
		for k, v := range src {
			(*dst)[k] = v
		}
	}
	cp(&to.breaks, s.breaks)
	cp(&to.split, s.split)
	cp(&to.carry, s.carry)
	cp(&to.down, s.down)
	if to.rows == nil {
		to.rows = map[int]int{}
	}
	clear(to.rows)
	for k, v := range s.rows {
		to.rows[k] = v
	}
	return to
}

// layOnce lays d out in one attempt from sc.last, at squeeze: the layout
// that attempt made before (layout is deterministic).
func (w *Writer) layOnce(d *doc.Document, sc *scratch, squeeze float64) (*renderer, error) {
	sc.squeeze = squeeze
	sc.last.copyTo(&layStart{breaks: sc.breaks, split: sc.split, carry: sc.carry, down: sc.down, rows: sc.rows})
	return w.renderOnce(d, sc)
}

// renderOnce lays d out once from the forced pages sc holds.
func (w *Writer) renderOnce(d *doc.Document, sc *scratch) (*renderer, error) {
	r := newRendererWith(w, d, sc)
	if err := r.applyBrand(); err != nil {
		return nil, err
	}
	if err := r.render(); err != nil {
		return nil, err
	}
	if err := r.pdf.Error(); err != nil {
		return nil, err
	}
	return r, nil
}

// layAt is lay at one squeeze of the space between blocks, from no
// forced pages. Where its last attempt began is left in sc.last.
func (w *Writer) layAt(d *doc.Document, sc *scratch, squeeze float64) (*renderer, error) {
	clear(sc.breaks)
	clear(sc.split)
	clear(sc.carry)
	clear(sc.down)
	clear(sc.rows)
	sc.squeeze = squeeze
	for attempt := 1; ; attempt++ {
		(&layStart{breaks: sc.breaks, split: sc.split, carry: sc.carry, down: sc.down, rows: sc.rows}).copyTo(&sc.last)
		r, err := w.renderOnce(d, sc)
		if err != nil {
			return nil, err
		}
		if attempt == maxAttempts || !r.adjust(sc) {
			return r, nil
		}
	}
}

// renderer holds the state of one document being written.
type renderer struct {
	w   *Writer
	d   *doc.Document
	pdf *fpdf.Fpdf

	faces   *[numFaces]*face // the document's typeface (brand.go)
	geo     geometry         // where the page's parts sit
	palette map[rgb]rgb      // brand colours in place of rolepack's (brand.go)

	loaded   [numFaces]bool // faces registered with this fpdf document
	curFace  int            // font currently selected in the content stream, -1 if unknown
	curSize  float64
	curUnder bool

	pageW, pageH float64
	left, width  float64 // current text box; lists indent it
	top, bottom  float64
	y            float64

	keep       float64 // height of what the next heading must stay with
	titleDone  bool
	outline    []int // heading levels of the open outline entries
	logoW      float64
	logoBottom float64

	tag *tagger // the structure tree being built; nil when untagged
	// inLang counts the Langs being drawn in: the title's kicker, in the
	// document's language, says so when the title is in another.
	inLang int

	pages []PageTrace // what each page holds, as drawn
	// spills counts the page breaks reached on a page holding only what
	// went on of the part before, half a page or less (see lay).
	spills  int
	extents []blockExtent // where each top-level block was drawn
	cur     int           // index of the top-level block being drawn
	breaks  map[int]bool  // top-level blocks that start a new page
	split   map[int]bool  // short tables (top-level blocks) that may break across pages after all
	carry   map[int]bool  // tables (top-level blocks) whose last rows go on to a new page, so the last page is not a line alone
	// rows maps tables of rooms to write in (top-level blocks) to the row
	// that starts a new page, so that the page after is filled (fillRows).
	rows    map[int]int
	rowTops []rowTop // where each table row began, as drawn

	tables map[tableKey]tableLayout // tables laid out so far (table.go)
	wraps  map[wrapKey][]line       // the document's text wrapped so far (wrapText)

	sc *scratch // working memory kept from document to document

	textRGB    rgb  // text colour last set
	textRGBSet bool // textRGB is set
}

// newRenderer is a renderer of d with working memory of its own.
func newRenderer(w *Writer, d *doc.Document) *renderer {
	r := newRendererWith(w, d, newScratch())
	r.wraps = nil // wrap every time, as the tests expect of a bare renderer
	return r
}

// newRendererWith is a renderer of d working in sc, whose breaks, split,
// tables and wraps it shares with earlier layouts of the same document.
func newRendererWith(w *Writer, d *doc.Document, sc *scratch) *renderer {
	orient := "P"
	if d.Meta.Landscape {
		orient = "L"
	}
	p := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orient, UnitStr: "mm", SizeStr: "A4"})
	g := normalPage
	if d.Meta.NarrowMargins {
		g = narrowPage
	}
	p.SetMargins(g.marginX, g.marginTop, g.marginX)
	p.SetAutoPageBreak(false, g.marginBottom)
	p.SetCellMargin(0)
	p.SetCatalogSort(true)
	p.SetShortFontNames(true)
	p.SetBookmarksOpenLevels(1) // the title's bookmark shows the sections under it
	p.SetCompression(true)
	p.SetCompressor(w.compress)
	p.SetPageSizeHint(firstPageRoom)
	pw, ph := p.GetPageSize()
	r := &renderer{
		w: w, d: d, pdf: p, curFace: -1, faces: &w.faces,
		pageW: pw, pageH: ph,
		geo:  g,
		left: g.marginX, width: pw - 2*g.marginX,
		top: g.marginTop, bottom: ph - g.marginBottom,
		sc: sc, breaks: sc.breaks, split: sc.split, carry: sc.carry, rows: sc.rows, tables: sc.tables, wraps: sc.wraps,
	}
	if !w.untagged {
		sc.tag.reset()
		r.tag = &sc.tag
		p.SetExtraObjects(r.tag.writeTree)
		p.RaisePDFVersion(1, 7)   // PDF/UA-1 is built on PDF 1.7 (ISO 32000-1)
		addOutputIntent(p, w.icc) // PDF/A-2a, which asks for the tags as well
	}
	r.metadata()
	return r
}

// metadata fills the document information dictionary and catalog.
func (r *renderer) metadata() {
	m := r.d.Meta
	title := m.Title
	if title == "" {
		for _, b := range r.d.Blocks {
			if h, ok := b.(*doc.Heading); ok {
				title = doc.PlainText(h.Text)
				break
			}
		}
	}
	r.pdf.SetTitle(title, true)
	lang := cleanLang(m.Language)
	r.pdf.SetDisplayDocTitle(true) // viewers show the title, not the file name
	r.pdf.SetAuthor(m.Author, true)
	r.pdf.SetSubject(m.Subject, true)
	r.pdf.SetKeywords(strings.Join(m.Keywords, ", "), true)
	r.pdf.SetCreator("rolepack", true)
	r.pdf.SetProducer("rolepack (go-pdf/fpdf)", true)
	r.pdf.SetLang(lang)
	date := m.Date
	if date.IsZero() {
		date = defaultDate
	}
	if r.tag != nil {
		r.pdf.SetXmpMetadata(xmpPacket(title, m.Author, m.Subject, strings.Join(m.Keywords, ", "), lang, "rolepack (go-pdf/fpdf)", date))
	}
	r.pdf.SetCreationDate(date.UTC())
	r.pdf.SetModificationDate(date.UTC())
	r.pdf.SetDisplayMode("default", "OneColumn")
}

// cleanLang keeps a BCP 47 tag to the characters it may hold, so that it
// cannot break the PDF syntax; empty means British English.
func cleanLang(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	if b.Len() == 0 {
		return "en-GB"
	}
	return b.String()
}

// render lays out every block, then adds running headers and footers once
// the page count is known.
func (r *renderer) render() error {
	r.newPage()
	if err := r.logo(); err != nil {
		return err
	}
	r.extents = make([]blockExtent, len(r.d.Blocks))
	for i, b := range r.d.Blocks {
		r.cur = i
		if r.breaks[i] && !r.atTop() {
			r.newPage()
		}
		if _, ok := doc.Unwrap(b).(*doc.Heading); ok {
			r.keep = r.startHeight(i+1, true)
		}
		r.block(b)
		if err := r.pdf.Error(); err != nil {
			return err
		}
	}
	r.popTo(0)
	r.endContent()
	r.decorate()
	if r.tag != nil {
		if err := r.pageEntries(); err != nil {
			return err
		}
	}
	return nil
}

// block renders one block at the current position.
func (r *renderer) block(b doc.Block) {
	switch b := b.(type) {
	case *doc.Heading:
		r.heading(b)
	case *doc.Paragraph:
		r.paragraph(b.Text, bodyText, "", r.gap(2.6))
	case *doc.List:
		r.push("L", "")
		r.list(b, 0)
		r.pop()
		r.y += r.gap(1.8)
	case *doc.Table:
		r.table(b)
	case *doc.Rule:
		r.rule()
	case *doc.PageBreak:
		if r.atTop() {
			break
		}
		if p := r.pdf.PageNo(); p >= 2 && p <= len(r.pages) && r.pages[p-1].Headings == 0 && r.pages[p-1].Used <= (r.bottom-r.top)/2 {
			r.spills++
		}
		if !r.spillOnly() || !r.partFits(r.cur+1) {
			r.newPage()
		}
	case *doc.Chart:
		r.chart(b)
	case *doc.Lang:
		r.push("Div", langAttr(b.Tag))
		r.inLang++
		r.blocksIn(b.Blocks)
		r.inLang--
		r.pop()
	case *doc.Parallel:
		r.parallel(b)
	}
}

// spillOnly reports whether the current page, a third of the page or
// less, holds only what goes on of a section begun on the page before,
// ending with the block before (top-level block r.cur-1): the last rows of
// a plan's summary table, or the table itself moved whole below its
// introduction (see spill).
func (r *renderer) spillOnly() bool {
	p := r.pdf.PageNo()
	if p < 2 || p > len(r.pages) || r.pages[p-1].Used > (r.bottom-r.top)/3 || r.cur < 1 || r.cur > len(r.extents) {
		return false
	}
	return r.spill(p, r.cur-1)
}

// spill reports whether page p (from 2) holds only what goes on of the
// section begun on a page before, ending with top-level block b: no
// heading on it.
func (r *renderer) spill(p, b int) bool {
	if p < 2 || p > len(r.pages) || r.pages[p-1].Headings > 0 {
		return false
	}
	return r.extents[b].toPage == p
}

// partFits reports whether the opening of the part from top-level block
// i (its heading, the paragraphs that introduce it and what its first
// table needs to start: all of a short one) fits below the cursor. A page
// break before it is not taken when the page holds only a spill (see
// spillOnly): the page is not left two-thirds empty, and the part's
// heading and introduction still start where their table does.
func (r *renderer) partFits(i int) bool {
	h := 0.0
	for j := i; j < len(r.d.Blocks); j++ {
		switch b := doc.Unwrap(r.d.Blocks[j]).(type) {
		case *doc.Heading:
			if j > i || b.Level <= 1 {
				return false // a second heading, or a new document's title (a bilingual one's second half)
			}
			hs := headingStyleOf(b.Level)
			ts := textStyle{size: hs.size, base: doc.Bold, color: hs.color}
			h += r.gap(hs.before) + float64(len(r.wrapText(b.Text, r.width, ts.size, ts.base)))*ts.lineHeight() + r.gap(hs.after) + 1.5
			continue
		case *doc.Paragraph:
			h += float64(len(r.wrapText(b.Text, r.width, bodySize, 0)))*bodyText.lineHeight() + r.gap(2.6)
			continue
		case *doc.Table:
			h += r.gap(1.5) + r.tableStart(j, b)
		default:
			h += r.startHeight(j, true)
		}
		return r.y+h <= r.bottom
	}
	return false
}

// blocksIn renders blocks inside a top-level one (a Lang, a column of a
// Parallel), each heading kept with the opening of what follows it.
func (r *renderer) blocksIn(bs []doc.Block) {
	for i, b := range bs {
		if _, ok := doc.Unwrap(b).(*doc.Heading); ok {
			r.keep = r.startHeightIn(bs, i+1, true, false)
		}
		r.block(b)
	}
}

// langAttr is the /Lang entry of a structure element in language tag
// (ISO 32000-1 14.9.2): assistive technology reads its content in that
// language.
func langAttr(tag string) string {
	return "/Lang " + pdfString(cleanLang(tag))
}

// parallel draws a bilingual passage in two columns: both start at the
// same height (on the same page), the first language on the left, each
// tagged with its language (a Div with /Lang holding the column's
// elements, the left column's before the right's in reading order); what
// follows goes on below the longer. A column longer than the page goes
// on to the next page, where the other column's continuation is drawn
// beside it.
func (r *renderer) parallel(p *doc.Parallel) {
	saveLeft, saveWidth := r.left, r.width
	gap := float64(doc.ColumnGapMM)
	colW := (r.width - gap) / 2
	r.width = colW
	need := max(r.cellStart(p.Cells[0].Blocks), r.cellStart(p.Cells[1].Blocks))
	r.width = saveWidth
	r.ensure(need)
	startPage, startY := r.pdf.PageNo(), r.y
	endPage, endY := startPage, startY
	for c, cell := range p.Cells {
		if c > 0 {
			r.goToPage(startPage)
			r.y = startY
		}
		r.left, r.width = saveLeft+float64(c)*(colW+gap), colW
		r.push("Div", langAttr(cell.Tag))
		r.blocksIn(cell.Blocks)
		r.pop()
		if pg := r.pdf.PageNo(); pg > endPage || pg == endPage && r.y > endY {
			endPage, endY = pg, r.y
		}
	}
	r.left, r.width = saveLeft, saveWidth
	r.goToPage(endPage)
	r.y = endY
	if r.cur >= 0 && r.cur < len(r.extents) && r.extents[r.cur].fromPage != 0 {
		e := &r.extents[r.cur]
		e.toPage, e.toY = endPage, endY
	}
}

// cellStart is the height a column's opening needs on the page it starts
// on: a heading with the start of what follows it, or the start of its
// first block.
func (r *renderer) cellStart(bs []doc.Block) float64 {
	if len(bs) == 0 {
		return 0
	}
	h, ok := doc.Unwrap(bs[0]).(*doc.Heading)
	if !ok {
		return r.startHeightIn(bs, 0, true, false)
	}
	hs := headingStyleOf(h.Level)
	ts := textStyle{size: hs.size, base: doc.Bold}
	height := float64(len(r.wrapText(h.Text, r.width, ts.size, ts.base)))*ts.lineHeight() + hs.after
	if hs.rule {
		height += 1.5
	}
	return min(height+max(r.startHeightIn(bs, 1, true, false), 2*bodyText.lineHeight()), r.bottom-r.top)
}

// goToPage makes page p (drawn already) the one drawn on: the marked
// content open on the current page ends, and the font and colour are set
// again, since each page's content has its own.
func (r *renderer) goToPage(p int) {
	if p == r.pdf.PageNo() {
		return
	}
	r.endContent()
	r.pdf.SetPage(p)
	r.curFace = -1
	r.textRGBSet = false
}

// newPage starts a page and puts the cursor at the top of its body: the
// next page when one is drawn already (the right column of a Parallel
// going on beside the left one's continuation), else a new one.
func (r *renderer) newPage() {
	r.endContent()
	if n := r.pdf.PageNo(); n > 0 && n < r.pdf.PageCount() {
		r.pdf.SetPage(n + 1)
		r.curFace = -1
		r.textRGBSet = false
	} else {
		r.pdf.AddPage()
	}
	r.y = r.top
}

// atTop reports whether nothing has been drawn on the current page yet.
func (r *renderer) atTop() bool { return r.y <= r.top+0.01 }

// ensure starts a new page unless h millimetres fit below the cursor.
func (r *renderer) ensure(h float64) {
	if r.y+h > r.bottom+0.01 && !r.atTop() {
		r.newPage()
	}
}

// space adds vertical space, except at the top of a page.
func (r *renderer) space(h float64) {
	if !r.atTop() {
		r.y += r.gap(h)
	}
}

// gap is h millimetres of space between blocks, as tight as the layout
// is squeezed (see lay).
func (r *renderer) gap(h float64) float64 {
	if r.sc != nil && r.sc.squeeze > 0 {
		return h * r.sc.squeeze
	}
	return h
}

// setFont selects a face and size, registering the face with this document
// on first use (so unused faces are never embedded).
func (r *renderer) setFont(fi int, size float64, underline bool) {
	f := r.faces[fi]
	if !r.loaded[fi] {
		r.pdf.AddUTF8FontParsed(f.parsed)
		r.loaded[fi] = true
	}
	if fi == r.curFace && size == r.curSize && underline == r.curUnder {
		return
	}
	style := f.selectStyle[0]
	if underline {
		style = f.selectStyle[1]
	}
	r.pdf.SetFont(f.selectFamily, style, size)
	r.curFace, r.curSize, r.curUnder = fi, size, underline
}

// textColor sets the text colour, as the fill colour too: text is painted
// with the fill colour, and while the two differ fpdf wraps every piece of
// text in q, the text colour and Q. With them alike the colour is written
// where it changes (SetFillColor writes it to the page), and pieces of
// text in the same colour write none (page 1 of the default JD: 7% less
// content). Setting the colour already set is skipped; fillColor
// (a filled rectangle's colour) and a change of page make the next call
// write it again.
func (r *renderer) textColor(c rgb) {
	c = r.branded(c)
	if r.textRGBSet && c == r.textRGB {
		return
	}
	r.pdf.SetTextColor(c.r, c.g, c.b)
	r.pdf.SetFillColor(c.r, c.g, c.b)
	r.textRGB, r.textRGBSet = c, true
}

// fillColor sets the colour of the filled rectangles drawn next; the text
// drawn after them sets its own again (textColor).
func (r *renderer) fillColor(c rgb) {
	c = r.branded(c)
	r.pdf.SetFillColor(c.r, c.g, c.b)
	r.textRGBSet = false
}
func (r *renderer) drawColor(c rgb) { c = r.branded(c); r.pdf.SetDrawColor(c.r, c.g, c.b) }

// hline draws a horizontal line across the text box.
func (r *renderer) hline(y, width float64, c rgb) {
	r.asArtifact(artifactLayout, func() {
		r.drawColor(c)
		r.pdf.SetLineWidth(width)
		r.pdf.Line(r.left, y, r.left+r.width, y)
	})
}

// asArtifact runs draw with what it draws marked as an artifact of the
// given kind (within an artifact already open, as part of it).
func (r *renderer) asArtifact(kind string, draw func()) {
	if r.tag == nil || r.inArtifact() {
		draw()
		return
	}
	r.artifact(kind)
	draw()
	r.endArtifact()
}

// textStyle is how a run of text is set.
type textStyle struct {
	size  float64
	base  doc.Style // added to every run's style
	color rgb
	lead  float64 // line height as a multiple of size; 0 is leading
}

var bodyText = textStyle{size: bodySize, color: colText}

func (s textStyle) lineHeight() float64 {
	if s.lead > 0 {
		return s.size * s.lead / ptPerMM
	}
	return s.size * leading / ptPerMM
}

// headingStyle is the look of a heading level below the title.
type headingStyle struct {
	size, before, after float64
	color               rgb
	rule                bool
}

func headingStyleOf(level int) headingStyle {
	switch level {
	case 1:
		return headingStyle{size: 16, before: 7, after: 3, color: colAccent, rule: true}
	case 2:
		return headingStyle{size: 13.5, before: 6, after: 2.6, color: colAccent, rule: true}
	case 3:
		return headingStyle{size: 11.5, before: 4.2, after: 1.6, color: colAccent}
	default:
		return headingStyle{size: bodySize, before: 3, after: 1.2, color: colAccent}
	}
}

// heading renders a heading, keeps it with what follows and adds it to the
// outline.
func (r *renderer) heading(h *doc.Heading) {
	if h.Level <= 1 && !r.titleDone {
		r.title(h)
		return
	}
	hs := headingStyleOf(h.Level)
	ts := textStyle{size: hs.size, base: doc.Bold, color: hs.color}
	lines := r.wrapText(h.Text, r.width, ts.size, ts.base)
	lh := ts.lineHeight()
	height := float64(len(lines))*lh + r.gap(hs.after)
	if hs.rule {
		height += 1.5
	}
	r.space(hs.before)
	r.ensure(height + max(r.keep, 2*bodyText.lineHeight())) // never strand a heading at the foot of a page
	r.setFont(faceBold, hs.size, false)
	r.bookmark(doc.PlainText(h.Text), h.Level)
	r.push(headingTag(h.Level), "")
	for _, ln := range lines {
		r.drawLine(ln, r.left, r.y, lh, ts, doc.AlignLeft, r.width)
		r.y += lh
	}
	r.pop()
	r.mark(markHeading, len(lines), float64(len(lines))*lh, h.Text)
	if hs.rule {
		r.y += 0.8
		r.hline(r.y, 0.25, colRule)
		r.y += 0.7
	}
	r.y += r.gap(hs.after)
}

// startHeight is the height of the opening of the blocks from index i,
// which a heading just before them is kept with: the first lines of a
// paragraph (all of a short one, and with chain the start of a table or
// list after it), what a table needs to start (all of a short one), a
// list's first item, a chart. It is at most a page.
func (r *renderer) startHeight(i int, chain bool) float64 {
	return r.startHeightIn(r.d.Blocks, i, chain, true)
}

// startHeightIn is startHeight of blocks bs, the top-level blocks (top)
// or those inside one.
func (r *renderer) startHeightIn(bs []doc.Block, i int, chain, top bool) float64 {
	if i >= len(bs) {
		return 0
	}
	lh := bodyText.lineHeight()
	h := 0.0
	switch b := doc.Unwrap(bs[i]).(type) {
	case *doc.Paragraph:
		n := len(r.wrapText(b.Text, r.width, bodySize, 0))
		h = float64(min(n, 2)) * lh
		if n <= 3 {
			h = float64(n)*lh + 2.6
			if chain && i+1 < len(bs) {
				switch doc.Unwrap(bs[i+1]).(type) {
				case *doc.Table, *doc.List:
					h += r.startHeightIn(bs, i+1, false, top)
				}
			}
		}
	case *doc.Table:
		at := -1 // a table inside a block is never one the layout split
		if top {
			at = i
		}
		h = r.tableStart(at, b) // what the table itself needs: a short one whole
	case *doc.List:
		h = 2 * lh
		if len(b.Items) > 0 && len(b.Items[0].Blocks) > 0 {
			if p, ok := b.Items[0].Blocks[0].(*doc.Paragraph); ok {
				h = float64(min(len(r.wrapText(p.Text, r.width-listIndent, bodySize, 0)), 2)) * lh
			}
		}
	case *doc.Chart:
		h = 40
	}
	return min(h, r.bottom-r.top)
}

// title renders the first level-1 heading as the document's title block:
// the subject as a kicker above, the title, and an accent bar.
func (r *renderer) title(h *doc.Heading) {
	r.titleDone = true
	width := r.width
	if r.logoW > 0 {
		width -= r.logoW + 6
	}
	if s := strings.TrimSpace(r.d.Meta.Subject); s != "" {
		ts := textStyle{size: 9, color: colMuted, base: doc.Bold}
		r.setFont(faceBold, ts.size, false)
		r.textColor(ts.color)
		lines := r.wrap([]doc.Inline{{Text: strings.ToUpper(s)}}, width, ts.size, ts.base)
		attrs := ""
		if r.inLang > 0 {
			attrs = langAttr(r.d.Meta.Language)
		}
		r.push("P", attrs)
		for _, ln := range lines {
			r.drawLine(ln, r.left, r.y, ts.lineHeight(), ts, doc.AlignLeft, width)
			r.y += ts.lineHeight()
		}
		r.pop()
		r.y += 1
	}
	ts := textStyle{size: 20, base: doc.Bold, color: colAccent}
	r.setFont(faceBold, ts.size, false)
	r.bookmark(doc.PlainText(h.Text), 1)
	lh := ts.size * 1.2 / ptPerMM
	r.push(headingTag(1), "")
	for _, ln := range r.wrapText(h.Text, width, ts.size, ts.base) {
		r.ensure(lh)
		r.drawLine(ln, r.left, r.y, lh, ts, doc.AlignLeft, width)
		r.y += lh
		r.mark(markText, 1, lh, h.Text) // the title block is not a heading a page can end with
	}
	r.pop()
	if r.y < r.logoBottom {
		r.y = r.logoBottom
	}
	r.y += 2
	r.asArtifact(artifactLayout, func() {
		r.fillColor(colAccent)
		r.pdf.Rect(r.left, r.y, r.width, 0.9, "F")
	})
	r.y += 6
}

// bookmark adds an outline entry nested under the nearest heading of a
// lower level, so outline levels never skip.
func (r *renderer) bookmark(text string, level int) {
	for len(r.outline) > 0 && r.outline[len(r.outline)-1] >= level {
		r.outline = r.outline[:len(r.outline)-1]
	}
	depth := len(r.outline)
	r.outline = append(r.outline, level)
	r.pdf.Bookmark(strings.TrimSpace(text), depth, r.y)
}

// paragraph renders inline text in the current text box, optionally with a
// list marker beside its first line, and adds space after it.
func (r *renderer) paragraph(runs []doc.Inline, ts textStyle, marker string, after float64) {
	lines := r.wrapText(runs, r.width, ts.size, ts.base)
	lh := ts.lineHeight()
	switch {
	case len(lines) <= 3:
		r.ensure(float64(max(len(lines), 1)) * lh) // keep short paragraphs whole
	default:
		r.ensure(2 * lh) // no single orphaned line
	}
	if marker != "" {
		r.label(marker, ts)
	}
	r.push("P", "")
	defer r.pop()
	for i, ln := range lines {
		last := len(lines) - i
		if last == 2 && r.y+2*lh > r.bottom {
			r.ensure(2 * lh) // no single widowed line
		} else {
			r.ensure(lh)
		}
		r.drawLine(ln, r.left, r.y, lh, ts, doc.AlignLeft, r.width)
		r.y += lh
		r.mark(markText, 1, lh, runs)
	}
	if len(lines) == 0 && marker != "" {
		r.y += lh
	}
	r.y += after
}

// listIndent is the room for a list marker; nested lists indent by it again.
const listIndent = 6.5

// marker draws a list marker to the left of the text box at the cursor.
func (r *renderer) marker(m string, ts textStyle) {
	r.setFont(faceRegular, ts.size, false)
	x := r.left - listIndent + 1.2
	align := "L"
	w := listIndent - 1.2
	if m == "•" || m == "–" || m == "◦" {
		r.textColor(colAccent)
	} else {
		r.textColor(ts.color)
		align = "R"
		w = listIndent - 2.2
	}
	r.textContent()
	r.pdf.SetXY(x, r.y)
	r.pdf.CellFormat(w, ts.lineHeight(), m, "", 0, align, false, 0, "")
}

// label draws a list item's marker as its label (Lbl) and opens the
// item's body (LBody), which the item's blocks go into.
func (r *renderer) label(m string, ts textStyle) {
	r.push("Lbl", "")
	r.marker(m, ts)
	r.pop()
	r.push("LBody", "")
}

// headingTag is the structure type of a heading of level (H1 to H6).
func headingTag(level int) string {
	const tags = "H1H2H3H4H5H6"
	i := 2 * (min(max(level, 1), 6) - 1)
	return tags[i : i+2]
}

// bullets are the markers of bullet lists by nesting depth.
var bullets = []string{"•", "–", "◦"}

// list renders a bullet or numbered list with hanging indents.
func (r *renderer) list(l *doc.List, depth int) {
	saveLeft, saveWidth := r.left, r.width
	r.left += listIndent
	r.width -= listIndent
	defer func() { r.left, r.width = saveLeft, saveWidth }()
	start := l.Start
	if start == 0 {
		start = 1
	}
	for i, it := range l.Items {
		attr := ""
		if it.Lang != "" {
			attr = langAttr(it.Lang) // the item read in its own language
		}
		li := r.push("LI", attr)
		m := bullets[depth%len(bullets)]
		if l.Ordered {
			m = fmt.Sprintf("%d.", start+i)
		}
		for j, b := range it.Blocks {
			switch b := b.(type) {
			case *doc.Paragraph:
				mk := ""
				if j == 0 {
					mk = m
				}
				r.paragraph(b.Text, bodyText, mk, 1.1)
			case *doc.List:
				if j == 0 {
					r.ensure(bodyText.lineHeight())
					r.label(m, bodyText)
				}
				r.push("L", "")
				r.list(b, depth+1)
				r.pop()
			default:
				if j == 0 {
					r.ensure(bodyText.lineHeight())
					r.label(m, bodyText)
				}
				r.block(b)
			}
		}
		if len(it.Blocks) == 0 {
			r.paragraph(nil, bodyText, m, 1.1)
		}
		r.popTo(li)
		r.pop()
	}
}

// rule draws a thematic break.
func (r *renderer) rule() {
	r.space(2.5)
	r.ensure(1)
	r.hline(r.y, 0.3, colRule)
	r.y += r.gap(4)
	r.mark(markRule, 0, 4, nil)
}

// maxLogoPixels is the most pixels a logo may have (4096 × 4096, as
// userfile.ImagePixels).
const maxLogoPixels = 4096 * 4096

// logo places the organisation's logo at the top right of the first page.
func (r *renderer) logo() error {
	img := r.d.Meta.Logo
	if len(img) == 0 {
		return nil
	}
	var tp string
	switch {
	case bytes.HasPrefix(img, []byte("\x89PNG")):
		tp = "PNG"
	case bytes.HasPrefix(img, []byte{0xFF, 0xD8}):
		tp = "JPG"
	default:
		return errors.New("logo: not a PNG or JPEG image")
	}
	// The header first: an image claiming billions of pixels is refused
	// before fpdf allocates for them (the run checks logos it reads the
	// same way; this holds for a logo handed to the writer directly).
	cfg, _, err := image.DecodeConfig(bytes.NewReader(img))
	if err != nil {
		return fmt.Errorf("logo: not a whole %s image: %v", tp, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxLogoPixels {
		return fmt.Errorf("logo: the image is %d×%d pixels; the limit is %d pixels", cfg.Width, cfg.Height, maxLogoPixels)
	}
	info := r.pdf.RegisterImageOptionsReader("logo", fpdf.ImageOptions{ImageType: tp}, bytes.NewReader(img))
	if err := r.pdf.Error(); err != nil {
		return fmt.Errorf("logo: %w", err)
	}
	if info == nil || info.Width() <= 0 || info.Height() <= 0 {
		return errors.New("logo: image has no size")
	}
	h := 16.0
	w := h * info.Width() / info.Height()
	if w > 55 {
		w = 55
		h = w * info.Height() / info.Width()
	}
	y := 12.0
	x := r.pageW - r.geo.marginX - w
	alt := "Logo"
	if a := strings.TrimSpace(r.d.Meta.Author); a != "" {
		alt = a + " logo"
	}
	r.push("Figure", altAttr(alt)+" "+bboxAttr(x*ptPerMM, (r.pageH-y-h)*ptPerMM, (x+w)*ptPerMM, (r.pageH-y)*ptPerMM))
	r.content()
	r.pdf.ImageOptions("logo", x, y, w, h, false, fpdf.ImageOptions{ImageType: tp}, 0, "")
	r.pop()
	r.logoW = w
	r.logoBottom = y + h + 2
	return nil
}

// decorate draws the running header (from page 2) and the footer with
// "Page N of M" on every page, now that the page count is known.
func (r *renderer) decorate() {
	m := r.d.Meta
	n := r.pdf.PageCount()
	hl, hr := strings.TrimSpace(m.HeaderLeft), strings.TrimSpace(m.HeaderRight)
	if hl == "" && hr == "" {
		hl = strings.TrimSpace(m.Title)
	}
	small := textStyle{size: smallSize, color: colMuted}
	lh := small.lineHeight()
	saveLeft, saveWidth := r.left, r.width
	r.left, r.width = r.geo.marginX, r.pageW-2*r.geo.marginX
	r.endContent()
	// What is the same on every page is laid out once.
	var right, left line
	var hasRight, hasLeft bool
	if hl != "" || hr != "" {
		right, hasRight = r.fitLine(hr, r.width, small)
		rw := r.faces[faceRegular].width(hr, smallSize)
		left, hasLeft = r.fitLine(hl, r.width-rw-6, small)
	}
	foot := footLines{text: strings.TrimSpace(m.Footer)}
	for p := 1; p <= n; p++ {
		r.pdf.SetPage(p)
		r.curFace = -1       // the content stream of that page has its own font state
		r.textRGBSet = false // and its own colours
		r.textColor(small.color)
		if p > 1 && (hl != "" || hr != "") {
			r.asArtifact(artifactHeader, func() {
				y := r.geo.headerY
				if hasRight {
					r.drawLine(right, r.left, y, lh, small, doc.AlignRight, r.width)
				}
				if hasLeft {
					rw := r.faces[faceRegular].width(hr, smallSize)
					r.drawLine(left, r.left, y, lh, small, doc.AlignLeft, r.width-rw-6)
				}
				r.hline(y+lh+0.8, 0.2, colRule)
			})
		}
		r.asArtifact(artifactFooter, func() { r.footer(p, n, small, &foot) })
	}
	r.pdf.SetPage(n)
	r.left, r.width = saveLeft, saveWidth
}

// pageLabel is the footer's "Page p of n", or format (doc.Meta.PageLabel)
// with p and n in place of {page} and {pages}.
func pageLabel(format string, p, n int) string {
	if format != "" {
		return strings.NewReplacer("{page}", strconv.Itoa(p), "{pages}", strconv.Itoa(n)).Replace(format)
	}
	return "Page " + strconv.Itoa(p) + " of " + strconv.Itoa(n)
}

// footLines is the footer text laid out in lines of width w, kept from
// page to page while "Page N of M" leaves it the same width.
type footLines struct {
	text  string
	w     float64
	lines []line
	made  bool
}

// footer draws the footer rule, "Page p of n" and the footer text.
func (r *renderer) footer(p, n int, small textStyle, foot *footLines) {
	lh := small.lineHeight()
	fy := r.pageH - r.geo.footerGap
	r.hline(fy, 0.2, colRule)
	label := pageLabel(r.d.Meta.PageLabel, p, n)
	r.oneLine(label, r.left, fy+1.5, r.width, small, doc.AlignRight)
	lw := r.faces[faceRegular].width(label, smallSize)
	if foot.text != "" {
		fw := r.width - lw - 8
		if !foot.made || fw != foot.w {
			lines := r.wrap([]doc.Inline{{Text: foot.text}}, fw, small.size, 0)
			if len(lines) > 2 {
				lines = lines[:2]
				lines[1] = r.ellipsis(lines[1], fw, small.size, true)
			}
			foot.w, foot.lines, foot.made = fw, lines, true
		}
		for i, ln := range foot.lines {
			r.drawLine(ln, r.left, fy+1.5+float64(i)*lh, lh, small, doc.AlignLeft, fw)
		}
	}
}

// fitLine lays s out on one line, shortened with an ellipsis to fit width;
// ok is false when there is nothing to draw.
func (r *renderer) fitLine(s string, width float64, ts textStyle) (ln line, ok bool) {
	if s == "" || width <= 0 {
		return line{}, false
	}
	lines := r.wrap([]doc.Inline{{Text: s}}, 1e6, ts.size, ts.base)
	if len(lines) == 0 {
		return line{}, false
	}
	return r.ellipsis(lines[0], width, ts.size, len(lines) > 1), true
}

// oneLine draws s on one line, shortened with an ellipsis to fit width.
func (r *renderer) oneLine(s string, x, y, width float64, ts textStyle, align doc.Align) {
	if ln, ok := r.fitLine(s, width, ts); ok {
		r.drawLine(ln, x, y, ts.lineHeight(), ts, align, width)
	}
}

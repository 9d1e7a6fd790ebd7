package pdf

import (
	"errors"
	"fmt"

	"github.com/rolepack/rolepack/render/doc"
)

// What a page's last drawn element was, as a Trace reports it.
const (
	markHeading     = "heading"
	markText        = "text"
	markTableHeader = "table-header"
	markRow         = "row"
	markChart       = "chart"
	markRule        = "rule"
)

// Trace is how a document was laid out: for each page, how many lines of
// body text it holds and what was drawn last. Tests read it to check the
// pagination rules without parsing the PDF.
type Trace struct {
	Pages []PageTrace
}

// PageTrace is one page of a Trace.
type PageTrace struct {
	Lines int    // lines of body text (a chart counts as 4, a table row as its lines)
	Last  string // "heading", "text", "table-header", "row", "chart" or "rule"
	Text  string // the plain text of the last element, for messages
}

// Layout lays d out as Write would and returns its trace.
func (w *Writer) Layout(d *doc.Document) (tr *Trace, err error) {
	if d == nil {
		return nil, errors.New("pdf: no document")
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("pdf: %v", p)
		}
	}()
	r, err := w.lay(d)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return &Trace{Pages: r.pages}, nil
}

// blockExtent is where a top-level block was drawn: from (page, y) to
// (page, y), pages counted from 1.
type blockExtent struct {
	fromPage, toPage int
	fromY, toY       float64
}

// mark records an element just drawn, h millimetres high ending at the
// cursor, holding lines lines of text.
func (r *renderer) mark(kind string, lines int, h float64, text string) {
	p := r.pdf.PageNo()
	for len(r.pages) < p {
		r.pages = append(r.pages, PageTrace{})
	}
	pt := &r.pages[p-1]
	pt.Lines += lines
	pt.Last, pt.Text = kind, text
	if r.cur < 0 || r.cur >= len(r.extents) {
		return
	}
	e := &r.extents[r.cur]
	start := max(r.y-h, r.top)
	if e.fromPage == 0 {
		e.fromPage, e.fromY = p, start
	}
	e.toPage, e.toY = p, r.y
}

// height is the height the top-level blocks from..to-1 took, counting
// full pages between where they started and ended.
func (r *renderer) height(from, to int) float64 {
	var a, b *blockExtent
	for i := from; i < to; i++ {
		if r.extents[i].fromPage == 0 {
			continue
		}
		if a == nil {
			a = &r.extents[i]
		}
		b = &r.extents[i]
	}
	if a == nil {
		return 0
	}
	if a.fromPage == b.toPage {
		return b.toY - a.fromY
	}
	body := r.bottom - r.top
	return (r.bottom - a.fromY) + float64(b.toPage-a.fromPage-1)*body + (b.toY - r.top)
}

// minPageLines is the least body text a page other than a one-page
// document's only page should hold.
const minPageLines = 4

// adjust reads the layout just made and returns where a new page should
// start for the next attempt to keep the rules it broke: a kept span that
// fits on a page but was split, a page ending with a heading or a table's
// header row, a last page holding less than minPageLines lines. It returns
// false when there is nothing more to move.
func (r *renderer) adjust(breaks map[int]bool) bool {
	changed := false
	force := func(i int) {
		if i <= 0 || i >= len(r.extents) {
			return
		}
		// Take the heading a block starts the section of along with it.
		if _, ok := r.d.Blocks[i-1].(*doc.Heading); ok && r.extents[i-1].toPage == r.extents[i].fromPage {
			i--
		}
		if i > 0 && !breaks[i] && r.extents[i].fromY > r.top+0.01 {
			breaks[i] = true
			changed = true
		}
	}
	body := r.bottom - r.top
	for _, k := range r.d.Keeps {
		from, to := k.From, min(k.To, len(r.extents))
		if from >= to || r.extents[from].fromPage == 0 {
			continue
		}
		last := to - 1
		for last > from && r.extents[last].toPage == 0 {
			last--
		}
		if r.extents[from].fromPage != r.extents[last].toPage && r.height(from, to) <= body {
			force(from)
		}
	}
	n := len(r.pages)
	for p := 1; p < n; p++ {
		if last := r.pages[p-1].Last; last == markHeading || last == markTableHeader {
			force(r.lastBlockOn(p))
		}
	}
	if n > 1 && r.pages[n-1].Lines < minPageLines {
		// Move a block down to the last page: the last one that starts on
		// the page before, with the heading it belongs to.
		force(r.lastBlockStarting(n - 1))
	}
	return changed
}

// lastBlockOn is the top-level block drawn last on page p.
func (r *renderer) lastBlockOn(p int) int {
	for i := len(r.extents) - 1; i >= 0; i-- {
		if e := r.extents[i]; e.fromPage != 0 && e.fromPage <= p && e.toPage >= p {
			return i
		}
	}
	return -1
}

// lastBlockStarting is the last top-level block that starts on page p, -1
// if none.
func (r *renderer) lastBlockStarting(p int) int {
	for i := len(r.extents) - 1; i >= 0; i-- {
		if r.extents[i].fromPage == p {
			return i
		}
	}
	return -1
}

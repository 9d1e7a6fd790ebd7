package pdf

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rolepack/rolepack/doc"
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
	Lines int     // lines of body text (a chart counts as 4, a table row as its lines)
	Used  float64 // height filled, from the top of the body to the foot of the last element, in mm
	Body  float64 // height of the page's body, in mm
	// Opening is the height, from the top of the body, down to the foot of
	// the page's second line of text or table row (or its first chart):
	// what the page opens with, which the page before could have taken.
	Opening float64
	// Kept is whether the page opens with a block the template asked to
	// keep whole with others or to start a new page, which may leave the
	// page before emptier.
	Kept     bool
	Headings int // headings drawn on the page
	// Broken is how many table rows break across the foot of the page,
	// going on on the next.
	Broken int
	// LoneRow is whether the page holds one row alone of a table begun
	// on a page before: its last, under the repeated header.
	LoneRow bool
	// Starts is how many top-level blocks start on the page; Rows how
	// many table body rows begin on it (a row going on from the page
	// before does not count).
	Starts, Rows int
	Last         string // "heading", "text", "table-header", "row", "chart" or "rule"
	Text         string // the plain text of the last element, for messages

	opened int          // elements counted into Opening
	text   []doc.Inline // the last element's text, made Text by Layout
}

// Layout lays d out as Write would and returns its trace.
func (w *Writer) Layout(d *doc.Document) (tr *Trace, err error) {
	if d == nil {
		return nil, errors.New("pdf: no document")
	}
	defer func() {
		if p := recover(); p != nil {
			tr, err = nil, newPanicError(d, p)
		}
	}()
	sc := w.getScratch()
	r, err := w.lay(d, sc)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	for i := range r.pages {
		r.pages[i].Text = doc.PlainText(r.pages[i].text)
	}
	r.countRows()
	w.putScratch(sc)
	return &Trace{Pages: r.pages}, nil
}

// blockExtent is where a top-level block was drawn: from (page, y) to
// (page, y), pages counted from 1.
type blockExtent struct {
	fromPage, toPage int
	fromY, toY       float64
}

// mark records an element just drawn, h millimetres high ending at the
// cursor, holding lines lines of text, text.
func (r *renderer) mark(kind string, lines int, h float64, text []doc.Inline) {
	p := r.pdf.PageNo()
	for len(r.pages) < p {
		r.pages = append(r.pages, PageTrace{})
	}
	pt := &r.pages[p-1]
	if pt.Last == "" && r.cur > 0 && r.cur < len(r.extents) && r.extents[r.cur].fromPage == 0 {
		_, brk := doc.Unwrap(r.d.Blocks[r.cur-1]).(*doc.PageBreak)
		pt.Kept = brk || r.kept(r.cur)
	}
	pt.Lines += lines
	if kind == markHeading {
		pt.Headings++
	}
	pt.Used = max(pt.Used, r.y-r.top)
	pt.Body = r.bottom - r.top
	switch {
	case pt.opened >= 2:
	case kind == markChart:
		pt.opened = 2
		pt.Opening = r.y - r.top
	case kind == markText || kind == markRow:
		pt.opened++
		pt.Opening = r.y - r.top
	}
	pt.Last, pt.text = kind, text
	if r.cur < 0 || r.cur >= len(r.extents) {
		return
	}
	e := &r.extents[r.cur]
	start := max(r.y-h, r.top)
	if e.fromPage == 0 {
		e.fromPage, e.fromY = p, start
		pt.Starts++
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

// adjust reads the layout just made and records in sc where a new page
// should start for the next attempt to keep the rules it broke: a kept
// span that fits on a page but was split, a page ending with a heading, a
// table's header row or the words leading in to the table on the next (see
// leadsIn), a last page holding less than minPageLines lines
// (a table ending the page before gives it its last rows, sc.carry; else
// a block moves down, sc.down). It also lets a short table that was moved
// whole to the next page, leaving more than maxWaste of a page empty,
// break across the two pages instead (see fillPages). It returns false
// when there is nothing more to move.
func (r *renderer) adjust(sc *scratch) bool {
	breaks, split, carry := sc.breaks, sc.split, sc.carry
	changed := false
	force := func(i int) {
		if i <= 0 || i >= len(r.extents) {
			return
		}
		// Take the heading a block starts the section of along with it.
		if _, ok := doc.Unwrap(r.d.Blocks[i-1]).(*doc.Heading); ok && r.extents[i-1].toPage == r.extents[i].fromPage {
			i--
		}
		if i > 0 && !breaks[i] && r.extents[i].fromY > r.top+0.01 {
			breaks[i] = true
			changed = true
		}
	}
	body := r.bottom - r.top
	// A table freed to break across pages changes the pages after it:
	// their ends and the last page are judged on the next layout, not on
	// this one (else a heading the table now follows on its page would be
	// moved down, rows carried down from a page they no longer end, or a
	// kept span after it sent to a page of its own though it fits below
	// the table now).
	filled := r.fillPages(breaks, split, sc.down)
	changed = changed || filled
	for _, k := range r.d.Keeps {
		from, to := k.From, min(k.To, len(r.extents))
		if filled || from >= to || r.extents[from].fromPage == 0 {
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
	if !filled && r.fillRows(sc.rows) {
		changed = true
	}
	n := len(r.pages)
	for p := 1; p < n && !filled; p++ {
		if last := r.pages[p-1].Last; last == markHeading || last == markTableHeader {
			force(r.lastBlockOn(p))
		} else if r.leadsIn(p) {
			// The table's opening did not fit below (else fillPages
			// freed it to break): its lead-in goes down with it.
			force(r.firstBlockStarting(p+1) - 1)
		}
	}
	if n > 1 && !filled && r.pages[n-1].Lines < minPageLines && !r.movingDown(breaks, n-1) {
		// Move a table's last rows down to the last page when a table
		// ends the page before (a tall last row breaks, its last lines
		// going down); else move a block down: the last one that starts
		// on the page before, with the heading it belongs to.
		last := r.lastBlockOn(n - 1)
		switch t, ok := r.d.Blocks[max(last, 0)].(*doc.Table); {
		case ok && last >= 0 && r.extents[last].toPage == n-1 && !carry[last] && r.pages[n-2].Last == markRow && r.carries(t):
			carry[last] = true
			changed = true
			liftAfter(breaks, last)
		default:
			// A table too short to leave rows behind goes down whole.
			down := r.lastBlockStarting(n - 1)
			if ok && last >= 0 && r.extents[last].fromPage == n-1 {
				down = last
			}
			force(down)
			sc.down[down] = true
			liftAfter(breaks, down)
		}
	}
	if sc.balance && (r.balanceLast(breaks) || r.balanceTail(sc.rows, carry)) {
		changed = true
	}
	return changed
}

// balanceTail sends rows of the table that ends on the last page down to
// it when that page (a third filled or less, no heading on it) holds only
// the table's end, its last row or two or what went on of a row broken at
// the foot of the page before, and what closes the document: the fewest
// rows that fill the last page to more than a third, leaving the page
// before two-thirds filled (or, where none do, the most that leave it so).
// A career map's last rung group then ends on two pages holding some of
// its table each, not on a sliver of one row. The table's last rows are
// no longer carried (carry): a tall last row carried down broke even
// where it fitted, and now fits below the rows sent down with it. It
// reports whether it did.
func (r *renderer) balanceTail(rows map[int]int, carry map[int]bool) bool {
	n := len(r.pages)
	body := r.bottom - r.top
	if n < 2 {
		return false
	}
	last, prev := r.pages[n-1], r.pages[n-2]
	if last.Used > body/3 || last.Headings > 0 || prev.Last != markRow {
		return false
	}
	t := r.lastBlockOn(n - 1)
	if t < 0 || r.extents[t].toPage != n {
		return false
	}
	if _, done := rows[t]; done {
		return false
	}
	tbl, ok := doc.Unwrap(r.d.Blocks[t]).(*doc.Table)
	if !ok {
		return false
	}
	on := r.rowsBegun(t, len(tbl.Rows), n-1) // the rows that begin on the page before
	if len(on) == 0 || len(tbl.Rows)-on[len(on)-1].row > 3 {
		return false // the last page holds more of the table than its end
	}
	keep := 1 // rows left on the page before
	if r.extents[t].fromPage == n-1 {
		keep = doc.MinStartRows
	}
	best := -1
	for k := len(on) - 1; k >= keep; k-- {
		left := on[k].y - r.top
		if left < body*(1-maxWaste) || last.Used+prev.Used-left > body-0.01 {
			break
		}
		best = k
		if last.Used+prev.Used-left > body/3 {
			break
		}
	}
	if best >= 0 {
		rows[t] = on[best].row
		delete(carry, t)
		return true
	}
	return false
}

// balanceLast takes the section before the last page's down to it when
// the last page (a quarter filled or less) holds one section under one
// heading, the last of sibling sections ("Diogelu" after the JD's other
// terms), and the page before stays two-thirds filled: the last page then
// holds more than one heading's few lines. It reports whether it did.
func (r *renderer) balanceLast(breaks map[int]bool) bool {
	n := len(r.pages)
	body := r.bottom - r.top
	if n < 2 || r.pages[n-1].Used > body/4 {
		return false
	}
	first := r.firstBlockStarting(n)
	if first <= 0 {
		return false
	}
	h, ok := doc.Unwrap(r.d.Blocks[first]).(*doc.Heading)
	if !ok {
		return false
	}
	for i := first + 1; i < len(r.d.Blocks); i++ {
		if _, ok := doc.Unwrap(r.d.Blocks[i]).(*doc.Heading); ok {
			return false // the page holds more than one heading
		}
	}
	prev := -1 // the heading of the section before, a sibling
	for i := first - 1; i > 0; i-- {
		if p, ok := doc.Unwrap(r.d.Blocks[i]).(*doc.Heading); ok {
			if p.Level == h.Level {
				prev = i
			}
			break
		}
	}
	if prev < 0 || r.extents[prev].fromPage != n-1 || r.extents[prev].fromY <= r.top+0.01 {
		return false
	}
	// 6 mm: the space above a heading.
	if r.pages[n-2].Used-r.height(prev, first)-6 < body*(1-maxWaste) {
		return false
	}
	breaks[prev] = true
	liftAfter(breaks, prev)
	return true
}

// liftAfter lifts the new pages forced before the blocks after block i,
// which goes down to the last page: what follows it goes down with it, so
// a break that kept a closing section whole is no longer needed.
func liftAfter(breaks map[int]bool, i int) {
	for j := range breaks {
		if i >= 0 && j > i {
			delete(breaks, j)
		}
	}
}

// carries reports whether table t can take rows down to a new page and
// leave rows behind: it has more than two rows (the last two go down
// together), or a last row tall enough to break.
func (r *renderer) carries(t *doc.Table) bool {
	tl := r.layoutTable(t)
	return len(tl.rows) > 2 || len(tl.rows) > 0 && tl.rows[len(tl.rows)-1].splittable()
}

// movingDown reports whether a block drawn on page p, below its top, now
// has a new page forced before it (by a kept span, or a heading that ended
// the page): what follows it moves down to the next page already, and
// forcing one more block down there would split that in two.
func (r *renderer) movingDown(breaks map[int]bool, p int) bool {
	for i, e := range r.extents {
		if e.fromPage == p && breaks[i] && e.fromY > r.top+0.01 {
			return true
		}
	}
	return false
}

// maxWaste is the most of a page a short table kept whole may leave empty
// by moving to the next page; a template's keep and a page break (a new
// major section) may leave more.
const maxWaste = doc.MaxWaste

// fillPages finds pages, other than the last, filled to less than
// 1-maxWaste (or ending with the words that lead in to the table the next
// page opens with: see leadsIn) whose next page opens with a short table
// kept whole (with the heading and the short paragraph that introduce
// it), where the opening of
// that table (heading, introduction, header and doc.MinStartRows rows) fits
// on the emptier page (the first lines of a tall first row will do). It
// marks such tables as free to break across pages and lifts the breaks
// forced before them, except for blocks moved down to fill the last page
// (down). It returns whether it marked one.
func (r *renderer) fillPages(breaks, split, down map[int]bool) bool {
	body := r.bottom - r.top
	changed := false
	for p := 1; p < len(r.pages); p++ {
		if r.pages[p-1].Used >= body*(1-maxWaste) && !r.leadsIn(p) {
			continue
		}
		u := r.firstBlockStarting(p + 1)
		if u <= 0 || r.kept(u) || down[u] || down[u+1] {
			continue // (or moved down to fill the last page)
		}
		before := u - 1 // the block that ends page p
		if _, ok := doc.Unwrap(r.d.Blocks[before]).(*doc.PageBreak); ok {
			// A page break is taken unless the page, a third filled
			// or less, holds only a spill of the section before it
			// (see spillOnly).
			if before--; before < 0 || r.pages[p-1].Used > body/3 || !r.spill(p, before) {
				continue
			}
		}
		if r.extents[before].toPage != p {
			continue
		}
		if h, ok := doc.Unwrap(r.d.Blocks[u]).(*doc.Heading); ok && h.Level <= 1 {
			continue
		}
		t := u
		for t < len(r.d.Blocks) {
			if _, ok := doc.Unwrap(r.d.Blocks[t]).(*doc.Table); ok {
				break
			}
			if !r.introduces(t) || t-u >= 3 {
				t = len(r.d.Blocks)
				break
			}
			t++
		}
		if t >= len(r.d.Blocks) || r.kept(t) {
			continue
		}
		tbl := doc.Unwrap(r.d.Blocks[t]).(*doc.Table)
		tl := r.layoutTable(tbl)
		if !split[t] && (!tl.whole || len(tl.rows) <= 2*doc.MinStartRows-1 && !tl.rows[0].splittable()) {
			continue // not kept whole, or too short to break into two and two rows (or inside its first row)
		}
		opening := tl
		opening.whole = false
		// The space before, the heading and introduction as drawn, and
		// the header with doc.MinStartRows rows (or the first lines of a
		// tall first row).
		open := 6 + r.height(u, t) + opening.start(body)
		if r.pages[p-1].Used+open > body {
			continue // breaking it would not bring its opening back
		}
		// A table free to break already may still have been sent down by
		// a new page forced before its heading (the heading ended the
		// page the attempt the table was freed in): lift that too.
		lifted := false
		for i := u; i <= t; i++ {
			if breaks[i] {
				delete(breaks, i)
				lifted = true
			}
		}
		if split[t] {
			changed = changed || lifted
			continue
		}
		split[t] = true
		changed = true
	}
	return changed
}

// leadsIn reports whether page p ends with a paragraph that leads in to
// the table opening the next page (its words end with a colon: "The
// biggest changes:"), which a reader should not have to turn the page
// from.
func (r *renderer) leadsIn(p int) bool {
	u := r.firstBlockStarting(p + 1)
	if u <= 0 || r.extents[u-1].toPage != p {
		return false
	}
	if _, ok := doc.Unwrap(r.d.Blocks[u]).(*doc.Table); !ok {
		return false
	}
	para, ok := doc.Unwrap(r.d.Blocks[u-1]).(*doc.Paragraph)
	return ok && strings.HasSuffix(strings.TrimSpace(doc.PlainText(para.Text)), ":")
}

// rowTop is where a table's row began to be drawn: the row of top-level
// block block, on page page (from 1) at y.
type rowTop struct {
	block, row, page int
	y                float64
}

// fillRows finds pages, other than the last, filled to less than
// 1-maxWaste because the next page opens with a kept span (a scoring
// sheet's outcome and signature) that did not fit below, where the page
// before ends with rows of a table of rooms to write in (doc.Table's
// MinLines: a scoring sheet's questions), or of any table that goes on to
// the emptier page (a plan's actions, before its evidence log and
// sign-off). It sends the fewest of those
// rows down that fill the emptier page to 1-maxWaste, leaving the page
// before as full, and no more than the page holds (or, where none does,
// the most that leave the page before so): the rows are balanced between
// the two pages rather than a third of one left empty. A table
// starting on the page before keeps doc.MinStartRows rows there. It
// records the row that starts the new page in rows and returns whether
// it recorded one.
func (r *renderer) fillRows(rows map[int]int) bool {
	body := r.bottom - r.top
	changed := false
	for p := 2; p < len(r.pages); p++ {
		pg, prev := r.pages[p-1], r.pages[p-2]
		if pg.Used >= body*(1-maxWaste) || !r.pages[p].Kept || prev.Last != markRow {
			continue
		}
		if k := r.firstBlockStarting(p + 1); k < 0 || !r.kept(k) {
			continue // the next page opens a new part (a page break), not a kept span
		}
		t := r.lastBlockOn(p - 1)
		if t < 0 || r.extents[t].toPage < p-1 {
			continue
		}
		if _, done := rows[t]; done {
			continue
		}
		tbl, ok := doc.Unwrap(r.d.Blocks[t]).(*doc.Table)
		if !ok || tbl.MinLines <= 0 && r.extents[t].toPage != p {
			continue // (other tables only where they go on to the emptier page)
		}
		on := r.rowsBegun(t, len(tbl.Rows), p-1) // the rows that begin on the page before
		keep := 1                                // rows left on the page before
		if r.extents[t].fromPage == p-1 {
			keep = doc.MinStartRows
		}
		best := -1
		for k := len(on) - 1; k >= keep; k-- {
			left := on[k].y - r.top
			moved := prev.Used - left
			if left < body*(1-maxWaste) || pg.Used+moved > body-0.01 {
				break
			}
			best = k
			if pg.Used+moved >= body*(1-maxWaste) {
				break
			}
		}
		if best >= 0 {
			rows[t] = on[best].row
			changed = true
		}
	}
	return changed
}

// rowsBegun lists, in order, the rows of top-level table t (of n rows)
// that begin on page p: where each began is its last record in rowTops (a
// row that did not fit where it began began again on the next page).
func (r *renderer) rowsBegun(t, n, p int) []rowTop {
	tops := map[int]rowTop{}
	for _, rt := range r.rowTops {
		if rt.block == t {
			tops[rt.row] = rt
		}
	}
	var on []rowTop
	for i := range n {
		if rt, ok := tops[i]; ok && rt.page == p {
			on = append(on, rt)
		}
	}
	return on
}

// introduces reports whether top-level block i is a heading or a short
// paragraph, which the block after it starts the section of.
func (r *renderer) introduces(i int) bool {
	switch b := doc.Unwrap(r.d.Blocks[i]).(type) {
	case *doc.Heading:
		return true
	case *doc.Paragraph:
		return len(r.wrapText(b.Text, r.width, bodySize, 0)) <= 3
	}
	return false
}

// kept reports whether top-level block i is inside one of the template's
// kept spans, which move whole to the next page whatever they leave empty.
func (r *renderer) kept(i int) bool {
	for _, k := range r.d.Keeps {
		if i >= k.From && i < k.To {
			return true
		}
	}
	return false
}

// firstBlockStarting is the first top-level block that starts on page p,
// -1 if none.
func (r *renderer) firstBlockStarting(p int) int {
	for i, e := range r.extents {
		if e.fromPage == p {
			return i
		}
	}
	return -1
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

// countRows counts in each page's Rows the table rows that begin on it (a
// row that did not fit where it began again on the next page: its last
// record holds).
func (r *renderer) countRows() {
	type rowKey struct{ block, row int }
	at := map[rowKey]int{}
	for _, rt := range r.rowTops {
		at[rowKey{rt.block, rt.row}] = rt.page
	}
	for _, p := range at {
		if p >= 1 && p <= len(r.pages) {
			r.pages[p-1].Rows++
		}
	}
}

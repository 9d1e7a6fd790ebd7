package pdf

import (
	"strings"

	"github.com/rolepack/rolepack/doc"
)

// Table cell geometry in millimetres.
const (
	cellPadX = doc.CellPaddingMM
	cellPadY = 1.3
)

var (
	tableText  = textStyle{size: tableSize, color: colText}
	headerText = textStyle{size: tableSize, base: doc.Bold, color: colAccent}
	// The compact type of a doc.Table with Compact set.
	compactText   = textStyle{size: doc.CompactTextSize, color: colText, lead: doc.CompactLeading}
	compactHeader = textStyle{size: doc.CompactTextSize, base: doc.Bold, color: colAccent, lead: doc.CompactLeading}
)

// rowLayout is a table row laid out in its columns.
type rowLayout struct {
	cells [][]line // per column
	lines int      // lines of the tallest cell (at least the table's MinLines)
	text  int      // lines that hold text
	// room is whether the row is room to write in (its table's
	// MinLines: a scoring sheet's criterion and its box for the
	// evidence), never broken across pages unless taller than one.
	room bool
}

// tableLayout is a table measured for the current text box.
type tableLayout struct {
	widths []float64
	hdr    *rowLayout
	rows   []rowLayout
	whole  bool // the tree keeps the table whole
	// The table's type: its text, its header row's (and a key column's),
	// and the padding of a cell, left and right (padX) and above and
	// below (padY).
	text, head textStyle
	padX, padY float64
}

// tableKey identifies a table laid out in a text box of some width.
type tableKey struct {
	t     *doc.Table
	width float64
}

// layoutTable wraps every cell of t in the column widths the tree decided.
// A table is measured before it is drawn (to keep a heading with its start)
// and drawn from the same layout, which is never changed once made.
func (r *renderer) layoutTable(t *doc.Table) tableLayout {
	key := tableKey{t, r.width}
	if tl, ok := r.tables[key]; ok {
		return tl
	}
	tl := r.measureTable(t)
	if r.tables == nil {
		r.tables = map[tableKey]tableLayout{}
	}
	r.tables[key] = tl
	return tl
}

// measureTable wraps every cell of t in the column widths the tree decided.
func (r *renderer) measureTable(t *doc.Table) tableLayout {
	n := t.Columns()
	fr := t.ColumnWidths(r.d.Meta.Landscape)
	tl := tableLayout{widths: make([]float64, n), whole: t.KeepWhole(r.d.Meta.Landscape),
		text: tableText, head: headerText, padX: cellPadX, padY: cellPadY}
	if t.Compact {
		tl.text, tl.head, tl.padX, tl.padY = compactText, compactHeader, doc.CompactPaddingMM, doc.CompactPadYMM
	}
	for c := range n {
		tl.widths[c] = fr[c] * r.width
	}
	layout := func(cells []doc.Cell, ts textStyle, header bool) rowLayout {
		rl := rowLayout{cells: make([][]line, n), lines: 1}
		for c := range n {
			if c < len(cells) {
				st := ts.base
				if t.RowHeaders && c == 0 && !header {
					st |= doc.Bold
				}
				rl.cells[c] = r.wrap(cells[c].Text, tl.widths[c]-2*tl.padX, ts.size, st)
			}
			rl.text = max(rl.text, len(rl.cells[c]))
		}
		rl.lines = max(rl.text, 1)
		if !header {
			rl.lines = max(rl.lines, t.MinLines)
			rl.room = t.MinLines > 0
		}
		return rl
	}
	if len(t.Header) > 0 {
		h := layout(t.Header, tl.head, true)
		tl.hdr = &h
	}
	tl.rows = make([]rowLayout, len(t.Rows))
	for i, row := range t.Rows {
		tl.rows[i] = layout(row, tl.text, false)
	}
	return tl
}

// headingRoom is the height of a section heading, which a table kept whole
// must leave room for on its page.
const headingRoom = 16.0

// rowHeight is the height of row rl of the table.
func (tl tableLayout) rowHeight(rl rowLayout) float64 {
	return float64(rl.lines)*tl.text.lineHeight() + 2*tl.padY
}

// start is what must fit on a page before the table begins there: the
// whole table when it is short (doc.KeepTableRows rows or fewer) and fits
// on a page, else its header and first doc.MinStartRows rows.
func (tl tableLayout) start(pageBody float64) float64 {
	h := 1.5
	if tl.hdr != nil {
		h += tl.rowHeight(*tl.hdr)
	}
	all := h
	for _, rl := range tl.rows {
		all += tl.rowHeight(rl)
	}
	// Kept whole when it fits on a page below a heading.
	if tl.whole && all <= pageBody-headingRoom {
		return all
	}
	for i := range min(len(tl.rows), doc.MinStartRows) {
		if rl := tl.rows[i]; rl.splittable() {
			// A tall row may break: its first lines are enough to start on.
			h += float64(doc.MinSplitLines)*tl.text.lineHeight() + 2*tl.padY
			break
		}
		h += tl.rowHeight(tl.rows[i])
	}
	return min(h, pageBody)
}

// splittable reports whether the row may break across pages: it has
// lines enough to leave doc.MinSplitLines on either side.
func (rl rowLayout) splittable() bool { return !rl.room && rl.lines >= 2*doc.MinSplitLines }

// table renders a table in the column widths the tree decided. A short
// row is never split across pages; a tall one (doc.MinSplitLines lines or
// more on either side of the break) that does not fit in the room left
// breaks at a line, the next page opening with the header row and the
// row's entry label marked as continued; the header row repeats at the
// top of every page the table continues on; a short table is kept on one
// page, and a long one starts only where two rows (or the first lines of
// a tall one) fit.
func (r *renderer) table(t *doc.Table) {
	n := t.Columns()
	if n == 0 {
		return
	}
	tl := r.layoutTable(t)
	tl.whole = tl.whole && !r.split[r.cur]
	carry := r.carry[r.cur]    // the last rows go on to a new page
	newAt, ok := r.rows[r.cur] // the row that starts a new page
	if !ok || doc.Unwrap(r.d.Blocks[r.cur]) != doc.Block(t) {
		newAt = -1
	}
	lh := tl.text.lineHeight()
	r.space(1.5)
	r.ensure(tl.start(r.bottom-r.top) - 1.5)
	fresh := r.atTop() // nothing but this table's header above the cursor on this page
	table := r.push("Table", "")
	defer func() {
		r.popTo(table)
		r.pop()
	}()
	repeat := false // the header row was drawn once: a repeat is an artifact
	header := func() {
		if tl.hdr != nil {
			h := tl.rowHeight(*tl.hdr)
			if repeat {
				r.asArtifact(artifactRepeat, func() {
					r.drawRow(*tl.hdr, &tl, t.Align, 0, tl.hdr.lines, h, tl.head, &colHeaderFill, false, nil, false)
				})
			} else {
				cells := r.rowCells(n, func(c int) (string, string) { return "TH", withLang(columnScope, t.Header, c) })
				r.drawRow(*tl.hdr, &tl, t.Align, 0, tl.hdr.lines, h, tl.head, &colHeaderFill, false, cells, false)
				r.popTo(table)
				repeat = true
			}
			r.y += h
			r.mark(markTableHeader, 1, h, t.Header[0].Text)
		}
	}
	header()
	hdrH := 0.0
	if tl.hdr != nil {
		hdrH = tl.rowHeight(*tl.hdr)
	}
	for i, rl := range tl.rows {
		var fill *rgb
		if i%2 == 1 {
			fill = &colZebra
		}
		var label []doc.Inline
		if len(t.Rows[i]) > 0 {
			label = t.Rows[i][0].Text
		}
		r.popTo(table)
		cells := r.rowCells(n, func(c int) (string, string) {
			if t.RowHeaders && c == 0 {
				return "TH", withLang(rowScope, t.Rows[i], c)
			}
			return "TD", withLang("", t.Rows[i], c)
		})
		// The last two rows stay together, so no page holds one row
		// (unless the last may break, bringing some of it back).
		if two := tl.rowHeight(rl) + tl.rowHeight(tl.rows[min(i+1, len(tl.rows)-1)]); i == len(tl.rows)-2 && !fresh &&
			!tl.rows[i+1].splittable() && (carry || r.y+two > r.bottom+0.01) && two+hdrH <= r.bottom-r.top {
			r.newPage()
			header()
			fresh = true
		}
		if i == newAt && !fresh {
			r.newPage()
			header()
			fresh = true
		}
		from, relabel := 0, false // relabel: the entry column shows the label continued
		// A tall last row carried down breaks even where it fits.
		down := carry && i == len(tl.rows)-1 && rl.splittable() && !fresh
		for from < rl.lines {
			if from == 0 && !relabel {
				r.rowTops = append(r.rowTops, rowTop{block: r.cur, row: i, page: r.pdf.PageNo(), y: r.y})
			}
			need := float64(rl.lines-from)*lh + 2*tl.padY
			if r.y+need <= r.bottom+0.01 && !(down && from == 0 && !relabel) {
				r.drawRow(rl, &tl, t.Align, from, rl.lines, need, tl.text, fill, t.RowHeaders, cells, relabel)
				r.y += need
				r.mark(markRow, rl.lines-from, need, label)
				break
			}
			room := int((r.bottom - r.y - 2*tl.padY + 0.01) / lh) // lines that fit here
			k := 0                                                // lines drawn here
			if rl.splittable() {
				// Leave doc.MinSplitLines lines at least on each side.
				if k = min(room, rl.lines-from-doc.MinSplitLines); k < doc.MinSplitLines {
					k = 0
				}
			}
			if k == 0 && !fresh {
				r.newPage()
				header()
				fresh = true
				continue
			}
			if k == 0 {
				// Taller than a whole page: split it, at least one line a page.
				k = min(max(room, 1), rl.lines-from)
			}
			part := float64(k)*lh + 2*tl.padY
			r.drawRow(rl, &tl, t.Align, from, from+k, part, tl.text, fill, t.RowHeaders, cells, relabel)
			r.y += part
			r.mark(markRow, k, part, label)
			r.pages[r.pdf.PageNo()-1].Broken++
			from += k
			if len(label) > 0 {
				rl, from, relabel = r.continued(rl, from, label, &tl, t.RowHeaders), 0, true
			}
			r.newPage()
			header()
			fresh = true
		}
		fresh = false
	}
	r.markLoneRow(len(tl.rows))
	r.y += r.gap(4)
}

// markLoneRow marks the page of the last of the current table's n rows
// when that row is the only one of the table there and the table began
// on a page before (Trace's LoneRow).
func (r *renderer) markLoneRow(n int) {
	if n < 2 || r.cur < 0 || r.cur >= len(r.extents) {
		return
	}
	page := map[int]int{} // row -> the page it was drawn on (its last start)
	for _, rt := range r.rowTops {
		if rt.block == r.cur {
			page[rt.row] = rt.page
		}
	}
	last, ok := page[n-1]
	if !ok || page[n-2] == last || last < 1 || last > len(r.pages) {
		return
	}
	r.pages[last-1].LoneRow = true
}

// continued is what is left of row rl below line k, to be drawn on a new
// page from its first line: the entry column (of table layout tl) holds the
// row's label marked as continued (doc.Meta.Continued) instead of the
// rest of its own lines.
func (r *renderer) continued(rl rowLayout, k int, label []doc.Inline, tl *tableLayout, keys bool) rowLayout {
	cont := rowLayout{cells: make([][]line, len(rl.cells))}
	for c := range rl.cells {
		if c > 0 && k < len(rl.cells[c]) {
			cont.cells[c] = rl.cells[c][k:]
		}
		cont.text = max(cont.text, len(cont.cells[c]))
	}
	format := r.d.Meta.Continued
	if !strings.Contains(format, "{label}") {
		format = "{label} (continued)"
	}
	before, after, _ := strings.Cut(format, "{label}")
	runs := make([]doc.Inline, 0, len(label)+2)
	if before != "" {
		runs = append(runs, doc.Inline{Text: before})
	}
	runs = append(runs, label...)
	if after != "" {
		runs = append(runs, doc.Inline{Text: after})
	}
	st := tl.text.base
	if keys {
		st |= doc.Bold
	}
	cont.cells[0] = r.wrap(runs, tl.widths[0]-2*tl.padX, tl.text.size, st)
	cont.text = max(cont.text, len(cont.cells[0]))
	cont.lines = max(cont.text, rl.lines-k, 1)
	return cont
}

// tableStart is the height that must fit on a page before the table,
// top-level block i, begins there.
func (r *renderer) tableStart(i int, t *doc.Table) float64 {
	if t.Columns() == 0 {
		return 0
	}
	tl := r.layoutTable(t)
	tl.whole = tl.whole && !r.split[i]
	return tl.start(r.bottom - r.top)
}

// withLang is a cell's structure attributes attrs with its language,
// when cell c of cells is in another than the document's (doc.Cell.Lang).
func withLang(attrs string, cells []doc.Cell, c int) string {
	if c >= len(cells) || cells[c].Lang == "" {
		return attrs
	}
	if attrs == "" {
		return langAttr(cells[c].Lang)
	}
	return attrs + " " + langAttr(cells[c].Lang)
}

// rowCells opens a table row (TR) in the open table and makes its n cells,
// each of the structure type and attributes kind gives for its column;
// the row stays open for drawRow to fill. The cells are valid until the
// next call (the scratch's room for them is reused).
func (r *renderer) rowCells(n int, kind func(c int) (typ, attrs string)) []int {
	if r.tag == nil {
		return nil
	}
	r.push("TR", "")
	if cap(r.sc.cells) < n {
		r.sc.cells = make([]int, n)
	}
	cells := r.sc.cells[:n]
	for c := range n {
		typ, attrs := kind(c)
		cells[c] = r.push(typ, attrs)
		r.pop()
	}
	return cells
}

// drawRow draws lines [from, to) of every cell of a row of table layout
// tl, h high, with an optional fill and thin borders; keys sets the first cell as the row's
// header. The text of cell c is marked as content of structure element
// cells[c] (nil: of whatever is open, such as an artifact); with relabel,
// the first cell's text repeats the row's label on a new page and is an
// artifact.
func (r *renderer) drawRow(rl rowLayout, tl *tableLayout, aligns []doc.Align, from, to int, h float64, ts textStyle, fill *rgb, keys bool, cells []int, relabel bool) {
	lh := ts.lineHeight()
	widths, padX, padY := tl.widths, tl.padX, tl.padY
	x := r.left
	r.asArtifact(artifactLayout, func() {
		if fill != nil {
			r.fillColor(*fill)
			total := 0.0
			for _, w := range widths {
				total += w
			}
			r.pdf.Rect(x, r.y, total, h, "F")
		}
		if keys && len(widths) > 0 {
			r.fillColor(colHeaderFill)
			r.pdf.Rect(x, r.y, widths[0], h, "F")
		}
	})
	for c, w := range widths {
		if cells != nil {
			r.enter(cells[c])
		}
		align := doc.AlignLeft
		if c < len(aligns) {
			align = aligns[c]
		}
		cell := rl.cells[c]
		cts := ts
		if keys && c == 0 {
			cts = tl.head
		}
		draw := func() {
			for li := from; li < to && li < len(cell); li++ {
				r.drawLine(cell[li], x+padX, r.y+padY+float64(li-from)*lh, lh, cts, align, w-2*padX)
			}
		}
		if relabel && c == 0 {
			r.asArtifact(artifactRepeat, draw)
		} else {
			draw()
		}
		if cells != nil {
			r.pop()
		}
		x += w
	}
	r.asArtifact(artifactLayout, func() {
		r.drawColor(colBorder)
		r.pdf.SetLineWidth(0.2)
		x = r.left
		for _, w := range widths {
			r.pdf.Rect(x, r.y, w, h, "D")
			x += w
		}
	})
}

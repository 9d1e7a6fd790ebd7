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
)

// rowLayout is a table row laid out in its columns.
type rowLayout struct {
	cells [][]line // per column
	lines int      // lines of the tallest cell (at least the table's MinLines)
	text  int      // lines that hold text
}

// tableLayout is a table measured for the current text box.
type tableLayout struct {
	widths []float64
	hdr    *rowLayout
	rows   []rowLayout
	whole  bool // the tree keeps the table whole
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
	tl := tableLayout{widths: make([]float64, n), whole: t.KeepWhole(r.d.Meta.Landscape)}
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
				rl.cells[c] = r.wrap(cells[c].Text, tl.widths[c]-2*cellPadX, ts.size, st)
			}
			rl.text = max(rl.text, len(rl.cells[c]))
		}
		rl.lines = max(rl.text, 1)
		if !header {
			rl.lines = max(rl.lines, t.MinLines)
		}
		return rl
	}
	if len(t.Header) > 0 {
		h := layout(t.Header, headerText, true)
		tl.hdr = &h
	}
	tl.rows = make([]rowLayout, len(t.Rows))
	for i, row := range t.Rows {
		tl.rows[i] = layout(row, tableText, false)
	}
	return tl
}

// headingRoom is the height of a section heading, which a table kept whole
// must leave room for on its page.
const headingRoom = 16.0

func rowHeight(rl rowLayout) float64 { return float64(rl.lines)*tableText.lineHeight() + 2*cellPadY }

// start is what must fit on a page before the table begins there: the
// whole table when it is short (doc.KeepTableRows rows or fewer) and fits
// on a page, else its header and first doc.MinStartRows rows.
func (tl tableLayout) start(pageBody float64) float64 {
	h := 1.5
	if tl.hdr != nil {
		h += rowHeight(*tl.hdr)
	}
	all := h
	for _, rl := range tl.rows {
		all += rowHeight(rl)
	}
	// Kept whole when it fits on a page below a heading.
	if tl.whole && all <= pageBody-headingRoom {
		return all
	}
	for i := range min(len(tl.rows), doc.MinStartRows) {
		if rl := tl.rows[i]; rl.splittable() {
			// A tall row may break: its first lines are enough to start on.
			h += float64(doc.MinSplitLines)*tableText.lineHeight() + 2*cellPadY
			break
		}
		h += rowHeight(tl.rows[i])
	}
	return min(h, pageBody)
}

// splittable reports whether the row may break across pages: it has
// lines enough to leave doc.MinSplitLines on either side.
func (rl rowLayout) splittable() bool { return rl.lines >= 2*doc.MinSplitLines }

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
	carry := r.carry[r.cur] // the last rows go on to a new page
	lh := tableText.lineHeight()
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
			h := rowHeight(*tl.hdr)
			if repeat {
				r.asArtifact(artifactRepeat, func() {
					r.drawRow(*tl.hdr, tl.widths, t.Align, 0, tl.hdr.lines, h, headerText, &colHeaderFill, false, nil, false)
				})
			} else {
				cells := r.rowCells(n, func(int) (string, string) { return "TH", columnScope })
				r.drawRow(*tl.hdr, tl.widths, t.Align, 0, tl.hdr.lines, h, headerText, &colHeaderFill, false, cells, false)
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
		hdrH = rowHeight(*tl.hdr)
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
				return "TH", rowScope
			}
			return "TD", ""
		})
		// The last two rows stay together, so no page holds one row
		// (unless the last may break, bringing some of it back).
		if two := rowHeight(rl) + rowHeight(tl.rows[min(i+1, len(tl.rows)-1)]); i == len(tl.rows)-2 && !fresh &&
			!tl.rows[i+1].splittable() && (carry || r.y+two > r.bottom+0.01) && two+hdrH <= r.bottom-r.top {
			r.newPage()
			header()
			fresh = true
		}
		from, relabel := 0, false // relabel: the entry column shows the label continued
		// A tall last row carried down breaks even where it fits.
		down := carry && i == len(tl.rows)-1 && rl.splittable() && !fresh
		for from < rl.lines {
			need := float64(rl.lines-from)*lh + 2*cellPadY
			if r.y+need <= r.bottom+0.01 && !(down && from == 0 && !relabel) {
				r.drawRow(rl, tl.widths, t.Align, from, rl.lines, need, tableText, fill, t.RowHeaders, cells, relabel)
				r.y += need
				r.mark(markRow, rl.lines-from, need, label)
				break
			}
			room := int((r.bottom - r.y - 2*cellPadY + 0.01) / lh) // lines that fit here
			k := 0                                                 // lines drawn here
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
			part := float64(k)*lh + 2*cellPadY
			r.drawRow(rl, tl.widths, t.Align, from, from+k, part, tableText, fill, t.RowHeaders, cells, relabel)
			r.y += part
			r.mark(markRow, k, part, label)
			from += k
			if len(label) > 0 {
				rl, from, relabel = r.continued(rl, from, label, tl.widths[0], t.RowHeaders), 0, true
			}
			r.newPage()
			header()
			fresh = true
		}
		fresh = false
	}
	r.y += r.gap(4)
}

// continued is what is left of row rl below line k, to be drawn on a new
// page from its first line: the entry column (set in width w) holds the
// row's label marked as continued (doc.Meta.Continued) instead of the
// rest of its own lines.
func (r *renderer) continued(rl rowLayout, k int, label []doc.Inline, w float64, keys bool) rowLayout {
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
	st := tableText.base
	if keys {
		st |= doc.Bold
	}
	cont.cells[0] = r.wrap(runs, w-2*cellPadX, tableText.size, st)
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

// drawRow draws lines [from, to) of every cell of a row, h high, with an
// optional fill and thin borders; keys sets the first cell as the row's
// header. The text of cell c is marked as content of structure element
// cells[c] (nil: of whatever is open, such as an artifact); with relabel,
// the first cell's text repeats the row's label on a new page and is an
// artifact.
func (r *renderer) drawRow(rl rowLayout, widths []float64, aligns []doc.Align, from, to int, h float64, ts textStyle, fill *rgb, keys bool, cells []int, relabel bool) {
	lh := ts.lineHeight()
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
			cts = headerText
		}
		draw := func() {
			for li := from; li < to && li < len(cell); li++ {
				r.drawLine(cell[li], x+cellPadX, r.y+cellPadY+float64(li-from)*lh, lh, cts, align, w-2*cellPadX)
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

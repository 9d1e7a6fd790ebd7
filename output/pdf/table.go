package pdf

import (
	"strings"

	"github.com/rolepack/rolepack/render/doc"
)

// Table cell geometry in millimetres.
const (
	cellPadX    = 1.8
	cellPadY    = 1.3
	minColWidth = 14.0
)

var (
	tableText  = textStyle{size: tableSize, color: colText}
	headerText = textStyle{size: tableSize, base: doc.Bold, color: colAccent}
)

// rowLayout is a table row laid out in its columns.
type rowLayout struct {
	cells [][]line // per column
	lines int      // lines of the tallest cell
}

// table renders a table whose columns are sized to their content. A row is
// never split across pages unless it is taller than a page; the header row
// repeats at the top of every page the table continues on.
func (r *renderer) table(t *doc.Table) {
	n := t.Columns()
	if n == 0 {
		return
	}
	widths := r.columnWidths(t, n)
	layout := func(cells []doc.Cell, ts textStyle) rowLayout {
		rl := rowLayout{cells: make([][]line, n), lines: 1}
		for c := range n {
			if c < len(cells) {
				rl.cells[c] = r.wrap(cells[c].Text, widths[c]-2*cellPadX, ts.size, ts.base)
			}
			rl.lines = max(rl.lines, len(rl.cells[c]))
		}
		return rl
	}
	lh := tableText.lineHeight()
	height := func(rl rowLayout) float64 { return float64(rl.lines)*lh + 2*cellPadY }

	hasHeader := len(t.Header) > 0
	var hdr rowLayout
	hdrH := 0.0
	if hasHeader {
		hdr = layout(t.Header, headerText)
		hdrH = height(hdr)
	}
	rows := make([]rowLayout, len(t.Rows))
	for i, row := range t.Rows {
		rows[i] = layout(row, tableText)
	}

	r.space(1.5)
	first := 0.0
	if len(rows) > 0 {
		first = min(height(rows[0]), 3*lh+2*cellPadY)
	}
	r.ensure(hdrH + first)
	fresh := r.atTop() // nothing but this table's header above the cursor on this page
	header := func() {
		if hasHeader {
			r.drawRow(hdr, widths, t.Align, 0, hdr.lines, hdrH, headerText, &colHeaderFill)
			r.y += hdrH
		}
	}
	header()
	for i, rl := range rows {
		var fill *rgb
		if i%2 == 1 {
			fill = &colZebra
		}
		from := 0
		for from < rl.lines {
			need := float64(rl.lines-from)*lh + 2*cellPadY
			if r.y+need <= r.bottom+0.01 {
				r.drawRow(rl, widths, t.Align, from, rl.lines, need, tableText, fill)
				r.y += need
				break
			}
			if !fresh {
				r.newPage()
				header()
				fresh = true
				continue
			}
			// Taller than a whole page: split it, at least one line a page.
			k := max(int((r.bottom-r.y-2*cellPadY)/lh), 1)
			k = min(k, rl.lines-from)
			part := float64(k)*lh + 2*cellPadY
			r.drawRow(rl, widths, t.Align, from, from+k, part, tableText, fill)
			from += k
			r.newPage()
			header()
		}
		fresh = false
	}
	r.y += 4
}

// tableStart is the height of a table's header row and the start of its
// first row: what must fit on a page before the table begins there.
func (r *renderer) tableStart(t *doc.Table) float64 {
	n := t.Columns()
	if n == 0 {
		return 0
	}
	widths := r.columnWidths(t, n)
	lh := tableText.lineHeight()
	rowH := func(cells []doc.Cell, ts textStyle) float64 {
		lines := 1
		for c := range min(n, len(cells)) {
			lines = max(lines, len(r.wrap(cells[c].Text, widths[c]-2*cellPadX, ts.size, ts.base)))
		}
		return float64(lines)*lh + 2*cellPadY
	}
	h := 1.5
	if len(t.Header) > 0 {
		h += rowH(t.Header, headerText)
	}
	if len(t.Rows) > 0 {
		h += min(rowH(t.Rows[0], tableText), 3*lh+2*cellPadY)
	}
	return h
}

// drawRow draws lines [from, to) of every cell of a row, h high, with an
// optional fill and thin borders.
func (r *renderer) drawRow(rl rowLayout, widths []float64, aligns []doc.Align, from, to int, h float64, ts textStyle, fill *rgb) {
	lh := ts.lineHeight()
	x := r.left
	if fill != nil {
		r.fillColor(*fill)
		total := 0.0
		for _, w := range widths {
			total += w
		}
		r.pdf.Rect(x, r.y, total, h, "F")
	}
	for c, w := range widths {
		align := doc.AlignLeft
		if c < len(aligns) {
			align = aligns[c]
		}
		cell := rl.cells[c]
		for li := from; li < to && li < len(cell); li++ {
			r.drawLine(cell[li], x+cellPadX, r.y+cellPadY+float64(li-from)*lh, lh, ts, align, w-2*cellPadX)
		}
		x += w
	}
	r.drawColor(colBorder)
	r.pdf.SetLineWidth(0.2)
	x = r.left
	for _, w := range widths {
		r.pdf.Rect(x, r.y, w, h, "D")
		x += w
	}
}

// columnWidths sizes the columns to their content within the text box:
// every column gets at least its longest word (within reason) and the room
// left is shared in proportion to how much more text each column holds.
func (r *renderer) columnWidths(t *doc.Table, n int) []float64 {
	avail := r.width
	minW := make([]float64, n)
	maxW := make([]float64, n)
	grow := func(cells []doc.Cell, ts textStyle) {
		for c := range min(n, len(cells)) {
			lo, hi := r.measure(cells[c].Text, ts.size, ts.base)
			minW[c] = max(minW[c], lo+2*cellPadX)
			maxW[c] = max(maxW[c], hi+2*cellPadX)
		}
	}
	grow(t.Header, headerText)
	written := make([]bool, n) // the column has text in some body row
	for _, row := range t.Rows {
		grow(row, tableText)
		for c := range min(n, len(row)) {
			written[c] = written[c] || strings.TrimSpace(doc.PlainText(row[c].Text)) != ""
		}
	}
	floor := min(minColWidth, avail/float64(n))
	ceiling := max(floor, avail*0.4) // a long URL must not starve the other columns
	for c := range n {
		if !written[c] && len(t.Rows) > 0 {
			// A column left blank is space to write in (evidence, notes):
			// give it a share of the page, not just its header's width.
			minW[c] = max(minW[c], avail*0.25)
			maxW[c] = max(maxW[c], avail*0.4)
		}
		minW[c] = min(max(minW[c], floor), ceiling)
		maxW[c] = max(maxW[c], minW[c])
	}
	return distribute(minW, maxW, avail)
}

// distribute shares avail among columns with the given least and natural
// widths. Columns whose natural width is within their fair share get it in
// full (short columns never wrap); the rest share what is left, each
// getting its least width plus a part of the remainder in proportion to how
// much more it would take.
func distribute(minW, maxW []float64, avail float64) []float64 {
	n := len(minW)
	w := make([]float64, n)
	fixed := make([]bool, n)
	var sumMax float64
	for c := range n {
		sumMax += maxW[c]
	}
	if sumMax <= avail {
		// Everything fits on one line: use the full width, shared by content.
		for c := range n {
			w[c] = maxW[c] * avail / sumMax
		}
		return w
	}
	left, open := avail, n
	for changed := true; changed && open > 0; {
		changed = false
		share := left / float64(open)
		for c := range n {
			if !fixed[c] && maxW[c] <= share {
				w[c], fixed[c] = maxW[c], true
				left -= maxW[c]
				open--
				changed = true
			}
		}
	}
	if open == 0 {
		return w
	}
	var sumMin, sumExtra float64
	for c := range n {
		if !fixed[c] {
			sumMin += minW[c]
			sumExtra += maxW[c] - minW[c]
		}
	}
	for c := range n {
		switch {
		case fixed[c]:
		case sumMin >= left:
			w[c] = minW[c] * left / sumMin
		default:
			w[c] = minW[c] + (maxW[c]-minW[c])*(left-sumMin)/sumExtra
		}
	}
	return w
}

package doc

import (
	"strconv"
	"strings"
	"unicode"
)

// Layout questions every writer answers the same way are answered here, once:
// the text box a table is laid out in, the relative column widths of each
// table, what must stay together on a page, the chart's value axis and
// palette. Writers scale the answers to their own units and only draw.

// Table geometry shared by the paged writers. Text is measured with the
// metrics of Arial (Liberation Sans and Helvetica have the same advance
// widths), the face every format names.
const (
	// TableTextSize is the size of table text in points.
	TableTextSize = 9.5
	// CellPaddingMM is the space between a cell's border and its text,
	// left and right, in millimetres.
	CellPaddingMM = 1.8
	// KeepTableRows is the largest table (in body rows) kept whole on one
	// page; a longer table starts only where two of its rows fit.
	KeepTableRows = 8
	// MinStartRows is how many body rows a table that starts at the foot of
	// a page must show there, under its header.
	MinStartRows = 2
	// MinSplitLines is the least number of a body row's lines that paged
	// writers leave on either side of a page break inside the row: a row
	// of fewer than 2*MinSplitLines lines is never split (it moves whole
	// to the next page), a longer one that does not fit in the room left
	// breaks at a line boundary where MinSplitLines lines or more fit.
	MinSplitLines = 3
)

// The compact type of a Table with Compact set: the smallest size a
// printed reference table stays legible at, with tighter lines and
// padding. Writers scale these as they do the normal table geometry.
const (
	// CompactTextSize is the size of compact table text in points.
	CompactTextSize = 8.0
	// CompactLeading is the line height of compact table text, as a
	// multiple of its size (table text is set at 1.38).
	CompactLeading = 1.2
	// CompactPaddingMM is the left and right padding of a compact cell.
	CompactPaddingMM = 1.2
	// CompactPadYMM is the space above and below a compact cell's text.
	CompactPadYMM = 0.8
)

// TextSize is the size of the table's text in points.
func (t *Table) TextSize() float64 {
	if t.Compact {
		return CompactTextSize
	}
	return TableTextSize
}

// PaddingMM is the space between a cell's border and its text, left and
// right, in millimetres.
func (t *Table) PaddingMM() float64 {
	if t.Compact {
		return CompactPaddingMM
	}
	return CellPaddingMM
}

// LineMM is the height of a line of the table's text in millimetres.
func (t *Table) LineMM() float64 {
	if t.Compact {
		return CompactTextSize * CompactLeading / ptPerMM
	}
	return tableLineMM
}

// RowPadMM is the height a body row adds to its lines (the padding above
// and below its text) in millimetres.
func (t *Table) RowPadMM() float64 {
	if t.Compact {
		return 2 * CompactPadYMM
	}
	return tableRowPadMM
}

// NarrowMarginMM is the left and right margin of a page with narrow
// margins (Meta.NarrowMargins), in millimetres; the body gains about 10 mm
// of height too. Layout estimates (TextWidthMM, BodyMM) keep the normal
// page, which only makes them cautious for such a page.
const NarrowMarginMM = 12.0

// TextWidthMM is the width of the text box of an A4 page with 20 mm
// margins, in millimetres.
func TextWidthMM(landscape bool) float64 {
	if landscape {
		return 297 - 40
	}
	return 210 - 40
}

// ptPerMM converts millimetres to points.
const ptPerMM = 72 / 25.4

// MeasureMM returns the width in millimetres of s set in Arial at size
// points, bold or regular.
func MeasureMM(s string, size float64, bold bool) float64 {
	tbl := &regularWidths
	if bold {
		tbl = &boldWidths
	}
	units := 0
	for _, r := range s {
		switch {
		case r >= 32 && r < 127:
			units += int(tbl[r-32])
		case r == '’' || r == '‘':
			units += 222
		case r == '“' || r == '”':
			units += 333
		case r == '—':
			units += 1000
		case r == '·' || r == '•':
			units += 350
		case r == '\t':
			units += 278
		default:
			units += 556
		}
	}
	return float64(units) / 1000 * size / ptPerMM
}

// measureRuns returns the width of the longest word and of the whole text
// of runs on one line (the widest line when it holds hard breaks), in
// millimetres.
func measureRuns(runs []Inline, size float64, bold bool) (word, line float64) {
	cur := 0.0
	for i := 0; i < len(runs); i++ {
		r := runs[i]
		if r.Break {
			line = max(line, cur)
			cur = 0
			continue
		}
		b := bold || r.Style&Bold != 0
		text := r.Text
		if i+1 < len(runs) && langCut(r, runs[i+1]) {
			// A run MarkRuns cut where a part in another language
			// begins or ends is measured whole, as before the cut.
			var sb strings.Builder
			sb.WriteString(text)
			for i+1 < len(runs) && langCut(runs[i], runs[i+1]) {
				i++
				sb.WriteString(runs[i].Text)
			}
			text = sb.String()
		}
		cur += MeasureMM(text, size, b)
		for w := range strings.FieldsFuncSeq(text, unicode.IsSpace) { // no slice of words a run: measured for every cell of every table
			word = max(word, MeasureMM(w, size, b))
		}
	}
	return word, max(line, cur)
}

// langCut reports whether b goes on from a as one run cut by MarkRuns:
// the same style and link in another language.
func langCut(a, b Inline) bool {
	return !a.Break && !b.Break && a.Lang != b.Lang && a.Style == b.Style && a.Link == b.Link
}

// ColumnWidths returns the table's relative column widths, one fraction
// per column summing to 1: those the tree holds, or ones computed for a
// page of the given orientation.
func (t *Table) ColumnWidths(landscape bool) []float64 {
	n := t.Columns()
	if len(t.Widths) == n {
		return t.Widths
	}
	return columnWidths(t, n, TextWidthMM(landscape))
}

// columnWidths sizes the columns within avail millimetres. Declared weights
// (from the template) set each column's share; without them the room is
// shared by content. Either way every column gets at least its longest word
// where the columns' longest words fit together, so a word is broken only
// when it alone is wider than its column could be.
func columnWidths(t *Table, n int, avail float64) []float64 {
	if n == 0 {
		return nil
	}
	minW := make([]float64, n)
	maxW := make([]float64, n)
	grow := func(cells []Cell, bold bool) {
		for c := range min(n, len(cells)) {
			lo, hi := measureRuns(cells[c].Text, t.TextSize(), bold || (t.RowHeaders && c == 0))
			// Slack for faces a little wider than Arial (a browser's
			// fallback) and for the HTML's wider cell padding.
			minW[c] = max(minW[c], lo*1.12+2*t.PaddingMM()+1)
			maxW[c] = max(maxW[c], hi*1.05+2*t.PaddingMM()+1)
		}
	}
	grow(t.Header, true)
	written := make([]bool, n) // the column has text in some body row
	for _, row := range t.Rows {
		grow(row, false)
		for c := range min(n, len(row)) {
			written[c] = written[c] || strings.TrimSpace(PlainText(row[c].Text)) != ""
		}
	}
	floor := min(14, avail/float64(n))
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
	var w []float64
	if len(t.Weights) == n {
		w = weighted(t.Weights, minW, avail)
	} else {
		w = distribute(minW, maxW, avail)
	}
	return normalise(w)
}

// weighted shares avail in proportion to weights, then lifts each column
// below its least width to it, taking the difference from the columns with
// room to spare in proportion to that room.
func weighted(weights, minW []float64, avail float64) []float64 {
	n := len(weights)
	sum := 0.0
	for _, v := range weights {
		sum += v
	}
	w := make([]float64, n)
	for c := range n {
		w[c] = avail * weights[c] / sum
	}
	sumMin := 0.0
	for _, m := range minW {
		sumMin += m
	}
	if sumMin > avail {
		return w // the words cannot all fit: keep the declared shares
	}
	for range n {
		need, spare := 0.0, 0.0
		for c := range n {
			if w[c] < minW[c] {
				need += minW[c] - w[c]
			} else {
				spare += w[c] - minW[c]
			}
		}
		if need <= 1e-9 || spare <= 1e-9 {
			break
		}
		take := min(need, spare)
		for c := range n {
			if w[c] < minW[c] {
				w[c] += (minW[c] - w[c]) * take / need
			} else {
				w[c] -= (w[c] - minW[c]) * take / spare
			}
		}
	}
	return w
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

// normalise scales w to sum to 1, rounded to 1/10000 so that every writer
// gets the same numbers.
func normalise(w []float64) []float64 {
	sum := 0.0
	for _, v := range w {
		sum += v
	}
	out := make([]float64, len(w))
	if sum <= 0 {
		for i := range out {
			out[i] = 1 / float64(len(w))
		}
		return out
	}
	for i, v := range w {
		out[i] = float64(int(v/sum*10000+0.5)) / 10000
	}
	return out
}

// Page body heights in millimetres (A4, below the running header and above
// the footer), and the room a table kept whole leaves for its heading.
const (
	bodyPortraitMM  = 297 - 44
	bodyLandscapeMM = 210 - 44
	headingRoomMM   = 20
	tableLineMM     = TableTextSize * 1.38 / ptPerMM
	tableRowPadMM   = 2.6
)

// MaxWaste is the most of a page's body that a short table kept whole may
// leave empty by moving to the next page. A typesetter starts a kept table
// where it fits and moves it when it does not, but breaks it (header
// repeated, MinStartRows rows at least on each page) rather than leave
// more than about a third of a page empty. The PDF writer decides this
// from its layout; the DOCX writer, whose pages Word lays out, keeps whole
// only tables no taller than this share of a page.
const MaxWaste = 1.0 / 3

// BodyMM is the height of an A4 page's body in millimetres, below the
// running header and above the footer.
func BodyMM(landscape bool) float64 {
	if landscape {
		return bodyLandscapeMM
	}
	return bodyPortraitMM
}

// KeepWhole reports whether the table is kept whole on one page: it has
// at most KeepTableRows body rows and, as estimated from its column
// widths, fits on a page below a heading. Longer tables start only where
// MinStartRows rows fit, and so do compact tables (reference sheets
// printed to pin up, read as one run of rows: moving one whole to the
// next page would waste paper, not keep anything together).
func (t *Table) KeepWhole(landscape bool) bool {
	if len(t.Rows) > KeepTableRows || t.Compact {
		return false
	}
	return t.HeightMM(landscape) <= BodyMM(landscape)-headingRoomMM
}

// HeightMM estimates the table's height in millimetres from its column
// widths on an A4 page of the given orientation.
func (t *Table) HeightMM(landscape bool) float64 {
	w := t.ColumnWidths(landscape)
	avail := TextWidthMM(landscape)
	rowH := func(cells []Cell, minLines int, bold bool) float64 {
		lines := max(minLines, 1)
		for c := range min(len(cells), len(w)) {
			_, line := measureRuns(cells[c].Text, t.TextSize(), bold)
			inner := max(w[c]*avail-2*t.PaddingMM(), 1)
			// Wrapping loses about a fifth of each line to ragged ends.
			lines = max(lines, int(line/(inner*0.8))+1)
		}
		return float64(lines)*t.LineMM() + t.RowPadMM()
	}
	h := rowH(t.Header, 1, true)
	for _, r := range t.Rows {
		h += rowH(r, t.MinLines, false)
	}
	return h
}

// RowLines estimates how many lines body row i takes on an A4 page of the
// given orientation, from the table's column widths, each part between
// hard breaks wrapped apart: a row of 2*MinSplitLines lines or more may
// break across pages.
func (t *Table) RowLines(i int, landscape bool) int {
	if i < 0 || i >= len(t.Rows) {
		return 0
	}
	return t.lines(t.Rows[i], t.ColumnWidths(landscape), t.MinLines, false, landscape)
}

// lines estimates the lines of the tallest of cells set in columns of
// relative widths w (at least minLines), each line of a hard break or a
// paragraph of its own counted apart.
func (t *Table) lines(cells []Cell, w []float64, minLines int, bold, landscape bool) int {
	avail := TextWidthMM(landscape)
	lines := max(minLines, 1)
	for c := range min(len(cells), len(w)) {
		inner := max(w[c]*avail-2*t.PaddingMM(), 1)
		n := 0
		for _, part := range splitBreaks(cells[c].Text) {
			_, line := measureRuns(part, t.TextSize(), bold || (t.RowHeaders && c == 0))
			// Wrapping loses about a fifth of each line to ragged ends.
			n += int(line/(inner*0.8)) + 1
		}
		lines = max(lines, n)
	}
	return lines
}

// splitBreaks cuts runs at their hard breaks.
func splitBreaks(runs []Inline) [][]Inline {
	var out [][]Inline
	from := 0
	for i, r := range runs {
		if r.Break {
			out = append(out, runs[from:i])
			from = i + 1
		}
	}
	return append(out, runs[from:])
}

// Span is a run of top-level blocks, Blocks[From:To], that paged writers
// keep on one page when it fits on one.
type Span struct {
	From, To int
}

// chartPalette is the series colours of every chart, in order, as
// #rrggbb: blue, orange, green, purple, grey (each at least 4.5:1 on
// white).
var chartPalette = [...]string{"#1d70b8", "#c45500", "#00703c", "#912b88", "#505a5f"}

// SeriesColour returns the colour of series i as #rrggbb.
func SeriesColour(i int) string { return chartPalette[max(i, 0)%len(chartPalette)] }

// SeriesRGB returns the colour of series i as red, green and blue.
func SeriesRGB(i int) (r, g, b uint8) {
	s := SeriesColour(i)
	hex := func(k int) uint8 {
		v := uint8(0)
		for _, c := range s[k : k+2] {
			v <<= 4
			switch {
			case c >= '0' && c <= '9':
				v |= uint8(c - '0')
			default:
				v |= uint8(c-'a') + 10
			}
		}
		return v
	}
	return hex(1), hex(3), hex(5)
}

// maxTicks bounds a numbered axis.
const maxTicks = 20

// Axis returns the names of the value axis ticks, from 0 up: the scale's
// names, extended with numbers when a value goes past the scale (or when
// there is no scale), at least two ticks.
func (c *Chart) Axis() []string {
	top := len(c.Scale) - 1
	for _, b := range c.Bars {
		for _, v := range b.Values {
			if v == v && v < 1e9 && int(v+0.999999) > top { // NaN and ±Inf never count
				top = int(v + 0.999999)
			}
		}
	}
	top = min(max(top, 1), max(len(c.Scale)-1, maxTicks))
	out := make([]string, top+1)
	for i := range out {
		if i < len(c.Scale) && c.Scale[i] != "" {
			out[i] = c.Scale[i]
		} else {
			out[i] = strconv.Itoa(i)
		}
	}
	return out
}

// Clamp returns v on the chart's axis: at least 0, at most the last tick;
// NaN gives 0.
func (c *Chart) Clamp(v float64) float64 {
	top := float64(len(c.Axis()) - 1)
	if v != v || v < 0 {
		return 0
	}
	return min(v, top)
}

// regularWidths are the advance widths of Arial Regular, U+0020 to U+007E,
// in thousandths of an em.
var regularWidths = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}

// boldWidths are those of Arial Bold.
var boldWidths = [95]uint16{
	278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
	975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
	333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
	611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
}

// Complete decides what the writers must not decide each for themselves:
// the title (the front matter's, else the first level-1 heading, else the
// first heading, else "Document") and the one-line description (the
// title, preceded by the subject unless the title already starts with it:
// "Job description: Data engineer", never "Job description: Job
// description: Data engineer"). Parsing calls it; call it on a tree built
// by hand.
func (d *Document) Complete() {
	m := &d.Meta
	m.Title = strings.TrimSpace(m.Title)
	if m.Title == "" {
		m.Title = firstHeading(d.Blocks)
	}
	if m.Description == "" {
		s := strings.TrimSpace(m.Subject)
		if s == "" || strings.HasPrefix(strings.ToLower(m.Title), strings.ToLower(s)) {
			m.Description = m.Title
		} else {
			m.Description = s + ": " + m.Title
		}
	}
}

func firstHeading(blocks []Block) string {
	var first string
	for _, b := range blocks {
		if h, ok := b.(*Heading); ok {
			t := strings.TrimSpace(PlainText(h.Text))
			if h.Level == 1 && t != "" {
				return t
			}
			if first == "" {
				first = t
			}
		}
	}
	if first == "" {
		return "Document"
	}
	return first
}

// FitContinued widens the first column of each table with a row that may
// break across pages (RowLines of 2*MinSplitLines or more) to hold the
// widest word of the marker a writer labels the row's rest with on the
// next page (Meta.Continued: "{label} (continued)", "{label} (parhad)"),
// taking the room from the widest other column, so that a narrow id
// column never shows the marker broken inside a word ("(contin" "ued)").
// Tables whose rows all move whole are left as they are.
func (d *Document) FitContinued() {
	format := d.Meta.Continued
	if !strings.Contains(format, "{label}") {
		format = "{label} (continued)"
	}
	marker := []Inline{{Text: strings.ReplaceAll(format, "{label}", " ")}}
	var walk func(blocks []Block)
	walk = func(blocks []Block) {
		for _, b := range blocks {
			switch b := b.(type) {
			case *Table:
				b.fitContinued(marker, d.Meta.Landscape)
			case *List:
				for _, it := range b.Items {
					walk(it.Blocks)
				}
			}
		}
	}
	walk(d.Blocks)
}

func (t *Table) fitContinued(marker []Inline, landscape bool) {
	n := t.Columns()
	if n < 2 {
		return
	}
	split := false
	for i := range t.Rows {
		if t.RowLines(i, landscape) >= 2*MinSplitLines {
			split = true
			break
		}
	}
	if !split {
		return
	}
	avail := TextWidthMM(landscape)
	word, _ := measureRuns(marker, t.TextSize(), t.RowHeaders)
	need := (word*1.12 + 2*t.PaddingMM() + 1) / avail
	w := append([]float64(nil), t.ColumnWidths(landscape)...)
	if w[0] >= need {
		return
	}
	wide := 1
	for c := 2; c < n; c++ {
		if w[c] > w[wide] {
			wide = c
		}
	}
	delta := need - w[0]
	if w[wide]-delta < w[wide]/2 {
		return // no column can spare the room
	}
	w[0], w[wide] = need, w[wide]-delta
	t.Widths = normalise(w)
}

package html

import (
	"math"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/doc"
)

// Chart geometry, in SVG user units (CSS pixels at 100%).
const (
	chartWidth  = 720.0
	charWidth   = 7.6 // rough advance of one character at 14px, for layout
	fontSize    = 14.0
	barHeight   = 18.0
	barGap      = 4.0
	groupGap    = 14.0
	labelHeight = 20.0
)

// chart writes a grouped horizontal bar chart as inline SVG inside a figure,
// followed by its data as a table in a disclosure widget, so the numbers are
// available as text as well as a picture.
func (r *renderer) chart(c *doc.Chart) {
	r.charts++
	base := r.uniqueID("chart-" + strconv.Itoa(r.charts))
	titleID, descID := r.uniqueID(base+"-title"), r.uniqueID(base+"-desc")
	title := strings.TrimSpace(c.Title)
	if title == "" {
		title = "Chart"
	}
	alt := strings.TrimSpace(c.Alt)
	if alt == "" {
		alt = title
	}

	axis := c.Axis()
	maxV := float64(len(axis) - 1)
	ticks := len(axis) - 1
	tickName := func(i int) string { return axis[i] }
	longest := 0
	for i := 0; i <= ticks; i++ {
		longest = max(longest, len([]rune(tickName(i))))
	}
	left := math.Max(16, float64(len([]rune(tickName(0))))*charWidth/2+8)
	right := math.Max(40, float64(longest)*charWidth+16)
	plotW := chartWidth - left - right
	xOf := func(v float64) float64 { return left + v/maxV*plotW }

	var s strings.Builder
	put := func(ss ...string) {
		for _, x := range ss {
			s.WriteString(x)
		}
	}

	// Title, then the legend, wrapped onto more lines when it is wide.
	y := 24.0
	put(`<text class="chart-title" x="`, num(left), `" y="`, num(y), `">`, esc(title), "</text>\n")
	y += 26
	lx := left
	for i, name := range c.Series {
		w := 14 + 6 + float64(len([]rune(name)))*charWidth + 24
		if lx > left && lx+w > chartWidth-right {
			lx = left
			y += 22
		}
		put(`<rect x="`, num(lx), `" y="`, num(y-12), `" width="14" height="14" fill="`, colour(i), `"/>`)
		put(`<text x="`, num(lx+20), `" y="`, num(y), `">`, esc(name), "</text>\n")
		lx += w
	}
	if len(c.Series) > 0 {
		y += 16
	}
	plotTop := y
	y += 8

	// One group per bar: its label (wrapped to the plot width), then one bar
	// per series with its value named at the end.
	maxChars := max(int(plotW/charWidth), 20)
	var bars strings.Builder
	for _, b := range c.Bars {
		for _, line := range wrap(b.Label, maxChars) {
			y += labelHeight
			bars.WriteString(`<text class="bar-label" x="` + num(left) + `" y="` + num(y-5) + `">` + esc(line) + "</text>\n")
		}
		for i, orig := range b.Values {
			v := c.Clamp(orig)
			w := math.Max(xOf(v)-left, 2)
			bars.WriteString(`<rect x="` + num(left) + `" y="` + num(y) + `" width="` + num(w) + `" height="` + num(barHeight) + `" fill="` + colour(i) + `"/>`)
			bars.WriteString(`<text class="bar-value" x="` + num(left+w+6) + `" y="` + num(y+barHeight-4.5) + `">` + esc(c.ValueName(orig)) + "</text>\n")
			y += barHeight + barGap
		}
		y += groupGap
	}
	plotBottom := y

	// Grid lines and the axis, drawn first so bars sit on top of them.
	for i := 0; i <= ticks; i++ {
		x := xOf(float64(i))
		put(`<line class="grid" x1="`, num(x), `" y1="`, num(plotTop), `" x2="`, num(x), `" y2="`, num(plotBottom), `"/>`, "\n")
		put(`<text class="tick" x="`, num(x), `" y="`, num(plotBottom+20), `" text-anchor="middle">`, esc(tickName(i)), "</text>\n")
	}
	put(`<line class="axis" x1="`, num(left), `" y1="`, num(plotBottom), `" x2="`, num(xOf(maxV)), `" y2="`, num(plotBottom), `"/>`, "\n")
	s.WriteString(bars.String())
	height := plotBottom + 34

	r.w("<figure class=\"chart\">\n")
	r.w(`<svg role="img" aria-labelledby="`, titleID, " ", descID, `" viewBox="0 0 `, num(chartWidth), " ", num(height),
		`" width="100%" preserveAspectRatio="xMinYMin meet" focusable="false">`, "\n")
	r.w(`<title id="`, titleID, `">`, esc(title), "</title>\n")
	r.w(`<desc id="`, descID, `">`, esc(alt), "</desc>\n")
	r.w(s.String())
	r.w("</svg>\n")
	if len(c.Bars) > 0 {
		r.w("<details class=\"chart-data\">\n<summary>", esc(c.DataName()), ": ", esc(title), "</summary>\n")
		r.table(chartTable(c), c.DataName()+": "+title)
		r.w("</details>\n")
	}
	r.w("</figure>\n")
}

// chartTable is the chart's data as a table: one row per bar, one column
// per series, values named on the chart's scale.
func chartTable(c *doc.Chart) *doc.Table {
	t := &doc.Table{Header: []doc.Cell{{Text: []doc.Inline{{Text: c.CategoryName()}}}}}
	for _, s := range c.Series {
		t.Header = append(t.Header, doc.Cell{Text: []doc.Inline{{Text: s}}})
	}
	for _, b := range c.Bars {
		row := []doc.Cell{{Text: []doc.Inline{{Text: b.Label}}}}
		for _, v := range b.Values {
			row = append(row, doc.Cell{Text: []doc.Inline{{Text: c.ValueName(v)}}})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// colour is the shared colour of series i. Colour is never the only cue:
// the legend, the order of the bars and a value label on every bar say the
// same thing.
func colour(i int) string { return doc.SeriesColour(i) }

// num formats a coordinate with at most one decimal place.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}

// wrap breaks s into lines of at most n characters at spaces (a longer word
// stays whole on its own line).
func wrap(s string, n int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	var lines []string
	cur := words[0]
	for _, w := range words[1:] {
		if len([]rune(cur))+1+len([]rune(w)) > n {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur += " " + w
	}
	return append(lines, cur)
}

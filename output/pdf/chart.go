package pdf

import (
	"github.com/rolepack/rolepack/doc"
)

// Chart geometry in millimetres.
const (
	barHeight = 3.6
	barGap    = 0.7
	groupGap  = 3.2
)

// chart draws a grouped horizontal bar chart: a title, a legend, one band
// per bar group with its label, one bar per series, and an axis labelled
// with the scale's names.
func (r *renderer) chart(c *doc.Chart) {
	small := textStyle{size: 8, color: colMuted}
	label := textStyle{size: 9, color: colText}
	axis := c.Axis()
	maxV := float64(len(axis) - 1)
	nSeries := len(c.Series)
	for _, b := range c.Bars {
		nSeries = max(nSeries, len(b.Values))
	}
	nSeries = max(nSeries, 1)

	labelW := 0.0
	for _, b := range c.Bars {
		_, w := r.measure([]doc.Inline{{Text: b.Label}}, label.size, 0)
		labelW = max(labelW, w)
	}
	labelW = min(labelW+3, r.width*0.34)
	plotX := r.left + labelW
	plotW := r.width - labelW - 6

	barsH := float64(nSeries)*barHeight + float64(nSeries-1)*barGap
	groups := make([][]line, len(c.Bars))
	bandH := make([]float64, len(c.Bars))
	total := 0.0
	for i, b := range c.Bars {
		groups[i] = r.wrap([]doc.Inline{{Text: b.Label}}, labelW-3, label.size, 0)
		bandH[i] = max(barsH, float64(len(groups[i]))*label.lineHeight()) + groupGap
		total += bandH[i]
	}
	titleH := 0.0
	if c.Title != "" {
		titleH = 7
	}
	total += titleH + 7 + 8 // title, legend, axis

	r.space(2)
	r.ensure(min(total, r.bottom-r.top))
	start := r.y
	// The whole chart is one figure, its text alternative the chart's Alt.
	r.push("Figure", altAttr(c.Alt))
	defer r.pop()
	r.content()
	if c.Title != "" {
		ts := textStyle{size: bodySize, base: doc.Bold, color: colText}
		for _, ln := range r.wrap([]doc.Inline{{Text: c.Title}}, r.width, ts.size, ts.base) {
			r.drawLine(ln, r.left, r.y, ts.lineHeight(), ts, doc.AlignLeft, r.width)
			r.y += ts.lineHeight()
		}
		r.y += 7 - bodyText.lineHeight()
	}

	// Legend.
	x := plotX
	for s, name := range c.Series {
		r.fillColor(seriesRGB(s))
		r.pdf.Rect(x, r.y+1, 3, 3, "F")
		lines := r.wrap([]doc.Inline{{Text: name}}, 1e6, small.size, 0)
		if len(lines) > 0 {
			r.drawLine(lines[0], x+4.5, r.y, 5, small, doc.AlignLeft, lines[0].w)
			x += 4.5 + lines[0].w + 6
		}
	}
	r.y += 7

	gridX := func(v float64) float64 { return plotX + v/maxV*plotW }
	grid := func(y0, y1 float64) {
		r.drawColor(rgb{0xdd, 0xe0, 0xe3})
		r.pdf.SetLineWidth(0.15)
		for v := 0; v <= int(maxV); v++ {
			r.pdf.Line(gridX(float64(v)), y0, gridX(float64(v)), y1)
		}
	}
	for i, b := range c.Bars {
		if r.y+bandH[i] > r.bottom {
			r.newPage()
			r.content()
		}
		grid(r.y-groupGap/2, r.y+bandH[i]-groupGap/2)
		ly := r.y + (barsH-float64(len(groups[i]))*label.lineHeight())/2
		for _, ln := range groups[i] {
			r.drawLine(ln, r.left, max(ly, r.y), label.lineHeight(), label, doc.AlignLeft, labelW-3)
			ly += label.lineHeight()
		}
		for s := range nSeries {
			v := 0.0
			if s < len(b.Values) {
				v = c.Clamp(b.Values[s])
			}
			r.fillColor(seriesRGB(s))
			by := r.y + float64(s)*(barHeight+barGap)
			w := v / maxV * plotW
			if w < 0.6 {
				w = 0.6 // a zero still shows as a sliver at the axis
			}
			r.pdf.Rect(plotX, by, w, barHeight, "F")
		}
		r.y += bandH[i]
	}

	// Axis with the scale's names under the ticks.
	r.ensure(8)
	r.content()
	ay := r.y - groupGap/2
	r.drawColor(colMuted)
	r.pdf.SetLineWidth(0.25)
	r.pdf.Line(plotX, ay, plotX+plotW, ay)
	for v, name := range axis {
		tx := gridX(float64(v))
		r.pdf.Line(tx, ay, tx, ay+1.2)
		lines := r.wrap([]doc.Inline{{Text: name}}, 1e6, small.size, 0)
		if len(lines) == 0 {
			continue
		}
		ln := lines[0]
		lx := min(max(tx-ln.w/2, r.left), r.left+r.width-ln.w)
		r.drawLine(ln, lx, ay+1.5, small.lineHeight(), small, doc.AlignLeft, ln.w)
	}
	r.y = ay + 1.5 + small.lineHeight() + 4
	r.mark(markChart, 4, r.y-start, []doc.Inline{{Text: c.Title}})
}

// seriesRGB is the shared colour of chart series s.
func seriesRGB(s int) rgb {
	cr, cg, cb := doc.SeriesRGB(s)
	return rgb{int(cr), int(cg), int(cb)}
}

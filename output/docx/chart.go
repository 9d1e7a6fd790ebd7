package docx

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/rolepack/rolepack/doc"
)

// Chart geometry in pixels; the picture is shown 17 cm wide (about 240 dpi).
const (
	chartW      = 1600
	chartPad    = 24
	chartText   = 28 // label size: about 8.5 pt when shown 17 cm wide
	chartBarH   = 28
	chartBarGap = 4
	chartGroup  = 26 // space between groups
	chartSwatch = 24
)

var (
	chartInk  = color.RGBA{0x0B, 0x0C, 0x0C, 0xFF}
	chartGrid = color.RGBA{0xD9, 0xD9, 0xD9, 0xFF}
	chartAxis = color.RGBA{0x50, 0x5A, 0x5F, 0xFF}
	chartBack = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
)

// chartPNG draws c as a grouped horizontal bar chart: a legend on top, one
// group of bars per ChartBar, the Scale names along the value axis. The
// title is not drawn: the document shows it as a caption. Same chart, same
// bytes.
func chartPNG(f *opentype.Font, c *doc.Chart) ([]byte, error) {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: chartText, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("chart font: %w", err)
	}
	defer face.Close()
	measure := func(s string) int { return font.MeasureString(face, s).Ceil() }
	ascent := face.Metrics().Ascent.Ceil()

	// The value axis, as every writer draws it.
	ticks := c.Axis()
	maxV := float64(len(ticks) - 1)
	series := max(len(c.Series), 1)
	for _, b := range c.Bars {
		series = max(series, len(b.Values))
	}

	// Labels wrap at words onto up to maxLabelLines lines, in a column of
	// at most 35% of the width; a band is as tall as its label or its
	// bars, whichever is taller.
	labelW := 0
	for _, b := range c.Bars {
		labelW = max(labelW, measure(b.Label))
	}
	labelW = min(labelW, chartW*35/100)
	x0 := chartPad + labelW + 20
	x1 := chartW - chartPad - measure(ticks[len(ticks)-1])/2 - 4

	legendH := 0
	if len(c.Series) > 0 {
		legendH = chartSwatch + 24
	}
	groupH := series*chartBarH + (series-1)*chartBarGap
	lineH := face.Metrics().Height.Ceil()
	labels := make([][]string, len(c.Bars))
	bandH := make([]int, len(c.Bars))
	plotTop := chartPad + legendH
	plotH := chartGroup
	for i, b := range c.Bars {
		labels[i] = wrapLabel(b.Label, labelW, maxLabelLines, measure)
		bandH[i] = max(groupH, len(labels[i])*lineH)
		plotH += bandH[i] + chartGroup
	}
	height := plotTop + plotH + 12 + ascent + chartPad

	img := image.NewRGBA(image.Rect(0, 0, chartW, height))
	draw.Draw(img, img.Bounds(), image.NewUniform(chartBack), image.Point{}, draw.Src)
	fill := func(x0, y0, x1, y1 int, c color.RGBA) {
		draw.Draw(img, image.Rect(x0, y0, x1, y1), image.NewUniform(c), image.Point{}, draw.Src)
	}
	text := func(s string, x, y int) { // y is the baseline
		d := font.Drawer{Dst: img, Src: image.NewUniform(chartInk), Face: face, Dot: fixed.P(x, y)}
		d.DrawString(s)
	}

	// Legend.
	x := x0
	for i, s := range c.Series {
		fill(x, chartPad, x+chartSwatch, chartPad+chartSwatch, seriesColour(i))
		text(s, x+chartSwatch+10, chartPad+chartSwatch/2+ascent/2-2)
		x += chartSwatch + 10 + measure(s) + 40
	}

	// Grid and tick labels.
	xAt := func(v float64) int {
		v = c.Clamp(v)
		return x0 + int(math.Round(v/maxV*float64(x1-x0)))
	}
	plotBottom := plotTop + plotH
	for i, t := range ticks {
		tx := xAt(float64(i))
		if i > 0 {
			fill(tx-1, plotTop, tx+1, plotBottom, chartGrid)
		}
		text(t, tx-measure(t)/2, plotBottom+12+ascent)
	}

	// Bars and labels, each label's lines centred on its band, right
	// aligned against the axis.
	y := plotTop + chartGroup
	for i, b := range c.Bars {
		ly := y + (bandH[i]-len(labels[i])*lineH)/2
		for _, ln := range labels[i] {
			text(ln, x0-20-measure(ln), ly+lineH/2+ascent/2-2)
			ly += lineH
		}
		by0 := y + (bandH[i]-groupH)/2
		for s := 0; s < series; s++ {
			if s < len(b.Values) {
				by := by0 + s*(chartBarH+chartBarGap)
				if bx := xAt(b.Values[s]); bx > x0 {
					fill(x0, by, bx, by+chartBarH, seriesColour(s))
				}
			}
		}
		y += bandH[i] + chartGroup
	}
	fill(x0-1, plotTop, x0+2, plotBottom, chartAxis)
	fill(x0-1, plotBottom-1, x1+1, plotBottom+2, chartAxis)

	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("chart png: %w", err)
	}
	return buf.Bytes(), nil
}

// maxLabelLines is the most lines a bar's label wraps onto.
const maxLabelLines = 3

// wrapLabel breaks s at spaces into lines at most width wide, at most
// maxLines of them; a word wider than the width alone, or what is left
// past the last line, is shortened with an ellipsis.
func wrapLabel(s string, width, maxLines int, measure func(string) int) []string {
	var lines []string
	cur := ""
	words := strings.Fields(s)
	for i, w := range words {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if measure(try) <= width || cur == "" {
			cur = try
			continue
		}
		lines = append(lines, cur)
		cur = w
		if len(lines) == maxLines-1 {
			cur = strings.Join(words[i:], " ")
			break
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	for i, ln := range lines {
		lines[i] = fitText(ln, width, measure)
	}
	return lines
}

// fitText shortens s with an ellipsis until it is at most width wide.
func fitText(s string, width int, measure func(string) int) string {
	if measure(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		if t := string(r) + "…"; measure(t) <= width {
			return t
		}
	}
	return ""
}

// seriesColour is the shared colour of chart series s.
func seriesColour(s int) color.RGBA {
	r, g, b := doc.SeriesRGB(s)
	return color.RGBA{r, g, b, 0xFF}
}

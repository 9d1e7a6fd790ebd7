package careermap

import (
	"strings"

	"github.com/rolepack/rolepack/doc"
)

// PagesPerSpan is the most A4 landscape pages a span's tables should take
// in print: a group of columns a profession lead pins up as one sheet
// pair. A ladder whose tables would take more is split into more spans.
const PagesPerSpan = 2

// Room a page of the map gives its tables, as split estimates it, in
// millimetres of an A4 landscape page's body: a share of it (rows move
// whole to the next page, headings keep with their tables), the title and
// introduction of page 1, and a heading above a table.
const (
	pageFill     = 1.30
	openingMM    = 48
	headingMM    = 11
	sectionMM    = 15
	closingRowMM = 1.5 // the closing tables' rows are a little taller than estimated
	unchangedMM  = 10  // the line naming a span's unchanged rows
)

// split divides the rungs into the fewest spans of at most
// MaxLadderColumns rungs, each after the first opening with the last rung
// of the one before, whose tables fit on PagesPerSpan pages each (and the
// whole map on PagesPerSpan pages a span), as doc estimates the compact
// tables the template prints. The spans of one split are as nearly equal
// as can be, the longer first. When no split fits, each span is two rungs
// (one step up): the most a table can be cut down.
func (l *Ladder) split(labels []string) []LadderSpan {
	n := len(labels)
	if n <= 1 {
		return []LadderSpan{{First: 0, Last: max(n-1, 0), Label: spanLabel(labels, 0, max(n-1, 0))}}
	}
	fewest := (n - 1 + MaxLadderColumns - 2) / (MaxLadderColumns - 1)
	body := doc.BodyMM(true)
	closing := l.closingMM()
	var out []LadderSpan
	for k := fewest; k <= n-1; k++ {
		out = overlapping(labels, k)
		total, fits := openingMM+closing, true
		for i, sp := range out {
			h := l.spanMM(sp)
			if i == 0 {
				h += openingMM
			}
			total += h
			fits = fits && h <= PagesPerSpan*body*pageFill
		}
		if fits && total <= float64(PagesPerSpan*len(out))*body*pageFill {
			break
		}
	}
	return out
}

// overlapping splits n rungs into k spans sharing their end rungs: n+k-1
// columns in all, as nearly equal as can be, the longer first.
func overlapping(labels []string, k int) []LadderSpan {
	n := len(labels)
	if k <= 1 {
		return []LadderSpan{{First: 0, Last: n - 1, Label: spanLabel(labels, 0, n-1)}}
	}
	cols := n + k - 1
	var out []LadderSpan
	at := 0
	for i := range k {
		size := cols / k
		if i < cols%k {
			size++
		}
		sp := LadderSpan{First: at, Last: at + size - 1}
		sp.Label = spanLabel(labels, sp.First, sp.Last)
		out = append(out, sp)
		at = sp.Last
	}
	return out
}

// The relative column widths of the map's closing tables: the entries the
// same at each level (entry, rungs, what it asks) and the entries asked at
// one level (level, kind, entries).
var (
	SteadyWidths = [3]float64{18, 12, 70}
	OnceWidths   = [3]float64{14, 10, 76}
)

// weights is the relative column widths of a map table of n rungs
// (LadderTable.Widths).
func weights(n int) []float64 {
	w := []float64{EntryShare}
	for range n {
		w = append(w, float64(100-EntryShare)/float64(max(n, 1)))
	}
	return w
}

// spanLabel names the rungs first to last: "Entry to Senior", or the
// rung's label.
func spanLabel(labels []string, first, last int) string {
	if len(labels) == 0 {
		return ""
	}
	if first == last {
		return labels[first]
	}
	return labels[first] + " to " + labels[last]
}

// spanMM estimates the height of the tables of span sp in print, with
// their headings, in millimetres.
func (l *Ladder) spanMM(sp LadderSpan) float64 {
	h := 0.0
	for _, sec := range l.Sections {
		shown := false
		for _, g := range sec.Groups {
			t := l.table(g, sp)
			if len(t.Rows) == 0 && len(t.Unchanged) == 0 {
				continue
			}
			if !shown {
				h += sectionMM
				shown = true
			}
			h += headingMM
			if len(t.Rows) > 0 {
				h += l.tableMM(t)
			}
			if len(t.Unchanged) > 0 {
				h += unchangedMM
			}
		}
	}
	return h
}

// tableMM estimates the height of the printed table of t, in the compact
// type, in millimetres.
func (l *Ladder) tableMM(t LadderTable) float64 {
	dt := &doc.Table{Compact: true, Weights: weights(len(t.Rungs))}
	dt.Header = append(dt.Header, doc.Cell{Text: []doc.Inline{{Text: "Knowledge area", Style: doc.Bold}}})
	for _, r := range t.Rungs {
		label := r.Label
		if r.Current {
			label += " (this level)"
		}
		dt.Header = append(dt.Header, doc.Cell{Text: []doc.Inline{{Text: label, Style: doc.Bold}}})
	}
	for _, r := range t.Rows {
		row := []doc.Cell{{Text: []doc.Inline{{Text: r.Title, Style: doc.Bold}}}}
		for _, c := range r.Cells {
			row = append(row, doc.Cell{Text: cellRuns(c)})
		}
		dt.Rows = append(dt.Rows, row)
	}
	return rowsMM(dt, 0)
}

// rowsMM is the estimated height of dt's header and rows, each row extra
// millimetres taller than the estimate.
func rowsMM(dt *doc.Table, extra float64) float64 {
	dt.Widths = dt.ColumnWidths(true)
	h := 2*dt.LineMM() + dt.RowPadMM() // the header row, its labels on two lines
	for i := range dt.Rows {
		h += float64(dt.RowLines(i, true))*dt.LineMM() + dt.RowPadMM() + extra
	}
	return h + 4 // the space after a table
}

// cellRuns is the text a printed cell holds, as runs: its label, then its
// descriptors, each on a line of its own, new words bold.
func cellRuns(c LadderCell) []doc.Inline {
	switch {
	case c.State == CellNone:
		return []doc.Inline{{Text: "None"}}
	case c.State != CellPresent:
		return []doc.Inline{{Text: "—"}}
	case c.SameAsBelow:
		return []doc.Inline{{Text: "As at " + c.AsAt + "."}}
	}
	var out []doc.Inline
	if c.Label != "" {
		out = append(out, doc.Inline{Text: c.Label}, doc.Inline{Break: true})
	}
	for j, d := range c.Descriptors {
		if j > 0 {
			out = append(out, doc.Inline{Break: true})
		}
		for _, p := range d.Parts {
			in := doc.Inline{Text: p.Text}
			if p.New {
				in.Style = doc.Bold
			}
			out = append(out, in)
		}
	}
	return out
}

// closingMM estimates the height of the map's closing tables: the entries
// the same at each level and those asked at one level, with their
// headings.
func (l *Ladder) closingMM() float64 {
	h := 0.0
	steady := &doc.Table{Compact: true, Weights: []float64{SteadyWidths[0], SteadyWidths[1], SteadyWidths[2]}}
	for _, sec := range l.Sections {
		for _, r := range sec.Steady() {
			c := r.Cells[0]
			for _, x := range r.Cells {
				if x.State == CellPresent {
					c = x
				}
			}
			steady.Rows = append(steady.Rows, []doc.Cell{
				{Text: []doc.Inline{{Text: r.Title, Style: doc.Bold}}},
				{Text: []doc.Inline{{Text: r.At}}},
				{Text: cellRuns(c)},
			})
		}
	}
	if len(steady.Rows) > 0 {
		steady.Header = []doc.Cell{{Text: []doc.Inline{{Text: "Entry"}}}, {Text: []doc.Inline{{Text: "Asked at"}}}, {Text: []doc.Inline{{Text: "What it asks"}}}}
		h += sectionMM + rowsMM(steady, closingRowMM)
	}
	once := &doc.Table{Compact: true, Weights: []float64{OnceWidths[0], OnceWidths[1], OnceWidths[2]}}
	for _, sec := range l.Sections {
		for _, o := range l.OneLevel(sec) {
			once.Rows = append(once.Rows, []doc.Cell{
				{Text: []doc.Inline{{Text: o.Rung.Label, Style: doc.Bold}}},
				{Text: []doc.Inline{{Text: sec.Title}}},
				{Text: []doc.Inline{{Text: strings.Join(o.Titles, "; ")}}},
			})
		}
	}
	if len(once.Rows) > 0 {
		once.Header = []doc.Cell{{Text: []doc.Inline{{Text: "Level"}}}, {Text: []doc.Inline{{Text: "Kind"}}}, {Text: []doc.Inline{{Text: "Entries asked at that level only"}}}}
		h += sectionMM + rowsMM(once, closingRowMM)
	}
	return h + 12 // the document control line
}

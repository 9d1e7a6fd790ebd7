// Package doc is the document tree every output writer walks: headings,
// paragraphs, lists, tables, charts and inline runs, plus the document's
// metadata. Templates produce Markdown; render parses it into this tree;
// writers never see the framework or the templates.
package doc

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Document is one rendered document: metadata plus a sequence of blocks.
type Document struct {
	Meta   Meta
	Blocks []Block
	// Keeps are runs of top-level blocks that paged writers keep on one
	// page when they fit on one (a template's <!-- keep --> markers, and
	// a short closing section).
	Keeps []Span
}

// Meta is what a writer needs to know about the document as a whole.
type Meta struct {
	Title       string    // document title (PDF /Title, DOCX dc:title, HTML <title>); never empty after parsing
	Description string    // one-line summary (HTML meta description, PDF subject line)
	Subject     string    // e.g. "Job description"
	Author      string    // organisation that issues the document
	Language    string    // BCP 47 tag, e.g. "en-GB"
	Languages   []string  // a bilingual document's two languages, first first (doc.Bilingual); nil in one language
	Keywords    []string  // e.g. role id, level
	Date        time.Time // fixed document date (from config or SOURCE_DATE_EPOCH)
	Landscape   bool      // print the document in landscape
	// NarrowMargins prints the document with NarrowMarginMM margins: a
	// wide reference sheet meant to be pinned up (the career map). A
	// DOCX letterhead's own margins win over it.
	NarrowMargins bool
	HeaderLeft    string // running header text, left (e.g. role title)
	HeaderRight   string // running header text, right (e.g. organisation)
	Footer        string // running footer text (e.g. provenance); writers add page numbers beside it
	PageLabel     string // page numbering with {page} and {pages} ("Tudalen {page} o {pages}"); "" is "Page {page} of {pages}"
	Continued     string // the entry column of a table row carried over to a new page, with {label} ("{label} (parhad)"); "" is "{label} (continued)"
	Logo          []byte // optional organisation logo (PNG or JPEG) for the first page header
	Reference     string // the vacancy's reference, e.g. "REF-2024-117" (a letterhead's {{reference}})
	Brand         *Brand // the organisation's colours, logo alt text and typeface (nil: the writers' own); shared, read-only
	// Embeds is structured data about the document that formats able to
	// carry it embed as it is (HTML: a <script> element of its media type),
	// e.g. the advert's schema.org JSON-LD.
	Embeds []Embed
}

// Embed is one piece of structured data carried by a document.
type Embed struct {
	MediaType string // e.g. "application/ld+json"
	Data      []byte
}

// Block is a block-level node: *Heading, *Paragraph, *List, *Table, *Rule,
// *Chart or *PageBreak.
type Block interface{ block() }

// Heading is a section heading, level 1 to 6 (1 is the document title).
type Heading struct {
	Level int
	Text  []Inline
	ID    string // stable anchor, derived from the text
}

// Paragraph is a run of inline text.
type Paragraph struct {
	Text []Inline
}

// List is a bullet list or a numbered list. Every list is its own numbering
// instance: numbering restarts at Start for each List.
type List struct {
	Ordered bool
	Start   int // first number of an ordered list (1 if unset)
	Items   []ListItem
}

// ListItem holds the blocks of one list item: normally a single
// *Paragraph, possibly followed by a nested *List.
type ListItem struct {
	Blocks []Block
	// Lang is the item's language (a BCP 47 tag) when it is in another
	// than the document's: writers tag the item with it (PDF /Lang on
	// its LI, DOCX w:lang on its runs, HTML lang on its li), so a list
	// of Welsh and English items has each read in its own voice.
	// MarkLanguage sets it; "" is the language around the list.
	Lang string
}

// Align is a table column's horizontal alignment.
type Align int

// Column alignments.
const (
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Table is a table with one header row. Cells hold inline content only.
// The header row repeats on every page and is marked as a header for
// assistive technology.
//
// A key–value table (RowHeaders) may have no header row: its first column
// names what each row holds.
type Table struct {
	Header []Cell
	Rows   [][]Cell
	Align  []Align // one per column
	// RowHeaders marks the first cell of each body row as that row's
	// header (a key–value table).
	RowHeaders bool
	// Weights are the relative column widths the template asked for, one
	// per column; nil lets the content decide.
	Weights []float64
	// Widths are the relative column widths every writer uses, one
	// fraction of the text width per column, summing to 1. Parsing sets
	// them; ColumnWidths computes them for a tree built by hand.
	Widths []float64
	// MinLines is the least height of a body row, in lines of table text
	// (room to write by hand); 0 or 1 means no minimum.
	MinLines int
	// Compact sets the table in the compact type (CompactTextSize, tighter
	// lines and padding): a wide reference table meant to be printed and
	// pinned up, such as the career map's.
	Compact bool
}

// Columns is the number of columns of the table.
func (t *Table) Columns() int {
	n := len(t.Header)
	for _, r := range t.Rows {
		if len(r) > n {
			n = len(r)
		}
	}
	return n
}

// Cell is one table cell.
type Cell struct {
	Text []Inline
	// Lang is the cell's language (a BCP 47 tag) when it is in another
	// than the document's: writers tag the cell with it (HTML lang, DOCX
	// w:lang on its runs, PDF /Lang on its TD or TH). MarkLanguage sets
	// it; "" is the language around the table.
	Lang string
}

// Rule is a thematic break (a horizontal line).
type Rule struct{}

// PageBreak starts a new page in paged formats (PDF, DOCX); other formats
// may ignore it.
type PageBreak struct{}

// Chart is a grouped horizontal bar chart, e.g. current against target level
// per skill group in a PDP. Values run from 0 to len(Scale)-1 and Scale names
// each value (e.g. "None", "Entry", "Mid", "Senior").
type Chart struct {
	Title  string
	Alt    string   // text alternative, always set
	Scale  []string // value labels, lowest first
	Series []string // e.g. "Current", "Target"
	Bars   []ChartBar
	// Category heads the bars' labels in the chart's data as a table
	// (Markdown, HTML), in the document's language; "" is "Group".
	Category string
	// Data names the chart's data as a table where HTML offers it
	// beside the chart, in the document's language; "" is "Chart data".
	Data string
}

// DataName is what the chart's data as a table is called before the
// chart's title (HTML): Data, or "Chart data" when it is not set.
func (c *Chart) DataName() string {
	if s := strings.TrimSpace(c.Data); s != "" {
		return s
	}
	return "Chart data"
}

// CategoryName is the heading of the bars' labels in the chart's data as a
// table: Category, or "Group" when it is not set.
func (c *Chart) CategoryName() string {
	if s := strings.TrimSpace(c.Category); s != "" {
		return s
	}
	return "Group"
}

// ValueName names a value on the chart's scale (rounded to the nearest
// step), or gives the number when the scale does not name it; NaN and
// infinities give "".
func (c *Chart) ValueName(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	i := int(math.Round(v))
	if i >= 0 && i < len(c.Scale) && c.Scale[i] != "" {
		return c.Scale[i]
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// ChartBar is one labelled group of bars, one value per series.
type ChartBar struct {
	Label  string
	Values []float64
}

// Style is a set of inline style flags.
type Style uint8

// Inline styles.
const (
	Bold Style = 1 << iota
	Italic
	Code
	// Inserted marks words new against another text (e.g. what a PDP's
	// target level adds). It comes with Bold, so that a writer that knows
	// nothing of it shows bold; HTML writes <ins>.
	Inserted
)

// Inline is a run of text with one style. Break marks a hard line break
// (its Text is empty). Link, when set, is the run's hyperlink target.
type Inline struct {
	Text string
	Link string
	// Lang is the run's language (a BCP 47 tag) when it is in another
	// than the block, item or cell around it: an English skill name or
	// organisation quoted in a Welsh sentence. Writers tag the run with
	// it (HTML a span with lang, DOCX w:lang on the run, PDF a Span
	// element with /Lang). MarkRuns sets it; "" is the language around.
	Lang  string
	Style Style
	Break bool
}

// PlainText returns the text of runs without styling; hard breaks become
// spaces.
func PlainText(runs []Inline) string {
	if len(runs) == 1 && !runs[0].Break {
		return runs[0].Text // most runs are a line of one style: nothing to join
	}
	n := 0
	for _, r := range runs {
		n += len(r.Text) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, r := range runs {
		if r.Break {
			b.WriteByte(' ')
			continue
		}
		b.WriteString(r.Text)
	}
	return b.String()
}

func (*Heading) block()   {}
func (*Paragraph) block() {}
func (*List) block()      {}
func (*Table) block()     {}
func (*Rule) block()      {}
func (*PageBreak) block() {}
func (*Chart) block()     {}

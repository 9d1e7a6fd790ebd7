package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/internal/yamlpos"
)

// PageBreakMarker is the HTML comment a template writes, alone on a line, to
// start a new page in paged formats.
const PageBreakMarker = "<!-- pagebreak -->"

// Template markers for paged layout: a table attribute line just before a
// table, and a pair around blocks to keep on one page.
const (
	tableMarker = "<!-- table "
	// KeepMarker, alone on a line, opens a run of blocks kept on one page
	// (when they fit on one); KeepEndMarker closes it, or the document's
	// end does.
	KeepMarker = "<!-- keep -->"
	// KeepEndMarker closes the run KeepMarker opened.
	KeepEndMarker   = "<!-- /keep -->"
	closingMaxLines = 16 // a closing section this short is kept whole
)

// frontMatter is the metadata block a template may open with, between two
// "---" lines. Fields the pipeline knows better (date, logo) are not here.
type frontMatter struct {
	Title       string   `yaml:"title"`
	Subject     string   `yaml:"subject"`
	Author      string   `yaml:"author"`
	Language    string   `yaml:"language"`
	Keywords    []string `yaml:"keywords"`
	Landscape   bool     `yaml:"landscape"`
	Margins     string   `yaml:"margins"` // "narrow", or left out
	HeaderLeft  string   `yaml:"headerLeft"`
	HeaderRight string   `yaml:"headerRight"`
	Footer      string   `yaml:"footer"`
}

// chartSpec is the YAML body of a ```chart fenced block.
type chartSpec struct {
	Title  string   `yaml:"title"`
	Alt    string   `yaml:"alt"`
	Scale  []string `yaml:"scale"`
	Series []string `yaml:"series"`
	// Category heads the bars' labels in the chart's data as a table
	// (default "Group").
	Category string `yaml:"category"`
	// Data names the chart's data as a table in HTML (default "Chart
	// data").
	Data string `yaml:"data"`
	Bars []struct {
		Label  string    `yaml:"label"`
		Values []float64 `yaml:"values"`
	} `yaml:"bars"`
}

// Markdown parses rendered Markdown (GFM tables included, an optional YAML
// front matter block, ```chart blocks and page-break markers) into a
// document tree. name is used in error messages. It is safe for concurrent
// use.
type Markdown struct {
	md goldmark.Markdown
}

// NewMarkdown returns a parser for rendered templates.
func NewMarkdown() *Markdown {
	return &Markdown{md: goldmark.New(goldmark.WithExtensions(extension.Table))}
}

// Parse turns src into a document tree.
func (m *Markdown) Parse(name string, src []byte) (*doc.Document, error) {
	d := &doc.Document{}
	body, fmLines, err := splitFrontMatter(name, src, &d.Meta)
	if err != nil {
		return nil, err
	}
	root := m.md.Parser().Parse(text.NewReader(body))
	p := treeBuilder{src: body, name: name, lineOffset: fmLines, ids: map[string]int{}}
	if err := p.top(root, d); err != nil {
		return nil, err
	}
	d.Complete()
	closingKeep(d)
	setWidths(d.Blocks, d.Meta.Landscape)
	return d, nil
}

// top builds the document's top-level blocks, taking the keep markers
// (which only mean something between top-level blocks).
func (p *treeBuilder) top(root ast.Node, d *doc.Document) error {
	open, openLine := -1, 0
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if hb, ok := n.(*ast.HTMLBlock); ok {
			switch strings.TrimSpace(string(p.raw(hb))) {
			case KeepMarker:
				if open >= 0 {
					return fmt.Errorf("%s:%d: %s inside another (the one opened on line %d is not closed)", p.name, p.line(n), KeepMarker, openLine)
				}
				open, openLine = len(d.Blocks), p.line(n)
				continue
			case KeepEndMarker:
				if open < 0 {
					return fmt.Errorf("%s:%d: %s with no %s before it", p.name, p.line(n), KeepEndMarker, KeepMarker)
				}
				if len(d.Blocks) > open {
					d.Keeps = append(d.Keeps, doc.Span{From: open, To: len(d.Blocks)})
				}
				open = -1
				continue
			}
		}
		bs, err := p.block(n)
		if err != nil {
			return err
		}
		d.Blocks = append(d.Blocks, bs...)
	}
	if p.pending != nil {
		return fmt.Errorf("%s:%d: table attributes with no table after them", p.name, p.pendingLine)
	}
	if open >= 0 && len(d.Blocks) > open {
		d.Keeps = append(d.Keeps, doc.Span{From: open, To: len(d.Blocks)}) // open to the end
	}
	return nil
}

// closingKeep keeps a short closing section (from the last heading to the
// end) on one page, so that the last page never holds only a line or two,
// unless a template's keep already reaches the end.
func closingKeep(d *doc.Document) {
	n := len(d.Blocks)
	if k := len(d.Keeps); k > 0 && d.Keeps[k-1].To == n {
		return
	}
	last := -1
	for i, b := range d.Blocks {
		if h, ok := b.(*doc.Heading); ok && h.Level >= 2 {
			last = i
		}
	}
	if last < 0 || last == n-1 {
		return
	}
	lines := 0
	for _, b := range d.Blocks[last:] {
		lines += estimateLines(b)
	}
	if lines <= closingMaxLines {
		from := last
		for _, k := range d.Keeps { // never cut a template's keep in two
			if k.From < from && k.To > from {
				from = k.From
			}
		}
		d.Keeps = append(d.Keeps, doc.Span{From: from, To: n})
	}
}

// estimateLines is a rough count of the lines a block takes on a portrait
// page, enough to tell a short section from a long one.
func estimateLines(b doc.Block) int {
	const perLine = 95
	switch b := b.(type) {
	case *doc.Paragraph:
		return len(doc.PlainText(b.Text))/perLine + 1
	case *doc.Heading:
		return 2
	case *doc.List:
		n := 0
		for _, it := range b.Items {
			for _, ib := range it.Blocks {
				n += estimateLines(ib)
			}
		}
		return n
	case *doc.Table:
		n := len(b.Rows) + 1
		for _, r := range b.Rows {
			n += max(b.MinLines-1, 0)
			for _, c := range r {
				n += len(doc.PlainText(c.Text)) / (perLine / max(len(r), 1) * 2)
			}
		}
		return n
	case *doc.Chart:
		return 3 * (len(b.Bars) + 1)
	}
	return 1
}

// setWidths decides every table's relative column widths, once, for the
// page the document is printed on.
func setWidths(blocks []doc.Block, landscape bool) {
	for _, b := range blocks {
		switch b := b.(type) {
		case *doc.Table:
			b.Widths = nil
			b.Widths = b.ColumnWidths(landscape)
		case *doc.List:
			for _, it := range b.Items {
				setWidths(it.Blocks, landscape)
			}
		}
	}
}

func splitFrontMatter(name string, src []byte, meta *doc.Meta) (body []byte, lines int, err error) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src, 0, nil
	}
	end := bytes.Index(src[4:], []byte("\n---\n"))
	if end < 0 {
		return nil, 0, fmt.Errorf("%s:1: front matter opened with --- is not closed", name)
	}
	raw := src[4 : 4+end+1]
	var fm frontMatter
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil {
		line, msg := yamlpos.Split(err)
		if line > 0 {
			return nil, 0, fmt.Errorf("%s:%d: front matter: %s", name, line+1, yamlWords(msg)) // the front matter starts on line 2
		}
		return nil, 0, fmt.Errorf("%s: front matter: %s", name, yamlWords(msg))
	}
	if fm.Margins != "" && fm.Margins != "narrow" {
		return nil, 0, fmt.Errorf("%s: front matter: margins: %q: want narrow, or leave it out", name, fm.Margins)
	}
	*meta = doc.Meta{
		Title: fm.Title, Subject: fm.Subject, Author: fm.Author, Language: fm.Language,
		Keywords: fm.Keywords, Landscape: fm.Landscape, NarrowMargins: fm.Margins == "narrow",
		HeaderLeft: fm.HeaderLeft, HeaderRight: fm.HeaderRight, Footer: fm.Footer,
	}
	rest := src[4+end+5:]
	return rest, bytes.Count(src[:len(src)-len(rest)], []byte("\n")), nil
}

type treeBuilder struct {
	src        []byte
	name       string
	lineOffset int
	ids        map[string]int

	pending     *tableAttrs // attributes for the next table
	pendingLine int
}

// tableAttrs are what a "<!-- table ... -->" line says about the table
// after it.
type tableAttrs struct {
	weights []float64
	keys    bool
	compact bool
	lines   int
}

// parseTableAttrs reads the attributes of a table marker line:
//
//	<!-- table widths=8,32,45,15 keys lines=4 compact -->
//
// widths: relative column widths, one positive number per column; keys:
// a key–value table, its Markdown header line is its first row and its
// first column heads each row; lines=N: each body row at least N lines
// high; compact: the compact type (doc.CompactTextSize) for a wide
// reference table.
func (p *treeBuilder) parseTableAttrs(raw string, at int) error {
	body := strings.TrimSuffix(strings.TrimPrefix(raw, tableMarker), "-->")
	a := &tableAttrs{}
	for _, f := range strings.Fields(body) {
		key, val, hasVal := strings.Cut(f, "=")
		switch {
		case key == "keys" && !hasVal:
			a.keys = true
		case key == "compact" && !hasVal:
			a.compact = true
		case key == "widths" && hasVal:
			for _, w := range strings.Split(val, ",") {
				v, err := strconv.ParseFloat(w, 64)
				if err != nil || !(v > 0) || v > 1e6 {
					return fmt.Errorf("%s:%d: table widths=%s: each width must be a positive number", p.name, at, val)
				}
				a.weights = append(a.weights, v)
			}
		case key == "lines" && hasVal:
			v, err := strconv.Atoi(val)
			if err != nil || v < 1 || v > 20 {
				return fmt.Errorf("%s:%d: table lines=%s: want a whole number from 1 to 20", p.name, at, val)
			}
			a.lines = v
		default:
			return fmt.Errorf("%s:%d: unknown table attribute %q (known: widths=N,N,…, keys, lines=N, compact)", p.name, at, f)
		}
	}
	if p.pending != nil {
		return fmt.Errorf("%s:%d: table attributes with no table after them", p.name, p.pendingLine)
	}
	p.pending, p.pendingLine = a, at
	return nil
}

func (p *treeBuilder) line(n ast.Node) int {
	l := n.Lines()
	if l == nil || l.Len() == 0 {
		return p.lineOffset
	}
	return p.lineOffset + bytes.Count(p.src[:l.At(0).Start], []byte("\n")) + 1
}

func (p *treeBuilder) blocks(parent ast.Node) ([]doc.Block, error) {
	var out []doc.Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		bs, err := p.block(n)
		if err != nil {
			return nil, err
		}
		out = append(out, bs...)
	}
	return out, nil
}

func (p *treeBuilder) block(n ast.Node) ([]doc.Block, error) {
	if _, isTable := n.(*east.Table); p.pending != nil && !isTable {
		if hb, ok := n.(*ast.HTMLBlock); !ok || !strings.HasPrefix(strings.TrimSpace(string(p.raw(hb))), tableMarker) {
			return nil, fmt.Errorf("%s:%d: table attributes with no table after them", p.name, p.pendingLine)
		}
	}
	switch n := n.(type) {
	case *ast.Heading:
		runs := p.inlines(n)
		return []doc.Block{&doc.Heading{Level: n.Level, Text: runs, ID: p.anchor(doc.PlainText(runs))}}, nil
	case *ast.Paragraph, *ast.TextBlock:
		runs := p.inlines(n)
		if len(runs) == 0 {
			return nil, nil
		}
		return []doc.Block{&doc.Paragraph{Text: runs}}, nil
	case *ast.List:
		l := &doc.List{Ordered: n.IsOrdered(), Start: 1}
		if n.IsOrdered() && n.Start > 0 {
			l.Start = n.Start
		}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			bs, err := p.blocks(it)
			if err != nil {
				return nil, err
			}
			l.Items = append(l.Items, doc.ListItem{Blocks: bs})
		}
		return []doc.Block{l}, nil
	case *east.Table:
		t, err := p.table(n)
		if err != nil {
			return nil, err
		}
		return []doc.Block{t}, nil
	case *ast.ThematicBreak:
		return []doc.Block{&doc.Rule{}}, nil
	case *ast.Blockquote:
		return p.blocks(n)
	case *ast.HTMLBlock:
		raw := strings.TrimSpace(string(p.raw(n)))
		switch {
		case raw == PageBreakMarker:
			return []doc.Block{&doc.PageBreak{}}, nil
		case strings.HasPrefix(raw, tableMarker) && strings.HasSuffix(raw, "-->") && !strings.Contains(raw, "\n"):
			return nil, p.parseTableAttrs(raw, p.line(n))
		case raw == KeepMarker || raw == KeepEndMarker:
			return nil, fmt.Errorf("%s:%d: %s only between top-level blocks", p.name, p.line(n), raw)
		}
		return nil, nil // templates write Markdown; other raw HTML is dropped
	case *ast.FencedCodeBlock:
		if string(n.Language(p.src)) == "chart" {
			c, err := p.chart(n)
			if err != nil {
				return nil, err
			}
			return []doc.Block{c}, nil
		}
		return p.code(n), nil
	case *ast.CodeBlock:
		return p.code(n), nil
	default:
		return p.blocks(n)
	}
}

func (p *treeBuilder) raw(n ast.Node) []byte {
	var b bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(p.src))
	}
	return b.Bytes()
}

func (p *treeBuilder) code(n ast.Node) []doc.Block {
	var runs []doc.Inline
	for i, l := range strings.Split(strings.TrimRight(string(p.raw(n)), "\n"), "\n") {
		if i > 0 {
			runs = append(runs, doc.Inline{Break: true})
		}
		runs = append(runs, doc.Inline{Text: l, Style: doc.Code})
	}
	return []doc.Block{&doc.Paragraph{Text: runs}}
}

func (p *treeBuilder) chart(n *ast.FencedCodeBlock) (*doc.Chart, error) {
	var spec chartSpec
	dec := yaml.NewDecoder(bytes.NewReader(p.raw(n)))
	dec.KnownFields(true)
	at := p.line(n)
	if err := dec.Decode(&spec); err != nil {
		line, msg := yamlpos.Split(err)
		if line > 0 {
			at += line - 1 // at is the chart's first line
		}
		return nil, fmt.Errorf("%s:%d: chart: %s", p.name, at, yamlWords(msg))
	}
	if spec.Alt == "" {
		return nil, fmt.Errorf("%s:%d: chart has no alt text", p.name, at)
	}
	c := &doc.Chart{Title: spec.Title, Alt: spec.Alt, Scale: spec.Scale, Series: spec.Series, Category: spec.Category, Data: spec.Data}
	for _, b := range spec.Bars {
		if len(b.Values) != len(spec.Series) {
			return nil, fmt.Errorf("%s:%d: chart bar %q has %d values for %d series", p.name, at, b.Label, len(b.Values), len(spec.Series))
		}
		c.Bars = append(c.Bars, doc.ChartBar{Label: b.Label, Values: b.Values})
	}
	if err := c.Check(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", p.name, at, err)
	}
	return c, nil
}

func (p *treeBuilder) table(t *east.Table) (*doc.Table, error) {
	out := &doc.Table{}
	attrs := p.pending
	p.pending = nil
	for _, a := range t.Alignments {
		out.Align = append(out.Align, map[east.Alignment]doc.Align{
			east.AlignLeft: doc.AlignLeft, east.AlignCenter: doc.AlignCenter, east.AlignRight: doc.AlignRight,
		}[a])
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []doc.Cell
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, doc.Cell{Text: p.inlines(c)})
		}
		if _, ok := r.(*east.TableHeader); ok {
			out.Header = cells
		} else {
			out.Rows = append(out.Rows, cells)
		}
	}
	if attrs == nil {
		return out, nil
	}
	if attrs.keys {
		out.RowHeaders = true
		out.Rows = append([][]doc.Cell{out.Header}, out.Rows...)
		out.Header = nil
	}
	out.MinLines = attrs.lines
	out.Compact = attrs.compact
	if attrs.weights != nil {
		if n := out.Columns(); len(attrs.weights) != n {
			return nil, fmt.Errorf("%s:%d: table widths gives %d widths for %d columns", p.name, p.pendingLine, len(attrs.weights), n)
		}
		out.Weights = attrs.weights
	}
	return out, nil
}

// anchor derives a unique heading id.
func (p *treeBuilder) anchor(title string) string {
	id := framework.Slug(title)
	if id == "" {
		id = "section"
	}
	p.ids[id]++
	if k := p.ids[id]; k > 1 {
		id += "-" + strconv.Itoa(k)
	}
	return id
}

// inlines flattens a node's inline children into styled runs, merging
// neighbours of the same style and link.
func (p *treeBuilder) inlines(n ast.Node) []doc.Inline {
	var runs []doc.Inline
	add := func(r doc.Inline) {
		if k := len(runs); k > 0 && !r.Break && !runs[k-1].Break && runs[k-1].Style == r.Style && runs[k-1].Link == r.Link {
			runs[k-1].Text += r.Text
			return
		}
		if r.Text == "" && !r.Break {
			return
		}
		runs = append(runs, r)
	}
	var walk func(n ast.Node, style doc.Style, link string)
	walk = func(n ast.Node, style doc.Style, link string) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				v := c.Segment.Value(p.src)
				if !c.IsRaw() {
					v = unescapeText(v)
				}
				add(doc.Inline{Text: string(v), Style: style, Link: link})
				switch {
				case c.HardLineBreak():
					add(doc.Inline{Break: true})
				case c.SoftLineBreak():
					add(doc.Inline{Text: " ", Style: style, Link: link})
				}
			case *ast.String:
				add(doc.Inline{Text: string(c.Value), Style: style, Link: link})
			case *ast.CodeSpan:
				var b strings.Builder
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if tt, ok := t.(*ast.Text); ok {
						b.Write(tt.Segment.Value(p.src))
					}
				}
				add(doc.Inline{Text: b.String(), Style: style | doc.Code, Link: link})
			case *ast.Emphasis:
				s := doc.Italic
				if c.Level >= 2 {
					s = doc.Bold
				}
				walk(c, style|s, link)
			case *ast.Link:
				walk(c, style, string(c.Destination))
			case *ast.AutoLink:
				url := string(c.URL(p.src))
				label := string(c.Label(p.src))
				if c.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(url, "mailto:") {
					url = "mailto:" + url
				}
				add(doc.Inline{Text: label, Style: style, Link: url})
			case *ast.Image:
				walk(c, style, link) // alt text only; pictures come as charts or the logo
			case *ast.RawHTML:
				var b strings.Builder
				for i := 0; i < c.Segments.Len(); i++ {
					seg := c.Segments.At(i)
					b.Write(seg.Value(p.src))
				}
				switch t := strings.ToLower(strings.TrimSpace(b.String())); t {
				case "<br>", "<br/>", "<br />":
					add(doc.Inline{Break: true})
				case "<ins>":
					style |= doc.Bold | doc.Inserted // until </ins>, in this parent
				case "</ins>":
					style &^= doc.Bold | doc.Inserted
				}
			default:
				walk(c, style, link)
			}
		}
	}
	walk(n, 0, "")
	// Trim white space at the ends of the run list.
	for len(runs) > 0 && !runs[0].Break && strings.TrimSpace(runs[0].Text) == "" {
		runs = runs[1:]
	}
	for len(runs) > 0 && !runs[len(runs)-1].Break && strings.TrimSpace(runs[len(runs)-1].Text) == "" {
		runs = runs[:len(runs)-1]
	}
	if len(runs) > 0 {
		runs[0].Text = strings.TrimLeft(runs[0].Text, " ")
		runs[len(runs)-1].Text = strings.TrimRight(runs[len(runs)-1].Text, " ")
	}
	return runs
}

// unescapeText resolves backslash escapes and entity references in one
// pass, as CommonMark does: an escaped "\&" starts no entity.
func unescapeText(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	out := make([]byte, 0, len(v))
	start := 0
	flush := func(end int) {
		out = append(out, util.ResolveNumericReferences(util.ResolveEntityNames(v[start:end]))...)
	}
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]) {
			flush(i)
			out = append(out, v[i+1])
			i++
			start = i + 1
		}
	}
	flush(len(v))
	return out
}

// unknownField is the YAML library's message for a key a struct lacks.
var unknownField = regexp.MustCompile(`^field (\S+) not found in type \S+$`)

// yamlWords words a YAML message in the template's terms: an unknown key
// is named as a key, not as a field of a Go type.
func yamlWords(msg string) string {
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("unknown key %q", m[1])
	}
	return msg
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

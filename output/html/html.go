// Package html writes a document tree as one self-contained, accessible
// HTML page: semantic headings, lists and tables, inline CSS for screen and
// print, charts as inline SVG with a text alternative and a data table, and
// no external resources, so the file can be mailed, archived or published on
// an intranet as it is.
package html

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	stdhtml "html"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/doc"
)

// Writer writes documents as HTML pages. The zero value is ready to use and
// is safe for concurrent use: all state lives in one call of Write.
type Writer struct{}

// Write renders d as a complete HTML page to out. The same document always
// gives the same bytes.
func (Writer) Write(out io.Writer, d *doc.Document) error {
	if d == nil {
		return errors.New("html: nil document")
	}
	if err := d.CheckCharts(); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	r := &renderer{ids: map[string]bool{}, regions: map[string]int{}, landscape: d.Meta.Landscape}
	r.document(d)
	if _, err := out.Write(r.buf.Bytes()); err != nil {
		return fmt.Errorf("html: write %q: %w", d.Meta.Title, err)
	}
	return nil
}

// renderer holds the state of one Write call.
type renderer struct {
	buf         bytes.Buffer
	ids         map[string]bool // element ids already used
	regions     map[string]int  // table region labels already used, for uniqueness
	lastHeading string          // plain text of the latest heading, to label tables
	prevLevel   int             // level of the previous heading written, 0 before the first
	charts      int
	landscape   bool // the document prints in landscape
	// tables numbers every table of the document, so that its column
	// widths and writing space live in the head's style sheet (a
	// Content-Security-Policy without 'unsafe-inline' blocks style
	// attributes).
	tables map[*doc.Table]int
	// parallel is set when the document has parallel columns (a
	// bilingual document), whose style the head then carries.
	parallel bool
}

// esc escapes text for use in element content and quoted attribute values.
func esc(s string) string { return stdhtml.EscapeString(s) }

func (r *renderer) w(ss ...string) {
	for _, s := range ss {
		r.buf.WriteString(s)
	}
}

func (r *renderer) document(d *doc.Document) {
	m := d.Meta
	lang := strings.TrimSpace(m.Language)
	if lang == "" {
		lang = "en"
	}
	title := strings.TrimSpace(m.Title)
	if title == "" {
		title = "Document" // a tree not made by render.Markdown
	}
	r.w("<!DOCTYPE html>\n<html lang=\"", esc(lang), "\">\n<head>\n")
	r.w("<meta charset=\"utf-8\">\n")
	r.w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	r.w("<title>", esc(title), "</title>\n")
	if a := strings.TrimSpace(m.Author); a != "" {
		r.w("<meta name=\"author\" content=\"", esc(a), "\">\n")
	}
	if desc := strings.TrimSpace(m.Description); desc != "" {
		r.w("<meta name=\"description\" content=\"", esc(desc), "\">\n")
	}
	if len(m.Keywords) > 0 {
		r.w("<meta name=\"keywords\" content=\"", esc(strings.Join(m.Keywords, ", ")), "\">\n")
	}
	if !m.Date.IsZero() {
		r.w("<meta name=\"dcterms.date\" content=\"", m.Date.Format("2006-01-02"), "\">\n")
	}
	r.w("<meta name=\"generator\" content=\"rolepack\">\n")
	for _, e := range m.Embeds {
		r.embed(e)
	}
	r.w("<style>\n", css(m.Landscape, m.NarrowMargins), brandCSS(m.Brand), r.tableCSS(d.Blocks), "</style>\n</head>\n<body>\n")
	r.w("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n")
	r.header(m)
	r.ids["main"] = true
	r.w("<main id=\"main\">\n")
	r.blocks(d.Blocks)
	r.w("</main>\n")
	if f := strings.TrimSpace(m.Footer); f != "" {
		r.w("<footer class=\"doc-footer\">\n<p>", esc(f), "</p>\n</footer>\n")
	}
	r.w("</body>\n</html>\n")
}

// header writes the running header (logo, left and right text), or nothing
// when the document has none, so there is no empty landmark.
func (r *renderer) header(m doc.Meta) {
	logo := logoURI(m.Logo)
	left, right := strings.TrimSpace(m.HeaderLeft), strings.TrimSpace(m.HeaderRight)
	if logo == "" && left == "" && right == "" {
		return
	}
	r.w("<header class=\"doc-header\">\n")
	if logo != "" {
		r.w("<img class=\"logo\" src=\"", logo, "\" alt=\"", esc(logoAlt(m)), "\">\n")
	}
	if left != "" {
		r.w("<p class=\"header-left\">", esc(left), "</p>\n")
	}
	if right != "" {
		r.w("<p class=\"header-right\">", esc(right), "</p>\n")
	}
	r.w("</header>\n")
}

// logoURI returns the logo as a data: URI, or "" when it is absent or not a
// PNG or JPEG image.
func logoURI(b []byte) string {
	var mt string
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		mt = "image/png"
	case bytes.HasPrefix(b, []byte{0xff, 0xd8, 0xff}):
		mt = "image/jpeg"
	default:
		return ""
	}
	return "data:" + mt + ";base64," + base64.StdEncoding.EncodeToString(b)
}

func (r *renderer) blocks(bs []doc.Block) {
	for _, b := range bs {
		r.block(b)
	}
}

func (r *renderer) block(b doc.Block) {
	switch n := b.(type) {
	case *doc.Heading:
		r.heading(n)
	case *doc.Paragraph:
		if strings.TrimSpace(doc.PlainText(n.Text)) == "" {
			return // no empty paragraphs for spacing
		}
		r.w("<p>")
		r.inlines(n.Text)
		r.w("</p>\n")
	case *doc.List:
		r.list(n)
	case *doc.Table:
		r.table(n, "")
	case *doc.Rule:
		r.w("<hr>\n")
	case *doc.PageBreak:
		r.w("<div class=\"page-break\" aria-hidden=\"true\"></div>\n")
	case *doc.Chart:
		r.chart(n)
	case *doc.Lang:
		r.w("<div lang=\"", esc(langTag(n.Tag)), "\">\n")
		r.blocks(n.Blocks)
		r.w("</div>\n")
	case *doc.Parallel:
		// Side by side on a wide screen, the first language first (on the
		// left) and, narrower, one above the other, in reading order.
		r.w("<div class=\"parallel\">\n")
		for _, c := range n.Cells {
			r.w("<div class=\"parallel-cell\" lang=\"", esc(langTag(c.Tag)), "\">\n")
			r.blocks(c.Blocks)
			r.w("</div>\n")
		}
		r.w("</div>\n")
	}
}

// langTag is a block's language tag, British English when it names none.
func langTag(tag string) string {
	if tag = strings.TrimSpace(tag); tag != "" {
		return tag
	}
	return "en-GB"
}

// heading writes h1–h6. A level never skips past the one before it (an h2
// followed by an h4 is written as h2, h3), because assistive technology
// navigates by heading level.
func (r *renderer) heading(h *doc.Heading) {
	lvl := min(max(h.Level, 1), 6)
	if lvl > r.prevLevel+1 {
		lvl = r.prevLevel + 1
	}
	r.prevLevel = lvl
	text := strings.TrimSpace(doc.PlainText(h.Text))
	r.lastHeading = text
	id := h.ID
	if strings.TrimSpace(id) == "" {
		id = slug(text)
	}
	id = r.uniqueID(id)
	tag := "h" + strconv.Itoa(lvl)
	r.w("<", tag, " id=\"", esc(id), "\">")
	r.inlines(h.Text)
	r.w("</", tag, ">\n")
}

// uniqueID makes id a valid, unused element id: whitespace becomes "-", an
// empty id becomes "section", and a used one gets "-2", "-3", … appended.
func (r *renderer) uniqueID(id string) string {
	id = strings.Join(strings.FieldsFunc(id, unicode.IsSpace), "-")
	if id == "" {
		id = "section"
	}
	cand := id
	for i := 2; r.ids[cand]; i++ {
		cand = id + "-" + strconv.Itoa(i)
	}
	r.ids[cand] = true
	return cand
}

// slug derives an anchor from heading text: lower-case letters and digits
// joined by single hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
			continue
		}
		dash = true
	}
	return b.String()
}

func (r *renderer) list(l *doc.List) {
	if l.Ordered {
		r.w("<ol")
		if l.Start > 1 {
			r.w(" start=\"", strconv.Itoa(l.Start), "\"")
		}
		r.w(">\n")
	} else {
		r.w("<ul>\n")
	}
	for _, it := range l.Items {
		if it.Lang != "" {
			r.w("<li lang=\"", esc(it.Lang), "\">")
		} else {
			r.w("<li>")
		}
		// A single paragraph (perhaps followed by nested lists) is written
		// without <p>, as a tight list item.
		paras := 0
		for _, b := range it.Blocks {
			if _, ok := b.(*doc.Paragraph); ok {
				paras++
			}
		}
		for i, b := range it.Blocks {
			if p, ok := b.(*doc.Paragraph); ok && paras == 1 {
				r.inlines(p.Text)
				continue
			}
			afterText := false
			if i > 0 && paras == 1 {
				_, afterText = it.Blocks[i-1].(*doc.Paragraph)
			}
			if i == 0 || afterText {
				r.w("\n")
			}
			r.block(b)
		}
		r.w("</li>\n")
	}
	if l.Ordered {
		r.w("</ol>\n")
	} else {
		r.w("</ul>\n")
	}
}

// cellLang is the lang attribute of a cell in another language than the
// document's, or "".
func cellLang(c doc.Cell) string {
	if c.Lang == "" {
		return ""
	}
	return " lang=\"" + esc(c.Lang) + "\""
}

// table writes a table inside a scrollable, keyboard-focusable region named
// after the section it sits in (or label, when given).
func (r *renderer) table(t *doc.Table, label string) {
	cols := t.Columns()
	if cols == 0 {
		return
	}
	if label == "" {
		label = r.lastHeading
	}
	if label == "" {
		var hs []string
		for _, c := range t.Header {
			if s := strings.TrimSpace(doc.PlainText(c.Text)); s != "" {
				hs = append(hs, s)
			}
		}
		label = strings.Join(hs, ", ")
	}
	label = "Table: " + label
	if label == "Table: " {
		label = "Table"
	}
	r.regions[label]++
	if n := r.regions[label]; n > 1 {
		label += " (" + strconv.Itoa(n) + ")"
	}
	class := " class=\"" + tableClass(r.tables[t])
	if t.MinLines > 1 {
		class += " write"
	}
	class += "\""
	r.w("<div class=\"table-wrap\" role=\"region\" aria-label=\"", esc(label), "\" tabindex=\"0\">\n<table", class, ">\n<colgroup>")
	for range t.ColumnWidths(r.landscape) {
		r.w("<col>")
	}
	r.w("</colgroup>\n")
	if len(t.Header) > 0 {
		r.w("<thead>\n<tr>")
		for i := range cols {
			if i < len(t.Header) {
				r.w("<th scope=\"col\"", alignAttr(t.Align, i), cellLang(t.Header[i]), ">")
				r.inlines(t.Header[i].Text)
				r.w("</th>")
			} else {
				r.w("<td></td>")
			}
		}
		r.w("</tr>\n</thead>\n")
	}
	r.w("<tbody>\n")
	for _, row := range t.Rows {
		r.w("<tr>")
		for i := range cols {
			tag, lang := "td", ""
			if i < len(row) {
				lang = cellLang(row[i])
			}
			if i == 0 && t.RowHeaders {
				tag = "th"
				r.w("<th scope=\"row\"", alignAttr(t.Align, i), lang, ">")
			} else {
				r.w("<td", alignAttr(t.Align, i), lang, ">")
			}
			if i < len(row) {
				r.inlines(row[i].Text)
			}
			r.w("</", tag, ">")
		}
		r.w("</tr>\n")
	}
	r.w("</tbody>\n</table>\n</div>\n")
}

func alignAttr(as []doc.Align, i int) string {
	if i >= len(as) {
		return ""
	}
	switch as[i] {
	case doc.AlignLeft:
		return " class=\"align-left\""
	case doc.AlignCenter:
		return " class=\"align-center\""
	case doc.AlignRight:
		return " class=\"align-right\""
	}
	return ""
}

// inlines writes runs of text. Neighbouring runs with the same style and link
// are written as one element; runs in another language (doc.Inline's
// Lang) are in a span with its lang, one for neighbours in the same. A
// link whose words change language part-way is one <a> with the spans
// inside it, not one link for each language (a screen reader would
// announce two links to one place).
func (r *renderer) inlines(runs []doc.Inline) {
	for i := 0; i < len(runs); {
		if k := mixedLink(runs, i); k > i {
			href, _ := safeHref(runs[i].Link)
			r.w("<a href=\"", esc(href), "\">")
			unlinked := make([]doc.Inline, k-i)
			for n, in := range runs[i:k] {
				in.Link = ""
				unlinked[n] = in
			}
			r.inlines(unlinked)
			r.w("</a>")
			i = k
			continue
		}
		j := i + 1
		for j < len(runs) && runs[j].Lang == runs[i].Lang && mixedLink(runs, j) == j {
			j++
		}
		if runs[i].Lang == "" {
			r.styled(runs[i:j])
		} else {
			r.w("<span lang=\"", esc(runs[i].Lang), "\">")
			r.styled(runs[i:j])
			r.w("</span>")
		}
		i = j
	}
}

// mixedLink is the end of the link that starts at runs[i] when its runs
// (neighbours with the same live link, no break between) are in more than
// one language; else i.
func mixedLink(runs []doc.Inline, i int) int {
	link := runs[i].Link
	if _, ok := safeHref(link); !ok || runs[i].Break || (i > 0 && runs[i-1].Link == link && !runs[i-1].Break) {
		return i
	}
	k, mixed := i+1, false
	for k < len(runs) && runs[k].Link == link && !runs[k].Break {
		mixed = mixed || runs[k].Lang != runs[i].Lang
		k++
	}
	if !mixed {
		return i
	}
	return k
}

// styled writes runs of text in one language.
func (r *renderer) styled(runs []doc.Inline) {
	for i := 0; i < len(runs); {
		if runs[i].Break {
			r.w("<br>")
			i++
			continue
		}
		j := i
		var text strings.Builder
		for j < len(runs) && !runs[j].Break && runs[j].Style == runs[i].Style && runs[j].Link == runs[i].Link {
			text.WriteString(runs[j].Text)
			j++
		}
		r.run(runs[i].Style, runs[i].Link, text.String())
		i = j
	}
}

func (r *renderer) run(st doc.Style, link, text string) {
	if text == "" {
		return
	}
	href, ok := safeHref(link)
	if ok {
		r.w("<a href=\"", esc(href), "\">")
	}
	if st&doc.Inserted != 0 {
		r.w("<ins>")
	} else if st&doc.Bold != 0 {
		r.w("<strong>")
	}
	if st&doc.Italic != 0 {
		r.w("<em>")
	}
	if st&doc.Code != 0 {
		r.w("<code>")
	}
	r.w(esc(text))
	if st&doc.Code != 0 {
		r.w("</code>")
	}
	if st&doc.Italic != 0 {
		r.w("</em>")
	}
	if st&doc.Inserted != 0 {
		r.w("</ins>")
	} else if st&doc.Bold != 0 {
		r.w("</strong>")
	}
	if ok {
		r.w("</a>")
	}
}

// safeHref reports whether a link may be written as a hyperlink: http, https
// and mailto URLs and in-page fragments ("#section"). Anything else
// (javascript:, data:, relative paths that would break once the file moves)
// is written as plain text.
func safeHref(link string) (string, bool) { return doc.LiveLink(link) }

// embed writes structured data the document carries (such as an advert's
// schema.org JSON-LD) in a script element of its media type. "</" is
// escaped so that the data cannot close the element; JSON reads "<\/" as
// "</".
func (r *renderer) embed(e doc.Embed) {
	mt := strings.TrimSpace(e.MediaType)
	if mt == "" || strings.ContainsAny(mt, "\"<>&") || len(e.Data) == 0 {
		return
	}
	data := strings.ReplaceAll(string(e.Data), "</", "<\\/")
	data = strings.ReplaceAll(data, "<!--", "<\\u0021--")
	r.w("<script type=\"", mt, "\">\n", strings.TrimRight(data, "\n"), "\n</script>\n")
}

// tableClass is the class that carries table n's widths.
func tableClass(n int) string { return "t" + strconv.Itoa(n) }

// tableCSS numbers the tables of blocks (lists' tables too) and returns the
// style rules for their column widths and writing space: the layout the
// tree decided, in the style sheet rather than in style attributes.
func (r *renderer) tableCSS(blocks []doc.Block) string {
	if r.tables == nil {
		r.tables = map[*doc.Table]int{}
	}
	var b strings.Builder
	var walk func([]doc.Block)
	walk = func(bs []doc.Block) {
		for _, bl := range bs {
			switch x := bl.(type) {
			case *doc.Table:
				n := len(r.tables) + 1
				r.tables[x] = n
				widths := x.ColumnWidths(r.landscape)
				for i, f := range widths {
					fmt.Fprintf(&b, "table.%s col:nth-child(%d) { width: %s%%; }\n", tableClass(n), i+1, strconv.FormatFloat(f*100, 'f', 2, 64))
				}
				if em := wordsFitEm(x, widths); em > 0 {
					v := strconv.FormatFloat(em, 'f', 1, 64)
					fmt.Fprintf(&b, "@media screen { table.%s { min-width: %sem; } }\n", tableClass(n), v)
					// A table of two columns (the job details: a label and
					// its value) reads well on a phone at the width its
					// words fit; wider tables keep a width their columns
					// can be read at and scroll in their region.
					if len(widths) > 2 {
						fmt.Fprintf(&b, "@media screen and (max-width: 40rem) { table.%s { min-width: max(44rem, %sem); } }\n", tableClass(n), v)
					}
				}
				if x.MinLines > 1 {
					fmt.Fprintf(&b, "table.%s { --write-lines: %d; }\n", tableClass(n), min(x.MinLines, 20))
				}
				if x.Compact {
					// The compact type of the PDF in print; a little
					// smaller than the text on screen.
					c := tableClass(n)
					fmt.Fprintf(&b, "table.%s { font-size: .875rem; }\n@media print { table.%s { font-size: %spt; line-height: %s; } table.%s th, table.%s td { padding: %smm %smm; } }\n",
						c, c, strconv.FormatFloat(doc.CompactTextSize, 'f', -1, 64), strconv.FormatFloat(doc.CompactLeading, 'f', -1, 64),
						c, c, strconv.FormatFloat(doc.CompactPadYMM, 'f', -1, 64), strconv.FormatFloat(doc.CompactPaddingMM, 'f', -1, 64))
				}
			case *doc.List:
				for _, it := range x.Items {
					walk(it.Blocks)
				}
			case *doc.Lang:
				walk(x.Blocks)
			case *doc.Parallel:
				r.parallel = true
				walk(x.Cells[0].Blocks)
				walk(x.Cells[1].Blocks)
			}
		}
	}
	walk(blocks)
	if r.parallel {
		b.WriteString(parallelCSS)
	}
	return b.String()
}

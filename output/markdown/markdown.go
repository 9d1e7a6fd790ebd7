// Package markdown writes a document tree as clean GitHub-flavoured
// Markdown with YAML front matter, for job boards, wikis and repositories.
// Text is escaped only where a character would otherwise change the
// meaning, so ordinary prose stays readable as plain text.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/doc"
)

// Writer writes documents as Markdown. The zero value is ready to use and is
// safe for concurrent use: all state lives in one call of Write.
type Writer struct{}

// Write renders d as Markdown to out. The same document always gives the
// same bytes.
func (Writer) Write(out io.Writer, d *doc.Document) error {
	if d == nil {
		return errors.New("markdown: nil document")
	}
	if err := d.CheckCharts(); err != nil {
		return fmt.Errorf("markdown: %w", err)
	}
	var b bytes.Buffer
	frontMatter(&b, d)
	var chunks []string
	if len(d.Meta.Languages) == 2 {
		// A bilingual document: one language after the other, each
		// change of language noted.
		lang := strings.TrimSpace(d.Meta.Language)
		chunks = langBlocks(chunks, d.Blocks, lang, &lang)
	} else {
		chunks = blocks(chunks, d.Blocks)
	}
	b.WriteString(strings.Join(chunks, "\n\n"))
	if len(chunks) > 0 {
		b.WriteByte('\n')
	}
	if _, err := out.Write(b.Bytes()); err != nil {
		return fmt.Errorf("markdown: write %q: %w", d.Meta.Title, err)
	}
	return nil
}

// frontMatter writes the YAML front matter: title, author, date, language
// and keywords, each string double-quoted so no value can break the YAML.
func frontMatter(b *bytes.Buffer, d *doc.Document) {
	m := d.Meta
	title := strings.TrimSpace(m.Title)
	if title == "" {
		for _, bl := range d.Blocks {
			if h, ok := bl.(*doc.Heading); ok {
				title = strings.TrimSpace(doc.PlainText(h.Text))
				break
			}
		}
	}
	b.WriteString("---\n")
	b.WriteString("title: " + yamlString(title) + "\n")
	if a := strings.TrimSpace(m.Author); a != "" {
		b.WriteString("author: " + yamlString(a) + "\n")
	}
	if !m.Date.IsZero() {
		b.WriteString("date: " + m.Date.Format("2006-01-02") + "\n")
	}
	if l := strings.TrimSpace(m.Language); l != "" {
		b.WriteString("language: " + yamlString(l) + "\n")
	}
	if s := strings.TrimSpace(m.Subject); s != "" {
		b.WriteString("description: " + yamlString(s) + "\n")
	}
	if len(m.Keywords) > 0 {
		q := make([]string, len(m.Keywords))
		for i, k := range m.Keywords {
			q[i] = yamlString(k)
		}
		b.WriteString("keywords: [" + strings.Join(q, ", ") + "]\n")
	}
	// Markdown has no running footer: the footer text is metadata.
	if f := strings.TrimSpace(m.Footer); f != "" {
		b.WriteString("footer: " + yamlString(f) + "\n")
	}
	b.WriteString("---\n\n")
}

// yamlString quotes s as a YAML double-quoted scalar. Go's quoting uses
// only escapes YAML also understands (\" \\ \n \t \uXXXX …) and leaves
// printable Unicode as it is.
func yamlString(s string) string { return strconv.Quote(strings.ToValidUTF8(s, "\uFFFD")) }

// langBlocks renders bs as blocks does, with the blocks of a Lang or a
// Parallel's cells one after the other (Markdown has no columns) and a
// note where the language changes, in the language's tag: <!-- language:
// cy -->, for the languages of the layout (a Lang inside one, a Welsh
// column's English framework text, has none). Blocks outside any Lang
// are in base, the document's language; cur is the language of what was
// written last.
func langBlocks(chunks []string, bs []doc.Block, base string, cur *string) []string {
	var run []doc.Block
	flush := func() {
		chunks = blocks(chunks, run)
		run = nil
	}
	in := func(tag string, inner []doc.Block) {
		flush()
		if tag = strings.TrimSpace(tag); tag != "" && tag != *cur {
			chunks = append(chunks, "<!-- language: "+strings.ReplaceAll(tag, "-->", "")+" -->")
			*cur = tag
		}
		chunks = blocks(chunks, inner) // a Lang within: no note
	}
	for _, b := range bs {
		switch n := b.(type) {
		case *doc.Lang:
			in(n.Tag, n.Blocks)
		case *doc.Parallel:
			for _, c := range n.Cells {
				in(c.Tag, c.Blocks)
			}
		default:
			if len(run) == 0 && base != "" && base != *cur {
				chunks = append(chunks, "<!-- language: "+strings.ReplaceAll(base, "-->", "")+" -->")
				*cur = base
			}
			run = append(run, b)
		}
	}
	flush()
	return chunks
}

// blocks renders each block to a chunk of lines; chunks are joined by blank
// lines. Two lists in a row would merge into one in Markdown, so the second
// uses the other bullet character (or the other ordered delimiter).
func blocks(chunks []string, bs []doc.Block) []string {
	var prev *doc.List
	alt := false
	for _, b := range bs {
		var s string
		switch n := b.(type) {
		case *doc.Heading:
			s = heading(n)
		case *doc.Paragraph:
			s = inline(n.Text, ctxLineStart)
		case *doc.List:
			if prev != nil && prev.Ordered == n.Ordered {
				alt = !alt
			} else {
				alt = false
			}
			s = list(n, alt)
		case *doc.Table:
			s = table(n)
		case *doc.Rule:
			s = "---"
		case *doc.Chart:
			s = chart(n)
		case *doc.PageBreak:
			continue // no pages in Markdown; writing nothing keeps lists apart as before
		case *doc.Lang:
			// A block in another language (a Welsh document's framework
			// text in English): Markdown has no language mark.
			chunks = blocks(chunks, n.Blocks)
			prev = nil
			continue
		case *doc.Parallel:
			chunks = blocks(chunks, n.Cells[0].Blocks)
			chunks = blocks(chunks, n.Cells[1].Blocks)
			prev = nil
			continue
		}
		if s == "" {
			continue
		}
		prev, _ = b.(*doc.List)
		chunks = append(chunks, s)
	}
	return chunks
}

func heading(h *doc.Heading) string {
	lvl := min(max(h.Level, 1), 6)
	text := inline(h.Text, ctxHeading)
	// A trailing run of # would be read as a closing sequence.
	if strings.HasSuffix(text, "#") && !strings.HasSuffix(text, `\#`) {
		text = text[:len(text)-1] + `\#`
	}
	return strings.TrimRight(strings.Repeat("#", lvl)+" "+text, " ")
}

// list renders a list; nested blocks are indented to the item's content
// column. alt picks "*" instead of "-" (or ")" instead of ".").
func list(l *doc.List, alt bool) string {
	start := l.Start
	if start < 1 {
		start = 1
	}
	var out []string
	for i, it := range l.Items {
		marker := "-"
		if alt {
			marker = "*"
		}
		if l.Ordered {
			d := "."
			if alt {
				d = ")"
			}
			marker = strconv.Itoa(start+i) + d
		}
		body := item(it)
		pad := strings.Repeat(" ", len(marker)+1)
		lines := strings.Split(body, "\n")
		for j, ln := range lines {
			switch {
			case j == 0 && ln == "":
				lines[j] = marker
			case j == 0:
				lines[j] = marker + " " + ln
			case ln != "":
				lines[j] = pad + ln
			}
		}
		out = append(out, strings.Join(lines, "\n"))
	}
	sep := "\n"
	if loose(l) {
		sep = "\n\n"
	}
	return strings.Join(out, sep)
}

// loose reports whether some item of l holds more than a paragraph and its
// nested lists, which Markdown can only express as a loose list.
func loose(l *doc.List) bool {
	for _, it := range l.Items {
		if looseItem(it) {
			return true
		}
	}
	return false
}

// looseItem reports whether an item holds a block other than a nested list
// after its first block.
func looseItem(it doc.ListItem) bool {
	for i, b := range it.Blocks {
		if _, ok := b.(*doc.List); !ok && i > 0 {
			return true
		}
	}
	return false
}

// item renders the blocks of one list item: a paragraph followed directly by
// nested lists stays tight; anything else is separated by blank lines.
func item(it doc.ListItem) string {
	sep := "\n"
	if looseItem(it) || interrupts(it) {
		sep = "\n\n"
	}
	return strings.Join(blocks(nil, it.Blocks), sep)
}

// interrupts reports whether the item nests an ordered list that starts at
// a number other than 1 after its paragraph: CommonMark reads such a list
// as more paragraph text unless a blank line comes first.
func interrupts(it doc.ListItem) bool {
	for i, b := range it.Blocks {
		if l, ok := b.(*doc.List); ok && i > 0 && l.Ordered && l.Start > 1 {
			return true
		}
	}
	return false
}

// table renders a GFM table; cells are single lines with | escaped and hard
// breaks written as <br>.
func table(t *doc.Table) string {
	cols := t.Columns()
	if cols == 0 {
		return ""
	}
	row := func(cells []doc.Cell) string {
		var b strings.Builder
		b.WriteString("|")
		for i := range cols {
			s := ""
			if i < len(cells) {
				s = inline(cells[i].Text, ctxCell)
			}
			if s == "" {
				b.WriteString(" |")
				continue
			}
			b.WriteString(" " + s + " |")
		}
		return b.String()
	}
	lines := []string{row(t.Header)}
	var d strings.Builder
	d.WriteString("|")
	for i := range cols {
		a := doc.AlignDefault
		if i < len(t.Align) {
			a = t.Align[i]
		}
		switch a {
		case doc.AlignLeft:
			d.WriteString(" :--- |")
		case doc.AlignCenter:
			d.WriteString(" :---: |")
		case doc.AlignRight:
			d.WriteString(" ---: |")
		default:
			d.WriteString(" --- |")
		}
	}
	lines = append(lines, d.String())
	for _, r := range t.Rows {
		lines = append(lines, row(r))
	}
	return strings.Join(lines, "\n")
}

// chart writes a chart as text: its title in bold, a table of the values
// named on the chart's scale, and the text alternative.
func chart(c *doc.Chart) string {
	var parts []string
	if s := strings.TrimSpace(c.Title); s != "" {
		parts = append(parts, "**"+inline([]doc.Inline{{Text: s}}, ctxText)+"**")
	}
	if len(c.Bars) > 0 {
		t := &doc.Table{Header: []doc.Cell{cell(c.CategoryName())}}
		for _, s := range c.Series {
			t.Header = append(t.Header, cell(s))
		}
		for _, b := range c.Bars {
			r := []doc.Cell{cell(b.Label)}
			for _, v := range b.Values {
				r = append(r, cell(c.ValueName(v)))
			}
			t.Rows = append(t.Rows, r)
		}
		parts = append(parts, table(t))
	}
	if s := strings.TrimSpace(c.Alt); s != "" {
		parts = append(parts, inline([]doc.Inline{{Text: s}}, ctxLineStart))
	}
	return strings.Join(parts, "\n\n")
}

func cell(s string) doc.Cell { return doc.Cell{Text: []doc.Inline{{Text: s}}} }

// safeURL returns the link target to write, or false when doc.LiveLink
// refuses it (such links are written as plain text). Spaces, parentheses and angle brackets are
// percent-encoded so the destination stays one token.
func safeURL(link string) (string, bool) {
	link, ok := doc.LiveLink(link)
	if !ok {
		return "", false
	}
	return urlEscaper.Replace(link), true
}

// urlEscaper percent-encodes what safeURL encodes; made once.
var urlEscaper = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E")

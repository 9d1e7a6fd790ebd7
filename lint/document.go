package lint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/rolepack/rolepack/doc"
)

// CheckDocument lints a rendered document tree, the tree every writer
// reads: its headings, paragraphs, list items and table cells, each as a
// Text with its place in the document ("Key responsibilities, item 3",
// "Scores, row 2, Criterion and question, line 2"). name is the file the
// findings carry (e.g. "jd.md"); every finding's Place names where in the
// document it is, and its Col the character in that text (Line is 0: a
// tree has no lines). A nil rules means the embedded defaults.
//
// List items under a duties heading ("Key responsibilities", "What you
// will do") or a "you will:" lead are read as duties, and a list item that
// is only a bold label is reported, as the grammar rules describe.
func CheckDocument(name string, d *doc.Document, rules *Rules) []Finding {
	texts := DocumentTexts(d)
	if rules != nil && len(rules.standard) > 0 { // rolepack's own text (WithStandard)
		kept := texts[:0:0]
		for _, t := range texts {
			if !rules.isStandard(t.Text.Text) {
				kept = append(kept, t)
			}
		}
		texts = kept
	}
	if !englishTag(d.Meta.Language) {
		// English rules for English text only (language.go).
		kept := texts[:0:0]
		for _, t := range texts {
			if readsAsEnglish(t.Text.Text) {
				kept = append(kept, t)
			}
		}
		texts = kept
	}
	ts := make([]Text, len(texts))
	for i, t := range texts {
		ts[i] = t.Text
		ts[i].Line = i + 1 // the text's number, to place its findings
		ts[i].Col = 1
	}
	fs := CheckTexts(name, ts, rules)
	for i := range fs {
		if n := fs[i].Line; n > 0 {
			fs[i].Place = texts[n-1].Place
			fs[i].Line = 0
		}
	}
	return fs
}

// PlacedText is one text of a document tree and where it stands.
type PlacedText struct {
	Text
	// Place names the text's place: its section (the headings above it,
	// "Skills and knowledge > Data modelling") and what it is there
	// ("item 3", "paragraph 2", "row 2, Criterion and question"). A hard
	// line break starts a new text, ", line 2".
	Place string
}

// DocumentTexts lists the texts of a document tree in reading order, as
// CheckDocument checks them: headings (as Titles), paragraphs, list items
// (as Items, or Duties under a duties heading) and table cells. Line and
// Col are left 0.
func DocumentTexts(d *doc.Document) []PlacedText {
	w := &treeWalker{}
	w.blocks(d.Blocks, "", false)
	return w.out
}

// treeWalker collects the texts of a document tree.
type treeWalker struct {
	out      []PlacedText
	path     []string // heading texts, by level (index 0: level 1)
	paras    int      // paragraphs since the last heading
	lists    int      // top-level lists since the last heading
	tables   int      // tables since the last heading
	lastPara string   // the text of the paragraph just before, if the block before was one
	duties   bool     // the section is a duties section
}

// dutiesHeading matches a heading whose list items are duties.
var dutiesHeading = regexp.MustCompile(`(?i)^(key |main |your |the role'?s? )?(responsibilities|duties|accountabilities)$|^what you( wi|')ll do$|^in this role,? you will$`)

// dutiesLead matches a paragraph that introduces a list of duties: "In
// this role you will:", "You will be expected to:".
var dutiesLead = regexp.MustCompile(`(?i)\byou will( be expected to| need to)?:$`)

// section is the place of a text in the current section.
func (w *treeWalker) section() string {
	var parts []string
	for _, h := range w.path {
		if h != "" {
			parts = append(parts, h)
		}
	}
	if len(w.path) > 0 && w.path[0] != "" {
		parts = parts[1:] // the document title names the document, not a section
	}
	return strings.Join(parts, " > ")
}

// at joins the section and what the text is there.
func (w *treeWalker) at(what string) string {
	if s := w.section(); s != "" {
		return s + ", " + what
	}
	return what
}

// add adds the lines of runs (split at hard breaks) as texts at place.
func (w *treeWalker) add(runs []doc.Inline, kind Kind, place string) {
	lines := splitRuns(runs)
	for i, line := range lines {
		p := place
		if len(lines) > 1 {
			p = fmt.Sprintf("%s, line %d", place, i+1)
		}
		k := kind
		if i > 0 && k == Duty {
			k = Item // the lines after the first continue the duty
		}
		lead := 0
		if i == 0 {
			lead = runInLabel(line)
		}
		w.out = append(w.out, PlacedText{Text: Text{Kind: k, Text: doc.PlainText(line), Label: labelOnly(line), Lead: lead}, Place: p})
	}
}

// blank reports whether runs have no text but white space.
func blank(runs []doc.Inline) bool {
	for _, r := range runs {
		if !r.Break && strings.TrimSpace(r.Text) != "" {
			return false
		}
	}
	return true
}

// splitRuns cuts runs at hard line breaks, dropping empty lines.
func splitRuns(runs []doc.Inline) [][]doc.Inline {
	var out [][]doc.Inline
	start := 0
	for i := 0; i <= len(runs); i++ {
		if i == len(runs) || runs[i].Break {
			if line := runs[start:i]; !blank(line) || (len(out) == 0 && i == len(runs)) {
				out = append(out, line)
			}
			start = i + 1
		}
	}
	return out
}

// runInLabel returns the length in characters of the bold label runs
// start with, its colon included ("**Data modelling:** produce …" gives
// 16), when text follows it; 0 when they start with no bold label ending
// in a colon.
func runInLabel(runs []doc.Inline) int {
	n := 0
	for i, r := range runs {
		if r.Break {
			return 0
		}
		if r.Style&doc.Bold == 0 {
			if strings.TrimSpace(doc.PlainText(runs[:i])) == "" {
				return 0
			}
			label := strings.TrimRight(doc.PlainText(runs[:i]), " ")
			if strings.HasSuffix(label, ":") {
				return n
			}
			if rest := strings.TrimLeft(r.Text, " "); strings.HasPrefix(rest, ":") && strings.TrimSpace(rest[1:]) != "" {
				return n + len([]rune(r.Text)) - len([]rune(rest)) + 1 // "**Label**: text"
			}
			return 0
		}
		n += len([]rune(r.Text))
	}
	return 0 // bold to the end: a label alone, or a bold sentence
}

// labelOnly reports whether runs are a bold label and nothing else
// ("**Service focus**", "**Service focus:**"): a point whose text is
// missing.
func labelOnly(runs []doc.Inline) bool {
	bold := false
	for _, r := range runs {
		if strings.TrimSpace(r.Text) == "" {
			continue
		}
		if r.Style&doc.Bold == 0 {
			return false
		}
		bold = true
	}
	return bold
}

func (w *treeWalker) blocks(blocks []doc.Block, item string, inDuties bool) {
	for _, b := range blocks {
		para := ""
		switch b := b.(type) {
		case *doc.Heading:
			lvl := max(b.Level, 1)
			text := strings.TrimSpace(doc.PlainText(b.Text))
			for len(w.path) < lvl {
				w.path = append(w.path, "")
			}
			w.path = append(w.path[:lvl-1], text)
			w.paras, w.lists, w.tables = 0, 0, 0
			w.duties = dutiesHeading.MatchString(strings.TrimSpace(strings.TrimRight(text, ":")))
			place := w.at("heading")
			if lvl == 1 {
				place = "title"
			}
			w.out = append(w.out, PlacedText{Text: Text{Kind: Title, Text: text}, Place: place})
		case *doc.Paragraph:
			text := strings.TrimSpace(doc.PlainText(b.Text))
			if item != "" {
				kind := Item
				if inDuties {
					kind = Duty
				}
				w.add(b.Text, kind, item)
			} else {
				w.paras++
				w.add(b.Text, Prose, w.at(fmt.Sprintf("paragraph %d", w.paras)))
			}
			para = text
		case *doc.List:
			duties := inDuties
			if item == "" {
				w.lists++
				duties = w.duties || dutiesLead.MatchString(w.lastPara)
			}
			for i, it := range b.Items {
				n := i + b.Start
				if !b.Ordered || b.Start == 0 {
					n = i + 1
				}
				var place string
				if item != "" {
					place = fmt.Sprintf("%s.%d", item, n)
				} else {
					place = w.at(fmt.Sprintf("item %d", n))
					if w.lists > 1 {
						place = w.at(fmt.Sprintf("list %d, item %d", w.lists, n))
					}
				}
				if len(it.Blocks) == 0 {
					w.out = append(w.out, PlacedText{Text: Text{Kind: Item}, Place: place})
					continue
				}
				w.blocks(it.Blocks, place, duties)
			}
		case *doc.Table:
			w.tables++
			w.table(b)
		case *doc.Lang:
			w.blocks(b.Blocks, item, inDuties)
		case *doc.Parallel:
			for _, c := range b.Cells {
				w.blocks(c.Blocks, item, inDuties)
			}
		}
		if item == "" {
			w.lastPara = para
		}
	}
}

// table adds a table's cells, each named by its row and its column's
// header (or number), or, in a key–value table, by its row's header.
func (w *treeWalker) table(t *doc.Table) {
	name := ""
	if w.tables > 1 {
		name = fmt.Sprintf("table %d, ", w.tables)
	}
	column := func(c int) string {
		if c < len(t.Header) {
			if h := strings.TrimSpace(doc.PlainText(t.Header[c].Text)); h != "" {
				return h
			}
		}
		return fmt.Sprintf("column %d", c+1)
	}
	for c, cell := range t.Header {
		w.add(cell.Text, Prose, w.at(fmt.Sprintf("%sheader, %s", name, column(c))))
	}
	for r, row := range t.Rows {
		for c, cell := range row {
			var place string
			place = fmt.Sprintf("%srow %d, %s", name, r+1, column(c))
			if key := strings.TrimSpace(doc.PlainText(row[0].Text)); t.RowHeaders && key != "" {
				place = name + key // a key–value table: the row's key names both cells
			}
			if strings.TrimSpace(doc.PlainText(cell.Text)) == "" {
				continue // a blank to fill in
			}
			w.add(cell.Text, Prose, w.at(place))
		}
	}
}

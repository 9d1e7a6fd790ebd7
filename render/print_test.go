package render_test

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

var (
	docxTable = regexp.MustCompile(`<w:tblGrid>(.*?)</w:tblGrid>`)
	docxCol   = regexp.MustCompile(`<w:gridCol w:w="(\d+)"/>`)
	htmlTable = regexp.MustCompile(`<table class="(t\d+)`)
)

// TestColumnWidthsAgree checks that the DOCX grid and the HTML colgroup of
// every table of every kind have the relative widths the tree decided (the
// PDF draws the same fractions of its text width), and that the scoring
// sheet's evidence column is at least 40% of the table.
func TestColumnWidthsAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("long single-goroutine test: make test runs it without -race; the race pass uses -short")
	}
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	formats, err := output.NewFormats()
	if err != nil {
		t.Fatal(err)
	}
	ctx := defaultContext(t, nil)
	for _, k := range render.Kinds {
		g := generate(t, e, formats, ctx, k)
		var tables []*doc.Table
		var htmlAt []int // index of each table's colgroup in the HTML, whose charts add a data table
		charts := 0
		for _, b := range g.tree.Blocks {
			switch b := b.(type) {
			case *doc.Table:
				if b.Columns() > 0 {
					tables = append(tables, b)
					htmlAt = append(htmlAt, len(tables)-1+charts)
				}
			case *doc.Chart:
				charts++
			}
		}
		grids := docxTable.FindAllStringSubmatch(g.rawDocx, -1)
		groups := htmlTable.FindAllStringSubmatch(g.rawHTML, -1)
		if len(grids) != len(tables) || len(groups) != len(tables)+charts {
			t.Fatalf("%s: %d tables and %d charts in the tree, %d DOCX grids, %d HTML colgroups", k.ID, len(tables), charts, len(grids), len(groups))
		}
		evidence := false
		for i, tb := range tables {
			docx := fractions(docxCol.FindAllStringSubmatch(grids[i][1], -1))
			html := fractions(htmlWidths(g.rawHTML, groups[htmlAt[i]][1]))
			if len(docx) != len(tb.Widths) || len(html) != len(tb.Widths) {
				t.Fatalf("%s table %d: %d columns in the tree, %d in the DOCX grid, %d in the HTML", k.ID, i+1, len(tb.Widths), len(docx), len(html))
			}
			for c, want := range tb.Widths {
				if math.Abs(docx[c]-want) > 0.002 || math.Abs(html[c]-want) > 0.002 {
					t.Errorf("%s table %d column %d: tree %.4f, DOCX %.4f, HTML %.4f", k.ID, i+1, c+1, want, docx[c], html[c])
				}
			}
			for c, h := range tb.Header {
				if strings.HasPrefix(doc.PlainText(h.Text), "Evidence and notes") {
					evidence = true
					if docx[c] < 0.40 {
						t.Errorf("%s table %d: evidence column is %.0f%% of the DOCX grid, want at least 40%%", k.ID, i+1, docx[c]*100)
					}
				}
			}
		}
		if k.ID == "scoring" && !evidence {
			t.Error("scoring: no Evidence and notes column")
		}
	}
}

// htmlWidths returns the column widths the HTML's style sheet gives the
// table of class cls, as matches for fractions.
func htmlWidths(page, cls string) [][]string {
	re := regexp.MustCompile(`table\.` + cls + ` col:nth-child\(\d+\) \{ width: ([0-9.]+)%; \}`)
	return re.FindAllStringSubmatch(page, -1)
}

// fractions turns matched widths into fractions of their sum.
func fractions(m [][]string) []float64 {
	var ws []float64
	sum := 0.0
	for _, s := range m {
		v, _ := strconv.ParseFloat(s[1], 64)
		ws = append(ws, v)
		sum += v
	}
	for i := range ws {
		ws[i] /= sum
	}
	return ws
}

// TestCompactTableOnNarrowPage: the compact attribute and narrow margins
// reach the tree, and a compact table is set smaller and never kept whole.
func TestCompactTableOnNarrowPage(t *testing.T) {
	d, err := render.NewMarkdown().Parse("t.md", []byte("---\nlandscape: true\nmargins: narrow\n---\n# T\n\n<!-- table compact -->\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n| c | d |\n| --- | --- |\n| 3 | 4 |\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !d.Meta.NarrowMargins || !d.Meta.Landscape {
		t.Errorf("meta %+v: want landscape with narrow margins", d.Meta)
	}
	compact, plain := d.Blocks[1].(*doc.Table), d.Blocks[2].(*doc.Table)
	if !compact.Compact || plain.Compact {
		t.Fatalf("compact %v, plain %v: want only the first table compact", compact.Compact, plain.Compact)
	}
	if compact.TextSize() != doc.CompactTextSize || plain.TextSize() != doc.TableTextSize || compact.LineMM() >= plain.LineMM() {
		t.Errorf("compact type %v pt (%v mm lines), plain %v pt (%v mm)", compact.TextSize(), compact.LineMM(), plain.TextSize(), plain.LineMM())
	}
	if compact.KeepWhole(true) || !plain.KeepWhole(true) {
		t.Errorf("KeepWhole: compact %v, plain %v; want a compact table free to break", compact.KeepWhole(true), plain.KeepWhole(true))
	}
}

func TestTableAttributes(t *testing.T) {
	md := render.NewMarkdown()
	d, err := md.Parse("t.md", []byte("# T\n\n<!-- table widths=1,3 keys lines=4 -->\n| Name | Jane |\n| --- | --- |\n| Band | 8c |\n\n<!-- keep -->\n## End\n\nLast words.\n"))
	if err != nil {
		t.Fatal(err)
	}
	tb := d.Blocks[1].(*doc.Table)
	if !tb.RowHeaders || tb.Header != nil || len(tb.Rows) != 2 || tb.MinLines != 4 || len(tb.Widths) != 2 || tb.Widths[1] < 0.6 {
		t.Errorf("table = %+v, want a key-value table of two rows, 4 lines high, second column widest", tb)
	}
	if len(d.Keeps) != 1 || d.Keeps[0] != (doc.Span{From: 2, To: 4}) {
		t.Errorf("Keeps = %v, want [{2 4}]", d.Keeps)
	}
	if d.Meta.Title != "T" || d.Meta.Description != "T" {
		t.Errorf("title %q, description %q", d.Meta.Title, d.Meta.Description)
	}
	for src, want := range map[string]string{
		"<!-- table widths=1,2,3 -->\n| a | b |\n| --- | --- |\n": "t.md:1: table widths gives 3 widths for 2 columns",
		"<!-- table wide -->\n| a | b |\n| --- | --- |\n":         `t.md:1: unknown table attribute "wide"`,
		"text\n\n<!-- table keys -->\n\nA paragraph.\n":           "t.md:3: table attributes with no table after them",
		"<!-- table widths=1,-2 -->\n| a | b |\n| --- | --- |\n":  "t.md:1: table widths=1,-2: each width must be a positive number",
		"<!-- /keep -->\n":               "t.md:1: <!-- /keep --> with no <!-- keep --> before it",
		"---\nmargins: wide\n---\n# T\n": `t.md: front matter: margins: "wide": want narrow, or leave it out`,
	} {
		if _, err := md.Parse("t.md", []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want %q", src, err, want)
		}
	}
}

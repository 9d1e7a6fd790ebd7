package render

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

func TestMarkdownBecomesTheDocumentTree(t *testing.T) {
	src := "---\ntitle: \"JD: Data engineer\"\nlandscape: true\nheaderLeft: Data engineer\n---\n" +
		"# Data engineer\n\nA **bold** and *italic* `code` [link](https://example.org) line.\n\n" +
		"## Skills\n\n- one\n- two\n  1. nested\n\n3. third\n4. fourth\n\n" +
		"| Skill | Level |\n| --- | :---: |\n| Data modelling | Senior<br>Lead |\n\n" +
		"<!-- pagebreak -->\n\n---\n\n## Skills\n\n```chart\ntitle: Gap\nalt: Two groups\nscale: [None, Mid, Senior]\nseries: [Current, Target]\nbars:\n  - label: Infra\n    values: [1, 2]\n```\n"
	d, err := NewMarkdown().Parse("t.md.tmpl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if d.Meta.Title != "JD: Data engineer" || !d.Meta.Landscape || d.Meta.HeaderLeft != "Data engineer" {
		t.Errorf("meta %+v", d.Meta)
	}
	var kinds []string
	for _, b := range d.Blocks {
		kinds = append(kinds, reflect.TypeOf(b).Elem().Name())
	}
	want := []string{"Heading", "Paragraph", "Heading", "List", "List", "Table", "PageBreak", "Rule", "Heading", "Chart"}
	if !reflect.DeepEqual(kinds, want) {
		t.Fatalf("blocks %v, want %v", kinds, want)
	}
	p := d.Blocks[1].(*doc.Paragraph)
	wantRuns := []doc.Inline{{Text: "A "}, {Text: "bold", Style: doc.Bold}, {Text: " and "}, {Text: "italic", Style: doc.Italic},
		{Text: " "}, {Text: "code", Style: doc.Code}, {Text: " "}, {Text: "link", Link: "https://example.org"}, {Text: " line."}}
	if !reflect.DeepEqual(p.Text, wantRuns) {
		t.Errorf("runs %+v", p.Text)
	}
	l := d.Blocks[3].(*doc.List)
	if l.Ordered || len(l.Items) != 2 || len(l.Items[1].Blocks) != 2 {
		t.Errorf("bullet list %+v", l)
	}
	if nested := l.Items[1].Blocks[1].(*doc.List); !nested.Ordered || nested.Start != 1 {
		t.Errorf("nested list %+v", nested)
	}
	if ol := d.Blocks[4].(*doc.List); !ol.Ordered || ol.Start != 3 {
		t.Errorf("ordered list must keep its start: %+v", ol)
	}
	tb := d.Blocks[5].(*doc.Table)
	if len(tb.Header) != 2 || len(tb.Rows) != 1 || tb.Align[1] != doc.AlignCenter {
		t.Errorf("table %+v", tb)
	}
	if cell := tb.Rows[0][1].Text; len(cell) != 3 || !cell[1].Break {
		t.Errorf("<br> in a cell must be a line break: %+v", cell)
	}
	if h1, h2 := d.Blocks[2].(*doc.Heading), d.Blocks[8].(*doc.Heading); h1.ID != "skills" || h2.ID != "skills-2" {
		t.Errorf("heading ids %q %q must be unique", h1.ID, h2.ID)
	}
	c := d.Blocks[9].(*doc.Chart)
	if c.Alt != "Two groups" || len(c.Bars) != 1 || c.Bars[0].Values[1] != 2 {
		t.Errorf("chart %+v", c)
	}
}

func TestMarkdownErrorsNameTheTemplateAndLine(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"---\ntitle: x\n", "t.md.tmpl:1: front matter opened with --- is not closed"},
		{"---\ntitel: x\n---\n", `t.md.tmpl:2: front matter: unknown key "titel"`},
		{"# A\n\n```chart\nalt: a\nseriez: [x]\n```\n", `t.md.tmpl:5: chart: unknown key "seriez"`},
		{"# A\n\n```chart\ntitle: x\n```\n", "t.md.tmpl:4: chart has no alt text"},
		// Issue 14: these values panicked in the DOCX writer.
		{"```chart\nalt: a\nseries: [x]\nbars: [{label: b, values: [.nan]}]\n```\n", `t.md.tmpl:2: chart "": bar "b" has the value NaN; values must be numbers from 0 to 1000`},
		{"```chart\nalt: a\nseries: [x]\nbars: [{label: b, values: [.inf]}]\n```\n", `t.md.tmpl:2: chart "": bar "b" has the value +Inf`},
		{"```chart\nalt: a\nseries: [x]\nbars: [{label: b, values: [1e308]}]\n```\n", `t.md.tmpl:2: chart "": bar "b" has the value 1e+308`},
		{"```chart\nalt: a\nseries: [x]\nbars: [{label: b, values: [-1]}]\n```\n", `t.md.tmpl:2: chart "": bar "b" has the value -1`},
		{"```chart\nalt: a\nseries: [x]\nbars: [" + strings.Repeat("{label: b, values: [1]},", 501) + "]\n```\n", `t.md.tmpl:2: chart "" has 501 bars; the limit is 500`},
	} {
		_, err := NewMarkdown().Parse("t.md.tmpl", []byte(tc.src))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want prefix %q", tc.src, err, tc.want)
		}
	}
}

// TestEscapedTextSurvivesParsing checks that framework text with Markdown
// characters comes through the template → Markdown → tree path unchanged.
func TestEscapedTextSurvivesParsing(t *testing.T) {
	for _, s := range []string{
		"Use *args and **kwargs_in_python",
		"1. Not a list",
		"# not a heading",
		"- not a bullet",
		"<script>alert(1)</script> & &amp; [x](y) `tick` a|b ~strike~ \\back",
		"organisation’s “quoted” – é ŵ £ (e.g., )",
	} {
		d, err := NewMarkdown().Parse("t", []byte(EscapeMarkdown(s)+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Blocks) != 1 {
			t.Fatalf("%q became %d blocks", s, len(d.Blocks))
		}
		p, ok := d.Blocks[0].(*doc.Paragraph)
		if !ok || len(p.Text) != 1 || p.Text[0].Text != s || p.Text[0].Style != 0 {
			t.Errorf("%q came back as %#v", s, d.Blocks[0])
		}
	}
}

package html

import (
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/rolepack/rolepack/doc"
)

func bilingual(t *testing.T, layout string) *doc.Document {
	t.Helper()
	mk := func(lang, details, duty string) *doc.Document {
		return &doc.Document{Meta: doc.Meta{Title: "Data engineer", Language: lang}, Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: txt("Data engineer")},
			&doc.Heading{Level: 2, Text: txt(details)},
			&doc.List{Items: []doc.ListItem{{Blocks: []doc.Block{&doc.Paragraph{Text: txt(duty)}}}}},
		}}
	}
	d, err := doc.Bilingual(mk("cy", "Manylion y swydd", "Arwain y tîm"), mk("en-GB", "Job details", "Lead the team"), layout)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Each block of a bilingual page is in an element whose lang says its
// language, so a screen reader reads the Welsh in a Welsh voice; columns
// are a grid of two that stacks on a narrow screen; one language's page
// carries no grid style.
func TestBilingualLangAttributes(t *testing.T) {
	for _, layout := range doc.Layouts {
		page := render(t, bilingual(t, layout))
		root, err := xhtml.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		langOf := func(n *xhtml.Node) string {
			for ; n != nil; n = n.Parent {
				if v, ok := attr(n, "lang"); ok {
					return v
				}
			}
			return ""
		}
		for tag, want := range map[string]map[string]string{
			"h2": {"Manylion y swydd": "cy", "Job details": "en-GB"},
			"li": {"Arwain y tîm": "cy", "Lead the team": "en-GB"},
		} {
			for _, n := range find(root, tag) {
				text := strings.TrimSpace(textOf(n))
				if l := langOf(n); l != want[text] {
					t.Errorf("%s: <%s>%s</%s> in lang %q, want %q", layout, tag, text, tag, l, want[text])
				}
			}
		}
		grid := strings.Contains(page, `<div class="parallel">`)
		if grid != (layout == doc.LayoutColumns) || strings.Contains(page, "grid-template-columns") != grid {
			t.Errorf("%s: parallel columns %v", layout, grid)
		}
		if grid && !strings.Contains(page, "@media screen and (max-width: 50rem) { .parallel { grid-template-columns: minmax(0, 1fr); } }") {
			t.Errorf("columns do not stack on a narrow screen")
		}
	}
}

func textOf(n *xhtml.Node) string {
	var b strings.Builder
	walk(n, func(c *xhtml.Node) {
		if c.Type == xhtml.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// mixedList is a Welsh page with a list of a Welsh item and an English
// one, tagged as pack tags it.
func mixedList() *doc.Document {
	item := func(s string) doc.ListItem { return doc.ListItem{Blocks: []doc.Block{&doc.Paragraph{Text: txt(s)}}} }
	d := &doc.Document{Meta: doc.Meta{Title: "Cynllun", Language: "cy"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: txt("Cynllun")},
		&doc.List{Items: []doc.ListItem{item("Catalog data"), item("The data visualisation")}},
	}}
	d.MarkLanguage("en-GB", func(s string) bool { return strings.HasPrefix(s, "The ") })
	return d
}

// A list of Welsh and English items says each English item's language on
// its li; the Welsh ones are in the page's.
func TestListItemLang(t *testing.T) {
	root, err := xhtml.Parse(strings.NewReader(render(t, mixedList())))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "li" && n.FirstChild != nil {
			lang := "-"
			for _, a := range n.Attr {
				if a.Key == "lang" {
					lang = a.Val
				}
			}
			got[n.FirstChild.Data] = lang
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if got["Catalog data"] != "-" || got["The data visualisation"] != "en-GB" {
		t.Errorf("li languages %v, want the English item alone tagged en-GB", got)
	}
}

// A table of Welsh and English cells in a Welsh document says each
// English cell's language on its td or th; the Welsh ones are in the
// page's (WCAG 3.1.2, language of parts).
func TestTableCellLang(t *testing.T) {
	cell := func(s string) doc.Cell { return doc.Cell{Text: txt(s)} }
	d := &doc.Document{Meta: doc.Meta{Title: "Map gyrfa", Language: "cy"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: txt("Map gyrfa")},
		&doc.Table{Header: []doc.Cell{cell("Sgil"), cell("The level")}, RowHeaders: true, Rows: [][]doc.Cell{
			{cell("The data catalogue"), cell("Catalog data")},
			{cell("Modelu data"), cell("The data visualisation")},
		}},
	}}
	d.MarkLanguage("en-GB", func(s string) bool { return strings.HasPrefix(s, "The ") })
	root, err := xhtml.Parse(strings.NewReader(render(t, d)))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && (n.Data == "td" || n.Data == "th") && n.FirstChild != nil {
			lang := "-"
			for _, a := range n.Attr {
				if a.Key == "lang" {
					lang = a.Val
				}
			}
			got[n.FirstChild.Data] = lang
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	want := map[string]string{"Sgil": "-", "The level": "en-GB", "The data catalogue": "en-GB", "Catalog data": "-", "Modelu data": "-", "The data visualisation": "en-GB"}
	for text, lang := range want {
		if got[text] != lang {
			t.Errorf("cell %q: lang %q, want %q (all: %v)", text, got[text], lang, got)
		}
	}
}

// A run in another language than the text around it (doc.Inline's
// Lang) is in a span with its lang, its style inside; the words around
// it are in the page's language.
func TestRunLang(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Cynllun", Language: "cy"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: txt("Cynllun")},
		&doc.Paragraph{Text: []doc.Inline{{Text: "Fel nawr: "}, {Text: "Delivering outcomes", Lang: "en-GB"}, {Text: ", "}, {Text: "Data", Lang: "en-GB", Style: doc.Bold}, {Text: " and more", Lang: "en-GB", Style: doc.Bold}, {Text: "."}}},
	}}
	got := render(t, d)
	want := `<p>Fel nawr: <span lang="en-GB">Delivering outcomes</span>, <span lang="en-GB"><strong>Data and more</strong></span>.</p>`
	if !strings.Contains(got, want) {
		t.Errorf("want %s in:\n%s", want, got)
	}
}

// A link whose words change language part-way (an English name inside a
// Welsh link) is one link, the English words a span inside it; a link
// inside an English run stays inside its span.
func TestLinkAcrossLanguagesIsOneLink(t *testing.T) {
	const href = "https://example.org/swyddi"
	d := &doc.Document{Meta: doc.Meta{Title: "Hysbyseb", Language: "cy"}, Blocks: []doc.Block{
		&doc.Paragraph{Text: []doc.Inline{{Text: "Gwnewch gais ar "}, {Text: "wefan ", Link: href}, {Text: "Civil Service Jobs", Link: href, Lang: "en-GB"}, {Text: "."}}},
		&doc.Paragraph{Text: []doc.Inline{{Text: "Gweler "}, {Text: "the ", Lang: "en-GB"}, {Text: "Civil Service Jobs", Link: href, Lang: "en-GB"}, {Text: " site", Lang: "en-GB"}, {Text: "."}}},
	}}
	got := render(t, d)
	for _, want := range []string{
		`<p>Gwnewch gais ar <a href="https://example.org/swyddi">wefan <span lang="en-GB">Civil Service Jobs</span></a>.</p>`,
		`<p>Gweler <span lang="en-GB">the <a href="https://example.org/swyddi">Civil Service Jobs</a> site</span>.</p>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %s in:\n%s", want, got)
		}
	}
}

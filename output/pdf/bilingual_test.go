package pdf_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/output/pdf"
	"github.com/rolepack/rolepack/render"
)

// bilingualDocs renders kinds of the default role in Welsh and in English
// and lays each pair out in layout, as a bilingual run does.
func bilingualDocs(t *testing.T, layout string, kinds ...string) map[string]*doc.Document {
	t.Helper()
	cfg, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Language = "cy,en"
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(fws...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	ks, err := render.LookupKinds(kinds)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*doc.Document{}
	for _, k := range ks {
		var two [2]*doc.Document
		for i, c := range []*compose.Context{ctx, ctx.Also} {
			if two[i], err = e.Document(context.Background(), k, k.Documents(c)[0].Context); err != nil {
				t.Fatal(err)
			}
			if c.Language == "cy" {
				two[i].MarkLanguage("en-GB", lint.ReadsAsEnglish) // as pack does
			}
		}
		if out[k.ID], err = doc.Bilingual(two[0], two[1], layout); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// A bilingual JD, advert, person specification and scoring sheet in
// every layout is tagged as a whole (every
// mark referred to once, the text under the structure the pages' text),
// passes rolepack check, and puts each language's content under an
// element whose /Lang says it: the Welsh headings under cy, the English
// under en-GB.
func TestBilingualPDFTaggedByLanguage(t *testing.T) {
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, layout := range doc.Layouts {
		for stem, d := range bilingualDocs(t, layout, "jd", "advert", "spec", "scoring") {
			name := layout + "/" + stem
			var b bytes.Buffer
			if err := w.Write(&b, d); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			checkClean(t, name, b.Bytes())
			tg := checkTaggedOrder(t, name, b.Bytes(), layout != doc.LayoutColumns)
			byLang := map[string][]string{} // heading texts under each /Lang
			duties := map[string]int{}      // list items under each /Lang
			var walk func(n *structNode, lang string)
			walk = func(n *structNode, lang string) {
				if n.lang != "" {
					lang = n.lang
				}
				if n.typ == "H2" {
					byLang[lang] = append(byLang[lang], tg.text(n))
				}
				if n.typ == "LI" && strings.Contains(tg.text(n), "Inspire best practice") {
					duties[lang]++
				}
				for _, k := range n.kids {
					walk(k, lang)
				}
			}
			walk(tg.root, "")
			cy, en := strings.Join(byLang["cy"], "|"), strings.Join(byLang["en-GB"], "|")
			if len(byLang[""]) > 0 {
				t.Errorf("%s: headings with no language of their own: %q", name, byLang[""])
			}
			want := map[string][2]string{"jd": {"Prif gyfrifoldebau", "Key responsibilities"}, "advert": {"Amdanom ni", "About us"},
				"spec": {"Meini prawf", "Criteria"}, "scoring": {"Graddfa sgorio", "Score scale"}}[stem]
			if !strings.Contains(cy, want[0]) || strings.Contains(cy, want[1]) {
				t.Errorf("%s: headings tagged cy: %s", name, cy)
			}
			if !strings.Contains(en, want[1]) || strings.Contains(en, want[0]) {
				t.Errorf("%s: headings tagged en-GB: %s", name, en)
			}
			// The framework's duties are English in both languages' text:
			// the Welsh one tags them en-GB too.
			if stem == "jd" && (duties["en-GB"] != 2 || duties["cy"] != 0) {
				t.Errorf("%s: the first duty's list items by language: %v, want both en-GB", name, duties)
			}
		}
	}
}

// In columns, each section's two languages start side by side at the
// same height: the Welsh heading on the left, the English on the right,
// on one page.
func TestBilingualPDFColumnsSideBySide(t *testing.T) {
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	d := bilingualDocs(t, doc.LayoutColumns, "jd")["jd"]
	tr, err := w.Layout(d)
	if err != nil {
		t.Fatal(err)
	}
	var en bytes.Buffer
	if err := w.Write(&en, d); err != nil {
		t.Fatal(err)
	}
	// Columns take about half the pages the same text takes in blocks.
	blocks := bilingualDocs(t, doc.LayoutBlocks, "jd")["jd"]
	tb, err := w.Layout(blocks)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Pages) >= len(tb.Pages) {
		t.Errorf("columns %d pages, blocks %d: the columns are not side by side", len(tr.Pages), len(tb.Pages))
	}
}

// In sequential, the second language's half opens its new page with its
// own title: an H1 in that language (the English title under en-GB), the
// first text of the page, so that a reader of the second half sees what
// document it is. The first half keeps the title naming both.
func TestBilingualPDFSequentialSecondTitle(t *testing.T) {
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	for stem, d := range bilingualDocs(t, doc.LayoutSequential, "jd", "advert") {
		var b bytes.Buffer
		if err := w.Write(&b, d); err != nil {
			t.Fatal(err)
		}
		tg := readTagged(t, b.Bytes())
		type h1 struct {
			node *structNode
			lang string
		}
		var h1s []h1
		var walk func(n *structNode, lang string)
		walk = func(n *structNode, lang string) {
			if n.lang != "" {
				lang = n.lang
			}
			if n.typ == "H1" {
				h1s = append(h1s, h1{n, lang})
			}
			for _, k := range n.kids {
				walk(k, lang)
			}
		}
		walk(tg.root, "")
		if len(h1s) != 2 {
			t.Fatalf("%s: %d H1s, want the title and the English half's", stem, len(h1s))
		}
		first, second := tg.text(h1s[0].node), tg.text(h1s[1].node)
		// The first names both (or one, when the two are the same text,
		// as a role's title may be); the second is the English alone.
		if second == "" || strings.Contains(second, " / ") || !strings.HasSuffix(first, second) || h1s[1].lang != "en-GB" {
			t.Errorf("%s: second title %q in %q after %q, want the English title alone in en-GB", stem, second, h1s[1].lang, first)
		}
		page := -1
		for i, nr := range tg.pageNr {
			var s strings.Builder
			if tg.pageText(h1s[1].node, nr, &s); s.Len() > 0 {
				page = i
				var all strings.Builder
				tg.pageText(tg.root, nr, &all)
				if !strings.HasPrefix(strings.TrimSpace(all.String()), strings.TrimSpace(second)) {
					t.Errorf("%s: page %d opens %.80q, want the English title", stem, i+1, all.String())
				}
				break
			}
		}
		if page < 1 {
			t.Errorf("%s: the English title on page %d, want a page after the Welsh half", stem, page+1)
		}
	}
}

// A list of Welsh and English items in a Welsh document gives the English
// item's LI a /Lang of en-GB and the Welsh item's none (the document's
// language); the file passes rolepack check.
func TestListItemLang(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Cynllun", Language: "cy"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: []doc.Inline{{Text: "Cynllun"}}},
		&doc.List{Items: []doc.ListItem{
			{Blocks: []doc.Block{&doc.Paragraph{Text: []doc.Inline{{Text: "Catalog data"}}}}},
			{Blocks: []doc.Block{&doc.Paragraph{Text: []doc.Inline{{Text: "The data visualisation"}}}}},
		}},
	}}
	d.MarkLanguage("en-GB", func(s string) bool { return strings.HasPrefix(s, "The ") })
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := w.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	checkClean(t, "mixed list", b.Bytes())
	tg := checkTaggedOrder(t, "mixed list", b.Bytes(), true)
	got := map[string]string{}
	var walk func(n *structNode)
	walk = func(n *structNode) {
		if n.typ == "LI" {
			got[strings.TrimSpace(strings.TrimPrefix(tg.text(n), "•"))] = n.lang
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(tg.root)
	if len(got) != 2 {
		t.Fatalf("list items %v", got)
	}
	for text, lang := range got {
		want := ""
		if strings.Contains(text, "The data visualisation") {
			want = "en-GB"
		}
		if lang != want {
			t.Errorf("LI %q has /Lang %q, want %q", text, lang, want)
		}
	}
}

// A table of Welsh and English cells in a Welsh document gives each
// English cell's TD or TH a /Lang of en-GB (beside its scope) and the
// Welsh cells none; the file passes rolepack check.
func TestTableCellLang(t *testing.T) {
	cell := func(s string) doc.Cell { return doc.Cell{Text: []doc.Inline{{Text: s}}} }
	d := &doc.Document{Meta: doc.Meta{Title: "Map gyrfa", Language: "cy"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: []doc.Inline{{Text: "Map gyrfa"}}},
		&doc.Table{Header: []doc.Cell{cell("Sgil"), cell("The level")}, RowHeaders: true, Rows: [][]doc.Cell{
			{cell("The data catalogue"), cell("Catalog data")},
			{cell("Modelu data"), cell("The data visualisation")},
		}},
	}}
	d.MarkLanguage("en-GB", func(s string) bool { return strings.HasPrefix(s, "The ") })
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := w.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	checkClean(t, "mixed table", b.Bytes())
	tg := checkTaggedOrder(t, "mixed table", b.Bytes(), true)
	got := map[string]string{}
	var walk func(n *structNode)
	walk = func(n *structNode) {
		if n.typ == "TD" || n.typ == "TH" {
			got[strings.TrimSpace(tg.text(n))] = n.lang
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(tg.root)
	want := map[string]string{"Sgil": "", "The level": "en-GB", "The data catalogue": "en-GB", "Catalog data": "", "Modelu data": "", "The data visualisation": "en-GB"}
	for text, lang := range want {
		if l, ok := got[text]; !ok || l != lang {
			t.Errorf("cell %q: /Lang %q, want %q (all: %v)", text, l, lang, got)
		}
	}
}

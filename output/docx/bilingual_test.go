package docx

import (
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// bilingualJD is a small JD in Welsh and English laid out in layout.
func bilingualJD(t testing.TB, layout string) *doc.Document {
	t.Helper()
	mk := func(lang, subject, details, duties string, items ...string) *doc.Document {
		d := &doc.Document{Meta: doc.Meta{Title: subject, Subject: subject, Language: lang}, Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: txt("Data engineer")},
			&doc.Heading{Level: 2, Text: txt(details)},
			&doc.Table{RowHeaders: true, Rows: [][]doc.Cell{{{Text: txt("Band")}, {Text: txt("8a")}}}},
			&doc.Heading{Level: 2, Text: txt(duties)},
			bullets(true, items...),
		}}
		d.Complete()
		return d
	}
	d, err := doc.Bilingual(
		mk("cy", "Swydd-ddisgrifiad", "Manylion y swydd", "Prif gyfrifoldebau", "Arwain y tîm"),
		mk("en-GB", "Job description", "Job details", "Key responsibilities", "Lead the team"), layout)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// runRE is one run of document.xml: its properties and text.
var runRE = regexp.MustCompile(`<w:r>(?:<w:rPr>(.*?)</w:rPr>)?<w:t(?: [^>]*)?>([^<]*)</w:t></w:r>`)

// Every run of a bilingual document's text says its language (w:lang):
// cy for the Welsh, en-GB for the English, headings, table cells and list
// items alike; columns are one borderless table of two cells per section.
func TestBilingualRunsTagged(t *testing.T) {
	w := newWriter(t)
	for _, layout := range doc.Layouts {
		parts, _ := unzip(t, render(t, w, bilingualJD(t, layout)))
		body := string(parts["word/document.xml"])
		want := map[string]string{"Manylion y swydd": "cy", "Prif gyfrifoldebau": "cy", "Arwain y tîm": "cy",
			"Job details": "en-GB", "Key responsibilities": "en-GB", "Lead the team": "en-GB", "8a": ""}
		seen := map[string]bool{}
		for _, m := range runRE.FindAllStringSubmatch(body, -1) {
			tag := ""
			if l := regexp.MustCompile(`<w:lang w:val="([^"]*)"/>`).FindStringSubmatch(m[1]); l != nil {
				tag = l[1]
			}
			if strings.Contains(m[1], "<w:lang") && !strings.HasSuffix(m[1], "/>") {
				t.Errorf("%s: w:lang is not the last run property: %s", layout, m[1])
			}
			if lang, ok := want[m[2]]; ok && m[2] != "8a" {
				seen[m[2]] = true
				if tag != lang {
					t.Errorf("%s: run %q has w:lang %q, want %q", layout, m[2], tag, lang)
				}
			}
			if m[2] == "8a" && tag == "" {
				t.Errorf("%s: the table cell 8a has no language", layout)
			}
		}
		for k := range want {
			if !seen[k] && k != "8a" {
				t.Errorf("%s: no run %q", layout, k)
			}
		}
		columns := strings.Count(body, `<w:tblBorders><w:top w:val="nil"/>`)
		if layout == doc.LayoutColumns && columns != 2 {
			t.Errorf("columns: %d borderless two-cell tables, want one per section (2)", columns)
		}
		if layout != doc.LayoutColumns && columns != 0 {
			t.Errorf("%s: %d column tables, want none", layout, columns)
		}
	}
}

// A list of Welsh and English items gives the English item's runs
// w:lang en-GB, the Welsh item's the document's (none of their own).
func TestListItemRunsTagged(t *testing.T) {
	item := func(s string) doc.ListItem { return doc.ListItem{Blocks: []doc.Block{&doc.Paragraph{Text: txt(s)}}} }
	d := &doc.Document{Meta: doc.Meta{Title: "Cynllun", Language: "cy"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: txt("Cynllun")},
		&doc.List{Items: []doc.ListItem{item("Catalog data"), item("The data visualisation")}},
	}}
	d.MarkLanguage("en-GB", func(s string) bool { return strings.HasPrefix(s, "The ") })
	d.Complete()
	parts, _ := unzip(t, render(t, newWriter(t), d))
	got := map[string]string{}
	for _, m := range runRE.FindAllStringSubmatch(string(parts["word/document.xml"]), -1) {
		tag := ""
		if l := regexp.MustCompile(`<w:lang w:val="([^"]*)"/>`).FindStringSubmatch(m[1]); l != nil {
			tag = l[1]
		}
		got[m[2]] = tag
	}
	if got["Catalog data"] != "" || got["The data visualisation"] != "en-GB" {
		t.Errorf("run languages %v, want the English item's alone en-GB", got)
	}
}

// A table of Welsh and English cells gives the English cells' runs
// w:lang en-GB, the Welsh cells' the document's.
func TestTableCellRunsTagged(t *testing.T) {
	cell := func(s string) doc.Cell { return doc.Cell{Text: txt(s)} }
	d := &doc.Document{Meta: doc.Meta{Title: "Map gyrfa", Language: "cy"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: txt("Map gyrfa")},
		&doc.Table{Header: []doc.Cell{cell("Sgil"), cell("The level")}, RowHeaders: true, Rows: [][]doc.Cell{
			{cell("The data catalogue"), cell("Catalog data")},
		}},
	}}
	d.MarkLanguage("en-GB", func(s string) bool { return strings.HasPrefix(s, "The ") })
	d.Complete()
	parts, _ := unzip(t, render(t, newWriter(t), d))
	got := map[string]string{}
	for _, m := range runRE.FindAllStringSubmatch(string(parts["word/document.xml"]), -1) {
		tag := ""
		if l := regexp.MustCompile(`<w:lang w:val="([^"]*)"/>`).FindStringSubmatch(m[1]); l != nil {
			tag = l[1]
		}
		got[m[2]] = tag
	}
	want := map[string]string{"Sgil": "", "The level": "en-GB", "The data catalogue": "en-GB", "Catalog data": ""}
	for text, lang := range want {
		if got[text] != lang {
			t.Errorf("cell %q: run language %q, want %q (all: %v)", text, got[text], lang, got)
		}
	}
}

// A run in another language than the text around it (doc.Inline's
// Lang) has its w:lang, with its style; the runs around it have none.
func TestRunLangTagged(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Cynllun", Language: "cy"}, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: txt("Cynllun")},
		&doc.Paragraph{Text: []doc.Inline{{Text: "Fel nawr: "}, {Text: "Delivering outcomes", Lang: "en-GB"}, {Text: ", "}, {Text: "Generating consensus", Lang: "en-GB", Style: doc.Italic}}},
	}}
	d.Complete()
	parts, _ := unzip(t, render(t, newWriter(t), d))
	got := map[string]string{}
	for _, m := range runRE.FindAllStringSubmatch(string(parts["word/document.xml"]), -1) {
		got[m[2]] = m[1]
	}
	want := map[string]string{"Fel nawr: ": "", "Delivering outcomes": `<w:lang w:val="en-GB"/>`, ", ": "", "Generating consensus": `<w:i/><w:iCs/><w:lang w:val="en-GB"/>`}
	for text, props := range want {
		if got[text] != props {
			t.Errorf("run %q: properties %q, want %q (all: %q)", text, got[text], props, got)
		}
	}
}

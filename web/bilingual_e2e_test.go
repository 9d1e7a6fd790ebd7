//go:build e2e

package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/render"
)

// langBlock is a block element of a page: its tag, text and the language
// its nearest lang attribute gives it.
type langBlock struct {
	Tag  string `json:"tag"`
	Text string `json:"text"`
	Lang string `json:"lang"`
	// Group is a list item's whole list (else the text): a language is
	// told of a list as a whole, and of an item on its own in a list of
	// both (doc.ListItem.Lang).
	Group string `json:"group"`
}

// pageBlocks are the page's headings, paragraphs and list items, each
// with its language.
func (h *headless) pageBlocks() []langBlock {
	h.t.Helper()
	var out []langBlock
	h.step("read blocks", 10*time.Second, func(ctx context.Context) error {
		var err error
		out, err = chromedp.Run(ctx, chromedp.Evaluate[[]langBlock](`Array.from(document.querySelectorAll('main h1, main h2, main h3, main p, main li, body > h1, body > h2, body > h3, body > p')).map(e => {
			const l = e.closest('[lang]');
			const lines = n => n.innerText.split('\n').map(s => s.replace(/\s+/g, ' ').trim()).filter(s => s).join('\n');
			return {tag: e.tagName.toLowerCase(), text: lines(e), lang: l ? l.getAttribute('lang') : '', group: lines(e.tagName === 'LI' ? e.parentElement : e)};
		})`))
		return err
	})
	return out
}

// The bilingual JD and advert pages (Welsh first, then English) in every
// layout (columns, blocks, sequential) pass axe-core's WCAG 2.2 A and AA rules, and each block is
// in its own language, so a screen reader reads each in its own voice: a
// block only the English page has is in en-GB; one only the Welsh page
// has is in cy, unless every line of it (of a list item, or of its list)
// reads as English, or the item is framework text the Welsh documents give
// untranslated (render.EnglishText: en-GB, however short). A block
// both pages have is not judged.
func TestBilingualHTMLAccessible(t *testing.T) {
	opts := newOptions(t)
	run := opts.Run
	h := newHeadless(t, "")
	formats, err := run.LookupFormats([]string{"html"})
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := run.Kinds([]string{"jd", "advert"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pages := func(cfg *config.Config) map[string][]byte {
		t.Helper()
		rc, err := compose.NewContext(cfg, run.Library, cfg.Role, cfg.Level, run.Date)
		if err != nil {
			t.Fatal(err)
		}
		files, err := run.Renderer.Files(context.Background(), run.Request(rc, kinds, formats))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]byte{}
		for _, f := range files {
			if strings.HasSuffix(f.Name, ".html") {
				out[f.Name] = f.Data
			}
		}
		return out
	}
	// What each language's page alone says, by page.
	only := map[string]map[string]map[string]bool{} // lang → page → texts
	for _, lang := range []string{"cy", "en"} {
		only[lang] = map[string]map[string]bool{}
		for name, data := range pages(run.Config.InLanguage(lang)) {
			p := filepath.Join(dir, lang+"-"+name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			h.open("file://" + p)
			only[lang][name] = map[string]bool{}
			for _, b := range h.pageBlocks() {
				only[lang][name][b.Text] = true
			}
		}
	}
	// The framework text the Welsh documents give untranslated (names of
	// skills and behaviours, descriptors): English, however short.
	cyrc, err := compose.NewContext(run.Config.InLanguage("cy"), run.Library, run.Config.Role, run.Config.Level, run.Date)
	if err != nil {
		t.Fatal(err)
	}
	untranslated := doc.NewPhrases(render.EnglishText(cyrc))
	for _, layout := range doc.Layouts {
		cfg := run.Config.InLanguage("cy,en")
		cfg.Bilingual.Layout = layout
		got := pages(cfg)
		if len(got) != 2 {
			t.Fatalf("%s: pages %d, want the JD and the advert", layout, len(got))
		}
		for name, data := range got {
			label := layout + "/" + name
			p := filepath.Join(dir, layout+"-"+name)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			h.open("file://" + p)
			h.checkAccessible(label)
			var cy, en int
			blocks := h.pageBlocks()
			var h1 []langBlock
			for _, b := range blocks {
				if b.Tag == "h1" {
					h1 = append(h1, b)
				}
			}
			// Sequential's English half opens with its own title, in
			// English; the other layouts have one title.
			if want := map[bool]int{true: 2, false: 1}[layout == doc.LayoutSequential]; len(h1) != want || want == 2 && h1[1].Lang != "en-GB" {
				t.Errorf("%s: h1s %+v, want %d, the second in en-GB", label, h1, want)
			}
			for _, b := range blocks {
				inCy, inEn := only["cy"][name][b.Text], only["en"][name][b.Text]
				switch {
				case inCy && !inEn && (allEnglish(b.Group) || b.Tag == "li" && (allEnglish(b.Text) || untranslated.Covers(b.Text))):
					if b.Lang != "en-GB" {
						t.Errorf("%s: English framework text <%s> %.60q in the Welsh in lang %q, want en-GB", label, b.Tag, b.Text, b.Lang)
					}
				case inCy && !inEn:
					cy++
					if b.Lang != "cy" {
						t.Errorf("%s: Welsh <%s> %.60q in lang %q, want cy", label, b.Tag, b.Text, b.Lang)
					}
				case inEn && !inCy:
					en++
					if b.Lang != "en-GB" {
						t.Errorf("%s: English <%s> %.60q in lang %q, want en-GB", label, b.Tag, b.Text, b.Lang)
					}
				}
			}
			if cy < 5 || en < 5 {
				t.Errorf("%s: %d Welsh and %d English blocks found, want several of each", label, cy, en)
			}
		}
	}
}

// allEnglish reports whether every line of s reads as English.
func allEnglish(s string) bool {
	for line := range strings.SplitSeq(s, "\n") {
		if !lint.ReadsAsEnglish(line) {
			return false
		}
	}
	return true
}

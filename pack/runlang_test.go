package pack

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/i18n"
	"github.com/rolepack/rolepack/internal/english"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

// welshOnly are the words of the Welsh catalogue that are not English:
// not in the English catalogue, not an English word rolepack knows, and
// not a word lint's language check counts as English. A run tagged
// English holds none of them.
func welshOnly() map[string]bool {
	words := func(lang string) map[string]bool {
		out := map[string]bool{}
		for _, m := range i18n.Embedded(lang) {
			texts := []string{m.Text}
			for _, f := range m.Forms {
				texts = append(texts, f)
			}
			for _, t := range texts {
				for _, w := range letterWords(t) {
					out[w] = true
				}
			}
		}
		return out
	}
	en := words("en")
	cy := words("cy")
	for w := range cy {
		if en[w] || english.IsBase(w) || len(w) < 3 || lint.ReadsAsEnglish(w) {
			delete(cy, w)
		}
	}
	return cy
}

// letterWords are s's words in lower case, apostrophes kept.
func letterWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
}

// welshTagged lists the runs of d tagged another language (doc.Inline's
// Lang) that hold a word of welsh, and counts the tagged runs.
func welshTagged(d *doc.Document, welsh map[string]bool) (bad []string, n int) {
	runs := func(in []doc.Inline) {
		for _, r := range in {
			if r.Lang == "" {
				continue
			}
			n++
			for _, w := range letterWords(r.Text) {
				if welsh[w] {
					bad = append(bad, w+" in "+r.Text)
					break
				}
			}
		}
	}
	var blocks func([]doc.Block)
	blocks = func(bs []doc.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Heading:
				runs(b.Text)
			case *doc.Paragraph:
				runs(b.Text)
			case *doc.List:
				for _, it := range b.Items {
					blocks(it.Blocks)
				}
			case *doc.Table:
				for _, c := range b.Header {
					runs(c.Text)
				}
				for _, row := range b.Rows {
					for _, c := range row {
						runs(c.Text)
					}
				}
			case *doc.Lang:
				blocks(b.Blocks)
			}
		}
	}
	blocks(d.Blocks)
	return bad, n
}

// A Welsh PDP gives the skills the role keeps by their English names in
// a Welsh sentence ("Fel nawr: Delivering outcomes, …"): each name is
// tagged en-GB on its own, in HTML (a span with lang) and DOCX (w:lang
// on the name's run), and the Welsh words around them are not. No run
// tagged English in any of the default role's Welsh documents holds a
// Welsh word.
func TestWelshRunsTaggedEnglish(t *testing.T) {
	e := newEnv(t)
	cfg := *e.cfg
	cfg.Language = "cy"
	rc, err := plan.NewContext(context.Background(), &cfg, e.lib, cfg.Role, cfg.Level, fixtureDate)
	if err != nil {
		t.Fatal(err)
	}
	kinds, err := render.LookupKinds([]string{"jd", "spec", "advert", "scoring", "pdp", "progression"})
	if err != nil {
		t.Fatal(err)
	}
	welsh := welshOnly()
	for _, w := range []string{"nawr", "cwestiwn", "awgrymir", "perchennog"} {
		if !welsh[w] {
			t.Fatalf("welshOnly lacks %q: the check would not see it", w)
		}
	}
	total := 0
	for _, k := range kinds {
		kc, err := k.Prepare(context.Background(), rc)
		if err != nil {
			t.Fatal(err)
		}
		c := k.Documents(kc)[0].Context
		d, err := e.r.Engine.Document(context.Background(), k, c)
		if err != nil {
			t.Fatal(err)
		}
		render.MarkLanguage(d, c)
		bad, n := welshTagged(d, welsh)
		total += n
		for _, b := range bad {
			t.Errorf("%s: a Welsh word tagged English: %s", k.ID, b)
		}
	}
	if total == 0 {
		t.Fatal("no run tagged English in any Welsh document")
	}
	fs, err := e.r.Formats.Lookup([]string{"html", "docx"})
	if err != nil {
		t.Fatal(err)
	}
	pdp, err := render.LookupKinds([]string{"pdp"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := e.r.Files(context.Background(), Request{Context: rc, Kinds: pdp, Formats: fs, Date: fixtureDate})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		switch f.Name {
		case "pdp.html":
			want := `<p>Fel nawr: <span lang="en-GB">Delivering outcomes</span>, <span lang="en-GB">Generating consensus</span>, `
			if !strings.Contains(string(f.Data), want) {
				t.Errorf("pdp.html: no %s", want)
			}
		case "pdp.docx":
			body := docxBody(t, f.Data)
			if !regexp.MustCompile(`<w:r><w:t[^>]*>Fel nawr: </w:t></w:r><w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t[^>]*>Delivering outcomes</w:t></w:r><w:r><w:t[^>]*>, </w:t></w:r>`).MatchString(body) {
				i := strings.Index(body, "Fel nawr")
				t.Errorf("pdp.docx: the skill's run not tagged alone:\n%.400s", body[max(i, 0):])
			}
		}
	}
}

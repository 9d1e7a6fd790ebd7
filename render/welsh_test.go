package render_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/i18n"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

// welshContext is the default run in Welsh, the post's Welsh language
// skills essential, with a closing date.
func welshContext(t *testing.T, edit func(*config.Config)) *compose.Context {
	return defaultContext(t, func(c *config.Config) {
		c.Language = "cy"
		c.Vacancy.Welsh = config.WelshEssential
		c.Vacancy.Closing = "2026-12-14"
		if edit != nil {
			edit(c)
		}
	})
}

// englishHeadings are the English catalogue's headings and labels: none
// may be left in a Welsh document.
func englishHeadings() map[string]bool {
	en := i18n.English()
	out := map[string]bool{}
	for _, k := range en.Keys() {
		for _, p := range []string{"h.", "spec.h.", "advert.h.", "scoring.h.", "pdp.h.", "spec.group.", "kind.", "label.", "th.", "pdp.th.", "ladder.h.", "ladder.section.", "ladder.head.", "ladder.th."} {
			if strings.HasPrefix(k, p) && !strings.Contains(en.T(k), "%") {
				out[en.T(k)] = true
			}
		}
	}
	// Words English and Welsh share, and the ladder's rung "Entry" (config
	// text, a career map's column).
	delete(out, "Contract")
	delete(out, "Entry")
	return out
}

// headings lists a tree's headings and the first cells of its tables'
// header rows and key columns: the document's fixed wording.
func headings(d *doc.Document) []string {
	var out []string
	text := func(in []doc.Inline) string {
		var b strings.Builder
		for _, r := range in {
			b.WriteString(r.Text)
		}
		return strings.TrimSpace(b.String())
	}
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			if b.Level > 1 {
				out = append(out, text(b.Text))
			}
		case *doc.Table:
			for _, c := range b.Header {
				out = append(out, text(c.Text))
			}
		}
	}
	return out
}

func TestWelshDocuments(t *testing.T) {
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	formats, err := output.NewFormats()
	if err != nil {
		t.Fatal(err)
	}
	ctx := welshContext(t, nil)
	english := englishHeadings()
	months := regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d\b`)
	for _, id := range []string{"jd", "spec", "advert", "scoring", "pdp", "progression"} {
		g := generate(t, e, formats, ctx, mustKind(t, id))
		if g.tree.Meta.Language != "cy" {
			t.Errorf("%s: language %q", id, g.tree.Meta.Language)
		}
		for _, h := range headings(g.tree) {
			if english[h] {
				t.Errorf("%s: English heading or label left: %q", id, h)
			}
		}
		for name, text := range g.texts() {
			if m := months.FindString(text); m != "" {
				t.Errorf("%s.%s: an English date: %q", id, name, m)
			}
			if !strings.Contains(squash(text), squash("Mae testun y fframwaith (teitlau, disgrifiadau, meini prawf) yn Saesneg")) {
				t.Errorf("%s.%s: no note that the framework text is English", id, name)
			}
			if strings.Count(squash(text), squash("Mae testun y fframwaith")) > 1 {
				t.Errorf("%s.%s: the note is given more than once", id, name)
			}
		}
		g.mustContain(t, "Welsh wording", []string{"21 Tachwedd 2026", "Rheoli'r ddogfen"})
		if !strings.Contains(g.rawHTML, `<html lang="cy"`) {
			t.Errorf("%s.html: no lang=\"cy\"", id)
		}
		if g.pdf != "" && !strings.Contains(g.pdf, "Tudalen 1 o ") {
			t.Errorf("%s.pdf: no \"Tudalen 1 o\" in the footer", id)
		}
	}
	jd := generate(t, e, formats, ctx, mustKind(t, "jd"))
	jd.mustContain(t, "Welsh", []string{"Manylion y swydd", "Prif gyfrifoldebau", "Mae sgiliau Cymraeg yn hanfodol", "Cyfrinachedd", "Swydd-ddisgrifiad"})
	advert := generate(t, e, formats, ctx, mustKind(t, "advert"))
	advert.mustContain(t, "Welsh", []string{"Y dyddiad cau yw 14 Rhagfyr 2026."})
	scoring := generate(t, e, formats, ctx, mustKind(t, "scoring"))
	scoring.mustContain(t, "Welsh", []string{"Dangos yn rhagorol", "Tystiolaeth annigonol", "Soniwch wrthym am adeg"})
	pdp := generate(t, e, formats, ctx, mustKind(t, "pdp"))
	pdp.mustContain(t, "Welsh", []string{"Cynllun datblygu personol", "Adolygiad canol cyfnod", "Camau datblygu", "Cofnod tystiolaeth"})
}

func mustKind(t *testing.T, id string) render.Kind {
	t.Helper()
	ks, err := render.LookupKinds([]string{id})
	if err != nil {
		t.Fatal(err)
	}
	return ks[0]
}

// TestWelshTags: the documents' language in every format: HTML lang, the
// DOCX's w:lang, the PDF's /Lang, and Welsh page numbering in the DOCX
// footer.
func TestWelshTags(t *testing.T) {
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	ctx := welshContext(t, nil)
	d, err := e.Document(context.Background(), mustKind(t, "jd"), ctx.For("jd", "Job description", false))
	if err != nil {
		t.Fatal(err)
	}
	if d.Meta.PageLabel != "Tudalen {page} o {pages}" {
		t.Errorf("PageLabel %q", d.Meta.PageLabel)
	}
	formats, err := output.NewFormats()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"docx", "pdf", "html"} {
		fs, err := formats.Lookup([]string{name})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := fs[0].Writer.Write(&b, d); err != nil {
			t.Fatal(err)
		}
		switch name {
		case "docx":
			parts := zipParts(t, b.Bytes())
			if !strings.Contains(parts["word/styles.xml"], `<w:lang w:val="cy"`) {
				t.Error("docx: styles.xml has no w:lang cy")
			}
			foot := xmlText(parts["word/footer1.xml"])
			if !strings.Contains(foot, "Tudalen") || !strings.Contains(foot, " o ") || strings.Contains(foot, "Page") {
				t.Errorf("docx footer: %q", foot)
			}
		case "pdf":
			if !bytes.Contains(b.Bytes(), []byte("/Lang (cy)")) {
				t.Error("pdf: no /Lang (cy)")
			}
		case "html":
			if !strings.Contains(b.String(), `lang="cy"`) {
				t.Error("html: no lang=\"cy\"")
			}
		}
	}
}

func zipParts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(x)
	}
	return out
}

// TestCircumflexWAndY: Liberation Sans carries ŵ and ŷ (and their
// capitals): the DOCX holds them, and the PDF's text gives them back
// (pdftotext, under the e2e build tag).
func TestCircumflexWAndY(t *testing.T) {
	const welsh = "Tŷ Gŵyr, Ŵyn ac Ŷd"
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	ctx := welshContext(t, func(c *config.Config) {
		c.Organisation.Name = welsh
		c.Messages = map[string]map[string]string{"cy": {"h.jobDetails": "Manylion y swydd yn " + welsh}}
	})
	formats, err := output.NewFormats()
	if err != nil {
		t.Fatal(err)
	}
	g := generate(t, e, formats, ctx, mustKind(t, "jd"))
	g.mustContain(t, "ŵ and ŷ", []string{welsh, "Manylion y swydd yn " + welsh})
	if !externalTools {
		t.Log("PDF text not checked: run with -tags e2e (pdftotext)")
	}
}

// TestWelshMessagesOverride: messages in config replace a message, and a
// key no catalogue has is an error naming it.
func TestWelshMessagesOverride(t *testing.T) {
	ctx := welshContext(t, func(c *config.Config) {
		c.Messages = map[string]map[string]string{"cy": {"h.keyResponsibilities": "Cyfrifoldebau allweddol"}}
	})
	if got := ctx.Messages().T("h.keyResponsibilities"); got != "Cyfrifoldebau allweddol" {
		t.Errorf("override: %q", got)
	}
}

// TestEnglishRecordInWelshRun: the record stays in English (it is for
// the organisation), tagged en-GB, and lists the untranslated framework
// text.
func TestEnglishRecordInWelshRun(t *testing.T) {
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	ctx := welshContext(t, nil)
	if len(ctx.Untranslated) == 0 {
		t.Fatal("no untranslated framework text listed")
	}
	found := false
	for _, w := range ctx.Warnings {
		if strings.Contains(w, "no Welsh translation") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning about untranslated text: %q", ctx.Warnings)
	}
	d, err := e.Document(context.Background(), mustKind(t, "record"), ctx.For("record", "Composition record", false))
	if err != nil {
		t.Fatal(err)
	}
	if d.Meta.Language != "en-GB" {
		t.Errorf("record language %q", d.Meta.Language)
	}
	src, err := e.Execute(context.Background(), "record.md.tmpl", ctx.For("record", "Composition record", false).InEnglish())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "Framework text with no translation") || !strings.Contains(string(src), ctx.Untranslated[0]) {
		t.Error("the record does not list the untranslated framework text")
	}
}

// TestWelshChartTable: the development plan's bar chart given as a table
// (Markdown, HTML) heads its labels, the plan's entries, in Welsh in a
// Welsh plan ("Cofnod", not "Group"); an English plan keeps "Group".
func TestWelshChartTable(t *testing.T) {
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	formats, err := output.NewFormats()
	if err != nil {
		t.Fatal(err)
	}
	cy := generate(t, e, formats, welshContext(t, nil), mustKind(t, "pdp"))
	if !strings.Contains(cy.md, "| Cofnod | Bwlch |") || strings.Contains(cy.md, "| Group |") {
		t.Errorf("Welsh plan's chart table in Markdown: want a header \"| Cofnod | Bwlch |\" and no \"Group\":\n%s", cy.md)
	}
	if !strings.Contains(cy.rawHTML, `<th scope="col">Cofnod</th>`) || strings.Contains(cy.rawHTML, ">Group<") {
		t.Error("Welsh plan's chart data in HTML: want a header \"Cofnod\" and no \"Group\"")
	}
	if !strings.Contains(cy.rawHTML, "<summary>Data&#39;r siart: ") || strings.Contains(cy.rawHTML, "Chart data") {
		t.Error("Welsh plan's chart data in HTML: want it called \"Data'r siart\", not \"Chart data\"")
	}
	en := generate(t, e, formats, defaultContext(t, nil), mustKind(t, "pdp"))
	if !strings.Contains(en.md, "| Group | Gap |") {
		t.Error("English plan's chart table in Markdown: want \"| Group | Gap |\"")
	}
}

// TestPlanActionFocusJoin: an offered activity is joined to what to
// practise in it by the catalogue's words (an organisation's own wording
// of them is used), in the language of the focus: in a Welsh plan an
// activity with no translation is one English block, ", to" and all,
// whatever the Welsh catalogue says.
func TestPlanActionFocusJoin(t *testing.T) {
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	formats, err := output.NewFormats()
	if err != nil {
		t.Fatal(err)
	}
	activity := func(c *config.Config) {
		c.Development.Activities = []config.ActivityDef{{Kind: "course", Title: "Kubernetes for platform engineers", Skills: []string{"Build containers and Helm charts"}, Effort: "3 days"}}
	}
	en := generate(t, e, formats, defaultContext(t, func(c *config.Config) {
		activity(c)
		c.Messages = map[string]map[string]string{"en": {"pdp.action.to": ", so as to"}}
	}), mustKind(t, "pdp"))
	en.mustContain(t, "the catalogue's joining words", []string{"Kubernetes for platform engineers, so as to lead the development of containerisation policies and best practices (3 days)"})
	cy := generate(t, e, formats, welshContext(t, func(c *config.Config) {
		activity(c)
		c.Messages = map[string]map[string]string{"cy": {"pdp.action.to": ", er mwyn"}}
	}), mustKind(t, "pdp"))
	cy.mustContain(t, "an untranslated activity, one English block", []string{"Kubernetes for platform engineers, to lead the development of containerisation policies and best practices (3 days)"})
	if strings.Contains(cy.md, "er mwyn") {
		t.Error("Welsh joining words beside an English focus")
	}
}

// TestWelshPlanSourceLevels: where a Welsh plan names its sources, a
// level named as the ladder names it is given in the translation of the
// ladder's level name ("SDE skills matrix (Canolradd)"), with no English
// fixed words around the names; untranslated, it is the English name.
func TestWelshPlanSourceLevels(t *testing.T) {
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	formats, err := output.NewFormats()
	if err != nil {
		t.Fatal(err)
	}
	welsh := map[string]string{
		"role.data-engineer.mid.role-title":    "Peiriannydd data",
		"role.data-engineer.senior.role-title": "Peiriannydd data",
		"ladder.mid.label":                     "Canolradd",
		"ladder.senior.label":                  "Uwch",
		"role.data-engineer.mid.pdp-position":  "Mae peiriannydd data yn datblygu ac yn adeiladu cynhyrchion a gwasanaethau data.",
	}
	tr := config.Translations{}
	for _, u := range plan.Of(defaultContext(t, nil)).Units() {
		if w, ok := welsh[u.ID]; ok {
			tr[u.ID] = config.Translation{Source: u.Source, Target: w}
		}
	}
	if len(tr) != len(welsh) {
		t.Fatalf("the default plan has %d of the %d units the test translates", len(tr), len(welsh))
	}
	line := func(md string) string {
		for _, l := range strings.Split(md, "\n") {
			if strings.HasPrefix(l, "Mae'r cynllun hwn yn cymharu:") {
				return l
			}
		}
		t.Fatalf("no sentence naming the sources:\n%s", md)
		return ""
	}
	got := line(generate(t, e, formats, welshContext(t, func(c *config.Config) {
		c.Translated = map[string]config.Translations{"cy": tr}
	}), mustKind(t, "pdp")).md)
	if !strings.Contains(got, "SDE skills matrix (Canolradd)") || !strings.Contains(got, "SDE skills matrix (Uwch)") {
		t.Errorf("the sources' levels are not the ladder's translated names: %s", got)
	}
	for _, w := range []string{" at ", " with the ", "(Mid)", "(Senior)"} {
		if strings.Contains(got, w) {
			t.Errorf("English %q in the Welsh sentence naming the sources: %s", w, got)
		}
	}
	if got := line(generate(t, e, formats, welshContext(t, nil), mustKind(t, "pdp")).md); !strings.Contains(got, "SDE skills matrix (Mid)") {
		t.Errorf("untranslated, the level is not its English name: %s", got)
	}
}

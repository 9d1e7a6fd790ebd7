package render_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

var dump = flag.String("dump", "", "write every document TestEveryKindInEveryFormat generates into this folder, to look at")

// testDate is the fixed document date of the generated documents.
var testDate = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// defaultContext builds the context of the default run (config.yaml: role
// data-engineer at level head, with the embedded frameworks), after edit
// changes the config (edit may be nil).
func defaultContext(t testing.TB, edit func(*config.Config)) *compose.Context {
	t.Helper()
	cfg, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(cfg)
	}
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(fws...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := plan.NewContext(context.Background(), cfg, lib, cfg.Role, cfg.Level, testDate)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

// generated is one document kind rendered in every format, and read back
// as text.
type generated struct {
	kind render.Kind
	ctx  *compose.Context
	tree *doc.Document
	md   string
	html string // text of the HTML, tags removed
	rawHTML,
	docx string // text of word/document.xml, one line per paragraph
	rawDocx string
	pdf     string // pdftotext output; "" when pdftotext is absent
	extras  map[string][]byte
}

func generate(t *testing.T, e *render.Engine, formats *output.Formats, ctx *compose.Context, k render.Kind) *generated {
	t.Helper()
	prepared, err := k.Prepare(context.Background(), ctx)
	if err != nil {
		t.Fatalf("%s: %v", k.ID, err)
	}
	kctx := k.Documents(prepared)[0].Context
	d, err := e.Document(context.Background(), k, kctx)
	if err != nil {
		t.Fatalf("%s: %v", k.ID, err)
	}
	d.Meta.Date = testDate
	g := &generated{kind: k, ctx: kctx, tree: d, extras: map[string][]byte{}}
	fs, err := formats.Lookup(formats.Names())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if !k.Accepts(f.Shape) {
			continue
		}
		var b bytes.Buffer
		if err := f.Writer.Write(&b, d); err != nil {
			t.Fatalf("%s %s: %v", k.ID, f.Name, err)
		}
		save(t, k.ID+f.Ext, b.Bytes())
		switch f.Name {
		case "md":
			g.md = b.String()
		case "html":
			g.rawHTML = b.String()
			g.html = htmlText(b.String())
		case "docx":
			g.rawDocx = docxXML(t, b.Bytes())
			g.docx = xmlText(g.rawDocx)
		case "pdf":
			g.pdf = pdfText(t, b.Bytes())
		}
	}
	for _, x := range k.Extras {
		b, err := e.Execute(context.Background(), x.Template, kctx)
		if err != nil {
			t.Fatalf("%s: %v", k.ID, err)
		}
		save(t, k.ID+x.Ext, b)
		g.extras[x.Ext] = b
	}
	return g
}

func save(t *testing.T, name string, b []byte) {
	if *dump == "" {
		return
	}
	if err := os.MkdirAll(*dump, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*dump, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	tags  = regexp.MustCompile(`<[^>]*>`)
	space = regexp.MustCompile(`\s+`)
)

func htmlText(s string) string {
	s = regexp.MustCompile(`(?s)<(style|script)[^>]*>.*?</(style|script)>`).ReplaceAllString(s, " ")
	return html.UnescapeString(tags.ReplaceAllString(s, " "))
}

// docxXML returns word/document.xml of a DOCX.
func docxXML(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("docx: %v", err)
	}
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		x, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		return string(x)
	}
	t.Fatal("docx has no word/document.xml")
	return ""
}

// xmlText is the text of WordprocessingML: one line per paragraph, line
// breaks and tabs as spaces.
func xmlText(x string) string {
	x = strings.NewReplacer("</w:p>", "\n", "<w:br/>", " ", "<w:tab/>", " ").Replace(x)
	return html.UnescapeString(tags.ReplaceAllString(x, ""))
}

// pdfText extracts a PDF's text with pdftotext under the e2e build tag, or
// returns "" (the PDF checks are skipped) without it, or when pdftotext is
// not installed, unless ROLEPACK_REQUIRE_TOOLS=1.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	if !externalTools {
		return ""
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("ROLEPACK_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdftotext not installed and ROLEPACK_REQUIRE_TOOLS=1")
		}
		return ""
	}
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// squash removes all white space and folds typographic variants the PDF
// writer may use, so that text wrapped across lines (or table cells) still
// matches.
func squash(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "–", "-", "‐", "-", "‑", "-", "\u00ad", "").Replace(s)
	return space.ReplaceAllString(s, "")
}

// texts lists the readable text of each format that was produced.
func (g *generated) texts() map[string]string {
	m := map[string]string{"md": mdText(g.md), "html": g.html, "docx": g.docx}
	if g.pdf != "" {
		m["pdf"] = g.pdf
	}
	return m
}

// mdText undoes Markdown escaping so the text compares with the source.
func mdText(s string) string {
	return regexp.MustCompile(`\\([\\`+"`"+`*_\[\]<>&|~#+\-=.!()])`).ReplaceAllString(s, "$1")
}

// mustContain checks that every format's text holds each of want.
func (g *generated) mustContain(t *testing.T, what string, want []string) {
	t.Helper()
	for name, text := range g.texts() {
		sq := strings.ToLower(squash(text))
		missing := 0
		for _, w := range want {
			if !strings.Contains(sq, strings.ToLower(squash(w))) {
				if missing < 3 {
					t.Errorf("%s.%s: %s %q missing", g.kind.ID, name, what, w)
				}
				missing++
			}
		}
		if missing > 3 {
			t.Errorf("%s.%s: %d more %s missing", g.kind.ID, name, missing-3, what)
		}
	}
}

func TestEveryKindInEveryFormat(t *testing.T) {
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
	gen := map[string]*generated{}
	for _, k := range render.Kinds {
		gen[k.ID] = generate(t, e, formats, ctx, k)
	}
	spec := ctx.Spec
	if len(spec) == 0 {
		t.Fatal("the default role has no person-specification criteria")
	}

	t.Run("jd", func(t *testing.T) {
		g := gen["jd"]
		var want []string
		for _, p := range ctx.Selected.Bring {
			want = append(want, p.Title, p.Detail)
		}
		for _, it := range ctx.Selected.Behaviours {
			want = append(want, it.Title)
		}
		want = append(want, ctx.Selected.Duties...)
		want = append(want, ctx.Selected.Purpose...)
		g.mustContain(t, "selected skill, behaviour or responsibility", want)
		checkRows(t, g, nil, true) // the JD refers to the person specification
		g.mustContain(t, "document control", []string{"Document control: Version 1.0 · 21 November 2026 · Owner: Data and Analytics, Example Health Data Service"})
		for name, text := range g.texts() {
			if strings.Contains(strings.ToLower(text), "rolepack") {
				t.Errorf("jd.%s names the tool", name)
			}
		}
	})

	t.Run("spec", func(t *testing.T) {
		g := gen["spec"]
		var want []string
		for _, c := range spec {
			want = append(want, c.Text)
			if c.Detail != "" {
				want = append(want, c.Detail)
			}
		}
		g.mustContain(t, "criterion", want)
		checkRows(t, g, spec, false)
		g.mustContain(t, "heading", []string{"Qualifications and training", "Skills and abilities", "Behaviours"})
	})

	t.Run("scoring", func(t *testing.T) {
		g := gen["scoring"]
		if !g.tree.Meta.Landscape {
			t.Error("scoring sheet is not landscape")
		}
		var iv []compose.Criterion
		for _, c := range spec {
			if c.Scored {
				iv = append(iv, c)
				if !c.AtInterview() || c.Question == "" {
					t.Errorf("%s is scored but not assessed at interview or has no question", c.ID)
				}
			} else if c.AtInterview() {
				t.Errorf("%s is assessed at interview but not on the scoring sheet", c.ID)
			}
		}
		if len(iv) < 4 || len(iv) > 8 {
			t.Fatalf("%d criteria scored, want 4 to 8", len(iv))
		}
		checkRows(t, g, iv, true)
		var want []string
		for _, a := range ctx.Scale.Anchors {
			want = append(want, fmt.Sprint(a.Score), a.Label)
		}
		for _, c := range iv {
			want = append(want, c.Question)
		}
		want = append(want, "Candidate", "Panel member", "Signature", "Question asked", fmt.Sprint(len(iv)*ctx.Scale.Max))
		g.mustContain(t, "scale anchor or form field", want)
		if !strings.Contains(g.rawDocx, "<w:orient") && !strings.Contains(g.rawDocx, `w:orient="landscape"`) {
			t.Error("scoring.docx: page is not landscape")
		}
	})

	t.Run("advert", func(t *testing.T) {
		g := gen["advert"]
		code := regexp.MustCompile(`\((?:[A-Z]{1,5}\d+(?:\.\d+)*|Level [0-9A-Za-z]+)\)`)
		for name, text := range g.texts() {
			if m := code.FindString(text); m != "" {
				t.Errorf("advert.%s has an internal code %q", name, m)
			}
		}
		if w := render.CheckAdvert(g.tree); len(w) > 0 {
			t.Errorf("advert of the default run fails the plain-English check: %v", w)
		}
		g.mustContain(t, "section", []string{"About us", "About the role", "What you will do", "What you will bring", "What we offer", "How to apply", ctx.Organisation.Name, "[to be completed]"})
		g.mustContain(t, "responsibility", ctx.Role.Responsibilities[:1])
		checkJobPosting(t, g.extras[".jsonld"], false)
	})

	t.Run("record", func(t *testing.T) {
		g := gen["record"]
		var want []string
		for _, it := range ctx.Role.Items {
			want = append(want, it.Title)
			for _, o := range it.Origins {
				want = append(want, o.From)
			}
		}
		want = append(want, "Internal: not for candidates", "Left out", "Generated by rolepack on 21 November 2026")
		g.mustContain(t, "entry or origin", want)
	})

	t.Run("pdp", func(t *testing.T) {
		g := gen["pdp"]
		p := plan.Of(ctx)
		if p.Current.Rung.Label != "Mid" || p.Target.Rung.Label != "Senior" {
			t.Fatalf("default PDP runs %s to %s, want Mid to Senior", p.Current.Rung.Label, p.Target.Rung.Label)
		}
		var want []string
		skills := 0
		for _, e := range p.Entries {
			if e.Kind != "skill" {
				continue
			}
			skills++
			want = append(want, e.Name) // changed ones in the list of changes, the rest "As now"
		}
		if skills == 0 {
			t.Fatal("PDP has no skills")
		}
		g.mustContain(t, "skill", want)
		charts := 0
		for _, b := range g.tree.Blocks {
			if _, ok := b.(*doc.Chart); ok {
				charts++
			}
		}
		if charts != 1 {
			t.Errorf("PDP tree has %d charts, want 1", charts)
		}
		if !strings.Contains(g.rawHTML, "<svg") {
			t.Error("pdp.html has no chart")
		}
		if !strings.Contains(g.rawDocx, "<w:drawing") {
			t.Error("pdp.docx has no chart picture")
		}
		if g.pdf != "" && !strings.Contains(g.pdf, "How much is new at") {
			t.Error("pdp.pdf has no chart title")
		}
	})
}

// checkRows asserts that each criterion is exactly one table row, whose
// first cell is its id and whose second names it, in the tree and in the
// Markdown, HTML, DOCX and PDF; with only set, no other row has an id.
func checkRows(t *testing.T, g *generated, want []compose.Criterion, only bool) {
	t.Helper()
	idCell := regexp.MustCompile(`^[A-Z]\d+$`)
	rows := map[string]int{}
	for _, b := range g.tree.Blocks {
		tb, ok := b.(*doc.Table)
		if !ok {
			continue
		}
		for _, r := range tb.Rows {
			if len(r) > 1 && idCell.MatchString(doc.PlainText(r[0].Text)) {
				rows[doc.PlainText(r[0].Text)]++
			}
		}
	}
	for _, c := range want {
		if rows[c.ID] != 1 {
			t.Errorf("%s: criterion %s is %d rows, want 1", g.kind.ID, c.ID, rows[c.ID])
		}
	}
	if only && len(rows) != len(want) {
		t.Errorf("%s: %d criterion rows, want %d (one per interview criterion)", g.kind.ID, len(rows), len(want))
	}
	// Each format: the id as its own table cell, once.
	counts := map[string]map[string]int{"md": {}, "html": {}, "docx": {}}
	for _, m := range regexp.MustCompile(`(?m)^\| ([A-Z]\d+) \|`).FindAllStringSubmatch(g.md, -1) {
		counts["md"][m[1]]++
	}
	for _, m := range regexp.MustCompile(`<t[dh][^>]*>\s*([A-Z]\d+)\s*</t[dh]>`).FindAllStringSubmatch(g.rawHTML, -1) {
		counts["html"][m[1]]++
	}
	for _, cell := range strings.Split(g.rawDocx, "<w:tc>")[1:] {
		cell, _, _ = strings.Cut(cell, "</w:tc>")
		if txt := strings.TrimSpace(xmlText(cell)); idCell.MatchString(txt) {
			counts["docx"][txt]++
		}
	}
	if g.pdf != "" {
		counts["pdf"] = map[string]int{}
		for _, f := range strings.Fields(g.pdf) {
			if idCell.MatchString(f) {
				counts["pdf"][f]++
			}
		}
	}
	for name, n := range counts {
		for _, c := range want {
			if n[c.ID] != 1 {
				t.Errorf("%s.%s: criterion %s is in %d table cells, want 1", g.kind.ID, name, c.ID, n[c.ID])
			}
		}
	}
}

// checkJobPosting parses the advert's JSON-LD and checks the fields search
// engines require of a schema.org JobPosting.
func checkJobPosting(t *testing.T, b []byte, full bool) map[string]any {
	t.Helper()
	var jp map[string]any
	if err := json.Unmarshal(b, &jp); err != nil {
		t.Fatalf("advert.jsonld is not JSON: %v\n%s", err, b)
	}
	str := func(v any) string { s, _ := v.(string); return s }
	obj := func(v any) map[string]any { m, _ := v.(map[string]any); return m }
	if jp["@context"] != "https://schema.org" && jp["@context"] != "https://schema.org/" {
		t.Errorf("@context = %v", jp["@context"])
	}
	if jp["@type"] != "JobPosting" {
		t.Errorf("@type = %v", jp["@type"])
	}
	for _, k := range []string{"title", "description", "datePosted", "employmentType"} {
		if str(jp[k]) == "" {
			t.Errorf("JobPosting.%s missing or empty", k)
		}
	}
	if _, err := time.Parse("2006-01-02", str(jp["datePosted"])); err != nil {
		t.Errorf("datePosted %q is not an ISO 8601 date", jp["datePosted"])
	}
	if d := str(jp["description"]); len(d) < 200 {
		t.Errorf("description is only %d characters", len(d))
	}
	org := obj(jp["hiringOrganization"])
	if org["@type"] != "Organization" || str(org["name"]) == "" {
		t.Errorf("hiringOrganization = %v", jp["hiringOrganization"])
	}
	addr := obj(obj(jp["jobLocation"])["address"])
	if obj(jp["jobLocation"])["@type"] != "Place" || addr["@type"] != "PostalAddress" || str(addr["addressLocality"]) == "" || addr["addressCountry"] != "GB" {
		t.Errorf("jobLocation = %v", jp["jobLocation"])
	}
	if code := regexp.MustCompile(`\((?:[A-Z]{1,5}\d+(?:\.\d+)*|Level [0-9A-Za-z]+)\)`).FindString(str(jp["description"])); code != "" {
		t.Errorf("description has an internal code %q", code)
	}
	if !full {
		for _, k := range []string{"validThrough", "baseSalary", "identifier"} {
			if _, ok := jp[k]; ok {
				t.Errorf("JobPosting.%s given but the config sets none: %v", k, jp[k])
			}
		}
		return jp
	}
	if _, err := time.Parse("2006-01-02", str(jp["validThrough"])); err != nil {
		t.Errorf("validThrough %q is not an ISO 8601 date", jp["validThrough"])
	}
	sal := obj(jp["baseSalary"])
	val := obj(sal["value"])
	if sal["@type"] != "MonetaryAmount" || sal["currency"] != "GBP" || val["@type"] != "QuantitativeValue" || val["unitText"] != "YEAR" {
		t.Errorf("baseSalary = %v", jp["baseSalary"])
	}
	if _, ok := val["minValue"].(float64); !ok {
		t.Errorf("baseSalary minValue %v is not a number", val["minValue"])
	}
	if str(obj(jp["identifier"])["value"]) == "" {
		t.Errorf("identifier = %v", jp["identifier"])
	}
	return jp
}

// TestJDIncludesSpecOnlyWhenAsked: with jd.includeSpec the JD appends the
// person specification once, as an annex.
func TestJDIncludesSpecOnlyWhenAsked(t *testing.T) {
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	formats, err := output.NewFormats()
	if err != nil {
		t.Fatal(err)
	}
	ctx := defaultContext(t, func(c *config.Config) { c.JD.IncludeSpec = true })
	k, _ := render.LookupKinds([]string{"jd"})
	g := generate(t, e, formats, ctx, k[0])
	checkRows(t, g, ctx.Spec, true)
	g.mustContain(t, "annex", []string{"Annex: person specification", "It is set out below."})
}

// TestAdvertWithVacancyDetails fills in the vacancy: every detail appears
// in the advert and the JSON-LD, and no blank is left for them.
func TestAdvertWithVacancyDetails(t *testing.T) {
	ctx := defaultContext(t, func(c *config.Config) {
		c.Vacancy.Reference = "EHDS-0420"
		c.Vacancy.Band = "Band 8c"
		c.Vacancy.SalaryMin = 70885
		c.Vacancy.SalaryMax = 80527
		c.Vacancy.Closing = "2026-12-14"
		c.Vacancy.Posted = "2026-11-23"
		c.Vacancy.Contact = "Jo Bloggs, jo.bloggs@example.org"
	})
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	k, _ := render.LookupKinds([]string{"advert"})
	kctx := ctx.For(k[0].ID, k[0].Title, false)
	src, err := e.Execute(context.Background(), k[0].Template, kctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"£70,885 to £80,527 a year", "Band 8c", "14 December 2026", "EHDS-0420", "jo.bloggs@example.org"} {
		if !strings.Contains(string(src), want) {
			t.Errorf("advert lacks %q", want)
		}
	}
	if strings.Contains(string(src), "to be completed") {
		t.Errorf("advert still has a blank:\n%s", src)
	}
	b, err := e.Execute(context.Background(), "advert.jsonld.tmpl", kctx)
	if err != nil {
		t.Fatal(err)
	}
	jp := checkJobPosting(t, b, true)
	if jp["validThrough"] != "2026-12-14" || jp["datePosted"] != "2026-11-23" {
		t.Errorf("validThrough %v, datePosted %v", jp["validThrough"], jp["datePosted"])
	}
	if v := jp["baseSalary"].(map[string]any)["value"].(map[string]any); v["minValue"] != 70885.0 || v["maxValue"] != 80527.0 {
		t.Errorf("salary %v", v)
	}
}

// TestScoringScales: the sheet shows the configured scale's anchors and
// maximum.
func TestScoringScales(t *testing.T) {
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	k, _ := render.LookupKinds([]string{"scoring"})
	for _, tc := range []struct {
		scale   string
		anchors []config.ScoreAnchor
		want    []string
	}{
		{"civil-service", nil, []string{"| 7 | Outstanding demonstration |", "| 1 | Insufficient evidence |", "Score (1–7)"}},
		{"0-4", nil, []string{"| 4 | Excellent |", "| 0 | No evidence |", "Score (0–4)"}},
		{"custom", []config.ScoreAnchor{{Score: 1, Label: "Below", Means: "below the bar"}, {Score: 3, Label: "Above", Means: "above the bar"}}, []string{"| 3 | Above | Above the bar. |", "Score (1–3)"}},
	} {
		ctx := defaultContext(t, func(c *config.Config) { c.Scoring.Scale, c.Scoring.Anchors = tc.scale, tc.anchors })
		src, err := e.Execute(context.Background(), k[0].Template, ctx.For(k[0].ID, k[0].Title, false))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(src), w) {
				t.Errorf("%s: sheet lacks %q", tc.scale, w)
			}
		}
	}
}

// TestTemplateErrorsNameFileAndLine: a user's template with an unknown
// field or bad syntax fails with the template file and line.
func TestTemplateErrorsNameFileAndLine(t *testing.T) {
	ctx := defaultContext(t, nil)
	for _, tc := range []struct {
		file, src, want string
		atParse         bool
	}{
		{"spec.md.tmpl", "# Spec\n\n{{ .Role.Nope }}\n", `spec.md.tmpl:3: `, false},
		{"advert.md.tmpl", "# Advert\n{{ end }}\n\n", `advert.md.tmpl:2: `, true},
		{"scoring.md.tmpl", "# Sheet\n\n\n{{ .Vacancy.Salary | nosuchfunc }}\n", `scoring.md.tmpl:4: `, true},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, tc.file), []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		e, err := render.NewEngine(dir)
		if !tc.atParse {
			if err != nil {
				t.Fatalf("%s: %v", tc.file, err)
			}
			k, _ := render.LookupKinds([]string{strings.TrimSuffix(tc.file, ".md.tmpl")})
			_, err = e.Document(context.Background(), k[0], ctx.For(k[0].ID, k[0].Title, false))
		}
		if err == nil {
			t.Errorf("%s: no error", tc.file)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
			t.Errorf("%s: error %q, want one line naming %q", tc.file, msg, tc.want)
		}
	}
}

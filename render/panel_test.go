package render_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/framework/importer"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

// ddatCorpus holds the DDaT role-level pages the project was built from.
const ddatCorpus = "../../shared/corpus/ddat"

// panelCase is one role a recruitment panel would publish documents for.
type panelCase struct {
	name, role, level string
	title             string // the job title every document must carry
	maxJDPages        int
	wantBehaviours    bool
	frameworkIDs      []string // ids that must not reach candidate-facing text
}

// panelContext composes a panel case: the default config with the
// embedded frameworks, or (ddat corpus) a DDaT role imported from the
// corpus as it is.
func panelContext(t *testing.T, pc panelCase) *compose.Context {
	t.Helper()
	cfg, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(pc.role, "corpus/") {
		paths, _ := filepath.Glob(filepath.Join(ddatCorpus, "data-data-scientist-*.md"))
		if len(paths) == 0 {
			t.Skip("DDaT corpus not present at " + ddatCorpus)
		}
		fw, _, err := importer.Import(paths, importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		fw.ID = "corpus"
		fws = append(fws, fw)
	}
	lib, err := compose.NewLibrary(fws...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := compose.NewContext(cfg, lib, pc.role, pc.level, testDate)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

var panelCases = []panelCase{
	{name: "default head", role: "data-engineer", level: "head", title: "Head of data engineering", maxJDPages: 6, wantBehaviours: true,
		frameworkIDs: []string{"ddat", "sde-skills", "ncf", "data-engineer", "head-of-data-ethics", "data-management-engineering"}},
	{name: "default senior", role: "data-engineer", level: "senior", title: "Senior data engineer", maxJDPages: 5,
		frameworkIDs: []string{"ddat", "sde-skills", "ncf", "data-engineer", "data-management-engineering"}},
	{name: "ncf as it is", role: "ncf/head-of-data-ethics", level: "head-of-data-ethics", title: "Head of data ethics", maxJDPages: 6, wantBehaviours: true,
		frameworkIDs: []string{"ncf", "ncf/head-of-data-ethics", "head-of-data-ethics"}},
	{name: "ddat corpus as it is", role: "corpus/data-scientist", level: "lead-data-scientist", title: "Lead data scientist", maxJDPages: 6,
		frameworkIDs: []string{"corpus", "data-scientist", "lead-data-scientist"}},
}

// Candidate-facing text carries no framework codes, no level words, no
// file:line and no tool name.
var (
	frameworkCode = regexp.MustCompile(`\b(?:[A-Z]{1,4}\d+(?:\.\d+)+|LM\d+|WAC\d+|WP\d+)\b|(?:^|[^#\w])B\d\b`)
	levelWord     = regexp.MustCompile(`(?i)\blevel\s+(?:\d|one|two|three|four|five|six|seven)\b|\((?:senior|mid|entry|level \w+)\)`)
	fileLine      = regexp.MustCompile(`\.(?:txt|md|ya?ml):\d+`)
	criterionID   = regexp.MustCompile(`^[QEKSBLO]\d+$`)
	doubled       = regexp.MustCompile(`(?i)experience (?:of|that shows you can) (?:have )?experience`)
)

// TestPanelDocuments renders the JD, person specification, advert and
// scoring sheet for the four panel cases, to PDF as well, and checks what a
// panel chair would: length, the criteria and their mix, plain words, no
// machine trail, no empty section, one title. It logs one line per
// document (pages, words, criteria) so that drift shows in review.
func TestPanelDocuments(t *testing.T) {
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
	pdf, err := formats.Lookup([]string{"pdf"})
	if err != nil {
		t.Fatal(err)
	}
	for _, pc := range panelCases {
		t.Run(pc.name, func(t *testing.T) {
			ctx := panelContext(t, pc)
			if ctx.Title != pc.title {
				t.Errorf("title %q, want %q", ctx.Title, pc.title)
			}
			spec := ctx.Spec
			desirable, scored := 0, 0
			for _, c := range spec {
				if !c.Essential {
					desirable++
				}
				if c.Scored {
					scored++
				}
			}
			if len(spec) < 10 || len(spec) > 15 || desirable < 2 {
				t.Errorf("person specification: %d criteria, %d desirable; want 10 to 15, at least 2 desirable", len(spec), desirable)
			}
			if scored < 4 || scored > 8 {
				t.Errorf("%d criteria scored, want 4 to 8", scored)
			}
			if b := len(ctx.Selected.Behaviours); pc.wantBehaviours && (b < 4 || b > 6) {
				t.Errorf("%d behaviours selected, want 4 to 6", b)
			}
			for _, k := range render.Kinds {
				if k.Internal || k.Scope != render.ScopeRung {
					continue
				}
				for _, cp := range k.Documents(ctx) {
					d, err := e.Document(context.Background(), k, cp.Context)
					if err != nil {
						t.Fatal(err)
					}
					var b bytes.Buffer
					if err := pdf[0].Writer.Write(&b, d); err != nil {
						t.Fatal(err)
					}
					pages := pdfPages(b.Bytes())
					text := treeText(d)
					crit := criteriaIn(k.ID, spec)
					t.Logf("%-20s %-8s pages %2d, words %5d, criteria %2d", pc.name, k.ID, pages, len(strings.Fields(text)), crit)
					checkCandidateDocument(t, pc, k, d, text)
					if k.Check != nil {
						for _, w := range k.Check(d) {
							t.Errorf("%s: %s", k.ID, w)
						}
					}
					if k.ID == "jd" && pages > pc.maxJDPages {
						t.Errorf("jd is %d A4 pages, want at most %d", pages, pc.maxJDPages)
					}
					for _, x := range k.Extras {
						out, err := e.Execute(context.Background(), x.Template, cp.Context)
						if err != nil {
							t.Fatal(err)
						}
						var jp map[string]any
						if err := json.Unmarshal(out, &jp); err != nil {
							t.Fatal(err)
						}
						if jp["title"] != pc.title {
							t.Errorf("JSON-LD title %q, want %q", jp["title"], pc.title)
						}
						checkPlain(t, pc, k.ID+x.Ext, fmt.Sprint(jp["description"]))
					}
				}
			}
		})
	}
}

// criteriaIn is how many criteria a kind carries.
func criteriaIn(kind string, spec []compose.Criterion) int {
	n := 0
	for _, c := range spec {
		if kind == "spec" || (kind == "scoring" && c.Scored) {
			n++
		}
	}
	return n
}

func checkCandidateDocument(t *testing.T, pc panelCase, k render.Kind, d *doc.Document, text string) {
	t.Helper()
	meta := strings.Join(append([]string{d.Meta.Title, d.Meta.Subject, d.Meta.HeaderLeft, d.Meta.HeaderRight, d.Meta.Footer}, d.Meta.Keywords...), "\n")
	checkPlain(t, pc, k.ID, text+"\n"+meta)
	if !strings.Contains(text, "Document control: Version") {
		t.Errorf("%s: no document-control line", k.ID)
	}
	var h1 []string
	for _, b := range d.Blocks {
		if h, ok := b.(*doc.Heading); ok && h.Level == 1 {
			h1 = append(h1, doc.PlainText(h.Text))
		}
	}
	if len(h1) != 1 || !strings.HasSuffix(h1[0], pc.title) {
		t.Errorf("%s: title headings %q, want one naming %q", k.ID, h1, pc.title)
	}
	for _, rep := range []string{pc.title + " · " + pc.title, pc.title + " (" + pc.title + ")", pc.title + ", " + pc.title} {
		if strings.Contains(text+meta, rep) {
			t.Errorf("%s: the title repeats: %q", k.ID, rep)
		}
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		// A sentence said twice (a duty repeated as a skill, a list
		// printed twice) shows as the same long clause on two lines.
		for _, clause := range strings.Split(line, ": ") {
			c := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(clause, ".")))
			if len(c) < 40 || strings.HasPrefix(c, "#") {
				continue
			}
			if seen[c] && k.ID != "scoring" {
				t.Errorf("%s: said twice: %q", k.ID, c)
			}
			seen[c] = true
		}
	}
	if h := emptyHeading(d); h != "" {
		t.Errorf("%s: heading %q has nothing under it", k.ID, h)
	}
}

// checkPlain fails on codes, level words, file:line, the tool's name, a
// framework id or a doubled phrase in candidate-facing text.
func checkPlain(t *testing.T, pc panelCase, what, text string) {
	t.Helper()
	for name, re := range map[string]*regexp.Regexp{"framework code": frameworkCode, "level word": levelWord, "file:line": fileLine, "doubled phrase": doubled} {
		if m := re.FindString(text); m != "" {
			t.Errorf("%s: %s %q", what, name, m)
		}
	}
	ids := append([]string{"rolepack"}, pc.frameworkIDs...)
	for _, id := range ids {
		if regexp.MustCompile(`(?i)(?:^|[^\w-])` + regexp.QuoteMeta(id) + `(?:$|[^\w-])`).MatchString(text) {
			t.Errorf("%s: names %q", what, id)
		}
	}
	if strings.Contains(text, "NHS") || strings.Contains(strings.ToLower(text), "patient") {
		t.Errorf("%s: NHS wording, though no NHS entry was named in select", what)
	}
}

// emptyHeading returns the first heading with no content before the next
// heading of the same or a higher level (or the end), or "".
func emptyHeading(d *doc.Document) string {
	for i, b := range d.Blocks {
		h, ok := b.(*doc.Heading)
		if !ok {
			continue
		}
		content := false
		for _, nb := range d.Blocks[i+1:] {
			if nh, ok := nb.(*doc.Heading); ok {
				if nh.Level <= h.Level {
					break
				}
				content = true // a sub-heading: judged on its own
				break
			}
			if _, ok := nb.(*doc.Rule); ok {
				continue
			}
			content = true
			break
		}
		if !content {
			return doc.PlainText(h.Text)
		}
	}
	return ""
}

// treeText is the text of a document tree, one block a line.
func treeText(d *doc.Document) string {
	var b strings.Builder
	var walk func(bs []doc.Block)
	walk = func(bs []doc.Block) {
		for _, bl := range bs {
			switch x := bl.(type) {
			case *doc.Heading:
				b.WriteString(doc.PlainText(x.Text) + "\n")
			case *doc.Paragraph:
				b.WriteString(doc.PlainText(x.Text) + "\n")
			case *doc.List:
				for _, it := range x.Items {
					walk(it.Blocks)
				}
			case *doc.Table:
				for _, c := range x.Header {
					b.WriteString(doc.PlainText(c.Text) + " ")
				}
				for _, r := range x.Rows {
					for _, c := range r {
						cell := doc.PlainText(c.Text)
						if criterionID.MatchString(cell) {
							cell = "#" + cell // the person specification's own ids, not framework codes
						}
						b.WriteString(cell + " ")
					}
					b.WriteString("\n")
				}
			}
		}
	}
	walk(d.Blocks)
	return b.String()
}

// pdfPages counts the page objects of a PDF.
func pdfPages(b []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(b, -1))
}

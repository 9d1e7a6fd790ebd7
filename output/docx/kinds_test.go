package docx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/output/docx"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

// kindDocuments renders every document kind for the default role at head
// (its plan from Senior to Head) in lang.
func kindDocuments(t *testing.T, lang string) map[string]*doc.Document {
	t.Helper()
	cfg, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Language = config.Languages(lang)
	cfg.PDP.From, cfg.PDP.To = "senior", "head"
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(fws...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := plan.NewContext(context.Background(), cfg, lib, cfg.Role, "head", time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*doc.Document{}
	for _, k := range render.Kinds {
		prepared, err := k.Prepare(context.Background(), ctx)
		if err != nil {
			t.Fatalf("%s: %v", k.ID, err)
		}
		for _, cp := range k.Documents(prepared) {
			d, err := e.Document(context.Background(), k, cp.Context)
			if err != nil {
				t.Fatalf("%s: %v", cp.Stem, err)
			}
			out[cp.Stem] = d
		}
	}
	return out
}

// documentXML is word/document.xml of d written as DOCX.
func documentXML(t *testing.T, w *docx.Writer, d *doc.Document) string {
	t.Helper()
	var buf bytes.Buffer
	if err := w.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}

var (
	paraRE    = regexp.MustCompile(`<w:p>.*?</w:p>`)
	headingRE = regexp.MustCompile(`<w:pStyle w:val="Heading\d"/>`)
	tagRE     = regexp.MustCompile(`<[^>]+>`)
)

// topTables lists the tables among d's top-level blocks, in order.
func topTables(d *doc.Document) []*doc.Table {
	var out []*doc.Table
	for _, b := range d.Blocks {
		if tb, ok := doc.Unwrap(b).(*doc.Table); ok {
			out = append(out, tb)
		}
	}
	return out
}

// TestDocxKeepsTheLayoutRules reads the DOCX of every document kind for
// the default role (and its plan from Senior to Head), in English and
// Welsh, and checks the marks Word and LibreOffice lay pages out by: every
// heading keeps with the paragraph after it; every table's header row
// repeats on each page (tblHeader) and never splits; every body row that
// the PDF keeps whole (under six lines, or room to write in: a scoring
// sheet's criteria) is cantSplit; and the plan's evidence log and sign-off
// keep together: each of their paragraphs but the last row's keeps with
// the next and is never split (keepNext, keepLines), each row cantSplit.
func TestDocxKeepsTheLayoutRules(t *testing.T) {
	w, err := docx.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en-GB", "cy"} {
		for stem, d := range kindDocuments(t, lang) {
			name := lang + " " + stem
			body := documentXML(t, w, d)
			for _, p := range paraRE.FindAllString(body, -1) {
				if headingRE.MatchString(p) && !strings.Contains(p, "<w:keepNext/>") {
					t.Errorf("%s: heading %q does not keep with the next paragraph", name, tagRE.ReplaceAllString(p, ""))
				}
			}
			xmlTables := strings.Split(body, "<w:tbl>")[1:]
			tables := topTables(d)
			if len(xmlTables) != len(tables) {
				t.Errorf("%s: %d tables in the DOCX, %d in the tree", name, len(xmlTables), len(tables))
				continue
			}
			for ti, tb := range tables {
				x, _, _ := strings.Cut(xmlTables[ti], "</w:tbl>")
				rows := strings.Split(x, "<w:tr>")[1:]
				if len(tb.Header) > 0 {
					if len(rows) == 0 || !strings.Contains(rows[0], "<w:tblHeader/>") || !strings.Contains(rows[0], "<w:cantSplit/>") {
						t.Errorf("%s: table %d's header row does not repeat whole on each page", name, ti+1)
					}
					rows = rows[1:]
				}
				for ri, row := range rows {
					lines := tb.RowLines(ri, d.Meta.Landscape)
					if (lines < 2*doc.MinSplitLines || tb.MinLines > 0) && !strings.Contains(row, "<w:cantSplit/>") {
						t.Errorf("%s: table %d row %d (%d lines) may split across pages", name, ti+1, ri+1, lines)
					}
				}
			}
			if stem == "pdp" {
				checkSignOff(t, name, d, body)
			}
		}
	}
}

// checkSignOff checks that the plan's kept closing span (its evidence log
// and sign-off) keeps together in body.
func checkSignOff(t *testing.T, name string, d *doc.Document, body string) {
	t.Helper()
	if len(d.Keeps) == 0 {
		t.Errorf("%s: the plan keeps nothing together", name)
		return
	}
	k := d.Keeps[len(d.Keeps)-1]
	if k.To != len(d.Blocks) {
		t.Errorf("%s: the plan's last kept span ends at block %d of %d, not with the sign-off", name, k.To, len(d.Blocks))
		return
	}
	h, ok := doc.Unwrap(d.Blocks[k.From]).(*doc.Heading)
	if !ok {
		t.Errorf("%s: the plan's last kept span opens with %T, not the evidence log's heading", name, d.Blocks[k.From])
		return
	}
	head := doc.PlainText(h.Text)
	at := strings.Index(body, ">"+head+"<")
	if at < 0 {
		t.Errorf("%s: no heading %q in the DOCX", name, head)
		return
	}
	span := body[strings.LastIndex(body[:at], "<w:p>"):]
	end := strings.LastIndex(span, "</w:tbl>")
	if end < 0 {
		t.Errorf("%s: the sign-off table is missing", name)
		return
	}
	lastRow := strings.LastIndex(span[:end], "<w:tr>")
	kept := span[:lastRow]
	paras := paraRE.FindAllString(kept, -1)
	if len(paras) < 8 {
		t.Errorf("%s: %d paragraphs from %q to the sign-off's last row, want the log and sign-off's", name, len(paras), head)
	}
	for _, p := range paras {
		if !strings.Contains(p, "<w:keepNext/>") {
			t.Errorf("%s: %q in the evidence log or sign-off does not keep with the next", name, tagRE.ReplaceAllString(p, ""))
		}
		if !headingRE.MatchString(p) && !strings.Contains(p, `w:val="TableText"`) && !strings.Contains(p, "<w:keepLines/>") {
			t.Errorf("%s: %q in the evidence log or sign-off may split over two pages", name, tagRE.ReplaceAllString(p, ""))
		}
	}
	for i, row := range strings.Split(span[:end], "<w:tr>")[1:] {
		if !strings.Contains(row, "<w:cantSplit/>") {
			t.Errorf("%s: row %d of the evidence log and sign-off may split", name, i+1)
		}
	}
}

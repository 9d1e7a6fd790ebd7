package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/render"
)

// benchDate is the document date of the benchmark's JD (and of the
// `rolepack generate` runs), so that every run measures the same bytes.
var benchDate = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// defaultJD composes and renders the job description exactly as
// `rolepack generate --doc jd` does from the embedded default config: the
// config's role and level, the embedded frameworks and templates, no brand
// and no logo (the default config sets neither).
func defaultJD(ctx context.Context) (*doc.Document, error) {
	cfg, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		return nil, fmt.Errorf("embedded config: %w", err)
	}
	fws, err := defaults.Frameworks()
	if err != nil {
		return nil, fmt.Errorf("embedded frameworks: %w", err)
	}
	lib, err := compose.NewLibrary(fws...)
	if err != nil {
		return nil, fmt.Errorf("embedded frameworks: %w", err)
	}
	engine, err := render.NewEngine("")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	kinds, err := render.LookupKinds([]string{"jd"})
	if err != nil {
		return nil, err
	}
	rc, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, benchDate)
	if err != nil {
		return nil, fmt.Errorf("compose %s at %s: %w", cfg.Role, cfg.Level, err)
	}
	k := kinds[0]
	kctx, err := k.Prepare(ctx, rc)
	if err != nil {
		return nil, fmt.Errorf("jd: %w", err)
	}
	c := k.Documents(kctx)[0]
	d, err := engine.Document(ctx, k, c.Context)
	if err != nil {
		return nil, fmt.Errorf("jd: %w", err)
	}
	d.Meta.Date = benchDate
	d.Meta.Reference = c.Context.Vacancy.Reference
	return d, nil
}

// jdFile is the shape of jd.json, the document every floor and peer
// renders: the title and a flat sequence of blocks. It is deliberately
// small, so that a peer needs no knowledge of rolepack's tree:
//
//	{"title": "...", "blocks": [
//	  {"type": "heading",   "level": 1, "text": "..."},
//	  {"type": "paragraph", "runs": [{"text": "...", "bold": true, "italic": false}]},
//	  {"type": "list",      "ordered": false, "items": [[{"text": "..."}], ...]},
//	  {"type": "table",     "header": ["...", ...], "rows": [["...", ...], ...]}
//	]}
//
// A list item is the runs of its first paragraph; a nested list's items
// follow their parent item in the same list. Table cells are plain text;
// empty fields are left out (a key–value table has no header). Rules, page breaks and charts
// (a JD has none of the last two) are left out.
type jdFile struct {
	Title  string    `json:"title"`
	Blocks []jdBlock `json:"blocks"`
}

// jdBlock is one block of jd.json; Type says which fields it uses.
type jdBlock struct {
	Type    string     `json:"type"` // heading, paragraph, list or table
	Level   int        `json:"level,omitempty"`
	Text    string     `json:"text,omitempty"`
	Runs    []jdRun    `json:"runs,omitempty"`
	Ordered bool       `json:"ordered,omitempty"`
	Items   [][]jdRun  `json:"items,omitempty"`
	Header  []string   `json:"header,omitempty"`
	Rows    [][]string `json:"rows,omitempty"`
}

// jdRun is a run of text with one style.
type jdRun struct {
	Text   string `json:"text"`
	Bold   bool   `json:"bold,omitempty"`
	Italic bool   `json:"italic,omitempty"`
}

// toJD flattens a rendered document into jd.json's shape.
func toJD(d *doc.Document) *jdFile {
	f := &jdFile{Title: d.Meta.Title, Blocks: []jdBlock{}}
	for _, b := range d.Blocks {
		switch b := b.(type) {
		case *doc.Heading:
			f.Blocks = append(f.Blocks, jdBlock{Type: "heading", Level: b.Level, Text: doc.PlainText(b.Text)})
		case *doc.Paragraph:
			f.Blocks = append(f.Blocks, jdBlock{Type: "paragraph", Runs: runsOf(b.Text)})
		case *doc.List:
			l := jdBlock{Type: "list", Ordered: b.Ordered}
			addItems(&l, b)
			f.Blocks = append(f.Blocks, l)
		case *doc.Table:
			t := jdBlock{Type: "table", Header: cellsOf(b.Header), Rows: [][]string{}}
			for _, r := range b.Rows {
				t.Rows = append(t.Rows, cellsOf(r))
			}
			f.Blocks = append(f.Blocks, t)
		}
	}
	return f
}

// addItems appends the items of list l (and of lists nested in them) to b.
func addItems(b *jdBlock, l *doc.List) {
	for _, it := range l.Items {
		var runs []jdRun
		var nested []*doc.List
		for _, ib := range it.Blocks {
			switch ib := ib.(type) {
			case *doc.Paragraph:
				if runs == nil {
					runs = runsOf(ib.Text)
				}
			case *doc.List:
				nested = append(nested, ib)
			}
		}
		if runs == nil {
			runs = []jdRun{}
		}
		b.Items = append(b.Items, runs)
		for _, n := range nested {
			addItems(b, n)
		}
	}
}

// runsOf converts inline runs; a hard break becomes a space and adjacent
// runs of one style merge.
func runsOf(in []doc.Inline) []jdRun {
	out := []jdRun{}
	for _, r := range in {
		text := r.Text
		if r.Break {
			text = " "
		}
		jr := jdRun{Text: text, Bold: r.Style&doc.Bold != 0, Italic: r.Style&doc.Italic != 0}
		if n := len(out); n > 0 && out[n-1].Bold == jr.Bold && out[n-1].Italic == jr.Italic {
			out[n-1].Text += jr.Text
			continue
		}
		out = append(out, jr)
	}
	return out
}

// cellsOf returns the plain text of each cell.
func cellsOf(cells []doc.Cell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = doc.PlainText(c.Text)
	}
	return out
}

// marshalJD encodes jd.json, indented so that a reader can look at it.
func marshalJD(f *jdFile) ([]byte, error) {
	b, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		return nil, fmt.Errorf("jd.json: %w", err)
	}
	return append(b, '\n'), nil
}

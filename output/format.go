// Package output is the registry of output formats; each format's writer
// lives in its own subpackage (pdf, docx, html, markdown, xlsx). Every writer takes the
// same document tree (render/doc) and never sees a framework or a template.
package output

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rolepack/rolepack/output/docx"
	"github.com/rolepack/rolepack/output/html"
	"github.com/rolepack/rolepack/output/markdown"
	"github.com/rolepack/rolepack/output/pdf"
	"github.com/rolepack/rolepack/output/xlsx"
	"github.com/rolepack/rolepack/render/doc"
)

// Writer turns a document tree into one file format. A Writer is built once
// per run (fonts parsed, reference documents read) and is safe for
// concurrent use by many goroutines.
type Writer interface {
	Write(w io.Writer, d *doc.Document) error
}

// Format is one output format: its name on the command line, its file
// extension, its media type and the writer that produces it.
type Format struct {
	Name      string // e.g. "pdf"
	Ext       string // e.g. ".pdf"
	MediaType string
	Writer    Writer
}

// Formats is the registry of output formats, looked up by name.
type Formats struct {
	byName map[string]Format
	order  []string
}

// NewFormats builds every writer once and returns the registry.
func NewFormats() (*Formats, error) {
	pdfWriter, err := pdf.New()
	if err != nil {
		return nil, fmt.Errorf("pdf writer: %w", err)
	}
	docxWriter, err := docx.New()
	if err != nil {
		return nil, fmt.Errorf("docx writer: %w", err)
	}
	f := &Formats{byName: map[string]Format{}}
	for _, ft := range []Format{
		{Name: "pdf", Ext: ".pdf", MediaType: "application/pdf", Writer: pdfWriter},
		{Name: "docx", Ext: ".docx", MediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Writer: docxWriter},
		{Name: "md", Ext: ".md", MediaType: "text/markdown; charset=utf-8", Writer: markdown.Writer{}},
		{Name: "html", Ext: ".html", MediaType: "text/html; charset=utf-8", Writer: html.Writer{}},
		{Name: "xlsx", Ext: ".xlsx", MediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Writer: xlsx.Writer{}},
	} {
		f.byName[ft.Name] = ft
		f.order = append(f.order, ft.Name)
	}
	return f, nil
}

// Names lists the known format names in registry order.
func (f *Formats) Names() []string { return append([]string(nil), f.order...) }

// Lookup returns the formats with the given names, in the order given.
// An unknown name is an error that lists the known ones.
func (f *Formats) Lookup(names []string) ([]Format, error) {
	out := make([]Format, 0, len(names))
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		ft, ok := f.byName[n]
		if !ok {
			known := f.Names()
			sort.Strings(known)
			return nil, fmt.Errorf("unknown format %q (known: %s)", n, strings.Join(known, ", "))
		}
		out = append(out, ft)
	}
	return out, nil
}

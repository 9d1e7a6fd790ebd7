// Package output is the registry of output formats; each format's writer
// lives in its own subpackage (pdf, docx, html, markdown). Every writer takes the
// same document tree (doc) and never sees a framework or a template.
package output

import (
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output/docx"
	"github.com/rolepack/rolepack/output/html"
	"github.com/rolepack/rolepack/output/markdown"
	"github.com/rolepack/rolepack/output/pdf"
	"github.com/rolepack/rolepack/output/xlsx"
)

// Writer turns a document tree into one file format. A Writer is built once
// per run (fonts parsed, reference documents read) and is safe for
// concurrent use by many goroutines.
type Writer interface {
	Write(w io.Writer, d *doc.Document) error
}

// Shapes of format (Format.Shape); document kinds name the shapes they can
// be written in (render.Kind.Shapes), so a new format of a known shape is
// accepted by every kind of that shape with no other change.
const (
	// ShapeDocument writes the whole document tree.
	ShapeDocument = "document"
	// ShapeTable writes the tree's tables alone (a spreadsheet).
	ShapeTable = "table"
)

// Format is one output format: its name on the command line, its file
// extension, its media type, its shape, whether its files are compressed
// already (a zip stores them rather than deflating them again), and how to
// build its writer. Formats returned by Formats.Lookup carry their built
// Writer.
type Format struct {
	Name      string // e.g. "pdf"
	Ext       string // e.g. ".pdf"
	MediaType string
	// Shape is what of the tree the writer writes: ShapeDocument or
	// ShapeTable.
	Shape      string
	Compressed bool
	// New builds the format's writer; it may be slow (the PDF writer parses
	// its fonts), so a registry calls it only for a format a run asks for.
	New func() (Writer, error)
	// Letterhead, when set, builds the format's writer inside an
	// organisation's letterhead (brand.referenceDoc: the file's name, for
	// messages, and its bytes). A run with a letterhead uses it in place
	// of New; formats without one ignore the letterhead.
	Letterhead func(name string, data []byte) (Writer, error)
	// Writer is the built writer, set on formats Lookup returns.
	Writer Writer
}

// DefaultFormats are the formats rolepack writes. Adding a format is one
// value here and one writer package.
var DefaultFormats = []Format{
	{Name: "pdf", Ext: ".pdf", MediaType: "application/pdf", Shape: ShapeDocument, Compressed: true,
		New: func() (Writer, error) { return pdf.New() }},
	{Name: "docx", Ext: ".docx", MediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Shape: ShapeDocument, Compressed: true,
		New:        func() (Writer, error) { return docx.New() },
		Letterhead: func(name string, data []byte) (Writer, error) { return docx.NewWithReference(name, data) }},
	{Name: "md", Ext: ".md", MediaType: "text/markdown; charset=utf-8", Shape: ShapeDocument,
		New: func() (Writer, error) { return markdown.Writer{}, nil }},
	{Name: "html", Ext: ".html", MediaType: "text/html; charset=utf-8", Shape: ShapeDocument,
		New: func() (Writer, error) { return html.Writer{}, nil }},
	{Name: "xlsx", Ext: ".xlsx", MediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Shape: ShapeTable, Compressed: true,
		New: func() (Writer, error) { return xlsx.Writer{}, nil }},
}

// CheckLetterhead reads a letterhead as a run with brand.referenceDoc
// does, and reports what it provides and what rolepack adds to it
// (rolepack brand check).
func CheckLetterhead(name string, data []byte) (*docx.Report, error) {
	return docx.CheckReference(name, data)
}

// FormatNames lists the names of DefaultFormats, sorted, for help text and
// messages.
func FormatNames() []string {
	names := make([]string, len(DefaultFormats))
	for i, f := range DefaultFormats {
		names[i] = f.Name
	}
	sort.Strings(names)
	return names
}

// CompressedExt reports whether a file name's extension is that of a
// format whose files are compressed already (PDF, DOCX).
func CompressedExt(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, f := range DefaultFormats {
		if f.Ext == ext {
			return f.Compressed
		}
	}
	return false
}

// Formats is a registry of output formats, looked up by name. It builds a
// format's writer the first time the format is looked up, once, and is safe
// for concurrent use.
type Formats struct {
	entries []*formatEntry
}

type formatEntry struct {
	format Format
	writer func() (Writer, error) // sync.OnceValues over format.New
	mu     sync.Mutex
	built  bool
}

// NewFormats returns a registry of DefaultFormats; no writer is built yet.
func NewFormats() (*Formats, error) { return NewFormatsOf(DefaultFormats), nil }

// NewFormatsOf returns a registry of the given formats (tests use it to
// count writer constructions).
func NewFormatsOf(formats []Format) *Formats {
	f := &Formats{}
	for _, ft := range formats {
		e := &formatEntry{format: ft}
		e.writer = sync.OnceValues(func() (Writer, error) {
			e.mu.Lock()
			e.built = true
			e.mu.Unlock()
			w, err := ft.New()
			if err != nil {
				return nil, fmt.Errorf("%s writer: %w", ft.Name, err)
			}
			return w, nil
		})
		f.entries = append(f.entries, e)
	}
	return f
}

// Names lists the known format names, sorted.
func (f *Formats) Names() []string {
	names := make([]string, len(f.entries))
	for i, e := range f.entries {
		names[i] = e.format.Name
	}
	sort.Strings(names)
	return names
}

// Built lists the names of the formats whose writer has been built, in
// registry order.
func (f *Formats) Built() []string {
	var out []string
	for _, e := range f.entries {
		e.mu.Lock()
		if e.built {
			out = append(out, e.format.Name)
		}
		e.mu.Unlock()
	}
	return out
}

// List returns the registry's formats in registry order (the order of
// DefaultFormats: PDF and Word first), without their writers.
func (f *Formats) List() []Format {
	out := make([]Format, len(f.entries))
	for i, e := range f.entries {
		out[i] = e.format
	}
	return out
}

// Known reports whether name (case and surrounding space ignored) is a
// format of the registry.
func (f *Formats) Known(name string) bool { return f.entry(name) != nil }

func (f *Formats) entry(name string) *formatEntry {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, e := range f.entries {
		if e.format.Name == name {
			return e
		}
	}
	return nil
}

// Lookup returns the formats with the given names, in the order given, each
// with its writer built (the first time it is asked for). An unknown name
// is an error that lists the known ones.
func (f *Formats) Lookup(names []string) ([]Format, error) {
	out := make([]Format, 0, len(names))
	for _, n := range names {
		e := f.entry(n)
		if e == nil {
			return nil, fmt.Errorf("unknown format %q (known: %s)", strings.ToLower(strings.TrimSpace(n)), strings.Join(f.Names(), ", "))
		}
		w, err := e.writer()
		if err != nil {
			return nil, err
		}
		ft := e.format
		ft.Writer = w
		out = append(out, ft)
	}
	return out, nil
}

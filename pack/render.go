// Package pack renders sets of documents (a role's JD, person spec, advert,
// scoring sheet and PDP in several formats) and, in batch, role packs for
// many vacancies. It joins render (templates → document tree) and output
// (tree → files); neither of those knows the other.
package pack

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

// Renderer turns a template context into files. Build it once per run:
// templates are parsed, fonts loaded and the reference DOCX read once. It is
// safe for concurrent use.
type Renderer struct {
	Engine  *render.Engine
	Formats *output.Formats
}

// NewRenderer parses templates (with overrides from templatesDir, if set)
// and builds every writer.
func NewRenderer(templatesDir string) (*Renderer, error) {
	e, err := render.NewEngine(templatesDir)
	if err != nil {
		return nil, err
	}
	f, err := output.NewFormats()
	if err != nil {
		return nil, err
	}
	return &Renderer{Engine: e, Formats: f}, nil
}

// Request says which documents to render for one context.
type Request struct {
	Context *render.Context
	Kinds   []render.DocKind
	Formats []output.Format
	Date    time.Time
	Logo    []byte
	// Prefix goes before every file name, e.g. "REF-1-data-engineer-head-".
	Prefix string
	// Warn, when set, receives each kind's warnings about its rendered
	// document (e.g. an advert outside 400–700 words).
	Warn func(kind, message string)
}

// Files renders every kind in every format (plus each kind's extra outputs,
// such as the advert's JSON-LD) into memory, named <prefix><kind><ext>.
// Nothing is written to disk; the first error stops the work.
func (r *Renderer) Files(ctx context.Context, req Request) ([]output.File, error) {
	var files []output.File
	for _, k := range req.Kinds {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		kctx := req.Context.For(k)
		if k.ID == "pdp" && kctx.PDP == nil {
			return nil, fmt.Errorf("%s: no development plan in the context", k.ID)
		}
		d, err := r.Engine.Document(ctx, k, kctx)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k.ID, err)
		}
		d.Meta.Date = req.Date
		d.Meta.Logo = req.Logo
		if k.Check != nil && req.Warn != nil {
			for _, w := range k.Check(d) {
				req.Warn(k.ID, w)
			}
		}
		for _, f := range req.Formats {
			var b bytes.Buffer
			if err := f.Writer.Write(&b, d); err != nil {
				return nil, fmt.Errorf("%s %s: %w", k.ID, f.Name, err)
			}
			files = append(files, output.File{Name: req.Prefix + k.ID + f.Ext, Data: b.Bytes()})
		}
		for _, x := range k.Extras {
			b, err := r.Engine.Execute(ctx, x.Template, kctx)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k.ID, err)
			}
			if x.Ext == ".jsonld" || x.Ext == ".json" {
				var v any
				if err := json.Unmarshal(b, &v); err != nil {
					return nil, fmt.Errorf("%s: template %s gave invalid JSON: %w", k.ID, x.Template, err)
				}
			}
			files = append(files, output.File{Name: req.Prefix + k.ID + x.Ext, Data: b})
		}
	}
	return files, nil
}

// Package pack renders sets of documents (a role's JD, person spec, advert,
// scoring sheet and PDP in several formats) and, in batch, role packs for
// many vacancies. It joins render (templates → document tree) and output
// (tree → files); neither of those knows the other. Run is the one run
// every front end (rolepack generate, pack, serve) builds documents
// through: templates, formats and letterhead, brand, logo and editorial
// rules, decided once.
package pack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/i18n"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

// Renderer turns a template context into files. Build it once per run:
// templates are parsed, fonts loaded and the reference DOCX read once. It is
// safe for concurrent use.
type Renderer struct {
	Engine  *render.Engine
	Formats *output.Formats
	// StackLog, when set, receives the stack of an internal error a
	// writer recovered from (rolepack --verbose); the error itself names
	// the document either way.
	StackLog io.Writer
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
	Context *compose.Context
	Kinds   []render.Kind
	Formats []output.Format
	Date    time.Time
	Logo    []byte
	// Brand is the organisation's look, decided once per run (nil: none).
	Brand *doc.Brand
	// Prefix goes before every file name, e.g. "REF-1-data-engineer-head-".
	Prefix string
	// Warn, when set, receives each kind's warnings about its rendered
	// document (e.g. an advert outside 400–700 words).
	Warn func(kind, message string)
	// Editorial, when set, runs the editorial checks on every
	// candidate-facing document (see Editorial).
	Editorial *Editorial
}

// Files renders every kind in every format (plus each kind's extra outputs,
// such as the advert's JSON-LD) into memory, named <prefix><stem><ext>,
// where the stem is the kind's id or, for a kind that makes copies, each
// copy's stem. Nothing is written to disk; the first error stops the work.
func (r *Renderer) Files(ctx context.Context, req Request) ([]output.File, error) {
	var files []output.File
	if err := r.CheckFormats(req.Kinds, req.Formats); err != nil {
		return nil, err
	}
	for _, k := range req.Kinds {
		kctx, err := k.Prepare(ctx, req.Context)
		if err != nil {
			return nil, err
		}
		for _, c := range k.Documents(kctx) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			fs, err := r.document(ctx, k, c, req)
			if err != nil {
				return nil, err
			}
			files = append(files, fs...)
		}
	}
	return files, nil
}

// CheckFormats returns an error naming the first kind that cannot be
// written in one of the formats (its shape is not one the kind accepts),
// with the formats it can be.
func (r *Renderer) CheckFormats(kinds []render.Kind, formats []output.Format) error {
	for _, k := range kinds {
		for _, f := range formats {
			if k.Accepts(f.Shape) {
				continue
			}
			var can []string
			for _, g := range r.Formats.List() {
				if k.Accepts(g.Shape) {
					can = append(can, g.Name)
				}
			}
			return fmt.Errorf("%s (%s) cannot be written as %s (it can be: %s)", k.ID, strings.ToLower(k.Title), f.Name, strings.Join(can, ", "))
		}
	}
	return nil
}

// Document renders one document of kind k (a copy k.Documents made) as
// Files writes it: its tree with the request's date, logo, reference and
// brand, the kind's checks run (warnings to req.Warn) and the editorial
// checks (req.Editorial), and the kind's extra outputs, named
// <prefix><stem><ext>, those the kind embeds handed to the tree too.
//
// In a bilingual run (the context's Also) the document is rendered in each
// language and the two laid out together (doc.Bilingual); an internal
// kind (the record, which is in English) is rendered once, from the
// English context.
func (r *Renderer) Document(ctx context.Context, k render.Kind, c render.Copy, req Request) (*doc.Document, []output.File, error) {
	if c.Context.Also != nil && k.Internal {
		if i18n.Base(c.Context.Also.Language) == "en" {
			c2, err := alsoCopy(ctx, k, c)
			if err != nil {
				return nil, nil, err
			}
			c = c2
		}
		return r.oneDocument(ctx, k, c, req, "")
	}
	d, extras, err := r.oneDocument(ctx, k, c, req, "")
	if err != nil || c.Context.Also == nil {
		return d, extras, err
	}
	// A bilingual document: the same copy in the second language, the two
	// trees laid out together, the extras of both in one file each.
	c2, err := alsoCopy(ctx, k, c)
	if err != nil {
		return nil, nil, err
	}
	d2, extras2, err := r.oneDocument(ctx, k, c2, req, "-"+i18n.Base(c2.Context.Language))
	if err != nil {
		return nil, nil, err
	}
	both, err := doc.Bilingual(d, d2, c.Context.Layout)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", c.Stem, err)
	}
	for i := range extras {
		if i < len(extras2) {
			extras[i].Data = joinExtras(extras[i].Name, extras[i].Data, extras2[i].Data)
		}
	}
	return both, extras, nil
}

// alsoCopy is copy c of kind k in a bilingual run's second language: the
// copy of the same stem k makes from the second language's context.
func alsoCopy(ctx context.Context, k render.Kind, c render.Copy) (render.Copy, error) {
	kc, err := k.Prepare(ctx, c.Context.Also)
	if err != nil {
		return render.Copy{}, err
	}
	for _, x := range k.Documents(kc) {
		if x.Stem == c.Stem {
			return x, nil
		}
	}
	return render.Copy{}, fmt.Errorf("%s: no copy in %s to pair with it", c.Stem, c.Context.Also.Language)
}

// joinExtras is a bilingual document's extra output from both languages':
// JSON (the advert's JSON-LD) as a list of the two, one posting per
// language; anything else the first language's.
func joinExtras(name string, a, b []byte) []byte {
	if !strings.HasSuffix(name, ".jsonld") && !strings.HasSuffix(name, ".json") {
		return a
	}
	var out bytes.Buffer
	out.WriteString("[\n")
	out.Write(bytes.TrimRight(a, "\n"))
	out.WriteString(",\n")
	out.Write(bytes.TrimRight(b, "\n"))
	out.WriteString("\n]\n")
	return out.Bytes()
}

// oneDocument is Document in one language; lintSuffix names the second
// language's document in editorial findings ("jd-en.md").
func (r *Renderer) oneDocument(ctx context.Context, k render.Kind, c render.Copy, req Request, lintSuffix string) (*doc.Document, []output.File, error) {
	d, err := r.Engine.Document(ctx, k, c.Context)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", c.Stem, err)
	}
	if !k.Internal {
		// The framework text a document in another language gives in
		// English is tagged so: blocks, items, cells and runs.
		render.MarkLanguage(d, c.Context)
	}
	d.Meta.Date = req.Date
	d.Meta.Logo = req.Logo
	d.Meta.Reference = c.Context.Vacancy.Reference
	if req.Brand != nil {
		d.Meta.Brand = req.Brand
		if req.Brand.Header != "" {
			d.Meta.HeaderRight = req.Brand.Header
		}
	}
	if k.Check != nil && req.Warn != nil {
		for _, w := range k.Check(d) {
			req.Warn(c.Stem+lintSuffix, w)
		}
	}
	if k.CandidateFacing && req.Editorial != nil {
		if err := r.lintDocument(ctx, d, req.Prefix+c.Stem+lintSuffix+".md", req.Editorial); err != nil {
			return nil, nil, err
		}
	}
	var extras []output.File
	for _, x := range k.Extras {
		b, err := r.Engine.Execute(ctx, x.Template, c.Context)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", c.Stem, err)
		}
		if x.Validate != nil {
			if err := x.Validate(b); err != nil {
				return nil, nil, fmt.Errorf("%s: template %s: %w", c.Stem, x.Template, err)
			}
		}
		if x.Embed {
			d.Meta.Embeds = append(d.Meta.Embeds, doc.Embed{MediaType: x.MediaType, Data: b})
		}
		extras = append(extras, output.File{Name: req.Prefix + c.Stem + x.Ext, Data: b})
	}
	return d, extras, nil
}

// Write writes a rendered document in format f. A writer's internal error
// names the document; its stack goes to StackLog, when set.
func (r *Renderer) Write(d *doc.Document, stem string, f output.Format) ([]byte, error) {
	var b bytes.Buffer
	if err := f.Writer.Write(&b, d); err != nil {
		r.logStack(err)
		return nil, fmt.Errorf("%s %s: %w", stem, f.Name, err)
	}
	return b.Bytes(), nil
}

// logStack writes the stack an error carries (a writer's recovered panic)
// to StackLog, when set.
func (r *Renderer) logStack(err error) {
	var st interface{ Stack() []byte }
	if r.StackLog != nil && errors.As(err, &st) {
		fmt.Fprintf(r.StackLog, "%v\n%s\n", err, st.Stack())
	}
}

// document renders one document of kind k in every format, with the
// kind's extras.
func (r *Renderer) document(ctx context.Context, k render.Kind, c render.Copy, req Request) ([]output.File, error) {
	d, extras, err := r.Document(ctx, k, c, req)
	if err != nil {
		return nil, err
	}
	var files []output.File
	for _, f := range req.Formats {
		b, err := r.Write(d, c.Stem, f)
		if err != nil {
			return nil, err
		}
		files = append(files, output.File{Name: req.Prefix + c.Stem + f.Ext, Data: b})
	}
	return append(files, extras...), nil
}

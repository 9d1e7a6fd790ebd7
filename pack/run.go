package pack

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

// Settings are what a Run is made from: the config a front end read (with
// its flags, environment and --set over it), the frameworks, the document
// date and the format registry.
type Settings struct {
	Config  *config.Config
	Library *compose.Library
	// Path resolves a file path the config gives at a key ("brand.logo")
	// to the path to read: relative to the config file's folder when the
	// file gave it. Nil reads paths as given.
	Path func(key, p string) string
	Date time.Time
	// DateFromClock says Date is today's because nothing pinned it (see
	// Batch.DateFromClock).
	DateFromClock bool
	// Formats is the output format registry (output.NewFormats).
	Formats *output.Formats
	// StackLog, when set, receives the stack of every internal error
	// (a panic) the run recovers from and reports as an error: rolepack
	// --verbose.
	StackLog io.Writer
}

// Run is one run of the pipeline: the one place every front end
// (rolepack generate, pack, serve and brand check) gets its templates,
// kinds, formats, brand, letterhead, logo and editorial rules from, so
// that each builds the same documents from the same inputs. Make it once
// per process with NewRun; it is safe for concurrent use.
type Run struct {
	Config        *config.Config
	Library       *compose.Library
	Date          time.Time
	DateFromClock bool
	// Renderer holds the parsed templates and the format registry.
	Renderer *Renderer
	// TemplatesDir is the folder of template overrides ("" for none).
	TemplatesDir string
	// Logo is the organisation's logo (brand.logo, else
	// organisation.logo), nil for none.
	Logo []byte
	// Brand is the organisation's look every document's Meta shares (nil:
	// none set).
	Brand *doc.Brand

	path       func(key, p string) string
	fontFiles  [][]byte // the brand's font files, for a pack's stamp
	rules      func() (*lint.Rules, error)
	letterhead struct {
		once sync.Once
		data []byte // the letterhead's bytes, once a format asked for it
		err  error
		mu   sync.Mutex
		w    map[string]output.Writer // per format name
	}
}

// NewRun parses the templates and reads the logo and the brand the config
// names. A file that cannot be read or a value that does not parse is an
// error naming its config line.
func NewRun(s Settings) (*Run, error) {
	if s.Config == nil || s.Library == nil || s.Formats == nil {
		return nil, fmt.Errorf("pack: a run needs a config, a library and a format registry")
	}
	path := s.Path
	if path == nil {
		path = func(_, p string) string { return p }
	}
	r := &Run{Config: s.Config, Library: s.Library, Date: s.Date, DateFromClock: s.DateFromClock, path: path}
	r.TemplatesDir = path("templates", s.Config.Templates)
	engine, err := render.NewEngine(r.TemplatesDir)
	if err != nil {
		return nil, err
	}
	r.Renderer = &Renderer{Engine: engine, Formats: s.Formats, StackLog: s.StackLog}
	if r.Logo, err = r.readLogo(); err != nil {
		return nil, err
	}
	if r.Brand, r.fontFiles, err = r.brand(); err != nil {
		return nil, err
	}
	r.rules = sync.OnceValues(func() (*lint.Rules, error) { return EditorialRules(s.Config) })
	return r, nil
}

// Formats returns the registry.
func (r *Run) Formats() *output.Formats { return r.Renderer.Formats }

// Kinds returns the document kinds with the given ids, in the order given.
func (r *Run) Kinds(ids []string) ([]render.Kind, error) { return render.LookupKinds(ids) }

// LookupFormats returns the formats with the given names, each with its
// writer built, inside the letterhead when the config names one
// (UseLetterhead).
func (r *Run) LookupFormats(names []string) ([]output.Format, error) {
	fs, err := r.Formats().Lookup(names)
	if err != nil {
		return nil, err
	}
	if err := r.UseLetterhead(fs); err != nil {
		return nil, err
	}
	return fs, nil
}

// UseLetterhead sets the writer of each of formats that takes a
// letterhead to one inside the config's brand.referenceDoc, when it sets
// one; the file is read the first time such a format is asked for.
func (r *Run) UseLetterhead(formats []output.Format) error {
	for i, f := range formats {
		if f.Letterhead == nil {
			continue
		}
		w, err := r.letterheadWriter(f)
		if err != nil {
			return err
		}
		if w != nil {
			formats[i].Writer = w
		}
	}
	return nil
}

// letterheadWriter is format f's writer inside the letterhead, built once;
// nil when the config names no letterhead.
func (r *Run) letterheadWriter(f output.Format) (output.Writer, error) {
	p := r.path("brand.referenceDoc", r.Config.Brand.ReferenceDoc)
	if p == "" {
		return nil, nil
	}
	lh := &r.letterhead
	at := r.Config.At("brand", "referenceDoc")
	lh.once.Do(func() {
		lh.data, lh.err = userfile.Read(p, userfile.ReferenceDocument)
	})
	if lh.err != nil {
		return nil, fmt.Errorf("%s: brand.referenceDoc: %w", at, lh.err)
	}
	lh.mu.Lock()
	defer lh.mu.Unlock()
	if w, ok := lh.w[f.Name]; ok {
		return w, nil
	}
	w, err := f.Letterhead(p, lh.data)
	if err != nil {
		return nil, fmt.Errorf("%s: brand.referenceDoc: %w", at, err)
	}
	if lh.w == nil {
		lh.w = map[string]output.Writer{}
	}
	lh.w[f.Name] = w
	return w, nil
}

// brandFiles are the contents of the files the brand draws on: the
// letterhead (once a format has used it) and the font files, for a pack's
// stamp.
func (r *Run) brandFiles() [][]byte {
	var files [][]byte
	r.letterhead.mu.Lock()
	if len(r.letterhead.w) > 0 {
		files = append(files, r.letterhead.data)
	}
	r.letterhead.mu.Unlock()
	return append(files, r.fontFiles...)
}

// FormatNamesFor lists, in registry order, the formats every one of kinds
// can be written in.
func (r *Run) FormatNamesFor(kinds ...render.Kind) []string {
	var names []string
	for _, f := range r.Formats().List() {
		ok := true
		for _, k := range kinds {
			ok = ok && k.Accepts(f.Shape)
		}
		if ok {
			names = append(names, f.Name)
		}
	}
	return names
}

// EditorialRules are the editorial rules with the config's allowed and
// banned words (EditorialRules), built the first time they are asked for.
func (r *Run) EditorialRules() (*lint.Rules, error) { return r.rules() }

// Request is the request for kinds in formats over the context rc, with
// the run's date, logo and brand.
func (r *Run) Request(rc *compose.Context, kinds []render.Kind, formats []output.Format) Request {
	return Request{Context: rc, Kinds: kinds, Formats: formats, Date: r.Date, Logo: r.Logo, Brand: r.Brand}
}

// Batch returns a batch of the kinds with the given ids (role packs when
// none) into the folder out, in formats (from LookupFormats), with the
// run's renderer, config, frameworks, date, logo, brand and identity. The
// caller sets Jobs, Force, Progress and Editorial.
func (r *Run) Batch(out string, kinds []string, formats []output.Format) (*Batch, error) {
	id, err := NewIdentity(r.Config, r.Library, r.TemplatesDir, r.Logo)
	if err != nil {
		return nil, err
	}
	id.BrandFiles(r.brandFiles()...)
	return &Batch{
		Renderer: r.Renderer, Config: r.Config, Library: r.Library, Identity: id, Formats: formats,
		Date: r.Date, DateFromClock: r.DateFromClock, Logo: r.Logo, Brand: r.Brand, Out: out, Jobs: 1,
		Kinds: kinds,
	}, nil
}

// readLogo reads the organisation logo the config names, if any, through
// a bounded read, and checks it is a whole PNG or JPEG within the pixel
// limits (userfile.CheckImage).
func (r *Run) readLogo() ([]byte, error) {
	cfg := r.Config
	key := []any{"organisation", "logo"}
	p := r.path("organisation.logo", cfg.Organisation.Logo)
	if cfg.Brand.Logo != "" {
		key, p = []any{"brand", "logo"}, r.path("brand.logo", cfg.Brand.Logo)
	}
	if p == "" {
		return nil, nil
	}
	b, err := userfile.Read(p, userfile.Logo)
	if err == nil {
		// Checked before any writer decodes it: its header first, then
		// the whole image, within userfile's pixel limits.
		err = userfile.CheckImage(p, b)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: logo: %w", cfg.At(key...), err)
	}
	return b, nil
}

// brand decides the run's brand from the config once: the colours, logo
// alt text, header and typeface every document's Meta shares, nil when
// the config sets none, and the contents of the font files it reads.
func (r *Run) brand() (*doc.Brand, [][]byte, error) {
	cfg := r.Config
	b := cfg.Brand
	if b.Primary == "" && b.Accent == "" && b.LogoAlt == "" && b.Header == "" && b.Font == "" && b.FontFiles.Regular == "" {
		return nil, nil, nil
	}
	var files [][]byte
	out := &doc.Brand{LogoAlt: strings.TrimSpace(b.LogoAlt), Header: strings.TrimSpace(b.Header)}
	for _, c := range []struct {
		key string
		v   string
		to  *doc.Colour
	}{{"primary", b.Primary, &out.Primary}, {"accent", b.Accent, &out.Accent}} {
		if c.v == "" {
			continue
		}
		col, err := doc.ParseColour(c.v)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: brand.%s: %w", cfg.At("brand", c.key), c.key, err)
		}
		*c.to = col
	}
	switch {
	case b.FontFiles.Regular != "":
		faces := &doc.FontFiles{}
		for _, f := range []struct {
			key, path string
			to        *[]byte
		}{{"regular", b.FontFiles.Regular, &faces.Regular}, {"bold", b.FontFiles.Bold, &faces.Bold},
			{"italic", b.FontFiles.Italic, &faces.Italic}, {"boldItalic", b.FontFiles.BoldItalic, &faces.BoldItalic}} {
			p := r.path("brand.fontFiles."+f.key, f.path)
			if p == "" {
				continue
			}
			data, err := userfile.Read(p, userfile.Font)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: brand.fontFiles.%s: %w", cfg.At("brand", "fontFiles", f.key), f.key, err)
			}
			*f.to = data
			files = append(files, data)
		}
		name := strings.TrimSpace(b.Font)
		if name == "" {
			name = strings.TrimSuffix(filepath.Base(b.FontFiles.Regular), filepath.Ext(b.FontFiles.Regular))
		}
		out.Font = &doc.Typeface{Name: name, Files: faces}
	case b.Font != "":
		known := false
		for _, f := range doc.EmbeddedFamilies {
			known = known || strings.EqualFold(f, strings.Join(strings.Fields(b.Font), " "))
		}
		if !known {
			return nil, nil, fmt.Errorf("%s: brand.font %q is not embedded (embedded: %s; for your own TrueType family set brand.fontFiles.regular)", cfg.At("brand", "font"), b.Font, strings.Join(doc.EmbeddedFamilies, ", "))
		}
		out.Font = &doc.Typeface{Name: b.Font}
	}
	return out, files, nil
}

package pdf

import (
	"fmt"
	"strings"
	"sync"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"

	"github.com/rolepack/rolepack/doc"
)

// brandFaces caches the parsed faces of each brand typeface a Writer has
// met: a run's brand is one shared *doc.Typeface, so its fonts are parsed
// and measured once, however many documents use it.
type brandFaces struct {
	mu sync.Mutex
	m  map[*doc.Typeface]func() (*[numFaces]*face, error)
}

// get returns the faces of t, parsing them the first time.
func (b *brandFaces) get(t *doc.Typeface) (*[numFaces]*face, error) {
	b.mu.Lock()
	load, ok := b.m[t]
	if !ok {
		if b.m == nil {
			b.m = map[*doc.Typeface]func() (*[numFaces]*face, error){}
		}
		load = sync.OnceValues(func() (*[numFaces]*face, error) {
			faces, err := loadTypeface(t)
			return &faces, err
		})
		b.m[t] = load
	}
	b.mu.Unlock()
	return load()
}

// loadTypeface parses an embedded family by name, or the user's TrueType
// files.
func loadTypeface(t *doc.Typeface) ([numFaces]*face, error) {
	if t.Files != nil {
		f := t.Files
		if f.Regular == nil {
			return [numFaces]*face{}, fmt.Errorf("typeface %s: no regular font file", t.Name)
		}
		// fpdf names the font by family; a fixed name keeps the user's
		// family name (any text) out of PDF names.
		return loadFamily("BrandFont", [4][]byte{f.Regular, f.Bold, f.Italic, f.BoldItalic})
	}
	switch strings.ToLower(strings.Join(strings.Fields(t.Name), " ")) {
	case "liberation sans", "sans", "arial", "helvetica":
		return loadFaces()
	case "liberation serif", "serif", "times new roman", "times":
		return loadFamily("LiberationSerif", [4][]byte{liberationserifregular.TTF, liberationserifbold.TTF, liberationserifitalic.TTF, liberationserifbolditalic.TTF})
	}
	return [numFaces]*face{}, fmt.Errorf("typeface %q is not embedded (embedded: %s; or give a TrueType file)", t.Name, strings.Join(doc.EmbeddedFamilies, ", "))
}

// applyBrand sets the document's typeface and colours from its brand.
func (r *renderer) applyBrand() error {
	b := r.d.Meta.Brand
	if b == nil {
		return nil
	}
	if b.Font != nil {
		if !isSans(b.Font) {
			faces, err := r.w.families.get(b.Font)
			if err != nil {
				return err
			}
			r.faces = faces
		}
	}
	r.palette = map[rgb]rgb{}
	if c := b.Primary; c.Set {
		r.palette[colAccent] = rgbOf(c)
	}
	if c := b.Accent; c.Set {
		r.palette[colRule] = rgbOf(c)
		r.palette[colHeaderFill] = rgbOf(c.Tint(0.18))
	}
	return nil
}

func isSans(t *doc.Typeface) bool {
	return t.Files == nil && strings.EqualFold(strings.Join(strings.Fields(t.Name), " "), "Liberation Sans")
}

func rgbOf(c doc.Colour) rgb { return rgb{int(c.R), int(c.G), int(c.B)} }

// branded is the brand's colour in place of c, or c.
func (r *renderer) branded(c rgb) rgb {
	if len(r.palette) == 0 {
		return c // no brand colours: no lookup for each piece of text
	}
	if to, ok := r.palette[c]; ok {
		return to
	}
	return c
}

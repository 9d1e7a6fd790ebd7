package pdf

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/rolepack/rolepack/doc"
)

// face is one embedded font face: the font as fpdf parsed it, shared by
// every document, and the advance width of every Basic Multilingual Plane
// rune in thousandths of an em, computed exactly as fpdf computes them, so
// that text measured here lands where fpdf draws it.
type face struct {
	family string // fpdf family name
	style  string // fpdf style: "", "B", "I", "BI"
	// selectFamily and selectStyle are what setFont passes to fpdf's
	// SetFont: the family in lower case (as SetFont would make it, each
	// time) and the style without and with underlining ("U").
	selectFamily string
	selectStyle  [2]string
	parsed       *fpdf.UTF8Font
	widths       *widthTable // per rune; 0 means the font has no glyph
	// bytes is widths for a word's bytes (words.read): an ASCII byte's
	// width, or stopByte for a space, a byte of a multi-byte character
	// and a character the font has no glyph for, which read looks at on
	// its own.
	bytes *[256]uint32
}

// stopByte marks a byte of face.bytes that is not simply measured.
const stopByte = 1 << 16

// Face indexes.
const (
	faceRegular = iota
	faceBold
	faceItalic
	faceBoldItalic
	faceMono
	numFaces
)

// faceOf returns the face that draws text of the given inline style.
func faceOf(s doc.Style) int {
	switch {
	case s&doc.Code != 0:
		return faceMono
	case s&doc.Bold != 0 && s&doc.Italic != 0:
		return faceBoldItalic
	case s&doc.Bold != 0:
		return faceBold
	case s&doc.Italic != 0:
		return faceItalic
	}
	return faceRegular
}

// Family names as fpdf knows them; the PDF names each embedded font
// "utf8" + family + style (utf8liberationsansB).
const (
	familySans = "LiberationSans"
	familyMono = "LiberationMono"
)

// loadFaces parses the embedded Liberation fonts once, for fpdf and for
// measuring, and builds their width tables.
func loadFaces() ([numFaces]*face, error) {
	return loadFamily(familySans, [4][]byte{liberationsansregular.TTF, liberationsansbold.TTF, liberationsansitalic.TTF, liberationsansbolditalic.TTF})
}

// loadFamily parses a family's regular, bold, italic and bold italic
// TrueType fonts (a missing face is the regular one) under the fpdf family
// name family, with Liberation Mono for code.
func loadFamily(family string, ttfs [4][]byte) ([numFaces]*face, error) {
	var faces [numFaces]*face
	styles := [4]string{"", "B", "I", "BI"}
	for i := range ttfs {
		if ttfs[i] == nil {
			ttfs[i] = ttfs[0]
		}
	}
	specs := [numFaces]struct {
		family, style string
		ttf           []byte
	}{
		faceRegular:    {family, styles[0], ttfs[0]},
		faceBold:       {family, styles[1], ttfs[1]},
		faceItalic:     {family, styles[2], ttfs[2]},
		faceBoldItalic: {family, styles[3], ttfs[3]},
		faceMono:       {familyMono, "", liberationmonoregular.TTF},
	}
	// The faces are independent: parse them on every core (a cold start
	// spends most of its font time here).
	var errs [numFaces]error
	var wg sync.WaitGroup
	for i, spec := range specs {
		wg.Go(func() { faces[i], errs[i] = loadFace(spec.family, spec.style, spec.ttf) })
	}
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return faces, err
	}
	faces[faceRegular].parsed = faces[faceRegular].parsed.WithSubsetBase(subsetBase)
	return faces, nil
}

// subsetBase is the text every subset of the regular face holds, whether a
// document uses it or not: printable ASCII and the punctuation and symbols
// UK English text uses. The regular face carries each vacancy's own text
// (references, places, salaries, names), so without a base nearly every
// document had a subset of its own; with it nearly every document has the
// same one, which the parsed font keeps, and a batch subsets and compresses
// the face about once (measured: the font share of a batch's CPU fell from
// about 10% to under 3%, for about 5 KB more a file). The bold and italic
// faces set the templates' fixed words and stay as they are.
const subsetBase = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~" +
	"£€–—‘’“”•…·éè×"

// loadFace parses one TrueType face for fpdf and builds its width table.
func loadFace(family, style string, ttf []byte) (*face, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("parse font %s %q: %w", family, style, err)
	}
	var buf sfnt.Buffer
	upem := int(f.UnitsPerEm())
	scale := 1000 / float64(upem)
	widths := &widthTable{}
	for r := rune(0x20); r < 0x10000; r++ {
		gi, err := f.GlyphIndex(&buf, r)
		if err != nil || gi == 0 {
			continue
		}
		adv, err := f.GlyphAdvance(&buf, gi, fixed.I(upem), font.HintingNone)
		if err != nil {
			return nil, fmt.Errorf("font %s %q: advance of %U: %w", family, style, r, err)
		}
		w := int(math.Round(scale * float64(adv) / 64))
		if w <= 0 {
			w = 1 // present but zero-width (combining marks)
		}
		widths.set(r, uint16(w))
	}
	widths.set(0xAD, 0) // soft hyphen: never drawn
	parsed, err := fpdf.ParseUTF8Font(family, style, ttf)
	if err != nil {
		return nil, fmt.Errorf("parse font %s %q for the PDF: %w", family, style, err)
	}
	return &face{
		family: family, style: style, parsed: parsed, widths: widths, bytes: byteWidths(widths),
		selectFamily: strings.ToLower(family), selectStyle: [2]string{style, style + "U"},
	}, nil
}

// byteWidths is face.bytes for widths.
func byteWidths(widths *widthTable) *[256]uint32 {
	var b [256]uint32
	for c := range b {
		switch w := widths.at(rune(c)); {
		case c == ' ', c >= utf8.RuneSelf, w == 0:
			b[c] = stopByte
		default:
			b[c] = uint32(w)
		}
	}
	return &b
}

// widthTable is a face's advance widths (thousandths of an em) by rune of
// the Basic Multilingual Plane, in pages of 256 runes, a page only where
// the face has a glyph: 21 pages of Liberation Sans's 256, 13 KB a face
// rather than 128 KB for every rune, held for as long as a batch runs (and
// doubled at its peak by the collector's room).
type widthTable struct {
	pages [256]*[256]uint16
}

// at is r's width, 0 for a rune the face has no glyph for; r must be in
// the Basic Multilingual Plane (0 to 0xFFFF).
func (t *widthTable) at(r rune) uint16 {
	if p := t.pages[r>>8&0xff]; p != nil {
		return p[r&0xff]
	}
	return 0
}

// set makes r's width w (r in the Basic Multilingual Plane).
func (t *widthTable) set(r rune, w uint16) {
	p := t.pages[r>>8&0xff]
	if p == nil {
		if w == 0 {
			return
		}
		p = new([256]uint16)
		t.pages[r>>8&0xff] = p
	}
	p[r&0xff] = w
}

// has reports whether the face has a glyph for r.
func (f *face) has(r rune) bool {
	return r >= 0 && r < 0x10000 && f.widths.at(r) != 0
}

// width returns the width of s in millimetres at size points.
func (f *face) width(s string, size float64) float64 {
	n := 0
	for _, r := range s {
		if r < 0x10000 {
			n += int(f.widths.at(r))
		}
	}
	return emWidth(n, size)
}

// emWidth is the width in millimetres of n thousandths of an em at size
// points: what width and the word reader (words.read) make of the sum of
// a text's advance widths, in the same operations.
func emWidth(n int, size float64) float64 { return float64(n) * size / 1000 / ptPerMM }

// clean makes s printable with face f: tabs and newlines become spaces,
// other control characters are dropped, and runes the font cannot draw become
// a close substitute or "?".
func (f *face) clean(s string) string {
	ok := true
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf { // ASCII without decoding
			if f.widths.at(rune(c)) == 0 {
				ok = false
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !f.has(r) {
			ok = false
			break
		}
		i += n
	}
	if ok {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case f.has(r):
			out = append(out, r)
		case r == '\t' || r == '\n' || r == '\r' || unicode.IsSpace(r):
			out = append(out, ' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			// drop zero-width and control characters
		case substitutes[r] != "":
			out = append(out, []rune(substitutes[r])...)
		default:
			out = append(out, '?')
		}
	}
	return string(out)
}

// substitutes are stand-ins for characters the Liberation fonts lack.
var substitutes = map[rune]string{
	'\u2010': "-", '\u2011': "-", '\u2012': "–", '\u2015': "—",
	'\u2043': "-", '\u2023': "•", '\u2027': "·",
	'\u2713': "√", '\u2714': "√", '\u2717': "x", '\u2718': "x",
}

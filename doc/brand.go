package doc

import (
	"fmt"
	"strconv"
	"strings"
)

// Brand is the organisation's own look for the PDF and HTML writers: its
// colours, the alt text of its logo and its typeface. It is decided once
// per run (from the config's brand section) and shared, read-only, by every
// document's Meta; writers only draw it. The logo itself is Meta.Logo and
// the header text is Meta.HeaderRight.
type Brand struct {
	Primary Colour    // headings, the title and its rule (default: rolepack's navy)
	Accent  Colour    // rules and the tint of table header rows
	LogoAlt string    // the logo's text alternative (default "<organisation> logo")
	Header  string    // running header text; pack puts it in Meta.HeaderRight, writers do not read it
	Font    *Typeface // body and heading typeface (nil: the writer's default)
}

// Colour is an sRGB colour; the zero value means "not set".
type Colour struct {
	R, G, B uint8
	Set     bool
}

// ParseColour reads a hex colour: "#1d4f91", "1d4f91" or "#17a".
func ParseColour(s string) (Colour, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return Colour{}, fmt.Errorf("%q is not a hex colour such as #1d4f91", s)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return Colour{}, fmt.Errorf("%q is not a hex colour such as #1d4f91", s)
	}
	return Colour{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), Set: true}, nil
}

// Hex writes the colour as #rrggbb.
func (c Colour) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Tint mixes the colour with white: 0 is white, 1 the colour itself.
func (c Colour) Tint(f float64) Colour {
	mix := func(v uint8) uint8 { return uint8(255 - f*(255-float64(v)) + 0.5) }
	return Colour{R: mix(c.R), G: mix(c.G), B: mix(c.B), Set: true}
}

// Typeface is a font family: one of the writers' embedded families by
// name (Files empty), or TrueType files the user gave. A face missing from
// Files falls back to Regular.
type Typeface struct {
	Name  string // e.g. "Liberation Serif", or the family's name for CSS
	Files *FontFiles
}

// FontFiles are the TrueType files of a family (Regular is required).
type FontFiles struct {
	Regular, Bold, Italic, BoldItalic []byte
}

// EmbeddedFamilies are the typefaces every writer has built in.
var EmbeddedFamilies = []string{"Liberation Sans", "Liberation Serif"}

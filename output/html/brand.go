package html

import (
	"strings"

	"github.com/rolepack/rolepack/doc"
)

// brandCSS is the style that puts the organisation's colours and typeface
// over the page style: the primary colour on headings, the accent on the
// header bar, rules and a tint of it on table header rows. Empty without a
// brand.
func brandCSS(b *doc.Brand) string {
	if b == nil {
		return ""
	}
	var s strings.Builder
	if b.Font != nil && b.Font.Name != "" {
		s.WriteString(`body { font-family: "` + cssString(b.Font.Name) + `", Arial, "Liberation Sans", Helvetica, sans-serif; }` + "\n")
	}
	if c := b.Primary; c.Set {
		s.WriteString("h1, h2, h3, h4, h5, h6 { color: " + c.Hex() + "; }\n")
	}
	if c := b.Accent; c.Set {
		s.WriteString(".doc-header { border-bottom-color: " + c.Hex() + "; }\n")
		s.WriteString("h2, hr { border-top-color: " + c.Hex() + "; }\n")
		s.WriteString("thead th, thead td { background: " + c.Tint(0.18).Hex() + "; }\n")
	}
	return s.String()
}

// cssString keeps a family name to characters that cannot end a CSS string
// or the style element.
func cssString(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '"' || r == '\\' || r == '<' || r == '>' || r < 0x20 || r == 0x7f {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// logoAlt is the logo's text alternative: the brand's, else
// "<organisation> logo".
func logoAlt(m doc.Meta) string {
	if m.Brand != nil && strings.TrimSpace(m.Brand.LogoAlt) != "" {
		return strings.TrimSpace(m.Brand.LogoAlt)
	}
	if a := strings.TrimSpace(m.Author); a != "" {
		return a + " logo"
	}
	return "Organisation logo"
}

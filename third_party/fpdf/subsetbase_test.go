package fpdf

import (
	"bytes"
	"maps"
	"os"
	"testing"
)

// TestSubsetBaseUsedRunes: a font with a subset base starts each document
// with the used runes adding its base one by one gave (patch 34 makes the
// set once per font and clones it), with and without a page-count alias,
// and the document is the same bytes as with the font's bytes added and
// the base runes used.
func TestSubsetBaseUsedRunes(t *testing.T) {
	const file = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	ttf, err := os.ReadFile(file)
	if err != nil {
		t.Skipf("no system font to embed: %v", err)
	}
	parsed, err := ParseUTF8Font("dejavu", "", ttf)
	if err != nil {
		t.Fatal(err)
	}
	const base = " !09AZaz£€–’\u0175\U0010FFFF"
	font := parsed.WithSubsetBase(base)
	for _, alias := range []string{"", "{nb}"} {
		pdf := New("P", "mm", "A4", "")
		if alias != "" {
			pdf.AliasNbPages(alias)
		}
		pdf.AddUTF8FontParsed(font)
		got := pdf.fonts[font.key].usedRunes
		want := pdf.newUsedRunes()
		for _, r := range font.base {
			want[r] = r
		}
		if !maps.Equal(got, want) {
			t.Errorf("alias %q: used runes %v, want %v", alias, got, want)
		}
		if len(font.base) != 13 {
			t.Errorf("base %v: want the 13 runes the font has", font.base)
		}
		// A second document must not see what the first one used.
		pdf.SetFont("dejavu", "", 12)
		pdf.AddPage()
		pdf.Cell(40, 10, "Ŷ")
		again := New("P", "mm", "A4", "")
		if alias != "" {
			again.AliasNbPages(alias)
		}
		again.AddUTF8FontParsed(font)
		if !maps.Equal(again.fonts[font.key].usedRunes, want) {
			t.Errorf("alias %q: a later document starts with the runes an earlier one used", alias)
		}
	}
	write := func(add func(*Fpdf)) []byte {
		pdf := New("P", "mm", "A4", "")
		pdf.SetCompression(false)
		add(pdf)
		pdf.SetFont("dejavu", "", 12)
		pdf.AddPage()
		pdf.Cell(40, 10, "Ŷ hello")
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	withBase := write(func(pdf *Fpdf) { pdf.AddUTF8FontParsed(font) })
	byHand := write(func(pdf *Fpdf) {
		pdf.AddUTF8FontFromBytes("dejavu", "", ttf)
		pdf.SetFont("dejavu", "", 12)
		var have []rune // the base's runes the font has
		for _, r := range font.base {
			have = append(have, rune(r))
		}
		pdf.useRunes(string(have))
	})
	if !bytes.Equal(withBase, byHand) {
		t.Error("a font with a subset base gives other bytes than the base's runes used by hand")
	}
}

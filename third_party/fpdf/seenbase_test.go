package fpdf

import (
	"maps"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// TestSubsetBaseSeen: a font with a subset base starts its bit set of
// seen runes with the base (patch 41), and drawing random text (printable
// ASCII in runs of every length, control characters, DEL, Latin, Welsh
// and CJK characters, so that useRunes takes eight bytes at a time and
// byte by byte) leaves the used runes as a bit set started empty does,
// with a base of every printable ASCII character and with a smaller one,
// with and without a page-count alias.
func TestSubsetBaseSeen(t *testing.T) {
	const file = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	ttf, err := os.ReadFile(file)
	if err != nil {
		t.Skipf("no system font to embed: %v", err)
	}
	parsed, err := ParseUTF8Font("dejavu", "", ttf)
	if err != nil {
		t.Fatal(err)
	}
	var printable strings.Builder
	for c := ' '; c < 0x7f; c++ {
		printable.WriteRune(c)
	}
	odd := []string{"\t", "\x00", "\x7f", "é", "ŵ", "’", "£", "中", "\U0001F600"}
	rnd := rand.New(rand.NewPCG(11, 12))
	for _, base := range []string{printable.String() + "£’", "abc "} {
		font := parsed.WithSubsetBase(base)
		for _, alias := range []string{"", "{nb}"} {
			pdf, fresh := New("P", "mm", "A4", ""), New("P", "mm", "A4", "")
			if alias != "" {
				pdf.AliasNbPages(alias)
				fresh.AliasNbPages(alias)
			}
			pdf.AddUTF8FontParsed(font)
			fresh.AddUTF8FontParsed(font)
			def := fresh.fonts[font.key]
			def.runesSeen = new([runesSeenLimit / 64]uint64) // as before patch 41
			fresh.fonts[font.key] = def
			pdf.SetFont("dejavu", "", 12)
			fresh.SetFont("dejavu", "", 12)
			for range 2000 {
				var sb strings.Builder
				for range rnd.IntN(5) {
					for range rnd.IntN(24) {
						sb.WriteByte(byte(' ' + rnd.IntN(95)))
					}
					if rnd.IntN(3) == 0 {
						sb.WriteString(odd[rnd.IntN(len(odd))])
					}
				}
				pdf.useRunes(sb.String())
				fresh.useRunes(sb.String())
				if !maps.Equal(pdf.currentFont.usedRunes, fresh.currentFont.usedRunes) {
					t.Fatalf("base %q alias %q, after %q: the used runes differ", base, alias, sb.String())
				}
			}
		}
	}
}

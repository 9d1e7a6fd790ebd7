package pdf

import (
	"math/rand/v2"
	"testing"
)

// TestWidthTableHoldsWhatWasSet checks the paged width table against a
// flat one over random widths, zeros among them, at every rune of the
// Basic Multilingual Plane.
func TestWidthTableHoldsWhatWasSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var flat [0x10000]uint16
	tab := &widthTable{}
	for range 20000 {
		r := rune(rng.IntN(0x10000))
		if rng.IntN(4) == 0 {
			r = rune(0x0100 + rng.IntN(0x80)) // many on one page, some set twice
		}
		w := uint16(rng.IntN(3)) * uint16(rng.IntN(1200)) // a third of them zero
		flat[r] = w
		tab.set(r, w)
	}
	for r := range rune(0x10000) {
		if got := tab.at(r); got != flat[r] {
			t.Fatalf("at(%U) = %d, want %d", r, got, flat[r])
		}
	}
}

// TestFacesHoldFewWidthPages checks that each face's widths take a page
// only where it has glyphs: the five faces are held for a whole batch.
func TestFacesHoldFewWidthPages(t *testing.T) {
	faces, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range faces {
		pages := 0
		for _, p := range f.widths.pages {
			if p != nil {
				pages++
			}
		}
		if pages == 0 || pages > 64 {
			t.Errorf("%s %q: %d pages of widths of 256, want 1 to 64", f.family, f.style, pages)
		}
		if f.widths.at('a') == 0 || f.widths.at('ŵ') == 0 || f.widths.at(0xAD) != 0 || f.widths.at(0xE000) != 0 {
			t.Errorf("%s %q: widths of a, ŵ, the soft hyphen and a private-use rune: %d %d %d %d", f.family, f.style,
				f.widths.at('a'), f.widths.at('ŵ'), f.widths.at(0xAD), f.widths.at(0xE000))
		}
		t.Logf("%s %q: %d pages", f.family, f.style, pages)
	}
}

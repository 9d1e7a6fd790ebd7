package fpdf

import (
	"maps"
	"math/rand/v2"
	"testing"
)

// useRunesByRune is useRunes as it was before its ASCII loop (patch 36):
// every rune decoded and checked against the bit set.
func useRunesByRune(used map[int]int, seen *[runesSeenLimit / 64]uint64, s string) {
	for _, r := range s {
		if seen != nil && r < runesSeenLimit {
			word, bit := r>>6, uint64(1)<<(r&63)
			if seen[word]&bit != 0 {
				continue
			}
			seen[word] |= bit
		}
		used[int(r)] = int(r)
	}
}

// TestUseRunesASCII checks that useRunes records the same runes and bits
// as rune-by-rune decoding, for text that is ASCII, not, and both, with a
// bit set and without one.
func TestUseRunesASCII(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "Z", " ", "\x00", "\x7f", "é", "Ŷ", "ŵ", "–", "€", "\u3000", "😀", "\xff", "\xc3"}
	for _, withSeen := range []bool{true, false} {
		f := &Fpdf{currentFont: fontDefType{usedRunes: map[int]int{}}}
		used, seen := map[int]int{}, (*[runesSeenLimit / 64]uint64)(nil)
		if withSeen {
			f.currentFont.runesSeen = new([runesSeenLimit / 64]uint64)
			seen = new([runesSeenLimit / 64]uint64)
		}
		for range 3000 {
			var s string
			for range rnd.IntN(12) {
				s += pieces[rnd.IntN(len(pieces))]
			}
			f.useRunes(s)
			useRunesByRune(used, seen, s)
			if !maps.Equal(f.currentFont.usedRunes, used) {
				t.Fatalf("after %q: used runes %v, want %v", s, f.currentFont.usedRunes, used)
			}
			if withSeen && *f.currentFont.runesSeen != *seen {
				t.Fatalf("after %q: the bit sets differ", s)
			}
		}
	}
}

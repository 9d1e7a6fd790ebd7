package fpdf

import (
	"math/rand/v2"
	"testing"
)

// TestColorCacheSameValues: colour values taken from the cache (patch 38)
// are those formatted anew, for colours repeated among more than the cache
// holds, clamped components, and each pair of operators.
func TestColorCacheSameValues(t *testing.T) {
	pdf := New("P", "mm", "A4", "")
	rnd := rand.New(rand.NewPCG(5, 6))
	ops := [][2]string{{"g", "rg"}, {"G", "RG"}, {"", ""}}
	var palette [][3]int
	for range 3 * colorCacheSize {
		palette = append(palette, [3]int{rnd.IntN(300) - 20, rnd.IntN(256), rnd.IntN(256)})
	}
	palette = append(palette, [3]int{128, 128, 128}, [3]int{0, 0, 0}, [3]int{255, 255, 255}, [3]int{-1, -1, -1})
	hits := 0
	for range 5000 {
		c := palette[rnd.IntN(len(palette))]
		if rnd.IntN(2) == 0 {
			c = palette[rnd.IntN(colorCacheSize/2)] // often the same few
		}
		op := ops[rnd.IntN(len(ops))]
		var want colorType
		want.ir, want.r = colorComp(c[0])
		want.ig, want.g = colorComp(c[1])
		want.ib, want.b = colorComp(c[2])
		want = pdf.formatRGB(want, op[0], op[1])
		before := pdf.colors
		if got := pdf.rgbColorValue(c[0], c[1], c[2], op[0], op[1]); got != want {
			t.Fatalf("%v %q: %+v, want %+v", c, op, got, want)
		}
		if pdf.colors == before {
			hits++
		}
	}
	if hits == 0 {
		t.Error("no colour came from the cache")
	}
}

package fpdf

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestDrawOpsBytes: Line, Rect and SetLineWidth, each appended to one
// buffer and written once (patch 44), write the operators of the fmt
// formats their comments give, for random coordinates and every style.
func TestDrawOpsBytes(t *testing.T) {
	rnd := rand.New(rand.NewPCG(15, 16))
	f := New("P", "mm", "A4", "")
	f.AddPage()
	k, h := f.k, f.h
	for range 2000 {
		x, y, w, hh := rnd.Float64()*200-10, rnd.Float64()*300, rnd.Float64()*100, rnd.Float64()*50
		style := []string{"", "D", "d", "F", "f", "FD", "DF", "fd", "F*", "FD*", "DF*", "x"}[rnd.IntN(12)]
		start := f.pages[f.page].Len()
		f.Line(x, y, w, hh)
		f.Rect(x, y, w, hh, style)
		f.SetLineWidth(w / 10)
		got := f.pages[f.page].String()[start:]
		want := fmt.Sprintf("%.2f %.2f m %.2f %.2f l S\n", x*k, (h-y)*k, w*k, (h-hh)*k) +
			fmt.Sprintf("%.2f %.2f %.2f %.2f re %s\n", x*k, (h-y)*k, w*k, -hh*k, fillDrawOp(style)) +
			fmt.Sprintf("%.2f w\n", w/10*k)
		if got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
	for style, op := range map[string]string{"": "S", "D": "S", "d": "S", "F": "f", "f": "f", "F*": "f*", "FD": "B", "df": "B", "FD*": "B*", "Q": "Q"} {
		if got := fillDrawOp(style); got != op {
			t.Errorf("fillDrawOp(%q) = %q, want %q", style, got, op)
		}
	}
}

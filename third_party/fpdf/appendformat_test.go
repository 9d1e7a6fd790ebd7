package fpdf

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestAppendFormatAsSprintf: appendFormat (patch 42) gives fmt.Sprintf's
// bytes for the formats it takes, with ints, strings and floats of every
// magnitude and sign (and -0), and declines, leaving the buffer as it
// came, every other verb, flag, width, argument type, non-finite float
// and count of arguments; sprintf, outf's and fmtBuffer.printf's way to
// it, gives Sprintf's string either way.
func TestAppendFormatAsSprintf(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 14))
	type tc struct {
		format string
		args   []any
		ok     bool
	}
	cases := []tc{
		{"", nil, true},
		{"plain", nil, true},
		{"/Count %d", []any{12}, true},
		{"/BaseFont /%s", []any{"ABCDEF+Liberation"}, true},
		{"/MediaBox [0 0 %.2f %.2f]", []any{595.28, 841.89}, true},
		{"%d 0 R %s %.3f%.0f %.4f x", []any{-7, "", -0.0005, 2.5, 1e-9}, true},
		{"%.2f", []any{math.Copysign(0, -1)}, true},
		{"%.2f", []any{1e300}, true},
		{"%.2f", []any{math.Inf(1)}, false},
		{"%.2f", []any{math.NaN()}, false},
		{"%5d", []any{3}, false},
		{"%x", []any{3}, false},
		{"%d", []any{int64(3)}, false},
		{"%d", []any{"3"}, false},
		{"%s", []any{3}, false},
		{"%s", []any{[]byte("b")}, false},
		{"%.2F", []any{1.5}, false},
		{"%.10f", []any{1.5}, false},
		{"%%", nil, false},
		{"%d", nil, false},
		{"%d %d", []any{1}, false},
		{"%d", []any{1, 2}, false},
		{"trailing %", nil, false},
	}
	for range 20000 {
		v := (rnd.Float64() - 0.5) * math.Pow(10, float64(rnd.IntN(14)-4))
		cases = append(cases, tc{fmt.Sprintf("a %%.%df b %%d %%s", rnd.IntN(6)), []any{v, rnd.IntN(1 << 20), "s"}, true})
	}
	for _, c := range cases {
		want := fmt.Sprintf(c.format, c.args...)
		got, ok := appendFormat([]byte("pre"), c.format, c.args)
		if ok != c.ok {
			t.Fatalf("%q %v: ok %v, want %v", c.format, c.args, ok, c.ok)
		}
		if ok && string(got) != "pre"+want {
			t.Fatalf("%q %v: %q, want %q", c.format, c.args, got, "pre"+want)
		}
		if !ok && string(got) != "pre" {
			t.Fatalf("%q %v: declined, but the buffer holds %q", c.format, c.args, got)
		}
		if s := sprintf(c.format, c.args...); s != want {
			t.Fatalf("sprintf(%q, %v) = %q, want %q", c.format, c.args, s, want)
		}
		var fb fmtBuffer
		fb.printf(c.format, c.args...)
		if fb.String() != want {
			t.Fatalf("printf(%q, %v) = %q, want %q", c.format, c.args, fb.String(), want)
		}
	}
}

package fpdf

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestAppendFixedMatchesStrconv: appendFixed writes what
// strconv.AppendFloat(_, 'f', prec, 64) writes (patch 29), for random
// values across the magnitudes of page coordinates and colours, for ties
// and near-ties, signed zeros, tiny negatives, large and special values.
func TestAppendFixedMatchesStrconv(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), -0.001, -0.004999, 0.005, 0.015, 0.025, 0.125, 0.375, 2.675, 1.005,
		0.0005, 0.9995, 99.995, 841.89, 595.28, 1e9, 1e12, -1e12, 123456789.125, math.NaN(), math.Inf(1), math.Inf(-1),
		math.MaxFloat64, math.SmallestNonzeroFloat64, 0.5, 1.5, 2.5, -2.5, 4.9999999, 5.0000001}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		mag := math.Pow(10, float64(r.IntN(12)-3))
		v := (r.Float64()*2 - 1) * mag
		vals = append(vals, v)
		// Values on and right next to the halves of every precision.
		h := math.Round(v*1000)/1000 + 0.0005
		vals = append(vals, h, math.Nextafter(h, 0), math.Nextafter(h, 10))
	}
	for _, v := range vals {
		for prec := 0; prec <= 5; prec++ {
			want := strconv.AppendFloat(nil, v, 'f', prec, 64)
			if got := appendFixed(nil, v, prec); string(got) != string(want) {
				t.Fatalf("appendFixed(%v, %d) = %s, strconv gives %s", v, prec, got, want)
			}
		}
	}
}

func BenchmarkAppendFixed(b *testing.B) {
	buf := make([]byte, 0, 32)
	vals := []float64{56.69, 707.2, 0.043, 481.89, -20.48, 9.5}
	for b.Loop() {
		for _, v := range vals {
			buf = appendFixed(buf[:0], v, 2)
		}
	}
}

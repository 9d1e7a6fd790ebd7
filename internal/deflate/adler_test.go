package deflate

import (
	"bytes"
	"hash/adler32"
	"math/rand/v2"
	"testing"
)

func TestAdler32(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	check := func(p []byte) {
		t.Helper()
		if got, want := checksum(p), adler32.Checksum(p); got != want {
			t.Fatalf("%d bytes: %08x, hash/adler32 %08x", len(p), got, want)
		}
	}
	check(nil)
	for _, n := range []int{1, 7, 8, 9, 15, 16, 5551, 5552, 5553, 11104, 11111, 100_000, 1 << 20} {
		p := make([]byte, n)
		for i := range p {
			p[i] = byte(rnd.Uint32())
		}
		check(p)
		check(bytes.Repeat([]byte{0xff}, n)) // the largest sums
	}
	for range 2000 {
		p := make([]byte, rnd.IntN(300))
		for i := range p {
			p[i] = byte(rnd.Uint32())
		}
		check(p)
	}
}

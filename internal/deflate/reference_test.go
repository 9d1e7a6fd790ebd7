package deflate

// The block writer as it was before matches were written inline with one
// table a distance symbol and their lengths found by index
// (TestSameBytesAsReference checks that the encoder writes the bytes this
// one does).

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"
)

// refAppendZlib is AppendZlib with the reference block writer.
func (e *Encoder) refAppendZlib(dst, src []byte) []byte {
	dst = append(dst, 0x78, 0x01)
	start := len(dst)
	if len(src) > maxInput {
		dst = appendStored(dst, src)
	} else if dst = e.refAppendBlock(dst, src); len(dst)-start > storedSize(len(src)) {
		dst = appendStored(dst[:start], src)
	}
	return binary.BigEndian.AppendUint32(dst, checksum(src))
}

// refAppendBlock appends src as one final dynamic-Huffman block.
func (e *Encoder) refAppendBlock(dst, src []byte) []byte {
	if e.cur >= curLimit-int32(len(src)) {
		clear(e.table[:])
		e.cur = 0
	}
	// Entries of earlier calls (and of a new table) are more than maxDist
	// below cur, so no position of this input is near enough to reach
	// them.
	cur := e.cur + maxDist + 1
	e.cur = cur + int32(len(src))

	w := bitWriter{dst: dst}
	w.put(1|2<<1, 3) // final, dynamic
	for _, p := range header.parts {
		w.put(p.v, p.n)
	}

	nextEmit := 0
	s := 0
	sLimit := len(src) - 8 // load64 at s must stay inside src
	if len(src) >= 16 {
	search:
		for {
			// Find a match, stepping further the longer none is found.
			skip := 32
			var cand int
			for {
				if s > sLimit {
					break search
				}
				cv := load64(src, s)
				h := hash5(cv)
				cand = int(e.table[h] - cur)
				e.table[h] = int32(s) + cur
				// Positions of this input in the table are before s;
				// a distance of 1 to maxDist is one of them.
				if uint(s-cand-1) < maxDist && load32(src, cand) == uint32(cv) {
					break
				}
				s += skip >> 5
				skip++
			}
			// Extend backwards over bytes not yet written.
			for cand > 0 && s > nextEmit && src[cand-1] == src[s-1] {
				cand--
				s--
			}
			e.refLiterals(&w, src[nextEmit:s])
			// Extend forwards.
			l := minMatch + refMatchLen(src[s+minMatch:], src[cand+minMatch:])
			e.refMatch(&w, l, s-cand)
			s += l
			nextEmit = s
			if s > sLimit {
				break
			}
			// Remember where this match ended, for the next.
			e.table[hash5(load64(src, s-2))] = int32(s-2) + cur
		}
	}
	e.refLiterals(&w, src[nextEmit:])
	if e.stats != nil {
		e.stats[endBlock]++
	}
	w.put(litCodes[endBlock].code, litCodes[endBlock].n)
	w.flush()
	return w.dst
}

// matchLen is the length of the common prefix of a and b (a is the
// shorter or as long).
func refMatchLen(a, b []byte) int {
	n := 0
	for len(a) >= 8 {
		if x := load64(a, 0) ^ load64(b, 0); x != 0 {
			return n + bits.TrailingZeros64(x)>>3
		}
		a, b, n = a[8:], b[8:], n+8
	}
	for i := range a {
		if a[i] != b[i] {
			break
		}
		n++
	}
	return n
}

// literals writes the bytes of lit as literal symbols.
func (e *Encoder) refLiterals(w *bitWriter, lit []byte) {
	if e.stats != nil {
		for _, c := range lit {
			e.stats[c]++
		}
	}
	for _, c := range lit {
		lc := litCodes[c]
		w.put(lc.code, lc.n)
	}
}

// match writes a match of length l (≥ 3) at distance d (1 to maxDist),
// as several when it is longer than one symbol codes.
func (e *Encoder) refMatch(w *bitWriter, l, d int) {
	dc := distCode(d)
	dv, dn := dc.code|uint32(d-int(distBase[dc.sym]))<<dc.n, dc.n+distExtra[dc.sym]
	if l <= maxMatch && e.stats == nil {
		lc := lenCodes[l]
		w.put(lc.code, lc.n)
		w.put(dv, dn)
		return
	}
	for l > 0 {
		n := min(l, maxMatch)
		if r := l - n; r > 0 && r < 3 {
			n = l - 3 // leave a match deflate can code
		}
		lc := lenCodes[n]
		w.put(lc.code, lc.n)
		w.put(dv, dn)
		if e.stats != nil {
			e.stats[lenSym[n]]++
			e.stats[numLit+int(dc.sym)]++
		}
		l -= n
	}
}

// TestSameBytesAsReference compresses the sample pages, random input of
// several alphabets and lengths, and runs longer than one match codes,
// with the encoder and with the reference one, one Encoder each reused
// throughout, and checks that they write the same bytes (after the same
// dst, with room in it and without).
func TestSameBytesAsReference(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	inputs := samples(t)
	for _, n := range []int{0, 1, 2, 3, 7, 15, 16, 17, 100, 1000, 70000} {
		for _, alphabet := range []int{1, 2, 4, 16, 64, 256} {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(rnd.IntN(alphabet))
			}
			inputs = append(inputs, b)
		}
	}
	long := bytes.Repeat([]byte("0 0 1 rg BT /F1 9.00 Tf ET "), 3000)
	inputs = append(inputs, long, append(bytes.Repeat([]byte{'x'}, 259), 'y'), bytes.Repeat([]byte{'x'}, 261), bytes.Repeat([]byte{'x'}, 40000))
	var e, ref Encoder
	for i, src := range inputs {
		for _, dst := range [][]byte{nil, []byte("prefix"), make([]byte, 3, 1<<20)} {
			got := e.AppendZlib(slices.Clone(dst), src)
			want := ref.refAppendZlib(slices.Clone(dst), src)
			if !bytes.Equal(got, want) {
				t.Fatalf("input %d (%d bytes) after %d bytes: %d bytes, the reference %d", i, len(src), len(dst), len(got), len(want))
			}
		}
	}
}

// FuzzSameBytesAsReference is TestSameBytesAsReference on any input.
func FuzzSameBytesAsReference(f *testing.F) {
	f.Add([]byte("BT /F1 9.00 Tf 56.69 785.20 Td (hello) Tj ET"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var e, ref Encoder
		if got, want := e.AppendZlib(nil, src), ref.refAppendZlib(nil, src); !bytes.Equal(got, want) {
			t.Fatalf("%d bytes: %d bytes, the reference %d", len(src), len(got), len(want))
		}
	})
}

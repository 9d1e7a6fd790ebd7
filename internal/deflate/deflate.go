// Package deflate writes zlib streams (RFC 1950 around RFC 1951 deflate)
// for text such as PDF page contents, faster than a general compressor.
//
// Each stream is one dynamic-Huffman block whose code table is fixed
// (table.go, made from the content streams of rolepack's documents by
// TestTable), so no histogram is counted and no tree is built per stream,
// and its matches are found by a single-probe hash as in the fastest level
// of compress/flate. Symbols go straight to the bit stream, without a list
// of tokens in between. The output is a standard stream any inflater
// reads, the same bytes for the same input every time. Input the table
// does not suit (bytes it codes in more bits than they take) is written
// as stored blocks instead, so a stream is never much larger than its
// input.
package deflate

import (
	"encoding/binary"
	"math/bits"
)

const (
	tableBits = 14            // size of the match-finding hash table
	maxDist   = 32768         // the deflate window
	minMatch  = 4             // shortest match looked for (deflate allows 3)
	maxMatch  = 258           // longest match one symbol codes
	maxStored = 65535         // most bytes a stored block holds
	curLimit  = 1<<31 - 1<<22 // the table is cleared before positions reach this
	maxInput  = 1 << 30       // longer input is stored (positions are int32)
)

// Encoder compresses streams, one at a time; its zero value is ready to
// use. It keeps a hash table between calls (a new one is 64 KiB), so reuse
// it; an Encoder is not safe for concurrent use.
type Encoder struct {
	table [1 << tableBits]int32
	cur   int32 // added to positions in table: entries of earlier calls fall below it

	stats *[numLit + numDist]uint32 // symbol counts, for TestTable only
}

// AppendZlib appends the zlib stream of src to dst and returns it.
func (e *Encoder) AppendZlib(dst, src []byte) []byte {
	dst = append(dst, 0x78, 0x01) // deflate, 32 KiB window, fastest; 0x7801 % 31 == 0
	start := len(dst)
	if len(src) > maxInput {
		dst = appendStored(dst, src)
	} else if dst = e.appendBlock(dst, src); len(dst)-start > storedSize(len(src)) {
		dst = appendStored(dst[:start], src)
	}
	return binary.BigEndian.AppendUint32(dst, checksum(src))
}

// storedSize is the size of n bytes as stored blocks.
func storedSize(n int) int {
	blocks := max((n+maxStored-1)/maxStored, 1)
	return n + 5*blocks
}

// appendStored appends src as stored blocks, the last one final.
func appendStored(dst, src []byte) []byte {
	for {
		n := min(len(src), maxStored)
		final := byte(0)
		if n == len(src) {
			final = 1
		}
		dst = append(dst, final, byte(n), byte(n>>8), ^byte(n), ^byte(n>>8))
		dst = append(dst, src[:n]...)
		src = src[n:]
		if final == 1 {
			return dst
		}
	}
}

func load32(b []byte, i int) uint32 { return binary.LittleEndian.Uint32(b[i:]) }
func load64(b []byte, i int) uint64 { return binary.LittleEndian.Uint64(b[i:]) }

// hash5 hashes the low five bytes of v to tableBits bits.
func hash5(v uint64) uint32 {
	const prime5 = 889523592379
	return uint32(((v << 24) * prime5) >> (64 - tableBits))
}

// bitWriter writes codes least significant bit first.
type bitWriter struct {
	dst   []byte
	acc   uint64
	nbits uint
}

// put writes the n low bits of v (n ≤ 32).
func (w *bitWriter) put(v uint32, n uint8) {
	w.acc |= uint64(v) << (w.nbits & 63) // nbits < 32: the mask only spares the compiler a check
	w.nbits += uint(n)
	if w.nbits >= 32 {
		w.dst = binary.LittleEndian.AppendUint32(w.dst, uint32(w.acc))
		w.acc >>= 32
		w.nbits -= 32
	}
}

// flush writes what is left, padded to a byte.
func (w *bitWriter) flush() {
	for w.nbits > 0 {
		w.dst = append(w.dst, byte(w.acc))
		w.acc >>= 8
		w.nbits -= min(w.nbits, 8)
	}
}

// appendBlock appends src as one final dynamic-Huffman block.
func (e *Encoder) appendBlock(dst, src []byte) []byte {
	if e.cur >= curLimit-int32(len(src)) {
		clear(e.table[:])
		e.cur = 0
	}
	// Entries of earlier calls (and of a new table) are more than maxDist
	// below cur, so no position of this input is near enough to reach
	// them.
	cur := e.cur + maxDist + 1
	e.cur = cur + int32(len(src))

	// The block's first bits, the same for every block: made once.
	w := bitWriter{dst: append(dst, headBytes...), acc: headAcc, nbits: headBits}
	table := &e.table

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
				cand = int(table[h] - cur)
				table[h] = int32(s) + cur
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
			e.literals(&w, src[nextEmit:s])
			// Extend forwards.
			l := minMatch + matchLen(src, s+minMatch, cand+minMatch)
			if d := s - cand; l <= maxMatch && e.stats == nil {
				// One symbol's length, written here (match, below,
				// writes the rest).
				var sym uint8
				if d <= 256 {
					sym = distSmall[d-1]
				} else {
					sym = distLarge[(d-1)>>7]
				}
				dc := &distInfo[sym]
				lc := lenCodes[l]
				w.put(lc.code, lc.n)
				w.put(dc.code|uint32(d-int(dc.base))<<dc.n, dc.n+dc.extra)
			} else {
				e.match(&w, l, d)
			}
			s += l
			nextEmit = s
			if s > sLimit {
				break
			}
			// Remember where this match ended, for the next.
			table[hash5(load64(src, s-2))] = int32(s-2) + cur
		}
	}
	e.literals(&w, src[nextEmit:])
	if e.stats != nil {
		e.stats[endBlock]++
	}
	w.put(litCodes[endBlock].code, litCodes[endBlock].n)
	w.flush()
	return w.dst
}

// The start of every block: the bits that say a final dynamic block, then
// the header's parts, as whole bytes and the bits left over (made by
// startBlock when the tables are, init in codes.go).
var (
	headBytes []byte
	headAcc   uint64
	headBits  uint
)

// startBlock sets headBytes, headAcc and headBits.
func startBlock() {
	var w bitWriter
	w.put(1|2<<1, 3) // final, dynamic
	for _, p := range header.parts {
		w.put(p.v, p.n)
	}
	for w.nbits >= 8 {
		w.dst = append(w.dst, byte(w.acc))
		w.acc >>= 8
		w.nbits -= 8
	}
	headBytes, headAcc, headBits = w.dst, w.acc, w.nbits
}

// matchLen is the length of the common prefix of src[i:] and src[j:],
// with j < i.
func matchLen(src []byte, i, j int) int {
	n := 0
	for i+n+8 <= len(src) {
		if x := load64(src, i+n) ^ load64(src, j+n); x != 0 {
			return n + bits.TrailingZeros64(x)>>3
		}
		n += 8
	}
	for i+n < len(src) && src[i+n] == src[j+n] {
		n++
	}
	return n
}

// literals writes the bytes of lit as literal symbols.
func (e *Encoder) literals(w *bitWriter, lit []byte) {
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
func (e *Encoder) match(w *bitWriter, l, d int) {
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

package deflate

import (
	"math/bits"
	"slices"
)

const (
	numLit   = 286 // literal/length symbols: bytes, end of block, 29 lengths
	numDist  = 30  // distance symbols
	endBlock = 256
)

// code is a Huffman code (bit-reversed, ready to write) and its length.
type code struct {
	code uint32
	n    uint8
}

// distEntry is what writing a distance of a symbol takes: the symbol's
// code and length, its extra bits and the distance it starts at.
type distEntry struct {
	code  uint32
	n     uint8
	extra uint8
	base  uint16
}

// distSymCode is a distance's symbol and its code.
type distSymCode struct {
	code uint32
	n    uint8
	sym  uint8
}

// The lengths and distances each symbol starts at, and their extra bits
// (RFC 1951 3.2.5).
var (
	lenBase   = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lenExtra  = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase  = [numDist]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra = [numDist]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)

// Tables made once from litLengths and distLengths (table.go), read only
// afterwards.
var (
	litCodes  [numLit]code
	lenCodes  [maxMatch + 1]code   // a length's symbol code with its extra bits after it
	lenSym    [maxMatch + 1]uint16 // a length's symbol
	distCodes [numDist]code
	distInfo  [numDist]distEntry // a distance symbol's code, extra bits and base
	distSmall [256]uint8         // the symbol of distance d-1 < 256
	distLarge [256]uint8         // the symbol of distance d-1 ≥ 256, by (d-1)>>7
	header    blockHeader
)

func init() {
	lc := canonical(litLengths[:])
	for i := range litCodes {
		litCodes[i] = lc[i]
	}
	for sym := range lenBase {
		hi := maxMatch
		if sym+1 < len(lenBase) {
			hi = int(lenBase[sym+1]) - 1
		}
		if sym == len(lenBase)-1 {
			hi = maxMatch
		}
		for l := int(lenBase[sym]); l <= hi; l++ {
			c := lc[257+sym]
			lenCodes[l] = code{c.code | uint32(l-int(lenBase[sym]))<<c.n, c.n + lenExtra[sym]}
			lenSym[l] = uint16(257 + sym)
		}
	}
	dc := canonical(distLengths[:])
	copy(distCodes[:], dc)
	for sym := range distInfo {
		distInfo[sym] = distEntry{dc[sym].code, dc[sym].n, distExtra[sym], distBase[sym]}
	}
	for sym := range distBase {
		lo, hi := int(distBase[sym])-1, maxDist-1
		if sym+1 < numDist {
			hi = int(distBase[sym+1]) - 2
		}
		for d := lo; d <= hi; d++ {
			if d < 256 {
				distSmall[d] = uint8(sym)
			} else {
				distLarge[d>>7] = uint8(sym)
			}
		}
	}
	header = makeHeader(litLengths[:], distLengths[:])
	startBlock()
}

// distCode is the symbol and code of distance d (1 to maxDist).
func distCode(d int) distSymCode {
	var sym uint8
	if d <= 256 {
		sym = distSmall[d-1]
	} else {
		sym = distLarge[(d-1)>>7]
	}
	c := distCodes[sym]
	return distSymCode{c.code, c.n, sym}
}

// canonical gives the canonical Huffman codes of the lengths (RFC 1951
// 3.2.2), bit-reversed for writing least significant bit first.
func canonical(lengths []uint8) []code {
	var count [16]uint32
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	var next [16]uint32
	c := uint32(0)
	for n := 1; n < 16; n++ {
		c = (c + count[n-1]) << 1
		next[n] = c
	}
	codes := make([]code, len(lengths))
	for i, l := range lengths {
		if l == 0 {
			continue
		}
		codes[i] = code{bits.Reverse32(next[l]) >> (32 - l), l}
		next[l]++
	}
	return codes
}

// huffLengths gives Huffman code lengths of at most limit bits for the
// frequencies (0 for a symbol of frequency 0); ties go to the lower
// symbol, so the lengths are the same for the same frequencies. When the
// tree is deeper than limit, the frequencies are halved (keeping every
// used symbol at 1 or more) and the tree built again.
func huffLengths(freq []uint32, limit int) []uint8 {
	f := slices.Clone(freq)
	for {
		l := huffDepths(f)
		if slices.Max(l) <= uint8(limit) {
			return l
		}
		for i := range f {
			if f[i] > 0 {
				f[i] = (f[i] + 1) / 2
			}
		}
	}
}

// huffDepths is the depth of each used symbol in a Huffman tree of freq.
func huffDepths(freq []uint32) []uint8 {
	type node struct {
		w           uint64
		left, right int // children, -1 for a leaf
		sym         int
	}
	var nodes []node
	var leaves []int
	for s, w := range freq {
		if w > 0 {
			nodes = append(nodes, node{w: uint64(w), left: -1, right: -1, sym: s})
			leaves = append(leaves, len(nodes)-1)
		}
	}
	depth := make([]uint8, len(freq))
	if len(leaves) == 1 {
		depth[nodes[0].sym] = 1
		return depth
	}
	slices.SortStableFunc(leaves, func(a, b int) int {
		if nodes[a].w != nodes[b].w {
			if nodes[a].w < nodes[b].w {
				return -1
			}
			return 1
		}
		return nodes[a].sym - nodes[b].sym
	})
	// Two queues: leaves by weight, and merged nodes in the order made.
	var merged []int
	pop := func() int {
		if len(merged) == 0 || len(leaves) > 0 && nodes[leaves[0]].w <= nodes[merged[0]].w {
			n := leaves[0]
			leaves = leaves[1:]
			return n
		}
		n := merged[0]
		merged = merged[1:]
		return n
	}
	for len(leaves)+len(merged) > 1 {
		a, b := pop(), pop()
		nodes = append(nodes, node{w: nodes[a].w + nodes[b].w, left: a, right: b})
		merged = append(merged, len(nodes)-1)
	}
	var walk func(n int, d uint8)
	walk = func(n int, d uint8) {
		if nodes[n].left < 0 {
			depth[nodes[n].sym] = d
			return
		}
		walk(nodes[n].left, d+1)
		walk(nodes[n].right, d+1)
	}
	walk(len(nodes)-1, 0)
	return depth
}

// bitsPart is a value to write and its number of bits.
type bitsPart struct {
	v uint32
	n uint8
}

// blockHeader is what a dynamic block writes after its first three bits:
// the code lengths of the table, themselves Huffman-coded.
type blockHeader struct {
	parts []bitsPart
}

// clOrder is the order code-length code lengths are written in.
var clOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// makeHeader codes the literal/length and distance lengths (RFC 1951
// 3.2.7): runs of a length as the length and repeats of it (symbol 16),
// runs of zeros with symbols 17 and 18.
func makeHeader(lit, dist []uint8) blockHeader {
	all := append(slices.Clone(lit), dist...)
	type clSym struct {
		sym   int
		extra uint32
		n     uint8
	}
	var syms []clSym
	for i := 0; i < len(all); {
		v := all[i]
		run := 1
		for i+run < len(all) && all[i+run] == v {
			run++
		}
		i += run
		if v == 0 {
			for run >= 11 {
				r := min(run, 138)
				syms = append(syms, clSym{18, uint32(r - 11), 7})
				run -= r
			}
			if run >= 3 {
				syms = append(syms, clSym{17, uint32(run - 3), 3})
				run = 0
			}
			for ; run > 0; run-- {
				syms = append(syms, clSym{0, 0, 0})
			}
			continue
		}
		syms = append(syms, clSym{int(v), 0, 0})
		run--
		for run >= 3 {
			r := min(run, 6)
			syms = append(syms, clSym{16, uint32(r - 3), 2})
			run -= r
		}
		for ; run > 0; run-- {
			syms = append(syms, clSym{int(v), 0, 0})
		}
	}
	var freq [19]uint32
	for _, s := range syms {
		freq[s.sym]++
	}
	clLengths := huffLengths(freq[:], 7)
	clCodes := canonical(clLengths)
	hclen := 19
	for hclen > 4 && clLengths[clOrder[hclen-1]] == 0 {
		hclen--
	}
	var h blockHeader
	put := func(v uint32, n uint8) { h.parts = append(h.parts, bitsPart{v, n}) }
	put(uint32(len(lit)-257), 5)
	put(uint32(len(dist)-1), 5)
	put(uint32(hclen-4), 4)
	for _, s := range clOrder[:hclen] {
		put(uint32(clLengths[s]), 3)
	}
	for _, s := range syms {
		c := clCodes[s.sym]
		put(c.code|s.extra<<c.n, c.n+s.n)
	}
	return h
}

package deflate

import "encoding/binary"

// checksum is the Adler-32 checksum of p (RFC 1950 8.2), as hash/adler32
// computes it, eight bytes at a time (sixteen a loop): the sum of the bytes, and their sum
// weighted 8 to 1, come from two multiplications of the bytes spread into
// 16-bit lanes.
func checksum(p []byte) uint32 {
	const (
		mod   = 65521
		nmax  = 5552 // most bytes before s2 could overflow 32 bits
		lanes = 0x00ff00ff00ff00ff
		ones  = 0x0001000100010001
		wEven = 8<<48 | 6<<32 | 4<<16 | 2 // weights of bytes 0, 2, 4, 6
		wOdd  = 7<<48 | 5<<32 | 3<<16 | 1 // of bytes 1, 3, 5, 7
	)
	s1, s2 := uint32(1), uint32(0)
	for len(p) > 0 {
		q := p[:min(len(p), nmax)]
		p = p[len(q):]
		for len(q) >= 16 {
			b := (*[16]byte)(q)
			v := binary.LittleEndian.Uint64(b[:8])
			even, odd := v&lanes, v>>8&lanes
			s2 += 8*s1 + uint32(even*wEven>>48) + uint32(odd*wOdd>>48)
			s1 += uint32((even + odd) * ones >> 48)
			v = binary.LittleEndian.Uint64(b[8:])
			even, odd = v&lanes, v>>8&lanes
			s2 += 8*s1 + uint32(even*wEven>>48) + uint32(odd*wOdd>>48)
			s1 += uint32((even + odd) * ones >> 48)
			q = q[16:]
		}
		for _, c := range q {
			s1 += uint32(c)
			s2 += s1
		}
		s1 %= mod
		s2 %= mod
	}
	return s2<<16 | s1
}

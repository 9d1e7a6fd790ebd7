package fpdf

import (
	"math"
	"strconv"
)

// pow10 are the scales appendFixed handles: 10^prec for prec 0 to 4.
var pow10 = [...]float64{1, 10, 100, 1000, 10000}

// appendFixed appends v with prec decimals, exactly as
// strconv.AppendFloat(b, v, 'f', prec, 64) does (patch 29 in PATCHES.md),
// without strconv's general decimal conversion for the numbers a page is
// made of: every coordinate, width and colour of a content stream goes
// through here. v times 10^prec is computed in floating point, which is
// within a millionth of the exact product for the magnitudes taken here
// (below 10^9 after scaling); when that product is not within a
// millionth of a half, rounding it gives the digits strconv gives (which
// rounds the exact value, ties to even). Near a half, and for anything
// else (NaN, infinities, larger numbers, other precisions), it is
// strconv.
func appendFixed(b []byte, v float64, prec int) []byte {
	if prec < 0 || prec >= len(pow10) {
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	scale := pow10[prec]
	x := math.Abs(v) * scale
	if !(x < 1e9) { // also NaN
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	fl := math.Floor(x)
	if d := x - fl - 0.5; d > -1e-6 && d < 1e-6 {
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	n := uint64(fl)
	if x-fl > 0.5 {
		n++
	}
	if math.Signbit(v) {
		b = append(b, '-') // strconv keeps the sign of -0.001 and -0 too: "-0.00"
	}
	if prec == 2 {
		// Most numbers of a page: the digits by division by constants,
		// which the compiler makes multiplications (patch 37).
		return appendCents(b, n)
	}
	s := uint64(scale)
	b = strconv.AppendUint(b, n/s, 10)
	if prec == 0 {
		return b
	}
	b = append(b, '.')
	frac := n % s
	for d := s / 10; d > 0; d /= 10 {
		b = append(b, byte('0'+frac/d))
		frac %= d
	}
	return b
}

// appendCents appends n hundredths as digits, a point and two decimals
// ("12.05" for 1205).
func appendCents(b []byte, n uint64) []byte {
	ip, fp := n/100, n%100
	// Below 1,000 (every coordinate of a page in points), the digits
	// appended as they are, without the copy of a scratch array
	// (patch 45).
	switch {
	case ip < 10:
		return append(b, byte('0'+ip), '.', byte('0'+fp/10), byte('0'+fp%10))
	case ip < 100:
		return append(b, byte('0'+ip/10), byte('0'+ip%10), '.', byte('0'+fp/10), byte('0'+fp%10))
	case ip < 1000:
		return append(b, byte('0'+ip/100), byte('0'+ip/10%10), byte('0'+ip%10), '.', byte('0'+fp/10), byte('0'+fp%10))
	}
	var tmp [20]byte
	i := len(tmp)
	for ip >= 10 {
		i--
		tmp[i] = byte('0' + ip%10)
		ip /= 10
	}
	i--
	tmp[i] = byte('0' + ip)
	b = append(b, tmp[i:]...)
	return append(b, '.', byte('0'+fp/10), byte('0'+fp%10))
}

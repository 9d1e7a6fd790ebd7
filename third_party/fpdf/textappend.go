package fpdf

import (
	"encoding/binary"
	"slices"
)

// Allocation-free building of the content-stream operators that draw text
// (patch 18 in PATCHES.md): CellFormat appends to one buffer per document
// instead of formatting each operator with fmt.Sprintf and joining the
// pieces as strings. The bytes are the same as before.

// appendF64 appends v with prec decimals, as the verb %.<prec>f writes it
// (through appendFixed, patch 29).
func appendF64(b []byte, v float64, prec int) []byte {
	return appendFixed(b, v, prec)
}

// appendEscapedUTF16 appends f.escape(utf8toutf16(s, false)): s as
// UTF-16BE, by utf8toutf16's own decoding, with the bytes \, (, ) and CR
// escaped as escape escapes them.
func appendEscapedUTF16(b []byte, s string) []byte {
	put := func(b []byte, c byte) []byte {
		switch c {
		case '\\':
			return append(b, '\\', '\\')
		case '(':
			return append(b, '\\', '(')
		case ')':
			return append(b, '\\', ')')
		case '\r':
			return append(b, '\\', 'r')
		}
		return append(b, c)
	}
	nb := len(s)
	b = slices.Grow(b, 2*nb) // room for the text without escapes
	i := 0
	for i < nb {
		// Eight ASCII bytes none of which is escaped, most text, as
		// sixteen bytes at once (patch 40).
		if i+8 <= nb {
			if v := load64(s[i : i+8]); plainASCII8(v) {
				if cap(b)-len(b) < 16 { // escapes took some of the room
					b = slices.Grow(b, 2*(nb-i))
				}
				n := len(b)
				b = b[:n+16]
				binary.LittleEndian.PutUint64(b[n:], spreadBytes(uint32(v))<<8)
				binary.LittleEndian.PutUint64(b[n+8:], spreadBytes(uint32(v>>32))<<8)
				i += 8
				continue
			}
		}
		c1 := s[i]
		i++
		switch {
		case c1 < 0x80:
			// ASCII, most of the text: the byte after a zero (patch 35)
			switch c1 {
			case '\\', '(', ')':
				b = append(b, 0, '\\', c1)
			case '\r':
				b = append(b, 0, '\\', 'r')
			default:
				b = append(b, 0, c1)
			}
		case c1 >= 224:
			// 3-byte character
			c2 := s[i]
			i++
			c3 := s[i]
			i++
			b = put(b, ((c1&0x0F)<<4)+((c2&0x3C)>>2))
			b = put(b, ((c2&0x03)<<6)+(c3&0x3F))
		case c1 >= 192:
			// 2-byte character
			c2 := s[i]
			i++
			b = put(b, (c1&0x1C)>>2)
			b = put(b, ((c1&0x03)<<6)+(c2&0x3F))
		default:
			// Single-byte character
			b = put(b, 0)
			b = put(b, c1)
		}
	}
	return b
}

// plainASCII8 reports whether the eight bytes of v are all ASCII and none
// of them is \, (, ) or CR, which appendEscapedUTF16 escapes.
func plainASCII8(v uint64) bool {
	const (
		lo = 0x0101010101010101
		hi = 0x8080808080808080
	)
	// zero has the high bit of each byte of x that is zero set (and
	// maybe of a byte above one that is: then the bytes go the slow way,
	// which is right for any bytes).
	zero := func(x uint64) uint64 { return (x - lo) &^ x & hi }
	return v&hi == 0 && zero(v^(lo*'\\'))|zero(v^(lo*'('))|zero(v^(lo*')'))|zero(v^(lo*'\r')) == 0
}

// load64 is the first eight bytes of s, little-endian (one load).
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// spreadBytes puts the four bytes of v in the low bytes of four 16-bit
// lanes, in order: 0xaabbccdd becomes 0x00aa00bb00cc00dd.
func spreadBytes(v uint32) uint64 {
	x := uint64(v)
	x = (x | x<<16) & 0x0000ffff0000ffff
	return (x | x<<8) & 0x00ff00ff00ff00ff
}

// appendEscapedCore appends s with \, ( and ) escaped, as CellFormat
// writes the text of a core (not UTF-8) font.
func appendEscapedCore(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '(', ')':
			b = append(b, '\\', c)
		default:
			b = append(b, c)
		}
	}
	return b
}

// appendLine appends a stroked line from (x1, y1) to (x2, y2), in points,
// followed by a space: "%.2f %.2f m %.2f %.2f l S ".
func appendLine(b []byte, x1, y1, x2, y2 float64) []byte {
	b = appendF64(b, x1, 2)
	b = append(b, ' ')
	b = appendF64(b, y1, 2)
	b = append(b, " m "...)
	b = appendF64(b, x2, 2)
	b = append(b, ' ')
	b = appendF64(b, y2, 2)
	return append(b, " l S "...)
}

// appendLineDecoration appends the filled rectangle that dounderline and
// dostrikeout return, for text txt at (x, y) with the line offset pos
// (in thousandths of the font size) and thickness ut (in thousandths of
// the font size in points).
func (f *Fpdf) appendLineDecoration(b []byte, x, y float64, txt string, pos, ut float64) []byte {
	w := f.GetStringWidth(txt) + f.ws*float64(blankCount(txt))
	b = appendF64(b, x*f.k, 2)
	b = append(b, ' ')
	b = appendF64(b, (f.h-(y-pos/1000*f.fontSize))*f.k, 2)
	b = append(b, ' ')
	b = appendF64(b, w*f.k, 2)
	b = append(b, ' ')
	b = appendF64(b, -ut/1000*f.fontSizePt, 2)
	return append(b, " re f"...)
}

// putBytes adds b to the document, as put does.
func (f *Fpdf) putBytes(b []byte) {
	if f.state == 2 {
		f.pages[f.page].Write(b)
	} else {
		f.buffer.Write(b)
	}
}

// outFontSize writes the operators that select the current font and size,
// "BT /F%s %.2f Tf ET", as SetFont, SetFontSize and SetFontUnitSize do
// (patch 19).
func (f *Fpdf) outFontSize() {
	b := append(f.fmt.cell[:0], "BT /"...)
	if f.currentFont.res != "" {
		b = append(b, f.currentFont.res...)
	} else {
		b = append(b, 'F')
		b = append(b, f.currentFont.i...)
	}
	b = append(b, ' ')
	b = appendF64(b, f.fontSizePt, 2)
	b = append(b, " Tf ET"...)
	f.outBytes(b)
	f.fmt.cell = b[:0]
}

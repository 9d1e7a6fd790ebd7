package fpdf

import (
	"slices"
	"strconv"
)

// toUnicodeCMap returns the ToUnicode CMap of a UTF-8 font whose text uses
// the runes in used. fpdf writes such text with Identity-H as two-byte codes
// equal to the runes' Unicode values, so the map is the identity. It is
// written as one bfrange per 256-code row that used runes fall in (and the
// first row, which page-number aliases may fill in after the runes were
// counted): ISO 32000-1 (9.10.3) allows a bfrange only where the last byte
// of the destination does not pass 255, which one range over <0000>–<FFFF>
// breaks. Code 0 is not mapped.
func toUnicodeCMap(used map[int]int) []byte {
	var rows []int
	seen := [256]bool{0: true}
	rows = append(rows, 0)
	for r := range used {
		if r > 0 && r <= 0xFFFF && !seen[r>>8] {
			seen[r>>8] = true
			rows = append(rows, r>>8)
		}
	}
	slices.Sort(rows)
	hex := func(b []byte, v int) []byte {
		const digits = "0123456789ABCDEF"
		return append(b, '<', digits[v>>12&15], digits[v>>8&15], digits[v>>4&15], digits[v&15], '>')
	}
	b := make([]byte, 0, 400+24*len(rows))
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	for len(rows) > 0 {
		block := rows[:min(len(rows), 100)] // at most 100 entries in a block
		rows = rows[len(block):]
		b = strconv.AppendInt(b, int64(len(block)), 10)
		b = append(b, " beginbfrange\n"...)
		for _, row := range block {
			first := row << 8
			if row == 0 {
				first = 1
			}
			b = hex(b, first)
			b = append(b, ' ')
			b = hex(b, row<<8|0xFF)
			b = append(b, ' ')
			b = hex(b, first)
			b = append(b, '\n')
		}
		b = append(b, "endbfrange\n"...)
	}
	b = append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"...)
	return b
}

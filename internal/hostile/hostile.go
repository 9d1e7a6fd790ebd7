// Package hostile builds the hostile inputs of rolepack's hostile-input
// tests (issue 32): small files that would make a careless reader take
// gigabytes or minutes. Nothing outside tests and development tools uses
// it.
package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"io"
	"strconv"
	"strings"
)

// Text is n bytes of letters and spaces that compress about as well as
// prose does.
func Text(n int) string {
	b := make([]byte, n)
	x := uint64(88172645463325252)
	for i := range b {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[i] = 'a' + byte(x%26)
		if x%7 == 0 {
			b[i] = ' '
		}
	}
	return string(b)
}

const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	rootRels     = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbook     = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
)

// Book is an XLSX workbook of one sheet: a header row of inline strings,
// then rows of cells, each row's cells given as shared-string indexes
// into strs (-1: an inline cell "x").
func Book(header []string, strs []string, rows [][]int) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	put := func(name, s string) {
		w, _ := zw.Create(name)
		io.WriteString(w, s)
	}
	put("[Content_Types].xml", contentTypes)
	put("_rels/.rels", rootRels)
	put("xl/workbook.xml", workbook)
	put("xl/_rels/workbook.xml.rels", workbookRels)
	var ss strings.Builder
	ss.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	for _, s := range strs {
		ss.WriteString(`<si><t>` + s + `</t></si>`)
	}
	ss.WriteString(`</sst>`)
	put("xl/sharedStrings.xml", ss.String())
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">`)
	for j, h := range header {
		io.WriteString(w, `<c r="`+col(j)+`1" t="inlineStr"><is><t>`+h+`</t></is></c>`)
	}
	io.WriteString(w, `</row>`)
	for i, r := range rows {
		n := strconv.Itoa(i + 2)
		io.WriteString(w, `<row r="`+n+`">`)
		for j, v := range r {
			if v < 0 {
				io.WriteString(w, `<c r="`+col(j)+n+`" t="inlineStr"><is><t>x`+n+`</t></is></c>`)
				continue
			}
			io.WriteString(w, `<c r="`+col(j)+n+`" t="s"><v>`+strconv.Itoa(v)+`</v></c>`)
		}
		io.WriteString(w, `</row>`)
	}
	io.WriteString(w, `</sheetData></worksheet>`)
	zw.Close()
	return b.Bytes()
}

func col(j int) string { return string(rune('A' + j)) }

// SharedStringBook is a workbook of header and cells rows whose last
// column holds, in every row, the one shared string of size bytes; the
// other columns are inline strings.
func SharedStringBook(header []string, size, cells int) []byte {
	rows := make([][]int, cells)
	for i := range rows {
		r := make([]int, len(header))
		for j := range r {
			r[j] = -1
		}
		r[len(r)-1] = 0
		rows[i] = r
	}
	return Book(header, []string{Text(size)}, rows)
}

// Bomb is a workbook whose worksheet inflates to about n bytes of
// spaces, deflated (a 1 GiB sheet is about 1 MB).
func Bomb(n int64) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	put := func(name, s string) {
		w, _ := zw.Create(name)
		io.WriteString(w, s)
	}
	put("[Content_Types].xml", contentTypes)
	put("_rels/.rels", rootRels)
	put("xl/workbook.xml", workbook)
	put("xl/_rels/workbook.xml.rels", workbookRels)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	sp := bytes.Repeat([]byte(" "), 1<<20)
	for left := n; left > 0; left -= int64(len(sp)) {
		w.Write(sp[:min(left, int64(len(sp)))])
	}
	io.WriteString(w, `</sheetData></worksheet>`)
	zw.Close()
	return b.Bytes()
}

// Overlapping is an archive whose directory lists one block of stored
// data under n names: name, then name with 2, 3, … before its extension.
func Overlapping(n int, name string, data []byte) []byte {
	return overlapping(n, name, 0, data, uint32(len(data)), crc32.ChecksumIEEE(data))
}

// OverlappingBomb is Overlapping with one block of deflated data that
// inflates to size spaces (under 4 GiB) listed under n names.
func OverlappingBomb(n int, name string, size int64) []byte {
	var c bytes.Buffer
	fw, _ := flate.NewWriter(&c, flate.BestCompression)
	crc := crc32.NewIEEE()
	sp := bytes.Repeat([]byte(" "), 1<<20)
	for left := size; left > 0; left -= int64(len(sp)) {
		p := sp[:min(left, int64(len(sp)))]
		fw.Write(p)
		crc.Write(p)
	}
	fw.Close()
	return overlapping(n, name, 8, c.Bytes(), uint32(size), crc.Sum32())
}

func overlapping(n int, name string, method uint16, data []byte, usize, crc uint32) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	hdr := make([]byte, 30)
	le.PutUint32(hdr[0:], 0x04034b50)
	le.PutUint16(hdr[4:], 20)
	le.PutUint16(hdr[8:], method)
	le.PutUint32(hdr[14:], crc)
	le.PutUint32(hdr[18:], uint32(len(data)))
	le.PutUint32(hdr[22:], usize)
	le.PutUint16(hdr[26:], uint16(len(name)))
	b.Write(hdr)
	b.WriteString(name)
	b.Write(data)
	cdStart := b.Len()
	for i := 0; i < n; i++ {
		nm := name
		if i > 0 {
			dot := strings.LastIndex(name, ".")
			if dot < 0 {
				dot = len(name)
			}
			nm = name[:dot] + strconv.Itoa(i+1) + name[dot:]
		}
		cd := make([]byte, 46)
		le.PutUint32(cd[0:], 0x02014b50)
		le.PutUint16(cd[4:], 20)
		le.PutUint16(cd[6:], 20)
		le.PutUint16(cd[10:], method)
		le.PutUint32(cd[16:], crc)
		le.PutUint32(cd[20:], uint32(len(data)))
		le.PutUint32(cd[24:], usize)
		le.PutUint16(cd[28:], uint16(len(nm)))
		b.Write(cd)
		b.WriteString(nm)
	}
	end := make([]byte, 22)
	le.PutUint32(end[0:], 0x06054b50)
	le.PutUint16(end[8:], uint16(n))
	le.PutUint16(end[10:], uint16(n))
	le.PutUint32(end[12:], uint32(b.Len()-cdStart))
	le.PutUint32(end[16:], uint32(cdStart))
	b.Write(end)
	return b.Bytes()
}

// PNG is a whole PNG image of w×h pixels of one grey, encoded row by row
// so that a huge one (30000×30000: under 1 MB) takes no memory to make.
func PNG(w, h int) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8] = 8 // 8-bit grey
	pngChunk(&b, "IHDR", ihdr)
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	row := make([]byte, w+1) // filter byte 0, then the pixels
	for y := 0; y < h; y++ {
		zw.Write(row)
	}
	zw.Close()
	pngChunk(&b, "IDAT", z.Bytes())
	pngChunk(&b, "IEND", nil)
	return b.Bytes()
}

func pngChunk(b *bytes.Buffer, typ string, data []byte) {
	var l [4]byte
	binary.BigEndian.PutUint32(l[:], uint32(len(data)))
	b.Write(l[:])
	b.WriteString(typ)
	b.Write(data)
	binary.BigEndian.PutUint32(l[:], crc32.ChecksumIEEE(append([]byte(typ), data...)))
	b.Write(l[:])
}

// PNGClaiming is a small PNG whose header claims w×h pixels: a header
// chunk and no image data (69 bytes for any size).
func PNGClaiming(w, h int) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		var l [4]byte
		binary.BigEndian.PutUint32(l[:], uint32(len(data)))
		b.Write(l[:])
		b.WriteString(typ)
		b.Write(data)
		binary.BigEndian.PutUint32(l[:], crc32.ChecksumIEEE(append([]byte(typ), data...)))
		b.Write(l[:])
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

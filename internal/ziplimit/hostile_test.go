package ziplimit

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/internal/hostile"
)

// bound fails t when fn takes more than d or its heap grows past mb MiB.
func bound(t *testing.T, d time.Duration, mb uint64, fn func()) {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	fn()
	el := time.Since(start)
	runtime.ReadMemStats(&after)
	if el > d {
		t.Errorf("took %s (bound %s)", el, d)
	}
	if grown := (after.TotalAlloc - before.TotalAlloc) >> 20; grown > mb {
		t.Errorf("allocated %d MiB (bound %d MiB)", grown, mb)
	}
}

// sharedStringBook is an XLSX-shaped archive whose one shared string of
// size bytes is referenced from cells cells.
func sharedStringBook(size, cells int) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("xl/sharedStrings.xml")
	text := make([]byte, size)
	x := uint32(1)
	for i := range text {
		x = x*1664525 + 1013904223
		text[i] = 'a' + byte(x>>24)%26
	}
	io.WriteString(w, `<sst><si><t>`+string(text)+`</t></si></sst>`)
	w, _ = zw.Create("xl/worksheets/sheet1.xml")
	io.WriteString(w, `<worksheet><sheetData>`)
	for i := 1; i <= cells; i++ {
		io.WriteString(w, `<row r="`+itoa(i)+`"><c r="A`+itoa(i)+`" t="s"><v>0</v></c></row>`)
	}
	io.WriteString(w, `</sheetData></worksheet>`)
	zw.Close()
	return b.Bytes()
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + string(appendInt(nil, i))) }

func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}

// bombBook holds one worksheet whose directory entry says it inflates to
// n bytes from 1 MiB.
func bombBook(n int64) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CompressedSize64: 1 << 20, UncompressedSize64: uint64(n)})
	w.Write(make([]byte, 1<<20))
	zw.Close()
	return b.Bytes()
}

// overlapping is an archive whose directory lists one block of stored
// data under n names.
func overlapping(n int, data []byte) []byte {
	return overlappingNamed(n, "xl/worksheets/sheet1.xml", data)
}

func overlappingNamed(n int, name string, data []byte) []byte {
	var b bytes.Buffer
	crc := crc32.ChecksumIEEE(data)
	le := binary.LittleEndian
	hdr := make([]byte, 30)
	le.PutUint32(hdr[0:], 0x04034b50)
	le.PutUint16(hdr[4:], 20)
	le.PutUint32(hdr[14:], crc)
	le.PutUint32(hdr[18:], uint32(len(data)))
	le.PutUint32(hdr[22:], uint32(len(data)))
	le.PutUint16(hdr[26:], uint16(len(name)))
	b.Write(hdr)
	b.WriteString(name)
	b.Write(data)
	cdStart := b.Len()
	for i := 0; i < n; i++ {
		nm := name
		if i > 0 {
			nm = "xl/worksheets/sheet" + itoa(i+1) + ".xml"
		}
		cd := make([]byte, 46)
		le.PutUint32(cd[0:], 0x02014b50)
		le.PutUint16(cd[4:], 20)
		le.PutUint16(cd[6:], 20)
		le.PutUint32(cd[16:], crc)
		le.PutUint32(cd[20:], uint32(len(data)))
		le.PutUint32(cd[24:], uint32(len(data)))
		le.PutUint16(cd[28:], uint16(len(nm)))
		b.Write(cd)
		b.WriteString(nm)
	}
	cdLen := b.Len() - cdStart
	end := make([]byte, 22)
	le.PutUint32(end[0:], 0x06054b50)
	le.PutUint16(end[8:], uint16(n))
	le.PutUint16(end[10:], uint16(n))
	le.PutUint32(end[12:], uint32(cdLen))
	le.PutUint32(end[16:], uint32(cdStart))
	b.Write(end)
	return b.Bytes()
}

func TestSharedStringReferencedFromThousandsOfCells(t *testing.T) {
	size, cells := 1<<20, 3000
	if testing.Short() {
		size, cells = 256<<10, 1000
	}
	data := sharedStringBook(size, cells)
	lim := Office()
	if testing.Short() {
		lim.Cells = 64 << 20
	}
	var err error
	bound(t, 5*time.Second, 64, func() {
		var zr *zip.Reader
		if zr, err = Open("book.xlsx", data, lim); err == nil {
			err = SharedStrings("book.xlsx", zr, lim)
		}
	})
	var ze *Error
	if !errors.As(err, &ze) || ze.Part != "xl/worksheets/sheet1.xml" || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v, want one line naming the worksheet", err)
	}
	// The same string in a few cells is fine.
	if err := XLSX("ok.xlsx", sharedStringBook(1<<20, 3)); err != nil {
		t.Fatal(err)
	}
}

func TestBombRefusedBeforeInflating(t *testing.T) {
	n := int64(1 << 30)
	if testing.Short() {
		n = 100 << 20
	}
	data := bombBook(n)
	var err error
	bound(t, 2*time.Second, 16, func() { _, err = Open("bomb.xlsx", data, Office()) })
	if err == nil || !strings.Contains(err.Error(), "bomb.xlsx: xl/worksheets/sheet1.xml: inflates") {
		t.Fatalf("err = %v", err)
	}
}

func TestOverlappingAndDuplicateEntries(t *testing.T) {
	data := overlapping(4, []byte("<worksheet/>"))
	_, err := Open("x.xlsx", data, Office())
	if err == nil || !strings.Contains(err.Error(), "overlap") {
		t.Fatalf("err = %v", err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zw.Create("xl/workbook.xml")
	zw.Create("XL\\Workbook.xml")
	zw.Close()
	if _, err := Open("d.xlsx", b.Bytes(), Office()); err == nil || !strings.Contains(err.Error(), "appears twice") {
		t.Fatalf("err = %v", err)
	}
}

func TestTooManyEntriesAndFolderData(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i < 2001; i++ {
		zw.Create("p" + itoa(i))
	}
	zw.Close()
	if _, err := Open("many.docx", b.Bytes(), Office()); err == nil || !strings.Contains(err.Error(), "2001 entries") {
		t.Fatalf("err = %v", err)
	}
	if _, err := Open("dir.xlsx", overlappingNamed(1, "xl/worksheets/", []byte("data")), Office()); err == nil || !strings.Contains(err.Error(), "folder entry") {
		t.Fatalf("err = %v", err)
	}
}

// A part whose directory entry understates its size fails when read: the
// limits checked on the directory hold while the part inflates.
func TestUnderstatedSizeFailsOnRead(t *testing.T) {
	var raw bytes.Buffer
	zw := zip.NewWriter(&raw)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "a.xml", Method: zip.Store})
	w.Write(bytes.Repeat([]byte("a"), 1000))
	zw.Close()
	data := raw.Bytes()
	// Patch the central directory's uncompressed size to 10.
	i := bytes.LastIndex(data, []byte{0x50, 0x4b, 0x01, 0x02})
	binary.LittleEndian.PutUint32(data[i+24:], 10)
	zr, err := Open("lie.xlsx", data, Office())
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(rc)
	if err == nil || len(b) > 10 {
		t.Fatalf("read %d bytes, err %v", len(b), err)
	}
}

func FuzzOpen(f *testing.F) {
	f.Add(sharedStringBook(10, 3))
	f.Add(overlapping(2, []byte("<worksheet/>")))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	lim := Limits{Entries: 50, Total: 1 << 20, Part: 1 << 19, Ratio: 100, Cells: 1 << 20, CellCount: 10000}
	f.Fuzz(func(t *testing.T, data []byte) {
		zr, err := Open("f.xlsx", data, lim)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error of more than one line: %q", err)
			}
			return
		}
		if err := SharedStrings("f.xlsx", zr, lim); err != nil {
			return
		}
		var total int64
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				continue
			}
			n, _ := io.Copy(io.Discard, rc)
			rc.Close()
			total += n
		}
		if total > lim.Total {
			t.Fatalf("inflated %d bytes past the limit %d", total, lim.Total)
		}
	})
}

// TestManyCells: 1.4 million cells in a 2.7 MB workbook took 650 MB and
// 8 s to read; past CellCount the workbook is refused before excelize
// reads it.
func TestManyCells(t *testing.T) {
	rows := make([][]int, 70000)
	if testing.Short() {
		rows = rows[:16000]
	}
	for i := range rows {
		rows[i] = make([]int, 20)
	}
	data := hostile.Book([]string{"Skill", "Level", "Descriptor"}, []string{"a"}, rows)
	var err error
	bound(t, 3*time.Second, 256, func() { err = XLSX("many.xlsx", data) })
	if err == nil || !strings.Contains(err.Error(), "many.xlsx: xl/worksheets/sheet1.xml: the worksheets hold more than 300000 cells") {
		t.Fatalf("err = %v", err)
	}
}

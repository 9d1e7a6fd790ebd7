// Package ziplimit opens the zip archives a user hands rolepack (XLSX
// frameworks and manifests, DOCX letterheads) with limits checked before a
// byte is inflated: the number of entries, the size each part and all
// parts together inflate to, how far a part inflates relative to its
// compressed size, duplicate names and entries whose data overlap (one
// block of data listed under many names). archive/zip then holds every
// part to the size its directory entry declares, so the limits hold while
// the parts are read.
//
// For XLSX workbooks, SharedStrings bounds what the cells make of the
// shared strings: a 1 MiB string referenced from 3,000 cells is 3 GiB once
// a reader copies it into each cell.
package ziplimit

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/internal/userfile"
)

// Limits bound one archive.
type Limits struct {
	// Entries is the most entries the archive may list.
	Entries int
	// Total is the most bytes all parts may inflate to.
	Total int64
	// Part is the most bytes one part may inflate to.
	Part int64
	// Ratio is the most a part larger than RatioFloor may inflate,
	// relative to its compressed size.
	Ratio int64
	// Cells is the most bytes the shared strings of an XLSX workbook
	// may make in its cells: each string's size times the cells that
	// refer to it (SharedStrings).
	Cells int64
	// CellCount is the most cells the worksheets of an XLSX workbook may
	// hold in all (a reader builds a value for each: 1.4 million cells,
	// a 2.7 MB workbook, took 650 MB and 8 s).
	CellCount int
}

// RatioFloor is the size under which a part's compression ratio is not
// checked (a small run of one byte compresses far beyond any ratio).
const RatioFloor = 1 << 20

// Office returns the limits for an office document (XLSX, DOCX) a user
// hands rolepack: far above any framework, manifest or letterhead, far
// below what would take more than a few hundred MB to read.
func Office() Limits {
	return Limits{Entries: 2000, Total: 64 << 20, Part: 48 << 20, Ratio: 200, Cells: 48 << 20, CellCount: 300_000}
}

// Error is a refusal of an archive: "file: part: reason", one line.
type Error struct {
	File   string // the archive, as given
	Part   string // the part (entry name), "" for the whole archive
	Reason string
}

func (e *Error) Error() string {
	reason := strings.NewReplacer("\n", " ", "\r", " ").Replace(e.Reason)
	if e.Part == "" {
		return e.File + ": " + reason
	}
	return e.File + ": " + printable(e.Part) + ": " + reason
}

// printable is a part name as a message shows it: quoted when it holds
// anything but printable characters (a name with a newline stays on one
// line).
func printable(name string) string {
	for _, r := range name {
		if !unicode.IsPrint(r) {
			return strconv.Quote(name)
		}
	}
	return name
}

// ErrNotZip is wrapped by the error for data that is not a zip archive.
var ErrNotZip = errors.New("not a zip archive")

// Open reads the directory of the zip archive data (named file in
// messages) and checks it against lim before anything is inflated.
func Open(file string, data []byte, lim Limits) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", file, ErrNotZip, err)
	}
	if err := Check(file, zr, int64(len(data)), lim); err != nil {
		return nil, err
	}
	return zr, nil
}

// Check checks an archive's directory against lim; size is the size of
// the archive in bytes.
func Check(file string, zr *zip.Reader, size int64, lim Limits) error {
	fail := func(part, format string, a ...any) error {
		return &Error{File: file, Part: part, Reason: fmt.Sprintf(format, a...)}
	}
	if len(zr.File) > lim.Entries {
		return fail("", "the archive lists %d entries (limit %d)", len(zr.File), lim.Entries)
	}
	type span struct {
		name       string
		start, end int64
	}
	seen := make(map[string]string, len(zr.File))
	spans := make([]span, 0, len(zr.File))
	var total int64
	for _, f := range zr.File {
		key := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if prev, dup := seen[key]; dup {
			return fail(f.Name, "appears twice in the archive (as %s too)", strconv.Quote(prev))
		}
		seen[key] = f.Name
		if f.UncompressedSize64 > uint64(lim.Part) {
			return fail(f.Name, "inflates to %s; the limit for one part is %s", userfile.SizeText(clamp(f.UncompressedSize64)), short(lim.Part))
		}
		usize := int64(f.UncompressedSize64)
		if strings.HasSuffix(key, "/") && (usize > 0 || f.CompressedSize64 > 0) {
			return fail(f.Name, "a folder entry that holds data")
		}
		total += usize
		if total > lim.Total {
			return fail(f.Name, "with the parts before it, inflates to more than %s, the limit for the whole archive", short(lim.Total))
		}
		if usize > RatioFloor && (f.CompressedSize64 == 0 || usize/int64(max(f.CompressedSize64, 1)) > lim.Ratio) {
			return fail(f.Name, "inflates %d times over (%s to %s; limit %d times)", usize/int64(max(f.CompressedSize64, 1)), userfile.SizeText(clamp(f.CompressedSize64)), userfile.SizeText(usize), lim.Ratio)
		}
		if f.Method != zip.Store && f.Method != zip.Deflate {
			return fail(f.Name, "compressed with method %d (only stored and deflated parts are read)", f.Method)
		}
		if f.CompressedSize64 == 0 {
			continue
		}
		off, err := f.DataOffset()
		if err != nil {
			return fail(f.Name, "cannot read the entry: %v", err)
		}
		end := off + clamp(f.CompressedSize64)
		if off < 0 || end > size || end < off {
			return fail(f.Name, "the entry's data lie outside the archive")
		}
		spans = append(spans, span{f.Name, off, end})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			return fail(spans[i].name, "its data overlap those of %s (one block listed under two names)", printable(spans[i-1].name))
		}
	}
	return nil
}

// short writes a limit for people: "48 MiB".
func short(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return userfile.SizeText(n)
}

func clamp(n uint64) int64 {
	if n > 1<<62 {
		return 1 << 62
	}
	return int64(n)
}

// SharedStrings refuses an XLSX workbook whose worksheets hold more than
// lim.CellCount cells in all, or whose cells would make more than
// lim.Cells bytes of the shared strings they refer to (each string's size
// times its references), naming the worksheet that passes the limit.
func SharedStrings(file string, zr *zip.Reader, lim Limits) error {
	var sst *zip.File
	var sheets []*zip.File
	for _, f := range zr.File {
		key := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		switch {
		case key == "xl/sharedstrings.xml":
			sst = f
		case strings.HasPrefix(key, "xl/worksheets/") && strings.HasSuffix(key, ".xml"):
			sheets = append(sheets, f)
		}
	}
	var sizes []int64
	if sst != nil {
		var err error
		if sizes, err = stringSizes(sst); err != nil {
			return &Error{File: file, Part: sst.Name, Reason: "cannot read the shared strings: " + err.Error()}
		}
	}
	var total int64
	cells := 0
	for _, f := range sheets {
		n, c, err := referenced(f, sizes, lim.Cells-total, lim.CellCount-cells)
		total += n
		cells += c
		if err != nil {
			return &Error{File: file, Part: f.Name, Reason: err.Error()}
		}
		if cells > lim.CellCount {
			return &Error{File: file, Part: f.Name, Reason: fmt.Sprintf("the worksheets hold more than %d cells, the limit", lim.CellCount)}
		}
		if total > lim.Cells {
			return &Error{File: file, Part: f.Name, Reason: fmt.Sprintf("its cells repeat shared strings to more than %s, the limit (a long text used in many cells)", short(lim.Cells))}
		}
	}
	return nil
}

// stringSizes is the size in bytes of the text of each shared string.
func stringSizes(f *zip.File) ([]int64, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var sizes []int64
	in := false
	var n int64
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return sizes, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "si" {
				in, n = true, 0
			}
		case xml.EndElement:
			if t.Name.Local == "si" && in {
				sizes = append(sizes, n+1)
				in = false
			}
		case xml.CharData:
			if in {
				n += int64(len(t))
			}
		}
	}
}

// referenced is the size of the shared strings the cells of one worksheet
// refer to, and its number of cells, stopping once either passes its
// limit (left, leftCells).
func referenced(f *zip.File, sizes []int64, left int64, leftCells int) (int64, int, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, 0, err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var total int64
	cells := 0
	shared, inV := false, false
	var v []byte
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return total, cells, nil
		}
		if err != nil {
			return total, cells, fmt.Errorf("cannot read the worksheet: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "c":
				cells++
				if cells > leftCells {
					return total, cells, nil
				}
				shared = false
				for _, a := range t.Attr {
					if a.Name.Local == "t" && a.Value == "s" {
						shared = true
					}
				}
			case "v":
				inV, v = shared, v[:0]
			}
		case xml.CharData:
			if inV && len(v) < 32 {
				v = append(v, t...)
			}
		case xml.EndElement:
			if t.Name.Local == "v" && inV {
				inV = false
				if i, err := strconv.Atoi(strings.TrimSpace(string(v))); err == nil && i >= 0 && i < len(sizes) {
					total += sizes[i]
					if total > left {
						return total, cells, nil
					}
				}
			}
		}
	}
}

// XLSX opens an XLSX workbook's archive with Office limits and checks its
// shared strings (Open, then SharedStrings).
func XLSX(file string, data []byte) error {
	lim := Office()
	zr, err := Open(file, data, lim)
	if err != nil {
		return err
	}
	return SharedStrings(file, zr, lim)
}

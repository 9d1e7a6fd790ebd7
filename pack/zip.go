package pack

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"sync"
	"time"

	"github.com/rolepack/rolepack/output"
)

// Zip bundles files into a zip archive under the folder name dir, in name
// order, every entry stamped with modified, so the same files give the same
// bytes. Files of formats the output registry marks compressed (PDF,
// DOCX) are stored; the rest are deflated.
func Zip(dir string, files []output.File, modified time.Time) ([]byte, error) {
	// The zip holds about the files' bytes (most are stored, the rest
	// shrink) and a few hundred bytes of headers each: make its buffer once.
	size := 1024
	for _, f := range files {
		size += len(f.Data) + 3*len(f.Name) + 128
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	if err := WriteZip(b, dir, files, modified); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteZip writes to w the archive Zip makes, without holding it in
// memory.
func WriteZip(w io.Writer, dir string, files []output.File, modified time.Time) error {
	return writeZip(w, dir, files, modified, nil)
}

// writeZip is WriteZip with the deflated entries compressed by d, or as
// archive/zip compresses them when d is nil: the same bytes either way.
func writeZip(w io.Writer, dir string, files []output.File, modified time.Time, d *deflater) error {
	sorted := append([]output.File(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	if modified.Year() < 1980 {
		modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	zw := zip.NewWriter(w)
	if d != nil {
		zw.RegisterCompressor(zip.Deflate, d.compressor)
	}
	for _, f := range sorted {
		method := zip.Deflate
		if output.CompressedExt(f.Name) {
			method = zip.Store
		}
		h := &zip.FileHeader{Name: path.Join(dir, f.Name), Method: method, Modified: modified.UTC()}
		h.SetMode(0o644)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("zip %s: %w", f.Name, err)
		}
		if _, err := fw.Write(f.Data); err != nil {
			return fmt.Errorf("zip %s: %w", f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("zip: %w", err)
	}
	return nil
}

// deflater is a batch's one compressor for the deflated entries of its
// zips (a pack's JSON-LD), which its workers take turns with. archive/zip
// would keep one for each worker at once, 0.8 MB each, held from a
// batch's first pack to its last and doubled by the collector's room at
// its peak; a JSON-LD file compresses in tens of microseconds.
type deflater struct {
	mu sync.Mutex
	fw *flate.Writer
}

// compressor is d's zip.Compressor. The entry it returns keeps what is
// written to it and compresses it when closed, holding d only then (never
// across archive/zip's calls, which can fail between making an entry and
// closing it), into a buffer of its own that it writes to w once d is
// given back, so that no worker waits on another's disk.
func (d *deflater) compressor(w io.Writer) (io.WriteCloser, error) {
	return &deflating{d: d, w: w}, nil
}

// deflating is one zip entry to compress with a deflater's writer.
type deflating struct {
	d    *deflater
	w    io.Writer
	in   []byte // what was written (a pack's JSON-LD: a few kilobytes)
	done bool
}

// Write keeps p for Close.
func (e *deflating) Write(p []byte) (int, error) {
	if e.done {
		return 0, errors.New("zip entry: write after close")
	}
	e.in = append(e.in, p...)
	return len(p), nil
}

// Close compresses what was written and writes it to the zip.
func (e *deflating) Close() error {
	if e.done {
		return nil
	}
	e.done = true
	out, err := e.d.deflate(e.in)
	if err != nil {
		return err
	}
	_, err = e.w.Write(out)
	return err
}

// deflate compresses in with d's writer, as archive/zip's own writers
// (level 5) do.
func (d *deflater) deflate(in []byte) ([]byte, error) {
	var buf bytes.Buffer
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.fw == nil {
		fw, err := flate.NewWriter(&buf, 5)
		if err != nil {
			return nil, err
		}
		d.fw = fw
	} else {
		d.fw.Reset(&buf)
	}
	if _, err := d.fw.Write(in); err != nil {
		return nil, err
	}
	if err := d.fw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

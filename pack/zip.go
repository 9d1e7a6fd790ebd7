package pack

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"sort"
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
	sorted := append([]output.File(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	if modified.Year() < 1980 {
		modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	zw := zip.NewWriter(w)
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

// Package reference holds the DOCX reference document: the styles,
// numbering definitions, settings, header and footer that every generated
// DOCX uses, as readable XML parts embedded in the binary. Build assembles
// the parts into reference.docx, so the look can be changed in Word and the
// parts unzipped back (see README.md).
package reference

import (
	"archive/zip"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"time"
)

//go:embed all:parts
var embedded embed.FS

// parts is the folder of parts, rooted so that names are paths inside the
// .docx. (The go command refuses a file named "[Content_Types].xml" in a
// package folder itself, so the parts live one folder down.)
var parts = mustSub(embedded, "parts")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // dir is a constant that exists: cannot happen
	}
	return sub
}

// FS returns the reference document's parts, named by their paths inside
// the .docx (e.g. "word/styles.xml").
func FS() fs.FS { return parts }

// Names lists the paths of every part, "[Content_Types].xml" first and the
// rest sorted.
func Names() ([]string, error) {
	var names []string
	err := fs.WalkDir(parts, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && p != "[Content_Types].xml" {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list reference parts: %w", err)
	}
	sort.Strings(names)
	return append([]string{"[Content_Types].xml"}, names...), nil
}

// Build writes reference.docx, assembled from the parts, to w. The output
// is deterministic: parts in a fixed order with a fixed time.
func Build(w io.Writer) error {
	names, err := Names()
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	modified := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, name := range names {
		data, err := fs.ReadFile(parts, name)
		if err != nil {
			return fmt.Errorf("build reference.docx: %w", err)
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return fmt.Errorf("build reference.docx: %s: %w", name, err)
		}
		if _, err := f.Write(data); err != nil {
			return fmt.Errorf("build reference.docx: %s: %w", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("build reference.docx: %w", err)
	}
	return nil
}

package output

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// File is one generated file, named relative to its output folder.
type File struct {
	Name string
	Data []byte
}

// ManifestName is the file in an output folder that records what rolepack
// wrote there (a SHA-256 and a name per line), so that a later run can tell
// its own files from files a user wrote or edited.
const ManifestName = ".rolepack-files"

// Manifest maps file names to the SHA-256 (hex) rolepack wrote.
type Manifest map[string]string

// ReadManifest reads dir's manifest; a missing one is empty.
func ReadManifest(dir string) (Manifest, error) {
	m := Manifest{}
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if os.IsNotExist(err) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if ok {
			m[name] = sum
		}
	}
	return m, nil
}

// Bytes renders the manifest sorted by name.
func (m Manifest) Bytes() []byte {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	for _, n := range names {
		fmt.Fprintf(&b, "%s  %s\n", m[n], n)
	}
	return b.Bytes()
}

// Sum returns the hex SHA-256 of data.
func Sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// Status says what writing a file would do.
type Status int

// File statuses.
const (
	StatusNew     Status = iota // no file there yet
	StatusSame                  // the file already holds these bytes
	StatusOurs                  // rolepack wrote the file there; it will be replaced
	StatusForeign               // a file rolepack did not write, or that was edited since
)

// Check says, for each file, what writing it into dir would do.
func Check(dir string, m Manifest, files []File) ([]Status, error) {
	out := make([]Status, len(files))
	for i, f := range files {
		old, err := os.ReadFile(filepath.Join(dir, f.Name))
		switch {
		case os.IsNotExist(err):
			out[i] = StatusNew
		case err != nil:
			return nil, err
		case bytes.Equal(old, f.Data):
			out[i] = StatusSame
		case m[f.Name] == Sum(old):
			out[i] = StatusOurs
		default:
			out[i] = StatusForeign
		}
	}
	return out, nil
}

// WriteSet writes files into dir atomically, one by one, and records them
// in dir's manifest. Unless force is set it first refuses, writing nothing,
// when any target exists that rolepack did not write (or that was edited
// since). Files that already hold the same bytes are left alone. It
// returns the names it wrote.
func WriteSet(dir string, files []File, force bool) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	st, err := Check(dir, m, files)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	if !force {
		for i, s := range st {
			if s == StatusForeign {
				return nil, fmt.Errorf("%s exists and was not written by rolepack, or was edited since: use --force to overwrite it", filepath.Join(dir, files[i].Name))
			}
		}
	}
	var written []string
	for i, f := range files {
		if st[i] == StatusSame {
			m[f.Name] = Sum(f.Data)
			continue
		}
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return written, err
		}
		if err := WriteFileAtomic(p, f.Data); err != nil {
			return written, err
		}
		m[f.Name] = Sum(f.Data)
		written = append(written, f.Name)
	}
	if err := WriteFileAtomic(filepath.Join(dir, ManifestName), m.Bytes()); err != nil {
		return written, err
	}
	return written, nil
}

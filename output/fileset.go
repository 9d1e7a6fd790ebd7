package output

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/rolepack/rolepack/internal/userfile"
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

// ReadManifest reads the manifest of the folder sub of f ("" for f
// itself); a missing one is empty.
func (f *Folder) ReadManifest(sub string) (Manifest, error) {
	m := Manifest{}
	b, err := f.ReadFile(path.Join(sub, ManifestName), userfile.Output)
	if errors.Is(err, fs.ErrNotExist) {
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

// Check says, for each file, what writing it into the folder sub of f
// would do, given that folder's manifest m.
func (f *Folder) Check(sub string, m Manifest, files []File) ([]Status, error) {
	out := make([]Status, len(files))
	for i, file := range files {
		old, err := f.ReadFile(path.Join(sub, file.Name), userfile.Output)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			out[i] = StatusNew
		case err != nil:
			return nil, err
		case bytes.Equal(old, file.Data):
			out[i] = StatusSame
		case m[file.Name] == Sum(old):
			out[i] = StatusOurs
		default:
			out[i] = StatusForeign
		}
	}
	return out, nil
}

// WriteSet opens dir as an output folder (locking it), writes files into
// it with Folder.WriteSet and closes it.
func WriteSet(dir string, files []File, force bool) ([]string, error) {
	f, err := OpenFolder(dir)
	if err != nil {
		return nil, err
	}
	written, err := f.WriteSet("", files, force)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("output folder: %w", cerr)
	}
	return written, err
}

// WriteSet writes files into the folder sub of f ("" for f itself)
// atomically, one by one, and records them in that folder's manifest.
// Unless force is set it first refuses, writing nothing, when any target
// exists that rolepack did not write (or that was edited since). Files
// that already hold the same bytes are left alone. The manifest is
// written last, listing every file written, even when a write fails part
// way (the error is the write's); when the manifest cannot be written
// then either (a full disk), the files the run created are removed and
// the manifest written again, so that no file is left unlisted. It
// returns the names it wrote. A folder sub that does not exist yet is
// written whole, through a temporary folder renamed into place
// (writeNewSet): a reader or a crash sees none of it or all of it.
func (f *Folder) WriteSet(sub string, files []File, force bool) (written []string, err error) {
	if sub == "" || sub == "." {
		return f.writeSet(files, force)
	}
	if plainName(sub) {
		if err := f.checkPath(sub); err != nil {
			return nil, err
		}
		if _, err := f.root.Lstat(sub); errors.Is(err, fs.ErrNotExist) {
			if written, ok, err := f.writeNewSet(sub, files); ok {
				return written, err
			}
		}
	}
	d, err := f.openSub(sub)
	if err != nil {
		return nil, err
	}
	defer d.root.Close()
	return d.writeSet(files, force)
}

// openSub creates the folder sub of f if needed and opens it as a Folder
// of its own, under f's lock, so that each file of a set is reached from
// it in one step rather than walked to from f: about a third of the system
// calls per file (BenchmarkWritePackFiles).
func (f *Folder) openSub(sub string) (*Folder, error) {
	if err := f.checkPath(sub); err != nil {
		return nil, err
	}
	if err := f.root.MkdirAll(sub, 0o755); err != nil {
		return nil, fmt.Errorf("write %s: %w", f.Join(sub), unwrapPath(err))
	}
	if err := f.checkPath(sub); err != nil { // made by a racing process as a link
		return nil, err
	}
	r, err := f.root.OpenRoot(sub)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", f.Join(sub), unwrapPath(err))
	}
	return &Folder{Path: f.Join(sub), root: r}, nil
}

// writeSet is WriteSet for the folder f itself.
func (f *Folder) writeSet(files []File, force bool) (written []string, err error) {
	if err := f.checkPath(ManifestName); err != nil {
		return nil, err
	}
	m, err := f.ReadManifest("")
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	st, err := f.Check("", m, files)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	if !force {
		for i, s := range st {
			if s == StatusForeign {
				return nil, fmt.Errorf("%s exists and was not written by rolepack, or was edited since: use --force to overwrite it", f.Join(files[i].Name))
			}
		}
	}
	changed := false
	var created []string // files this run made where there were none
	defer func() {
		if !changed {
			return
		}
		merr := f.WriteFile(ManifestName, m.Bytes())
		if merr != nil && err != nil && len(created) > 0 {
			// The disk is full, most likely: the manifest cannot list what
			// was written. Take back the files this run created, which
			// frees their space and leaves nothing unlisted, and try again.
			for _, name := range created {
				if f.root.Remove(name) == nil {
					delete(m, name)
					written = slices.DeleteFunc(written, func(w string) bool { return w == name })
				}
			}
			if merr = f.WriteFile(ManifestName, m.Bytes()); merr == nil {
				err = fmt.Errorf("%w (the %d new files written before it were removed)", err, len(created))
			}
		}
		if merr != nil && err == nil {
			err = merr
		}
	}()
	for i, file := range files {
		if st[i] == StatusSame {
			changed = changed || m[file.Name] != Sum(file.Data)
			m[file.Name] = Sum(file.Data)
			continue
		}
		if err := f.WriteFile(file.Name, file.Data); err != nil {
			return written, err
		}
		m[file.Name] = Sum(file.Data)
		changed = true
		written = append(written, file.Name)
		if st[i] == StatusNew {
			created = append(created, file.Name)
		}
	}
	return written, nil
}

// Record records in the folder's manifest the hex SHA-256 of files
// written into it without WriteSet (WriteFileFunc streams a file too
// large to hold): name → sum. The manifest is written only when it
// changes.
func (f *Folder) Record(sums map[string]string) error {
	if err := f.checkPath(ManifestName); err != nil {
		return err
	}
	m, err := f.ReadManifest("")
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	changed := false
	for name, sum := range sums {
		if m[name] != sum {
			m[name], changed = sum, true
		}
	}
	if !changed {
		return nil
	}
	return f.WriteFile(ManifestName, m.Bytes())
}

package output

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/rolepack/rolepack/internal/userfile"
)

// Folder is an output folder opened for one run. Every file is read and
// written relative to it through an os.Root, so no path leaves it; a
// symbolic link anywhere inside it on the way to a file is an error naming
// the link (rolepack never writes through one). While a Folder is open the
// run holds an exclusive lock on it, so two runs cannot interleave their
// writes or lose each other's updates to the manifest. A Folder is safe
// for concurrent use by the goroutines of one run.
type Folder struct {
	// Path is the folder as the user named it, for messages.
	Path string
	root *os.Root
	lock *os.File
}

// OpenFolder creates the folder at dir if needed, locks it for this run and
// opens it. A folder another run holds is an error (one line, naming it);
// Close releases it.
func OpenFolder(dir string) (*Folder, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	lock, err := lockFolder(dir)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		lock.Close()
		return nil, fmt.Errorf("output folder: %w", err)
	}
	f := &Folder{Path: dir, root: root, lock: lock}
	f.removeStaleTemps()
	return f, nil
}

// staleTemp matches the name of a temporary file createTemp makes.
var staleTemp = regexp.MustCompile(`^\..+\.[0-9a-f]{12}\.tmp$`)

// removeStaleTemps removes the temporary files, and the temporary folders
// of new sets (writeNewSet), a run killed mid-write (kill -9, a power cut)
// left in the folder. The folder is locked, so no other run is writing
// one; links are not followed.
func (f *Folder) removeStaleTemps() {
	fs.WalkDir(f.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		switch {
		case d.Type().IsRegular() && staleTemp.MatchString(d.Name()):
			f.root.Remove(p)
		case d.IsDir() && p != "." && staleTemp.MatchString(d.Name()):
			f.root.RemoveAll(p)
			return fs.SkipDir
		}
		return nil
	})
}

// Close closes the folder and releases its lock.
func (f *Folder) Close() error {
	err := f.root.Close()
	if lerr := f.lock.Close(); err == nil {
		err = lerr
	}
	return err
}

// Join names a file of the folder for messages ("dist/jd.pdf").
func (f *Folder) Join(name string) string { return filepath.Join(f.Path, filepath.FromSlash(name)) }

// ErrLink is wrapped by the error for a symbolic link in the output folder.
var ErrLink = errors.New("is a symbolic link")

// checkPath refuses a name that is absolute or climbs out of the folder,
// and a symbolic link at any step of name inside the folder. A step that
// does not exist yet ends the check.
func (f *Folder) checkPath(name string) error {
	clean := path.Clean(filepath.ToSlash(name))
	if name == "" || path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
		return fmt.Errorf("%s: outside the output folder %s", name, f.Path)
	}
	if clean == "." {
		return nil
	}
	parts := strings.Split(clean, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		fi, err := f.root.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.Join(p), unwrapPath(err))
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s %w: rolepack does not write through links in the output folder (remove the link or choose another output folder)", f.Join(p), ErrLink)
		}
	}
	return nil
}

// ReadFile reads a file of the folder (a regular file of at most limit
// bytes; not through a link). A missing file's error satisfies
// errors.Is(err, fs.ErrNotExist).
func (f *Folder) ReadFile(name string, limit int64) ([]byte, error) {
	if err := f.checkPath(name); err != nil {
		return nil, err
	}
	fi, err := f.root.Lstat(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Join(name), unwrapPath(err))
	}
	if err := userfile.Check(f.Join(name), fi, limit); err != nil {
		return nil, err
	}
	file, err := f.root.OpenFile(name, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Join(name), unwrapPath(err))
	}
	defer file.Close()
	return userfile.ReadOpen(f.Join(name), file, limit)
}

// Exists reports whether name is in the folder (as anything, a link
// included).
func (f *Folder) Exists(name string) bool {
	_, err := f.root.Lstat(name)
	return err == nil
}

// SameContent reports whether name exists in the folder and holds exactly
// data.
func (f *Folder) SameContent(name string, data []byte) bool {
	old, err := f.ReadFile(name, userfile.Output)
	return err == nil && string(old) == string(data)
}

// WriteFile writes data to name inside the folder atomically (a temporary
// file in the same folder, then a rename), creating the folders on the
// way. A reader, or a crash, sees the old file or the new one, never half
// of one. The file gets mode 0644.
func (f *Folder) WriteFile(name string, data []byte) error {
	file, tmp, err := f.createTemp(name)
	if err != nil {
		return err
	}
	if _, err := file.Write(data); err != nil {
		return f.abandon(file, tmp, name, err)
	}
	return f.commit(file, tmp, name)
}

// streamBuffers are WriteFileFunc's 64 KB buffers, reused: a batch writes
// each pack's zip through one (a new one a pack was 3% of what a batch of
// Markdown packs allocated).
var streamBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// WriteFileFunc writes name atomically, as WriteFile does, with the bytes
// write writes, streamed to the file rather than held in memory. When name
// already holds exactly those bytes it is left as it is. It returns the
// bytes' hex SHA-256 and whether the file was written.
func (f *Folder) WriteFileFunc(name string, write func(io.Writer) error) (sum string, written bool, err error) {
	file, tmp, err := f.createTemp(name)
	if err != nil {
		return "", false, err
	}
	h := sha256.New()
	bw := streamBuffers.Get().(*bufio.Writer)
	bw.Reset(io.MultiWriter(file, h))
	defer func() { bw.Reset(nil); streamBuffers.Put(bw) }()
	if err := write(bw); err != nil {
		return "", false, f.abandon(file, tmp, name, err)
	}
	if err := bw.Flush(); err != nil {
		return "", false, f.abandon(file, tmp, name, err)
	}
	sum = hex.EncodeToString(h.Sum(nil))
	if fi, err := f.root.Lstat(name); err == nil && fi.Mode().IsRegular() && sameSize(file, fi.Size()) {
		if old, err := f.ReadFile(name, fi.Size()); err == nil && Sum(old) == sum {
			file.Close()
			f.root.Remove(tmp)
			return sum, false, nil
		}
	}
	return sum, true, f.commit(file, tmp, name)
}

// sameSize reports whether file holds size bytes: a file of another size
// cannot hold the same bytes, and need not be read to compare.
func sameSize(file *os.File, size int64) bool {
	fi, err := file.Stat()
	return err == nil && fi.Size() == size
}

// createTemp checks name, makes its folder and creates the temporary file
// it is written to, in that folder, with a name no other write uses.
func (f *Folder) createTemp(name string) (file *os.File, tmp string, err error) {
	if err := f.checkPath(name); err != nil {
		return nil, "", err
	}
	if d := path.Dir(filepath.ToSlash(name)); d != "." {
		if err := f.root.MkdirAll(d, 0o755); err != nil {
			return nil, "", fmt.Errorf("write %s: %w", f.Join(name), unwrapPath(err))
		}
		if err := f.checkPath(d); err != nil { // made by a racing process as a link
			return nil, "", err
		}
	}
	if fi, err := f.root.Stat(name); err == nil {
		if err := targetError(f.Join(name), fi); err != nil {
			return nil, "", err
		}
	}
	var rnd [6]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return nil, "", fmt.Errorf("write %s: %w", f.Join(name), err)
	}
	tmp = path.Join(path.Dir(filepath.ToSlash(name)), "."+path.Base(filepath.ToSlash(name))+"."+hex.EncodeToString(rnd[:])+".tmp")
	file, err = f.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, "", fmt.Errorf("write %s: %w", f.Join(name), unwrapPath(err))
	}
	return file, tmp, nil
}

// abandon closes and removes the temporary file of a write that failed.
func (f *Folder) abandon(file *os.File, tmp, name string, err error) error {
	file.Close()
	f.root.Remove(tmp)
	return fmt.Errorf("write %s: %w", f.Join(name), unwrapPath(err))
}

// commit gives the written temporary file its mode, closes it and renames
// it over name.
func (f *Folder) commit(file *os.File, tmp, name string) error {
	if err := file.Chmod(0o644); err != nil {
		return f.abandon(file, tmp, name, err)
	}
	if err := file.Close(); err != nil {
		f.root.Remove(tmp)
		return fmt.Errorf("write %s: %w", f.Join(name), unwrapPath(err))
	}
	if err := f.root.Rename(tmp, name); err != nil {
		f.root.Remove(tmp)
		return fmt.Errorf("write %s: %w", f.Join(name), unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the *fs.PathError around err, whose path is relative
// to the folder, so that messages name the file once, from the folder.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

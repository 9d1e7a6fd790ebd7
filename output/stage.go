package output

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
)

// writeNewSet writes files and their manifest as the new folder sub of f,
// which does not exist yet: into a temporary folder beside it (".sub.
// RANDOM.tmp", which removeStaleTemps removes after a crash) made for this
// set, each file created once under its own name (no temporary file and
// rename per file: a fresh folder has no old file a reader or a crash
// could see half replaced), then renamed to sub in one step. A reader, or
// a crash, sees no folder or the whole set. About a third of the system
// calls per file of writing them one by one (BenchmarkWritePackFiles).
// It reports ok false, having written nothing, when the set is not one
// it can write so (a name that is not a plain file name, or a name twice);
// WriteSet then writes it file by file.
func (f *Folder) writeNewSet(sub string, files []File) (written []string, ok bool, err error) {
	seen := make(map[string]bool, len(files)+1)
	seen[ManifestName] = true
	for _, file := range files {
		if !plainName(file.Name) || seen[file.Name] {
			return nil, false, nil
		}
		seen[file.Name] = true
	}
	var rnd [6]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return nil, true, fmt.Errorf("write %s: %w", f.Join(sub), err)
	}
	tmp := path.Join(path.Dir(sub), "."+path.Base(sub)+"."+hex.EncodeToString(rnd[:])+".tmp")
	if err := f.root.Mkdir(tmp, 0o755); err != nil {
		return nil, true, fmt.Errorf("write %s: %w", f.Join(sub), unwrapPath(err))
	}
	fail := func(name string, err error) ([]string, bool, error) {
		f.root.RemoveAll(tmp)
		return nil, true, fmt.Errorf("write %s: %w", f.Join(path.Join(sub, name)), unwrapPath(err))
	}
	d, err := openStage(f.root, tmp)
	if err != nil {
		return fail("", err)
	}
	m := make(Manifest, len(files))
	for _, file := range files {
		if err := d.create(file.Name, file.Data); err != nil {
			d.close()
			return fail(file.Name, err)
		}
		m[file.Name] = Sum(file.Data)
	}
	if err := d.create(ManifestName, m.Bytes()); err != nil {
		d.close()
		return fail(ManifestName, err)
	}
	if err := d.close(); err != nil {
		return fail("", err)
	}
	if err := f.root.Rename(tmp, sub); err != nil {
		return fail("", err)
	}
	written = make([]string, len(files))
	for i, file := range files {
		written[i] = file.Name
	}
	return written, true, nil
}

// plainName reports whether name is a file name of its own, with no
// folder: what a set can be written into a new folder under.
func plainName(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, `/\`) && !strings.ContainsRune(name, 0)
}

// stager creates the files of a set in the folder it was opened on.
type stager interface {
	create(name string, data []byte) error
	close() error
}

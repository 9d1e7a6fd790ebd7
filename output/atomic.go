package output

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes data to path through a temporary file in the same
// folder and a rename, so a reader (or a crash) sees the old file or the new
// one, never half of one. The file gets mode 0644. A path that is (or is a
// link to) anything but a regular file, a device such as /dev/null, a
// FIFO, a socket or a folder, is refused before anything is written.
func WriteFileAtomic(path string, data []byte) error {
	if err := CheckTarget(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	name := tmp.Name()
	cleanup := func() { tmp.Close(); os.Remove(name) }
	if _, err := tmp.Write(data); err != nil {
		cleanup()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		cleanup()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// CheckTarget refuses a path to write that exists as anything but a
// regular file (following a link to its target): rolepack replaces only
// files, never a device, a FIFO, a socket or a folder. A path that does
// not exist passes.
func CheckTarget(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return nil // missing, or the write names the error
	}
	return targetError(path, fi)
}

// targetError is the refusal of a target of mode fi that is not a regular
// file, or nil.
func targetError(path string, fi os.FileInfo) error {
	var what string
	switch m := fi.Mode(); {
	case m.IsRegular():
		return nil
	case m.IsDir():
		what = "a folder"
	case m&os.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&os.ModeDevice != 0:
		what = "a device"
	case m&os.ModeSocket != 0:
		what = "a socket"
	default:
		what = "something other than a regular file"
	}
	return fmt.Errorf("%s: is %s; rolepack writes only regular files (--force does not change that)", path, what)
}

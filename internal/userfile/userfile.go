// Package userfile reads the files a user hands rolepack (frameworks and
// framework source documents, configs, batch manifests, template
// overrides, logos, reference documents, existing output files) with a
// size limit that holds, and without hanging on a file that is not a
// regular file: a FIFO, a device such as /dev/zero, a socket or a folder is
// refused before a byte is read, with a one-line error naming the path.
//
// The limits for each kind of file are the constants below; they are the
// one place where rolepack's input sizes are set.
package userfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Size limits, in bytes, for each kind of file a user hands rolepack.
// A file larger than its limit is refused, naming its size and the limit,
// before it is read.
const (
	// Config is a rolepack config file (config.yaml).
	Config = 1 << 20
	// Framework is a canonical framework file (YAML or JSON) or a framework
	// source document to import (Markdown, text, CSV).
	Framework = 10 << 20
	// Manifest is a batch manifest (CSV or YAML) for `rolepack pack`.
	Manifest = 4 << 20
	// Translations is a translations file (YAML) or an XLIFF file of
	// translations to import.
	Translations = 16 << 20
	// Template is one template override file.
	Template = 1 << 20
	// Logo is an organisation logo (PNG or JPEG).
	Logo = 5 << 20
	// ReferenceDocument is a reference DOCX whose styles the DOCX writer
	// uses.
	ReferenceDocument = 20 << 20
	// Font is a TrueType font file of a brand typeface.
	Font = 30 << 20
	// Output is a file already in the output folder that rolepack reads to
	// tell its own files from a user's (the largest file rolepack writes is
	// far smaller; a larger one is not rolepack's).
	Output = 256 << 20
)

// Error is a refusal to read a file: not a regular file, too large, or an
// error of the file system. Its message is one line: "path: reason".
type Error struct {
	Path   string
	Reason string
	Err    error // the underlying error, if any (fs.ErrNotExist, …)
}

func (e *Error) Error() string { return e.Path + ": " + e.Reason }

// Unwrap returns the underlying error, so errors.Is(err, fs.ErrNotExist)
// holds for a missing file.
func (e *Error) Unwrap() error { return e.Err }

// Read returns the content of the regular file at path, refusing, before
// reading, a path that is not a regular file (FIFO, device, socket,
// folder) and a file larger than limit bytes. It never reads more than
// limit+1 bytes, so a file that grows while it is read is refused too.
func Read(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &Error{Path: path, Reason: "cannot read file: " + errText(err), Err: err}
	}
	if err := Check(path, fi, limit); err != nil {
		return nil, err
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, &Error{Path: path, Reason: "cannot read file: " + errText(err), Err: err}
	}
	defer f.Close()
	return ReadOpen(path, f, limit)
}

// ReadOpen reads an open file the way Read does: f must be a regular file
// of at most limit bytes (checked with f.Stat before reading). path names
// the file in messages.
func ReadOpen(path string, f *os.File, limit int64) ([]byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, &Error{Path: path, Reason: "cannot read file: " + errText(err), Err: err}
	}
	if err := Check(path, fi, limit); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(int(fi.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(&LimitedReader{R: f, N: limit, Limit: limit, Path: path}); err != nil {
		var ue *Error
		if errors.As(err, &ue) {
			return nil, err
		}
		return nil, &Error{Path: path, Reason: "cannot read file: " + errText(err), Err: err}
	}
	return buf.Bytes(), nil
}

// Check refuses a file that is not a regular file or is larger than limit
// bytes, by its file information.
func Check(path string, fi fs.FileInfo, limit int64) error {
	switch m := fi.Mode(); {
	case m.IsDir():
		return &Error{Path: path, Reason: "is a directory, not a file"}
	case m&fs.ModeNamedPipe != 0:
		return &Error{Path: path, Reason: "is a named pipe (FIFO), not a regular file"}
	case m&fs.ModeDevice != 0:
		return &Error{Path: path, Reason: "is a device, not a regular file"}
	case m&fs.ModeSocket != 0:
		return &Error{Path: path, Reason: "is a socket, not a regular file"}
	case !m.IsRegular():
		return &Error{Path: path, Reason: "is not a regular file"}
	}
	if fi.Size() > limit {
		return tooLarge(path, fi.Size(), limit)
	}
	return nil
}

// LimitedReader reads at most N bytes from R, like io.LimitedReader, and
// then fails with an error naming the limit instead of ending quietly, so
// that input past the limit is never mistaken for the whole of it.
type LimitedReader struct {
	R     io.Reader
	N     int64  // bytes left
	Limit int64  // the limit, for messages
	Path  string // the file, for messages
}

// Read reads from R, counting down N; past the limit it returns an *Error.
func (l *LimitedReader) Read(p []byte) (int, error) {
	if l.N <= 0 {
		// One byte more tells "exactly at the limit" from "past it".
		var one [1]byte
		n, err := l.R.Read(one[:])
		if n > 0 {
			return 0, tooLarge(l.Path, -1, l.Limit)
		}
		return 0, err
	}
	if int64(len(p)) > l.N {
		p = p[:l.N]
	}
	n, err := l.R.Read(p)
	l.N -= int64(n)
	return n, err
}

// tooLarge is the refusal of a file of size bytes (-1: more than limit).
func tooLarge(path string, size, limit int64) error {
	what := SizeText(size)
	if size < 0 { // read past the limit: the size is not known
		what = "more than " + SizeText(limit)
	}
	return &Error{Path: path, Reason: fmt.Sprintf("file is too large: %s (limit %s)", what, SizeText(limit))}
}

// SizeText writes a byte count for people: "1.5 MiB (1572864 bytes)".
func SizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB (%d bytes)", float64(n)/(1<<20), n)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB (%d bytes)", float64(n)/(1<<10), n)
	}
	return fmt.Sprintf("%d bytes", n)
}

// errText is the reason of a file system error without the path, which
// the caller names once.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Reason is the message of err without its path, for callers that name
// the file themselves (as file:line).
func Reason(err error) string {
	var ue *Error
	if errors.As(err, &ue) {
		return ue.Reason
	}
	return errText(err)
}

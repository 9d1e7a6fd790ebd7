package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// stdinName is how messages name standard input read for "-".
const stdinName = "stdin"

// stdinFiles stands for "-" among paths: standard input, read once (at
// most limit bytes) into a temporary file named "stdin"+ext, so that the
// readers, which take paths, read it like any file. rename turns the
// temporary file's path back into "stdin" in a message; cleanup removes
// the file. Paths without "-" come back as they are.
func (f *Factory) stdinFiles(paths []string, limit int64, ext string) (out []string, rename func(string) string, cleanup func(), err error) {
	rename, cleanup = func(s string) string { return s }, func() {}
	n := 0
	for _, p := range paths {
		if p == "-" {
			n++
		}
	}
	if n == 0 {
		return paths, rename, cleanup, nil
	}
	if n > 1 {
		return nil, rename, cleanup, fmt.Errorf("- (standard input) given %d times: it can be read once", n)
	}
	data, err := f.readStdin(limit)
	if err != nil {
		return nil, rename, cleanup, err
	}
	dir, err := os.MkdirTemp("", "rolepack-stdin-")
	if err != nil {
		return nil, rename, cleanup, fmt.Errorf("reading standard input: %w", err)
	}
	cleanup = func() { os.RemoveAll(dir) }
	tmp := filepath.Join(dir, stdinName+ext)
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		cleanup()
		return nil, rename, func() {}, fmt.Errorf("reading standard input: %w", err)
	}
	rename = func(s string) string { return strings.ReplaceAll(s, tmp, stdinName) }
	out = make([]string, len(paths))
	for i, p := range paths {
		out[i] = p
		if p == "-" {
			out[i] = tmp
		}
	}
	return out, rename, cleanup, nil
}

// renameErr is err with rename applied to its message, or nil.
func renameErr(err error, rename func(string) string) error {
	if err == nil {
		return nil
	}
	if msg := rename(err.Error()); msg != err.Error() {
		return &renamedError{msg: msg, err: err}
	}
	return err
}

// renamedError is an error whose message names standard input, not the
// temporary file it was read into.
type renamedError struct {
	msg string
	err error
}

func (e *renamedError) Error() string { return e.msg }
func (e *renamedError) Unwrap() error { return e.err }

// readStdin reads standard input, at most limit bytes, for "-".
func (f *Factory) readStdin(limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(f.IO.In, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading standard input: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("standard input: more than %d MiB (the limit for this kind of file)", limit>>20)
	}
	return data, nil
}

package main

import (
	"fmt"
	"io"
	"os"
	"syscall"
)

// Size limits of the files a user hands the command layer.
const (
	maxConfigSize = 1 << 20 // config.yaml: 1 MiB
	maxLogoSize   = 5 << 20 // organisation logo: 5 MiB
	maxManifest   = 8 << 20 // pack manifest: 8 MiB
)

// readBounded reads the regular file at path, refusing anything else (a
// FIFO, a device, a directory) before opening it, and any file larger than
// limit bytes, so a wrong path can neither hang the run nor exhaust memory.
// The error says what the file is and names path.
func readBounded(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(path, fi); err != nil {
		return nil, err
	}
	// O_NONBLOCK: a file swapped for a FIFO after the check does not block
	// the open.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err = f.Stat()
	if err != nil {
		return nil, err
	}
	if err := regular(path, fi); err != nil {
		return nil, err
	}
	if fi.Size() > limit {
		return nil, tooLarge(path, limit)
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(b)) > limit {
		return nil, tooLarge(path, limit)
	}
	return b, nil
}

func regular(path string, fi os.FileInfo) error {
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return fmt.Errorf("%s is a folder, not a file", path)
	case m&os.ModeNamedPipe != 0:
		return fmt.Errorf("%s is a named pipe (FIFO), not a regular file", path)
	case m&os.ModeDevice != 0:
		return fmt.Errorf("%s is a device, not a regular file", path)
	default:
		return fmt.Errorf("%s is not a regular file", path)
	}
}

func tooLarge(path string, limit int64) error {
	return fmt.Errorf("%s is larger than %d MiB", path, limit>>20)
}

//go:build unix

package userfile

import (
	"os"
	"syscall"
)

// openNonBlocking opens path for reading with O_NONBLOCK, so that opening
// a FIFO with no writer returns at once instead of waiting for one; the
// caller refuses it by its fstat. Reads of a regular file do not block
// either way.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

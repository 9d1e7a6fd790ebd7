//go:build unix

package output

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// nonBlock opens files without waiting (a FIFO in the output folder).
const nonBlock = syscall.O_NONBLOCK

// lockFolder takes an exclusive flock on the folder itself (no lock file
// is left behind); the lock goes when the returned file is closed, or the
// process ends. A folder locked by another run is an error at once.
func lockFolder(dir string) (*os.File, error) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	for {
		err = syscall.Flock(int(d.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		d.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: another rolepack run is writing to this output folder; wait for it to finish, or choose another folder", dir)
		}
		return nil, fmt.Errorf("output folder %s: lock: %w", dir, err)
	}
	return d, nil
}

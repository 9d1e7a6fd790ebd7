//go:build unix

package output

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockFolderShared takes a shared flock on the folder: other shared
// holders are welcome, an exclusive one (a whole run) is an error at once.
func lockFolderShared(dir string) (*os.File, error) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	for {
		err = syscall.Flock(int(d.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		d.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: a rolepack run that is not a shard (a whole run, or a merge) is writing to this output folder; wait for it to finish, or choose another folder", dir)
		}
		return nil, fmt.Errorf("output folder %s: lock: %w", dir, err)
	}
	return d, nil
}

//go:build unix

package output

import (
	"errors"
	"os"
	"syscall"
)

// stageDir writes files into a folder opened once, each with openat,
// write, fchmod and close on its descriptor: an os.File would add four
// fcntl calls and an epoll registration per file, for a regular file that
// cannot use the poller. Names are plain file names (writeNewSet checks),
// created exclusively and never through a link.
type stageDir struct{ dir *os.File }

// openStage opens the folder name of r for writing files into.
func openStage(r *os.Root, name string) (stager, error) {
	d, err := r.OpenFile(name, os.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		return nil, err
	}
	return stageDir{d}, nil
}

func (s stageDir) create(name string, data []byte) error {
	rc, err := s.dir.SyscallConn()
	if err != nil {
		return err
	}
	var werr error
	if err := rc.Control(func(dfd uintptr) { werr = createAt(int(dfd), name, data) }); err != nil {
		return err
	}
	if werr != nil {
		return &os.PathError{Op: "write", Path: name, Err: werr}
	}
	return nil
}

// createAt creates name in the folder dfd, exclusively, not through a
// link, writes data to it and gives it mode 0644 (whatever the umask).
func createAt(dfd int, name string, data []byte) error {
	var fd int
	var err error
	for {
		fd, err = syscall.Openat(dfd, name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0o644)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		return err
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return err
		}
		if n == 0 {
			syscall.Close(fd)
			return syscall.EIO
		}
		data = data[n:]
	}
	if err := syscall.Fchmod(fd, 0o644); err != nil {
		syscall.Close(fd)
		return err
	}
	return syscall.Close(fd)
}

func (s stageDir) close() error { return s.dir.Close() }

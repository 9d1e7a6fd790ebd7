//go:build !unix

package output

import "os"

// openStage opens the folder name of r for writing files into.
func openStage(r *os.Root, name string) (stager, error) {
	sub, err := r.OpenRoot(name)
	if err != nil {
		return nil, err
	}
	return stageRoot{sub}, nil
}

// stageRoot writes files into a folder through an os.Root, on systems
// other than Unix (stage_unix.go writes through the folder's descriptor).
type stageRoot struct{ r *os.Root }

func (s stageRoot) create(name string, data []byte) error {
	file, err := s.r.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := file.Write(data); err != nil {
		file.Close()
		return err
	}
	if err := file.Chmod(0o644); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}

func (s stageRoot) close() error { return s.r.Close() }

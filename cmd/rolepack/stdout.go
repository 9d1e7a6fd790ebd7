package main

import (
	"fmt"
	"io"
)

// stdout is a command's standard output that remembers the first write
// error, so a command whose output is lost (a full disk, a closed pipe)
// exits non-zero instead of reporting success.
type stdout struct {
	w   io.Writer
	err error
}

func (s *stdout) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

// result is the first write error, as a one-line error.
func (s *stdout) result() error {
	if s.err != nil {
		return fmt.Errorf("writing to standard output: %w", s.err)
	}
	return nil
}

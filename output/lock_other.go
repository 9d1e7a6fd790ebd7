//go:build !unix

package output

import (
	"fmt"
	"os"
)

// nonBlock: other systems have no O_NONBLOCK; files are checked to be
// regular before they are opened.
const nonBlock = 0

// lockFolder opens the folder; on systems without flock no lock is taken,
// and two runs into one folder are not kept apart.
func lockFolder(dir string) (*os.File, error) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	return d, nil
}

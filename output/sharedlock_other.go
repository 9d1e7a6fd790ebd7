//go:build !unix

package output

import "os"

// lockFolderShared opens the folder; as lockFolder, it takes no lock on
// systems without flock.
func lockFolderShared(dir string) (*os.File, error) { return lockFolder(dir) }

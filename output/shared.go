package output

import (
	"fmt"
	"os"
)

// OpenSharedFolder opens dir as OpenFolder does, with a shared lock in
// place of the exclusive one: the shards of one sharded run (rolepack pack
// --shard), which write disjoint packs and no file of the folder's own,
// may hold it together, while a whole run or a merge, which takes the
// exclusive lock, can hold it only alone. It leaves temporary files
// alone: another shard may be writing them (a whole run or a merge removes
// those a killed run left).
func OpenSharedFolder(dir string) (*Folder, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	lock, err := lockFolderShared(dir)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		lock.Close()
		return nil, fmt.Errorf("output folder: %w", err)
	}
	return &Folder{Path: dir, root: root, lock: lock}, nil
}

package output

import (
	"fmt"
	"testing"
)

// BenchmarkWritePackFiles writes what one role pack holds (eleven files in
// its own folder, with the folder's file list) through WriteSet, as a
// batch does: the cost of atomic, contained writes per pack.
func BenchmarkWritePackFiles(b *testing.B) {
	f, err := OpenFolder(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	files := make([]File, 11)
	for j := range files {
		files[j] = File{Name: fmt.Sprintf("file-%d.pdf", j), Data: make([]byte, 20<<10)}
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := f.WriteSet(fmt.Sprintf("pack-%d", i), files, false); err != nil {
			b.Fatal(err)
		}
	}
}

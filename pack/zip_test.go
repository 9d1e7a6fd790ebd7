package pack

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rolepack/rolepack/output"
)

// TestDeflaterGivesArchiveZipsBytes checks that a batch's one compressor
// for its zips' deflated entries writes the bytes archive/zip's own do,
// for zips written by eight goroutines at once (the workers taking turns
// with it), each with several deflated entries of different sizes.
func TestDeflaterGivesArchiveZipsBytes(t *testing.T) {
	d := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	sets := make([][]output.File, 8)
	for i := range sets {
		sets[i] = []output.File{
			{Name: "advert.jsonld", Data: []byte(strings.Repeat(fmt.Sprintf(`{"title":"Data engineer %d","n":%d}`, i, i*i), 40+i*30))},
			{Name: "jd.pdf", Data: []byte("%PDF-1.7 stored, not deflated")},
			{Name: "jd.md", Data: []byte(strings.Repeat("Design and build data pipelines. ", 500*i))},
			{Name: "spec.html", Data: []byte("<p>x</p>")},
		}
	}
	want := make([][]byte, len(sets))
	for i, files := range sets {
		var b bytes.Buffer
		if err := WriteZip(&b, "p", files, d); err != nil {
			t.Fatal(err)
		}
		want[i] = b.Bytes()
	}
	dz := &deflater{}
	var wg sync.WaitGroup
	errs := make([]error, len(sets))
	for round := range 3 {
		for i, files := range sets {
			wg.Go(func() {
				var b bytes.Buffer
				if err := writeZip(&b, "p", files, d, dz); err != nil {
					errs[i] = err
					return
				}
				if !bytes.Equal(b.Bytes(), want[i]) {
					errs[i] = fmt.Errorf("round %d, zip %d: %d bytes differ from archive/zip's %d", round, i, b.Len(), len(want[i]))
				}
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
	}
	r, err := zip.NewReader(bytes.NewReader(want[3]), int64(len(want[3])))
	if err != nil {
		t.Fatal(err)
	}
	if r.File[0].Name != "p/advert.jsonld" || r.File[0].Method != zip.Deflate || r.File[1].Method != zip.Deflate {
		t.Errorf("the zip's entries are not the deflated ones the test means: %s method %d", r.File[0].Name, r.File[0].Method)
	}
}

// failAfter is a writer that fails once n bytes are written.
type failAfter struct{ n int }

func (f *failAfter) Write(p []byte) (int, error) {
	if f.n -= len(p); f.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// TestDeflaterGivenBackAfterAFailedZip checks that a zip that fails while
// its deflated entry is written (a full disk) still gives the batch's
// compressor back: the next zip is written, not left waiting.
func TestDeflaterGivenBackAfterAFailedZip(t *testing.T) {
	// a.pdf (stored) nearly fills archive/zip's 4 KB buffer, so that the
	// disk fails as b.jsonld's header is written, after its compressor
	// was made; with 60 or 200 bytes, as a.pdf or b.jsonld is written.
	files := []output.File{{Name: "a.pdf", Data: bytes.Repeat([]byte("%"), 4030)}, {Name: "b.jsonld", Data: bytes.Repeat([]byte(`{"a":1}`), 1000)}, {Name: "c.jsonld", Data: []byte(`{}`)}}
	dz := &deflater{}
	d := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	done := make(chan error, 1)
	go func() {
		for _, n := range []int{100, 60, 4200} {
			if err := writeZip(&failAfter{n: n}, "p", files, d, dz); err == nil {
				done <- fmt.Errorf("a zip to a writer failing after %d bytes: no error", n)
				return
			}
		}
		done <- writeZip(io.Discard, "p", files, d, dz)
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the compressor was not given back after a failed zip")
	}
}

package docx

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// TestPartCacheSameBytes: a part taken from the cache is written with the
// bytes zip would have written compressing it itself, so a document is the
// same whether its parts are cached or not, on a miss and on a hit, with
// many documents at once, and when the cache has turned over.
func TestPartCacheSameBytes(t *testing.T) {
	plain := newWriter(t)
	plain.noCache = true
	cached := newWriter(t)

	var docs []*doc.Document
	for i := range 5 {
		d := jdDocument()
		d.Meta.HeaderRight = fmt.Sprintf("Vacancy %d", i)
		switch i {
		case 1:
			d.Meta.Landscape = true
		case 2:
			d.Meta.Language = "cy-GB"
		case 3:
			logo, err := chartPNG(plain.font, &doc.Chart{Scale: []string{"a", "b"}, Bars: []doc.ChartBar{{Label: "x", Values: []float64{1}}}})
			if err != nil {
				t.Fatal(err)
			}
			d.Meta.Logo = logo
		case 4:
			d.Blocks = append(d.Blocks, bullets(true, "one", "two"), bullets(false, "three"))
		}
		docs = append(docs, d)
	}
	for round := range 2 { // a miss, then a hit
		for i, d := range docs {
			if want, got := render(t, plain, d), render(t, cached, d); !bytes.Equal(got, want) {
				t.Fatalf("round %d, document %d: cached parts change the bytes", round, i)
			}
		}
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, d := range docs {
				if !bytes.Equal(render(t, cached, d), render(t, plain, d)) {
					t.Errorf("concurrent document %d differs", i)
				}
			}
		})
	}
	wg.Wait()

	// Turn the cache over (every document's header is new) and check the
	// first documents again.
	for i := range 3 * maxCachedParts {
		d := jdDocument()
		d.Meta.HeaderRight = fmt.Sprintf("Other %d", i)
		render(t, cached, d)
	}
	if n := len(cached.parts.cur) + len(cached.parts.old); n > 2*maxCachedParts {
		t.Errorf("cache holds %d parts, want at most %d", n, 2*maxCachedParts)
	}
	for i, d := range docs {
		if !bytes.Equal(render(t, cached, d), render(t, plain, d)) {
			t.Errorf("after turnover, document %d differs", i)
		}
	}
}

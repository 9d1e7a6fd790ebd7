package output

import (
	"errors"
	"io"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

type nopWriter struct{}

func (nopWriter) Write(io.Writer, *doc.Document) error { return nil }

func TestLookupBuildsOnlyTheFormatsAskedFor(t *testing.T) {
	f, err := NewFormats()
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Built(); len(got) != 0 {
		t.Fatalf("writers built before any lookup: %v", got)
	}
	fs, err := f.Lookup([]string{"md"})
	if err != nil {
		t.Fatal(err)
	}
	if fs[0].Writer == nil || fs[0].Ext != ".md" {
		t.Fatalf("md format without its writer: %+v", fs[0])
	}
	if got := f.Built(); !reflect.DeepEqual(got, []string{"md"}) {
		t.Errorf("looking up md built %v", got)
	}
}

func TestWriterBuiltOnceUnderConcurrentLookups(t *testing.T) {
	var n atomic.Int32
	f := NewFormatsOf([]Format{{Name: "slow", Ext: ".slow", New: func() (Writer, error) { n.Add(1); return nopWriter{}, nil }}})
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.Lookup([]string{"slow", "SLOW "}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n.Load() != 1 {
		t.Errorf("writer built %d times, want once", n.Load())
	}
}

func TestLookupErrors(t *testing.T) {
	f := NewFormatsOf([]Format{
		{Name: "b", New: func() (Writer, error) { return nil, errors.New("no fonts") }},
		{Name: "a", New: func() (Writer, error) { return nopWriter{}, nil }},
	})
	if _, err := f.Lookup([]string{"odt"}); err == nil || err.Error() != `unknown format "odt" (known: a, b)` {
		t.Errorf("unknown format: %v", err)
	}
	if _, err := f.Lookup([]string{"b"}); err == nil || err.Error() != "b writer: no fonts" {
		t.Errorf("failing writer: %v", err)
	}
}

func TestCompressedFormatsComeFromTheRegistry(t *testing.T) {
	for name, want := range map[string]bool{"jd.pdf": true, "x/jd.DOCX": true, "jd.md": false, "jd.html": false, "advert.jsonld": false, "map.xlsx": true} {
		if got := CompressedExt(name); got != want {
			t.Errorf("CompressedExt(%q) = %v", name, got)
		}
	}
	if got := FormatNames(); !reflect.DeepEqual(got, []string{"docx", "html", "md", "pdf", "xlsx"}) {
		t.Errorf("FormatNames() = %v", got)
	}
}

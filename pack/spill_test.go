package pack

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// TestFeedSpillReadsBack checks that a feed entry kept in the spill file
// reads back exactly, every field of it (a field added to FeedJob and not
// to feedFields fails here), whatever bytes its strings hold.
func TestFeedSpillReadsBack(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	var sp feedSpill
	defer sp.close()
	defer func() {
		// the file has no name while it is open where the system allows
		// it, so a killed batch leaves nothing behind
		if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "rolepack-spill-*")); runtime.GOOS != "windows" && len(left) > 0 {
			t.Errorf("the spill file is in the temporary folder while the batch runs: %q", left)
		}
	}()
	typ := reflect.TypeFor[FeedJob]()
	if n := len(feedFields(&FeedJob{})); n != typ.NumField() {
		t.Fatalf("the spill file holds %d fields of a FeedJob, which has %d", n, typ.NumField())
	}
	var want []*FeedJob
	var at []spilled
	for i := range 3 {
		j := &FeedJob{}
		v := reflect.ValueOf(j).Elem()
		for f := range typ.NumField() {
			// Each field its own value: a long one, bytes JSON would
			// rewrite (invalid UTF-8, NUL), and an empty one.
			v.Field(f).SetString([]string{strings.Repeat(typ.Field(f).Name, 300), "\xff\x00<&>" + typ.Field(f).Name, ""}[(i+f)%3])
		}
		a, err := sp.put(j)
		if err != nil {
			t.Fatal(err)
		}
		want, at = append(want, j), append(at, a)
	}
	for i := len(at) - 1; i >= 0; i-- { // in any order
		got, err := sp.get(at[i])
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("entry %d read back as %+v, want %+v", i, got, want[i])
		}
	}
}

// TestDoneSpillReadsBack checks that what building a pack gave reads back
// from the spill file as it was written: status, files written, lists,
// strings, the zip's digests and the feed entry, with and without each.
func TestDoneSpillReadsBack(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	var sp feedSpill
	defer sp.close()
	sums := [2][32]byte{{1, 2, 3}, {31: 9}}
	want := []Result{
		{Status: Built, Written: 17, Files: []string{"a.md", "b\x00.md"}, Editorial: []string{"advert.md: 2 errors"},
			Rebuilt: "document date changed", Title: "Senior data engineer", LevelLabel: "Senior", sums: &sums,
			Feed: &FeedJob{Title: "Senior data engineer", JobPosting: strings.Repeat("{}", 4000)}},
		{Status: Failed},
		{Status: UpToDate, Files: []string{"x"}, Title: "T"},
	}
	var at []spilled
	for i := range want {
		a, err := sp.putBytes(appendDone(nil, &want[i]))
		if err != nil {
			t.Fatal(err)
		}
		at = append(at, a)
	}
	for i := len(at) - 1; i >= 0; i-- {
		b, err := sp.getBytes(at[i])
		if err != nil {
			t.Fatal(err)
		}
		var got Result
		if err := readDone(b, &got, newInterner(), true); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("result %d read back as %+v, want %+v", i, got, want[i])
		}
		if err := readDone(b[:len(b)-1], &got, nil, true); err == nil {
			t.Errorf("result %d cut short read back without an error", i)
		}
	}
}

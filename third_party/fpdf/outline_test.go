package fpdf

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"
)

// outlineCounts writes a document with the bookmarks at the given levels
// and returns each bookmark's /Count by title (0 when it has none) and the
// outline root's /Count under "root" (absent when it has none).
func outlineCounts(t *testing.T, open int, levels ...int) map[string]int {
	t.Helper()
	pdf := New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.SetFont("Helvetica", "", 12)
	pdf.SetBookmarksOpenLevels(open)
	pdf.AddPage()
	for i, l := range levels {
		pdf.Bookmark("b"+strconv.Itoa(i), l, -1)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	items := regexp.MustCompile(`<</Title \((b\d+)\)[^>]*?(?:/Count (-?\d+)\s*)?>>`).FindAllSubmatch(b.Bytes(), -1)
	if len(items) != len(levels) {
		t.Fatalf("%d outline items in the file, want %d", len(items), len(levels))
	}
	for _, m := range items {
		if len(m[2]) > 0 {
			got[string(m[1])], _ = strconv.Atoi(string(m[2]))
		} else {
			got[string(m[1])] = 0
		}
	}
	root := regexp.MustCompile(`<</Type /Outlines /First \d+ 0 R\s*/Last \d+ 0 R\s*(?:/Count (-?\d+)\s*)?>>`).FindSubmatch(b.Bytes())
	if root == nil {
		t.Fatal("no outline root")
	}
	if len(root[1]) > 0 {
		got["root"], _ = strconv.Atoi(string(root[1]))
	}
	return got
}

// TestOutlineCounts checks each outline item's /Count against ISO 32000-1
// 12.3.3: none for a leaf; for an item with descendants, the number of its
// descendants visible when it is open (its children and the visible
// descendants of open children), negative when it is closed; for the root,
// the number of items visible, left out when no item is open.
func TestOutlineCounts(t *testing.T) {
	// b0
	//   b1
	//     b2
	//     b3
	//   b4
	// b5
	//   b6
	// b7
	levels := []int{0, 1, 2, 2, 1, 0, 1, 0}
	for _, tc := range []struct {
		open int
		want map[string]int
	}{
		{0, map[string]int{"b0": -2, "b1": -2, "b5": -1}},
		{1, map[string]int{"b0": 2, "b1": -2, "b5": 1, "root": 6}},
		{2, map[string]int{"b0": 4, "b1": 2, "b5": 1, "root": 8}},
		{9, map[string]int{"b0": 4, "b1": 2, "b5": 1, "root": 8}},
	} {
		got := outlineCounts(t, tc.open, levels...)
		for k, v := range tc.want {
			if got[k] != v {
				t.Errorf("open %d: %s /Count %d, want %d", tc.open, k, got[k], v)
			}
		}
		for k, v := range got {
			if _, ok := tc.want[k]; !ok && v != 0 {
				t.Errorf("open %d: %s /Count %d, want none", tc.open, k, v)
			}
		}
		if _, ok := got["root"]; ok != (tc.want["root"] != 0) {
			t.Errorf("open %d: root /Count present %v, want %v", tc.open, ok, !ok)
		}
	}
	// Leaves only: no item is open whatever the setting, so no root count.
	if got := outlineCounts(t, 1, 0, 0); got["root"] != 0 || got["b0"] != 0 || got["b1"] != 0 {
		t.Errorf("two top-level leaves: counts %v, want none", got)
	}
}

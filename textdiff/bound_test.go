package textdiff

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// words is n words from a small vocabulary with every k-th word unique,
// as descriptors are: most words repeat, some (names, numbers) do not.
func words(n, seed, k int) string {
	vocab := strings.Fields("data the and of to design build review models pipelines with for team services users quality")
	var b strings.Builder
	x := uint32(seed)
	for i := 0; i < n; i++ {
		x = x*1664525 + 1013904223
		if i%k == 0 {
			b.WriteString("w" + strconv.Itoa(i))
		} else {
			b.WriteString(vocab[x>>28%uint32(len(vocab))])
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// TestWordsBounded: two 80,000-word texts took 62–87 s to compare; now
// under a few seconds, and the diff still gives both texts back.
func TestWordsBounded(t *testing.T) {
	n := 80_000
	if testing.Short() {
		n = 20_000
	}
	for _, c := range []struct {
		name     string
		old, new string
	}{
		{"edited", words(n, 1, 10), words(n, 1, 10)[:n] + " inserted words here " + words(n, 1, 10)[n:]},
		{"unrelated", words(n, 1, 10), words(n, 2, 10)},
		{"no unique words", words(n, 1, n+1), words(n, 2, n+1)},
	} {
		start := time.Now()
		d := Words(c.old, c.new)
		el := time.Since(start)
		if el > 5*time.Second {
			t.Errorf("%s: took %s", c.name, el)
		}
		t.Logf("%s: %s", c.name, el)
		if d.Old() != c.old || d.New() != c.new {
			t.Errorf("%s: the diff does not give the texts back", c.name)
		}
	}
	// Small texts still get the exact comparison.
	d := Words("design and build data pipelines", "design and review data pipelines")
	if len(d) != 4 || d[1].Op != Delete || d[1].Text != "build" || d[2].Text != "review" {
		t.Errorf("small diff = %+v", d)
	}
}

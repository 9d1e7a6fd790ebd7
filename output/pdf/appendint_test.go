package pdf

import (
	"strconv"
	"testing"
)

// TestAppendIntAsStrconv: appendInt writes what strconv.AppendInt writes,
// for every number up to past its digit-by-digit range and negative ones.
func TestAppendIntAsStrconv(t *testing.T) {
	for n := -20; n < 20100; n++ {
		if got, want := string(appendInt([]byte("x"), n)), "x"+strconv.Itoa(n); got != want {
			t.Fatalf("%d: %q, want %q", n, got, want)
		}
	}
}

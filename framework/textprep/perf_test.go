package textprep

import (
	"strings"
	"testing"
	"time"
)

// TestLinearTime guards against quadratic behaviour on hostile 4 MiB
// inputs (a quadratic pass would take minutes).
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, unit := range []string{"Ã©", "é", "\r", "\n", "\r\n", "â€?", "x", " \u00a0"} {
		data := []byte(strings.Repeat(unit, (4<<20)/len(unit)))
		start := time.Now()
		if _, err := Prepare("big", data); err != nil && !strings.Contains(err.Error(), "empty") {
			t.Fatalf("%q: %v", unit, err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%q × %d: %v", unit, len(data)/len(unit), d)
		}
	}
}

package textprep

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkHostile prepares 4 MiB inputs made of one repeated hostile unit;
// ns/op that grows faster than the input (compare -benchtime runs at other
// sizes) would show a quadratic pass.
func BenchmarkHostile(b *testing.B) {
	for i, unit := range []string{"Ã©", "é", "\r", "\n", "\r\n", "â€?", "x", " \u00a0"} {
		data := []byte(strings.Repeat(unit, (4<<20)/len(unit)))
		b.Run(fmt.Sprintf("unit%d", i), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for n := 0; n < b.N; n++ {
				if _, err := Prepare("big", data); err != nil && !strings.Contains(err.Error(), "empty") {
					b.Fatalf("%q: %v", unit, err)
				}
			}
		})
	}
}

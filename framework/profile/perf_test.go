package profile

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework/textprep"
)

// BenchmarkHostile parses 4 MiB profiles made of one repeated hostile unit;
// MB/s far below the seed's would show a super-linear pass.
func BenchmarkHostile(b *testing.B) {
	for i, c := range []struct{ head, unit string }{
		{"Summary\nS\nBehaviours\nTitle | Details |\n---|---|\n", "A (B1.1) (Level 5) | d |\n"},
		{"Summary\n", "summary line\n"},
		{"Summary\nS\n", "Sec\nTitle | Details\n---|---\n"},
		{"Summary\nS\nAdditional Frameworks\n", "ref\n"},
		{"Summary\nS\nX\nTitle | Details |\n---|---|\n", strings.Repeat("(", 1000) + " | " + strings.Repeat(")", 1000) + "\n"},
	} {
		var sb strings.Builder
		sb.WriteString(c.head)
		for sb.Len() < 4<<20 {
			sb.WriteString(c.unit)
		}
		d, err := textprep.Prepare("big.txt", []byte(sb.String()))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("unit%d", i), func(b *testing.B) {
			b.SetBytes(int64(sb.Len()))
			for n := 0; n < b.N; n++ {
				Detect(d)
				Parse([]*textprep.Doc{d}, Options{Title: "T"})
			}
		})
	}
}

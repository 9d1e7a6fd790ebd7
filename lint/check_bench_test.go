package lint

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkCheckManyLines is lint's cost for 2,000 distinct lines of
// ordinary prose (each checked, none from the memo), with a semicolon
// and a number in each: go test ./lint -bench CheckManyLines.
func BenchmarkCheckManyLines(b *testing.B) {
	var sb strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&sb, "The postholder will design and build data pipelines with team %d; they test them, and %d,000 users rely on them.\n", i, i)
	}
	text := []byte(sb.String())
	r := defaultRules()
	b.ReportAllocs()
	for b.Loop() {
		Check("x.txt", text, r)
	}
}

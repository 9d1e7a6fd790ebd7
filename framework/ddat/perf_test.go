package ddat

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/framework/textprep"
)

// BenchmarkHostile parses 4 MiB summaries made of one repeated hostile
// unit; MB/s far below the seed's would show a super-linear pass.
func BenchmarkHostile(b *testing.B) {
	head := "Data role: Data engineer\nRole level: Data engineer\nSkill: Testing\n"
	inputs := map[string]string{}
	for i, unit := range []string{"note line\n", "- bullet\n", "Skill: S\n", "\n", "In this role, you will:\n"} {
		var sb strings.Builder
		sb.WriteString(head)
		for sb.Len() < 4<<20 {
			sb.WriteString(unit)
		}
		inputs[fmt.Sprintf("unit%d", i)] = sb.String()
	}
	var sb strings.Builder
	sb.WriteString("Data role: Data engineer\n")
	for sb.Len() < 4<<20 {
		sb.WriteString("- role note\nprose\n")
	}
	sb.WriteString("Role level: X\nSkill: S\n")
	inputs["rolenotes"] = sb.String()
	for _, name := range []string{"unit0", "unit1", "unit2", "unit3", "unit4", "rolenotes"} {
		d, err := textprep.Prepare("big.txt", []byte(inputs[name]))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(inputs[name])))
			for n := 0; n < b.N; n++ {
				Parse([]*textprep.Doc{d})
			}
		})
	}
}

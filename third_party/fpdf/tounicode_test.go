package fpdf

import (
	"strings"
	"testing"
)

// TestToUnicodeCMap checks that the ToUnicode map of a UTF-8 font maps the
// rows of the runes used, each as a range whose last byte does not pass 255
// (ISO 32000-1 9.10.3), and does not map code 0.
func TestToUnicodeCMap(t *testing.T) {
	used := map[int]int{0: 0, 'A': 'A', 0xE9: 0xE9, 0x175: 0x175, 0x2019: 0x2019, 0x201C: 0x201C, 0x1F600: 0x1F600}
	got := string(toUnicodeCMap(used))
	want := "3 beginbfrange\n<0001> <00FF> <0001>\n<0100> <01FF> <0100>\n<2000> <20FF> <2000>\nendbfrange\n"
	if !strings.Contains(got, want) {
		t.Errorf("CMap lacks\n%s\nin\n%s", want, got)
	}
	if strings.Contains(got, "<0000> <FFFF> <0000>") {
		t.Error("CMap still maps one range over the whole code space")
	}
	many := map[int]int{}
	for r := 0x20; r < 0xD000; r += 0x80 {
		many[r] = r
	}
	if got := string(toUnicodeCMap(many)); !strings.Contains(got, "100 beginbfrange\n") || !strings.Contains(got, "8 beginbfrange\n") {
		t.Errorf("208 rows not split into blocks of at most 100:\n%.300s", got)
	}
}

package lint

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/doc"
)

// TestWithStandardLeavesRolepacksOwnTextOut: a text of the tree that is
// one of the standard texts is not checked; the same words elsewhere are.
func TestWithStandardLeavesRolepacksOwnTextOut(t *testing.T) {
	std := "Everyone has a duty to safeguard children and adults at risk."
	d := &doc.Document{Blocks: []doc.Block{
		&doc.Paragraph{Text: []doc.Inline{{Text: std}}},
		&doc.Paragraph{Text: []doc.Inline{{Text: "We want a rockstar."}}},
	}}
	rules, err := NewRules(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	all := CheckDocument("jd.md", d, rules)
	some := CheckDocument("jd.md", d, rules.WithStandard([]string{"Everyone has a duty to safeguard  children and adults at risk."}))
	if len(some) >= len(all) {
		t.Fatalf("the standard text is still checked: %d findings, %d without it", len(all), len(some))
	}
	for _, f := range some {
		if f.Place == "paragraph 1" {
			t.Errorf("finding in the standard text: %s", f)
		}
	}
	rockstar := false
	for _, f := range some {
		rockstar = rockstar || f.Place == "paragraph 2"
	}
	if !rockstar {
		t.Error("the organisation's own text is no longer checked")
	}
}

// TestFoldSpaceAsFields checks foldSpace's shortcut against splitting and
// joining: texts already folded come back as they are, the rest folded.
func TestFoldSpaceAsFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\nb", "a\u00a0b", "a\u2003b", "Cymraeg ŵ ŷ", "ŵ  ŷ", "a\u0085b", "\xff \xfe", "x\r\ny", "Equal  opportunities employer."} {
		if got, want := foldSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("foldSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

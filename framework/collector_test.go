package framework_test

import (
	"fmt"
	"testing"

	"github.com/rolepack/rolepack/framework"
)

// TestCollectorCapsAsFound: past RepeatLimit warnings of one kind in one
// file, the Collector only counts (issue 14: 4M empty bullets built 4M
// warning records before they were summed up), and gives what Condense
// gives for the same problems.
func TestCollectorCapsAsFound(t *testing.T) {
	var c framework.Collector
	var all []framework.Problem
	add := func(p framework.Problem) {
		c.Add(p)
		all = append(all, p)
	}
	for i := 1; i <= 100; i++ {
		add(framework.Warnf("a.md", i, "empty bullet ignored"))
		add(framework.Warnf("a.md", i, "empty bullet ignored")) // reached twice
		if i%7 == 0 {
			add(framework.Warnf("b.md", i, "empty bullet ignored"))
			add(framework.Warnf("a.md", i, "line %d is odd", i))
		}
	}
	got, want := c.Problems(), framework.Condense(all)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Collector gave\n%v\nCondense gives\n%v", got, want)
	}
	if c.Len() != 100+14+14 {
		t.Errorf("Len = %d", c.Len())
	}
	p := framework.Warnf("a.md", 5000, "empty bullet ignored")
	if n := testing.AllocsPerRun(1000, func() { p.Line++; c.Add(p) }); n != 0 {
		t.Errorf("a warning past the limit allocates %.0f times", n)
	}
	found := false // 90 from the loop, 1001 from AllocsPerRun (a warm-up run and 1000)
	for _, p := range c.Problems() {
		found = found || p.File == "a.md" && p.Message == `… and 1091 more like this, lines 11 to 6001 ("empty bullet ignored")`
	}
	if !found {
		t.Errorf("no summary of a.md's empty bullets in %v", c.Problems())
	}
}

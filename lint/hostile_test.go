package lint

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestHostileTextsLinear holds issue 32's editorial-check reproductions:
// each took from 5 s to more than 300 s, or ran out of memory; each now
// ends within seconds of CPU time (cpuTime: the bounds hold on a loaded
// machine, where the wall clock does not).
func TestHostileTextsLinear(t *testing.T) {
	r, err := NewRules(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines, word, distinctWords := 100_000, 9<<20, 3000
	if testing.Short() {
		// The budget case costs SuggestBudget lookups whatever the
		// size: under -short (and -race) only its first words run.
		lines, word, distinctWords = 3_000, 256<<10, 0
	}
	var distinct strings.Builder
	for i := 0; i < distinctWords; i++ {
		distinct.WriteString("qzv" + strings.Repeat(string(rune('a'+i%26)), 1+i%9) + string(rune('a'+i/26%26)) + "k works. ")
	}
	for _, c := range []struct {
		name string
		text string
		max  time.Duration
		want string // a finding's message that must be there
	}{
		{"many lines", strings.Repeat("The postholder will design and build data pipelines with the team.\n", lines), 20 * time.Second, ""},
		{"400-letter word", "The " + strings.Repeat("q", 400) + " works.\n", time.Second, "unknown word"},
		{"unknown word 4000 times", strings.Repeat("Zorblax works. ", 4000), 2 * time.Second, "unknown word"},
		{"3000 distinct unknown words", distinct.String(), 5 * time.Second, map[bool]string{true: "", false: "spelling suggestions stopped"}[testing.Short()]},
		{"one long word", strings.Repeat("z", word), 15 * time.Second, ""},
	} {
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		start := cpuTime()
		fs := Check("x.txt", []byte(c.text), r)
		el := cpuTime() - start
		runtime.ReadMemStats(&m1)
		if el > slow*c.max {
			t.Errorf("%s: took %s of CPU", c.name, el)
		}
		if peak := m1.HeapInuse; peak > 512<<20 {
			t.Errorf("%s: %d MiB in use", c.name, peak>>20)
		}
		found := c.want == ""
		for _, f := range fs {
			found = found || strings.Contains(f.Message, c.want)
		}
		if !found {
			t.Errorf("%s: no finding %q", c.name, c.want)
		}
	}
}

// TestSuggestionsKept: the limits leave ordinary misspellings their
// suggestions, once per distinct word.
func TestSuggestionsKept(t *testing.T) {
	r, err := NewRules(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	fs := Check("x.txt", []byte("We recieve data. We recieve more data.\n"), r)
	n := 0
	for _, f := range fs {
		if strings.Contains(f.Message, `"recieve"`) {
			n++
			if f.Suggestion != "receive" {
				t.Errorf("suggestion %q", f.Suggestion)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d findings for recieve, want 2", n)
	}
}

// TestCancelStopsChecks: Ctrl-C and SIGTERM did not stop a long check;
// with the rules' context cancelled, no further text is checked.
func TestCancelStopsChecks(t *testing.T) {
	r, err := NewRules(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	texts := make([]Text, 10000)
	for i := range texts {
		texts[i] = Text{Line: i + 1, Col: 1, Kind: Prose, Text: "We recieve data " + strings.Repeat("x", i%50)}
	}
	start := cpuTime()
	if fs := CheckTexts("x.txt", texts, r.WithContext(ctx)); len(fs) != 0 {
		t.Errorf("%d findings after the cancel", len(fs))
	}
	if el := cpuTime() - start; el > slow*time.Second {
		t.Errorf("took %s of CPU", el)
	}
}

package careermap_test

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/careermap"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/textdiff"
)

// bigLadder is a generated framework of one role at rungs levels, each
// with entries skills of descs descriptors of words words; each rung
// changes two more words of each descriptor than the rung below, so
// descriptors stay close to theirs below and far from the others. It
// returns the framework's size in bytes of descriptor text.
func bigLadder(t *testing.T, entries, descs, words, rungs int) (*config.Config, *compose.Library, int) {
	t.Helper()
	rng := rand.New(rand.NewSource(1))
	vocab := []string{"data", "team", "service", "users", "design", "build", "lead", "review", "plan", "code"}
	for i := 0; i < 400; i++ {
		vocab = append(vocab, fmt.Sprintf("w%d", i))
	}
	base := make([][][]string, entries)
	for e := range base {
		base[e] = make([][]string, descs)
		for d := range base[e] {
			for w := 0; w < words; w++ {
				base[e][d] = append(base[e][d], vocab[rng.Intn(len(vocab))])
			}
		}
	}
	size := 0
	role := framework.Role{ID: "r", Title: "Role"}
	for r := 0; r < rungs; r++ {
		lv := framework.RoleLevel{ID: fmt.Sprintf("l%d", r), Title: fmt.Sprintf("Level %d title", r)}
		for e := 0; e < entries; e++ {
			en := framework.Entry{Kind: "skill", Title: fmt.Sprintf("Entry %d", e)}
			for d := 0; d < descs; d++ {
				ws := append([]string(nil), base[e][d]...)
				for i := 0; i < 2*r; i++ {
					ws[rng.Intn(words)] = vocab[rng.Intn(len(vocab))]
				}
				s := strings.Join(ws, " ")
				size += len(s)
				en.Descriptors = append(en.Descriptors, s)
			}
			lv.Entries = append(lv.Entries, en)
		}
		role.Levels = append(role.Levels, lv)
	}
	fw := &framework.Framework{ID: "big", Name: "Big", Format: "canonical",
		Source: framework.Source{Title: "Big", Licence: "MIT"}, Roles: []framework.Role{role}}
	cfg, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	fws, err := defaults.Frameworks()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := compose.NewLibrary(append(fws, fw)...)
	if err != nil {
		t.Fatal(err)
	}
	return cfg, lib, size
}

// TestLadderBounded checks that a career map of a framework of a few MB
// (200 entries of 40 descriptors at four rungs: every descriptor has 40
// to compare with at the rung below) stays within the map's bounds,
// says once that it stopped marking, and marks nothing after it stopped.
func TestLadderBounded(t *testing.T) {
	entries := 200
	if testing.Short() {
		entries = 60
	}
	cfg, lib, size := bigLadder(t, entries, 40, 20, 4)
	start := time.Now()
	l, err := careermap.New(context.Background(), cfg, lib, "big/r", "l1", ladderDate)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("career map of %d bytes took %v", size, d)
	}
	words, cells := careermap.LadderWork(l)
	t.Logf("%d bytes of descriptors: %d words and %d cells compared", size, words, cells)
	if words > careermap.MaxLadderWords || cells > careermap.MaxLadderCells {
		t.Errorf("work %d words, %d cells: over the bounds %d, %d", words, cells, careermap.MaxLadderWords, careermap.MaxLadderCells)
	}
	var notes int
	for _, n := range l.Notes {
		if strings.Contains(n, "stopped after") {
			notes++
		}
	}
	// Pairwise, the map would compare 40 × 40 pairs of 40 words for each
	// entry at each rung above the lowest.
	pairwise := int64(entries) * 3 * 40 * 40 * 40
	if pairwise > careermap.MaxLadderWords && notes != 1 {
		t.Errorf("work past the bound (%d words pairwise) but %d notes: %q", pairwise, notes, l.Notes)
	}
	// The last row's top rung is marked after the bound: plain throughout.
	rows := l.Sections[0].Groups[0].Rows
	last := rows[len(rows)-1].Cells[len(l.Rungs)-1]
	for _, d := range last.Descriptors {
		for _, p := range d.Parts {
			if p.New && notes > 0 {
				t.Fatalf("a descriptor marked past the bound: %+v", d)
			}
		}
	}
	// The first row is marked within it: changed words in bold.
	bold := false
	for _, d := range rows[0].Cells[1].Descriptors {
		for _, p := range d.Parts {
			bold = bold || p.New
		}
	}
	if !bold {
		t.Errorf("nothing marked in the first row: %+v", rows[0].Cells[1])
	}
}

// TestLadderMarksAsPairwise checks that, within the bounds, each cell is
// marked as comparing each of its descriptors with each of the rung
// below's and keeping the most similar does.
func TestLadderMarksAsPairwise(t *testing.T) {
	cfg, lib, _ := bigLadder(t, 20, 8, 12, 4)
	l, err := careermap.New(context.Background(), cfg, lib, "big/r", "l1", ladderDate)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range l.Sections[0].Groups[0].Rows {
		for i := 1; i < len(r.Cells); i++ {
			want := pairwiseCell(r.Cells[i], r.Cells[i-1])
			for j, d := range r.Cells[i].Descriptors {
				if fmt.Sprint(d.Parts) != fmt.Sprint(want[j]) {
					t.Fatalf("%s at %s, descriptor %d: parts %v, pairwise %v", r.Title, l.Rungs[i].Label, j, d.Parts, want[j])
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no descriptor checked")
	}
}

// pairwiseCell marks each descriptor of c against every descriptor of
// below and keeps the most similar (the whole descriptor new below half
// its words), then, when every word is new, marks nothing.
func pairwiseCell(c, below careermap.LadderCell) [][]careermap.MarkedText {
	var out [][]careermap.MarkedText
	all := true
	for _, d := range c.Descriptors {
		var best textdiff.Diff
		bestSim := -1.0
		for _, b := range below.Descriptors {
			diff := textdiff.Words(b.Text, d.Text)
			if s := diff.Similarity(); s > bestSim {
				best, bestSim = diff, s
			}
		}
		var parts []careermap.MarkedText
		if bestSim < 0.5 {
			parts = []careermap.MarkedText{{Text: d.Text, New: true}}
		} else {
			for _, s := range best {
				switch s.Op {
				case textdiff.Equal:
					parts = append(parts, careermap.MarkedText{Text: s.Text})
				case textdiff.Insert:
					parts = append(parts, careermap.MarkedText{Text: s.Text, New: true})
				}
			}
		}
		for _, p := range parts {
			all = all && p.New
		}
		out = append(out, parts)
	}
	if all {
		for _, ps := range out {
			for i := range ps {
				ps[i].New = false
			}
		}
	}
	return out
}

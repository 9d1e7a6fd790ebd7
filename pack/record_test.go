package pack

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestRecordOverWritesTheMergedRecord checks that the record a batch writes
// from its results over an earlier run's record, without a map of its
// packs, is byte for byte the record of the map it used to make: the
// earlier entries, with this batch's built packs (and only those with
// digests) over them, over random mixes of packs built again, new ones and
// ones not run.
func TestRecordOverWritesTheMergedRecord(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	oldInputs := [][2]string{{"version", "0.9"}, {"config", "aa"}}
	inputs := [][2]string{{"version", "1.0"}, {"config", "bb"}}
	for round := range 40 {
		old := packRecord{}
		for i := range rng.IntN(30) {
			name := fmt.Sprintf("P%03d", rng.IntN(60))
			old[name] = recordEntry{inputs: oldInputs, row: [32]byte{byte(i)}, zip: [32]byte{1, byte(i)}, title: "Old " + name, files: []string{"jd.pdf"}}
		}
		var results []Result
		seen := map[string]bool{}
		for i := range rng.IntN(30) {
			name := fmt.Sprintf("P%03d", rng.IntN(60))
			if seen[name] {
				continue // a batch's pack names are its own
			}
			seen[name] = true
			r := Result{Name: name, Status: Status(rng.IntN(4)), Title: "New " + name, LevelLabel: "Senior", Files: []string{"jd.pdf", "spec.pdf"}}
			if rng.IntN(5) > 0 {
				r.sums = &[2][32]byte{{2, byte(i)}, {3, byte(i)}}
			}
			results = append(results, r)
		}
		want := packRecord{}
		for name, e := range old {
			want[name] = e
		}
		for _, r := range results {
			if r.Status == Built && r.sums != nil {
				want[r.Name] = recordEntry{inputs: inputs, row: r.sums[0], zip: r.sums[1], title: r.Title, level: r.LevelLabel, files: r.Files}
			}
		}
		var a, b bytes.Buffer
		if err := want.write(&a); err != nil {
			t.Fatal(err)
		}
		n, entry := recordOver(old, results, inputs)
		if err := writeRecordEntries(&b, n, entry); err != nil {
			t.Fatal(err)
		}
		if n != len(want) || !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("round %d: %d entries, want %d; record\n%s\nwant\n%s", round, n, len(want), b.Bytes(), a.Bytes())
		}
	}
}

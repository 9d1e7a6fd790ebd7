package pack

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

// shardManifest has ready rows, a row that needs input, failing rows
// (a bad date, no reference, a pack named twice) and rows without a role
// column.
const shardManifest = "reference,role,level,location,band,salary,closing,panel\n" +
	"S-1,data-engineer,head,Leeds (hybrid),Band 8c,£74k,2026-12-14,Jane Smith;Raj Patel\n" +
	"S-2,data-engineer,senior,Remote (UK),Band 8a,\"£55,690 to £62,682\",2026-12-14,\n" +
	"S-3,data-engineer,mid,York,Band 7,,2026-12-21,\n" + // no salary: needs input
	"S-4,data-engineer,mid,York,Band 7,£40k,2026-31-12,\n" + // bad date
	",data-engineer,mid,York,Band 7,£40k,2026-12-21,\n" + // no reference
	"S-6,data-engineer,senior,Hull,Band 8a,£50k,2026-12-21,\n" +
	"S-6,data-engineer,senior,Hull,Band 8a,£50k,2026-12-21,\n" + // the same pack again
	"S-8,data-engineer,mid,Sheffield & Rotherham,Band 7,£45k,2026-12-21,Amira Khan\n" +
	"S-9,data-engineer,senior,Bristol,Band 8a,£52k,2026-12-28,\n" +
	"S-10,data-engineer,head,London,Band 8c,£80k,2026-12-28,\n"

// files lists every file under dir with its bytes, but the part indexes.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if rel == "parts" {
				return filepath.SkipDir
			}
			return nil
		}
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameFiles(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	for name, b := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: %s missing", what, name)
		case !bytes.Equal(g, b):
			t.Errorf("%s: %s differs from the one-machine run's", what, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s is not in the one-machine run", what, name)
		}
	}
}

// runShards runs n shards of rows into out at the same time (the shards
// of one run share the folder) and returns their part indexes.
func runShards(t *testing.T, e *env, out string, rows []Row, n int, manifest string) []string {
	t.Helper()
	return runShardsOf(t, e, out, rows, n, manifest, false)
}

// runShardsOf is runShards writing each pack as its zip alone when zips
// is set (Batch.Zips).
func runShardsOf(t *testing.T, e *env, out string, rows []Row, n int, manifest string, zips bool) []string {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 1; i <= n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := e.batch(out, textFormats(t, e))
			b.Jobs, b.Zips = 1, zips
			b.Shard, b.ManifestSum, b.FeedURL = Shard{i, n}, output.Sum([]byte(manifest)), "https://jobs.example.org/"
			_, errs[i-1] = b.Run(context.Background(), rows)
		}()
	}
	wg.Wait()
	var parts []string
	for i, err := range errs {
		if err != nil {
			t.Fatalf("shard %d/%d: %v", i+1, n, err)
		}
		parts = append(parts, filepath.Join(out, "parts", fmt.Sprintf("part-%d-of-%d.json", i+1, n)))
	}
	return parts
}

// TestShardsMergeToTheSameBytes: a manifest built as 4 shards (and as 3)
// at once into one folder, then merged in any order, gives every file a
// run on one machine gives, byte for byte: packs, zips, stamps, index,
// feeds and the folder's record.
func TestShardsMergeToTheSameBytes(t *testing.T) {
	e := newEnv(t)
	rows := mustRows(t, "vacancies.csv", shardManifest)
	one := t.TempDir()
	b := e.batch(one, textFormats(t, e))
	b.FeedURL = "https://jobs.example.org/"
	s, err := b.Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	if s.Built != 7 || s.Failed != 3 {
		t.Fatalf("one run: %d built, %d failed; want 7 and 3", s.Built, s.Failed)
	}
	want := files(t, one)
	for _, name := range []string{IndexHTML, IndexCSV, FeedXML, FeedJSONL, output.ManifestName} {
		if want[name] == nil {
			t.Fatalf("the one-machine run wrote no %s", name)
		}
	}
	for _, n := range []int{4, 3} {
		out := t.TempDir()
		parts := runShards(t, e, out, rows, n, shardManifest)
		if _, err := os.Stat(filepath.Join(out, IndexHTML)); err == nil {
			t.Errorf("%d shards: a shard wrote the index", n)
		}
		slices.Reverse(parts)
		parts[0], parts[len(parts)/2] = parts[len(parts)/2], parts[0]
		ms, err := Merge(context.Background(), out, parts, false)
		if err != nil {
			t.Fatalf("merge of %d: %v", n, err)
		}
		if len(ms.Results) != len(rows) || ms.Failed != 3 {
			t.Errorf("merge of %d: %d results, %d failed", n, len(ms.Results), ms.Failed)
		}
		sameFiles(t, fmt.Sprintf("%d shards", n), want, files(t, out))
		// Merging again writes nothing new and still agrees.
		if _, err := Merge(context.Background(), out, parts, false); err != nil {
			t.Fatalf("second merge of %d: %v", n, err)
		}
		sameFiles(t, fmt.Sprintf("%d shards, merged twice", n), want, files(t, out))
	}
}

// TestShardsSplitTheRows: every row is in exactly one of N shards, and
// rows that make the same pack are in the same one.
func TestShardsSplitTheRows(t *testing.T) {
	e := newEnv(t)
	rows := mustRows(t, "vacancies.csv", shardManifest)
	b := e.batch(t.TempDir(), nil)
	jobs := b.prepare(rows)
	for _, n := range []int{1, 2, 4, 7} {
		count := make([]int, len(rows))
		for i := 1; i <= n; i++ {
			for _, j := range (Shard{i, n}).jobs(jobs) {
				count[j.i]++
			}
		}
		for i, c := range count {
			if c != 1 {
				t.Errorf("%d shards: row %d is in %d shards", n, i, c)
			}
		}
	}
	for _, bad := range []string{"0/4", "5/4", "1/0", "x", "2-4", ""} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q): no error", bad)
		}
	}
	if s, err := ParseShard(" 2/4 "); err != nil || s != (Shard{2, 4}) {
		t.Errorf("ParseShard(2/4) = %v, %v", s, err)
	}
}

// TestMergeRefuses: a missing part, a part given twice, a part of another
// manifest or of other inputs, and packs not in the folder are each refused
// in one line, and nothing is written.
func TestMergeRefuses(t *testing.T) {
	e := newEnv(t)
	rows := mustRows(t, "vacancies.csv", shardManifest)
	out := t.TempDir()
	parts := runShards(t, e, out, rows, 4, shardManifest)

	other := shardManifest + "S-11,data-engineer,mid,Leeds,Band 7,£45k,2026-12-21,\n"
	otherOut := t.TempDir()
	otherParts := runShards(t, e, otherOut, mustRows(t, "vacancies.csv", other), 4, other)

	dated := t.TempDir()
	b := e.batch(dated, textFormats(t, e))
	b.Date = b.Date.AddDate(0, 0, 1)
	b.Shard, b.ManifestSum, b.FeedURL = Shard{2, 4}, output.Sum([]byte(shardManifest)), "https://jobs.example.org/"
	if _, err := b.Run(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
	datedPart := filepath.Join(dated, "parts", "part-2-of-4.json")

	empty := t.TempDir()
	bare := filepath.Join(t.TempDir(), "bare")
	if err := os.MkdirAll(filepath.Join(bare, "parts"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range parts { // the parts without the packs they list
		if err := os.WriteFile(filepath.Join(bare, "parts", filepath.Base(p)), mustRead(t, p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bareParts, _ := filepath.Glob(filepath.Join(bare, "parts", "*.json"))

	for _, c := range []struct {
		name  string
		out   string
		parts []string
		want  string
	}{
		{"missing", out, parts[:3], "part 4 of 4 missing"},
		{"two missing", out, []string{parts[1], parts[3]}, "part 1, 3 of 4 missing"},
		{"duplicate", out, append([]string{parts[0]}, parts...), "are both part 1 of 4"},
		{"another manifest", out, []string{parts[0], parts[1], otherParts[2], parts[3]}, "is from another manifest"},
		{"other inputs", out, []string{parts[0], datedPart, parts[2], parts[3]}, "other inputs"},
		{"not a part", out, []string{parts[0], filepath.Join(out, "S-1-data-engineer-head", "advert.jsonld")}, "is not a part index"},
		{"packs not there", empty, parts, "is missing: the packs of"},
		{"parts without packs", bare, bareParts, "is missing"},
	} {
		_, err := Merge(context.Background(), c.out, c.parts, false)
		switch {
		case err == nil:
			t.Errorf("%s: merged", c.name)
			continue
		case !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n"):
			t.Errorf("%s: %v, want one line with %q", c.name, err, c.want)
		}
		if _, err := os.Stat(filepath.Join(c.out, IndexHTML)); err == nil {
			t.Errorf("%s: an index was written", c.name)
		}
	}
}

// TestShardsMergeTeamPlans: a team manifest's plans built as 2 shards and
// merged give one run's files (no feeds: plans are not vacancies).
func TestShardsMergeTeamPlans(t *testing.T) {
	e := newEnv(t)
	rows, err := ReadTeam("team.csv", []byte(team))
	if err != nil {
		t.Fatal(err)
	}
	batch := func(out string) *Batch {
		b := e.batch(out, textFormats(t, e))
		b.Kinds = render.TeamPlanIDs()
		return b
	}
	one := t.TempDir()
	if _, err := batch(one).Run(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
	want := files(t, one)
	if want[FeedXML] != nil || want[IndexHTML] == nil {
		t.Fatalf("one run of plans: feed %v, index %v", want[FeedXML] != nil, want[IndexHTML] != nil)
	}
	out := t.TempDir()
	var parts []string
	for i := 1; i <= 2; i++ {
		b := batch(out)
		b.Shard, b.ManifestSum = Shard{i, 2}, output.Sum([]byte(team))
		if _, err := b.Run(context.Background(), rows); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, filepath.Join(out, PartName(b.Shard)))
	}
	if _, err := Merge(context.Background(), out, parts, false); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "2 shards of plans", want, files(t, out))
}

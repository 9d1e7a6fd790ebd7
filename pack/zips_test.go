package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/pack/packtest"
)

// zipFiles reads the pack zip at file: each entry's bytes by its name.
func zipFiles(t *testing.T, file string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %s: %v", file, f.Name, err)
		}
		out[f.Name] = b
	}
	return out
}

// runZips builds rows into out as zips (Batch.Zips), or unpacked.
func runZips(t *testing.T, e *env, out string, rows []Row, zips bool, force bool) *Summary {
	t.Helper()
	b := e.batch(out, textFormats(t, e))
	b.FeedURL, b.Zips, b.Force = "https://jobs.example.org/", zips, force
	s, err := b.Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestZipsHoldTheUnpackedFiles: a batch of zips writes one file a pack,
// the zip the unpacked layout writes beside each folder, byte for byte,
// holding the folder's files byte for byte; no folder; the index lists
// each zip's files (with their kinds) and links no folder; the same
// rows give the same bytes twice.
func TestZipsHoldTheUnpackedFiles(t *testing.T) {
	e := newEnv(t)
	rows := mustRows(t, "vacancies.csv", shardManifest)
	unpacked := t.TempDir()
	us := runZips(t, e, unpacked, rows, false, false)
	zipped := t.TempDir()
	zs := runZips(t, e, zipped, rows, true, false)
	if zs.Built != us.Built || zs.Failed != us.Failed || zs.Built != 7 {
		t.Fatalf("zips: %d built, %d failed; unpacked: %d, %d", zs.Built, zs.Failed, us.Built, us.Failed)
	}
	got := files(t, zipped)
	var names []string
	for name := range got {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if strings.Contains(name, "/") {
			t.Errorf("zips: %s is in a folder: a batch of zips writes none", name)
		}
	}
	if len(names) != 7+6 { // 7 zips; index.html, index.csv, the feeds, the folder's manifest and the record
		t.Errorf("zips: %d files, want 13: %s", len(names), strings.Join(names, " "))
	}
	for _, r := range zs.Results {
		if r.Status != Built {
			continue
		}
		zipName := r.Name + ".zip"
		want, err := os.ReadFile(filepath.Join(unpacked, zipName))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got[zipName], want) {
			t.Errorf("%s differs from the unpacked run's zip", zipName)
		}
		inZip := zipFiles(t, filepath.Join(zipped, zipName))
		if len(inZip) != len(r.Files) || len(r.Files) == 0 {
			t.Errorf("%s holds %d files, the pack %d", zipName, len(inZip), len(r.Files))
		}
		for _, f := range r.Files {
			folderFile, err := os.ReadFile(filepath.Join(unpacked, r.Name, f))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(inZip[r.Name+"/"+f], folderFile) {
				t.Errorf("%s: %s differs from the unpacked folder's file", zipName, f)
			}
		}
	}
	page := string(got[IndexHTML])
	if strings.Contains(page, `href="S-1-data-engineer-head/`) || !strings.Contains(page, `href="S-1-data-engineer-head.zip"`) {
		t.Errorf("the index of zips links a folder, or not the zip")
	}
	if !strings.Contains(page, "jd.md <span class=\"note\">Job description, Markdown</span>") {
		t.Errorf("the index of zips does not list a zip's files with their kinds")
	}
	csvWant := strings.ReplaceAll(string(files(t, unpacked)[IndexCSV]), ",S-1-data-engineer-head,S-1-data-engineer-head.zip,", ",,S-1-data-engineer-head.zip,")
	if !strings.Contains(string(got[IndexCSV]), ",,S-1-data-engineer-head.zip,") || !strings.Contains(csvWant, ",,S-1-data-engineer-head.zip,") {
		t.Errorf("index.csv of zips names a folder:\n%s", got[IndexCSV])
	}
	if strings.Contains(string(got[FeedXML]), "/advert.") || !strings.Contains(string(got[FeedXML]), "https://jobs.example.org/S-1-data-engineer-head.zip") {
		t.Errorf("the feed of zips links a file no zip publishes:\n%.400s", got[FeedXML])
	}
	again := t.TempDir()
	runZips(t, e, again, rows, true, false)
	sameFiles(t, "zips built twice", got, files(t, again))
}

// TestZipsRerun: a second run of zips skips every pack and writes
// nothing; a zip edited since is kept when its pack is up to date, and
// refused without --force when the pack must be rebuilt; --force
// rebuilds it; the unpacked layout refuses to write over a batch of zips
// nothing, and a batch of zips over an unpacked batch is refused.
func TestZipsRerun(t *testing.T) {
	e := newEnv(t)
	rows := mustRows(t, "vacancies.csv", shardManifest)
	out := t.TempDir()
	runZips(t, e, out, rows, true, false)
	before := tree(t, out)
	want := files(t, out)
	s := runZips(t, e, out, rows, true, false)
	if s.UpToDate != 7 || s.Built != 0 || s.Written != 0 {
		t.Fatalf("re-run: %d up to date, %d built, %d written; want 7, 0, 0", s.UpToDate, s.Built, s.Written)
	}
	for name, mod := range tree(t, out) {
		if !before[name].Equal(mod) {
			t.Errorf("re-run wrote %s", name)
		}
	}
	sameFiles(t, "re-run", want, files(t, out))

	edited := filepath.Join(out, "S-2-data-engineer-senior.zip")
	if err := os.WriteFile(edited, []byte("the user's own"), 0o644); err != nil {
		t.Fatal(err)
	}
	s = runZips(t, e, out, rows, true, false)
	// The pack is up to date, but its feed entry is read from its zip:
	// the zip is kept, and the pack fails, naming --force.
	if s.UpToDate != 6 || s.Failed != 4 || !strings.Contains(s.Results[1].Err.Error(), "--force") {
		t.Errorf("an edited zip of an up-to-date pack: %d up to date, %d failed: %v", s.UpToDate, s.Failed, s.Results[1].Err)
	}
	if b, _ := os.ReadFile(edited); string(b) != "the user's own" {
		t.Errorf("an up-to-date pack's edited zip was overwritten")
	}

	b := e.batch(out, textFormats(t, e))
	b.FeedURL, b.Zips, b.Date = "https://jobs.example.org/", true, e.date.AddDate(0, 0, 1)
	s, err := b.Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	if s.Built != 6 || s.Failed != 4 {
		t.Errorf("a new date: %d built, %d failed; want 6 and 4 (3 bad rows, the edited zip)", s.Built, s.Failed)
	}
	if err := firstErr(&Summary{Results: slices.DeleteFunc(s.Results, func(r Result) bool { return r.Name != "S-2-data-engineer-senior" })}); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("the edited zip: %v; want a refusal naming --force", err)
	}
	if b, _ := os.ReadFile(edited); string(b) != "the user's own" {
		t.Errorf("an edited zip was overwritten without --force")
	}
	if s.Results[0].Rebuilt != "document date changed" {
		t.Errorf("rebuilt: %q", s.Results[0].Rebuilt)
	}
	b.Force = true
	if s, err = b.Run(context.Background(), rows); err != nil || s.Built != 7 {
		t.Fatalf("--force: %v, %d built", err, s.Built)
	}
	if b, _ := os.ReadFile(edited); string(b) == "the user's own" {
		t.Errorf("--force left the edited zip")
	}

	// Unpacked over zips: the zips are rolepack's, so the folders are
	// written beside them; zips over that is refused, naming --unpacked.
	s = runZips(t, e, out, rows, false, false)
	if s.Built != 7 || s.Failed != 3 {
		t.Errorf("unpacked over zips: %d built, %d failed: %v", s.Built, s.Failed, firstErr(s))
	}
	b = e.batch(out, textFormats(t, e))
	b.Zips = true
	before = tree(t, out)
	if _, err := b.Run(context.Background(), rows); err == nil || !strings.Contains(err.Error(), "--unpacked") || !strings.Contains(err.Error(), "S-1-data-engineer-head") {
		t.Errorf("zips over an unpacked batch: %v; want a refusal naming a folder and --unpacked", err)
	}
	for name, mod := range tree(t, out) {
		if !before[name].Equal(mod) {
			t.Errorf("the refused run wrote %s", name)
		}
	}
}

// TestZipsShardsMerge: zips built as 4 shards (and as 1) into one folder
// and merged give the bytes of a run on one machine: zips, index, feeds
// and record; a part of zips and an unpacked part do not merge.
func TestZipsShardsMerge(t *testing.T) {
	e := newEnv(t)
	rows := mustRows(t, "vacancies.csv", shardManifest)
	one := t.TempDir()
	runZips(t, e, one, rows, true, false)
	want := files(t, one)
	if want[RecordName] == nil {
		t.Fatalf("the one-machine run wrote no %s", RecordName)
	}
	for _, n := range []int{4, 1} {
		out := t.TempDir()
		parts := runShardsOf(t, e, out, rows, n, shardManifest, true)
		slices.Reverse(parts)
		if _, err := Merge(context.Background(), out, parts, false); err != nil {
			t.Fatalf("merge of %d: %v", n, err)
		}
		sameFiles(t, fmt.Sprintf("%d shards of zips", n), want, files(t, out))
		// A second run of the shards finds every pack up to date from
		// the merged record.
		b := e.batch(out, textFormats(t, e))
		b.Zips, b.Shard, b.ManifestSum, b.FeedURL = true, Shard{1, 1}, output.Sum([]byte(shardManifest)), "https://jobs.example.org/"
		if n == 1 {
			s, err := b.Run(context.Background(), rows)
			if err != nil || s.UpToDate != 7 {
				t.Errorf("shards again: %v, %d up to date", err, s.UpToDate)
			}
		}
	}
	out := t.TempDir()
	z := runShardsOf(t, e, out, rows, 2, shardManifest, true)
	u := runShardsOf(t, e, t.TempDir(), rows, 2, shardManifest, false)
	if _, err := Merge(context.Background(), out, []string{z[0], u[1]}, false); err == nil || !strings.Contains(err.Error(), "--unpacked") {
		t.Errorf("a part of zips and an unpacked part merged: %v", err)
	}
}

// TestZipsBadRecord: a record rolepack cannot read stops a run of zips
// in one line naming the file and line, before any pack; --force builds
// every pack and writes the record again.
func TestZipsBadRecord(t *testing.T) {
	e := newEnv(t)
	rows := mustRows(t, "vacancies.csv", shardManifest)
	out := t.TempDir()
	runZips(t, e, out, rows, true, false)
	want := files(t, out)
	if err := os.WriteFile(filepath.Join(out, RecordName), []byte("not a record\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	b := e.batch(out, textFormats(t, e))
	b.FeedURL, b.Zips = "https://jobs.example.org/", true
	_, err := b.Run(context.Background(), rows)
	if err == nil || !strings.Contains(err.Error(), RecordName+":1: ") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("a bad record: %v; want one line naming %s:1", err, RecordName)
	}
	runZips(t, e, out, rows, true, true)
	sameFiles(t, "--force over a bad record", want, files(t, out))
}

// TestZipsInterruptedThenResumed: a run of zips stopped part way records
// the zips it wrote, leaves no partial file, and the next run skips them
// and builds the rest.
func TestZipsInterruptedThenResumed(t *testing.T) {
	e := newEnv(t)
	out := t.TempDir()
	data := string(packtest.Manifest(12))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b := e.batch(out, textFormats(t, e))
	b.Zips = true
	b.Progress = func(done, _ int, r *Result) {
		if done == 2 {
			cancel()
		}
	}
	s, err := b.Run(ctx, mustRows(t, "v.csv", data))
	if err != nil {
		t.Fatal(err)
	}
	if !s.Interrupted || s.NotRun == 0 || s.Built < 2 || s.Failed != 0 {
		t.Fatalf("interrupted run: %+v", s)
	}
	zips := 0
	for f := range tree(t, out) {
		if strings.HasSuffix(f, ".tmp") {
			t.Errorf("partial file %s left behind", f)
		}
		if strings.HasSuffix(f, ".zip") {
			zips++
		}
	}
	if zips != s.Built {
		t.Errorf("%d zips after %d packs built", zips, s.Built)
	}
	b.Progress = nil
	s2, err := b.Run(context.Background(), mustRows(t, "v.csv", data))
	if err != nil {
		t.Fatal(err)
	}
	if s2.Interrupted || s2.UpToDate != s.Built || s2.Built != 12-s.Built || s2.Failed != 0 {
		t.Errorf("resumed run: %d up to date, %d built after %d built", s2.UpToDate, s2.Built, s.Built)
	}
}

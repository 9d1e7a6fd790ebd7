package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/pack/packtest"
)

// textFormats keeps most batch tests fast; one test covers PDF and DOCX.
func textFormats(t testing.TB, e *env) []output.Format {
	f, err := e.r.Formats.Lookup([]string{"md", "html"})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustRows(t testing.TB, file, data string) []Row {
	t.Helper()
	rows, err := ReadManifest(file, []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// tree lists every file under dir (slash paths) with its modification time.
func tree(t testing.TB, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = info.ModTime()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBatchGoodAndBadRows(t *testing.T) {
	e := newEnv(t)
	out := filepath.Join(t.TempDir(), "packs")
	rows := mustRows(t, "vacancies.csv", "reference,role,level,location,closing,panel\n"+
		"REF-1,data-engineer,head,York,2026-12-01,Jane Smith; Raj Patel\n"+ // line 2: good, two sheets
		"REF-2,data-engineer,head,,2026-31-12,\n"+ // line 3: bad date
		"REF-3,no-such-role,head,,,\n"+ // line 4: unknown role
		"REF-4,data-engineer,no-such-level,,,\n"+ // line 5: unknown level
		",data-engineer,head,,,\n"+ // line 6: no reference
		"REF-1,data-engineer,head,Hull,,\n"+ // line 7: the same pack as line 2
		"REF-7,data-engineer,senior,,,\n") // line 8: good, one blank sheet
	b := e.batch(out, textFormats(t, e))
	var progress []string
	b.Progress = func(done, total int, r *Result) {
		if total != 7 {
			t.Errorf("total = %d", total)
		}
		progress = append(progress, r.Reference)
	}
	s, err := b.Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(progress) != 7 {
		t.Errorf("progress reported %d packs, want 7", len(progress))
	}
	if s.Built != 2 || s.Failed != 5 || s.UpToDate != 0 || s.NotRun != 0 || s.Interrupted {
		t.Fatalf("summary = %+v", s)
	}
	wantErr := []string{
		"",
		`vacancies.csv:3: closing date "2026-31-12" is not a date`,
		`vacancies.csv:4: REF-3: unknown role "no-such-role" (the config has: data-engineer; or FRAMEWORK/ROLE, see rolepack list roles)`,
		`vacancies.csv:5: REF-4: unknown level "no-such-level" (the ladder has: entry, mid, senior, head)`,
		`vacancies.csv:6: no reference`,
		`vacancies.csv:7: the same pack (REF-1-data-engineer-head) as line 2`,
		"",
	}
	for i, r := range s.Results {
		got := ""
		if r.Err != nil {
			got = r.Err.Error()
		}
		if (wantErr[i] == "") != (got == "") || !strings.HasPrefix(got, wantErr[i]) {
			t.Errorf("row %d: error %q, want prefix %q", i, got, wantErr[i])
		}
	}
	for _, r := range s.Results[2:4] {
		if !strings.Contains(r.Err.Error(), "no-such") {
			t.Errorf("error does not name the bad value: %v", r.Err)
		}
		// The row gave the value: the error is the row's, not a line
		// of a config the person may never have seen.
		if strings.Contains(r.Err.Error(), "config") && !strings.Contains(r.Err.Error(), "the config has") {
			t.Errorf("a row's role or level is blamed on the config: %v", r.Err)
		}
	}

	files := tree(t, out)
	want := []string{
		".rolepack-files", "index.csv", "index.html", FeedXML, FeedJSONL,
		"REF-1-data-engineer-head.zip", "REF-7-data-engineer-senior.zip",
	}
	for _, name := range []string{"jd", "spec", "advert", "scoring-jane-smith", "scoring-raj-patel", "record"} {
		for _, ext := range []string{".md", ".html"} {
			want = append(want, "REF-1-data-engineer-head/"+name+ext)
		}
	}
	want = append(want, "REF-1-data-engineer-head/advert.jsonld", "REF-1-data-engineer-head/"+StampName, "REF-1-data-engineer-head/"+output.ManifestName)
	for _, name := range []string{"jd.md", "jd.html", "spec.md", "spec.html", "advert.md", "advert.html", "advert.jsonld", "scoring.md", "scoring.html", "record.md", "record.html", StampName, output.ManifestName} {
		want = append(want, "REF-7-data-engineer-senior/"+name)
	}
	var got []string
	for f := range files {
		got = append(got, f)
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Each scoring sheet names its panel member; the row's values reach the documents.
	jane, _ := os.ReadFile(filepath.Join(out, "REF-1-data-engineer-head", "scoring-jane-smith.md"))
	if !strings.Contains(string(jane), "| Panel member | Jane Smith |") || strings.Contains(string(jane), "Raj Patel") {
		t.Errorf("Jane Smith's sheet does not name her alone:\n%.600s", jane)
	}
	jd, _ := os.ReadFile(filepath.Join(out, "REF-1-data-engineer-head", "jd.md"))
	if !strings.Contains(string(jd), "York") || !strings.Contains(string(jd), "REF-1") {
		t.Errorf("the JD lacks the row's location and reference:\n%.800s", jd)
	}

	// The index lists every row, in manifest order, with its problem.
	csv, _ := os.ReadFile(filepath.Join(out, IndexCSV))
	lines := strings.Split(strings.TrimSpace(string(csv)), "\r\n")
	if len(lines) != 8 {
		t.Fatalf("index.csv has %d lines, want 8:\n%s", len(lines), csv)
	}
	// A pack with blanks needs input, naming them, never "ready".
	if !strings.HasPrefix(lines[1], `2,REF-1,data-engineer,head,en-GB,"needs input: salary, band or grade",REF-1-data-engineer-head,REF-1-data-engineer-head.zip,jd.md;jd.html;`) ||
		!strings.HasPrefix(lines[2], "3,REF-2,data-engineer,head,en-GB,failed,,,,") {
		t.Errorf("index.csv:\n%s", csv)
	}
	html, _ := os.ReadFile(filepath.Join(out, IndexHTML))
	for _, s := range []string{`<th scope="col">Reference</th>`, `<a href="REF-1-data-engineer-head/scoring-jane-smith.html">`, `<a href="REF-1-data-engineer-head.zip">`, "is not a date (write 14/12/2026", "7 packs: 0 ready, 2 need input, 5 failed", `needs-input">needs input: salary, band or grade<`} {
		if !strings.Contains(string(html), s) {
			t.Errorf("index.html lacks %q", s)
		}
	}
}

func TestBatchCannotEscapeOut(t *testing.T) {
	e := newEnv(t)
	root := t.TempDir()
	out := filepath.Join(root, "a", "packs")
	rows := mustRows(t, "v.yaml", "- {reference: ../../etc, role: data-engineer, level: head}\n"+
		"- {reference: /etc/passwd, role: data-engineer, level: head}\n"+
		"- {reference: ..\\..\\x, role: data-engineer, level: head}\n")
	s, err := e.batch(out, textFormats(t, e)).Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	if s.Built != 3 {
		t.Fatalf("built %d of 3: %v", s.Built, firstErr(s))
	}
	for f := range tree(t, root) {
		if !strings.HasPrefix(f, "a/packs/") {
			t.Errorf("%s written outside the output folder", f)
		}
	}
	for _, r := range s.Results {
		if strings.HasPrefix(r.Name, ".") || strings.Contains(r.Name, "/") || strings.Contains(r.Name, "\\") {
			t.Errorf("unsafe pack name %q", r.Name)
		}
	}
}

func TestBatchZipHoldsTheFolder(t *testing.T) {
	e := newEnv(t)
	out := t.TempDir()
	rows := mustRows(t, "v.csv", "reference,role,level,panel\nREF-1,data-engineer,head,Jane Smith\n")
	formats, err := e.r.Formats.Lookup([]string{"pdf", "docx"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := e.batch(out, formats).Run(context.Background(), rows)
	if err != nil || s.Built != 1 {
		t.Fatalf("err %v, summary %+v: %v", err, s, firstErr(s))
	}
	name := s.Results[0].Name
	zr, err := zip.OpenReader(filepath.Join(out, name+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var inZip []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		base, ok := strings.CutPrefix(f.Name, name+"/")
		if !ok {
			t.Errorf("zip entry %s is not under %s/", f.Name, name)
		}
		disk, err := os.ReadFile(filepath.Join(out, name, base))
		if err != nil || !bytes.Equal(disk, data) {
			t.Errorf("zip entry %s differs from the folder's file (%v)", f.Name, err)
		}
		if !f.Modified.Equal(e.date) {
			t.Errorf("zip entry %s dated %v, want the document date", f.Name, f.Modified)
		}
		inZip = append(inZip, base)
	}
	want := []string{"advert.docx", "advert.jsonld", "advert.pdf", "jd.docx", "jd.pdf", "record.docx", "record.pdf", "scoring-jane-smith.docx", "scoring-jane-smith.pdf", "spec.docx", "spec.pdf"}
	if strings.Join(inZip, " ") != strings.Join(want, " ") {
		t.Errorf("zip holds %v, want %v", inZip, want)
	}
	for _, f := range want {
		b, _ := os.ReadFile(filepath.Join(out, name, f))
		switch {
		case strings.HasSuffix(f, ".pdf") && !bytes.HasPrefix(b, []byte("%PDF-")):
			t.Errorf("%s is not a PDF", f)
		case strings.HasSuffix(f, ".docx") && !bytes.HasPrefix(b, []byte("PK")):
			t.Errorf("%s is not a DOCX", f)
		}
	}
}

func TestBatchRerunWritesNothing(t *testing.T) {
	e := newEnv(t)
	out := t.TempDir()
	data := string(packtest.Manifest(4))
	b := e.batch(out, textFormats(t, e))
	if s, err := b.Run(context.Background(), mustRows(t, "v.csv", data)); err != nil || s.Built != 4 {
		t.Fatalf("first run: %v %+v %v", err, s, firstErr(s))
	}
	before := tree(t, out)
	time.Sleep(10 * time.Millisecond) // let a rewrite show in the mtimes
	s, err := b.Run(context.Background(), mustRows(t, "v.csv", data))
	if err != nil {
		t.Fatal(err)
	}
	if s.UpToDate != 4 || s.Built != 0 || s.Written != 0 {
		t.Errorf("second run: %+v", s)
	}
	after := tree(t, out)
	if len(after) != len(before) {
		t.Errorf("second run changed the file count: %d → %d", len(before), len(after))
	}
	for f, m := range before {
		if !after[f].Equal(m) {
			t.Errorf("%s was rewritten", f)
		}
	}
}

// A pack built from other inputs is rebuilt and says why; a file in it
// that someone edited since is kept, and the pack fails, unless --force.
func TestBatchOtherInputsRebuild(t *testing.T) {
	e := newEnv(t)
	out := t.TempDir()
	b := e.batch(out, textFormats(t, e))
	if s, err := b.Run(context.Background(), mustRows(t, "v.csv", "reference,role,level,location\nREF-1,data-engineer,head,York\n")); err != nil || s.Built != 1 {
		t.Fatalf("first run: %v %v", err, firstErr(s))
	}
	changed := mustRows(t, "v.csv", "reference,role,level,location\nREF-1,data-engineer,head,Hull\n")
	s, err := b.Run(context.Background(), changed)
	if err != nil || s.Built != 1 || s.Results[0].Rebuilt != "manifest row changed" {
		t.Fatalf("changed row: %+v %v", s.Results[0], firstErr(s))
	}
	jdPath := filepath.Join(out, "REF-1-data-engineer-head", "jd.md")
	jd, _ := os.ReadFile(jdPath)
	if !strings.Contains(string(jd), "Hull") {
		t.Error("the rebuilt pack does not have the row's new location")
	}
	idx, _ := os.ReadFile(filepath.Join(out, IndexHTML))
	if !strings.Contains(string(idx), "rebuilt: manifest row changed") {
		t.Error("the index does not say why the pack was rebuilt")
	}
	// An edited file is not overwritten without --force.
	os.WriteFile(jdPath, []byte("edited by hand"), 0o644)
	s, err = b.Run(context.Background(), mustRows(t, "v.csv", "reference,role,level,location\nREF-1,data-engineer,head,York\n"))
	if err != nil || s.Failed != 1 || !strings.Contains(s.Results[0].Err.Error(), "edited since") {
		t.Fatalf("edited file: %+v %v", s.Results[0], firstErr(s))
	}
	if jd, _ := os.ReadFile(jdPath); string(jd) != "edited by hand" {
		t.Error("an edited file was overwritten without --force")
	}
	b.Force = true
	s, err = b.Run(context.Background(), changed)
	if err != nil || s.Built != 1 {
		t.Fatalf("forced run: %v %v", err, firstErr(s))
	}
}

func TestBatchKeepsForeignFiles(t *testing.T) {
	e := newEnv(t)
	out := t.TempDir()
	dir := filepath.Join(out, "REF-1-data-engineer-head")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "jd.md")
	if err := os.WriteFile(mine, []byte("my own notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := e.batch(out, textFormats(t, e)).Run(context.Background(), mustRows(t, "v.csv", "reference,role,level\nREF-1,data-engineer,head\nREF-2,data-engineer,head\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Failed != 1 || s.Built != 1 || !strings.Contains(s.Results[0].Err.Error(), "was not written by rolepack") {
		t.Fatalf("summary %+v: %v", s, s.Results[0].Err)
	}
	if b, _ := os.ReadFile(mine); string(b) != "my own notes" {
		t.Error("a file rolepack did not write was overwritten")
	}
	if _, err := os.Stat(dir + ".zip"); err == nil {
		t.Error("a zip was written for a pack that failed")
	}
}

func TestBatchInterruptedThenResumed(t *testing.T) {
	e := newEnv(t)
	out := t.TempDir()
	data := string(packtest.Manifest(12))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b := e.batch(out, textFormats(t, e))
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
	for f := range tree(t, out) {
		if strings.HasSuffix(f, ".tmp") {
			t.Errorf("partial file %s left behind", f)
		}
	}
	// Every pack folder on disk is whole: stamped, with the zip beside it.
	folder, err := output.OpenFolder(out)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(out)
	for _, en := range entries {
		if !en.IsDir() {
			continue
		}
		st, ok, err := readStamp(folder, en.Name())
		if err != nil || !ok || !complete(folder, en.Name(), st, false) {
			t.Errorf("pack %s is not whole after the interruption", en.Name())
		}
	}
	folder.Close()
	idx, _ := os.ReadFile(filepath.Join(out, IndexCSV))
	if !strings.Contains(string(idx), "not built (run interrupted)") {
		t.Errorf("the index does not show the packs not built:\n%s", idx)
	}

	b.Progress = nil
	s2, err := b.Run(context.Background(), mustRows(t, "v.csv", data))
	if err != nil {
		t.Fatal(err)
	}
	if s2.Interrupted || s2.UpToDate != s.Built || s2.Built != 12-s.Built || s2.Failed != 0 {
		t.Errorf("resumed run: %+v after %+v", s2, s)
	}
}

func TestZipIsDeterministic(t *testing.T) {
	files := []output.File{{Name: "b.md", Data: []byte("b")}, {Name: "a.pdf", Data: []byte("%PDF-")}}
	d := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	z1, err := Zip("p", files, d)
	if err != nil {
		t.Fatal(err)
	}
	z2, _ := Zip("p", []output.File{files[1], files[0]}, d)
	if !bytes.Equal(z1, z2) {
		t.Error("the same files gave different zips")
	}
}

// TestBatchRerunNextDaySkipsPacks: with the date from the clock (nothing
// pinned it), a run on the next day finds the packs up to date rather than
// built from other inputs; a pinned date that changes rebuilds the intact
// packs with the new date, and never marks them failed.
func TestBatchRerunNextDaySkipsPacks(t *testing.T) {
	e := newEnv(t)
	out := t.TempDir()
	rows := mustRows(t, "v.csv", "reference,role,level\nREF-1,data-engineer,head\n")
	b := e.batch(out, textFormats(t, e))
	b.DateFromClock = true
	if s, err := b.Run(context.Background(), rows); err != nil || s.Built != 1 {
		t.Fatalf("first run: %v %v", err, firstErr(s))
	}
	b.Date = b.Date.AddDate(0, 0, 1)
	if s, err := b.Run(context.Background(), rows); err != nil || s.UpToDate != 1 {
		t.Errorf("next day, date from the clock: %+v %v", s, firstErr(s))
	}
	b.DateFromClock = false
	s, err := b.Run(context.Background(), rows)
	if err != nil || s.Failed != 0 || s.Built != 1 || s.Results[0].Rebuilt != "document date changed" {
		t.Errorf("a pinned date that changed must rebuild the pack: %+v %v", s, firstErr(s))
	}
	idx, _ := os.ReadFile(filepath.Join(b.Out, IndexHTML))
	if !strings.Contains(string(idx), `<a href="REF-1-data-engineer-head.zip">`) || strings.Contains(string(idx), "failed</td>") {
		t.Errorf("index after the date change has no links, or says failed:\n%s", idx)
	}
	if s, err := b.Run(context.Background(), rows); err != nil || s.UpToDate != 1 {
		t.Errorf("the run after the rebuild: %+v %v", s, firstErr(s))
	}
}

// A zip beside a pack folder that rolepack did not write stops that pack,
// before any of its files is written, unless --force; one that holds
// exactly what rolepack would write (its stamp lost) is kept as it is.
func TestBatchKeepsForeignZip(t *testing.T) {
	e := newEnv(t)
	out := t.TempDir()
	rows := mustRows(t, "v.csv", "reference,role,level\nREF-1,data-engineer,head\n")
	zipPath := filepath.Join(out, "REF-1-data-engineer-head.zip")
	if err := os.WriteFile(zipPath, []byte("my own archive"), 0o644); err != nil {
		t.Fatal(err)
	}
	b := e.batch(out, textFormats(t, e))
	s, err := b.Run(context.Background(), rows)
	if err != nil || s.Failed != 1 || !strings.Contains(s.Results[0].Err.Error(), zipPath+" exists and was not written by rolepack") {
		t.Fatalf("foreign zip: %+v %v", s, firstErr(s))
	}
	if _, err := os.Stat(filepath.Join(out, "REF-1-data-engineer-head", "jd.md")); err == nil {
		t.Error("the pack's files were written although its zip could not be")
	}
	b.Force = true
	if s, err := b.Run(context.Background(), rows); err != nil || s.Built != 1 {
		t.Fatalf("forced run: %v %v", err, firstErr(s))
	}
	built, err := os.ReadFile(zipPath)
	if err != nil || bytes.Equal(built, []byte("my own archive")) {
		t.Fatalf("--force did not replace the foreign zip: %v", err)
	}
	// The stamp lost, the zip is what this run makes: kept, not rewritten.
	if err := os.Remove(filepath.Join(out, "REF-1-data-engineer-head", StampName)); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(zipPath)
	time.Sleep(10 * time.Millisecond)
	b.Force = false
	if s, err := b.Run(context.Background(), rows); err != nil || s.Built != 1 {
		t.Fatalf("run without the stamp: %v %v", err, firstErr(s))
	}
	after, _ := os.Stat(zipPath)
	if !after.ModTime().Equal(before.ModTime()) {
		t.Error("a zip holding exactly what the run makes was rewritten")
	}
}

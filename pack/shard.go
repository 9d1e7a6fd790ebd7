package pack

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

// Shard is one shard of a run split across machines: shard Index (1-based)
// of Of. The zero Shard is the whole run.
type Shard struct {
	Index, Of int
}

// ParseShard reads "I/N" (1 ≤ I ≤ N).
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(strings.TrimSpace(s), "/")
	a, err1 := strconv.Atoi(strings.TrimSpace(i))
	b, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("%q is not a shard: write I/N, e.g. 2/4 for the second of four", s)
	}
	sh := Shard{a, b}
	return sh, sh.check()
}

// String is "I/N".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Of) }

func (s Shard) check() error {
	switch {
	case s.Of == 0 && s.Index == 0:
		return nil
	case s.Of < 1:
		return fmt.Errorf("shard %s: the number of shards must be at least 1", s)
	case s.Index < 1 || s.Index > s.Of:
		return fmt.Errorf("shard %s: the shard must be from 1 to %d", s, s.Of)
	}
	return nil
}

// Holds reports whether the row with this shard key falls in s: the key's
// FNV-1a hash, modulo the number of shards, is the shard's index less one.
func (s Shard) Holds(key string) bool {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32()%uint32(s.Of)) == s.Index-1
}

// shardKey is what decides a row's shard: its pack name in lower case
// (the vacancy reference with the role and level, as a pack folder is
// named, so rows that would make the same pack fall together), else,
// for a row that names no pack, the row itself.
func shardKey(j job) string {
	if j.res.Name != "" {
		return strings.ToLower(j.res.Name)
	}
	r := j.res.Row
	b, _ := json.Marshal(struct { // maps marshal in key order
		Line        int
		Role, Level string
		Values      map[string]string
		Extra       map[string]string
		Plan        *config.PDPConfig
	}{r.Line, r.Role, r.Level, r.values.asMap(), r.Extra, r.Plan})
	return string(b)
}

// jobs keeps the jobs of the shard's rows, in manifest order.
func (s Shard) jobs(all []job) []job {
	var out []job
	for _, j := range all {
		if s.Holds(shardKey(j)) {
			out = append(out, j)
		}
	}
	return out
}

// PartName is the part index a shard writes, in the output folder.
func PartName(s Shard) string {
	return path.Join("parts", fmt.Sprintf("part-%d-of-%d.json", s.Index, s.Of))
}

// partFormat names the part index's format; it changes when its meaning
// does.
const partFormat = "rolepack pack part 1"

// part is a shard's part index: which shard of which manifest, what every
// pack was built from, and the rows the shard built, with their files'
// digests and what the index and feeds show of them.
type part struct {
	Format   string `json:"format"`
	Shard    int    `json:"shard"`
	Shards   int    `json:"shards"`
	Manifest string `json:"manifest"` // hex SHA-256 of the manifest's bytes
	Rows     int    `json:"rows"`     // rows in the manifest
	// Inputs are what every pack is built from besides its row (name,
	// digest or value), as the packs' stamps record them.
	Inputs   [][2]string `json:"inputs"`
	Date     time.Time   `json:"date"` // the documents' date
	Language string      `json:"language"`
	Feed     *FeedSource `json:"feed,omitempty"` // nil: the run writes no feeds
	// Zips says the shard wrote each pack as its zip alone (Batch.Zips);
	// Stamp is then what the record keeps of every pack's inputs but its
	// row.
	Zips    bool        `json:"zips,omitempty"`
	Stamp   [][2]string `json:"stamp,omitempty"`
	Results []partRow   `json:"results"`
}

// partRow is one row a shard built (or failed), with what the index needs.
type partRow struct {
	Row        int               `json:"row"` // 0-based place in the manifest
	Line       int               `json:"line"`
	Reference  string            `json:"reference"`
	Role       string            `json:"role"`
	Level      string            `json:"level"`
	Name       string            `json:"name,omitempty"`
	Status     string            `json:"status"`
	Missing    []string          `json:"missing,omitempty"`
	Error      string            `json:"error,omitempty"`
	Rebuilt    string            `json:"rebuilt,omitempty"`
	Title      string            `json:"title,omitempty"`
	LevelLabel string            `json:"levelLabel,omitempty"`
	Location   string            `json:"location,omitempty"`
	Closing    string            `json:"closing,omitempty"`
	Language   string            `json:"language,omitempty"` // the pack's documents'
	Plan       *config.PDPConfig `json:"plan,omitempty"`
	Files      []partFile        `json:"files,omitempty"`
	Zip        string            `json:"zip,omitempty"`    // hex SHA-256 of the pack's zip
	RowSum     string            `json:"rowSum,omitempty"` // a zip's: hex SHA-256 of the row, as its stamp has it
	Feed       *FeedJob          `json:"feed,omitempty"`
}

// partFile is a file of a pack and its hex SHA-256.
type partFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256,omitempty"` // "" in a zip alone (the zip's digest is the part row's)
}

// inputs are what the batch builds every pack from, for a part index.
func (b *Batch) inputs(ids []string) [][2]string {
	names := make([]string, len(b.Formats))
	for i, f := range b.Formats {
		names[i] = f.Name
	}
	return [][2]string{
		{"version", stampVersion},
		{"config", b.Identity.Config},
		{"frameworks", b.Identity.Frameworks},
		{"templates", b.Identity.Templates},
		{"logo", b.Identity.Logo},
		{"brand", b.Identity.Brand},
		{"date", b.Date.Format("2006-01-02")},
		{"formats", strings.Join(names, ",")},
		{"documents", strings.Join(ids, ",")},
		{"feed url", b.FeedURL},
	}
}

// writePart writes the shard's part index: s holds the results of entries,
// the shard's rows of a manifest of total rows.
func (b *Batch) writePart(out *output.Folder, s *Summary, entries []entry, rec packRecord, total int, ids []string, feeds bool) error {
	p := part{Format: partFormat, Shard: b.Shard.Index, Shards: b.Shard.Of, Manifest: b.ManifestSum, Rows: total,
		Inputs: b.inputs(ids), Date: b.Date, Language: string(b.Config.Language), Results: make([]partRow, len(s.Results))}
	if b.Zips {
		kinds, err := render.LookupKinds(ids)
		if err != nil {
			return err
		}
		p.Zips, p.Stamp = true, b.recordInputs(kinds)
	}
	if feeds {
		p.Feed = b.indexSettings(true).Feed
	}
	for k, r := range s.Results {
		pr := partRow{Row: int(entries[k].i), Line: r.Row.Line, Reference: r.Reference, Role: r.Role, Level: r.Level, Name: r.Name,
			Status: r.Status.String(), Missing: r.Missing, Rebuilt: r.Rebuilt, Title: r.Title, LevelLabel: r.LevelLabel,
			Location: r.Location, Closing: r.Closing, Language: r.Language, Plan: r.Row.Plan}
		feed, err := s.feed(k)
		if err != nil {
			return fmt.Errorf("part index: %w", err)
		}
		pr.Feed = feed
		if r.Err != nil {
			pr.Error = r.Err.Error()
		}
		if (r.Status == Built || r.Status == UpToDate) && b.Zips {
			e := rec[r.Name]
			if sums := r.sums; sums != nil {
				e.row, e.zip = sums[0], sums[1]
			}
			for _, f := range r.Files {
				pr.Files = append(pr.Files, partFile{Name: f})
			}
			pr.Zip, pr.RowSum = hex.EncodeToString(e.zip[:]), hex.EncodeToString(e.row[:])
		} else if r.Status == Built || r.Status == UpToDate {
			m, err := out.ReadManifest(r.Name)
			if err != nil {
				return fmt.Errorf("part index: %w", err)
			}
			st, _, err := readStamp(out, r.Name)
			if err != nil {
				return fmt.Errorf("part index: %w", err)
			}
			for _, f := range r.Files {
				pr.Files = append(pr.Files, partFile{f, m[f]})
			}
			pr.Zip = st.zip
		}
		p.Results[k] = pr
	}
	data, err := json.MarshalIndent(p, "", " ")
	if err != nil {
		return fmt.Errorf("part index: %w", err)
	}
	if err := out.WriteFile(PartName(b.Shard), append(data, '\n')); err != nil {
		return fmt.Errorf("part index: %w", err)
	}
	return nil
}

// Merge checks the part indexes at the paths parts (one per shard, every
// shard's, each of the same manifest and inputs) and writes into the
// output folder out, where the shards wrote their packs, the index.html,
// index.csv and feeds a run on one machine writes: the same bytes. A
// missing or duplicate part, a part of another manifest or inputs, or a
// pack a part lists that is not in out, is an error and nothing is
// written. force overwrites index files rolepack did not write.
func Merge(ctx context.Context, out string, parts []string, force bool) (*Summary, error) {
	ps, err := readParts(parts)
	if err != nil {
		return nil, err
	}
	seen, err := checkParts(parts, ps)
	if err != nil {
		return nil, err
	}
	p0 := ps[0]
	s, rec, err := mergedResults(parts, ps, seen)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := output.OpenFolder(out)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := checkPacksThere(f, s, p0.Zips, seen); err != nil {
		return nil, err
	}
	s.tally()
	if err := checkIndexFiles(f, force); err != nil {
		return nil, err
	}
	if p0.Zips {
		if err := mergeRecord(f, rec, force); err != nil {
			return nil, err
		}
	}
	ix := indexSettings{Date: p0.Date, Language: p0.Language, Feed: p0.Feed}
	if err := writeIndexFiles(f, s, ix, force); err != nil {
		return nil, err
	}
	return s, nil
}

// readParts reads the part indexes at the paths parts.
func readParts(parts []string) ([]part, error) {
	if len(parts) == 0 {
		return nil, errors.New("merge: no part indexes given (parts/part-I-of-N.json, one per shard)")
	}
	ps := make([]part, len(parts))
	for i, name := range parts {
		data, err := userfile.Read(name, userfile.Output)
		if err != nil {
			return nil, fmt.Errorf("merge: %w", err)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&ps[i]); err != nil || ps[i].Format != partFormat {
			return nil, fmt.Errorf("merge: %s is not a part index of this rolepack (%s)", name, partFormat)
		}
	}
	return ps, nil
}

// checkParts checks that ps (read from the paths parts) are every shard
// of one run, each once, and gives for each row of the manifest the part
// that holds it ("" for none yet: mergedResults fills it in).
func checkParts(parts []string, ps []part) ([]string, error) {
	first, p0 := parts[0], ps[0]
	byShard := map[int]string{}
	for i, p := range ps {
		name := parts[i]
		if err := partAgrees(name, p, first, p0); err != nil {
			return nil, err
		}
		if byShard[p.Shard] != "" {
			return nil, fmt.Errorf("merge: %s and %s are both part %d of %d: give each shard's part once", byShard[p.Shard], name, p.Shard, p.Shards)
		}
		byShard[p.Shard] = name
	}
	var missing []string
	firstMissing := 0
	for i := p0.Shards; i >= 1; i-- {
		if byShard[i] == "" {
			missing = append([]string{strconv.Itoa(i)}, missing...)
			firstMissing = i
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("merge: part %s of %d missing (%s): every shard must finish and its part be given", strings.Join(missing, ", "), p0.Shards, PartName(Shard{firstMissing, p0.Shards}))
	}
	return make([]string, p0.Rows), nil
}

// partAgrees checks that the part p (at the path name) is of the run the
// first part, p0 at first, is of.
func partAgrees(name string, p part, first string, p0 part) error {
	switch {
	case p.Manifest != p0.Manifest || p.Rows != p0.Rows:
		return fmt.Errorf("merge: %s is from another manifest than %s (manifest sha256 %.12s…, not %.12s…): give the parts of one run", name, first, p.Manifest, p0.Manifest)
	case p.Shards != p0.Shards:
		return fmt.Errorf("merge: %s is part %d of %d, but %s is of %d: give the parts of one run", name, p.Shard, p.Shards, first, p0.Shards)
	case p.Shard < 1 || p.Shard > p.Shards:
		return fmt.Errorf("merge: %s: part %d of %d is not a shard of the run", name, p.Shard, p.Shards)
	}
	if d := inputsDiffer(p0.Inputs, p.Inputs); d != "" {
		return fmt.Errorf("merge: %s was built from other inputs than %s (%s differs): run every shard with the same config, frameworks, templates, date and formats", name, first, d)
	}
	if p.Zips != p0.Zips {
		return fmt.Errorf("merge: %s wrote its packs %s, but %s %s: run every shard with the same --unpacked", name, layoutWords(p.Zips), first, layoutWords(p0.Zips))
	}
	if inputsDiffer(p0.Stamp, p.Stamp) != "" || !p.Date.Equal(p0.Date) || p.Language != p0.Language || !sameFeed(p.Feed, p0.Feed) {
		return fmt.Errorf("merge: %s was built from other inputs than %s (document date, language or organisation differs)", name, first)
	}
	return nil
}

// mergedResults puts every part's rows in one summary, in the manifest's
// order, and, for packs written as zips, the record entries of the packs
// built; seen[row] is set to the part that holds the row, and every row
// must be in one part.
func mergedResults(parts []string, ps []part, seen []string) (*Summary, packRecord, error) {
	p0 := ps[0]
	s := &Summary{Results: make([]Result, p0.Rows), zips: p0.Zips}
	rec := packRecord{}
	keep := newInterner()
	for i, p := range ps {
		for _, pr := range p.Results {
			if pr.Row < 0 || pr.Row >= p0.Rows {
				return nil, nil, fmt.Errorf("merge: %s: row %d is not in a manifest of %d rows", parts[i], pr.Row+1, p0.Rows)
			}
			if seen[pr.Row] != "" {
				return nil, nil, fmt.Errorf("merge: %s and %s both hold line %d of the manifest", seen[pr.Row], parts[i], pr.Line)
			}
			seen[pr.Row] = parts[i]
			r, err := pr.result()
			if err != nil {
				return nil, nil, fmt.Errorf("merge: %s: %w", parts[i], err)
			}
			s.Results[pr.Row] = r
			if !p0.Zips || (r.Status != Built && r.Status != UpToDate) {
				continue
			}
			if len(p.Stamp) == 0 {
				return nil, nil, fmt.Errorf("merge: %s: a part of zips without the inputs of its packs", parts[i])
			}
			st := stamp{inputs: append([][2]string{p.Stamp[0], {"row", pr.RowSum}}, p.Stamp[1:]...), zip: pr.Zip, files: r.Files, title: r.Title, level: r.LevelLabel}
			e, err := recordOf(st, keep)
			if err != nil {
				return nil, nil, fmt.Errorf("merge: %s: line %d: %w", parts[i], pr.Line, err)
			}
			rec[r.Name] = e
		}
	}
	for i, by := range seen {
		if by == "" {
			return nil, nil, fmt.Errorf("merge: row %d of the manifest is in no part: the parts do not cover the manifest", i+1)
		}
	}
	return s, rec, nil
}

// checkPacksThere checks that the output folder f holds every pack s
// lists as built or up to date: its zip and, unless zips, its files;
// seen names the part of each row, for the message.
func checkPacksThere(f *output.Folder, s *Summary, zips bool, seen []string) error {
	for i, r := range s.Results {
		if r.Status != Built && r.Status != UpToDate {
			continue
		}
		names := []string{r.Name + ".zip"}
		if !zips {
			names = append(names, prefixed(r.Name, r.Files)...)
		}
		for _, name := range names {
			if !f.Exists(name) {
				return fmt.Errorf("merge: %s is missing: the packs of %s are not in the output folder (write every shard into it, or copy each shard's output there)", f.Join(name), seen[i])
			}
		}
	}
	return nil
}

// tally counts s's results by status.
func (s *Summary) tally() {
	for _, r := range s.Results {
		switch r.Status {
		case Built:
			s.Built++
		case UpToDate:
			s.UpToDate++
		case Failed:
			s.Failed++
		default:
			s.NotRun++
		}
	}
}

// mergeRecord writes the record of a run on one machine into f: what the
// folder's record held, with rec (every part's packs) over it. force
// replaces a record that cannot be read.
func mergeRecord(f *output.Folder, rec packRecord, force bool) error {
	old, err := readRecord(f, newInterner())
	if err != nil && !force {
		return err
	} else if err != nil {
		old = packRecord{}
	}
	for name, e := range rec {
		old[name] = e
	}
	return writeRecord(f, old)
}

func prefixed(dir string, files []string) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = path.Join(dir, f)
	}
	return out
}

// inputsDiffer names the first input in which a and b differ, "" when
// they agree.
func inputsDiffer(a, b [][2]string) string {
	if len(a) != len(b) {
		return "the rolepack version"
	}
	for i := range a {
		if a[i] != b[i] {
			if l, ok := inputLabel[a[i][0]]; ok {
				return l
			}
			return a[i][0]
		}
	}
	return ""
}

func sameFeed(a, b *FeedSource) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// result is the row as the index sees it.
func (pr partRow) result() (Result, error) {
	r := Result{Row: Row{Line: pr.Line, Plan: pr.Plan}, Reference: pr.Reference, Role: pr.Role, Level: pr.Level, Name: pr.Name,
		Missing: pr.Missing, Rebuilt: pr.Rebuilt, Title: pr.Title, LevelLabel: pr.LevelLabel, Location: pr.Location,
		Closing: pr.Closing, Language: pr.Language, Feed: pr.Feed}
	statuses := []Status{Built, UpToDate, Failed}
	i := slices.IndexFunc(statuses, func(s Status) bool { return s.String() == pr.Status })
	if i < 0 {
		return Result{}, fmt.Errorf("line %d: status %q is not one a finished shard records", pr.Line, pr.Status)
	}
	r.Status = statuses[i]
	if pr.Error != "" {
		r.Err = errors.New(pr.Error)
	}
	for _, f := range pr.Files {
		r.Files = append(r.Files, f.Name)
	}
	return r, nil
}

// layoutWords says how a part's packs were written.
func layoutWords(zips bool) string {
	if zips {
		return "as zips alone"
	}
	return "unpacked (--unpacked)"
}

package pack

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/output"
)

// RecordName is the file in an output folder of zipped packs (Batch.Zips)
// that records, for every pack, what it was built from and what its zip
// holds: what a pack folder's stamp (StampName) records, for packs that
// have no folder. A later run reads it to skip the packs that are up to
// date and to refuse to overwrite, without --force, a zip edited since.
const RecordName = ".rolepack-packs"

// recordFormat is the record's first line; it changes when the record's
// meaning does.
const recordFormat = "rolepack packs 1"

// recordHead is the record's first line: its format, and the distinct
// sets of inputs its packs were built from (a stamp's inputs but the
// row), which the packs name by place.
type recordHead struct {
	Format string        `json:"format"`
	Inputs [][][2]string `json:"inputs"`
}

// recordPack is one pack of the record, a line of its own.
type recordPack struct {
	Name   string   `json:"name"`
	Inputs int      `json:"inputs"` // place in recordHead.Inputs
	Row    string   `json:"row"`    // hex SHA-256 of the manifest row, as the stamp's
	Zip    string   `json:"zip"`    // hex SHA-256 of the zip
	Title  string   `json:"title,omitempty"`
	Level  string   `json:"level,omitempty"`
	Files  []string `json:"files"` // in pack order
}

// packRecord is the record of an output folder, read: each pack's stamp
// by name, its inputs shared with the other packs built from the same.
type packRecord map[string]recordEntry

// recordEntry is one pack's part of the record: its inputs (shared), its
// row's and its zip's digests, and what the index shows of it.
type recordEntry struct {
	inputs       [][2]string // without the row
	row, zip     [32]byte
	title, level string
	files        []string
}

// stamp is the entry as the stamp of a pack folder would hold it.
func (e recordEntry) stamp() stamp {
	in := make([][2]string, 0, len(e.inputs)+1)
	for i, x := range e.inputs {
		in = append(in, x)
		if i == 0 { // the row comes after the version, as newStamp has it
			in = append(in, [2]string{"row", hex.EncodeToString(e.row[:])})
		}
	}
	return stamp{inputs: in, zip: hex.EncodeToString(e.zip[:]), files: e.files, title: e.title, level: e.level}
}

// recordOf is the record entry of a pack whose stamp is st; keep keeps
// its strings once.
func recordOf(st stamp, keep *interner) (recordEntry, error) {
	var e recordEntry
	if err := decodeSum(&e.zip, st.zip); err != nil {
		return e, err
	}
	var in []string
	for _, x := range st.inputs {
		if x[0] == "row" {
			if err := decodeSum(&e.row, x[1]); err != nil {
				return e, err
			}
			continue
		}
		in = append(in, x[0], x[1])
	}
	key := keep.list(in)
	e.inputs = keep.inputs(key)
	e.title, e.level, e.files = intern(st.title), intern(st.level), keep.list(st.files)
	return e, nil
}

// inputs is the input pairs of the flat list kv (name, value, …), kept
// once for every equal list.
func (k *interner) inputs(kv []string) [][2]string {
	key := strings.Join(kv, "\x00")
	if have, ok := k.pairs[key]; ok {
		return have
	}
	out := make([][2]string, len(kv)/2)
	for i := range out {
		out[i] = [2]string{kv[2*i], kv[2*i+1]}
	}
	if k.pairs == nil {
		k.pairs = map[string][][2]string{}
	}
	k.pairs[key] = out
	return out
}

func decodeSum(dst *[32]byte, s string) error {
	if len(s) != 64 {
		return fmt.Errorf("%q is not a SHA-256", s)
	}
	_, err := hex.Decode(dst[:], []byte(s))
	return err
}

// readRecord reads the output folder's record; a folder without one has
// an empty record.
func readRecord(out *output.Folder, keep *interner) (packRecord, error) {
	rec := packRecord{}
	data, err := out.ReadFile(RecordName, userfile.Output)
	if errors.Is(err, fs.ErrNotExist) {
		return rec, nil
	}
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	bad := func(line int, why string) error {
		return fmt.Errorf("%s:%d: %s: not a record of this rolepack (%s); remove it, or run with --force", out.Join(RecordName), line, why, recordFormat)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, int(userfile.Output))
	var head recordHead
	line := 0
	for sc.Scan() {
		line++
		if line == 1 {
			if err := json.Unmarshal(sc.Bytes(), &head); err != nil || head.Format != recordFormat {
				return nil, bad(line, "not its first line")
			}
			continue
		}
		var p recordPack
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, bad(line, err.Error())
		}
		if p.Inputs < 0 || p.Inputs >= len(head.Inputs) {
			return nil, bad(line, fmt.Sprintf("inputs %d of %d", p.Inputs, len(head.Inputs)))
		}
		var kv []string
		for _, x := range head.Inputs[p.Inputs] {
			kv = append(kv, x[0], x[1])
		}
		e := recordEntry{inputs: keep.inputs(keep.list(kv)), title: intern(p.Title), level: intern(p.Level), files: keep.list(p.Files)}
		if decodeSum(&e.row, p.Row) != nil || decodeSum(&e.zip, p.Zip) != nil {
			return nil, bad(line, "a digest that is not a SHA-256")
		}
		rec[p.Name] = e
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", out.Join(RecordName), err)
	}
	return rec, nil
}

// write writes the record, its packs in name order, its sets of inputs
// in the order the packs first name them: the same packs give the same
// bytes, whatever order they were built in.
func (rec packRecord) write(w io.Writer) error {
	names := make([]string, 0, len(rec))
	for n := range rec {
		names = append(names, n)
	}
	slices.Sort(names)
	return writeRecordEntries(w, len(names), func(i int) (string, recordEntry) { return names[i], rec[names[i]] })
}

// writeRecordEntries writes the record of n packs as write does, entry(i)
// giving the i-th in name order (and the same each time it is asked): a
// batch gives its packs without making a map of them (10,000 entries, 2.5
// MB at the end of a 10,000-pack batch, where its memory peaked).
func writeRecordEntries(w io.Writer, n int, entry func(i int) (string, recordEntry)) error {
	head := recordHead{Format: recordFormat, Inputs: [][][2]string{}}
	place := map[string]int{}
	places := make([]int, n)
	var last [][2]string // the inputs of the entry before: most share one slice
	lastAt := -1
	for i := range n {
		_, e := entry(i)
		in := e.inputs
		if lastAt >= 0 && len(in) == len(last) && (len(in) == 0 || &in[0] == &last[0]) {
			places[i] = lastAt
			continue
		}
		var key strings.Builder
		for _, x := range in {
			key.WriteString(x[0] + "\x00" + x[1] + "\x00")
		}
		at, ok := place[key.String()]
		if !ok {
			at = len(head.Inputs)
			place[key.String()] = at
			head.Inputs = append(head.Inputs, in)
		}
		places[i], last, lastAt = at, in, at
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(head); err != nil {
		return fmt.Errorf("%s: %w", RecordName, err)
	}
	for i := range n {
		name, e := entry(i)
		p := recordPack{Name: name, Inputs: places[i], Row: hex.EncodeToString(e.row[:]), Zip: hex.EncodeToString(e.zip[:]),
			Title: e.title, Level: e.level, Files: e.files}
		if p.Files == nil {
			p.Files = []string{}
		}
		if err := enc.Encode(p); err != nil {
			return fmt.Errorf("%s: %w", RecordName, err)
		}
	}
	return nil
}

// writeRecord writes rec as the folder's record, when it changed, and
// lists it in the folder's manifest of what rolepack wrote.
func writeRecord(out *output.Folder, rec packRecord) error {
	return writeRecordFunc(out, rec.write)
}

// writeRecordFunc is writeRecord with the record written by write.
func writeRecordFunc(out *output.Folder, write func(io.Writer) error) error {
	sum, written, err := out.WriteFileFunc(RecordName, write)
	if err != nil {
		return fmt.Errorf("record: %w", err)
	}
	if !written {
		return nil
	}
	if err := out.Record(map[string]string{RecordName: sum}); err != nil {
		return fmt.Errorf("record: %w", err)
	}
	return nil
}

// recordOver is the record of old with the packs of results a batch built
// (each with its digests, and inputs) over it, as writeRecordEntries takes
// it: n entries and the i-th in name order. It holds an index of each,
// not a map of them.
func recordOver(old packRecord, results []Result, inputs [][2]string) (n int, entry func(i int) (string, recordEntry)) {
	fresh := make([]int32, 0, len(results))
	for k := range results {
		if results[k].Status == Built && results[k].sums != nil {
			fresh = append(fresh, int32(k))
		}
	}
	slices.SortFunc(fresh, func(a, b int32) int { return strings.Compare(results[a].Name, results[b].Name) })
	olds := make([]string, 0, len(old))
	for name := range old {
		olds = append(olds, name)
	}
	slices.Sort(olds)
	// order holds a result's index, or -1 - the place in olds of an
	// earlier run's entry that this batch did not build again.
	order := make([]int32, 0, len(fresh)+len(olds))
	i := 0
	for _, k := range fresh {
		name := results[k].Name
		for ; i < len(olds) && olds[i] < name; i++ {
			order = append(order, -1-int32(i))
		}
		if i < len(olds) && olds[i] == name {
			i++ // built again: this batch's entry
		}
		order = append(order, k)
	}
	for ; i < len(olds); i++ {
		order = append(order, -1-int32(i))
	}
	return len(order), func(i int) (string, recordEntry) {
		k := order[i]
		if k < 0 {
			name := olds[-1-k]
			return name, old[name]
		}
		r := &results[k]
		return r.Name, recordEntry{inputs: inputs, row: r.sums[0], zip: r.sums[1], title: r.Title, level: r.LevelLabel, files: r.Files}
	}
}

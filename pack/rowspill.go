package pack

import (
	"encoding/binary"
	"slices"
	"sort"
)

// Rows are the rows of a manifest as a batch reads them, one at a time
// (Batch.RunRows): held in memory (RowSlice) or in a temporary file
// (SpillRows).
type Rows interface {
	// Len is the number of rows.
	Len() int
	// Row is row i (0-based), as ReadManifest gave it.
	Row(i int) (Row, error)
}

// RowSlice is rows held in memory, as ReadManifest gives them.
type RowSlice []Row

// Len is the number of rows.
func (r RowSlice) Len() int { return len(r) }

// Row is row i.
func (r RowSlice) Row(i int) (Row, error) { return r[i], nil }

// SpilledRows are rows kept in a temporary file rather than in memory:
// 8 bytes a row in memory, against about 215 for a row as ReadManifest
// gives it. A batch reads each row three times (as it checks the rows
// for duplicates, as it hands its pack to a worker and as it makes its
// Result at the end), so a 10,000-row batch holds none of its rows while
// it builds (docs/performance.md, "a row source").
type SpilledRows struct {
	file         string   // every spilled row's Row.File
	extraColumns []string // every spilled row's Row.ExtraColumns
	at           []int64  // row i is at at[i] in the file, to at[i+1] (or the file's end)
	kept         map[int]Row
	sp           feedSpill
}

// SpillRows writes rows to a temporary file (removed by Close) and gives
// them as Rows. A row with an error or a plan (a team manifest's) stays
// in memory as it is: its error is not made again from text. The caller
// need not hold rows once it returns.
func SpillRows(rows []Row) (*SpilledRows, error) {
	s := &SpilledRows{at: make([]int64, len(rows)), kept: map[int]Row{}}
	if len(rows) > 0 {
		s.file, s.extraColumns = rows[0].File, rows[0].ExtraColumns
	}
	var b []byte
	for i, r := range rows {
		s.at[i] = s.sp.size
		if r.Err != nil || r.Plan != nil || r.File != s.file || !slices.Equal(r.ExtraColumns, s.extraColumns) {
			s.kept[i] = r
			continue
		}
		b = appendRow(b[:0], r)
		if _, err := s.sp.putBytes(b); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Len is the number of rows.
func (s *SpilledRows) Len() int { return len(s.at) }

// Row reads row i back.
func (s *SpilledRows) Row(i int) (Row, error) {
	if r, ok := s.kept[i]; ok {
		return r, nil
	}
	end := s.sp.size
	if i+1 < len(s.at) {
		end = s.at[i+1]
	}
	b, err := s.sp.getBytes(spilled{s.at[i], int(end - s.at[i])})
	if err != nil {
		return Row{}, err
	}
	r := Row{File: s.file, ExtraColumns: s.extraColumns}
	if readRow(b, &r) != nil {
		return Row{}, s.sp.unreadable()
	}
	return r, nil
}

// Close removes the file.
func (s *SpilledRows) Close() { s.sp.close() }

// appendRow appends r's line, role, level, values and extra values to b.
func appendRow(b []byte, r Row) []byte {
	b = binary.AppendUvarint(b, uint64(r.Line))
	b = appendString(b, r.Role)
	b = appendString(b, r.Level)
	b = binary.AppendUvarint(b, uint64(r.values.set))
	b = appendString(b, r.values.data)
	if r.Extra == nil {
		return append(b, 0)
	}
	b = append(b, 1)
	keys := make([]string, 0, len(r.Extra))
	for k := range r.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = appendString(b, k)
		b = appendString(b, r.Extra[k])
	}
	return b
}

// readRow reads what appendRow wrote into r; its role and level, the same
// in many rows, are kept once.
func readRow(b []byte, r *Row) error {
	d := spillReader{b: b}
	r.Line = int(d.uvarint())
	r.Role, r.Level = intern(d.string()), intern(d.string())
	r.values.set = uint32(d.uvarint())
	r.values.data = d.string()
	if d.byte() == 1 {
		n := d.uvarint()
		if n > uint64(len(d.b)) {
			return errShort
		}
		r.Extra = make(map[string]string, n)
		for range n {
			k := d.string()
			r.Extra[k] = d.string()
		}
	}
	return d.err
}

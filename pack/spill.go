package pack

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
)

// feedSpill keeps what a batch's finished packs gave in a temporary file
// until the batch's end, rather than in memory: each pack's status, its
// files, title and level, its editorial summary, its zip's digests and
// its feed entry (the advert's description and JSON-LD, about 7 KB).
// Held in memory, a campaign of 10,000 ready vacancies kept 70 MB of feed
// entries, and any 10,000-row batch 2.7 MB of entries, from the pack each
// was made for to the end of the batch, and the collector's room doubled
// that. Each string is written as its length and its bytes, so it reads
// back exactly as it was.
type feedSpill struct {
	f        *os.File // nil until the first entry
	size     int64
	unlinked bool // the file's name is gone already
}

// spilled is where an entry is in the spill file.
type spilled struct {
	at int64
	n  int // 0: none
}

// putBytes writes b to the spill file.
func (sp *feedSpill) putBytes(b []byte) (spilled, error) {
	if sp.f == nil {
		f, err := os.CreateTemp("", "rolepack-spill-")
		if err != nil {
			return spilled{}, fmt.Errorf("batch spill: %w", err)
		}
		sp.f = f
		// Unlinked at once where the system allows it (an open file
		// stays readable), so that a killed batch leaves nothing in the
		// temporary folder; else close removes it.
		sp.unlinked = os.Remove(f.Name()) == nil
	}
	if _, err := sp.f.WriteAt(b, sp.size); err != nil {
		return spilled{}, fmt.Errorf("batch spill: %w", err)
	}
	at := spilled{sp.size, len(b)}
	sp.size += int64(len(b))
	return at, nil
}

// getBytes reads back the bytes written at at.
func (sp *feedSpill) getBytes(at spilled) ([]byte, error) {
	b := make([]byte, at.n)
	if _, err := sp.f.ReadAt(b, at.at); err != nil {
		return nil, fmt.Errorf("batch spill: %w", err)
	}
	return b, nil
}

// put writes j to the spill file.
func (sp *feedSpill) put(j *FeedJob) (spilled, error) {
	return sp.putBytes(appendFeed(nil, j))
}

// get reads back the feed entry written at at.
func (sp *feedSpill) get(at spilled) (*FeedJob, error) {
	b, err := sp.getBytes(at)
	if err != nil {
		return nil, err
	}
	d := spillReader{b: b}
	j := d.feed()
	if d.err != nil {
		return nil, sp.unreadable()
	}
	return j, nil
}

// unreadable is the error of an entry that does not read back.
func (sp *feedSpill) unreadable() error {
	return fmt.Errorf("batch spill: %s: an entry does not read back", sp.f.Name())
}

// close removes the spill file.
func (sp *feedSpill) close() {
	if sp.f != nil {
		sp.f.Close()
		if !sp.unlinked {
			os.Remove(sp.f.Name())
		}
	}
}

// feedFields are j's fields, in the order a spill file holds them.
func feedFields(j *FeedJob) []*string {
	return []*string{&j.Title, &j.Date, &j.ReferenceNumber, &j.RequisitionID, &j.URL, &j.Company,
		&j.City, &j.Country, &j.Description, &j.Salary, &j.JobType, &j.JobPosting}
}

// appendFeed appends j's fields to b.
func appendFeed(b []byte, j *FeedJob) []byte {
	for _, s := range feedFields(j) {
		b = appendString(b, *s)
	}
	return b
}

// appendDone appends to b what building r's pack gave that the batch's
// end needs and the row cannot give again: its status, the files
// written, the pack's files, its editorial summary, why it was rebuilt,
// its title and level label, its zip's digests (a batch of zips) and its
// feed entry. Its error, rarely there, stays in memory (ledger.failed):
// an error read back as text would no longer be the error it wraps.
func appendDone(b []byte, r *Result) []byte {
	b = append(b, byte(r.Status))
	b = binary.AppendUvarint(b, uint64(r.Written))
	b = appendStrings(b, r.Files)
	b = appendStrings(b, r.Editorial)
	b = appendString(b, r.Rebuilt)
	b = appendString(b, r.Title)
	b = appendString(b, r.LevelLabel)
	if r.sums != nil {
		b = append(b, 1)
		b = append(b, r.sums[0][:]...)
		b = append(b, r.sums[1][:]...)
	} else {
		b = append(b, 0)
	}
	if r.Feed != nil {
		b = append(b, 1)
		b = appendFeed(b, r.Feed)
	} else {
		b = append(b, 0)
	}
	return b
}

// readDone reads what appendDone wrote into r, its lists and strings
// kept by keep (when not nil); with feed, its feed entry too.
func readDone(b []byte, r *Result, keep *interner, feed bool) error {
	d := spillReader{b: b}
	r.Status = Status(d.byte())
	r.Written = int(d.uvarint())
	r.Files, r.Editorial = d.strings(), d.strings()
	r.Rebuilt, r.Title, r.LevelLabel = d.string(), d.string(), d.string()
	if keep != nil {
		r.Files, r.Editorial = keep.list(r.Files), keep.list(r.Editorial)
		r.Rebuilt, r.Title, r.LevelLabel = intern(r.Rebuilt), intern(r.Title), intern(r.LevelLabel)
	}
	if d.byte() == 1 {
		var sums [2][32]byte
		copy(sums[0][:], d.next(32))
		copy(sums[1][:], d.next(32))
		r.sums = &sums
	}
	if d.byte() == 1 && feed {
		r.Feed = d.feed()
	}
	return d.err
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendStrings(b []byte, xs []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(xs)))
	for _, x := range xs {
		b = appendString(b, x)
	}
	return b
}

// spillReader reads what the append functions wrote; its err is set at
// the first thing that does not read back, after which it reads zeros.
type spillReader struct {
	b   []byte
	err error
}

var errShort = errors.New("short")

func (d *spillReader) next(n int) []byte {
	if d.err != nil || n < 0 || n > len(d.b) {
		d.err = errShort
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *spillReader) byte() byte {
	if b := d.next(1); b != nil {
		return b[0]
	}
	return 0
}

func (d *spillReader) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.err = errShort
		return 0
	}
	d.b = d.b[k:]
	return v
}

func (d *spillReader) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err = errShort
		return ""
	}
	return string(d.next(int(n)))
}

func (d *spillReader) strings() []string {
	n := d.uvarint()
	if n > uint64(len(d.b)) { // each string takes a byte at least
		d.err = errShort
		return nil
	}
	if n == 0 {
		return nil
	}
	xs := make([]string, n)
	for i := range xs {
		xs[i] = d.string()
	}
	return xs
}

func (d *spillReader) feed() *FeedJob {
	j := &FeedJob{}
	for _, s := range feedFields(j) {
		*s = d.string()
	}
	return j
}

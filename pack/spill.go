package pack

import (
	"encoding/binary"
	"fmt"
	"os"
)

// feedSpill keeps the feed entries of a batch's finished packs in a
// temporary file until the feeds are written, rather than in memory: an
// entry holds its advert's description and JSON-LD, about 7 KB, so a
// campaign of 10,000 ready vacancies held 70 MB of them from the pack
// each was made for to the end of the batch, and the collector's room
// doubled that. An entry is written as its fields, each a length and
// its bytes, so it reads back exactly as it was.
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

// put writes j to the spill file.
func (sp *feedSpill) put(j *FeedJob) (spilled, error) {
	if sp.f == nil {
		f, err := os.CreateTemp("", "rolepack-feeds-")
		if err != nil {
			return spilled{}, fmt.Errorf("feeds: %w", err)
		}
		sp.f = f
		// Unlinked at once where the system allows it (an open file
		// stays readable), so that a killed batch leaves nothing in the
		// temporary folder; else close removes it.
		sp.unlinked = os.Remove(f.Name()) == nil
	}
	var b []byte
	for _, s := range feedFields(j) {
		b = binary.AppendUvarint(b, uint64(len(*s)))
		b = append(b, *s...)
	}
	if _, err := sp.f.WriteAt(b, sp.size); err != nil {
		return spilled{}, fmt.Errorf("feeds: %w", err)
	}
	at := spilled{sp.size, len(b)}
	sp.size += int64(len(b))
	return at, nil
}

// get reads back the entry written at at.
func (sp *feedSpill) get(at spilled) (*FeedJob, error) {
	b := make([]byte, at.n)
	if _, err := sp.f.ReadAt(b, at.at); err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	j := &FeedJob{}
	for _, s := range feedFields(j) {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return nil, fmt.Errorf("feeds: %s: an entry does not read back", sp.f.Name())
		}
		*s = string(b[k : k+int(n)])
		b = b[k+int(n):]
	}
	return j, nil
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

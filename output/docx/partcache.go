package docx

import (
	"bytes"
	"hash/crc32"
	"sync"
	"time"
)

// partCache keeps the compressed form of the small parts a writer builds
// per document but which many documents share word for word: the
// numbering (the reference's list definitions and one instance per list),
// the document relationships, the header and footer (their text is the
// document's header and footer lines), the styles and settings in a
// language other than the reference's, the core properties. A batch writes
// the same few of each over and over, so each is compressed once and then
// copied into every archive as raw deflate, as the reference's own parts
// are (New); only the body is compressed for every document.
//
// The parts are compressed exactly as zip's compressor would compress them
// (the writer's pooled BestSpeed deflater, one Write and Close), and
// written with the headers CreateHeader would write (writeCached), so an
// archive is byte for byte the same whether a part came from the cache or
// not.
//
// It is keyed by the part's bytes and bounded: two generations of at most
// maxCachedParts entries and maxCachedBytes uncompressed bytes each; a hit
// in the older generation moves to the newer, and when the newer fills,
// the older is dropped. Safe for concurrent use; it lives in the Writer, so
// there is no state shared between writers.
type partCache struct {
	mu       sync.Mutex
	cur, old map[string]*rawPart
	curBytes int
}

// Bounds of one generation of the cache.
const (
	maxCachedParts = 64
	maxCachedBytes = 1 << 20
	maxCachedPart  = 64 << 10 // larger parts are compressed every time
)

// get returns the compressed form of data, compressing it on a miss.
func (c *partCache) get(w *Writer, data []byte) *rawPart {
	c.mu.Lock()
	if p, ok := c.cur[string(data)]; ok {
		c.mu.Unlock()
		return p
	}
	if p, ok := c.old[string(data)]; ok {
		c.putLocked(string(data), p)
		c.mu.Unlock()
		return p
	}
	c.mu.Unlock()
	p := w.deflatePart(data)
	c.mu.Lock()
	c.putLocked(string(data), p)
	c.mu.Unlock()
	return p
}

// putLocked adds p under key to the newer generation, starting a new one
// when it is full. c.mu is held.
func (c *partCache) putLocked(key string, p *rawPart) {
	if c.cur == nil || len(c.cur) >= maxCachedParts || c.curBytes+len(key) > maxCachedBytes {
		c.old, c.cur, c.curBytes = c.cur, make(map[string]*rawPart, maxCachedParts), 0
	}
	if _, ok := c.cur[key]; !ok {
		c.cur[key] = p
		c.curBytes += len(key)
	}
}

// deflatePart compresses data as a per-document part is compressed into
// the archive: with a pooled BestSpeed deflater, in one Write.
func (w *Writer) deflatePart(data []byte) *rawPart {
	var buf bytes.Buffer
	buf.Grow(len(data)/3 + 64)
	fw, _ := w.compressor(&buf) // never fails
	fw.Write(data)              // writes to a bytes.Buffer cannot fail
	fw.Close()
	return &rawPart{data: buf.Bytes(), crc: crc32.ChecksumIEEE(data), size: uint64(len(data))}
}

// extTimeExtra is the extended-timestamp extra field (Info-ZIP's 0x5455
// with the modification time only) that zip's CreateHeader adds for a
// header with Modified set; writeCached adds it too.
func extTimeExtra(mod time.Time) []byte {
	t := uint32(mod.Unix())
	return []byte{0x55, 0x54, 5, 0, 1, byte(t), byte(t >> 8), byte(t >> 16), byte(t >> 24)}
}

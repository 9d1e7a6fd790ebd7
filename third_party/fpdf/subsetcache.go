// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"encoding/binary"
	"slices"
	"sync"
)

// subsetCacheSize is how many subsets of one font a subsetCache keeps.
const subsetCacheSize = 16

// subsetParts are the parts of an embedded UTF-8 font that depend on the set
// of runes a document uses. They are never changed once made.
type subsetParts struct {
	baseFont     string // the subset's PostScript name with its tag ("ABCDEF+Name"), or ""
	toUnicode    []byte // the ToUnicode CMap stream (uncompressed)
	widths       string // the CID font's /W entry
	cidToGidMap  []byte // compressed CIDToGIDMap stream
	fontFile     []byte // compressed subset font file
	fontFileSize int    // length of the subset font file before compression
}

// subsetCache keeps the subsets of one parsed font made for the most recent
// distinct sets of used runes, at most subsetCacheSize of them, so that
// documents that use the same runes (documents of one kind, or one document
// written again) do not subset and compress the font again. The output is the
// same whether a subset comes from the cache or not. A nil *subsetCache keeps
// nothing. It is safe for concurrent use.
type subsetCache struct {
	mu      sync.Mutex
	entries []subsetEntry // oldest first
	// tables are the font's rune-to-glyph map and glyph offsets, read by the
	// first subset made (under tablesMu) and shared by every later one.
	tablesMu sync.Mutex
	tables   cutTables
}

// generateCutFont subsets the font file cut for usedRunes, sharing the
// font's tables with the other subsets of the font when c is not nil.
func (c *subsetCache) generateCutFont(cut *utf8FontFile, usedRunes map[int]int) []byte {
	if c == nil {
		return cut.GenerateCutFont(usedRunes)
	}
	c.tablesMu.Lock()
	shared := c.tables
	if shared.charSymbolDictionary != nil {
		c.tablesMu.Unlock()
		return cut.generateCutFont(usedRunes, &shared)
	}
	defer c.tablesMu.Unlock()
	b := cut.generateCutFont(usedRunes, &shared)
	c.tables = shared
	return b
}

type subsetEntry struct {
	key   string
	parts *subsetParts
}

// subsetKey identifies a set of used runes with their values, which
// GenerateCutFont reads as well as the keys. Runes below runesSeenLimit
// that map to themselves, nearly all of a document's, are gathered in a
// bit set and written as its non-zero words (patch 30 in PATCHES.md: no
// sort of every rune); the others follow, sorted, as pairs. Two maps get
// the same key exactly when they hold the same pairs.
func subsetKey(usedRunes map[int]int) string {
	var bits [runesSeenLimit / 64]uint64
	var others []int
	for k, v := range usedRunes {
		if k == v && k >= 0 && k < runesSeenLimit {
			bits[k>>6] |= 1 << (k & 63)
		} else {
			others = append(others, k)
		}
	}
	words := 0
	for _, w := range bits {
		if w != 0 {
			words++
		}
	}
	b := make([]byte, 0, 1+10*words+8*len(others))
	b = binary.AppendUvarint(b, uint64(words))
	for i, w := range bits {
		if w != 0 {
			b = binary.AppendUvarint(b, uint64(i))
			b = binary.LittleEndian.AppendUint64(b, w)
		}
	}
	slices.Sort(others)
	for _, k := range others {
		b = binary.AppendVarint(b, int64(k))
		b = binary.AppendVarint(b, int64(usedRunes[k]))
	}
	return string(b)
}

// get returns the parts made for the used runes with this key, or nil.
func (c *subsetCache) get(key string) *subsetParts {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := len(c.entries) - 1; i >= 0; i-- {
		if c.entries[i].key == key {
			return c.entries[i].parts
		}
	}
	return nil
}

// put keeps parts under key, dropping the oldest entry when full.
func (c *subsetCache) put(key string, parts *subsetParts) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.entries {
		if e.key == key {
			return
		}
	}
	if len(c.entries) == subsetCacheSize {
		copy(c.entries, c.entries[1:])
		c.entries = c.entries[:len(c.entries)-1]
	}
	c.entries = append(c.entries, subsetEntry{key: key, parts: parts})
}

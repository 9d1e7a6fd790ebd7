// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"errors"
	"maps"
)

// UTF8Font is a TrueType font parsed once by ParseUTF8Font, ready to be added
// to any number of documents with AddUTF8FontParsed. Parsing a font and
// computing its identifier takes milliseconds; adding a parsed font takes
// microseconds. A UTF8Font is never changed after ParseUTF8Font returns, so
// documents built concurrently may share it. It keeps the subsets of the
// font made for the last few distinct sets of runes its documents used, so a
// document that uses the same runes as an earlier one reuses that subset.
type UTF8Font struct {
	key  string      // font key: family and style
	def  fontDefType // the parsed definition, without a set of used runes
	base []int       // runes every subset of the font holds (WithSubsetBase)
	// used57 and used32 are the set of used runes a document adding the
	// font starts with (newUsedRunes, then the base): made once by
	// WithSubsetBase, cloned by AddUTF8FontParsed (patch 34). Nil without
	// a base.
	used57, used32 map[int]int
	// seen57 and seen32 are the runes of used57 and used32 below
	// runesSeenLimit that map to themselves, as useRunes records runes it
	// has put in the set (patch 41): a document starts with them.
	seen57, seen32 *[runesSeenLimit / 64]uint64
}

// WithSubsetBase returns a copy of the font whose subsets always hold the
// glyphs of the given runes, as if every document used them; runes the font
// has no glyph for are left out. A document's subset is then the same as
// another's whenever both use only runes of the base, so a batch of
// documents in one script subsets and compresses the font once (the copy
// shares the font's kept subsets, see UTF8Font) at the cost of glyphs a
// document may not use.
func (u *UTF8Font) WithSubsetBase(runes string) *UTF8Font {
	c := *u
	c.base = nil
	seen := map[int]bool{}
	for _, r := range runes {
		cp := int(r)
		if cp <= 0 || cp >= len(u.def.Cw) || u.def.Cw[cp] == 0 || seen[cp] {
			continue
		}
		seen[cp] = true
		c.base = append(c.base, cp)
	}
	c.used57 = withBase(subsetRange57, c.base)
	c.used32 = withBase(subsetRange32, c.base)
	c.seen57, c.seen32 = seenOf(c.used57), seenOf(c.used32)
	return &c
}

// seenOf is the bit set of the runes below runesSeenLimit that used maps
// to themselves: those useRunes need not put in used again.
func seenOf(used map[int]int) *[runesSeenLimit / 64]uint64 {
	var seen [runesSeenLimit / 64]uint64
	for k, v := range used {
		if k == v && k >= 0 && k < runesSeenLimit {
			seen[k>>6] |= 1 << (k & 63)
		}
	}
	return &seen
}

// withBase is a copy of used with every rune of base used.
func withBase(used map[int]int, base []int) map[int]int {
	m := make(map[int]int, len(used)+len(base))
	maps.Copy(m, used)
	for _, r := range base {
		m[r] = r
	}
	return m
}

// ParseUTF8Font parses a TrueType font for use under the given family and
// style, which have the meaning they have in AddUTF8FontFromBytes. The font
// keeps utf8Bytes, which must not be modified afterwards.
func ParseUTF8Font(familyStr, styleStr string, utf8Bytes []byte) (*UTF8Font, error) {
	if len(utf8Bytes) == 0 {
		return nil, errors.New("parse UTF-8 font: no font data")
	}
	key := getFontKey(fontFamilyEscape(familyStr), styleStr)
	def, err := parseUTF8FontDef(key, utf8Bytes)
	if err != nil {
		return nil, err
	}
	def.subsets = &subsetCache{}
	return &UTF8Font{key: key, def: def}, nil
}

// AddUTF8FontParsed adds a font parsed by ParseUTF8Font to the document. The
// document is the same, byte for byte, as one that adds the font's bytes with
// AddUTF8FontFromBytes. Adding a family and style that the document already
// has does nothing.
func (f *Fpdf) AddUTF8FontParsed(font *UTF8Font) {
	if f.err != nil {
		return
	}
	if font == nil {
		f.err = errors.New("add UTF-8 font: nil font")
		return
	}
	if _, ok := f.fonts[font.key]; ok {
		return
	}
	def := font.def
	switch {
	case font.used57 == nil:
		def.usedRunes = f.newUsedRunes()
	case f.aliasNbPagesStr == "":
		def.usedRunes = maps.Clone(font.used57)
		seen := *font.seen57
		def.runesSeen = &seen
	default:
		def.usedRunes = maps.Clone(font.used32)
		seen := *font.seen32
		def.runesSeen = &seen
	}
	f.addFontDef(font.key, def)
}

// parseUTF8FontDef parses a TrueType font into a font definition under
// fontkey, without a set of used runes (see newUsedRunes).
func parseUTF8FontDef(fontkey string, utf8Bytes []byte) (fontDefType, error) {
	reader := fileReader{readerPosition: 0, array: utf8Bytes}
	utf8File := newUTF8Font(&reader)
	if err := utf8File.parseFile(); err != nil {
		return fontDefType{}, err
	}
	desc := FontDescType{
		Ascent:       int(utf8File.Ascent),
		Descent:      int(utf8File.Descent),
		CapHeight:    utf8File.CapHeight,
		Flags:        utf8File.Flags,
		FontBBox:     utf8File.Bbox,
		ItalicAngle:  utf8File.ItalicAngle,
		StemV:        utf8File.StemV,
		MissingWidth: round(utf8File.DefaultWidth),
	}
	def := fontDefType{
		Tp:       "UTF8",
		Name:     fontkey,
		Desc:     desc,
		Up:       int(round(utf8File.UnderlinePosition)),
		Ut:       round(utf8File.UnderlineThickness),
		Cw:       utf8File.CharWidths,
		utf8File: utf8File,
	}
	var err error
	def.i, err = generateFontID(def)
	return def, err
}

// newUsedRunes returns the initial set of used runes of a UTF-8 font added
// to this document.
func (f *Fpdf) newUsedRunes() map[int]int {
	if f.aliasNbPagesStr == "" {
		return maps.Clone(subsetRange57)
	}
	return maps.Clone(subsetRange32)
}

// subsetRange57 and subsetRange32 are makeSubsetRange(57) and
// makeSubsetRange(32), made once and never changed: each font added to a
// document starts from a clone, which copies the table whole instead of
// inserting 57 entries one by one.
var (
	subsetRange57 = makeSubsetRange(57)
	subsetRange32 = makeSubsetRange(32)
)

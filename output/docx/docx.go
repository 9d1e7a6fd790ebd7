// Package docx writes the document tree as a Word document (Office Open XML)
// built on the embedded reference document in templates/reference: its
// styles, list definitions, header and footer. Headings use Word's Heading
// 1–3 styles, lists are real Word lists, tables are real Word tables with a
// marked header row, and charts are embedded as pictures with alt text.
//
// Headings: level 1 (the document title) is Heading 1, not Title, so the
// title is the top of the navigation pane and of a table of contents, and
// screen readers meet it as the first heading. A heading never goes more
// than one level below the one before it (a skipped level is closed up)
// and levels past 3 use Heading 3.
//
// The package writes the zip itself (archive/zip) rather than through
// github.com/nguyenthenguyen/docx: that library can only replace the text of
// parts that already exist in its template, cannot add numbering, core
// properties, content types or media per document, and shares its
// header/footer maps between copies, which races under a worker pool.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/flate"

	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/opentype"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/templates/reference"
)

// Page geometry in twips (1/1440 inch): A4 with 2 cm margins.
const (
	pageShort = 11906
	pageLong  = 16838
	margin    = 1134
	// narrowMargin is doc.NarrowMarginMM (12 mm) in twips (doc.Meta.NarrowMargins).
	narrowMargin = 680
	portraitW    = pageShort - 2*margin // text width, portrait
	landscapeW   = pageLong - 2*margin  // text width, landscape
)

// Names of the parts the writer builds per document; every other part of
// the reference document is copied as it is.
const (
	partContentTypes = "[Content_Types].xml"
	partDocument     = "word/document.xml"
	partDocRels      = "word/_rels/document.xml.rels"
	partStyles       = "word/styles.xml"
	partSettings     = "word/settings.xml"
	partNumbering    = "word/numbering.xml"
	partHeader       = "word/header1.xml"
	partFooter       = "word/footer1.xml"
	partHeaderFirst  = "word/headerFirst.xml"
	partHeaderFirstR = "word/_rels/headerFirst.xml.rels"
	partCore         = "docProps/core.xml"
)

// Writer writes DOCX files. It is built once per run (New reads and
// compresses the reference document) and is safe for concurrent use.
type Writer struct {
	static     []rawPart // reference parts copied unchanged, sorted by name
	ctypes     rawPart   // [Content_Types].xml without a first-page header
	ctypesLogo rawPart   // ... with one (the logo)
	baseRels   []byte    // the reference's document relationships we keep

	styles   langPart // styles.xml with its default language
	settings langPart // settings.xml with its theme font language

	numberingHead []byte // numbering.xml up to (not including) </w:numbering>
	header        [2]placeholderPart
	footer        [2]placeholderPart

	font *opentype.Font // chart labels

	flates sync.Pool // *flate.Writer
	bodies sync.Pool // *[]byte: document.xml buffers, emptied, for reuse

	parts   partCache // compressed per-document parts that documents share (partcache.go)
	noCache bool      // compress every per-document part (tests compare the two ways)

	lh *letterhead // the organisation's letterhead, when one is given (letterhead.go)
}

// rawPart is a part compressed once, written with zip's CreateRaw.
type rawPart struct {
	name string
	data []byte // deflated
	crc  uint32
	size uint64
}

// langPart is a part whose language attribute is set per document; the
// reference's own language is kept precompressed.
type langPart struct {
	pre, post []byte // text around the attribute value
	lang      string // the reference's value
	raw       rawPart
}

// placeholderPart is a header or footer split around its {{PLACEHOLDERS}}.
type placeholderPart struct {
	lits [][]byte // len(keys)+1 literal pieces
	keys []string
}

// New reads the embedded reference document once and prepares the parts
// that every document shares.
func New() (*Writer, error) {
	return newFromFS(reference.FS())
}

func newFromFS(ref fs.FS) (*Writer, error) {
	w := &Writer{}
	w.flates.New = func() any {
		fw, _ := flate.NewWriter(io.Discard, flate.BestSpeed) // level is valid: no error
		return fw
	}
	font, err := opentype.Parse(liberationsansregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("docx: chart font: %w", err)
	}
	w.font = font

	read := func(name string) ([]byte, error) {
		b, err := fs.ReadFile(ref, name)
		if err != nil {
			return nil, fmt.Errorf("docx: reference document: %w", err)
		}
		return b, nil
	}
	generated := map[string]bool{
		partContentTypes: true, partDocument: true, partDocRels: true, partStyles: true,
		partSettings: true, partNumbering: true, partHeader: true, partFooter: true, partCore: true,
	}
	err = fs.WalkDir(ref, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || generated[p] || otherHeaderFooter(p) {
			return nil
		}
		b, err := fs.ReadFile(ref, p)
		if err != nil {
			return err
		}
		w.static = append(w.static, compressOnce(p, b))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("docx: reference document: %w", err)
	}
	sort.Slice(w.static, func(i, j int) bool { return w.static[i].name < w.static[j].name })

	ct, err := read(partContentTypes)
	if err != nil {
		return nil, err
	}
	ctBase := ensureContentTypes(string(ct), false)
	w.ctypes = compressOnce(partContentTypes, []byte(ctBase))
	w.ctypesLogo = compressOnce(partContentTypes, []byte(ensureContentTypes(ctBase, true)))

	rels, err := read(partDocRels)
	if err != nil {
		return nil, err
	}
	if w.baseRels, err = keptRelationships(rels); err != nil {
		return nil, err
	}

	styles, err := read(partStyles)
	if err != nil {
		return nil, err
	}
	if w.styles, err = splitLangLenient(partStyles, styles, "<w:docDefaults", "<w:lang "); err != nil {
		return nil, err
	}
	settings, err := read(partSettings)
	if err != nil {
		return nil, err
	}
	if w.settings, err = splitLangLenient(partSettings, settings, "", "<w:themeFontLang "); err != nil {
		return nil, err
	}

	numbering, err := read(partNumbering)
	if err != nil {
		return nil, err
	}
	if w.numberingHead, err = numberingHead(numbering); err != nil {
		return nil, err
	}

	for i, name := range []string{partHeader, partFooter} {
		b, err := read(name)
		if err != nil {
			return nil, err
		}
		for orient, width := range []int{portraitW, landscapeW} {
			s := string(b)
			if width != portraitW {
				s = strings.ReplaceAll(s, fmt.Sprintf(`w:pos="%d"`, portraitW), fmt.Sprintf(`w:pos="%d"`, width))
			}
			p, err := splitPlaceholders(name, s)
			if err != nil {
				return nil, err
			}
			if i == 0 {
				w.header[orient] = p
			} else {
				w.footer[orient] = p
			}
		}
	}
	return w, nil
}

// otherHeaderFooter reports reference parts for headers and footers other
// than the two templates (e.g. left over from editing in Word); they are
// not copied, so nothing collides with the parts written per document.
func otherHeaderFooter(p string) bool {
	base := p[strings.LastIndexByte(p, '/')+1:]
	base = strings.TrimSuffix(base, ".rels")
	if !strings.HasPrefix(p, "word/") || (!strings.HasPrefix(base, "header") && !strings.HasPrefix(base, "footer")) {
		return false
	}
	return base != "header1.xml" && base != "footer1.xml"
}

func compressOnce(name string, data []byte) rawPart {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression) // level is valid: no error
	fw.Write(data)                                        // writes to a bytes.Buffer cannot fail
	fw.Close()
	return rawPart{name: name, data: buf.Bytes(), crc: crc32.ChecksumIEEE(data), size: uint64(len(data))}
}

// ensureContentTypes adds the content types the writer relies on when the
// reference lacks them (Word drops unused ones when it saves).
func ensureContentTypes(ct string, logo bool) string {
	type need struct{ marker, decl string }
	needs := []need{
		{`Extension="png"`, `<Default Extension="png" ContentType="image/png"/>`},
		{`Extension="jpeg"`, `<Default Extension="jpeg" ContentType="image/jpeg"/>`},
		{`PartName="/word/numbering.xml"`, `<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>`},
		{`PartName="/word/header1.xml"`, `<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`},
		{`PartName="/word/footer1.xml"`, `<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`},
		{`PartName="/docProps/core.xml"`, `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`},
	}
	if logo {
		needs = []need{{`PartName="/word/headerFirst.xml"`, `<Override PartName="/word/headerFirst.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`}}
	}
	for _, n := range needs {
		if !strings.Contains(ct, n.marker) {
			i := strings.LastIndex(ct, "</Types>")
			ct = ct[:i] + n.decl + ct[i:]
		}
	}
	return ct
}

// keptRelationships returns the reference document's relationships that
// the writer keeps (styles, settings, fonts, theme …) as XML elements; the
// ones written per document (numbering, headers, footers, links, images)
// are dropped.
func keptRelationships(b []byte) ([]byte, error) {
	var rels struct {
		Rel []struct {
			ID         string `xml:"Id,attr"`
			Type       string `xml:"Type,attr"`
			Target     string `xml:"Target,attr"`
			TargetMode string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(b, &rels); err != nil {
		return nil, fmt.Errorf("docx: reference document: %s: %w", partDocRels, err)
	}
	var out []byte
	for _, r := range rels.Rel {
		typ := r.Type[strings.LastIndexByte(r.Type, '/')+1:]
		switch typ {
		case "numbering", "header", "footer", "hyperlink", "image":
			continue
		}
		if r.TargetMode != "" {
			continue
		}
		out = append(out, `<Relationship Id="`...)
		out = appendEscaped(out, r.ID)
		out = append(out, `" Type="`...)
		out = appendEscaped(out, r.Type)
		out = append(out, `" Target="`...)
		out = appendEscaped(out, r.Target)
		out = append(out, `"/>`...)
	}
	return out, nil
}

// splitLang finds the first val attribute of the element starting with
// elem (after the marker 'after', if given) and splits the part around it.
func splitLang(name string, b []byte, after, elem string) (langPart, error) {
	s := string(b)
	from := 0
	if after != "" {
		if from = strings.Index(s, after); from < 0 {
			return langPart{}, fmt.Errorf("docx: reference document: %s has no %s>", name, after)
		}
	}
	i := strings.Index(s[from:], elem)
	if i < 0 {
		return langPart{}, fmt.Errorf("docx: reference document: %s has no %s w:val=...> to set the language", name, strings.TrimSpace(elem))
	}
	i += from
	end := strings.IndexByte(s[i:], '>')
	j := strings.Index(s[i:i+end], `w:val="`)
	if j < 0 {
		return langPart{}, fmt.Errorf("docx: reference document: %s: %s has no w:val", name, strings.TrimSpace(elem))
	}
	j += i + len(`w:val="`)
	k := strings.IndexByte(s[j:], '"') + j
	return langPart{pre: []byte(s[:j]), post: []byte(s[k:]), lang: s[j:k], raw: compressOnce(name, b)}, nil
}

// numberingHead checks the reference numbering (abstract definitions 0 for
// bullets and 1 for numbers, no list instances) and returns it without its
// closing tag.
func numberingHead(b []byte) ([]byte, error) {
	s := string(b)
	for _, id := range []string{`w:abstractNumId="0"`, `w:abstractNumId="1"`} {
		if !strings.Contains(s, "<w:abstractNum "+id) {
			return nil, fmt.Errorf("docx: reference document: %s lacks <w:abstractNum %s> (0 is bullets, 1 is numbers)", partNumbering, id)
		}
	}
	if strings.Contains(s, "<w:num ") || strings.Contains(s, "<w:num>") {
		return nil, fmt.Errorf("docx: reference document: %s must hold abstract definitions only, not <w:num> instances", partNumbering)
	}
	i := strings.LastIndex(s, "</w:numbering>")
	if i < 0 {
		return nil, fmt.Errorf("docx: reference document: %s has no </w:numbering>", partNumbering)
	}
	return []byte(s[:i]), nil
}

// The placeholders a header or footer may hold.
var placeholders = map[string]bool{"HEADER_LEFT": true, "HEADER_RIGHT": true, "FOOTER": true, "PAGE_BEFORE": true, "PAGE_BETWEEN": true}

func splitPlaceholders(name, s string) (placeholderPart, error) {
	var p placeholderPart
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return p, fmt.Errorf("docx: reference document: %s: unclosed {{", name)
		}
		key := s[i+2 : i+j]
		if !placeholders[key] {
			return p, fmt.Errorf("docx: reference document: %s: unknown placeholder {{%s}} (known: HEADER_LEFT, HEADER_RIGHT, FOOTER, PAGE_BEFORE, PAGE_BETWEEN)", name, key)
		}
		p.lits = append(p.lits, []byte(s[:i]))
		p.keys = append(p.keys, key)
		s = s[i+j+2:]
	}
	p.lits = append(p.lits, []byte(s))
	return p, nil
}

func (p placeholderPart) fill(b []byte, m *doc.Meta) []byte {
	for i, key := range p.keys {
		b = append(b, p.lits[i]...)
		switch key {
		case "HEADER_LEFT":
			b = appendEscaped(b, m.HeaderLeft)
		case "HEADER_RIGHT":
			b = appendEscaped(b, m.HeaderRight)
		case "FOOTER":
			b = appendEscaped(b, m.Footer)
		case "PAGE_BEFORE", "PAGE_BETWEEN":
			before, between := pageWords(m.PageLabel)
			if key == "PAGE_BEFORE" {
				b = appendEscaped(b, before)
			} else {
				b = appendEscaped(b, between)
			}
		}
	}
	return append(b, p.lits[len(p.lits)-1]...)
}

// zipTime is the fixed modification time of every zip entry: the document
// date, or 1980-01-01 (the zip epoch) when there is none.
func zipTime(d time.Time) time.Time {
	if d.Year() < 1980 || d.Year() > 2107 {
		return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return d.UTC().Truncate(2 * time.Second)
}

// entry is one zip entry to write: precompressed or built for this document.
type entry struct {
	name string
	raw  *rawPart
	data []byte
	png  bool // already compressed: store
	// cache: data is a small part that many documents share word for
	// word (numbering, relationships, header, footer ...), so its
	// compressed form is taken from the Writer's partCache.
	cache bool
}

// maxPooledBody is the largest document.xml buffer a Writer keeps for the
// next document.
const maxPooledBody = 1 << 20

// Write writes d as a .docx to out.
func (w *Writer) Write(out io.Writer, d *doc.Document) error {
	if d == nil {
		return errors.New("docx: nil document")
	}
	if err := d.CheckCharts(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	if w.lh != nil {
		return w.writeLetterhead(out, d)
	}
	b := newBuilder(w, &d.Meta)
	if body, ok := w.bodies.Get().(*[]byte); ok {
		b.body = (*body)[:0]
	} else {
		b.body = make([]byte, 0, 96<<10)
	}
	defer func() {
		// The body is compressed into out by now; keep its buffer for
		// the next document unless it grew unusually large.
		if cap(b.body) <= maxPooledBody {
			body := b.body[:0]
			w.bodies.Put(&body)
		}
	}()
	if err := b.document(d); err != nil {
		return err
	}

	entries := make([]entry, 0, len(w.static)+16)
	ct := &w.ctypes
	if b.logo != nil {
		ct = &w.ctypesLogo
	}
	entries = append(entries, entry{name: partContentTypes, raw: ct})
	for i := range w.static {
		entries = append(entries, entry{name: w.static[i].name, raw: &w.static[i]})
	}
	entries = append(entries,
		entry{name: partDocument, data: b.body},
		entry{name: partDocRels, data: b.relsXML(), cache: true},
		entry{name: partNumbering, data: b.numberingXML(), cache: true},
		entry{name: partCore, data: coreXML(&d.Meta), cache: true},
		w.langEntry(partStyles, &w.styles, d.Meta.Language),
		w.langEntry(partSettings, &w.settings, d.Meta.Language),
	)
	orient := 0
	if d.Meta.Landscape {
		orient = 1
	}
	entries = append(entries,
		entry{name: partHeader, data: w.header[orient].fill(nil, &d.Meta), cache: true},
		entry{name: partFooter, data: w.footer[orient].fill(nil, &d.Meta), cache: true},
	)
	if b.logo != nil {
		entries = append(entries,
			entry{name: partHeaderFirst, data: b.headerFirstXML(), cache: true},
			entry{name: partHeaderFirstR, data: b.headerFirstRels(), cache: true},
		)
	}
	for _, m := range b.media {
		entries = append(entries, entry{name: "word/media/" + m.name, data: m.data, png: true})
	}
	sort.SliceStable(entries[1:], func(i, j int) bool { return entries[1+i].name < entries[1+j].name })

	return w.writeZip(out, entries, d.Meta.Date)
}

// writeZip writes the package's entries in order, each stamped with the
// document date, so that the same document gives the same bytes.
func (w *Writer) writeZip(out io.Writer, entries []entry, date time.Time) error {
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, w.compressor)
	mod := zipTime(date)
	for _, e := range entries {
		if err := w.writeEntry(zw, e, mod); err != nil {
			return fmt.Errorf("docx: write %s: %w", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: write: %w", err)
	}
	return nil
}

func (w *Writer) langEntry(name string, p *langPart, lang string) entry {
	if lang == "" || lang == p.lang || p.pre == nil {
		return entry{name: name, raw: &p.raw}
	}
	b := make([]byte, 0, len(p.pre)+len(p.post)+len(lang))
	b = append(b, p.pre...)
	b = appendEscaped(b, lang)
	b = append(b, p.post...)
	return entry{name: name, data: b, cache: true}
}

func (w *Writer) writeEntry(zw *zip.Writer, e entry, mod time.Time) error {
	if e.raw != nil {
		// CreateRaw, unlike CreateHeader, does not turn Modified into
		// the MS-DOS fields, so set them here.
		fw, err := zw.CreateRaw(&zip.FileHeader{
			Name: e.name, Method: zip.Deflate, Modified: mod,
			ModifiedDate: uint16((mod.Year()-1980)<<9 | int(mod.Month())<<5 | mod.Day()),
			ModifiedTime: uint16(mod.Hour()<<11 | mod.Minute()<<5 | mod.Second()/2),
			CRC32:        e.raw.crc, CompressedSize64: uint64(len(e.raw.data)), UncompressedSize64: e.raw.size,
		})
		if err != nil {
			return err
		}
		_, err = fw.Write(e.raw.data)
		return err
	}
	if e.cache && !w.noCache && len(e.data) <= maxCachedPart {
		return writeCached(zw, e.name, w.parts.get(w, e.data), mod)
	}
	method := zip.Deflate
	if e.png {
		method = zip.Store
	}
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: method, Modified: mod})
	if err != nil {
		return err
	}
	_, err = fw.Write(e.data)
	return err
}

// writeCached writes a part compressed beforehand with the header zip's
// CreateHeader would have given it had it compressed the part itself
// (version 2.0, a data descriptor after the data, the extended timestamp),
// so the archive has the same bytes either way.
func writeCached(zw *zip.Writer, name string, p *rawPart, mod time.Time) error {
	fw, err := zw.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate, Modified: mod,
		CreatorVersion: 20, ReaderVersion: 20, Flags: 0x8,
		ModifiedDate: uint16((mod.Year()-1980)<<9 | int(mod.Month())<<5 | mod.Day()),
		ModifiedTime: uint16(mod.Hour()<<11 | mod.Minute()<<5 | mod.Second()/2),
		Extra:        extTimeExtra(mod),
		CRC32:        p.crc, CompressedSize64: uint64(len(p.data)), UncompressedSize64: p.size,
	})
	if err != nil {
		return err
	}
	_, err = fw.Write(p.data)
	return err
}

// compressor hands zip a pooled fast deflater: per-document parts are
// compressed at BestSpeed, static ones were compressed hard once in New.
func (w *Writer) compressor(out io.Writer) (io.WriteCloser, error) {
	fw := w.flates.Get().(*flate.Writer)
	fw.Reset(out)
	return &pooledFlate{fw: fw, pool: &w.flates}, nil
}

type pooledFlate struct {
	fw   *flate.Writer
	pool *sync.Pool
}

func (p *pooledFlate) Write(b []byte) (int, error) { return p.fw.Write(b) }

func (p *pooledFlate) Close() error {
	err := p.fw.Close()
	p.pool.Put(p.fw)
	p.fw = nil
	return err
}

// coreXML is docProps/core.xml: title, subject, author, language, keywords
// and the document date.
func coreXML(m *doc.Meta) []byte {
	b := make([]byte, 0, 1024)
	b = append(b, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`...)
	elem := func(tag, v string) {
		if v == "" {
			return
		}
		b = append(b, '<')
		b = append(b, tag...)
		b = append(b, '>')
		b = appendEscaped(b, v)
		b = append(b, "</"...)
		b = append(b, tag...)
		b = append(b, '>')
	}
	elem("dc:title", m.Title)
	elem("dc:subject", m.Subject)
	elem("dc:creator", m.Author)
	elem("cp:keywords", strings.Join(m.Keywords, ", "))
	elem("dc:language", m.Language)
	elem("cp:lastModifiedBy", m.Author)
	if !m.Date.IsZero() {
		ts := m.Date.UTC().Format("2006-01-02T15:04:05Z")
		b = append(b, `<dcterms:created xsi:type="dcterms:W3CDTF">`+ts+`</dcterms:created>`...)
		b = append(b, `<dcterms:modified xsi:type="dcterms:W3CDTF">`+ts+`</dcterms:modified>`...)
	}
	return append(b, `</cp:coreProperties>`...)
}

// pageWords are the words of the footer's page numbering before the PAGE
// field and between it and NUMPAGES: "Page " and " of " by default, else
// from doc.Meta.PageLabel ("Tudalen {page} o {pages}").
func pageWords(label string) (before, between string) {
	if label == "" {
		return "Page ", " of "
	}
	before, rest, ok := strings.Cut(label, "{page}")
	if !ok {
		return "Page ", " of "
	}
	between, _, _ = strings.Cut(rest, "{pages}")
	return before, between
}

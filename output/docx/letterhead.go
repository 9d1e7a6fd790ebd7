package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/internal/ziplimit"
	"github.com/rolepack/rolepack/templates/reference"
)

// A letterhead is an organisation's own Word document used as the
// reference document (pandoc's --reference-doc): the generated DOCX is the
// letterhead, with its styles, page size and margins, headers and footers,
// pictures, fonts and theme, and rolepack's body in place of the
// letterhead's body (or where its {{body}} paragraph is). Styles and list
// definitions the body needs and the letterhead lacks are added from
// rolepack's reference document.
type letterhead struct {
	file string // for messages

	static    []rawPart // parts copied unchanged, sorted by name
	ctypes    rawPart
	main      string // e.g. "word/document.xml"
	mainRels  string // e.g. "word/_rels/document.xml.rels"
	relsHead  []byte // the main part's relationships up to </Relationships>
	relPrefix string // prefix of the body's relationship ids

	document  [2]filledPart // portrait, landscape
	textWidth [2]int        // twips
	parts     []namedPart   // headers and footers with placeholders

	styles   rawPart
	styleMap map[string]string // rolepack style id -> the letterhead's id of the same style

	numbering       string // part name
	numHead         []byte // numbering.xml with rolepack's abstract lists added, up to the list instances we add
	numTail         []byte
	numBase         int  // the letterhead's highest w:numId
	absBase         int  // id of rolepack's bullet list definition; numbers is absBase+1
	addNumberingRel bool // the letterhead had no numbering part

	core       string // core properties part name
	docPrBase  int    // highest wp:docPr id of the letterhead
	bookmarkID int    // highest w:bookmarkStart id of the letterhead

	report Report
}

type namedPart struct {
	name string
	part filledPart
}

// Report says what a letterhead provides and what rolepack adds to it;
// `rolepack brand check` prints it.
type Report struct {
	PageSize     string        // e.g. "A4 portrait, 210 × 297 mm"
	Margins      string        // e.g. "top 25, right 20, bottom 25, left 20 mm"
	Headers      []string      // header parts, e.g. "word/header1.xml (default)"
	Footers      []string      // footer parts
	Images       []string      // media parts
	Fonts        []string      // fonts of the font table
	ThemeFonts   []string      // theme major (headings) and minor (body) fonts
	Styles       []string      // style names the letterhead defines
	Placeholders []Placeholder // placeholders found
	BodyMarker   bool          // the letterhead has a {{body}} paragraph
	AddedStyles  []string      // rolepack styles the letterhead lacks, added
	MappedStyles []string      // rolepack styles found under another id, "Heading 1 → Überschrift1"
	AddedLists   bool          // rolepack's bullet and number list definitions added
	// Removed lists what was taken out of the letterhead and is in no
	// document: external relationships that are not hyperlinks (an
	// attached template, a linked picture: files Word would fetch, a
	// known remote-template and credential-leak trick) and DTDs.
	Removed []string
}

// Relationship and content types the letterhead code reads and writes.
const (
	relOfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relCore           = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	relNumbering      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
	ctNumbering       = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
	ctCore            = "application/vnd.openxmlformats-package.core-properties+xml"
	ctDocumentMain    = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	ctTemplateMain    = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
)

// Namespaces the body's elements use, by prefix.
var bodyNamespaces = []struct{ prefix, uri string }{
	{"w", nsW},
	{"r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"},
	{"wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"},
	{"a", "http://schemas.openxmlformats.org/drawingml/2006/main"},
	{"pic", "http://schemas.openxmlformats.org/drawingml/2006/picture"},
}

// NewWithReference builds a Writer whose documents are the letterhead
// (a .docx or .dotx, named file in messages) with rolepack's body in it. The
// letterhead is read and checked once here; the Writer is safe for
// concurrent use.
func NewWithReference(file string, data []byte) (*Writer, error) {
	w, err := New()
	if err != nil {
		return nil, err
	}
	lh, err := parseLetterhead(file, data)
	if err != nil {
		return nil, err
	}
	w.lh = lh
	return w, nil
}

// CheckReference reads a letterhead as NewWithReference does and reports
// what it provides and what rolepack adds to it.
func CheckReference(file string, data []byte) (*Report, error) {
	lh, err := parseLetterhead(file, data)
	if err != nil {
		return nil, err
	}
	return &lh.report, nil
}

// relEntry is one relationship of a .rels part.
type relEntry struct {
	ID         string `xml:"Id,attr"`
	Type       string `xml:"Type,attr"`
	Target     string `xml:"Target,attr"`
	TargetMode string `xml:"TargetMode,attr"`
}

func parseRels(name string, b []byte) ([]relEntry, error) {
	var rels struct {
		Rel []relEntry `xml:"Relationship"`
	}
	if err := xml.Unmarshal(b, &rels); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rels.Rel, nil
}

func relKind(typ string) string { return typ[strings.LastIndexByte(typ, '/')+1:] }

// relsName is the relationships part of part p.
func relsName(p string) string {
	dir, base := path.Split(p)
	return dir + "_rels/" + base + ".rels"
}

// resolve turns a relationship target of part from into a part name.
func resolve(from, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Join(path.Dir(from), target)
}

func parseLetterhead(file string, data []byte) (*letterhead, error) {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("%s: %s", file, fmt.Sprintf(format, a...))
	}
	parts, err := readParts(file, data)
	if err != nil {
		return nil, err
	}
	removed, err := sanitizeParts(parts)
	if err != nil {
		return nil, fail("%v", err)
	}
	need := func(name string) ([]byte, error) {
		b, ok := parts[name]
		if !ok {
			return nil, fail("has no %s part", name)
		}
		return b, nil
	}
	lh := &letterhead{file: file, relPrefix: "rpRel"}
	lh.report.Removed = removed

	// The package: main document and core properties.
	pkgRels, err := need("_rels/.rels")
	if err != nil {
		return nil, err
	}
	prels, err := parseRels("_rels/.rels", pkgRels)
	if err != nil {
		return nil, fail("%v", err)
	}
	for _, r := range prels {
		switch r.Type {
		case relOfficeDocument:
			lh.main = resolve("", r.Target)
		case relCore:
			lh.core = resolve("", r.Target)
		}
	}
	if lh.main == "" {
		return nil, fail("_rels/.rels names no main document")
	}
	ctData, err := need("[Content_Types].xml")
	if err != nil {
		return nil, err
	}
	ct := string(ctData)
	if strings.Contains(ct, "macroEnabled") {
		return nil, fail("is macro-enabled (.docm/.dotm): save it as a Word Document (.docx)")
	}
	ct = strings.Replace(ct, ctTemplateMain, ctDocumentMain, 1) // a .dotx gives a .docx
	docData, err := need(lh.main)
	if err != nil {
		return nil, err
	}
	lh.mainRels = relsName(lh.main)
	relsData, err := need(lh.mainRels)
	if err != nil {
		return nil, err
	}
	rels, err := parseRels(lh.mainRels, relsData)
	if err != nil {
		return nil, fail("%v", err)
	}
	for taken := true; taken; {
		taken = false
		for _, r := range rels {
			if strings.HasPrefix(r.ID, lh.relPrefix) {
				lh.relPrefix = "rp" + lh.relPrefix
				taken = true
				break
			}
		}
	}
	i := bytes.LastIndex(relsData, []byte("</Relationships>"))
	if i < 0 {
		return nil, fail("%s has no </Relationships>", lh.mainRels)
	}
	lh.relsHead = relsData[:i]

	// Parts the main document refers to.
	var stylesName, fontsName, themeName string
	kindOf := map[string]string{}
	for _, r := range rels {
		if r.TargetMode == "External" {
			continue
		}
		p := resolve(lh.main, r.Target)
		k := relKind(r.Type)
		kindOf[p] = k
		switch k {
		case "styles":
			stylesName = p
		case "numbering":
			lh.numbering = p
		case "fontTable":
			fontsName = p
		case "theme":
			themeName = p
		}
	}
	for name := range parts {
		if strings.HasPrefix(name, "word/media/rolepack-") {
			return nil, fail("has a part %s: names word/media/rolepack-* are rolepack's", name)
		}
	}

	// Headers and footers: fill their placeholders per document.
	templated := map[string]bool{lh.main: true, lh.mainRels: true, "[Content_Types].xml": true}
	if err := lh.templateHeadersFooters(parts, kindOf, templated); err != nil {
		return nil, fail("%v", err)
	}

	// The main document: the body goes in place of the letterhead's body,
	// or where its {{body}} paragraph is.
	geo, err := lh.templateMain(docData)
	if err != nil {
		return nil, fail("%v", err)
	}
	lh.report.PageSize, lh.report.Margins = geo.describe()

	// Styles: the letterhead's, plus rolepack's that the body needs.
	if stylesName == "" {
		stylesName = path.Join(path.Dir(lh.main), "styles.xml")
		return nil, fail("has no styles part (%s): save it from Word", stylesName)
	}
	stylesData, err := need(stylesName)
	if err != nil {
		return nil, err
	}
	stylesOut, err := lh.mergeStyles(stylesName, stylesData)
	if err != nil {
		return nil, fail("%v", err)
	}
	lh.styles = compressOnce(stylesName, stylesOut)
	templated[stylesName] = true

	// Numbering: the letterhead's lists, plus rolepack's two.
	if err := lh.mergeNumbering(parts); err != nil {
		return nil, fail("%v", err)
	}
	templated[lh.numbering] = true

	if lh.core == "" {
		lh.core = "docProps/core.xml"
		pkg := string(pkgRels)
		j := strings.LastIndex(pkg, "</Relationships>")
		if j < 0 {
			return nil, fail("_rels/.rels has no </Relationships>")
		}
		pkg = pkg[:j] + `<Relationship Id="rpCore" Type="` + relCore + `" Target="docProps/core.xml"/>` + pkg[j:]
		parts["_rels/.rels"] = []byte(pkg)
	}
	templated[lh.core] = true

	// Content types for what the body may add.
	ensure := func(marker, decl string) {
		if !strings.Contains(ct, marker) {
			j := strings.LastIndex(ct, "</Types>")
			if j >= 0 {
				ct = ct[:j] + decl + ct[j:]
			}
		}
	}
	ensure(`Extension="png"`, `<Default Extension="png" ContentType="image/png"/>`)
	ensure(`PartName="/`+lh.numbering+`"`, `<Override PartName="/`+lh.numbering+`" ContentType="`+ctNumbering+`"/>`)
	ensure(`PartName="/`+lh.core+`"`, `<Override PartName="/`+lh.core+`" ContentType="`+ctCore+`"/>`)
	lh.ctypes = compressOnce("[Content_Types].xml", []byte(ct))

	// Everything else is copied as it is.
	lh.copyStatic(parts, templated)

	// The report: headers, footers, fonts.
	lh.describe(rels, geo, parts[fontsName], parts[themeName])
	return lh, nil
}

// readParts reads every part of a letterhead's zip into memory, refusing
// part names that are not plain paths, and, before anything is inflated,
// archives that pass ziplimit's Office limits (entries, sizes, ratio,
// duplicate or overlapping entries).
func readParts(file string, data []byte) (map[string][]byte, error) {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("%s: %s", file, fmt.Sprintf(format, a...))
	}
	zr, err := ziplimit.Open(file, data, ziplimit.Office())
	if errors.Is(err, ziplimit.ErrNotZip) {
		return nil, fail("not a Word document (.docx): not a zip archive")
	}
	if err != nil {
		return nil, err
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		if f.Name != path.Clean(f.Name) || strings.HasPrefix(f.Name, "/") || strings.HasPrefix(f.Name, "../") {
			return nil, fail("part name %q is not a plain path", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fail("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fail("%s: %v", f.Name, err)
		}
		parts[f.Name] = b
	}
	return parts, nil
}

// externalRel (a hyperlink, relHyperlink, is the one external
// relationship a letterhead keeps: a link a reader follows by choice)
// matches one relationship element of a .rels part.
var externalRel = regexp.MustCompile(`<(?:\w+:)?Relationship\b[^>]*>(?:\s*</(?:\w+:)?Relationship>)?`)

// attachedTemplate matches settings.xml's reference to an attached
// template.
var attachedTemplate = regexp.MustCompile(`<w:attachedTemplate\b[^>]*/>`)

// sanitizeParts removes, in place, every external relationship that is
// not a hyperlink from the .rels parts (and settings.xml's
// attachedTemplate element that points at one), and every DTD
// (<!DOCTYPE …>) from the XML parts, and says what it removed, part by
// part, sorted.
func sanitizeParts(parts map[string][]byte) ([]string, error) {
	var removed []string
	names := make([]string, 0, len(parts))
	for name := range parts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		lower := strings.ToLower(name)
		if !strings.HasSuffix(lower, ".xml") && !strings.HasSuffix(lower, ".rels") {
			continue
		}
		b := parts[name]
		if i := bytes.Index(b, []byte("<!DOCTYPE")); i >= 0 {
			nb, err := stripDTD(name, b)
			if err != nil {
				return nil, err
			}
			b = nb
			removed = append(removed, name+": a DTD (<!DOCTYPE>)")
		}
		if strings.HasSuffix(lower, ".rels") && bytes.Contains(b, []byte("External")) {
			var dropped []string
			b = externalRel.ReplaceAllFunc(b, func(m []byte) []byte {
				rels, err := parseRels(name, []byte("<Relationships>"+string(m)+"</Relationships>"))
				if err != nil || len(rels) != 1 || rels[0].TargetMode != "External" || rels[0].Type == relHyperlink {
					return m
				}
				r := rels[0]
				dropped = append(dropped, fmt.Sprintf("%s: an external %s relationship to %s", name, relKind(r.Type), r.Target))
				if relKind(r.Type) == "attachedTemplate" {
					settings := path.Join(path.Dir(path.Dir(name)), strings.TrimSuffix(path.Base(name), ".rels"))
					if sb, ok := parts[settings]; ok {
						parts[settings] = attachedTemplate.ReplaceAll(sb, nil)
					}
				}
				return nil
			})
			removed = append(removed, dropped...)
		}
		parts[name] = b
	}
	return removed, nil
}

// stripDTD removes the document type declaration of an XML part,
// internal subset and all.
func stripDTD(name string, b []byte) ([]byte, error) {
	i := bytes.Index(b, []byte("<!DOCTYPE"))
	depth := 0
	quote := byte(0)
	for j := i + len("<!DOCTYPE"); j < len(b); j++ {
		c := b[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			out := append(append([]byte{}, b[:i]...), b[j+1:]...)
			if bytes.Contains(out, []byte("<!DOCTYPE")) {
				return nil, fmt.Errorf("%s: more than one <!DOCTYPE>", name)
			}
			return out, nil
		}
	}
	return nil, fmt.Errorf("%s: a <!DOCTYPE> that does not end", name)
}

// templateHeadersFooters fills the placeholders of the headers and footers
// the main document refers to, per document, and marks the parts it
// templates in templated.
func (lh *letterhead) templateHeadersFooters(parts map[string][]byte, kindOf map[string]string, templated map[string]bool) error {
	var hfNames []string
	for p, k := range kindOf {
		if k == "header" || k == "footer" {
			hfNames = append(hfNames, p)
		}
	}
	sort.Strings(hfNames)
	for _, p := range hfNames {
		b, ok := parts[p]
		if !ok {
			return fmt.Errorf("has no %s part", p)
		}
		if err := checkPrefixW(p, b); err != nil {
			return err
		}
		fp, found, err := templatePart(p, b, false)
		if err != nil {
			return err
		}
		lh.report.Placeholders = append(lh.report.Placeholders, found...)
		if len(found) > 0 {
			lh.parts = append(lh.parts, namedPart{name: p, part: fp})
			templated[p] = true
		}
	}
	return nil
}

// templateMain prepares the main document: the body goes in place of the
// letterhead's body, or where its {{body}} paragraph is, in each
// orientation. It returns the document's geometry (page, margins, header
// and footer references).
func (lh *letterhead) templateMain(docData []byte) (*docGeometry, error) {
	if err := checkPrefixW(lh.main, docData); err != nil {
		return nil, err
	}
	geo, err := scanDocument(lh.main, docData)
	if err != nil {
		return nil, err
	}
	docFixed, err := declareNamespaces(lh.main, docData, geo)
	if err != nil {
		return nil, err
	}
	shift := int64(len(docFixed) - len(docData))
	geo.shift(shift)
	for orient := 0; orient < 2; orient++ {
		d, width := geo.oriented(docFixed, orient == 1)
		lh.textWidth[orient] = width
		fp, found, err := templatePart(lh.main, d, true)
		if err != nil {
			return nil, err
		}
		hasBody := false
		for _, f := range found {
			hasBody = hasBody || f.Key == keyBody
		}
		if !hasBody {
			// pandoc's convention: the letterhead's own body text is not
			// kept; its final section properties are.
			g, err := scanDocument(lh.main, d)
			if err != nil {
				return nil, err
			}
			fp = filledPart{lits: [][]byte{d[:g.bodyStart], d[g.sectStart:]}, keys: []string{keyBody}}
			found = nil
		}
		lh.document[orient] = fp
		if orient == 0 {
			lh.report.BodyMarker = hasBody
			lh.report.Placeholders = append(lh.report.Placeholders, found...)
		}
	}
	return geo, nil
}

// copyStatic keeps every part not templated as it is, and notes the
// highest drawing and bookmark ids (the body's own continue after them)
// and the pictures, for the report.
func (lh *letterhead) copyStatic(parts map[string][]byte, templated map[string]bool) {
	docPr := regexp.MustCompile(`<wp:docPr id="(\d+)"`)
	bm := regexp.MustCompile(`<w:bookmarkStart w:id="(\d+)"`)
	for name, b := range parts {
		for _, m := range docPr.FindAllSubmatch(b, -1) {
			if n, _ := strconv.Atoi(string(m[1])); n > lh.docPrBase {
				lh.docPrBase = n
			}
		}
		if name == lh.main {
			for _, m := range bm.FindAllSubmatch(b, -1) {
				if n, _ := strconv.Atoi(string(m[1])); n > lh.bookmarkID {
					lh.bookmarkID = n
				}
			}
		}
		if strings.HasPrefix(name, "word/media/") {
			lh.report.Images = append(lh.report.Images, name)
		}
		if templated[name] {
			continue
		}
		lh.static = append(lh.static, compressOnce(name, b))
	}
	sort.Slice(lh.static, func(i, j int) bool { return lh.static[i].name < lh.static[j].name })
	sort.Strings(lh.report.Images)

}

// describe fills the report's headers, footers and fonts.
func (lh *letterhead) describe(rels []relEntry, geo *docGeometry, fonts, theme []byte) {
	for _, r := range rels {
		switch relKind(r.Type) {
		case "header":
			lh.report.Headers = append(lh.report.Headers, resolve(lh.main, r.Target)+" ("+geo.refType[r.ID]+")")
		case "footer":
			lh.report.Footers = append(lh.report.Footers, resolve(lh.main, r.Target)+" ("+geo.refType[r.ID]+")")
		}
	}
	sort.Strings(lh.report.Headers)
	sort.Strings(lh.report.Footers)
	if fonts != nil {
		lh.report.Fonts = attrValues(fonts, "font", "name")
	}
	if theme != nil {
		lh.report.ThemeFonts = themeFonts(theme)
	}
}

// checkPrefixW requires the part's root to bind the prefix w to the
// WordprocessingML namespace, as Word, LibreOffice and python-docx do: the
// elements rolepack writes into the part use it.
func checkPrefixW(name string, b []byte) error {
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	if bytes.Contains(head, []byte(`xmlns:w="`+nsW+`"`)) {
		return nil
	}
	if bytes.Contains(head, []byte(nsWStrict)) {
		return fmt.Errorf("%s: saved as Strict Open XML: save it as a Word Document (.docx)", name)
	}
	return fmt.Errorf("%s: does not bind the prefix w to the WordprocessingML namespace", name)
}

// docGeometry is where things are in the main document part.
type docGeometry struct {
	rootEnd                int64 // offset of the '>' closing the root start tag
	rootNS                 map[string]string
	bodyStart              int64 // after <w:body>
	sectStart, sectEnd     int64 // the body's final w:sectPr
	pgSzStart, pgSzEnd     int64
	pgW, pgH               int
	marL, marR, marT, marB int
	refType                map[string]string // header/footer relationship id -> default, first, even
}

func (g *docGeometry) shift(n int64) {
	g.bodyStart += n
	g.sectStart += n
	g.sectEnd += n
	if g.pgSzEnd > 0 {
		g.pgSzStart += n
		g.pgSzEnd += n
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && (a.Name.Space == nsW || a.Name.Space == "w" || a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}

func scanDocument(name string, data []byte) (*docGeometry, error) {
	g := &docGeometry{rootNS: map[string]string{}, refType: map[string]string{}}
	dec := xml.NewDecoder(bytes.NewReader(data))
	depth, bodyAt, sectAt := 0, -1, -1
	for {
		before := dec.InputOffset()
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		after := dec.InputOffset()
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				g.rootEnd = after - 1
				for _, a := range t.Attr {
					if a.Name.Space == "xmlns" {
						g.rootNS[a.Name.Local] = a.Value
					}
				}
			}
			switch {
			case t.Name.Local == "body" && depth == 2:
				bodyAt = depth
				g.bodyStart = after
			case t.Name.Local == "sectPr" && bodyAt > 0 && depth == bodyAt+1:
				sectAt = depth
				g.sectStart = before
			case sectAt > 0 && depth == sectAt+1 && t.Name.Local == "pgSz":
				g.pgSzStart = before
				g.pgW, _ = strconv.Atoi(attr(t, "w"))
				g.pgH, _ = strconv.Atoi(attr(t, "h"))
			case sectAt > 0 && depth == sectAt+1 && t.Name.Local == "pgMar":
				g.marL, _ = strconv.Atoi(firstOf(attr(t, "left"), attr(t, "start")))
				g.marR, _ = strconv.Atoi(firstOf(attr(t, "right"), attr(t, "end")))
				g.marT, _ = strconv.Atoi(attr(t, "top"))
				g.marB, _ = strconv.Atoi(attr(t, "bottom"))
			case sectAt > 0 && depth == sectAt+1 && (t.Name.Local == "headerReference" || t.Name.Local == "footerReference"):
				for _, a := range t.Attr {
					if a.Name.Local == "id" {
						g.refType[a.Value] = firstOf(attr(t, "type"), "default")
					}
				}
			}
		case xml.EndElement:
			if sectAt > 0 && depth == sectAt+1 && t.Name.Local == "pgSz" {
				g.pgSzEnd = after
			}
			if depth == sectAt {
				g.sectEnd = after
				sectAt = -1
			}
			depth--
		}
	}
	if bodyAt < 0 {
		return nil, fmt.Errorf("%s: has no w:body", name)
	}
	if g.sectEnd == 0 {
		return nil, fmt.Errorf("%s: the body has no final section properties (w:sectPr): save it from Word", name)
	}
	if g.pgW <= 0 || g.pgH <= 0 {
		g.pgW, g.pgH = pageShort, pageLong // Word's default when unset: A4 here
	}
	return g, nil
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// declareNamespaces adds to the root element the namespace declarations
// the body's elements need and the letterhead lacks.
func declareNamespaces(name string, data []byte, g *docGeometry) ([]byte, error) {
	var add []byte
	for _, ns := range bodyNamespaces {
		uri, ok := g.rootNS[ns.prefix]
		switch {
		case !ok:
			add = append(add, ` xmlns:`+ns.prefix+`="`+ns.uri+`"`...)
		case uri != ns.uri:
			return nil, fmt.Errorf("%s: the prefix %s names %s, not %s", name, ns.prefix, uri, ns.uri)
		}
	}
	if len(add) == 0 {
		return data, nil
	}
	at := g.rootEnd
	if at > 0 && data[at-1] == '/' {
		return nil, fmt.Errorf("%s: the document element is empty", name)
	}
	out := make([]byte, 0, len(data)+len(add))
	out = append(out, data[:at]...)
	out = append(out, add...)
	return append(out, data[at:]...), nil
}

// oriented returns the document with its final page size turned to the
// orientation asked for, and the text width in twips.
func (g *docGeometry) oriented(data []byte, landscape bool) ([]byte, int) {
	w, h := g.pgW, g.pgH
	if (w > h) == landscape {
		return data, max(w-g.marL-g.marR, 1440)
	}
	w, h = h, w
	orient := ""
	if landscape {
		orient = ` w:orient="landscape"`
	}
	pg := `<w:pgSz w:w="` + strconv.Itoa(w) + `" w:h="` + strconv.Itoa(h) + `"` + orient + `/>`
	var out []byte
	if g.pgSzEnd > 0 {
		out = append(append(append(out, data[:g.pgSzStart]...), pg...), data[g.pgSzEnd:]...)
	} else {
		// no w:pgSz: put one first in the w:sectPr
		at := g.sectStart + int64(bytes.IndexByte(data[g.sectStart:], '>')) + 1
		out = append(append(append(out, data[:at]...), pg...), data[at:]...)
	}
	return out, max(w-g.marL-g.marR, 1440)
}

// describe gives the page size and margins for people.
func (g *docGeometry) describe() (string, string) {
	mm := func(tw int) string { return strconv.FormatFloat(float64(tw)*25.4/1440, 'f', 0, 64) }
	w, h := g.pgW, g.pgH
	orient := "portrait"
	if w > h {
		orient = "landscape"
		w, h = h, w
	}
	name := ""
	switch {
	case abs(w-11906) < 30 && abs(h-16838) < 30:
		name = "A4 "
	case abs(w-12240) < 30 && abs(h-15840) < 30:
		name = "US Letter "
	}
	size := fmt.Sprintf("%s%s, %s × %s mm", name, orient, mm(g.pgW), mm(g.pgH))
	margins := fmt.Sprintf("top %s, right %s, bottom %s, left %s mm", mm(g.marT), mm(g.marR), mm(g.marB), mm(g.marL))
	return size, margins
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// styleInfo is one w:style of a styles part.
type styleInfo struct {
	id, name, typ       string
	basedOn, next, link string
	start, end          int64
}

func scanStyles(name string, data []byte) ([]styleInfo, int64, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		out    []styleInfo
		cur    *styleInfo
		depth  int
		endTag int64 = -1
	)
	for {
		before := dec.InputOffset()
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", name, err)
		}
		after := dec.InputOffset()
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 2 && t.Name.Local == "style":
				cur = &styleInfo{id: attr(t, "styleId"), typ: attr(t, "type"), start: before}
			case depth == 3 && cur != nil:
				switch t.Name.Local {
				case "name":
					cur.name = attr(t, "val")
				case "basedOn":
					cur.basedOn = attr(t, "val")
				case "next":
					cur.next = attr(t, "val")
				case "link":
					cur.link = attr(t, "val")
				}
			}
		case xml.EndElement:
			if depth == 2 && cur != nil && t.Name.Local == "style" {
				cur.end = after
				out = append(out, *cur)
				cur = nil
			}
			if depth == 1 {
				endTag = before
			}
			depth--
		}
	}
	if endTag < 0 {
		return nil, 0, fmt.Errorf("%s: has no closing tag", name)
	}
	return out, endTag, nil
}

// defaultOnly are rolepack styles the body never names itself.
var defaultOnly = map[string]bool{"Normal": true, "Title": true, "Subtitle": true, "Header": true, "Footer": true,
	"DefaultParagraphFont": true, "TableNormal": true, "NoList": true}

// mergeStyles adds to the letterhead's styles the rolepack styles the body
// uses that the letterhead lacks (with the styles they are based on). A
// style the letterhead has under another id (a localised Word names
// Heading 1 "Überschrift1") is used, not added.
func (lh *letterhead) mergeStyles(name string, data []byte) ([]byte, error) {
	if err := checkPrefixW(name, data); err != nil {
		return nil, err
	}
	theirs, endTag, err := scanStyles(name, data)
	if err != nil {
		return nil, err
	}
	rpData, err := fs.ReadFile(reference.FS(), partStyles)
	if err != nil {
		return nil, fmt.Errorf("rolepack reference styles: %w", err)
	}
	ours, _, err := scanStyles(partStyles, rpData)
	if err != nil {
		return nil, err
	}
	byID := map[string]bool{}
	byName := map[string]string{}
	for _, s := range theirs {
		byID[s.id] = true
		byName[strings.ToLower(s.name)] = s.id
		lh.report.Styles = append(lh.report.Styles, s.name)
	}
	ourByID := map[string]styleInfo{}
	for _, s := range ours {
		ourByID[s.id] = s
	}
	lh.styleMap = map[string]string{}
	added := map[string]bool{}
	var order []string
	var need func(id string)
	need = func(id string) {
		if id == "" || byID[id] || added[id] || lh.styleMap[id] != "" {
			return
		}
		s, ok := ourByID[id]
		if !ok {
			return
		}
		if theirID, ok := byName[strings.ToLower(s.name)]; ok {
			lh.styleMap[id] = theirID
			lh.report.MappedStyles = append(lh.report.MappedStyles, s.name+" → "+theirID)
			return
		}
		added[id] = true
		order = append(order, id)
		need(s.basedOn)
		need(s.next)
		need(s.link)
	}
	for _, s := range ours {
		if !defaultOnly[s.id] {
			need(s.id)
		}
	}
	sort.Strings(order)
	refs := regexp.MustCompile(`<w:(basedOn|next|link) w:val="([^"]*)"/>`)
	var add []byte
	for _, id := range order {
		s := ourByID[id]
		el := rpData[s.start:s.end]
		el = refs.ReplaceAllFunc(el, func(m []byte) []byte {
			sub := refs.FindSubmatch(m)
			if to, ok := lh.styleMap[string(sub[2])]; ok {
				return []byte(`<w:` + string(sub[1]) + ` w:val="` + to + `"/>`)
			}
			return m
		})
		add = append(add, el...)
		lh.report.AddedStyles = append(lh.report.AddedStyles, s.name)
	}
	sort.Strings(lh.report.MappedStyles)
	out := make([]byte, 0, len(data)+len(add))
	out = append(out, data[:endTag]...)
	out = append(out, add...)
	return append(out, data[endTag:]...), nil
}

// mergeNumbering adds rolepack's two abstract list definitions (bullets,
// numbers) to the letterhead's numbering part, after its own, under new
// ids; the body's list instances follow the letterhead's.
func (lh *letterhead) mergeNumbering(parts map[string][]byte) error {
	rp, err := fs.ReadFile(reference.FS(), partNumbering)
	if err != nil {
		return fmt.Errorf("rolepack reference numbering: %w", err)
	}
	abstracts, err := abstractNums(rp)
	if err != nil {
		return err
	}
	data, ok := parts[lh.numbering]
	if lh.numbering == "" || !ok {
		lh.numbering = path.Join(path.Dir(lh.main), "numbering.xml")
		lh.addNumberingRel = true
		lh.report.AddedLists = true
		head, err := numberingHead(rp)
		if err != nil {
			return err
		}
		lh.numHead, lh.numTail = head, []byte(`</w:numbering>`)
		return nil
	}
	if err := checkPrefixW(lh.numbering, data); err != nil {
		return err
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		depth               int
		maxAbs                    = -1
		afterAbs, beforeEnd int64 = -1, -1
		startEnd            int64
	)
	for {
		before := dec.InputOffset()
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", lh.numbering, err)
		}
		after := dec.InputOffset()
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				startEnd = after
			}
			if depth == 2 {
				switch t.Name.Local {
				case "abstractNum":
					if n, err := strconv.Atoi(attr(t, "abstractNumId")); err == nil && n > maxAbs {
						maxAbs = n
					}
				case "num":
					if n, err := strconv.Atoi(attr(t, "numId")); err == nil && n > lh.numBase {
						lh.numBase = n
					}
				case "numIdMacAtCleanup":
					if beforeEnd < 0 {
						beforeEnd = before
					}
				}
			}
		case xml.EndElement:
			if depth == 2 && (t.Name.Local == "abstractNum" || t.Name.Local == "numPicBullet") {
				afterAbs = after
			}
			if depth == 1 && beforeEnd < 0 {
				beforeEnd = before
			}
			depth--
		}
	}
	if beforeEnd < 0 {
		return fmt.Errorf("%s: has no closing tag", lh.numbering)
	}
	if afterAbs < 0 {
		afterAbs = startEnd
	}
	lh.report.AddedLists = true
	var add []byte
	for i, a := range abstracts {
		add = append(add, bytes.Replace(a, []byte(`w:abstractNumId="`+strconv.Itoa(i)+`"`), []byte(`w:abstractNumId="`+strconv.Itoa(maxAbs+1+i)+`"`), 1)...)
	}
	lh.numHead = append(append(append([]byte(nil), data[:afterAbs]...), add...), data[afterAbs:beforeEnd]...)
	lh.numTail = data[beforeEnd:]
	lh.absBase = maxAbs + 1
	return nil
}

// abstractNums returns rolepack's abstract list definitions 0 (bullets)
// and 1 (numbers).
func abstractNums(data []byte) ([][]byte, error) {
	out := make([][]byte, 2)
	dec := xml.NewDecoder(bytes.NewReader(data))
	depth := 0
	var start int64
	id := -1
	for {
		before := dec.InputOffset()
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("rolepack reference numbering: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 && t.Name.Local == "abstractNum" {
				start = before
				id, _ = strconv.Atoi(attr(t, "abstractNumId"))
			}
		case xml.EndElement:
			if depth == 2 && t.Name.Local == "abstractNum" && id >= 0 && id < 2 {
				out[id] = data[start:dec.InputOffset()]
			}
			depth--
		}
	}
	if out[0] == nil || out[1] == nil {
		return nil, errors.New("rolepack reference numbering lacks abstract lists 0 and 1")
	}
	return out, nil
}

// attrValues lists the values of attribute a of every element named el.
func attrValues(data []byte, el, a string) []string {
	var out []string
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.RawToken()
		if err != nil {
			break
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == el {
			if v := attr(t, a); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// themeFonts names the theme's heading and body fonts.
func themeFonts(data []byte) []string {
	var out []string
	dec := xml.NewDecoder(bytes.NewReader(data))
	which := ""
	for {
		tok, err := dec.RawToken()
		if err != nil {
			break
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch t.Name.Local {
		case "majorFont":
			which = "headings"
		case "minorFont":
			which = "body"
		case "latin":
			if which != "" {
				for _, a := range t.Attr {
					if a.Name.Local == "typeface" && a.Value != "" {
						out = append(out, a.Value+" ("+which+")")
					}
				}
				which = ""
			}
		}
	}
	return out
}

// Regular expressions over the body rolepack wrote (its own output, so
// its exact form is known).
var (
	bodyNumID = regexp.MustCompile(`<w:numId w:val="(\d+)"/>`)
	bodyStyle = regexp.MustCompile(`<w:(pStyle|rStyle|tblStyle) w:val="([^"]*)"/>`)
)

// writeLetterhead writes d into the letterhead.
func (w *Writer) writeLetterhead(out io.Writer, d *doc.Document) error {
	lh := w.lh
	meta := d.Meta
	meta.Logo = nil // the letterhead carries the organisation's logo
	b := newBuilder(w, &meta)
	orient := 0
	if meta.Landscape {
		orient = 1
	}
	b.textWidth = lh.textWidth[orient]
	b.docPr = lh.docPrBase
	b.bookmark = lh.bookmarkID
	if err := b.document(d); err != nil {
		return err
	}
	body := b.body
	i := bytes.Index(body, []byte("<w:body>"))
	j := bytes.LastIndex(body, []byte("<w:sectPr>"))
	if i < 0 || j < i {
		return errors.New("docx: body without w:body or w:sectPr")
	}
	body = body[i+len("<w:body>") : j]
	if lh.numBase > 0 {
		body = bodyNumID.ReplaceAllFunc(body, func(m []byte) []byte {
			n, _ := strconv.Atoi(string(bodyNumID.FindSubmatch(m)[1]))
			return []byte(`<w:numId w:val="` + strconv.Itoa(n+lh.numBase) + `"/>`)
		})
	}
	if len(lh.styleMap) > 0 {
		body = bodyStyle.ReplaceAllFunc(body, func(m []byte) []byte {
			sub := bodyStyle.FindSubmatch(m)
			if to, ok := lh.styleMap[string(sub[2])]; ok {
				return []byte(`<w:` + string(sub[1]) + ` w:val="` + to + `"/>`)
			}
			return m
		})
	}
	if lh.relPrefix != "rpRel" {
		body = bytes.ReplaceAll(body, []byte(`"rpRel`), []byte(`"`+lh.relPrefix))
	}
	vals := map[string]string{
		"organisation": d.Meta.Author,
		"title":        d.Meta.Title,
		"reference":    d.Meta.Reference,
	}
	if !d.Meta.Date.IsZero() {
		vals["date"] = d.Meta.Date.Format("2 January 2006")
	}

	entries := make([]entry, 0, len(lh.static)+len(lh.parts)+8)
	for i := range lh.static {
		entries = append(entries, entry{name: lh.static[i].name, raw: &lh.static[i]})
	}
	entries = append(entries,
		entry{name: lh.main, data: lh.document[orient].fill(nil, vals, body)},
		entry{name: lh.mainRels, data: lh.relsXML(b)},
		entry{name: lh.numbering, data: lh.numberingXML(b)},
		entry{name: lh.core, data: coreXML(&d.Meta)},
		entry{name: lh.styles.name, raw: &lh.styles},
	)
	for _, p := range lh.parts {
		entries = append(entries, entry{name: p.name, data: p.part.fill(nil, vals, nil)})
	}
	for _, m := range b.media {
		entries = append(entries, entry{name: path.Join(path.Dir(lh.main), "media", m.name), data: m.data, png: true})
	}
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	entries = append([]entry{{name: "[Content_Types].xml", raw: &lh.ctypes}}, entries...)

	return w.writeZip(out, entries, d.Meta.Date)
}

// relsXML is the letterhead's main relationships plus the body's links and
// pictures (and numbering when the letterhead had none).
func (lh *letterhead) relsXML(b *builder) []byte {
	out := make([]byte, 0, len(lh.relsHead)+512)
	out = append(out, lh.relsHead...)
	if lh.addNumberingRel {
		out = append(out, `<Relationship Id="`+lh.relPrefix+`Numbering" Type="`+relNumbering+`" Target="`...)
		out = appendEscaped(out, strings.TrimPrefix(lh.numbering, path.Dir(lh.main)+"/"))
		out = append(out, `"/>`...)
	}
	for _, r := range b.rels {
		r.id = lh.relPrefix + strings.TrimPrefix(r.id, "rpRel")
		out = appendRel(out, r)
	}
	return append(out, `</Relationships>`...)
}

// numberingXML is the letterhead's numbering with rolepack's list
// definitions and one list instance per list of the body.
func (lh *letterhead) numberingXML(b *builder) []byte {
	out := make([]byte, 0, len(lh.numHead)+len(lh.numTail)+len(b.nums)*128)
	out = append(out, lh.numHead...)
	for i, n := range b.nums {
		out = append(out, `<w:num w:numId="`...)
		out = strconv.AppendInt(out, int64(lh.numBase+i+1), 10)
		out = append(out, `"><w:abstractNumId w:val="`...)
		out = strconv.AppendInt(out, int64(lh.absBase+n.abstract), 10)
		out = append(out, `"/>`...)
		if n.ordered {
			out = append(out, `<w:lvlOverride w:ilvl="`...)
			out = strconv.AppendInt(out, int64(n.ilvl), 10)
			out = append(out, `"><w:startOverride w:val="`...)
			out = strconv.AppendInt(out, int64(n.start), 10)
			out = append(out, `"/></w:lvlOverride>`...)
		}
		out = append(out, `</w:num>`...)
	}
	return append(out, lh.numTail...)
}

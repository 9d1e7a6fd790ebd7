package pdf

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
)

// A tagged PDF (ISO 32000-1 §14.8, PDF/UA-1) carries a structure tree
// beside its page content: headings, paragraphs, lists, tables, figures and
// links in reading order, each holding the marked-content sequences
// (BDC … EMC with an MCID) of the page content it stands for. What is not
// content (running headers, footers, page numbers, rules, cell fills and
// borders, a table header row repeated on a new page) is marked as an
// artifact, which assistive technology skips.
//
// The renderer builds the tree while it draws, so the tree's order is the
// drawing order, which is the document's reading order. fpdf writes the
// objects through the small hooks of the patched copy under
// third_party/fpdf (SetPageDictionaryEntries, SetExtraObjects,
// SetLinkAnnotationEntries; see its PATCHES.md).

// structElem is one element of the structure tree.
type structElem struct {
	typ    string // standard structure type: Document, H1, P, L, LI, Table, TH, Figure, Link…
	parent int    // index of the parent element; -1 for the Document element
	attrs  string // raw extra dictionary entries (/A, /Alt)
	page   int    // page of the element's first marked content, 0 if none
	// first and last are the element's first and last kids, indexes in
	// tagger.kids (-1: none); each kid links to the next.
	first, last int
	text        string // a Link's text as drawn, for its annotations' /Contents
}

// structKid is a child of an element: another element, a marked-content
// sequence on a page, or a link annotation.
type structKid struct {
	elem       int // child element, or -1 for marked content or an annotation
	page, mcid int
	annot      int // 1 + the annotation's index in tagger.annots; 0 if none
	next       int // the element's next kid, an index in tagger.kids; -1 if none
}

// linkAnnot is a link annotation fpdf put, which the structure tree refers
// to with an object reference (OBJR) from its Link element.
type linkAnnot struct {
	page, index int // page (from 1) and index among the page's link annotations
	elem        int // the Link element
	target      string
}

// tagger is the structure tree of one document being drawn and the state
// of the marked-content sequence open in the current page's content. Its
// slices are kept (in the Writer's scratch) for the next document, so a
// document's tree costs no allocation once they have grown to fit.
type tagger struct {
	elems []structElem
	kids  []structKid // every element's kids, linked in lists by next
	stack []int       // open elements; content is marked for the top one
	mcids [][]int     // per page (from 0): the element each MCID belongs to

	open     bool // a marked-content sequence is open
	openElem int  // the element it belongs to (-1: an artifact)
	openPage int

	link       int    // the Link element drawn last in its parent, -1 if none
	linkTarget string // its target
	span       int    // the Span element drawn last in its parent, -1 if none
	spanLang   string // its language

	annots []linkAnnot // link annotations, in drawing order

	bdc map[string][]string // "/typ <</MCID n>> BDC" by typ and n, made once (see content)
	buf []byte              // room to build a marked-content operator in
}

// addKid appends k to the kids of element e.
func (t *tagger) addKid(e int, k structKid) {
	k.next = -1
	i := len(t.kids)
	t.kids = append(t.kids, k)
	el := &t.elems[e]
	if el.last < 0 {
		el.first = i
	} else {
		t.kids[el.last].next = i
	}
	el.last = i
}

// lastKid is the last kid of element e, ok false if it has none.
func (t *tagger) lastKid(e int) (k structKid, ok bool) {
	if l := t.elems[e].last; l >= 0 {
		return t.kids[l], true
	}
	return structKid{}, false
}

// reset empties t for a new document (or a new layout of one), keeping
// the room its slices have.
func (t *tagger) reset() {
	clear(t.elems) // let go of the last document's strings
	t.elems = append(t.elems[:0], structElem{typ: "Document", parent: -1, first: -1, last: -1})
	t.kids = t.kids[:0]
	t.stack = append(t.stack[:0], 0)
	for i := range t.mcids {
		t.mcids[i] = t.mcids[i][:0]
	}
	t.mcids = t.mcids[:0]
	t.open, t.openElem, t.openPage = false, 0, 0
	t.link, t.linkTarget = -1, ""
	t.span, t.spanLang = -1, ""
	clear(t.annots)
	t.annots = t.annots[:0]
}

// push opens a new element of type typ, with raw dictionary entries attrs,
// as the last child of the open element, and returns its index. Content is
// marked for it until pop.
func (r *renderer) push(typ, attrs string) int {
	t := r.tag
	if t == nil {
		return -1
	}
	parent := t.stack[len(t.stack)-1]
	i := len(t.elems)
	t.elems = append(t.elems, structElem{typ: typ, parent: parent, attrs: attrs, first: -1, last: -1})
	t.addKid(parent, structKid{elem: i})
	t.stack = append(t.stack, i)
	t.link, t.span = -1, -1
	return i
}

// enter reopens element i (made earlier by push and closed again) so that
// content is marked for it until pop.
func (r *renderer) enter(i int) {
	if r.tag == nil || i < 0 {
		return
	}
	r.tag.stack = append(r.tag.stack, i)
	r.tag.link, r.tag.span = -1, -1
}

// pop closes the element opened last, ending its marked content.
func (r *renderer) pop() {
	t := r.tag
	if t == nil {
		return
	}
	r.endContent()
	if len(t.stack) > 1 {
		t.stack = t.stack[:len(t.stack)-1]
	}
	t.link, t.span = -1, -1
}

// popTo closes open elements until element i is the open one.
func (r *renderer) popTo(i int) {
	if r.tag == nil {
		return
	}
	for len(r.tag.stack) > 1 && r.tag.stack[len(r.tag.stack)-1] != i {
		r.pop()
	}
}

// content makes sure what is drawn next is inside a marked-content sequence
// of the open element on the current page, opening one when needed.
func (r *renderer) content() {
	t := r.tag
	if t == nil {
		return
	}
	e := t.stack[len(t.stack)-1]
	p := r.pdf.PageNo()
	if t.open && t.openElem == e && t.openPage == p {
		return
	}
	r.endContent()
	for len(t.mcids) < p {
		if len(t.mcids) < cap(t.mcids) {
			t.mcids = t.mcids[:len(t.mcids)+1] // a page's slice kept from an earlier document, emptied
		} else {
			t.mcids = append(t.mcids, nil)
		}
	}
	mcid := len(t.mcids[p-1])
	t.mcids[p-1] = append(t.mcids[p-1], e)
	el := &t.elems[e]
	if el.page == 0 {
		el.page = p
	}
	t.addKid(e, structKid{elem: -1, page: p, mcid: mcid})
	r.pdf.RawWriteStr(t.beginMarked(el.typ, mcid))
	t.open, t.openElem, t.openPage = true, e, p
}

// beginMarked is the operator that begins marked-content sequence mcid
// of an element of type typ, "/typ <</MCID mcid>> BDC". The strings are
// made once and kept with the tagger for later sequences and documents.
func (t *tagger) beginMarked(typ string, mcid int) string {
	if t.bdc == nil {
		t.bdc = map[string][]string{}
	}
	ops := t.bdc[typ]
	if mcid < len(ops) {
		return ops[mcid]
	}
	for len(ops) <= mcid {
		b := append(t.buf[:0], '/')
		b = append(b, typ...)
		b = append(b, " <</MCID "...)
		b = strconv.AppendInt(b, int64(len(ops)), 10)
		b = append(b, ">> BDC"...)
		t.buf = b
		ops = append(ops, string(b))
	}
	t.bdc[typ] = ops
	return ops[mcid]
}

// endContent ends the marked-content sequence open in the page content.
func (r *renderer) endContent() {
	if r.tag != nil && r.tag.open {
		r.pdf.RawWriteStr("EMC")
		r.tag.open = false
	}
}

// Artifact kinds: the operators that begin their marked content, with
// their property lists.
const (
	artifactLayout = "/Artifact <</Type /Layout>> BDC"
	artifactHeader = "/Artifact <</Type /Pagination /Subtype /Header>> BDC"
	artifactFooter = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"
	artifactRepeat = "/Artifact <</Type /Pagination>> BDC" // a table's header row repeated on a new page
)

// artifact marks what is drawn next as an artifact of the given kind, until
// endArtifact.
func (r *renderer) artifact(kind string) {
	t := r.tag
	if t == nil {
		return
	}
	r.endContent()
	r.pdf.RawWriteStr(kind)
	t.open, t.openElem, t.openPage = true, -1, r.pdf.PageNo()
}

// inArtifact reports whether an artifact is open.
func (r *renderer) inArtifact() bool {
	return r.tag != nil && r.tag.open && r.tag.openElem == -1
}

// endArtifact ends an artifact started by artifact.
func (r *renderer) endArtifact() { r.endContent() }

// enterLink marks what is drawn next, until leaveLink, as the text of a
// link to target: a Link element in the open element, continued while the
// same link goes on (across a line break, say). It reports whether it
// opened one (not within an artifact, nor within a Link already open).
func (r *renderer) enterLink(target string) bool {
	t := r.tag
	if t == nil || r.inArtifact() {
		return false
	}
	top := t.stack[len(t.stack)-1]
	if t.elems[top].typ == "Link" {
		r.content()
		return false
	}
	r.continueOrPush(t.link, t.linkTarget == target, "Link", "")
	t.linkTarget = target
	return true
}

// continueOrPush opens again, in the open element, the inline element
// kept (a Link or Span the piece before closed, -1 for none) when same
// says the next piece goes on with it and it is still that element's last
// kid; else it pushes a new element of typ with attrs. What is drawn next
// is its content.
func (r *renderer) continueOrPush(kept int, same bool, typ, attrs string) {
	t := r.tag
	top := t.stack[len(t.stack)-1]
	if last, ok := t.lastKid(top); kept >= 0 && same && ok && last.elem == kept {
		r.endContent()
		t.stack = append(t.stack, kept)
	} else {
		r.push(typ, attrs)
	}
	r.content()
}

// leaveInline closes the open inline element (a Link or Span) and
// returns it, to be kept for continueOrPush.
func (r *renderer) leaveInline() int {
	e := r.tag.stack[len(r.tag.stack)-1]
	r.pop()
	return e
}

// leaveLink closes the Link element enterLink opened, keeping it to be
// continued by the next piece of the same link.
func (r *renderer) leaveLink() { r.tag.link = r.leaveInline() }

// linkDrawn records the link annotations fpdf has put on the current page
// beyond the first count as annotations of the open Link element, whose
// text continues with text.
func (r *renderer) linkDrawn(count int, text string) {
	t := r.tag
	if t == nil || r.inArtifact() {
		return
	}
	e := t.stack[len(t.stack)-1]
	el := &t.elems[e]
	if el.typ != "Link" {
		return
	}
	el.text += text
	p := r.pdf.PageNo()
	for i := count; i < r.pdf.LinkAnnotationCount(p); i++ {
		t.annots = append(t.annots, linkAnnot{page: p, index: i, elem: e, target: t.linkTarget})
		t.addKid(e, structKid{elem: -1, page: p, annot: len(t.annots)})
	}
}

// textContent marks what is drawn next as content of the open element,
// unless an artifact is open.
func (r *renderer) textContent() {
	if r.tag == nil || r.inArtifact() {
		return
	}
	r.content()
	r.tag.link, r.tag.span = -1, -1
}

// enterSpan marks what is drawn next, until leaveSpan, as text in
// language lang inside text in another (doc.Inline's Lang): a Span
// element with /Lang in the open element, continued while text in that
// language goes on (across a line break, say). It reports whether it
// opened one (not within an artifact).
func (r *renderer) enterSpan(lang string) bool {
	t := r.tag
	if t == nil || r.inArtifact() {
		return false
	}
	r.continueOrPush(t.span, t.spanLang == lang, "Span", langAttr(lang))
	t.spanLang = lang
	return true
}

// leaveSpan closes the Span element enterSpan opened, keeping it to be
// continued by the next piece in its language.
func (r *renderer) leaveSpan() { r.tag.span = r.leaveInline() }

// headerScope and rowScope are the attributes of header cells of a column
// and of a row.
const (
	columnScope = "/A <</O /Table /Scope /Column>>"
	rowScope    = "/A <</O /Table /Scope /Row>>"
)

// altAttr is the /Alt entry for text s.
func altAttr(s string) string { return "/Alt " + pdfString(s) }

// pdfString is s as a PDF text string: a literal string when it is
// printable ASCII, else UTF-16BE with a byte order mark, in hex.
func pdfString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// pageEntries sets /StructParents and /Tabs /S on every page, and on every
// link annotation its /StructParent (its key in the parent tree, after the
// pages' keys) and /Contents, the link's text (its target when the text is
// blank), which assistive technology reads as the link's description.
func (r *renderer) pageEntries() error {
	pages := r.pdf.PageCount()
	for p := 1; p <= pages; p++ {
		r.pdf.SetPageDictionaryEntries(p, "/StructParents "+strconv.Itoa(p-1)+" /Tabs /S")
	}
	for k, a := range r.tag.annots {
		contents := strings.Join(strings.Fields(r.tag.elems[a.elem].text), " ")
		if contents == "" {
			contents = a.target
		}
		// /F 4: the annotation prints (PDF/A asks for the flag on every
		// annotation).
		entries := "/F 4 /StructParent " + strconv.Itoa(pages+k) + " /Contents " + pdfString(contents)
		if !r.pdf.SetLinkAnnotationEntries(a.page, a.index, entries) {
			return fmt.Errorf("tagging: no link annotation %d on page %d", a.index, a.page)
		}
	}
	return nil
}

// writeTree writes the structure tree root, the parent tree and every
// element, and returns the catalog's entries for them.
func (t *tagger) writeTree(w *fpdf.ObjectWriter) (string, error) {
	root := w.NextObject()
	parents := root + 1
	first := root + 2 // element i is object first+i
	ref := func(b []byte, n int) []byte {
		b = appendInt(b, n)
		return append(b, " 0 R"...)
	}
	pages := w.PageCount()

	var b []byte
	b = append(b, "<</Type /StructTreeRoot /K "...)
	b = ref(b, first)
	b = append(b, " /ParentTree "...)
	b = ref(b, parents)
	b = append(b, " /ParentTreeNextKey "...)
	b = strconv.AppendInt(b, int64(pages+len(t.annots)), 10)
	b = append(b, ">>"...)
	if n := w.WriteObject(b); n != root {
		return "", fmt.Errorf("structure tree root written as object %d, want %d", n, root)
	}

	b = append(b[:0], "<</Nums ["...)
	for p := range pages {
		b = strconv.AppendInt(b, int64(p), 10)
		b = append(b, " ["...)
		if p < len(t.mcids) {
			for i, e := range t.mcids[p] {
				if i > 0 {
					b = append(b, ' ')
				}
				b = ref(b, first+e)
			}
		}
		b = append(b, "]\n"...)
	}
	for k, a := range t.annots {
		b = strconv.AppendInt(b, int64(pages+k), 10)
		b = append(b, ' ')
		b = ref(b, first+a.elem)
		b = append(b, '\n')
	}
	b = append(b, "]>>"...)
	w.WriteObject(b)

	for i := range t.elems {
		e := &t.elems[i]
		b = append(b[:0], "<</Type /StructElem /S /"...)
		b = append(b, e.typ...)
		b = append(b, " /P "...)
		if e.parent < 0 {
			b = ref(b, root)
		} else {
			b = ref(b, first+e.parent)
		}
		if e.page > 0 {
			b = append(b, " /Pg "...)
			b = ref(b, w.PageObject(e.page))
		}
		if e.attrs != "" {
			b = append(b, ' ')
			b = append(b, e.attrs...)
		}
		b = append(b, " /K ["...)
		for k := e.first; k >= 0; k = t.kids[k].next {
			kid := &t.kids[k]
			if k != e.first {
				b = append(b, ' ')
			}
			switch {
			case kid.elem >= 0:
				b = ref(b, first+kid.elem)
			case kid.annot > 0:
				a := t.annots[kid.annot-1]
				obj := w.LinkAnnotationObject(a.page, a.index)
				if obj == 0 {
					return "", fmt.Errorf("link annotation %d of page %d was not written as an object", a.index, a.page)
				}
				b = append(b, "<</Type /OBJR /Obj "...)
				b = ref(b, obj)
				b = append(b, " /Pg "...)
				b = ref(b, w.PageObject(a.page))
				b = append(b, ">>"...)
			case kid.page == e.page:
				b = appendInt(b, kid.mcid)
			default:
				b = append(b, "<</Type /MCR /Pg "...)
				b = ref(b, w.PageObject(kid.page))
				b = append(b, " /MCID "...)
				b = strconv.AppendInt(b, int64(kid.mcid), 10)
				b = append(b, ">>"...)
			}
		}
		b = append(b, "]>>"...)
		if n := w.WriteObject(b); n != first+i {
			return "", fmt.Errorf("structure element %d written as object %d, want %d", i, n, first+i)
		}
	}
	return "/StructTreeRoot " + strconv.Itoa(root) + " 0 R /MarkInfo <</Marked true>>", nil
}

// appendInt appends n in decimal, as strconv.AppendInt does, with the
// object numbers and marked-content identifiers of a document (below
// 10,000) written digit by digit: the structure tree writes some 600 a
// JD, and strconv takes its general path for those of 100 and more.
func appendInt(b []byte, n int) []byte {
	switch {
	case n < 0 || n >= 10000:
		return strconv.AppendInt(b, int64(n), 10)
	case n < 10:
		return append(b, byte('0'+n))
	case n < 100:
		return append(b, byte('0'+n/10), byte('0'+n%10))
	case n < 1000:
		return append(b, byte('0'+n/100), byte('0'+n/10%10), byte('0'+n%10))
	}
	return append(b, byte('0'+n/1000), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}

// xmpPacket is the document's XMP metadata: title, author, description,
// keywords, language, dates, each as the information dictionary has it
// (PDF/A asks for the two to agree), and the PDF/A-2a and PDF/UA-1
// identification (xmpIdentification).
func xmpPacket(title, author, subject, keywords, lang, producer string, date time.Time) []byte {
	var b bytes.Buffer
	b.Grow(2400 + len(title) + len(author) + len(subject) + len(keywords) + len(lang) + len(producer))
	esc := func(s string) {
		xml.EscapeText(&b, []byte(s)) //nolint:errcheck // a bytes.Buffer does not fail
	}
	var room [24]byte
	stamp := date.UTC().AppendFormat(room[:0], "2006-01-02T15:04:05Z")
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("<rdf:Description rdf:about=\"\"\n xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n" + xmpNamespaces + ">\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	b.WriteString("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">")
	esc(title)
	b.WriteString("</rdf:li></rdf:Alt></dc:title>\n")
	if author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>")
		esc(author)
		b.WriteString("</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if subject != "" {
		b.WriteString("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">")
		esc(subject)
		b.WriteString("</rdf:li></rdf:Alt></dc:description>\n")
	}
	b.WriteString("<dc:language><rdf:Bag><rdf:li>")
	esc(lang)
	b.WriteString("</rdf:li></rdf:Bag></dc:language>\n")
	if keywords != "" {
		b.WriteString("<pdf:Keywords>")
		esc(keywords)
		b.WriteString("</pdf:Keywords>\n")
	}
	b.WriteString("<pdf:Producer>")
	esc(producer)
	b.WriteString("</pdf:Producer>\n")
	b.WriteString("<xmp:CreatorTool>rolepack</xmp:CreatorTool>\n")
	b.WriteString("<xmp:CreateDate>")
	b.Write(stamp)
	b.WriteString("</xmp:CreateDate>\n<xmp:ModifyDate>")
	b.Write(stamp)
	b.WriteString("</xmp:ModifyDate>\n")
	b.WriteString(xmpIdentification)
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.Bytes()
}

// bboxAttr is the layout attribute with the bounding box of a figure, in
// points from the page's lower left corner.
func bboxAttr(x0, y0, x1, y1 float64) string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	return "/A <</O /Layout /BBox [" + f(x0) + " " + f(y0) + " " + f(x1) + " " + f(y1) + "]>>"
}

package pdf_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/output/pdf"
)

// Tests here read the tagged PDF with pdfcpu: the structure tree, the
// parent tree and the marked content of every page's content stream.

// mcKey is one marked-content sequence: the page's object number and its
// MCID.
type mcKey struct{ page, mcid int }

// pageContent is what a page's content stream holds, as the test reads it.
type pageContent struct {
	text      map[int]string // text of each marked-content sequence by MCID
	order     []int          // MCIDs in content order
	artifact  string         // text marked as artifact
	unmarked  []string       // painting operators outside any marked content
	tagOfMCID map[int]string // the BDC tag of each MCID
}

// structNode is an element of the structure tree as read back.
type structNode struct {
	typ   string
	lang  string // the element's /Lang, if it has one
	alt   string
	scope string
	kids  []*structNode
	mcs   []mcKey // marked content, in order, interleaved with kids by seq
	seq   []any   // kids and marked content in order: *structNode or mcKey
	objrs []objRef
	obj   int // the element's object number
	depth int
}

// objRef is an object reference (OBJR) kid of an element: the object and
// the page it is on.
type objRef struct{ obj, page int }

// tagged is a PDF read back: its pages' content and its structure tree.
type tagged struct {
	ctx    *model.Context
	pages  map[int]*pageContent // by page object number
	pageNr []int                // page object numbers, page 1 first
	root   *structNode          // the Document element
	refs   map[mcKey]int        // how often the tree refers to each sequence
	parent map[mcKey]int        // element object number the parent tree gives
	elemOf map[mcKey]int        // element object number that refers to it

	annotParent map[int]int   // annotation /StructParent key -> element object number, from the parent tree
	pageAnnots  map[int][]int // page object number -> its indirect annotations' object numbers
	inlineAnnot int           // annotations written inline (direct) in a page's /Annots
}

func readTagged(t *testing.T, b []byte) *tagged {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(b), conf)
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	x := ctx.XRefTable
	tg := &tagged{ctx: ctx, pages: map[int]*pageContent{}, refs: map[mcKey]int{}, parent: map[mcKey]int{}, elemOf: map[mcKey]int{},
		annotParent: map[int]int{}, pageAnnots: map[int][]int{}}
	structParents := map[int]int{} // StructParents key -> page object number
	for p := 1; p <= ctx.PageCount; p++ {
		d, ref, _, err := x.PageDict(p, false)
		if err != nil {
			t.Fatal(err)
		}
		nr := ref.ObjectNumber.Value()
		tg.pageNr = append(tg.pageNr, nr)
		if tabs := d.NameEntry("Tabs"); tabs == nil || *tabs != "S" {
			t.Errorf("page %d: /Tabs is %v, want /S", p, tabs)
		}
		sp := d.IntEntry("StructParents")
		if sp == nil {
			t.Fatalf("page %d has no /StructParents", p)
		}
		structParents[*sp] = nr
		if annots, ok := d["Annots"]; ok {
			arr, err := x.DereferenceArray(annots)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range arr {
				if ref, ok := a.(types.IndirectRef); ok {
					tg.pageAnnots[nr] = append(tg.pageAnnots[nr], ref.ObjectNumber.Value())
				} else {
					tg.inlineAnnot++
				}
			}
		}
		content, err := x.PageContent(d, p)
		if err != nil {
			t.Fatal(err)
		}
		pc, err := scanContent(content)
		if err != nil {
			t.Fatalf("page %d: %v", p, err)
		}
		tg.pages[nr] = pc
	}

	cat, err := x.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	str, err := x.DereferenceDict(cat["StructTreeRoot"])
	if err != nil || str == nil {
		t.Fatalf("no /StructTreeRoot in the catalog: %v", err)
	}
	// Parent tree: a flat number tree of page keys, each an array of elements by MCID.
	pt, err := x.DereferenceDict(str["ParentTree"])
	if err != nil || pt == nil {
		t.Fatalf("no /ParentTree: %v", err)
	}
	nums, err := x.DereferenceArray(pt["Nums"])
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(nums); i += 2 {
		key := int(nums[i].(types.Integer))
		if ref, ok := nums[i+1].(types.IndirectRef); ok {
			// An annotation's /StructParent: the element that holds it.
			tg.annotParent[key] = ref.ObjectNumber.Value()
			continue
		}
		page, ok := structParents[key]
		if !ok {
			t.Errorf("parent tree key %d is no page's /StructParents", key)
			continue
		}
		arr, err := x.DereferenceArray(nums[i+1])
		if err != nil {
			t.Fatal(err)
		}
		for mcid, o := range arr {
			tg.parent[mcKey{page, mcid}] = o.(types.IndirectRef).ObjectNumber.Value()
		}
	}

	doc, ok := str["K"].(types.IndirectRef)
	if !ok {
		t.Fatalf("/StructTreeRoot /K is %v, want one Document element", str["K"])
	}
	tg.root = tg.walk(t, doc, 0, 0)
	return tg
}

// walk reads the element ref and its descendants; pg is the page an MCID
// without its own /Pg belongs to.
func (tg *tagged) walk(t *testing.T, ref types.IndirectRef, pg, depth int) *structNode {
	t.Helper()
	x := tg.ctx.XRefTable
	d, err := x.DereferenceDict(ref)
	if err != nil {
		t.Fatal(err)
	}
	n := &structNode{depth: depth, obj: ref.ObjectNumber.Value()}
	if s := d.NameEntry("S"); s != nil {
		n.typ = *s
	}
	if a, ok := d["Alt"]; ok {
		n.alt, _ = x.DereferenceStringOrHexLiteral(a, model.V10, nil)
	}
	if l, ok := d["Lang"]; ok {
		n.lang, _ = x.DereferenceStringOrHexLiteral(l, model.V10, nil)
	}
	if a, ok := d["A"]; ok {
		ad, _ := x.DereferenceDict(a)
		if s := ad.NameEntry("Scope"); s != nil {
			n.scope = *s
		}
	}
	if p, ok := d["Pg"].(types.IndirectRef); ok {
		pg = p.ObjectNumber.Value()
	}
	var kids types.Array
	switch k := d["K"].(type) {
	case types.Array:
		kids = k
	case nil:
	default:
		kids = types.Array{k}
	}
	self := ref.ObjectNumber.Value()
	for _, kid := range kids {
		switch kid := kid.(type) {
		case types.Integer:
			tg.addMC(n, mcKey{pg, int(kid)}, self)
		case types.Dict:
			p := kid["Pg"].(types.IndirectRef).ObjectNumber.Value()
			if kid.Type() != nil && *kid.Type() == "OBJR" {
				n.objrs = append(n.objrs, objRef{kid["Obj"].(types.IndirectRef).ObjectNumber.Value(), p})
				continue
			}
			tg.addMC(n, mcKey{p, *kid.IntEntry("MCID")}, self)
		case types.IndirectRef:
			c := tg.walk(t, kid, pg, depth+1)
			n.kids = append(n.kids, c)
			n.seq = append(n.seq, c)
		default:
			t.Errorf("%s element: unexpected kid %v", n.typ, kid)
		}
	}
	return n
}

func (tg *tagged) addMC(n *structNode, k mcKey, elem int) {
	n.mcs = append(n.mcs, k)
	n.seq = append(n.seq, k)
	tg.refs[k]++
	tg.elemOf[k] = elem
}

// text is the text under n, in the tree's order.
// pageText writes the text of n's marked content on page object nr, in
// the structure's order.
func (tg *tagged) pageText(n *structNode, nr int, b *strings.Builder) {
	for _, s := range n.seq {
		switch s := s.(type) {
		case *structNode:
			tg.pageText(s, nr, b)
		case mcKey:
			if pc := tg.pages[s.page]; pc != nil && s.page == nr {
				b.WriteString(pc.text[s.mcid])
			}
		}
	}
}

func (tg *tagged) text(n *structNode) string {
	var b strings.Builder
	for _, s := range n.seq {
		switch s := s.(type) {
		case *structNode:
			b.WriteString(tg.text(s))
		case mcKey:
			if pc := tg.pages[s.page]; pc != nil {
				b.WriteString(pc.text[s.mcid])
			}
		}
	}
	return b.String()
}

// find returns the elements of type typ under n, in order.
func (n *structNode) find(typ string) []*structNode {
	var out []*structNode
	if n.typ == typ {
		out = append(out, n)
	}
	for _, k := range n.kids {
		out = append(out, k.find(typ)...)
	}
	return out
}

// headings returns the H1-H6 elements under n, in order.
func (n *structNode) headings() []*structNode {
	var out []*structNode
	if len(n.typ) == 2 && n.typ[0] == 'H' && n.typ[1] >= '1' && n.typ[1] <= '6' {
		out = append(out, n)
	}
	for _, k := range n.kids {
		out = append(out, k.headings()...)
	}
	return out
}

// scanContent reads a content stream: the text of each marked-content
// sequence, the text marked as artifact, and painting operators outside
// marked content. Text strings are UTF-16BE (fpdf's UTF-8 fonts use
// Identity-H with an identity ToUnicode map).
func scanContent(c []byte) (*pageContent, error) {
	pc := &pageContent{text: map[int]string{}, tagOfMCID: map[int]string{}}
	type open struct {
		mcid     int // -1 for an artifact or other marked content
		artifact bool
	}
	var stack []open
	var operands []string
	var texts []string // strings of the current text operator's operands
	i := 0
	for i < len(c) {
		ch := c[i]
		switch {
		case ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t':
			i++
		case ch == '(':
			s, n, err := literal(c[i:])
			if err != nil {
				return nil, err
			}
			texts = append(texts, s)
			operands = append(operands, "(string)")
			i += n
		case ch == '<' && i+1 < len(c) && c[i+1] == '<', ch == '>' && i+1 < len(c) && c[i+1] == '>':
			operands = append(operands, string(c[i:i+2]))
			i += 2
		case ch == '<':
			j := bytes.IndexByte(c[i:], '>')
			if j < 0 {
				return nil, fmt.Errorf("unterminated hex string")
			}
			operands = append(operands, "<hex>")
			i += j + 1
		case ch == '[' || ch == ']':
			operands = append(operands, string(ch))
			i++
		default:
			j := i + 1
			for j < len(c) && !strings.ContainsRune(" \n\r\t()<>[]/", rune(c[j])) {
				j++
			}
			tok := string(c[i:j])
			i = j
			if tok[0] == '/' || tok[0] == '-' || tok[0] == '.' || tok[0] >= '0' && tok[0] <= '9' {
				operands = append(operands, tok)
				continue
			}
			inMC := len(stack) > 0
			switch tok {
			case "BDC", "BMC":
				o := open{mcid: -1, artifact: operands[0] == "/Artifact"}
				for k := range len(operands) - 1 {
					if operands[k] == "/MCID" {
						o.mcid, _ = strconv.Atoi(operands[k+1])
					}
				}
				if len(stack) > 0 {
					return nil, fmt.Errorf("marked content nested in marked content")
				}
				if o.mcid >= 0 {
					if _, dup := pc.text[o.mcid]; dup {
						return nil, fmt.Errorf("MCID %d used twice", o.mcid)
					}
					pc.text[o.mcid] = ""
					pc.order = append(pc.order, o.mcid)
					pc.tagOfMCID[o.mcid] = strings.TrimPrefix(operands[0], "/")
				} else if !o.artifact {
					return nil, fmt.Errorf("marked content %s without MCID", operands[0])
				}
				stack = append(stack, o)
			case "EMC":
				if len(stack) == 0 {
					return nil, fmt.Errorf("EMC without BDC")
				}
				stack = stack[:len(stack)-1]
			case "Tj", "TJ", "'", "\"":
				s := strings.Join(texts, "")
				switch {
				case !inMC:
					pc.unmarked = append(pc.unmarked, tok+" "+s)
				case stack[len(stack)-1].artifact:
					pc.artifact += s
				default:
					pc.text[stack[len(stack)-1].mcid] += s
				}
			case "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh":
				if !inMC {
					pc.unmarked = append(pc.unmarked, tok)
				}
			}
			operands, texts = operands[:0], texts[:0]
		}
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("%d marked-content sequences left open", len(stack))
	}
	return pc, nil
}

// literal reads a PDF literal string at the start of c and returns it
// decoded from UTF-16BE, and its length in c.
func literal(c []byte) (string, int, error) {
	var raw []byte
	depth := 0
	for i := 0; i < len(c); i++ {
		ch := c[i]
		switch {
		case ch == '\\' && i+1 < len(c):
			i++
			switch e := c[i]; e {
			case 'n':
				raw = append(raw, '\n')
			case 'r':
				raw = append(raw, '\r')
			case 't':
				raw = append(raw, '\t')
			case 'b':
				raw = append(raw, '\b')
			case 'f':
				raw = append(raw, '\f')
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v, n := 0, 0
					for n < 3 && i < len(c) && c[i] >= '0' && c[i] <= '7' {
						v = v*8 + int(c[i]-'0')
						i++
						n++
					}
					i--
					raw = append(raw, byte(v))
				} else {
					raw = append(raw, e)
				}
			}
		case ch == '(':
			if depth > 0 {
				raw = append(raw, ch)
			}
			depth++
		case ch == ')':
			depth--
			if depth == 0 {
				if len(raw)%2 != 0 {
					return "", 0, fmt.Errorf("text string of odd length %d", len(raw))
				}
				u := make([]uint16, len(raw)/2)
				for k := range u {
					u[k] = uint16(raw[2*k])<<8 | uint16(raw[2*k+1])
				}
				return string(utf16.Decode(u)), i + 1, nil
			}
			raw = append(raw, ch)
		default:
			raw = append(raw, ch)
		}
	}
	return "", 0, fmt.Errorf("unterminated string")
}

// checkTagged checks what every tagged PDF must hold: every marked-content
// sequence referred to by exactly one element, which the parent tree names;
// nothing painted outside marked content; the text under the structure
// equal to the pages' text, with no header or footer text in it.
func checkTagged(t *testing.T, name string, b []byte) *tagged {
	t.Helper()
	return checkTaggedOrder(t, name, b, true)
}

// checkTaggedOrder is checkTagged; with ordered false the pages may give
// the text in another order than the structure (parallel columns that go
// on over a page: each page holds the continuation of both, the structure
// one column whole, then the other), but they hold the same text.
func checkTaggedOrder(t *testing.T, name string, b []byte, ordered bool) *tagged {
	t.Helper()
	tg := readTagged(t, b)
	var pageText strings.Builder
	for p, nr := range tg.pageNr {
		pc := tg.pages[nr]
		for _, op := range pc.unmarked {
			t.Errorf("%s page %d: %q painted outside marked content", name, p+1, op)
		}
		for _, mcid := range pc.order {
			k := mcKey{nr, mcid}
			if n := tg.refs[k]; n != 1 {
				t.Errorf("%s page %d: MCID %d referred to by %d structure elements, want 1", name, p+1, mcid, n)
			}
			if tg.parent[k] != tg.elemOf[k] || tg.parent[k] == 0 {
				t.Errorf("%s page %d: parent tree gives object %d for MCID %d, the tree %d", name, p+1, tg.parent[k], mcid, tg.elemOf[k])
			}
			pageText.WriteString(pc.text[mcid])
		}
		if !strings.Contains(pc.artifact, fmt.Sprintf("Page %d of %d", p+1, len(tg.pageNr))) {
			t.Errorf("%s page %d: page number not marked as an artifact", name, p+1)
		}
	}
	for k := range tg.refs {
		if pc := tg.pages[k.page]; pc == nil || !slices.Contains(pc.order, k.mcid) {
			t.Errorf("%s: structure refers to MCID %d on object %d, which has no such content", name, k.mcid, k.page)
		}
	}
	for k := range tg.parent {
		if tg.refs[k] == 0 {
			t.Errorf("%s: parent tree names MCID %d on object %d, which no element refers to", name, k.mcid, k.page)
		}
	}
	under := tg.text(tg.root)
	if !ordered {
		sorted := func(s string) string {
			r := []rune(s)
			slices.Sort(r)
			return string(r)
		}
		if sorted(under) != sorted(pageText.String()) {
			t.Errorf("%s: the structure and the pages hold different text", name)
		}
	} else {
		// A table row split across pages puts each cell's text on two
		// pages, read cell by cell: page by page, the structure holds the
		// page's text in the page's order, and all of it once.
		for p, nr := range tg.pageNr {
			var under, page strings.Builder
			tg.pageText(tg.root, nr, &under)
			for _, mcid := range tg.pages[nr].order {
				page.WriteString(tg.pages[nr].text[mcid])
			}
			if under.String() != page.String() {
				t.Errorf("%s page %d: text under the structure differs from the page's text\nstructure: %.300q\npage:      %.300q", name, p+1, under.String(), page.String())
			}
		}
	}
	if ordered && len(under) != pageText.Len() {
		t.Errorf("%s: text under the structure differs from the pages' text\nstructure: %.300q\npages:     %.300q", name, under, pageText.String())
	}
	if strings.Contains(under, "Page 1 of") {
		t.Errorf("%s: footer text inside the structure", name)
	}
	if tg.root.typ != "Document" {
		t.Errorf("%s: root element is %q, want Document", name, tg.root.typ)
	}
	checkLinkAnnotations(t, name, tg)
	return tg
}

// checkLinkAnnotations checks that every link annotation is in the
// structure (Matterhorn 28-011) with a description (28-012): each Link
// element refers to its annotations with OBJR kids, each annotation is an
// indirect object in its page's /Annots with a /StructParent the parent
// tree maps back to that Link and non-empty /Contents, and no annotation
// is left out of the structure or referred to twice.
func checkLinkAnnotations(t *testing.T, name string, tg *tagged) {
	t.Helper()
	x := tg.ctx.XRefTable
	if tg.inlineAnnot > 0 {
		t.Errorf("%s: %d annotations written inline, which the structure cannot refer to", name, tg.inlineAnnot)
	}
	referred := map[int]int{}
	var walk func(n *structNode)
	walk = func(n *structNode) {
		if n.typ == "Link" && len(n.objrs) == 0 {
			t.Errorf("%s: Link %q has no OBJR to its annotation", name, tg.text(n))
		}
		if n.typ != "Link" && len(n.objrs) > 0 {
			t.Errorf("%s: %s element has OBJR kids", name, n.typ)
		}
		for _, o := range n.objrs {
			referred[o.obj]++
			if !slices.Contains(tg.pageAnnots[o.page], o.obj) {
				t.Errorf("%s: OBJR to object %d, not an annotation of page object %d", name, o.obj, o.page)
			}
			d, err := x.DereferenceDict(types.IndirectRef{ObjectNumber: types.Integer(o.obj)})
			if err != nil || d == nil {
				t.Errorf("%s: OBJR to object %d: %v", name, o.obj, err)
				continue
			}
			if st := d.Subtype(); st == nil || *st != "Link" {
				t.Errorf("%s: Link's OBJR refers to a %v annotation", name, st)
			}
			sp := d.IntEntry("StructParent")
			if sp == nil {
				t.Errorf("%s: link annotation %d has no /StructParent", name, o.obj)
			} else if tg.annotParent[*sp] != n.obj {
				t.Errorf("%s: link annotation %d: parent tree gives object %d for /StructParent %d, want the Link %d", name, o.obj, tg.annotParent[*sp], *sp, n.obj)
			}
			if c, _ := x.DereferenceStringOrHexLiteral(d["Contents"], model.V10, nil); strings.TrimSpace(c) == "" {
				t.Errorf("%s: link annotation %d has no /Contents", name, o.obj)
			}
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(tg.root)
	for page, annots := range tg.pageAnnots {
		for _, a := range annots {
			if referred[a] != 1 {
				t.Errorf("%s: annotation %d on page object %d referred to by %d OBJR kids, want 1", name, a, page, referred[a])
			}
		}
	}
	if len(tg.annotParent) != len(referred) {
		t.Errorf("%s: parent tree has %d annotation keys, the structure %d annotations", name, len(tg.annotParent), len(referred))
	}
}

// taggedDoc holds every kind of block the writer tags: a logo, headings,
// paragraphs with a link, nested lists, a key-value table, a long table
// that repeats its header, and a chart.
func taggedDoc(t *testing.T) *doc.Document {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		for y := range 20 {
			img.Set(x, y, color.RGBA{0x1d, 0x4f, 0x91, 0xff})
		}
	}
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	txt := func(s string) []doc.Inline { return []doc.Inline{{Text: s}} }
	cells := func(ss ...string) []doc.Cell {
		var cs []doc.Cell
		for _, s := range ss {
			cs = append(cs, doc.Cell{Text: txt(s)})
		}
		return cs
	}
	long := &doc.Table{Header: cells("Skill", "Level", "What it means")}
	for i := range 45 {
		long.Rows = append(long.Rows, cells(fmt.Sprintf("Skill %02d", i+1), "Senior",
			"Understands the organisation’s “data as a product” approach and applies it – at a cost of £2m – in Gŵyl Dewi and café settings."))
	}
	return &doc.Document{
		Meta: doc.Meta{Title: "Tagged sample", Subject: "Job description", Author: "Example Health Data Service",
			Language: "en-GB", HeaderLeft: "Tagged sample", HeaderRight: "Example", Footer: "Footer text", Logo: logo.Bytes()},
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: txt("Tagged sample")},
			&doc.Table{RowHeaders: true, Rows: [][]doc.Cell{cells("Job title", "Data engineer"), cells("Salary", "£45,000 – £52,000")}},
			&doc.Heading{Level: 2, Text: txt("About the role")},
			&doc.Paragraph{Text: []doc.Inline{{Text: "Read the "}, {Text: "framework on GOV.UK for the full detail of every skill, every role and every level, with the tasks, the skills and the levels of each role in the data family", Link: "https://www.gov.uk/government/collections/digital-data-and-technology-profession-capability-framework"}, {Text: " before you apply."}}},
			&doc.List{Items: []doc.ListItem{
				{Blocks: []doc.Block{&doc.Paragraph{Text: txt("First item")}}},
				{Blocks: []doc.Block{&doc.Paragraph{Text: txt("Second item")}, &doc.List{Ordered: true, Items: []doc.ListItem{
					{Blocks: []doc.Block{&doc.Paragraph{Text: txt("Nested one")}}},
				}}}},
			}},
			&doc.Heading{Level: 3, Text: txt("Skills")},
			long,
			&doc.Chart{Title: "Current and target level", Alt: "Bar chart: Data modelling from Entry to Mid.",
				Scale: []string{"None", "Entry", "Mid", "Senior"}, Series: []string{"Current", "Target"},
				Bars: []doc.ChartBar{{Label: "Data modelling", Values: []float64{1, 2}}}},
			&doc.Paragraph{Text: txt("After the chart.")},
		},
	}
}

func TestTaggedStructure(t *testing.T) {
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := w.Write(&b, taggedDoc(t)); err != nil {
		t.Fatal(err)
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	if err := api.Validate(bytes.NewReader(b.Bytes()), conf); err != nil {
		t.Errorf("pdfcpu validate (strict): %v", err)
	}
	if out := os.Getenv("ROLEPACK_TAGGED_SAMPLE"); out != "" {
		if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tg := checkTagged(t, "sample", b.Bytes())
	if len(tg.pageNr) < 3 {
		t.Fatalf("the sample has %d pages, want the long table to run over at least 3", len(tg.pageNr))
	}
	var kinds []string
	for _, k := range tg.root.kids {
		kinds = append(kinds, k.typ)
	}
	want := []string{"Figure", "P", "H1", "Table", "H2", "P", "L", "H3", "Table", "Figure", "P"}
	if !slices.Equal(kinds, want) {
		t.Errorf("Document's children are %v, want %v", kinds, want)
	}
	figs := tg.root.find("Figure")
	if len(figs) != 2 || figs[0].alt != "Example Health Data Service logo" || figs[1].alt != "Bar chart: Data modelling from Entry to Mid." {
		t.Errorf("figures' Alt: %v", func() []string {
			var s []string
			for _, f := range figs {
				s = append(s, f.alt)
			}
			return s
		}())
	}
	tables := tg.root.find("Table")
	if th := tables[0].find("TH"); len(th) != 2 || th[0].scope != "Row" || tg.text(th[1]) != "Salary" {
		t.Errorf("key-value table: want two row headers, got %d", len(th))
	}
	if th := tables[1].find("TH"); len(th) != 3 || th[0].scope != "Column" {
		t.Errorf("long table: want 3 column headers once (repeats are artifacts), got %d", len(th))
	}
	if tr := tables[1].find("TR"); len(tr) != 46 {
		t.Errorf("long table has %d rows in the structure, want 46", len(tr))
	}
	if td := tables[1].find("TD"); tg.text(td[len(td)-1]) != "Understands the organisation’s “data as a product” approach and applies it – at a cost of £2m – in Gŵyl Dewi and café settings." {
		t.Errorf("last cell reads %q", tg.text(td[len(td)-1]))
	}
	links := tg.root.find("Link")
	if len(links) != 1 || tg.text(links[0]) != "framework on GOV.UK for the full detail of every skill, every role and every level, with the tasks, the skills and the levels of each role in the data family" {
		t.Errorf("want one Link with the link's whole text, got %d", len(links))
	}
	var contents []string
	for _, o := range links[0].objrs {
		d, _ := tg.ctx.XRefTable.DereferenceDict(types.IndirectRef{ObjectNumber: types.Integer(o.obj)})
		c, _ := tg.ctx.XRefTable.DereferenceStringOrHexLiteral(d["Contents"], model.V10, nil)
		contents = append(contents, c)
	}
	if len(contents) < 2 || len(slices.Compact(slices.Clone(contents))) != 1 || contents[0] != tg.text(links[0]) {
		t.Errorf("the link over two lines has annotations with /Contents %q, want one per line, each the link's text", contents)
	}
	if p := tg.root.kids[5]; tg.text(p) != "Read the framework on GOV.UK for the full detail of every skill, every role and every level, with the tasks, the skills and the levels of each role in the data family before you apply." {
		t.Errorf("paragraph with a link reads %q", tg.text(p))
	}
	l := tg.root.find("L")
	if len(l) != 2 || len(l[0].find("LI")) != 3 || len(l[0].find("Lbl")) != 3 || len(l[0].find("LBody")) != 3 {
		t.Errorf("lists: want a list of two items, one holding a nested list of one")
	}
	if lbl := l[1].find("Lbl"); len(lbl) != 1 || tg.text(lbl[0]) != "1." {
		t.Errorf("nested list's label is not 1.")
	}
	// The running header is an artifact on every page after the first.
	for p, nr := range tg.pageNr[1:] {
		if !strings.Contains(tg.pages[nr].artifact, "Tagged sample") {
			t.Errorf("page %d: running header not marked as an artifact", p+2)
		}
	}

	cat, _ := tg.ctx.XRefTable.Catalog()
	mi, _ := tg.ctx.XRefTable.DereferenceDict(cat["MarkInfo"])
	if m := mi.BooleanEntry("Marked"); m == nil || !*m {
		t.Error("catalog: /MarkInfo <</Marked true>> missing")
	}
	vp, _ := tg.ctx.XRefTable.DereferenceDict(cat["ViewerPreferences"])
	if dt := vp.BooleanEntry("DisplayDocTitle"); dt == nil || !*dt {
		t.Error("catalog: /ViewerPreferences <</DisplayDocTitle true>> missing")
	}
	if lang, _ := tg.ctx.XRefTable.DereferenceStringOrHexLiteral(cat["Lang"], model.V10, nil); lang != "en-GB" {
		t.Errorf("catalog: /Lang is %q, want en-GB", lang)
	}
	md, _, err := tg.ctx.XRefTable.DereferenceStreamDict(cat["Metadata"])
	if err != nil || md == nil {
		t.Fatalf("no XMP metadata: %v", err)
	}
	if err := md.Decode(); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<pdfuaid:part>1</pdfuaid:part>", `<rdf:li xml:lang="x-default">Tagged sample</rdf:li>`} {
		if !bytes.Contains(md.Content, []byte(s)) {
			t.Errorf("XMP metadata lacks %s", s)
		}
	}
}

// TestEveryDocumentTagged checks the structure of every document of every
// kind for the default role.
func TestEveryDocumentTagged(t *testing.T) {
	w, err := pdf.New()
	if err != nil {
		t.Fatal(err)
	}
	for stem, d := range everyDocument(t, printCases[0]) {
		var b bytes.Buffer
		if err := w.Write(&b, d); err != nil {
			t.Fatal(err)
		}
		tg := checkTagged(t, stem, b.Bytes())
		if len(tg.root.find("H1")) != 1 {
			t.Errorf("%s: %d H1 elements, want 1", stem, len(tg.root.find("H1")))
		}
		level := 0
		for _, h := range tg.root.headings() {
			if l := int(h.typ[1] - '0'); l > level+1 {
				t.Errorf("%s: heading %q is %s after H%d: a level skipped", stem, tg.text(h), h.typ, level)
			} else {
				level = l
			}
		}
		for _, f := range tg.root.find("Figure") {
			if strings.TrimSpace(f.alt) == "" {
				t.Errorf("%s: a Figure without Alt", stem)
			}
		}
	}
}

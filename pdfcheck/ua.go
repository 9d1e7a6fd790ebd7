package pdfcheck

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// element is a structure element as read back.
type element struct {
	typ    string // after the role map
	obj    int    // object number, 0 for a direct element
	parent *element
	kids   []*element
	d      types.Dict
}

// mcKey is one marked-content sequence: its page's object number and its
// MCID.
type mcKey struct{ page, mcid int }

// tree is what structure reads: the elements, and which element holds
// each marked-content sequence and each annotation.
type tree struct {
	root    *element
	mcOwner map[mcKey][]int // elements (object numbers) referring to each sequence
	objr    map[int][]int   // annotation object number -> elements with an OBJR to it
	seen    map[int]bool
}

// structure checks the tagging: MarkInfo (6.7.2.2), the structure tree
// (6.7.3.3), the parent tree and page references (ISO 32000-1 14.7.4.4),
// every page's content tagged or an artifact (01-003 to 01-005), and the
// elements: tables (09-004, 15-003), lists (09-005), figures (13-004),
// headings (14-002, 14-003) and links (28-011, 28-012).
func (c *checker) structure() {
	mi := c.dict(c.cat["MarkInfo"])
	if m, ok := c.deref(mi["Marked"]).(types.Boolean); !ok || !bool(m) {
		c.fail("6.7.2.2", "the catalog's /MarkInfo has no /Marked true")
	}
	if sus, ok := c.deref(mi["Suspects"]).(types.Boolean); ok && bool(sus) {
		c.fail("01-007", "the catalog's /MarkInfo has /Suspects true")
	}
	// The content of every page.
	contents := map[int]*pageContent{}
	for i := range c.pages {
		b, err := c.pageContents(i)
		if err != nil {
			c.fail("01-005", "%v", err)
			continue
		}
		res := c.dict(c.pages[i]["Resources"])
		pc, err := c.scanContent(i+1, b, res)
		if err != nil {
			c.fail("01-005", "page %d: the content stream cannot be read: %v", i+1, err)
			continue
		}
		contents[c.pageObj[i]] = pc
		fonts := c.dict(res["Font"])
		for name, strs := range pc.shown {
			ref := fonts[name]
			nr := objNr(ref)
			if ref == nil || nr == 0 {
				continue
			}
			if c.shown[nr] == nil {
				c.shown[nr] = map[int]bool{}
			}
			two := c.name(c.dict(ref)["Subtype"]) == "Type0"
			for _, s := range strs {
				for k := 0; k < len(s); k++ {
					code := int(s[k])
					if two && k+1 < len(s) {
						code = code<<8 | int(s[k+1])
						k++
					}
					c.shown[nr][code] = true
				}
			}
		}
		if len(pc.unmarked) > 0 {
			c.fail("01-005", "page %d: %d painting operators outside tagged content and artifacts, the first %s", i+1, len(pc.unmarked), pc.unmarked[0])
		}
		for _, id := range []string{"01-003", "01-004"} {
			if pc.nested[id] > 0 {
				c.fail(id, "%s", pc.first[id])
			}
		}
		for _, mcid := range pc.mcids {
			if pc.mcidSeen[mcid] > 1 {
				c.fail("parent-tree", "page %d: MCID %d marks %d sequences", i+1, mcid, pc.mcidSeen[mcid])
				pc.mcidSeen[mcid] = 1
			}
		}
	}
	str := c.dict(c.cat["StructTreeRoot"])
	if str == nil || str["K"] == nil {
		c.fail("6.7.3.3", "the catalog has no /StructTreeRoot with a /K")
		return
	}
	roles := c.dict(str["RoleMap"])
	var mapped []string
	for k := range roles {
		mapped = append(mapped, k)
	}
	slices.Sort(mapped)
	for _, k := range mapped {
		if slices.Contains(standardTypes, k) {
			c.fail("02-004", "the role map maps the standard type %s to %s", k, c.name(roles[k]))
		}
	}
	t := &tree{root: &element{typ: "StructTreeRoot"}, mcOwner: map[mcKey][]int{}, objr: map[int][]int{}, seen: map[int]bool{}}
	c.walk(t, t.root, str["K"], roles, 0, 0)

	// Marked content and the tree agree.
	parent := c.parentTree(c.dict(str["ParentTree"]))
	for i, nr := range c.pageObj {
		pc := contents[nr]
		if pc == nil || len(pc.mcids) == 0 {
			continue
		}
		sp, ok := c.deref(c.pages[i]["StructParents"]).(types.Integer)
		if !ok {
			c.fail("parent-tree", "page %d has marked content and no /StructParents", i+1)
			continue
		}
		arr := c.array(parent[int(sp)])
		if arr == nil {
			c.fail("parent-tree", "page %d: the parent tree has no entry for /StructParents %d", i+1, sp)
			continue
		}
		for _, mcid := range pc.mcids {
			owners := t.mcOwner[mcKey{nr, mcid}]
			switch {
			case len(owners) == 0:
				c.fail("parent-tree", "page %d: MCID %d is in no structure element", i+1, mcid)
			case len(owners) > 1:
				c.fail("parent-tree", "page %d: MCID %d is in %d structure elements", i+1, mcid, len(owners))
			case mcid >= len(arr) || objNr(arr[mcid]) != owners[0]:
				got := 0
				if mcid < len(arr) {
					got = objNr(arr[mcid])
				}
				c.fail("parent-tree", "page %d: the parent tree gives object %d for MCID %d, the structure element is object %d", i+1, got, mcid, owners[0])
			}
		}
	}
	keys := make([]mcKey, 0, len(t.mcOwner))
	for k := range t.mcOwner {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b mcKey) int { return (a.page-b.page)*1_000_000 + a.mcid - b.mcid })
	for _, k := range keys {
		if pc := contents[k.page]; pc != nil && pc.mcidSeen[k.mcid] == 0 {
			c.fail("parent-tree", "a structure element refers to MCID %d on page %d, which has no such marked content", k.mcid, c.pageOf(k.page))
		}
	}

	c.elements(t)
	c.links(t, parent)
}

// walk reads the kids o of the element e; pg is the page object a kid
// without its own /Pg is on.
func (c *checker) walk(t *tree, e *element, o types.Object, roles types.Dict, pg, depth int) {
	if depth > maxDepth {
		c.fail("6.7.3.3", "the structure tree is deeper than %d", maxDepth)
		return
	}
	var kids types.Array
	switch k := c.deref(o).(type) {
	case types.Array:
		kids = k
	case nil:
	default:
		kids = types.Array{o}
	}
	for _, kid := range kids {
		switch k := c.deref(kid).(type) {
		case types.Integer:
			c.addMC(t, e, pg, int(k))
		case types.Dict:
			kpg := pg
			if p := k["Pg"]; p != nil {
				kpg = c.pageRef(p, e)
			}
			typ := c.name(k["Type"])
			if typ == "" && k["S"] == nil && k["MCID"] != nil {
				typ = "MCR"
			}
			if typ == "" && k["S"] == nil && k["Obj"] != nil {
				typ = "OBJR"
			}
			switch typ {
			case "MCR":
				if k["Stm"] != nil {
					continue // in a form XObject, not a page's content
				}
				if n, ok := c.deref(k["MCID"]).(types.Integer); ok {
					c.addMC(t, e, kpg, int(n))
				}
				continue
			case "OBJR":
				nr := objNr(k["Obj"])
				t.objr[nr] = append(t.objr[nr], e.obj)
				continue
			}
			nr := objNr(kid)
			if nr != 0 {
				if t.seen[nr] {
					c.fail("6.7.3.3", "structure element %d is in the tree twice", nr)
					continue
				}
				t.seen[nr] = true
			}
			el := &element{typ: c.role(c.name(k["S"]), roles), obj: nr, parent: e, d: k}
			if !slices.Contains(standardTypes, el.typ) {
				c.fail("02-001", "structure element %d has the type %s, which is not standard and not role-mapped to a standard type", nr, c.name(k["S"]))
			}
			e.kids = append(e.kids, el)
			c.walk(t, el, k["K"], roles, kpg, depth+1)
		}
	}
}

// pageRef checks that a /Pg is a page of the document and returns its
// object number.
func (c *checker) pageRef(p types.Object, e *element) int {
	nr := objNr(p)
	if c.pageOf(nr) == 0 {
		c.fail("parent-tree", "a %s element's /Pg refers to object %d, which is not a page", e.typ, nr)
	}
	return nr
}

func (c *checker) addMC(t *tree, e *element, pg, mcid int) {
	if pg == 0 {
		c.fail("parent-tree", "a %s element refers to MCID %d with no page (/Pg)", e.typ, mcid)
		return
	}
	k := mcKey{pg, mcid}
	t.mcOwner[k] = append(t.mcOwner[k], e.obj)
}

// role maps a structure type through the role map to a standard one.
func (c *checker) role(s string, roles types.Dict) string {
	for range 10 {
		r := c.name(roles[s])
		if r == "" || r == s {
			return s
		}
		s = r
	}
	return s
}

// parentTree reads a number tree into its keys' values.
func (c *checker) parentTree(root types.Dict) map[int]types.Object {
	out := map[int]types.Object{}
	if root == nil {
		c.fail("parent-tree", "the structure tree root has no /ParentTree")
		return out
	}
	seen := map[int]bool{}
	var read func(d types.Dict, depth int)
	read = func(d types.Dict, depth int) {
		if depth > 32 {
			return
		}
		nums := c.array(d["Nums"])
		for i := 0; i+1 < len(nums); i += 2 {
			if k, ok := c.deref(nums[i]).(types.Integer); ok {
				out[int(k)] = nums[i+1]
			}
		}
		for _, kid := range c.array(d["Kids"]) {
			if nr := objNr(kid); nr != 0 {
				if seen[nr] {
					continue
				}
				seen[nr] = true
			}
			if kd := c.dict(kid); kd != nil {
				read(kd, depth+1)
			}
		}
	}
	read(root, 0)
	return out
}

// elements checks each element by its type, and the headings in order.
func (c *checker) elements(t *tree) {
	var headings []*element
	var visit func(e *element)
	visit = func(e *element) {
		if len(e.typ) == 2 && e.typ[0] == 'H' && e.typ[1] >= '1' && e.typ[1] <= '6' {
			headings = append(headings, e)
		}
		c.element(e)
		for _, k := range e.kids {
			visit(k)
		}
	}
	for _, k := range t.root.kids {
		visit(k)
	}
	h1, level := 0, 0
	h1In := map[string]int{} // H1s by language
	for i, h := range headings {
		l := int(h.typ[1] - '0')
		if l == 1 {
			h1++
			h1In[c.langOf(h)]++
		}
		if i == 0 && l != 1 {
			c.fail("14-002", "the first heading is %s (object %d)", h.typ, h.obj)
		}
		if i > 0 && l > level+1 {
			c.fail("14-003", "%s (object %d) after H%d: a level skipped", h.typ, h.obj, level)
		}
		level = l
	}
	// One title, or in a document in two languages one after the other
	// one in each: the second half opens with its own, in its language.
	twice := false
	for _, n := range h1In {
		twice = twice || n > 1
	}
	if h1 == 0 || twice {
		c.fail("14-one-h1", "%d H1 elements, want one (the title), or one in each language", h1)
	}
}

// langOf is the language e is in: its /Lang, its nearest ancestor's, or
// the document's.
func (c *checker) langOf(e *element) string {
	for ; e != nil; e = e.parent {
		if e.d != nil {
			if l := strings.TrimSpace(c.text(e.d["Lang"])); l != "" {
				return l
			}
		}
	}
	return strings.TrimSpace(c.text(c.cat["Lang"]))
}

// standardTypes are ISO 32000-1's standard structure types (14.8.4).
var standardTypes = []string{"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
	"NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH",
	"TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby",
	"RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form"}

// element checks one element: where table and list elements sit (09-004,
// 09-005), a table's TH cells and their Scope (15-003), a figure's
// alternative text (13-004).
func (c *checker) element(e *element) {
	kidTypes := func(allowed ...string) string {
		for _, k := range e.kids {
			if !slices.Contains(allowed, k.typ) {
				return k.typ
			}
		}
		return ""
	}
	ptyp := e.parent.typ
	switch e.typ {
	case "Table":
		if bad := kidTypes("TR", "THead", "TBody", "TFoot", "Caption"); bad != "" {
			c.fail("09-004", "Table (object %d) holds a %s", e.obj, bad)
		}
		c.table(e)
	case "THead", "TBody", "TFoot":
		if ptyp != "Table" {
			c.fail("09-004", "%s (object %d) is in a %s, not a Table", e.typ, e.obj, ptyp)
		}
		if bad := kidTypes("TR"); bad != "" {
			c.fail("09-004", "%s (object %d) holds a %s", e.typ, e.obj, bad)
		}
	case "TR":
		if !slices.Contains([]string{"Table", "THead", "TBody", "TFoot"}, ptyp) {
			c.fail("09-004", "TR (object %d) is in a %s", e.obj, ptyp)
		}
		if bad := kidTypes("TH", "TD"); bad != "" {
			c.fail("09-004", "TR (object %d) holds a %s", e.obj, bad)
		}
	case "TH", "TD":
		if ptyp != "TR" {
			c.fail("09-004", "%s (object %d) is in a %s, not a TR", e.typ, e.obj, ptyp)
		}
	case "L":
		if bad := kidTypes("LI", "Caption"); bad != "" {
			c.fail("09-005", "L (object %d) holds a %s", e.obj, bad)
		}
	case "LI":
		if ptyp != "L" {
			c.fail("09-005", "LI (object %d) is in a %s, not an L", e.obj, ptyp)
		}
		if bad := kidTypes("Lbl", "LBody"); bad != "" {
			c.fail("09-005", "LI (object %d) holds a %s", e.obj, bad)
		}
	case "Lbl", "LBody":
		if ptyp != "LI" {
			c.fail("09-005", "%s (object %d) is in a %s, not an LI", e.typ, e.obj, ptyp)
		}
	case "Figure":
		if strings.TrimSpace(c.text(e.d["Alt"])) == "" && strings.TrimSpace(c.text(e.d["ActualText"])) == "" {
			c.fail("13-004", "Figure (object %d) has no /Alt", e.obj)
		}
	}
}

// table checks that a table has header cells and, unless its cells name
// their headers (/Headers), that each TH has a /Scope.
func (c *checker) table(t *element) {
	var ths []*element
	headers := false
	var visit func(e *element)
	visit = func(e *element) {
		for _, k := range e.kids {
			if k.typ == "Table" {
				continue // a nested table is checked on its own
			}
			if k.typ == "TH" {
				ths = append(ths, k)
			}
			if (k.typ == "TD" || k.typ == "TH") && c.attribute(k, "Headers") != nil {
				headers = true
			}
			visit(k)
		}
	}
	visit(t)
	if len(ths) == 0 {
		c.fail("15-th", "Table (object %d) has no TH cell", t.obj)
	}
	if headers {
		return
	}
	for _, th := range ths {
		if c.name(c.attribute(th, "Scope")) == "" {
			c.fail("15-003", "a TH (object %d) has no /Scope in a table without /Headers", th.obj)
		}
	}
}

// attribute finds key among an element's attribute objects (/A: a
// dictionary or an array of them, each possibly followed by a revision).
func (c *checker) attribute(e *element, key string) types.Object {
	var as types.Array
	switch a := c.deref(e.d["A"]).(type) {
	case types.Dict:
		as = types.Array{a}
	case types.Array:
		as = a
	}
	for _, a := range as {
		if d := c.dict(a); d != nil && d[key] != nil {
			return c.deref(d[key])
		}
	}
	return nil
}

// links checks every link annotation: an indirect object whose
// /StructParent the parent tree maps to a Link element holding it by an
// OBJR (28-011), with a description in /Contents (28-012); and every Link
// element holds an annotation.
func (c *checker) links(t *tree, parent map[int]types.Object) {
	linkObj := map[int]bool{}
	var visit func(e *element)
	visit = func(e *element) {
		if e.typ == "Link" {
			if e.obj != 0 {
				linkObj[e.obj] = true
			}
			has := false
			for _, els := range t.objr {
				if slices.Contains(els, e.obj) {
					has = true
					break
				}
			}
			if !has {
				c.fail("28-011", "a Link element (object %d) holds no link annotation (OBJR)", e.obj)
			}
		}
		for _, k := range e.kids {
			visit(k)
		}
	}
	visit(t.root)
	for i, pd := range c.pages {
		for _, a := range c.array(pd["Annots"]) {
			ad := c.dict(a)
			if ad == nil || c.name(ad["Subtype"]) != "Link" {
				continue
			}
			nr := objNr(a)
			if strings.TrimSpace(c.text(ad["Contents"])) == "" {
				c.fail("28-012", "page %d: link annotation %s has no /Contents", i+1, describe(nr))
			}
			if nr == 0 {
				c.fail("28-011", "page %d: a link annotation written inline, which no OBJR can refer to", i+1)
				continue
			}
			owners := t.objr[nr]
			if len(owners) != 1 {
				c.fail("28-011", "page %d: link annotation %d is held by %d structure elements (OBJR), want one Link", i+1, nr, len(owners))
				continue
			}
			if !linkObj[owners[0]] {
				c.fail("28-011", "page %d: link annotation %d is held by object %d, which is not a Link element", i+1, nr, owners[0])
				continue
			}
			sp, ok := c.deref(ad["StructParent"]).(types.Integer)
			if !ok {
				c.fail("28-011", "page %d: link annotation %d has no /StructParent", i+1, nr)
				continue
			}
			if got := objNr(parent[int(sp)]); got != owners[0] {
				c.fail("28-011", "page %d: link annotation %d: the parent tree gives object %d for /StructParent %d, the Link is object %d", i+1, nr, got, sp, owners[0])
			}
		}
	}
}

func describe(nr int) string {
	if nr == 0 {
		return "(inline)"
	}
	return fmt.Sprint(nr)
}

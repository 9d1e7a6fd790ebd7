// Package pdfcheck checks a PDF against the machine-checkable rules of
// PDF/A-2a (ISO 19005-2) and PDF/UA-1 (ISO 14289-1, by the Matterhorn
// Protocol's failure conditions) that matter for the documents rolepack
// writes: metadata, output intent, fonts, colour, forbidden features, and
// the structure tree with the marked content of every page.
//
// It is not veraPDF: it checks the rules listed by Rules, over pdfcpu's
// reader, and nothing else (docs/accessibility.md says what it leaves to
// veraPDF). Check reports one Finding per rule that fails.
package pdfcheck

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Spec names of the rules' sources.
const (
	PDFA2      = "ISO 19005-2"     // PDF/A-2
	Matterhorn = "Matterhorn"      // the Matterhorn Protocol 1.02 for PDF/UA-1
	PDF17      = "ISO 32000-1"     // PDF 1.7, for rules PDF/UA-1 takes from it
	Rolepack   = "rolepack's rule" // a rule of rolepack's own beside a checkpoint
	maxDecoded = 64 << 20          // the most a stream may decode to
	maxDepth   = 200               // the deepest structure tree read
	pdfaIDNS   = "http://www.aiim.org/pdfa/ns/id/"
	pdfuaIDNS  = "http://www.aiim.org/pdfua/ns/id/"
	dcNS       = "http://purl.org/dc/elements/1.1/"
	xmpNS      = "http://ns.adobe.com/xap/1.0/"
	pdfNS      = "http://ns.adobe.com/pdf/1.3/"
)

// Rule is one rule the check applies.
type Rule struct {
	ID     string `json:"id"`             // short and stable: "6.6.4", "14-003"
	Spec   string `json:"spec"`           // PDFA2, Matterhorn, PDF17 or Rolepack
	Clause string `json:"clause"`         // the clause or checkpoint, as the spec numbers it
	Also   string `json:"also,omitempty"` // the same rule elsewhere, or "rolepack's rule"
	Title  string `json:"title"`          // what the rule asks
}

// Finding is a rule a file fails: the first place it fails and how many
// places fail it.
type Finding struct {
	Rule    Rule   `json:"rule"`
	Message string `json:"message"`
	Count   int    `json:"count"`
}

// String is the finding as one line: "ISO 19005-2 6.6.4 (PDF/A
// identification): message (and 2 more)".
func (f Finding) String() string {
	also := ""
	if f.Rule.Also != "" {
		also = ", " + f.Rule.Also
	}
	s := fmt.Sprintf("%s %s%s (%s): %s", f.Rule.Spec, f.Rule.Clause, also, f.Rule.Title, f.Message)
	if f.Count > 1 {
		s += fmt.Sprintf(" (and %d more)", f.Count-1)
	}
	return s
}

// rules are every rule, in the order findings are reported.
var rules = []Rule{
	{"6.1.2", PDFA2, "6.1.2", "", "file header"},
	{"6.1.3", PDFA2, "6.1.3", "", "file trailer: /ID, no encryption"},
	{"6.1.7.1", PDFA2, "6.1.7.1", "", "no external streams"},
	{"6.1.7.2", PDFA2, "6.1.7.2", "", "no LZW or Crypt filters"},
	{"6.2.3", PDFA2, "6.2.3", "", "PDF/A output intent with an ICC profile"},
	{"6.2.4.3", PDFA2, "6.2.4.3", "", "device colour only as the output intent's"},
	{"6.2.5", PDFA2, "6.2.5", "", "no transfer functions or halftone origins"},
	{"6.2.8", PDFA2, "6.2.8", "", "images without Alternates, OPI or Interpolate"},
	{"6.2.9", PDFA2, "6.2.9", "", "no PostScript or OPI XObjects"},
	{"6.2.10", PDFA2, "6.2.10", "", "transparency: standard blend modes, a group colour space"},
	{"6.2.11.3", PDFA2, "6.2.11.3.2", "", "CIDFontType2 with a CIDToGIDMap"},
	{"6.2.11.4", PDFA2, "6.2.11.4.1", "Matterhorn 31-009", "every font embedded"},
	{"6.2.11.5", PDFA2, "6.2.11.5", "", "font widths present, equal to the program's"},
	{"6.2.11.7", PDFA2, "6.2.11.7.2", "Matterhorn 31-027", "ToUnicode map of every code shown"},
	{"6.2.11.8", PDFA2, "6.2.11.8", "", "no .notdef glyph shown"},
	{"9.6.4", PDF17, "9.6.4", "", "subset tag and font names"},
	{"6.3.1", PDFA2, "6.3.1", "", "permitted annotation types"},
	{"6.3.2", PDFA2, "6.3.2", "", "annotation flags"},
	{"6.3.3", PDFA2, "6.3.3", "", "annotation appearances"},
	{"6.5.1", PDFA2, "6.5.1", "", "permitted actions"},
	{"6.5.2", PDFA2, "6.5.2", "", "no additional actions"},
	{"6.6.2.1", PDFA2, "6.6.2.1", "", "XMP metadata stream"},
	{"6.6.2.3.1", PDFA2, "6.6.2.3.1", "", "extension schemas for non-predefined XMP"},
	{"6.6.3", PDFA2, "6.6.3", "", "information dictionary equal to the XMP"},
	{"6.6.4", PDFA2, "6.6.4", "", "PDF/A identification"},
	{"6.7.2.2", PDFA2, "6.7.2.2", "Matterhorn 01 (ISO 14289-1 7.1)", "MarkInfo Marked true"},
	{"6.7.3.3", PDFA2, "6.7.3.3", "Matterhorn 01 (ISO 14289-1 7.1)", "structure tree"},
	{"parent-tree", PDF17, "14.7.4.4", "Matterhorn 01", "parent tree whole, page references valid"},
	{"01-003", Matterhorn, "01-003", "", "no artifact inside tagged content"},
	{"01-004", Matterhorn, "01-004", "", "no tagged content inside an artifact"},
	{"01-005", Matterhorn, "01-005", "", "every content item tagged or an artifact"},
	{"01-007", Matterhorn, "01-007", "", "MarkInfo Suspects not true"},
	{"02-001", Matterhorn, "02-001", "", "every structure type standard or role-mapped to one"},
	{"02-004", Matterhorn, "02-004", "", "no standard structure type remapped"},
	{"06-001", Matterhorn, "06-001", "", "XMP metadata"},
	{"06-002", Matterhorn, "06-002", "", "PDF/UA identifier"},
	{"06-003", Matterhorn, "06-003", "", "dc:title"},
	{"07-001", Matterhorn, "07-001", "", "DisplayDocTitle present"},
	{"07-002", Matterhorn, "07-002", "", "DisplayDocTitle true"},
	{"09-004", Matterhorn, "09-004", "", "table elements as ISO 32000-1 Table 337 nests them"},
	{"09-005", Matterhorn, "09-005", "", "list elements as ISO 32000-1 Table 336 nests them"},
	{"11-001", Matterhorn, "11-001", "", "document language (/Lang)"},
	{"13-004", Matterhorn, "13-004", "", "Figure with alternative text"},
	{"14-002", Matterhorn, "14-002", "", "first heading is H1"},
	{"14-003", Matterhorn, "14-003", "", "no heading level skipped"},
	{"14-one-h1", Matterhorn, "14", Rolepack, "one H1 (one in each language of a bilingual document)"},
	{"15-003", Matterhorn, "15-003", "", "TH with Scope"},
	{"15-th", Matterhorn, "15", Rolepack, "every table has TH cells"},
	{"28-008", Matterhorn, "28-008", "", "page with annotations has /Tabs"},
	{"28-009", Matterhorn, "28-009", "", "/Tabs is /S"},
	{"28-011", Matterhorn, "28-011", "", "link annotations in Link elements"},
	{"28-012", Matterhorn, "28-012", "", "link annotations with Contents"},
}

// Rules returns every rule the check applies, in the order Check reports
// them.
func Rules() []Rule { return slices.Clone(rules) }

// ErrNotPDF is the error for data that is not a PDF at all.
var ErrNotPDF = errors.New("not a PDF")

// checker holds one file being checked and what it has found.
type checker struct {
	raw   []byte
	x     *model.XRefTable
	cat   types.Dict
	found map[string]*Finding
	// pages are the page dictionaries and object numbers, page 1 first.
	pages   []types.Dict
	pageObj []int
	// intent is the colour space of the PDF/A output intent's profile
	// ("RGB ", "CMYK", "GRAY"), empty when there is none.
	intent string
	// shown are the codes the pages show in each font, by the font's
	// object number.
	shown map[int]map[int]bool
}

func (c *checker) fail(id, format string, a ...any) {
	if f := c.found[id]; f != nil {
		f.Count++
		return
	}
	i := slices.IndexFunc(rules, func(r Rule) bool { return r.ID == id })
	if i < 0 {
		panic("pdfcheck: no rule " + id)
	}
	c.found[id] = &Finding{Rule: rules[i], Message: fmt.Sprintf(format, a...), Count: 1}
}

var headerRE = regexp.MustCompile(`^%PDF-(\d\.\d)\r?\n?`)

// Check reads the PDF b and returns a finding for each rule it fails, in
// the order of Rules. The error is for a file it cannot read as a PDF at
// all (ErrNotPDF, or pdfcpu's reason wrapped).
func Check(b []byte) (findings []Finding, err error) {
	if !headerRE.Match(b) {
		return nil, ErrNotPDF
	}
	c := &checker{raw: b, found: map[string]*Finding{}, shown: map[int]map[int]bool{}}
	c.header()
	if trailerEncrypted(b) {
		c.fail("6.1.3", "the trailer has /Encrypt")
	}
	defer func() {
		// pdfcpu panics on some malformed files; a file it cannot read
		// is an error, not a crash.
		if r := recover(); r != nil {
			findings, err = nil, fmt.Errorf("reading the PDF: %v", r)
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := api.ReadContext(bytes.NewReader(b), conf)
	if err == nil {
		err = ctx.EnsurePageCount()
	}
	if err != nil {
		if c.found["6.1.3"] != nil {
			// An encrypted file pdfcpu cannot open: the one rule is enough.
			return c.findings(), nil
		}
		return nil, fmt.Errorf("reading the PDF: %w", err)
	}
	c.x = ctx.XRefTable
	if c.x.Encrypt != nil && c.found["6.1.3"] == nil {
		c.fail("6.1.3", "the trailer has /Encrypt")
	}
	if len(c.x.ID) != 2 {
		c.fail("6.1.3", "the trailer's /ID is %v, want an array of two strings", c.x.ID)
	}
	if c.cat, err = c.x.Catalog(); err != nil {
		return nil, fmt.Errorf("reading the catalog: %w", err)
	}
	for p := 1; p <= ctx.PageCount; p++ {
		d, ref, _, err := c.x.PageDict(p, true)
		if err != nil || d == nil || ref == nil {
			return nil, fmt.Errorf("reading page %d: %v", p, err)
		}
		c.pages = append(c.pages, d)
		c.pageObj = append(c.pageObj, ref.ObjectNumber.Value())
	}
	c.outputIntent()
	c.objects()
	c.fonts()
	c.annotations()
	c.metadata()
	c.structure()
	c.glyphs()
	return c.findings(), nil
}

func (c *checker) findings() []Finding {
	var out []Finding
	for _, r := range rules {
		if f := c.found[r.ID]; f != nil {
			out = append(out, *f)
		}
	}
	return out
}

// header checks ISO 19005-2 6.1.2: %PDF-1.n then a comment of at least
// four bytes above 127.
func (c *checker) header() {
	m := regexp.MustCompile(`^%PDF-1\.[0-7](\r\n|\r|\n)%([^\r\n]*)`).FindSubmatch(c.raw)
	if m == nil {
		c.fail("6.1.2", "the header is not %%PDF-1.n followed by a comment line")
		return
	}
	high := 0
	for _, b := range m[2] {
		if b > 127 {
			high++
		}
	}
	if high < 4 {
		c.fail("6.1.2", "the comment after the header has %d bytes above 127, want 4", high)
	}
}

var trailerEncryptRE = regexp.MustCompile(`(?s)trailer\s*<<.*?/Encrypt\b`)

// trailerEncrypted says whether the last trailer of b names /Encrypt (read
// from the bytes, since pdfcpu may not open an encrypted file).
func trailerEncrypted(b []byte) bool {
	i := bytes.LastIndex(b, []byte("trailer"))
	if i < 0 {
		return false
	}
	return trailerEncryptRE.Match(b[i:])
}

// deref resolves an indirect reference, giving nil when it cannot.
func (c *checker) deref(o types.Object) types.Object {
	o, err := c.x.Dereference(o)
	if err != nil {
		return nil
	}
	return o
}

// dict resolves o to a dictionary (a stream's dictionary too), or nil.
func (c *checker) dict(o types.Object) types.Dict {
	switch o := c.deref(o).(type) {
	case types.Dict:
		return o
	case types.StreamDict:
		return o.Dict
	}
	return nil
}

// array resolves o to an array, or nil.
func (c *checker) array(o types.Object) types.Array {
	a, _ := c.deref(o).(types.Array)
	return a
}

// name resolves o to a name, or "".
func (c *checker) name(o types.Object) string {
	n, _ := c.deref(o).(types.Name)
	return string(n)
}

// text resolves o to a text string, or "".
func (c *checker) text(o types.Object) string {
	if o == nil {
		return ""
	}
	s, err := c.x.DereferenceStringOrHexLiteral(o, model.V10, nil)
	if err != nil {
		return ""
	}
	return s
}

// stream resolves o to a decoded stream, or an error.
func (c *checker) stream(o types.Object) (*types.StreamDict, error) {
	sd, _, err := c.x.DereferenceStreamDict(o)
	if err != nil {
		return nil, err
	}
	if sd == nil {
		return nil, fmt.Errorf("not a stream")
	}
	if err := sd.DecodeWithLimit(maxDecoded); err != nil {
		return nil, err
	}
	return sd, nil
}

// objNr is the object number of an indirect reference, 0 for a direct
// object.
func objNr(o types.Object) int {
	if r, ok := o.(types.IndirectRef); ok {
		return r.ObjectNumber.Value()
	}
	if r, ok := o.(*types.IndirectRef); ok && r != nil {
		return r.ObjectNumber.Value()
	}
	return 0
}

// eachDict calls f for d and every dictionary directly inside it (in
// arrays and dictionaries, not through references), with the key it is
// under ("" for d itself).
func eachDict(o types.Object, key string, f func(d types.Dict, key string), depth int) {
	if depth > 32 {
		return
	}
	switch o := o.(type) {
	case types.Dict:
		f(o, key)
		for k, v := range o {
			eachDict(v, k, f, depth+1)
		}
	case types.StreamDict:
		eachDict(o.Dict, key, f, depth)
	case types.Array:
		for _, v := range o {
			eachDict(v, key, f, depth+1)
		}
	}
}

// sortedObjects are the object numbers of the file in order, for
// findings that come out the same on every run.
func (c *checker) sortedObjects() []int {
	var nrs []int
	for n, e := range c.x.Table {
		if e != nil && !e.Free && e.Object != nil {
			nrs = append(nrs, n)
		}
	}
	slices.Sort(nrs)
	return nrs
}

// pageOf is the page number (1-based) of a page object, 0 when it is
// none.
func (c *checker) pageOf(obj int) int {
	return slices.Index(c.pageObj, obj) + 1
}

// quote shortens s for a message.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:57]) + "..."
	}
	return fmt.Sprintf("%q", s)
}

package pdfcheck

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// outputIntent checks ISO 19005-2 6.2.3: a GTS_PDFA1 output intent whose
// DestOutputProfile is an ICC profile (version 4 or lower, of an input,
// display or output class) with /N the number of its colour components;
// all PDF/A intents share one profile.
func (c *checker) outputIntent() {
	var profiles []int
	for _, o := range c.array(c.cat["OutputIntents"]) {
		oi := c.dict(o)
		if c.name(oi["S"]) != "GTS_PDFA1" {
			continue
		}
		ref := oi["DestOutputProfile"]
		if !slices.Contains(profiles, objNr(ref)) {
			profiles = append(profiles, objNr(ref))
		}
		sd, err := c.stream(ref)
		if err != nil {
			c.fail("6.2.3", "the PDF/A output intent's DestOutputProfile is not a stream that decodes: %v", err)
			continue
		}
		icc := sd.Content
		if len(icc) < 128 || string(icc[36:40]) != "acsp" {
			c.fail("6.2.3", "the output intent's profile is not an ICC profile")
			continue
		}
		if icc[8] > 4 {
			c.fail("6.2.3", "the output intent's profile is ICC version %d, want 4 or lower", icc[8])
		}
		if class := string(icc[12:16]); class != "prtr" && class != "mntr" && class != "scnr" {
			c.fail("6.2.3", "the output intent's profile is of class %q, want prtr, mntr or scnr", class)
		}
		space := string(icc[16:20])
		want := map[string]int{"RGB ": 3, "CMYK": 4, "GRAY": 1}[space]
		if want == 0 {
			c.fail("6.2.3", "the output intent's profile is in colour space %q, want RGB, CMYK or GRAY", space)
			continue
		}
		if n, ok := c.deref(sd.Dict["N"]).(types.Integer); !ok || int(n) != want {
			c.fail("6.2.3", "the output intent's profile has /N %v, its colour space %s has %d components", sd.Dict["N"], strings.TrimSpace(space), want)
		}
		if c.text(oi["OutputConditionIdentifier"]) == "" {
			c.fail("6.2.3", "the output intent has no OutputConditionIdentifier")
		}
		c.intent = space
	}
	switch {
	case len(profiles) == 0:
		c.fail("6.2.3", "the catalog has no GTS_PDFA1 output intent")
	case len(profiles) > 1 || profiles[0] == 0:
		c.fail("6.2.3", "the PDF/A output intents do not share one indirect profile")
	}
}

// forbiddenActions are the action types ISO 19005-2 6.5.1 forbids.
var forbiddenActions = []string{"Launch", "Sound", "Movie", "ResetForm", "ImportData", "Hide", "SetOCGState", "Rendition", "Trans", "GoTo3DView", "JavaScript"}

// standardBlendModes are ISO 32000-1's, the only ones 6.2.10 allows.
var standardBlendModes = []string{"Normal", "Compatible", "Multiply", "Screen", "Overlay", "Darken", "Lighten", "ColorDodge", "ColorBurn", "HardLight", "SoftLight", "Difference", "Exclusion", "Hue", "Saturation", "Color", "Luminosity"}

// objects checks what can be seen object by object: streams (6.1.7),
// images and XObjects (6.2.8, 6.2.9), graphics states (6.2.5, 6.2.10),
// device colour spaces of images and groups (6.2.4.3), actions (6.5.1)
// and additional actions (6.5.2).
func (c *checker) objects() {
	for _, n := range c.sortedObjects() {
		obj := c.x.Table[n].Object
		if sd, ok := obj.(types.StreamDict); ok {
			for _, k := range []string{"F", "FFilter", "FDecodeParms"} {
				if sd.Dict[k] != nil {
					c.fail("6.1.7.1", "object %d: a stream with /%s (an external file)", n, k)
				}
			}
			var filters []string
			switch f := c.deref(sd.Dict["Filter"]).(type) {
			case types.Name:
				filters = append(filters, string(f))
			case types.Array:
				for _, x := range f {
					filters = append(filters, c.name(x))
				}
			}
			for _, f := range filters {
				if f == "LZWDecode" || f == "Crypt" {
					c.fail("6.1.7.2", "object %d: a stream with the %s filter", n, f)
				}
			}
		}
		eachDict(obj, "", func(d types.Dict, key string) { c.objectDict(n, d, key) }, 0)
	}
}

func (c *checker) objectDict(n int, d types.Dict, key string) {
	typ, sub := c.name(d["Type"]), c.name(d["Subtype"])
	if d["AA"] != nil {
		c.fail("6.5.2", "object %d: additional actions (/AA)", n)
	}
	// An action: a dictionary with /S that is not a structure element
	// (which has /P) nor a group or soft mask (/Type /Group, /Mask).
	if s := c.name(d["S"]); s != "" && d["P"] == nil && typ != "Group" && typ != "Mask" && key != "Group" && key != "SMask" {
		if slices.Contains(forbiddenActions, s) {
			c.fail("6.5.1", "object %d: a %s action", n, s)
		}
		if s == "Named" {
			if nm := c.name(d["N"]); !slices.Contains([]string{"NextPage", "PrevPage", "FirstPage", "LastPage"}, nm) {
				c.fail("6.5.1", "object %d: the named action %s", n, nm)
			}
		}
	}
	if sub == "Image" || typ == "XObject" || sub == "Form" || sub == "PS" {
		if sub == "Image" {
			if b, ok := c.deref(d["Interpolate"]).(types.Boolean); ok && bool(b) {
				c.fail("6.2.8", "object %d: an image with /Interpolate true", n)
			}
			if d["Alternates"] != nil {
				c.fail("6.2.8", "object %d: an image with /Alternates", n)
			}
			c.deviceColour(c.deref(d["ColorSpace"]), "object %d: an image", n)
		}
		if d["OPI"] != nil {
			c.fail("6.2.8", "object %d: an XObject with /OPI", n)
		}
		if sub == "PS" || c.name(d["Subtype2"]) == "PS" {
			c.fail("6.2.9", "object %d: a PostScript XObject", n)
		}
	}
	if typ == "ExtGState" || d["TR"] != nil || d["TR2"] != nil || d["HTO"] != nil || d["HTP"] != nil || d["BM"] != nil {
		if d["TR"] != nil {
			c.fail("6.2.5", "object %d: a graphics state with /TR", n)
		}
		if tr2 := d["TR2"]; tr2 != nil && c.name(tr2) != "Default" {
			c.fail("6.2.5", "object %d: a graphics state with /TR2 other than /Default", n)
		}
		if d["HTO"] != nil || d["HTP"] != nil {
			c.fail("6.2.5", "object %d: a halftone origin (/HTO or /HTP)", n)
		}
		var modes []string
		switch bm := c.deref(d["BM"]).(type) {
		case types.Name:
			modes = append(modes, string(bm))
		case types.Array:
			for _, m := range bm {
				modes = append(modes, c.name(m))
			}
		}
		for _, m := range modes {
			if !slices.Contains(standardBlendModes, m) {
				c.fail("6.2.10", "object %d: the blend mode %q is not one of ISO 32000-1's", n, m)
			}
		}
	}
	if key == "Group" && c.name(d["S"]) == "Transparency" {
		cs := c.deref(d["CS"])
		if cs == nil && c.intent == "" {
			c.fail("6.2.10", "object %d: a transparency group without /CS in a file with no PDF/A output intent", n)
		}
		c.deviceColour(cs, "object %d: a transparency group's /CS", n)
	}
}

// deviceColour checks one colour space (a name or an array) against ISO
// 19005-2 6.2.4.3: DeviceRGB only with an RGB output intent, DeviceCMYK
// only with a CMYK one, DeviceGray only with an output intent.
func (c *checker) deviceColour(cs types.Object, where string, a ...any) {
	var name string
	switch cs := cs.(type) {
	case types.Name:
		name = string(cs)
	case types.Array:
		if len(cs) == 0 {
			return
		}
		switch c.name(cs[0]) {
		case "Indexed", "I":
			if len(cs) > 1 {
				c.deviceColour(c.deref(cs[1]), where, a...)
			}
			return
		case "Pattern":
			if len(cs) > 1 {
				c.deviceColour(c.deref(cs[1]), where, a...)
			}
			return
		}
		return
	default:
		return
	}
	ok := true
	switch name {
	case "DeviceRGB", "RGB":
		ok, name = c.intent == "RGB ", "DeviceRGB"
	case "DeviceCMYK", "CMYK":
		ok, name = c.intent == "CMYK", "DeviceCMYK"
	case "DeviceGray", "G":
		ok, name = c.intent != "", "DeviceGray"
	}
	if !ok {
		intent := strings.TrimSpace(c.intent)
		if intent == "" {
			intent = "none"
		}
		c.fail("6.2.4.3", where+" uses %s, the output intent's colour space is %s", append(a, name, intent)...)
	}
}

var subsetTagRE = regexp.MustCompile(`^[A-Z]{6}\+.`)

// fonts checks every font dictionary: embedded (6.2.11.4.1), widths
// (6.2.11.5), a CIDToGIDMap for TrueType CIDFonts (6.2.11.3.2), a
// ToUnicode map (6.2.11.7.2, for level A), and a well-formed subset tag
// with the same name in the font and its descriptor (ISO 32000-1 9.6.4).
func (c *checker) fonts() {
	for _, n := range c.sortedObjects() {
		d, ok := c.x.Table[n].Object.(types.Dict)
		if !ok || c.name(d["Type"]) != "Font" {
			continue
		}
		sub := c.name(d["Subtype"])
		base := c.name(d["BaseFont"])
		switch sub {
		case "Type0":
			desc := c.array(d["DescendantFonts"])
			if len(desc) != 1 || c.dict(desc[0]) == nil {
				c.fail("6.2.11.4", "font %s (object %d): a Type0 font without one descendant CIDFont", base, n)
				continue
			}
			c.toUnicode(n, base, d, true)
		case "Type3":
			c.toUnicode(n, base, d, true)
		case "CIDFontType0", "CIDFontType2":
			if d["W"] == nil && d["DW"] == nil {
				c.fail("6.2.11.5", "font %s (object %d): a CIDFont with neither /W nor /DW", base, n)
			}
			if sub == "CIDFontType2" && d["CIDToGIDMap"] == nil {
				c.fail("6.2.11.3", "font %s (object %d): a CIDFontType2 without /CIDToGIDMap", base, n)
			}
			c.embedded(n, base, d)
			if sub == "CIDFontType2" && d["CIDToGIDMap"] != nil {
				c.cidWidths(n, base, d)
			}
		default: // simple fonts: Type1, MMType1, TrueType
			if d["FirstChar"] == nil || d["LastChar"] == nil || d["Widths"] == nil {
				c.fail("6.2.11.5", "font %s (object %d): no /FirstChar, /LastChar or /Widths", base, n)
			} else if fc, lc := c.deref(d["FirstChar"]), c.deref(d["LastChar"]); fc != nil && lc != nil {
				first, _ := fc.(types.Integer)
				last, _ := lc.(types.Integer)
				if len(c.array(d["Widths"])) != int(last-first)+1 {
					c.fail("6.2.11.5", "font %s (object %d): /Widths has %d entries for codes %d to %d", base, n, len(c.array(d["Widths"])), first, last)
				}
			}
			enc := c.name(d["Encoding"])
			if ed := c.dict(d["Encoding"]); ed != nil && ed["Differences"] == nil {
				enc = c.name(ed["BaseEncoding"])
			}
			c.toUnicode(n, base, d, !slices.Contains([]string{"WinAnsiEncoding", "MacRomanEncoding", "MacExpertEncoding"}, enc))
			c.embedded(n, base, d)
		}
	}
}

// embedded checks that the font's descriptor embeds its program, and the
// subset tag and names.
func (c *checker) embedded(n int, base string, d types.Dict) {
	fd := c.dict(d["FontDescriptor"])
	if fd == nil {
		c.fail("6.2.11.4", "font %s (object %d): no font descriptor, so no embedded program", base, n)
		return
	}
	if fd["FontFile"] == nil && fd["FontFile2"] == nil && fd["FontFile3"] == nil {
		c.fail("6.2.11.4", "font %s (object %d) is not embedded", base, n)
	}
	if fn := c.name(fd["FontName"]); fn != base {
		c.fail("9.6.4", "font %s (object %d): its descriptor names it %s", base, n, fn)
	}
	if strings.Contains(base, "+") && !subsetTagRE.MatchString(base) {
		c.fail("9.6.4", "font %s (object %d): a subset tag is six capital letters and a plus sign", base, n)
	}
}

// toUnicode checks a font's ToUnicode map when it needs one: a CMap
// stream that maps codes.
func (c *checker) toUnicode(n int, base string, d types.Dict, needed bool) {
	if d["ToUnicode"] == nil {
		if needed {
			c.fail("6.2.11.7", "font %s (object %d) has no ToUnicode map", base, n)
		}
		return
	}
	sd, err := c.stream(d["ToUnicode"])
	if err != nil {
		c.fail("6.2.11.7", "font %s (object %d): the ToUnicode map is not a stream that decodes: %v", base, n, err)
		return
	}
	if !strings.Contains(string(sd.Content), "beginbfchar") && !strings.Contains(string(sd.Content), "beginbfrange") {
		c.fail("6.2.11.7", "font %s (object %d): the ToUnicode map maps no code", base, n)
	}
}

// annotations checks each page's annotations: types (6.3.1), flags
// (6.3.2) and appearances (6.3.3) for PDF/A; /Tabs (28-008, 28-009) and
// links (28-011, 28-012) for PDF/UA, with the parent tree read by
// structure.
func (c *checker) annotations() {
	for i, pd := range c.pages {
		annots := c.array(pd["Annots"])
		if len(annots) == 0 {
			continue
		}
		switch tabs, ok := c.deref(pd["Tabs"]).(types.Name); {
		case !ok:
			c.fail("28-008", "page %d has annotations and no /Tabs", i+1)
		case tabs != "S":
			c.fail("28-009", "page %d: /Tabs is /%s", i+1, tabs)
		}
		for _, a := range annots {
			ad := c.dict(a)
			if ad == nil {
				continue
			}
			sub := c.name(ad["Subtype"])
			where := "an annotation"
			if nr := objNr(a); nr != 0 {
				where = "annotation " + itoa(nr)
			}
			if slices.Contains([]string{"3D", "Sound", "Screen", "Movie"}, sub) || !slices.Contains(knownAnnotations, sub) {
				c.fail("6.3.1", "page %d: %s of type %s", i+1, where, sub)
			}
			f, _ := c.deref(ad["F"]).(types.Integer)
			if ad["F"] == nil || f&4 == 0 || f&(1|2|32|256) != 0 {
				c.fail("6.3.2", "page %d: %s has /F %v: want Print set and Invisible, Hidden, NoView, ToggleNoView clear", i+1, where, ad["F"])
			}
			if sub != "Link" && sub != "Popup" && ad["AP"] == nil && !zeroRect(c.array(ad["Rect"])) {
				c.fail("6.3.3", "page %d: %s (%s) has no appearance", i+1, where, sub)
			}
		}
	}
}

// knownAnnotations are ISO 32000-1's annotation types.
var knownAnnotations = []string{"Text", "Link", "FreeText", "Line", "Square", "Circle", "Polygon", "PolyLine", "Highlight", "Underline", "Squiggly", "StrikeOut", "Stamp", "Caret", "Ink", "Popup", "FileAttachment", "Sound", "Movie", "Widget", "Screen", "PrinterMark", "TrapNet", "Watermark", "3D", "Redact"}

func zeroRect(r types.Array) bool {
	return len(r) == 4 && r[0].String() == r[2].String() && r[1].String() == r[3].String()
}

func itoa(n int) string {
	return strings.TrimSpace(types.Integer(n).String())
}

// cidWidths checks 6.2.11.5 for a TrueType CIDFont: each width in /W
// equals the glyph's advance in the embedded program (to within one unit
// of glyph space, as rounding gives), the glyph found through the
// CIDToGIDMap.
func (c *checker) cidWidths(n int, base string, d types.Dict) {
	fd := c.dict(d["FontDescriptor"])
	if fd == nil || fd["FontFile2"] == nil {
		return
	}
	sd, err := c.stream(fd["FontFile2"])
	if err != nil {
		c.fail("6.2.11.4", "font %s (object %d): the embedded program does not decode: %v", base, n, err)
		return
	}
	f, err := sfnt.Parse(sd.Content)
	if err != nil {
		c.fail("6.2.11.4", "font %s (object %d): the embedded program is not a TrueType font: %v", base, n, err)
		return
	}
	var cidToGID []byte // nil for Identity
	if m := d["CIDToGIDMap"]; m != nil && c.name(m) != "Identity" {
		ms, err := c.stream(m)
		if err != nil {
			c.fail("6.2.11.3", "font %s (object %d): the CIDToGIDMap does not decode: %v", base, n, err)
			return
		}
		cidToGID = ms.Content
	}
	upem := int(f.UnitsPerEm())
	var buf sfnt.Buffer
	check := func(cid int, w float64) bool {
		gid := cid
		if cidToGID != nil {
			if 2*cid+1 >= len(cidToGID) {
				return true // no glyph: the width is not used
			}
			gid = int(cidToGID[2*cid])<<8 | int(cidToGID[2*cid+1])
		}
		if gid == 0 && cid != 0 {
			return true
		}
		adv, err := f.GlyphAdvance(&buf, sfnt.GlyphIndex(gid), fixed.I(upem), font.HintingNone)
		if err != nil {
			c.fail("6.2.11.5", "font %s (object %d): CID %d has no glyph %d in the program", base, n, cid, gid)
			return false
		}
		want := float64(adv) / 64 * 1000 / float64(upem)
		if math.Abs(want-w) > 1 {
			c.fail("6.2.11.5", "font %s (object %d): CID %d (U+%04X) is %g wide in /W, %.0f in the font program", base, n, cid, cid, w, want)
			return false
		}
		return true
	}
	num := func(o types.Object) (float64, bool) {
		switch v := c.deref(o).(type) {
		case types.Integer:
			return float64(v), true
		case types.Float:
			return float64(v), true
		}
		return 0, false
	}
	w := c.array(d["W"])
	for i := 0; i < len(w); {
		first, ok := num(w[i])
		if !ok || i+1 >= len(w) {
			c.fail("6.2.11.5", "font %s (object %d): /W is malformed", base, n)
			return
		}
		if ws := c.array(w[i+1]); ws != nil {
			for k, x := range ws {
				if v, ok := num(x); ok && !check(int(first)+k, v) {
					return
				}
			}
			i += 2
			continue
		}
		last, ok1 := num(w[i+1])
		if i+2 >= len(w) || !ok1 {
			c.fail("6.2.11.5", "font %s (object %d): /W is malformed", base, n)
			return
		}
		v, _ := num(w[i+2])
		for cid := int(first); cid <= int(last) && cid-int(first) < 1<<16; cid++ {
			if !check(cid, v) {
				return
			}
		}
		i += 3
	}
}

// glyphs checks the codes the pages show in each font: each has a
// Unicode value in the font's ToUnicode map, not 0, U+FEFF or U+FFFE
// (6.2.11.7.2), and none shows the .notdef glyph (6.2.11.8; for a
// TrueType CIDFont, a code its CIDToGIDMap takes to glyph 0). Fonts with
// a CMap other than Identity-H or Identity-V are not read.
func (c *checker) glyphs() {
	var nrs []int
	for nr := range c.shown {
		nrs = append(nrs, nr)
	}
	slices.Sort(nrs)
	for _, nr := range nrs {
		d := c.dict(types.IndirectRef{ObjectNumber: types.Integer(nr)})
		base := c.name(d["BaseFont"])
		codes := make([]int, 0, len(c.shown[nr]))
		for code := range c.shown[nr] {
			codes = append(codes, code)
		}
		slices.Sort(codes)
		if c.name(d["Subtype"]) == "Type0" {
			if enc := c.name(d["Encoding"]); enc != "Identity-H" && enc != "Identity-V" {
				continue
			}
			if desc := c.array(d["DescendantFonts"]); len(desc) == 1 {
				c.notdef(nr, base, c.dict(desc[0]), codes)
			}
		}
		if d["ToUnicode"] == nil {
			continue // reported by fonts when it is needed
		}
		sd, err := c.stream(d["ToUnicode"])
		if err != nil {
			continue // reported by fonts
		}
		m := readToUnicode(sd.Content)
		for _, code := range codes {
			u, ok := m[code]
			switch {
			case !ok:
				c.fail("6.2.11.7", "font %s (object %d): code %04X is shown and has no Unicode value in the ToUnicode map", base, nr, code)
			case u == 0 || u == 0xFEFF || u == 0xFFFE:
				c.fail("6.2.11.7", "font %s (object %d): code %04X maps to U+%04X", base, nr, code, u)
			}
		}
	}
}

// notdef checks that no code shown in a TrueType CIDFont goes to glyph 0.
func (c *checker) notdef(nr int, base string, cid types.Dict, codes []int) {
	if cid == nil || c.name(cid["Subtype"]) != "CIDFontType2" || cid["CIDToGIDMap"] == nil {
		return
	}
	var m []byte
	if c.name(cid["CIDToGIDMap"]) != "Identity" {
		ms, err := c.stream(cid["CIDToGIDMap"])
		if err != nil {
			return // reported by cidWidths
		}
		m = ms.Content
	}
	for _, code := range codes {
		gid := code
		if m != nil {
			gid = 0
			if 2*code+1 < len(m) {
				gid = int(m[2*code])<<8 | int(m[2*code+1])
			}
		}
		if gid == 0 {
			c.fail("6.2.11.8", "font %s (object %d): code %04X is shown with the .notdef glyph", base, nr, code)
		}
	}
}

var (
	bfcharRE  = regexp.MustCompile(`(?s)beginbfchar(.*?)endbfchar`)
	bfrangeRE = regexp.MustCompile(`(?s)beginbfrange(.*?)endbfrange`)
	hexRE     = regexp.MustCompile(`<([0-9A-Fa-f\s]*)>|\[|\]`)
)

// readToUnicode reads a ToUnicode CMap: each code's Unicode value (the
// first UTF-16 code unit of what it maps to).
func readToUnicode(b []byte) map[int]int {
	m := map[int]int{}
	val := func(h string) int {
		v := 0
		for _, x := range hexBytes([]byte(h)) {
			v = v<<8 | int(x)
		}
		return v
	}
	first := func(h string) int {
		bs := hexBytes([]byte(h))
		if len(bs) < 2 {
			if len(bs) == 1 {
				return int(bs[0])
			}
			return 0
		}
		return int(bs[0])<<8 | int(bs[1])
	}
	for _, sec := range bfcharRE.FindAllSubmatch(b, -1) {
		toks := hexRE.FindAllStringSubmatch(string(sec[1]), -1)
		for i := 0; i+1 < len(toks); i += 2 {
			m[val(toks[i][1])] = first(toks[i+1][1])
		}
	}
	for _, sec := range bfrangeRE.FindAllSubmatch(b, -1) {
		toks := hexRE.FindAllStringSubmatch(string(sec[1]), -1)
		for i := 0; i+2 < len(toks); {
			lo, hi := val(toks[i][1]), val(toks[i+1][1])
			if toks[i+2][0] == "[" {
				k := i + 3
				for code := lo; k < len(toks) && toks[k][0] != "]"; code, k = code+1, k+1 {
					m[code] = first(toks[k][1])
				}
				i = k + 1
				continue
			}
			dst := first(toks[i+2][1])
			for code := lo; code <= hi && code-lo < 1<<16; code++ {
				m[code] = dst + code - lo
			}
			i += 3
		}
	}
	return m
}

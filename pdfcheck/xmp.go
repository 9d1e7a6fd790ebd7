package pdfcheck

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

const rdfNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

// predefinedXMP are the namespaces of the XMP schemas PDF/A-2 predefines
// (XMP 2005, and PDF/A's own), which need no extension schema.
var predefinedXMP = []string{
	dcNS, xmpNS, pdfNS, pdfaIDNS,
	"http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/bj/",
	"http://ns.adobe.com/xap/1.0/t/pg/", "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "http://ns.adobe.com/photoshop/1.0/",
	"http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/exif/1.0/", "http://ns.adobe.com/exif/1.0/aux/",
	"http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/xap/1.0/g/img/",
	"http://www.aiim.org/pdfa/ns/extension/", "http://www.aiim.org/pdfa/ns/schema#", "http://www.aiim.org/pdfa/ns/property#",
	"http://www.aiim.org/pdfa/ns/type#", "http://www.aiim.org/pdfa/ns/field#",
}

// xmpPacket is what the check reads of an XMP packet: the value of each
// top-level property by namespace and name (the first item of an array,
// the x-default item of an Alt), and the extension schemas' properties.
type xmpPacket struct {
	props map[[2]string]string
	// extension maps a namespace described by a PDF/A extension schema to
	// the names of the properties it describes.
	extension map[string][]string
}

func (p *xmpPacket) get(ns, name string) string { return p.props[[2]string{ns, name}] }

func (p *xmpPacket) has(ns, name string) bool {
	_, ok := p.props[[2]string{ns, name}]
	return ok
}

// readXMP reads an XMP packet; properties are children (or attributes) of
// rdf:Description.
func readXMP(b []byte) (*xmpPacket, error) {
	p := &xmpPacket{props: map[[2]string]string{}, extension: map[string][]string{}}
	dec := xml.NewDecoder(bytes.NewReader(b))
	type frame struct {
		name xml.Name
		lang string
	}
	var stack []frame
	var text strings.Builder
	var prop *[2]string // the top-level property being read
	propDepth := 0
	var schemaNS string // inside a pdfaSchema description
	var schemaProps []string
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			lang := ""
			for _, a := range t.Attr {
				if a.Name.Local == "lang" {
					lang = a.Value
				}
			}
			if t.Name.Space == rdfNS && t.Name.Local == "Description" && prop == nil {
				for _, a := range t.Attr {
					if a.Name.Space != "" && a.Name.Space != rdfNS && a.Name.Space != "xmlns" && a.Name.Space != "http://www.w3.org/XML/1998/namespace" {
						p.props[[2]string{a.Name.Space, a.Name.Local}] = a.Value
					}
				}
			}
			if prop == nil && len(stack) > 0 && stack[len(stack)-1].name.Space == rdfNS && stack[len(stack)-1].name.Local == "Description" {
				prop = &[2]string{t.Name.Space, t.Name.Local}
				propDepth = len(stack)
			}
			stack = append(stack, frame{t.Name, lang})
			text.Reset()
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, nil
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			v := strings.TrimSpace(text.String())
			text.Reset()
			switch {
			case top.name.Space == "http://www.aiim.org/pdfa/ns/schema#" && top.name.Local == "namespaceURI":
				schemaNS = v
			case top.name.Space == "http://www.aiim.org/pdfa/ns/property#" && top.name.Local == "name":
				schemaProps = append(schemaProps, v)
			case top.name.Space == rdfNS && top.name.Local == "li" && schemaNS != "" && len(schemaProps) > 0 && prop != nil && prop[1] == "schemas":
				// The end of one schema's description in the bag of schemas
				// (its properties are inside a nested Seq, so only an li
				// whose namespace has been read closes a schema).
				if len(stack) == propDepth+2 {
					p.extension[schemaNS] = append(p.extension[schemaNS], schemaProps...)
					schemaNS, schemaProps = "", nil
				}
			}
			if prop != nil && len(stack) > propDepth {
				// Inside a property: the first item, or x-default, is its value.
				if top.name.Space == rdfNS && top.name.Local == "li" && len(stack) == propDepth+2 {
					k := *prop
					if _, ok := p.props[k]; !ok || top.lang == "x-default" {
						p.props[k] = v
					}
				}
				continue
			}
			if prop != nil && len(stack) == propDepth {
				if _, ok := p.props[*prop]; !ok {
					p.props[*prop] = v
				}
				prop = nil
			}
		}
	}
	return p, nil
}

var xpacketRE = regexp.MustCompile(`<\?xpacket\s[^?]*begin=[^?]*\?>`)

// metadata checks the XMP (6.6.2.1, 6.6.2.3.1, 6.6.4; Matterhorn 06-001
// to 06-003), the information dictionary against it (6.6.3), and the
// catalog's /Lang (11-001) and /ViewerPreferences (07-001, 07-002).
func (c *checker) metadata() {
	if lang := c.text(c.cat["Lang"]); strings.TrimSpace(lang) == "" {
		c.fail("11-001", "the catalog has no /Lang")
	}
	vp := c.dict(c.cat["ViewerPreferences"])
	switch dt, ok := c.deref(vp["DisplayDocTitle"]).(types.Boolean); {
	case !ok:
		c.fail("07-001", "the catalog's /ViewerPreferences has no /DisplayDocTitle")
	case !bool(dt):
		c.fail("07-002", "/DisplayDocTitle is false")
	}
	ref := c.cat["Metadata"]
	if ref == nil {
		c.fail("6.6.2.1", "the catalog has no /Metadata")
		c.fail("06-001", "the catalog has no /Metadata")
		return
	}
	sd, _, err := c.x.DereferenceStreamDict(ref)
	if err != nil || sd == nil {
		c.fail("6.6.2.1", "the catalog's /Metadata is not a stream")
		c.fail("06-001", "the catalog's /Metadata is not a stream")
		return
	}
	if sd.Dict["Filter"] != nil {
		c.fail("6.6.2.1", "the metadata stream has a /Filter")
	}
	if c.name(sd.Dict["Type"]) != "Metadata" || c.name(sd.Dict["Subtype"]) != "XML" {
		c.fail("6.6.2.1", "the metadata stream is not /Type /Metadata /Subtype /XML")
	}
	if err := sd.DecodeWithLimit(maxDecoded); err != nil {
		c.fail("6.6.2.1", "the metadata stream does not decode: %v", err)
		c.fail("06-001", "the metadata stream does not decode")
		return
	}
	b := sd.Content
	if m := xpacketRE.Find(b); m == nil {
		c.fail("6.6.2.1", "the XMP has no xpacket header")
	} else if bytes.Contains(m, []byte("bytes=")) || bytes.Contains(m, []byte("encoding=")) {
		c.fail("6.6.2.1", "the xpacket header has a bytes or encoding attribute")
	}
	x, err := readXMP(b)
	if err != nil || x == nil {
		c.fail("6.6.2.1", "the XMP is not well-formed XML: %v", err)
		c.fail("06-001", "the XMP is not well-formed XML")
		return
	}
	// PDF/A identification.
	if part, conf := x.get(pdfaIDNS, "part"), x.get(pdfaIDNS, "conformance"); part != "2" || conf != "A" {
		c.fail("6.6.4", "pdfaid:part %q, pdfaid:conformance %q: want 2 and A", part, conf)
	}
	// Every property outside the predefined schemas is described by an
	// extension schema.
	var keys [][2]string
	for k := range x.props {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return strings.Compare(a[0]+a[1], b[0]+b[1]) })
	for _, k := range keys {
		if slices.Contains(predefinedXMP, k[0]) || k[0] == "" {
			continue
		}
		if !slices.Contains(x.extension[k[0]], k[1]) {
			c.fail("6.6.2.3.1", "the XMP property %s (%s) is not described by a PDF/A extension schema", k[1], k[0])
		}
	}
	// PDF/UA.
	if x.get(pdfuaIDNS, "part") != "1" {
		c.fail("06-002", "pdfuaid:part is %q, want 1", x.get(pdfuaIDNS, "part"))
	}
	if strings.TrimSpace(x.get(dcNS, "title")) == "" {
		c.fail("06-003", "the XMP has no dc:title")
	}
	c.infoAgrees(x)
}

// infoAgrees checks 6.6.3: each entry of the information dictionary has
// its XMP equivalent with the same value (dates the same moment).
func (c *checker) infoAgrees(x *xmpPacket) {
	if c.x.Info == nil {
		return
	}
	info := c.dict(*c.x.Info)
	for _, e := range []struct{ key, ns, prop string }{
		{"Title", dcNS, "title"}, {"Author", dcNS, "creator"}, {"Subject", dcNS, "description"},
		{"Keywords", pdfNS, "Keywords"}, {"Creator", xmpNS, "CreatorTool"}, {"Producer", pdfNS, "Producer"},
	} {
		if info[e.key] == nil {
			continue
		}
		if v, xv := c.text(info[e.key]), x.get(e.ns, e.prop); v != xv {
			c.fail("6.6.3", "the information dictionary's /%s is %s, the XMP's %s", e.key, quote(v), quote(xv))
		}
	}
	for _, e := range []struct{ key, prop string }{{"CreationDate", "CreateDate"}, {"ModDate", "ModifyDate"}} {
		if info[e.key] == nil {
			continue
		}
		v, xv := c.text(info[e.key]), x.get(xmpNS, e.prop)
		it, ok := types.DateTime(v, false)
		xt, err := parseXMPDate(xv)
		if !ok || err != nil || !it.Equal(xt) {
			c.fail("6.6.3", "the information dictionary's /%s is %q, the XMP's xmp:%s %q: want the same moment", e.key, v, e.prop, xv)
		}
	}
}

// parseXMPDate reads an XMP date (ISO 8601, as precise as it is given).
func parseXMPDate(s string) (time.Time, error) {
	var err error
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02", "2006-01", "2006"} {
		var t time.Time
		if t, err = time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}

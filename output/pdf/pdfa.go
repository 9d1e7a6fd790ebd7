package pdf

import (
	"bytes"
	"compress/zlib"
	_ "embed" // the sRGB profile
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

// srgbProfile is the sRGB IEC61966-2.1 ICC profile of the output intent
// (icc/README.md says where it comes from and its licence).
//
//go:embed icc/sRGB.icc
var srgbProfile []byte

// compressedProfile is srgbProfile as a zlib stream, made once for a
// Writer so that no document compresses it again.
func compressedProfile() ([]byte, error) {
	var b bytes.Buffer
	zw, err := zlib.NewWriterLevel(&b, zlib.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("sRGB profile: %w", err)
	}
	if _, err := zw.Write(srgbProfile); err != nil {
		return nil, fmt.Errorf("sRGB profile: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("sRGB profile: %w", err)
	}
	return b.Bytes(), nil
}

// addOutputIntent gives the document the sRGB output intent PDF/A asks for
// (ISO 19005-2), with the profile compressed once (compressedProfile):
// every colour rolepack paints is DeviceRGB or DeviceGray, which the
// intent makes device-independent.
func addOutputIntent(p *fpdf.Fpdf, profile []byte) {
	p.AddOutputIntent(fpdf.OutputIntentType{
		SubtypeIdent:              fpdf.OutputIntent_GTS_PDFA1,
		OutputConditionIdentifier: "sRGB IEC61966-2.1",
		Info:                      "sRGB IEC61966-2.1",
		ICCProfile:                profile,
		Compressed:                true,
	})
}

// xmpIdentification is the XMP that says which standards the file meets,
// PDF/A-2a (pdfaid) and PDF/UA-1 (pdfuaid), with the PDF/A extension
// schema that describes pdfuaid, which PDF/A-2 does not predefine.
const xmpIdentification = `<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
`

// xmpNamespaces are the namespaces of xmpIdentification.
const xmpNamespaces = ` xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"`

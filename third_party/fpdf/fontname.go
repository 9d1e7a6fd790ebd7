// Copyright ©2026 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import "crypto/sha256"

// postScriptNameMax is the longest PostScript name kept, in bytes: the
// limit of the OpenType specification for name ID 6, and of PDF names in
// ISO 32000-1 (Annex C) less the seven bytes of a subset tag.
const postScriptNameMax = 63

// cleanPostScriptName returns the PostScript name of a font as it may be
// written in a PDF name: the printable ASCII characters of name (33 to
// 126) except the ten PostScript delimiters and '#', at most
// postScriptNameMax of them, which is what the OpenType specification allows
// in name ID 6. It is empty when name has none.
func cleanPostScriptName(name string) string {
	b := make([]byte, 0, len(name))
	for i := 0; i < len(name) && len(b) < postScriptNameMax; i++ {
		c := name[i]
		switch {
		case c < 33 || c > 126:
		case c == '[' || c == ']' || c == '(' || c == ')' || c == '{' || c == '}' ||
			c == '<' || c == '>' || c == '/' || c == '%' || c == '#':
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// subsetFontName is the name of an embedded subset of a font whose
// PostScript name is psName: a tag of six uppercase letters, a plus sign
// and the name (ISO 32000-1, 9.6.4), "" when psName has no usable
// character. The tag is derived from the subset font file, so that the same
// subset always has the same name and different subsets (of one font or of
// faces sharing a name) have different tags.
func subsetFontName(psName string, subset []byte) string {
	name := cleanPostScriptName(psName)
	if name == "" {
		return ""
	}
	sum := sha256.Sum256(subset)
	var b [7 + postScriptNameMax]byte
	for i := range 6 {
		b[i] = 'A' + sum[i]%26
	}
	b[6] = '+'
	return string(append(b[:7], name...))
}

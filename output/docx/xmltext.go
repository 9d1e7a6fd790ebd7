package docx

import "unicode/utf8"

// xmlOK reports whether r may appear in an XML 1.0 document.
func xmlOK(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false // surrogates
	case r <= 0xFFFD:
		return true
	case r < 0x10000:
		return false // U+FFFE, U+FFFF
	default:
		return r <= 0x10FFFF
	}
}

// plainASCII marks the bytes appendEscaped copies as they are: printable
// ASCII other than < > & and ".
var plainASCII = func() (t [256]bool) {
	for c := 0x20; c < 0x7F; c++ {
		t[c] = c != '<' && c != '>' && c != '&' && c != '"'
	}
	return t
}()

// appendEscaped appends s to b escaped for XML text and attribute values,
// dropping characters XML 1.0 forbids and invalid UTF-8. Tabs, newlines and
// carriage returns become spaces; text runs handle tabs themselves.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		// Copy the longest stretch of printable ASCII that needs no
		// escape in one append: most text is nothing else.
		j := i
		for j < len(s) && plainASCII[s[j]] {
			j++
		}
		if j > i {
			b = append(b, s[i:j]...)
			if i = j; i == len(s) {
				break
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '"':
				b = append(b, "&quot;"...)
			case c == '\t' || c == '\n' || c == '\r':
				b = append(b, ' ')
			case c < 0x20 || c == 0x7F:
				// C0 controls are not allowed; DEL is allowed but useless.
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r != utf8.RuneError || size > 1) && xmlOK(r) {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// appendText appends a w:t element (or several, split by w:tab) holding s.
func appendText(b []byte, s string) []byte {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '\t' {
			continue
		}
		if i > start {
			b = append(b, `<w:t xml:space="preserve">`...)
			b = appendEscaped(b, s[start:i])
			b = append(b, `</w:t>`...)
		}
		if i < len(s) {
			b = append(b, `<w:tab/>`...)
		}
		start = i + 1
	}
	return b
}

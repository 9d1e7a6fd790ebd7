package docx

import (
	"strings"
)

// splitLangLenient is splitLang for a reference part that may lack the
// language element: Word and LibreOffice drop it when they save a
// restyled reference.docx. In styles.xml a <w:lang> is then added to the
// default run properties per document; in settings.xml the language is
// left alone. A part that is not XML still fails.
func splitLangLenient(name string, b []byte, after, elem string) (langPart, error) {
	p, err := splitLang(name, b, after, elem)
	if err == nil {
		return p, nil
	}
	s := string(b)
	if !strings.Contains(s, "</") {
		return langPart{}, err
	}
	if after != "" && strings.Contains(s, after) && !strings.Contains(s[strings.Index(s, after):], elem) {
		// <w:docDefaults><w:rPrDefault><w:rPr> … : add <w:lang> first.
		from := strings.Index(s, after)
		if i := strings.Index(s[from:], "<w:rPrDefault>"); i >= 0 {
			j := strings.Index(s[from+i:], "<w:rPr>")
			if j >= 0 {
				at := from + i + j + len("<w:rPr>")
				return langPart{pre: []byte(s[:at] + `<w:lang w:val="`), post: []byte(`"/>` + s[at:]), raw: compressOnce(name, b)}, nil
			}
		}
	}
	if strings.Contains(s, elem) {
		return langPart{}, err // there but malformed: say so
	}
	return langPart{raw: compressOnce(name, b)}, nil // no language to set
}

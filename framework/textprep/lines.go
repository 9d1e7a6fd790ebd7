package textprep

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// FirstTextLine is the number of the document's first line that is not
// blank, for problems about the file as a whole; 1 for an empty document.
func (d *Doc) FirstTextLine() int {
	for _, l := range d.Lines {
		if Trim(l.Text) != "" {
			return l.N
		}
	}
	return 1
}

// clipRunes is how much of a line a message quotes.
const clipRunes = 80

// Clip shortens s to at most 80 characters, marking a cut with "…", so a
// message can quote a line without quoting a page.
func Clip(s string) string {
	if utf8.RuneCountInString(s) <= clipRunes {
		return s
	}
	return string([]rune(s)[:clipRunes]) + "…"
}

// LoneCR gives text whose lines end in lone CRs (classic Mac, some
// exports) LF line ends; text with any LF is returned as it is.
func LoneCR(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 || bytes.IndexByte(data, '\n') >= 0 {
		return data
	}
	return bytes.ReplaceAll(data, []byte{'\r'}, []byte{'\n'})
}

// IsControl reports whether r is a control character no document text
// should hold: C0 controls other than TAB, LF and CR (NUL, BEL, ESC, …),
// DEL and the C1 controls.
func IsControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7F && r < 0xA0
}

// StripControls removes the control characters IsControl names from s;
// s without any is returned as it is, without copying.
func StripControls(s string) string {
	i := strings.IndexFunc(s, IsControl)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if !IsControl(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

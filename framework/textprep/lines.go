package textprep

import "unicode/utf8"

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

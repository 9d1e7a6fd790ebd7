package textprep

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stray are the list markers a descriptor can be left starting with after
// a copy from a word processor or a web page: "-understand …" (a marker
// with no space), "- - understand …" and "• – understand …" (a list inside
// a list, or a bullet character kept in the text).
const stray = "-•·–▪◦●○‣"

// Unbullet removes the list markers s starts with, with or without white
// space after them, when a word follows: "-understand the basics" and
// "- • understand the basics" give "understand the basics". A marker
// before a digit ("-5 days", "– 2026") or a Markdown "*" (emphasis) is
// kept, as is text that is only markers. White space at the ends is
// trimmed as Trim does.
func Unbullet(s string) string {
	t := Trim(s)
	rest := t
	cut := false
	for {
		r, size := utf8.DecodeRuneInString(rest)
		if size == 0 || !strings.ContainsRune(stray, r) {
			break
		}
		after := strings.TrimLeftFunc(rest[size:], isSpace)
		// "--" and "—" are dashes; one marker then letters is a bullet.
		if next, _ := utf8.DecodeRuneInString(after); !unicode.IsLetter(next) && !strings.ContainsRune(stray, next) {
			break
		}
		rest, cut = after, true
	}
	if !cut || rest == "" {
		return t
	}
	return rest
}

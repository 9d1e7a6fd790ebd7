package render

import (
	"strings"
	"unicode"
)

// EscapeMarkdown makes s safe to place inline in a Markdown template: it
// folds runs of white space (line breaks included) to single spaces and
// backslash-escapes the characters that would otherwise start emphasis,
// links, code, HTML or entities, and a leading character that would start a
// heading, list or quote.
func EscapeMarkdown(s string) string {
	if cleanInline(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	space := false
	for _, r := range strings.TrimFunc(s, unicode.IsSpace) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~':
			b.WriteByte('\\')
		case '#', '-', '+', '=':
			if b.Len() == 0 {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	out := b.String()
	// "1. text" or "1) text" at the start would become an ordered list.
	if j := strings.IndexFunc(out, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && (out[j] == '.' || out[j] == ')') {
		out = out[:j] + "\\" + out[j:]
	}
	return out
}

// cleanInline reports whether s needs no change at all: ASCII punctuation
// that Markdown reads is absent, white space is single spaces inside the
// text, and it does not start like a block (heading, list, quote, number).
func cleanInline(s string) bool {
	if s == "" {
		return true
	}
	switch c := s[0]; {
	case c == '#' || c == '-' || c == '+' || c == '=' || c == ' ' || (c >= '0' && c <= '9'):
		return false
	}
	if s[len(s)-1] == ' ' {
		return false
	}
	prevSpace, nonASCII := false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '\t', '\n', '\r', '\v', '\f':
			return false
		case ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		default:
			nonASCII = nonASCII || c >= 0x80
		}
		prevSpace = false
	}
	return !nonASCII || noUnicodeSpace(s)
}

// noUnicodeSpace reports whether s holds no non-ASCII white space (NBSP,
// line separators), which EscapeMarkdown folds.
func noUnicodeSpace(s string) bool {
	for _, r := range s {
		if r >= 0x80 && unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

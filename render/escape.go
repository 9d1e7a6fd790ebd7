package render

import "strings"

// EscapeMarkdown makes s safe to place inline in a Markdown template: it
// folds line breaks to spaces and backslash-escapes the characters that
// would otherwise start emphasis, links, code, HTML or entities, and a
// leading character that would start a heading, list or quote.
func EscapeMarkdown(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~':
			b.WriteByte('\\')
		case '#', '-', '+', '=':
			if i == 0 {
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

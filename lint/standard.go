package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// WithStandard returns a copy of r whose CheckDocument leaves out the
// texts of a document tree that are rolepack's own standard text (the
// default clauses, the documents' fixed headings and labels): the
// organisation did not write them, so a finding there is nothing they
// can act on. A text is left out when it is one of texts as a whole,
// white space folded; the organisation's own clauses and every framework
// and config text are still checked.
func (r *Rules) WithStandard(texts []string) *Rules {
	c := *r
	c.standard = make(map[string]bool, len(texts)+len(r.standard))
	for t := range r.standard {
		c.standard[t] = true
	}
	for _, t := range texts {
		if t = foldSpace(t); t != "" {
			c.standard[t] = true
		}
	}
	return &c
}

// isStandard reports whether text is one of the rules' standard texts.
func (r *Rules) isStandard(text string) bool {
	return r != nil && len(r.standard) > 0 && r.standard[foldSpace(text)]
}

// foldSpace is s with each run of white space one space and none at its
// ends. Most texts are so already (it is asked of every text a document
// checks): they are returned as they are, not split and joined again.
func foldSpace(s string) string {
	folded := len(s) == 0 || (s[0] != ' ' && s[len(s)-1] != ' ')
	for i := 0; folded && i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			folded = !unicode.IsSpace(r) // NBSP and the rest, which Fields splits at
			i += n - 1
		case c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			folded = false
		case c == ' ' && s[i+1] == ' ':
			folded = false
		}
	}
	if folded {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

package lint

import "strings"

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

func foldSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

package pack

import (
	"strings"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/i18n"
)

// StandardTexts are rolepack's own texts in the documents it writes: the
// default clauses (compose.DefaultClauses, both wordings) and the fixed
// headings and labels of every message catalogue that hold no
// placeholder. The editorial checks leave them out (lint.Rules.WithStandard):
// the organisation did not write them. An organisation's own clauses
// (organisation.clauses) are checked like any text of theirs.
func StandardTexts() []string {
	var out []string
	for _, nhs := range []bool{false, true} {
		for _, text := range compose.DefaultClauses(nhs) {
			out = append(out, text)
		}
	}
	for _, lang := range i18n.Languages {
		for _, m := range i18n.Embedded(lang) {
			texts := []string{m.Text}
			for _, f := range m.Forms {
				texts = append(texts, f)
			}
			for _, t := range texts {
				if t != "" && !strings.ContainsAny(t, "{%") {
					out = append(out, t)
				}
			}
		}
	}
	return out
}

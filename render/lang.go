package render

import (
	"regexp"
	"sort"
	"strings"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/i18n"
	"github.com/rolepack/rolepack/lint"
	"github.com/rolepack/rolepack/plan"
)

// englishTag is the language of the framework text a document in another
// language gives as the framework has it.
const englishTag = "en-GB"

// MarkLanguage tags the English in d, a document rendered from c in
// another language than English, so that a screen reader reads it in an
// English voice (WCAG 3.1.2, language of parts). What is English is
// known, first, from where it came from: the framework and config text c
// (and its plan or career map) gives untranslated, and the names of the
// frameworks it was composed from (EnglishText). A block, list item or
// table cell all of whose text is such text, or reads as English
// (lint.ReadsAsEnglish), is tagged whole (doc.MarkLanguage); within the
// rest, each piece of such text and each line that reads as English is
// tagged on its own (doc.MarkRuns). An English document is left as it is.
func MarkLanguage(d *doc.Document, c *compose.Context) {
	if i18n.Base(d.Meta.Language) == "en" {
		return
	}
	phrases := doc.NewPhrases(EnglishText(c))
	is := func(s string) bool { return lint.ReadsAsEnglish(s) || phrases.Covers(s) }
	d.MarkLanguage(englishTag, is)
	d.MarkRuns(englishTag, phrases, doc.NewPhrases(ownText(c.Messages())), lint.ReadsAsEnglish)
}

// verb is a printf verb in a catalogue message.
var verb = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[a-zA-Z%]`)

// ownText is the fixed wording of the catalogue m's language: each
// message's text (each plural form) cut at its verbs, the pieces of two
// words or more. MarkRuns tags none of it, so that a Welsh label before
// an English line ("Cwestiwn a awgrymir: Tell us about a time …") stays
// Welsh.
func ownText(m *i18n.Catalogue) []string {
	var out []string
	for _, msg := range i18n.Embedded(m.Lang()) {
		texts := []string{msg.Text}
		for _, f := range i18n.PluralForms {
			if t, ok := msg.Forms[f]; ok {
				texts = append(texts, t)
			}
		}
		for _, t := range texts {
			for _, p := range verb.Split(t, -1) {
				if p = strings.TrimSpace(p); strings.Contains(p, " ") {
					out = append(out, p)
				}
			}
		}
	}
	sort.Strings(out) // the map's order is not the same each run
	return out
}

// EnglishText is the text c's documents give in English because it comes
// from the frameworks or the config as written and has no translation in
// the run's language: the untranslated units of the context, of its
// development plan and of its career map, and the names of the
// frameworks the roles were composed from (which are never translated).
// Empty for a context in English.
func EnglishText(c *compose.Context) []string {
	if c == nil || c.Messages().English() {
		return nil
	}
	out := append([]string(nil), c.Untranslated...)
	for _, d := range []compose.Document{c.PDP, c.Ladder} {
		if t, ok := d.(compose.Translation); ok {
			out = append(out, t.UntranslatedText()...)
		}
	}
	sources := func(r *compose.Composed) {
		if r == nil {
			return
		}
		for _, s := range r.Sources {
			out = append(out, s.Name)
		}
	}
	sources(c.Role)
	if p, ok := c.PDP.(*plan.Plan); ok {
		sources(p.Current)
		sources(p.Target)
	}
	return out
}

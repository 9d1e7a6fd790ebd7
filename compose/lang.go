package compose

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/i18n"
)

// Messages is the message catalogue the documents are worded from: the
// config's language with its messages overrides (English when the context
// was made without one).
func (c *Context) Messages() *i18n.Catalogue {
	if c.msgs == nil {
		return i18n.English()
	}
	return c.msgs
}

// InEnglish is a copy of the context worded in English (en-GB), for the
// internal documents (the composition record), which stay in English.
func (c *Context) InEnglish() *Context {
	cp := *c
	cp.msgs, cp.Language = i18n.English(), "en-GB"
	if en := c.english; en != nil {
		// The framework and config text as it was before translation.
		cp.Footer = en.Title + strings.TrimPrefix(cp.Footer, cp.Title)
		cp.Title, cp.Selected, cp.Spec, cp.Role = en.Title, en.Selected, en.Spec, en.Role
		cp.Organisation, cp.Vacancy = en.Organisation, en.Vacancy
		cp.english = nil
	}
	return &cp
}

// localise loads the catalogue of the run's language into ctx and, for a
// language other than English, words in it what composing wrote in
// English: the long date, the document-control line and footer, the
// default standard clauses, the score scale and the Welsh language
// criterion (package plan words the development plan, package careermap
// the career map). Framework text stays as the framework has it
// (English): the count of such strings is a warning, each is listed in
// the record.
func localise(ctx *Context, cfg *config.Config, date time.Time, nhs bool, load func(*config.Config) (*i18n.Catalogue, error)) error {
	cat, err := load(cfg)
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.At("language"), err)
	}
	ctx.msgs = cat
	if cat.English() {
		return nil // composed in English
	}
	ctx.DateLong = cat.Date(date)
	ctx.Control = controlLineIn(cfg, date, cat)
	if cfg.Organisation.Clauses == nil {
		ctx.Organisation.Clauses = clausesIn(cat, nhs)
		ctx.clauseOrder = clauseOrderIn(cat)
	}
	ctx.Untranslated, ctx.translated = translate(ctx, cfg.Translated[cat.Lang()])
	if o := ctx.Organisation; o.Name != cfg.Organisation.Name || o.Department != cfg.Organisation.Department {
		// The document-control line names the organisation as translated.
		named := *cfg
		named.Organisation.Name, named.Organisation.Department = o.Name, o.Department
		ctx.Control = controlLineIn(&named, date, cat)
	}
	ctx.Footer = ctx.Title + " · " + ctx.Control
	ctx.Scale = scaleIn(cat, ctx.Scale)
	ctx.Spec = welshCriterionIn(cat, ctx.Spec)
	if n := len(ctx.Untranslated); n > 0 {
		ctx.Warnings = append(ctx.Warnings, fmt.Sprintf("language %s: %d framework %s no %s translation; the documents give %s in English and say so once (the record lists each)",
			ctx.Language, n, wording.Plural(n, "string has", "strings have"), languageName(cat.Lang()), wording.Plural(n, "it", "them")))
	}
	return nil
}

// languageName is a base language's English name, for messages.
func languageName(base string) string {
	if base == "cy" {
		return "Welsh"
	}
	return base
}

// controlLineIn is controlLine worded from cat.
func controlLineIn(cfg *config.Config, date time.Time, cat *i18n.Catalogue) string {
	en := controlLine(cfg, date)
	v := cfg.Document.Version
	if v == "" {
		v = cfg.Vacancy.Version
	}
	if v == "" {
		v = "1.0"
	}
	line := cat.T("doc.controlLine", v, cat.Date(date))
	if i := strings.Index(en, " · Owner: "); i >= 0 {
		line += " · " + cat.T("doc.owner", en[i+len(" · Owner: "):])
	}
	return line
}

// clausesIn are DefaultClauses worded from cat.
func clausesIn(cat *i18n.Catalogue, nhs bool) map[string]string {
	people := cat.T("clause.people")
	if nhs {
		people = cat.T("clause.people.nhs")
	}
	out := map[string]string{cat.T("clause.confidentiality.h"): cat.T("clause.confidentiality", people)}
	for _, k := range clauseKeys[1:] {
		out[cat.T("clause."+k+".h")] = cat.T("clause." + k)
	}
	return out
}

// clauseKeys are the catalogue keys of the default clauses.
var clauseKeys = []string{"confidentiality", "ig", "hs", "edi", "safeguarding"}

// clauseOrderIn is the headings of the default clauses worded from cat,
// in the order English sorts its own headings: a bilingual document's
// columns give each clause beside its translation.
func clauseOrderIn(cat *i18n.Catalogue) []string {
	keys := slices.Clone(clauseKeys)
	en := i18n.English()
	slices.SortFunc(keys, func(a, b string) int {
		return strings.Compare(en.T("clause."+a+".h"), en.T("clause."+b+".h"))
	})
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = cat.T("clause." + k + ".h")
	}
	return out
}

// Term is one of the organisation's clauses: its heading and its text.
type Term struct {
	Heading, Text string
}

// Terms are the organisation's clauses in the order the JD gives them:
// by heading (as a template ranging over organisation.clauses has them),
// except the default clauses worded in another language than English,
// which keep the order of their English headings.
func (c *Context) Terms() []Term {
	cl := c.Organisation.Clauses
	keys := make([]string, 0, len(cl))
	for _, h := range c.clauseOrder {
		if _, ok := cl[h]; ok {
			keys = append(keys, h)
		}
	}
	if len(keys) != len(cl) {
		keys = keys[:0]
		for h := range cl {
			keys = append(keys, h)
		}
		slices.Sort(keys)
	}
	out := make([]Term, len(keys))
	for i, h := range keys {
		out[i] = Term{Heading: h, Text: cl[h]}
	}
	return out
}

// scaleKeys are the catalogue prefixes of the built-in scales, by the
// name ScoreScale gives them; a custom scale is the organisation's words.
var scaleKeys = map[string]string{"1–7": "scale.plain", "Civil Service Success Profiles (1–7)": "scale.cs", "0–4": "scale.04"}

// scaleIn is s worded from cat: each anchor's label and meaning is one
// message, "Label|What it means".
func scaleIn(cat *i18n.Catalogue, s Scale) Scale {
	prefix, ok := scaleKeys[s.Name]
	if !ok {
		return s
	}
	out := s
	out.Name = cat.T(prefix + ".name")
	out.Anchors = make([]config.ScoreAnchor, len(s.Anchors))
	for i, a := range s.Anchors {
		label, means, _ := strings.Cut(cat.T(prefix+"."+strconv.Itoa(a.Score)), "|")
		out.Anchors[i] = config.ScoreAnchor{Score: a.Score, Label: label, Means: means}
	}
	return out
}

// welshCriterionIn words the Welsh language criterion (welsh.go) from cat.
func welshCriterionIn(cat *i18n.Catalogue, spec []Criterion) []Criterion {
	for i, c := range spec {
		if c.Group == "Other" && c.Text == "Welsh language skills" {
			out := append([]Criterion(nil), spec...)
			c.Text, c.Label = cat.T("welsh.criterion"), cat.T("welsh.criterion.label")
			if c.Question != "" {
				c.Question = cat.T("welsh.question")
			}
			out[i] = c
			return out
		}
	}
	return spec
}

// EnglishNote is the catalogue key of the one note a document in
// another language than English gives that framework text in it is in
// English: doc.frameworkEnglish when none of it has a translation,
// doc.frameworkPartlyEnglish when some has, "" when all has. A
// development plan and a career map count their own framework text
// (the Translation their package gives), not the candidate-facing
// documents'.
func (c *Context) EnglishNote() string {
	left, done := len(c.Untranslated), c.translated
	var d Document
	switch c.Kind {
	case "pdp":
		d = c.PDP
	case "progression":
		d = c.Ladder
	}
	if d != nil {
		t, ok := d.(Translation)
		if !ok {
			return "doc.frameworkEnglish"
		}
		left, done = len(t.UntranslatedText()), t.TranslatedUnits()
	}
	if left == 0 {
		return ""
	}
	if done > 0 {
		return "doc.frameworkPartlyEnglish"
	}
	return "doc.frameworkEnglish"
}

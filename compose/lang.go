package compose

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

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
// default standard clauses, the score scale, the Welsh language
// criterion, and the development plan's dates, reviews, heading and
// chart. Framework text stays as the framework has it (English): the
// count of such strings is a warning, each is listed in the record.
func localise(ctx *Context, cfg *config.Config, date time.Time, nhs bool) error {
	cat, err := i18n.Load(ctx.Language, cfg.Messages)
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
	}
	ctx.Untranslated, ctx.translated = translate(ctx, cfg.Translated[cat.Lang()])
	ctx.Footer = ctx.Title + " · " + ctx.Control
	ctx.Scale = scaleIn(cat, ctx.Scale)
	ctx.Spec = welshCriterionIn(cat, ctx.Spec)
	if ctx.PDP != nil {
		localisePlan(ctx.PDP, cat, date)
	}
	if n := len(ctx.Untranslated); n > 0 {
		ctx.Warnings = append(ctx.Warnings, fmt.Sprintf("language %s: %d framework %s no %s translation; the documents give %s in English and say so once (the record lists each)",
			ctx.Language, n, plural(n, "string has", "strings have"), languageName(cat.Lang()), plural(n, "it", "them")))
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
	for _, k := range []string{"ig", "hs", "edi", "safeguarding"} {
		out[cat.T("clause."+k+".h")] = cat.T("clause." + k)
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

// objectiveEvidenceRE is a suggested objective's evidence
// (objectiveEvidence) with the review it is looked at in.
var objectiveEvidenceRE = regexp.MustCompile(`^A piece of work that shows it, reviewed with your line manager at the (.+)$`)

var periodRE = regexp.MustCompile(`^(.+?) to (.+?)(?: \((\d+) months?\))?$`)

// defaultReviews are the plan's reviews when pdp.reviews names none, with
// their catalogue keys.
var defaultReviews = map[string]string{"Mid-point review": "pdp.review.mid", "End-of-period review": "pdp.review.end"}

// evidenceKeys are the fixed evidence lines of suggested actions
// (plan_actions.go), with their catalogue keys.
var evidenceKeys = map[string]string{
	"Notes of three sessions, and what you changed":              "pdp.evidence.sessions",
	"Completion record, and what you applied":                    "pdp.evidence.course",
	"The work, reviewed with your line manager":                  "pdp.evidence.work",
	"The pieces of work agreed, reviewed with your line manager": "pdp.evidence.agreed",
}

// localisePlan words the plan's dates, reviews, heading, footer and chart
// from cat.
func localisePlan(p *Plan, cat *i18n.Catalogue, date time.Time) {
	p.msgs = cat
	review := func(n string) string {
		if k, ok := defaultReviews[n]; ok {
			return cat.T(k)
		}
		return n
	}
	if m := periodRE.FindStringSubmatch(p.PeriodText); m != nil {
		p.PeriodText = cat.T("pdp.periodText", cat.Relong(m[1]), cat.Relong(m[2]))
		if m[3] != "" {
			n, _ := strconv.Atoi(m[3])
			p.PeriodText += " (" + cat.T("pdp.months", n) + ")"
		}
	}
	p.Reviews = append([]Review(nil), p.Reviews...)
	for i := range p.Reviews {
		r := &p.Reviews[i]
		r.Name, r.DateLong = review(r.Name), cat.LongDate(r.Date)
	}
	p.Objectives = append([]Objective(nil), p.Objectives...)
	for i := range p.Objectives {
		o := &p.Objectives[i]
		if _, std := defaultReviews[o.Review]; std && objectiveEvidenceRE.MatchString(o.Evidence) {
			o.Evidence = cat.T("pdp.evidence.objective", lowerFirstWord(review(o.Review)))
		}
		o.By, o.Review = cat.LongDate(o.Due), review(o.Review)
		if k, ok := evidenceKeys[o.Evidence]; ok {
			o.Evidence = cat.T(k)
		}
	}
	actions := make([]*Action, len(p.Actions))
	for i, a := range p.Actions {
		cp := *a
		cp.By = cat.Relong(a.By)
		if k, ok := evidenceKeys[a.Evidence]; ok {
			cp.Evidence = cat.T(k)
		}
		actions[i] = &cp
	}
	p.Actions = actions
	p.GapScale = make([]string, len(gapScale))
	for i, g := range gapScale {
		p.GapScale[i] = cat.T("gap." + g)
	}
	level := func(c *Composed) string {
		if c.Rung.Label != "" {
			return c.Rung.Label
		}
		return c.Title
	}
	if strings.HasPrefix(p.Heading, "From ") {
		p.Heading = cat.T("pdp.heading.move", p.CurrentName, p.TargetName)
	} else {
		p.Heading = cat.T("pdp.heading.same", p.Current.Title, level(p.Current), level(p.Target))
	}
	if strings.HasPrefix(p.footer, p.CurrentName+" to ") {
		p.footer = cat.T("pdp.periodText", p.CurrentName, p.TargetName) + " · " + cat.Date(date)
	} else {
		p.footer = fmt.Sprintf("%s · %s · %s", p.Current.Title, cat.T("pdp.periodText", p.Current.Rung.Label, p.Target.Rung.Label), cat.Date(date))
	}
}

// chartYAMLIn is ChartYAML worded from cat.
func (p *Plan) chartYAMLIn(cat *i18n.Catalogue) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", yamlString(cat.T("pdp.chart.title", p.TargetLevel)))
	alt := cat.T("pdp.chart.alt.some", len(p.ChartBars), len(p.Ranked), p.CurrentName, p.TargetName, len(p.Unchanged))
	if len(p.ChartBars) == len(p.Ranked) {
		alt = cat.T("pdp.chart.alt.all", len(p.Ranked), p.CurrentName, p.TargetName, len(p.Unchanged))
	}
	if p.ChartCut > 0 {
		alt += " " + cat.T("pdp.chart.alt.cut", p.ChartCut)
	}
	fmt.Fprintf(&b, "alt: %s\n", yamlString(alt))
	b.WriteString("scale: [")
	for i, s := range p.GapScale {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(yamlString(s))
	}
	fmt.Fprintf(&b, "]\nseries: [%s]\nbars:\n", yamlString(cat.T("pdp.chart.series")))
	for _, e := range p.ChartBars {
		fmt.Fprintf(&b, "  - label: %s\n    values: [%d]\n", yamlString(e.Name), e.Gap)
	}
	return b.String()
}

// EnglishNote is the catalogue key of the one note a document in
// another language than English gives that framework text in it is in
// English: doc.frameworkEnglish when none of it has a translation,
// doc.frameworkPartlyEnglish when some has, "" when all has. A
// development plan's and career map's own framework text is not
// translated yet, so they always give one.
func (c *Context) EnglishNote() string {
	if len(c.Untranslated) == 0 && c.Kind != "pdp" && c.Kind != "progression" {
		return ""
	}
	if c.translated > 0 {
		return "doc.frameworkPartlyEnglish"
	}
	return "doc.frameworkEnglish"
}

var (
	onlyRE  = regexp.MustCompile(`^(.+) only$`)
	andRE   = regexp.MustCompile(`^(.+) and (.+)$`)
	rangeRE = regexp.MustCompile(`^(.+) to (.+)$`)
)

// rungsIn words a run of rungs as the career map writes it ("Every
// level", "Head only", "Senior and Head", "Mid to Head") from cat.
func rungsIn(cat *i18n.Catalogue, at string) string {
	if at == "Every level" {
		return cat.T("ladder.everyLevel")
	}
	if m := onlyRE.FindStringSubmatch(at); m != nil {
		return cat.T("ladder.only", m[1])
	}
	if m := rangeRE.FindStringSubmatch(at); m != nil {
		return cat.T("ladder.range", m[1], m[2])
	}
	if m := andRE.FindStringSubmatch(at); m != nil {
		return cat.T("ladder.pair", m[1], m[2])
	}
	return at
}

// localiseLadder words the career map's section titles, the rungs each
// row is asked at, the spans and the footer from cat.
func localiseLadder(l *Ladder, cat *i18n.Catalogue, date time.Time) {
	for i := range l.Sections {
		sec := &l.Sections[i]
		sec.Title = cat.T("ladder.section." + sec.Kind)
		for j := range sec.Groups {
			for k := range sec.Groups[j].Rows {
				r := &sec.Groups[j].Rows[k]
				if r.Steady {
					r.At = rungsIn(cat, r.At)
				}
			}
		}
	}
	for i := range l.Spans {
		l.Spans[i].Label = rungsIn(cat, l.Spans[i].Label)
	}
	span := l.Rungs[0].Label
	if len(l.Rungs) > 1 {
		span = cat.T("ladder.range", l.Rungs[0].Label, l.Rungs[len(l.Rungs)-1].Label)
	}
	l.footer = fmt.Sprintf("%s · %s · %s", l.Title, span, cat.Date(date))
}

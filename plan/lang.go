package plan

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/i18n"
)

var periodRE = regexp.MustCompile(`^(.+?) to (.+?)(?: \((\d+) months?\))?$`)

// defaultReviews are the plan's reviews when pdp.reviews names none, with
// their catalogue keys.
var defaultReviews = map[string]string{"Mid-point review": "pdp.review.mid", "End-of-period review": "pdp.review.end"}

// evidenceKeys are the fixed evidence lines of suggested actions
// (actions.go), with their catalogue keys.
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
		if _, std := defaultReviews[o.Review]; std && o.measured {
			// the measure is worded in English from the descriptor: in
			// another language, the catalogue's line for it
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
		} else if a.worded {
			cp.Evidence = cat.T("pdp.evidence.work") // the outcome is English, worded from the descriptor
		}
		actions[i] = &cp
	}
	p.Actions = actions
	p.GapScale = make([]string, len(gapScale))
	for i, g := range gapScale {
		p.GapScale[i] = cat.T("gap." + g)
	}
	level := func(c *compose.Composed) string {
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
	fmt.Fprintf(&b, "]\nseries: [%s]\ncategory: %s\ndata: %s\nbars:\n", yamlString(cat.T("pdp.chart.series")), yamlString(cat.T("pdp.chart.category")), yamlString(cat.T("pdp.chart.data")))
	for _, e := range p.ChartBars {
		fmt.Fprintf(&b, "  - label: %s\n    values: [%d]\n", yamlString(e.Name), e.Gap)
	}
	return b.String()
}

package compose

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/rolepack/rolepack/framework"
)

// ActionKind is where an action's learning happens, after the 70-20-10
// model: most on the job, some from others, a little from courses.
type ActionKind string

// Action kinds.
const (
	OnTheJob    ActionKind = "job"
	FromOthers  ActionKind = "others"
	CourseStudy ActionKind = "course"
)

// actionKinds lists the kinds with their names and the 70-20-10 share each
// should have.
var actionKinds = []struct {
	kind  ActionKind
	name  string
	share int
}{
	{OnTheJob, "On the job", 70},
	{FromOthers, "Learning from others", 20},
	{CourseStudy, "Courses and reading", 10},
}

func kindName(k ActionKind) string {
	for _, a := range actionKinds {
		if a.kind == k {
			return a.name
		}
	}
	return string(k)
}

// Action is one concrete thing to do about a gap.
type Action struct {
	Entry    string     `json:"entry"` // the title of the entry it serves
	Kind     ActionKind `json:"kind"`
	KindName string     `json:"kindName"` // On the job, Learning from others, Courses and reading
	Title    string     `json:"title"`
	Detail   string     `json:"detail,omitempty"`
	Source   string     `json:"source"` // where it came from: a framework, the organisation's catalogue, or "suggested"
	Effort   string     `json:"effort,omitempty"`
	Evidence string     `json:"evidence"`
	By       string     `json:"by"` // date long
}

// Objective is a drafted objective for the two people to edit.
type Objective struct {
	Number   int      `json:"number"`
	Entry    string   `json:"entry"`
	What     string   `json:"what"`
	How      []string `json:"how"`
	Evidence string   `json:"evidence"`
	By       string   `json:"by"`
}

// MixShare is the share of the plan's actions of one kind, beside the
// 70-20-10 model's.
type MixShare struct {
	Name   string `json:"name"`
	Count  int    `json:"count"`
	Share  int    `json:"share"`  // per cent of the plan's actions
	Target int    `json:"target"` // per cent the model suggests
}

// maxObjectives and minObjectives bound the objectives drafted.
const (
	minObjectives = 3
	maxObjectives = 5
)

var (
	periodLength = regexp.MustCompile(`(?i)^(\d+)\s*(months?|years?)$`)
	periodSpan   = regexp.MustCompile(`(?i)^(.+?)\s+(?:to|-|–|until)\s+(.+)$`)
)

// schedule settles the plan's period and review dates from the plan date
// and pdp.period.
func (p *Plan) schedule(cfg *Config, date time.Time) error {
	period := strings.TrimSpace(cfg.PDP.Period)
	start, months := date, 12
	var end time.Time
	bad := func() error {
		return fmt.Errorf("%s: pdp.period %q: write a length (12 months, 1 year) or a span (April 2026 to March 2027)", cfg.At("pdp", "period"), period)
	}
	switch m := periodLength.FindStringSubmatch(period); {
	case period == "":
		period = "12 months"
		end = start.AddDate(0, months, 0)
	case m != nil:
		n, _ := strconv.Atoi(m[1])
		if strings.HasPrefix(strings.ToLower(m[2]), "year") {
			n *= 12
		}
		if n < 1 || n > 60 {
			return bad()
		}
		months = n
		end = start.AddDate(0, months, 0)
	default:
		s := periodSpan.FindStringSubmatch(period)
		if s == nil {
			return bad()
		}
		a, okA := parseWhen(s[1], false)
		b, okB := parseWhen(s[2], true)
		if !okA || !okB || !b.After(a) {
			return bad()
		}
		start, end, months = a, b, 0
	}
	p.Period, p.Start, p.End = period, start.Format("2006-01-02"), end.Format("2006-01-02")
	p.PeriodText = fmt.Sprintf("%s to %s", longDate(start), longDate(end))
	if months > 0 {
		p.PeriodText = fmt.Sprintf("%s (%s)", p.PeriodText, plural(months, "1 month", fmt.Sprintf("%d months", months)))
	}
	names := cfg.PDP.Reviews
	if len(names) == 0 {
		names = []string{"Mid-point review", "End-of-period review"}
	}
	for i, n := range names {
		var d time.Time
		if months > 0 && months*(i+1)%len(names) == 0 {
			d = start.AddDate(0, months*(i+1)/len(names), 0)
		} else {
			d = start.Add(time.Duration(int64(end.Sub(start)) * int64(i+1) / int64(len(names)))).Truncate(24 * time.Hour)
		}
		p.Reviews = append(p.Reviews, Review{Name: n, Date: d.Format("2006-01-02"), DateLong: longDate(d)})
	}
	return nil
}

// parseWhen reads "April 2026", "Apr 2026" or "2026-04-01"; a month names
// its first day, or its last when end is set.
func parseWhen(s string, end bool) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, true
	}
	for _, layout := range []string{"January 2006", "Jan 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			if end {
				t = t.AddDate(0, 1, -1)
			}
			return t, true
		}
	}
	return time.Time{}, false
}

func longDate(t time.Time) string { return t.Format("2 January 2006") }

// at returns the date the given fraction of the way through the period.
func (p *Plan) at(frac float64) string {
	s, _ := time.Parse("2006-01-02", p.Start)
	e, _ := time.Parse("2006-01-02", p.End)
	return longDate(s.Add(time.Duration(float64(e.Sub(s)) * frac)).Truncate(24 * time.Hour))
}

// byDate is when an action of each kind is due: courses early, so that
// there is time to use them; learning from others by the mid-point; work
// on the job by the end.
func (p *Plan) byDate(k ActionKind) string {
	switch k {
	case CourseStudy:
		return p.at(0.25)
	case FromOthers:
		return p.at(0.5)
	}
	return longDate(mustDate(p.End))
}

func mustDate(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

// candidate is an activity that may serve a gap.
type candidate struct {
	kind                          ActionKind
	title, detail, source, effort string
	evidence                      string
	skills                        map[string]bool // entry titles it names (normalised)
}

// genericStems are word stems too common to match an activity to a gap
// ("Management Development" says nothing about "Data development
// process").
var genericStems = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`data with your their skill work other using ensure such understand able
		knowledge organisation within across including appropriate relevant management development process
		design team gaining employing broader issues concepts methods techniques individuals groups providing
		level range support good wider new`) {
		genericStems[stem(w)] = true
	}
}

// stem is a word's matching form: its comparison key cut to five letters,
// so that "coaching" meets "coach" and "influencing" meets "influence".
func stem(w string) string {
	k := wordKey(w)
	if len(k) > 5 {
		k = k[:5]
	}
	return k
}

func significant(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(s) {
		k := stem(w)
		if len(k) > 3 && !genericStems[k] && !minorWords[wordKey(w)] {
			out[k] = true
		}
	}
	return out
}

// candidates lists the activities on offer: the target's framework
// training and development entries, then the organisation's catalogue.
func (p *Plan) candidates(cfg *Config) []candidate {
	var out []candidate
	for _, it := range p.Target.Items {
		if !activityKinds[it.Kind] {
			continue
		}
		text := it.Title + " " + strings.Join(it.Descriptors, " ")
		c := candidate{kind: frameworkActivityKind(it, text), title: it.Title, detail: strings.Join(it.Descriptors, " "),
			source: sourceOf(it, p.Target)}
		out = append(out, c)
	}
	for _, a := range cfg.Development.Activities {
		c := candidate{kind: ActionKind(strings.ToLower(a.Kind)), title: a.Title, source: "Organisation catalogue",
			effort: a.Effort, evidence: a.Evidence, skills: map[string]bool{}}
		for _, s := range a.Skills {
			c.skills[framework.NormalTitle(s)] = true
		}
		out = append(out, c)
	}
	return out
}

// frameworkActivityKind places a framework training or development entry
// in the 70-20-10 model from its words.
func frameworkActivityKind(it *Item, text string) ActionKind {
	if it.Kind == "training" {
		return CourseStudy
	}
	w := significant(text)
	for _, k := range []string{"assignment", "project", "temporary", "secondment", "practice"} {
		if w[k] {
			return OnTheJob
		}
	}
	for _, k := range []string{"mentor", "mentoring", "coaching", "shadowing", "network", "influencing", "negotiating", "seminar", "conference"} {
		if w[k] {
			return FromOthers
		}
	}
	return CourseStudy
}

// sourceOf names the framework an activity came from.
func sourceOf(it *Item, c *Composed) string {
	if len(it.Origins) == 0 {
		return "Framework"
	}
	id := it.Origins[0].Framework
	for _, s := range c.Sources {
		if s.Framework == id {
			return s.Name
		}
	}
	return id
}

// offers indexes the candidates by what makes one serve an entry (the
// entry titles a catalogue activity names, the telling words of its
// title), keeping for each key the first candidate of each kind and of any
// kind, so that finding an entry's activity costs its own words, not a
// pass over every candidate (issue 14: a plan was quadratic in entries
// times activities).
type offers struct {
	cands   []candidate
	byTitle map[ActionKind]map[string]int // kind ("" any) → normalised entry title → first candidate
	byWord  map[ActionKind]map[string]int // kind ("" any) → word stem → first candidate
}

func newOffers(cands []candidate) *offers {
	o := &offers{cands: cands, byTitle: map[ActionKind]map[string]int{}, byWord: map[ActionKind]map[string]int{}}
	first := func(m map[ActionKind]map[string]int, k ActionKind, key string, i int) {
		if m[k] == nil {
			m[k] = map[string]int{}
		}
		if _, ok := m[k][key]; !ok {
			m[k][key] = i
		}
	}
	for i, c := range cands {
		for t := range c.skills {
			first(o.byTitle, "", t, i)
			first(o.byTitle, c.kind, t, i)
		}
		for w := range significant(c.title) {
			first(o.byWord, "", w, i)
			first(o.byWord, c.kind, w, i)
		}
	}
	return o
}

// first returns the first candidate (of kind k, or any kind when k is "")
// that serves e, or -1: one the catalogue names e for, or one with a
// telling word of its title in e's title or in what is new at the target.
func (o *offers) first(e *PlanEntry, words map[string]bool, k ActionKind) int {
	best := -1
	take := func(i int, ok bool) {
		if ok && (best < 0 || i < best) {
			best = i
		}
	}
	i, ok := o.byTitle[k][framework.NormalTitle(e.Title)]
	take(i, ok)
	if byWord := o.byWord[k]; byWord != nil {
		for w := range words {
			i, ok := byWord[w]
			take(i, ok)
		}
	}
	return best
}

// entryWords are the significant words of an entry's title and of what is
// new at the target.
func entryWords(e *PlanEntry) map[string]bool {
	var b strings.Builder
	b.WriteString(e.Title)
	for _, spans := range e.Marked {
		for _, s := range spans {
			if s.New {
				b.WriteString(" " + s.Text)
			}
		}
	}
	return significant(b.String())
}

// plan drafts the actions, objectives and the mix.
func (p *Plan) plan(cfg *Config) {
	var changed []*PlanEntry
	for _, e := range p.Entries {
		if e.Changed() {
			changed = append(changed, e)
		}
	}
	top := largest(changed, maxObjectives)
	if len(top) > minObjectives {
		// beyond three, only gaps of medium size or more make objectives
		n := minObjectives
		for n < len(top) && top[n].Gap >= 2 {
			n++
		}
		top = top[:n]
	}
	isTop := map[*PlanEntry]bool{}
	for _, e := range top {
		isTop[e] = true
	}
	cands := newOffers(p.candidates(cfg))
	actionsOf := map[*PlanEntry][]*Action{}
	for _, e := range changed {
		words := entryWords(e)
		var kinds []ActionKind
		if isTop[e] {
			kinds = []ActionKind{OnTheJob, FromOthers, CourseStudy}
		}
		if !isTop[e] {
			// one action: an offered activity that serves it, else work on the job
			a := p.offered(cands, e, words, "")
			if a == nil {
				a = p.suggested(e, OnTheJob)
			}
			actionsOf[e] = append(actionsOf[e], a)
			continue
		}
		for _, k := range kinds {
			a := p.offered(cands, e, words, k)
			if a == nil {
				a = p.suggested(e, k)
			}
			actionsOf[e] = append(actionsOf[e], a)
		}
	}
	for _, e := range changed {
		p.Actions = append(p.Actions, actionsOf[e]...)
	}
	for i, e := range top {
		o := Objective{Number: i + 1, Entry: e.Title, What: objectiveText(e, p.TargetLevel), By: longDate(mustDate(p.End))}
		for _, a := range actionsOf[e] {
			o.How = append(o.How, a.Title)
		}
		// the work on the job shows the objective is met
		o.Evidence = actionsOf[e][0].Evidence
		p.Objectives = append(p.Objectives, o)
	}
	counts := map[ActionKind]int{}
	for _, a := range p.Actions {
		counts[a.Kind]++
	}
	for _, k := range actionKinds {
		share := 0
		if len(p.Actions) > 0 {
			share = (counts[k.kind]*100 + len(p.Actions)/2) / len(p.Actions)
		}
		p.Mix = append(p.Mix, MixShare{Name: k.name, Count: counts[k.kind], Share: share, Target: k.share})
	}
}

// offered returns an action from the first offered activity (of kind k,
// or any kind when k is "") that serves e, whose entryWords are words.
func (p *Plan) offered(o *offers, e *PlanEntry, words map[string]bool, k ActionKind) *Action {
	i := o.first(e, words, k)
	if i < 0 {
		return nil
	}
	c := o.cands[i]
	ev := c.evidence
	if ev == "" {
		ev = defaultEvidence(c.kind, e)
	}
	return &Action{Entry: e.Title, Kind: c.kind, KindName: kindName(c.kind), Title: c.title, Detail: c.detail,
		Source: c.source, Effort: c.effort, Evidence: ev, By: p.byDate(c.kind)}
}

// suggested is the built-in action of kind k for the kind of gap e has.
func (p *Plan) suggested(e *PlanEntry, k ActionKind) *Action {
	title := plainEntry(e.Title)
	var what string
	switch k {
	case OnTheJob:
		switch e.Change {
		case ChangeNew:
			what = fmt.Sprintf("Take on a piece of work that needs %s, with your line manager's support", title)
		case ChangeDifferent:
			what = fmt.Sprintf("Use what the target asks for in %s on a real piece of work, in place of what you use now", title)
		default:
			what = fmt.Sprintf("Stretch assignment: lead a piece of work in %s at the wider reach the target level asks for", title)
		}
	case FromOthers:
		switch e.Change {
		case ChangeNew:
			what = fmt.Sprintf("Shadow a colleague who already works in %s, then do it with their support", title)
		default:
			what = fmt.Sprintf("Ask a colleague working at the target level in %s to mentor you: agree what good looks like and review your work together", title)
		}
	default:
		what = fmt.Sprintf("A course, e-learning or reading on %s, agreed with your line manager; share what you learned with the team", title)
	}
	return &Action{Entry: e.Title, Kind: k, KindName: kindName(k), Title: what, Source: "Suggested",
		Evidence: defaultEvidence(k, e), By: p.byDate(k)}
}

// defaultEvidence is what shows an action of kind k for e is done.
func defaultEvidence(k ActionKind, e *PlanEntry) string {
	switch k {
	case FromOthers:
		return "Notes from at least three sessions and what you changed as a result"
	case CourseStudy:
		return "Completion record, and a short summary of what you applied"
	}
	return fmt.Sprintf("A piece of work in %s that meets the target level, reviewed with your line manager", plainEntry(e.Title))
}

// objectiveText drafts an objective from an entry's change: specific (its
// words), measurable (the evidence named beside it), time-bound (the date).
func objectiveText(e *PlanEntry, level string) string {
	s := e.Sentence
	if i := strings.Index(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	s = strings.TrimSuffix(s, ".")
	if e.Change == ChangeDifferent {
		if i := strings.Index(s, " (now: "); i >= 0 {
			s = s[:i]
		}
	}
	return fmt.Sprintf("Meet the %s expectation for %s: %s", level, plainEntry(e.Title), s)
}

var codeSuffix = regexp.MustCompile(`\s*\([A-Z]{1,5}\d+(?:\.\d+)*\)$`)

// plainEntry drops a code suffix such as "(B1.1)" from a title.
func plainEntry(s string) string { return strings.TrimSpace(codeSuffix.ReplaceAllString(s, "")) }

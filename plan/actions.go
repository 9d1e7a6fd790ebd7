package plan

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/internal/english"
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
	// Focus is, for an offered activity, what to practise in it for the
	// entry ("lead and win complex debates"); empty for a suggestion,
	// whose title is already worded for the entry.
	Focus string `json:"focus,omitempty"`
	// Join is the words joining Title to Focus (", to"), from the
	// catalogue, in the language of the focus: a focus is the framework's
	// or the organisation's English, so in a plan in another language it
	// is printed with the English catalogue's words, the whole action one
	// English block (a translated action is printed whole, with no focus).
	Join     string `json:"-"`
	Detail   string `json:"detail,omitempty"`
	Source   string `json:"source"` // where it came from: a framework, the organisation's catalogue, or "suggested"
	Effort   string `json:"effort,omitempty"`
	Evidence string `json:"evidence"`
	By       string `json:"by"` // date long

	worded bool // Evidence is an outcome worded for the entry's work (outcomes)
}

// Objective is a drafted objective for the two people to edit.
type Objective struct {
	Number   int      `json:"number"`
	Entry    string   `json:"entry"`
	What     string   `json:"what"`
	How      []string `json:"how"`
	Evidence string   `json:"evidence"`
	By       string   `json:"by"`     // date long
	Due      string   `json:"due"`    // YYYY-MM-DD
	Review   string   `json:"review"` // the review it is looked at in

	measured bool // Evidence is the measure worded for the entry (objectiveEvidence)
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
func (p *Plan) schedule(cfg *config.Config, date time.Time) error {
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
		p.PeriodText = fmt.Sprintf("%s (%s)", p.PeriodText, wording.Plural(months, "1 month", fmt.Sprintf("%d months", months)))
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

// checkpoints are the dates objectives fall due on, earliest first: each
// review date and the point half-way to it from the review before (or
// the start), so that objectives are spread over the period and each
// is looked at in a review.
func (p *Plan) checkpoints() []time.Time {
	start := mustDate(p.Start)
	var out []time.Time
	prev := start
	for _, r := range p.Reviews {
		d := mustDate(r.Date)
		if mid := prev.Add(d.Sub(prev) / 2).Truncate(24 * time.Hour); mid.After(prev) && mid.Before(d) {
			out = append(out, mid)
		}
		out = append(out, d)
		prev = d
	}
	if len(out) == 0 {
		out = append(out, mustDate(p.End))
	}
	return out
}

// actionDate is when an action of kind k toward a goal due on due is
// due: courses and reading early, so that there is time to use them;
// learning from others past half-way; work on the job by the goal's
// date.
func (p *Plan) actionDate(k ActionKind, due time.Time) string {
	start := mustDate(p.Start)
	frac := 1.0
	switch k {
	case CourseStudy:
		frac = 0.4
	case FromOthers:
		frac = 0.7
	}
	return longDate(start.Add(time.Duration(float64(due.Sub(start)) * frac)).Truncate(24 * time.Hour))
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
	// framework is set for a framework's own training or development
	// entry, which serves an entry only when its title's telling words
	// say so (see serves).
	framework bool
	stems     map[string]bool // the telling word stems of the title
}

// genericStems are word stems too common to match an activity to a gap
// ("Management Development" says nothing about "Data development
// process").
var genericStems = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`data with your their skill work other using ensure such understand able
		knowledge organisation within across including appropriate relevant management development process
		design team gaining employing broader issues concepts methods techniques individuals groups providing
		level range support good wider new participation affairs professional body latest short`) {
		genericStems[stem(w)] = true
	}
}

// stem is a word's matching form: its comparison key cut to five letters,
// so that "coaching" meets "coach" and "influencing" meets "influence".
func stem(w string) string {
	k := wording.WordKey(w)
	if len(k) > 5 {
		k = k[:5]
	}
	return k
}

func significant(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(s) {
		k := stem(w)
		if len(k) > 3 && !genericStems[k] && !wording.Minor(wording.WordKey(w)) {
			out[k] = true
		}
	}
	return out
}

// candidates lists the activities on offer: the target's framework
// training and development entries, then the organisation's catalogue.
func (p *Plan) candidates(cfg *config.Config) []candidate {
	var out []candidate
	for _, it := range p.Target.Items {
		if !activityKinds[it.Kind] {
			continue
		}
		c := candidate{kind: frameworkActivityKind(it), title: plainEntry(it.Title), detail: strings.Join(it.Descriptors, " "),
			source: sourceOf(it, p.Target), framework: true, stems: significant(it.Title)}
		out = append(out, c)
	}
	for _, a := range cfg.Development.Activities {
		c := candidate{kind: ActionKind(strings.ToLower(a.Kind)), title: a.Title, source: "Organisation catalogue",
			effort: a.Effort, evidence: a.Evidence, skills: map[string]bool{}, stems: significant(a.Title)}
		for _, s := range a.Skills {
			c.skills[framework.NormalTitle(s)] = true
		}
		out = append(out, c)
	}
	return out
}

// frameworkActivityKind places a framework training or development entry
// in the 70-20-10 model from the words of its title: an assignment or a
// project is work on the job, mentoring or a network is learning from
// others, the rest (training, reading, study) courses and reading.
func frameworkActivityKind(it *compose.Item) ActionKind {
	w := significant(it.Title)
	has := func(words ...string) bool {
		for _, k := range words {
			if w[stem(k)] {
				return true
			}
		}
		return false
	}
	switch {
	case has("assignment", "project", "temporary", "secondment", "practice", "placement"):
		return OnTheJob
	case has("mentoring", "coaching", "shadowing", "network", "negotiating", "influencing", "seminar", "conference"):
		return FromOthers
	}
	return CourseStudy
}

// sourceOf names the framework an activity came from.
func sourceOf(it *compose.Item, c *compose.Composed) string {
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
// title), so that finding an entry's activity costs its own words, not a
// pass over every candidate (issue 14: a plan was quadratic in entries
// times activities).
type offers struct {
	cands   []candidate
	byTitle map[string][]int // normalised entry title → candidates naming it, in order
	byWord  map[string][]int // word stem → candidates with it in their title, in order
}

func newOffers(cands []candidate) *offers {
	o := &offers{cands: cands, byTitle: map[string][]int{}, byWord: map[string][]int{}}
	for i, c := range cands {
		for t := range c.skills {
			o.byTitle[t] = append(o.byTitle[t], i)
		}
		for w := range c.stems {
			o.byWord[w] = append(o.byWord[w], i)
		}
	}
	return o
}

// serves reports whether candidate c serves an entry whose title has the
// telling stems title and whose title and new words have words. A
// catalogue activity serves an entry it names or one with a telling word
// of its title; a framework entry serves one whose title shares a telling
// word with its title, or whose words hold every telling word of its
// title ("Project Assignments" is no offer for "Budget control" because
// its budgets are of projects).
func (c *candidate) serves(title, words map[string]bool) bool {
	if !c.framework {
		return true // found by a name or a word: enough for the catalogue
	}
	all := len(c.stems) > 0
	for s := range c.stems {
		if title[s] {
			return true
		}
		all = all && words[s]
	}
	return all
}

// first returns the first candidate of kind k (any kind when k is "") in
// the candidates' order that serves e and is not in used, or -1.
func (o *offers) first(e *PlanEntry, words map[string]bool, k ActionKind, used map[int]bool) int {
	title := significant(e.Title)
	best := -1
	try := func(is []int, check bool) {
		for _, i := range is {
			if best >= 0 && i >= best {
				return
			}
			c := &o.cands[i]
			if used[i] || k != "" && c.kind != k || check && !c.serves(title, words) {
				continue
			}
			best = i
			return
		}
	}
	try(o.byTitle[framework.NormalTitle(e.Title)], false)
	for w := range words {
		try(o.byWord[w], true)
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

// plan drafts the objectives, the actions and the mix: three to five
// objectives from the largest gaps, due on dates spread over the
// period's checkpoints; one action of each kind for each objective's
// entry; one action for each other changed entry (for a large move, one
// for each group of them).
func (p *Plan) plan(cfg *config.Config) {
	top := p.Ranked
	if len(top) > maxObjectives {
		top = top[:maxObjectives]
	}
	if len(top) > minObjectives {
		// beyond three, only gaps of medium size or more make objectives
		n := minObjectives
		for n < len(top) && top[n].Gap >= 2 {
			n++
		}
		top = top[:n]
	}
	// the largest gap gets the most time: due dates from the last
	// checkpoint back, then listed earliest first
	cps := p.checkpoints()
	due := map[*PlanEntry]time.Time{}
	for i, e := range top {
		due[e] = cps[len(cps)-1-i*len(cps)/len(top)]
	}
	objs := append([]*PlanEntry(nil), top...)
	sort.SliceStable(objs, func(i, j int) bool { return due[objs[i]].Before(due[objs[j]]) })

	cands := newOffers(p.candidates(cfg))
	used := map[int]bool{}
	w := newWordedActions(p)
	actionsOf := map[*PlanEntry][]*Action{}
	end := mustDate(p.End)
	for _, e := range objs {
		words := entryWords(e)
		for _, k := range []ActionKind{OnTheJob, FromOthers, CourseStudy} {
			a := p.offered(cands, e, words, k, used, due[e])
			if a == nil {
				a = w.suggested(e, k, due[e])
			}
			actionsOf[e] = append(actionsOf[e], a)
		}
	}
	isObj := map[*PlanEntry]bool{}
	for _, e := range objs {
		isObj[e] = true
	}
	var rest []*PlanEntry
	for _, e := range p.Ranked {
		if !isObj[e] {
			rest = append(rest, e)
		}
	}
	for _, e := range objs {
		p.Actions = append(p.Actions, actionsOf[e]...)
	}
	if p.Large {
		// what the frameworks and the catalogue offer for the other
		// entries, each offer once; the rest planned by group
		var left []*PlanEntry
		for _, e := range rest {
			a := p.offered(cands, e, entryWords(e), "", used, end)
			if a == nil {
				left = append(left, e)
				continue
			}
			for i := range cands.cands {
				if cands.cands[i].title == a.Title && cands.cands[i].source == a.Source {
					used[i] = true
				}
			}
			p.Actions = append(p.Actions, a)
		}
		p.Actions = append(p.Actions, w.byGroup(left, end)...)
	} else {
		for _, e := range rest {
			a := p.offered(cands, e, entryWords(e), "", used, end)
			if a == nil {
				a = w.suggested(e, OnTheJob, end)
			}
			p.Actions = append(p.Actions, a)
		}
	}
	measured := map[family]int{}
	for i, e := range objs {
		d := due[e]
		f := w.focusOf(e)
		o := Objective{Number: i + 1, Entry: e.Name, What: objectiveText(e, f), By: longDate(d), Due: d.Format("2006-01-02"), Review: p.reviewOf(d)}
		for _, a := range actionsOf[e] {
			o.How = append(o.How, a.Title)
		}
		o.Evidence, o.measured = objectiveEvidence(f.measure(measured[f.family]), actionsOf[e][0], o.Review)
		measured[f.family]++
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

// reviewOf names the first review on or after d.
func (p *Plan) reviewOf(d time.Time) string {
	for _, r := range p.Reviews {
		if !mustDate(r.Date).Before(d) {
			return r.Name
		}
	}
	if n := len(p.Reviews); n > 0 {
		return p.Reviews[n-1].Name
	}
	return ""
}

// offered returns an action from the first offered activity (of kind k,
// or any kind when k is "") that serves e and has not served another
// entry, whose entryWords are words, toward a goal due on due.
func (p *Plan) offered(o *offers, e *PlanEntry, words map[string]bool, k ActionKind, used map[int]bool, due time.Time) *Action {
	i := o.first(e, words, k, used)
	if i < 0 {
		return nil
	}
	c := o.cands[i]
	if c.framework {
		used[i] = true // one entry each: a framework offer is not a blanket
	}
	ev := c.evidence
	if ev == "" {
		ev = defaultEvidence(c.kind, e)
	}
	return &Action{Entry: e.Name, Kind: c.kind, KindName: kindName(c.kind), Title: c.title, Focus: newFocus(e, "", p.TargetLevel).do,
		Detail: c.detail, Source: c.source, Effort: c.effort, Evidence: ev, By: p.actionDate(c.kind, due)}
}

// wordedActions words the built-in actions for their entries, each once:
// no two say the same apart from the entry's name, and no two entries'
// actions share a sentence frame while another frame fits.
type wordedActions struct {
	p      *Plan
	seen   map[string]bool       // action texts without the entry name, lower case
	frames map[string]bool       // the frames used (frameKey)
	next   map[ActionKind]int    // where each kind's next frame is looked for
	turn   map[family]int        // which outcome of each family comes next
	focus  map[*PlanEntry]*focus // each entry's focus, read once
	person string                // who at the target already does it
}

func newWordedActions(p *Plan) *wordedActions {
	return &wordedActions{p: p, seen: map[string]bool{}, frames: map[string]bool{}, next: map[ActionKind]int{},
		turn: map[family]int{}, focus: map[*PlanEntry]*focus{}, person: targetPerson(p.Target.Title, p.Target.Rung.Label)}
}

// unique reports whether text, for the entry named name, says what no
// action before it said, and remembers it.
func (w *wordedActions) unique(text, name string) bool {
	k := strings.ToLower(strings.ReplaceAll(text, name, ""))
	if w.seen[k] {
		return false
	}
	w.seen[k] = true
	return true
}

// focusOf is e's focus, read once.
func (w *wordedActions) focusOf(e *PlanEntry) *focus {
	f := w.focus[e]
	if f == nil {
		f = newFocus(e, w.person, w.p.TargetLevel)
		w.focus[e] = f
	}
	return f
}

// suggested is the built-in action of kind k for e toward a goal due on
// due, worded from what is new at the target (the descriptor that says
// the change best, as compose/wording reads it): a piece of work with
// what shows it is done, a colleague at the target to shadow, pair with
// or be mentored by, a course or reading and what to do with it. The
// frame is the kind's next one that fits and that no other entry's
// action has used.
func (w *wordedActions) suggested(e *PlanEntry, k ActionKind, due time.Time) *Action {
	f := w.focusOf(e)
	var kinds []int
	for i, fr := range frames {
		if fr.kind == k {
			kinds = append(kinds, i)
		}
	}
	outs := []string{defaultEvidence(k, e)}
	if k == OnTheJob {
		outs = outcomes[f.family]
	}
	fitting := false
	for _, i := range kinds {
		fitting = fitting || frames[i].fits == nil || frames[i].fits(f)
	}
	pick := func(avoid bool) (string, string, int, bool) {
		first, firstEv, firstN := "", "", 0
		for n := range kinds {
			fr := frames[kinds[(w.next[k]+n)%len(kinds)]]
			if fitting && fr.fits != nil && !fr.fits(f) {
				continue
			}
			text := fr.text(f)
			for j := range outs {
				ev := outs[(w.turn[f.family]+j)%len(outs)]
				if first == "" {
					first, firstEv, firstN = text, ev, n
				}
				if avoid && w.frames[frameKey(text+" "+ev, e)] || w.seen[strings.ToLower(strings.ReplaceAll(text, e.Name, ""))] {
					continue
				}
				return text, ev, n, true
			}
		}
		return first, firstEv, firstN, false
	}
	text, ev, n, ok := pick(true)
	if !ok {
		text, ev, n, ok = pick(false)
	}
	if !ok {
		text += " (" + e.Group + ")"
	}
	w.next[k] = (w.next[k] + n + 1) % len(kinds)
	if k == OnTheJob {
		w.turn[f.family]++
	}
	w.frames[frameKey(text+" "+ev, e)] = true
	w.unique(text, e.Name)
	return &Action{Entry: e.Name, Kind: k, KindName: kindName(k), Title: text, Source: "Suggested",
		Evidence: ev, By: w.p.actionDate(k, due), worded: k == OnTheJob}
}

// byGroup is one action for each group of the entries es (changed
// entries of a large move beyond the objectives'): the group's entries
// named, to plan after the first review.
func (w *wordedActions) byGroup(es []*PlanEntry, due time.Time) []*Action {
	var order []string
	of := map[string][]string{}
	for _, e := range es {
		if _, ok := of[e.Group]; !ok {
			order = append(order, e.Group)
		}
		of[e.Group] = append(of[e.Group], e.Name)
	}
	first := "At the first review"
	if len(w.p.Reviews) > 0 {
		first = "At the " + lowerFirstWord(w.p.Reviews[0].Name)
	}
	review := "the first review"
	if len(w.p.Reviews) > 0 {
		review = "the " + lowerFirstWord(w.p.Reviews[0].Name)
	}
	// each group in its own words, in turn, so that the rows do not read
	// alike with only the group swapped
	many := []string{
		"%[1]s, agree which two or three of the other %[2]d (%[3]s, listed above) to work on next, and a piece of work for each",
		"With your line manager at %[4]s, pick the %[3]s (%[2]d more, listed above) that matter most now, and a piece of work for each",
		"After %[4]s, take the other %[2]d in %[3]s (listed above) one or two at a time, each with a piece of work",
	}
	few := []string{
		"%[1]s, agree a piece of work for %[2]s",
		"With your line manager at %[3]s, plan a piece of work for %[2]s",
		"After %[3]s, take on a piece of work for %[2]s",
	}
	// a row that agrees work at the first review is due then; one taken
	// on after it is due with the plan
	agreeBy := longDate(due)
	if len(w.p.Reviews) > 0 && w.p.Reviews[0].DateLong != "" {
		agreeBy = w.p.Reviews[0].DateLong
	}
	var out []*Action
	for i, g := range order {
		names := of[g]
		what := strings.ToLower(g)
		if len(names) == 1 {
			what = names[0]
		}
		text := fmt.Sprintf(many[i%len(many)], first, len(names), what, review)
		if len(names) <= 3 {
			list := names[0]
			if len(names) > 1 {
				list = "each of " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
			}
			text = fmt.Sprintf(few[i%len(few)], first, list, review)
		}
		entry := fmt.Sprintf("%s (%d more)", g, len(names))
		w.unique(text, entry)
		by := agreeBy
		if i%len(many) == len(many)-1 { // "After the … review, take …"
			by = longDate(due)
		}
		out = append(out, &Action{Entry: entry, Kind: OnTheJob, KindName: kindName(OnTheJob), Title: text, Source: "Suggested",
			Evidence: "The pieces of work agreed, reviewed with your line manager", By: by})
	}
	return out
}

// defaultEvidence is what shows an action of kind k for e is done.
func defaultEvidence(k ActionKind, e *PlanEntry) string {
	switch k {
	case FromOthers:
		return "Notes of three sessions, and what you changed"
	case CourseStudy:
		return "Completion record, and what you applied"
	}
	return "The work, reviewed with your line manager"
}

// objectiveEvidence is what shows an objective is met, and whether it
// is the measure worded for the entry: the organisation's own evidence
// for the activity on the job it offers, else measure; with when it is
// looked at.
func objectiveEvidence(measure string, job *Action, review string) (string, bool) {
	ev, measured := measure, true
	if job.Source == "Organisation catalogue" && job.Evidence != defaultEvidence(job.Kind, nil) {
		ev, measured = job.Evidence, false
	}
	if review != "" {
		ev += ", looked at in the " + lowerFirstWord(review)
	}
	return ev, measured
}

// briefWords is the most words a brief keeps before cutting at a clause;
// actionWords the most an action's wording of it keeps.
const (
	briefWords  = 15
	actionWords = 12
	// focusWords is the most a built-in action's focus keeps, the
	// frame's own words being around it.
	focusWords = 12
)

// clause cuts s to at most n words (s stays whole up to a quarter more)
// at the end of a clause (a comma, a
// semicolon, or before "and", "to", "while", "which", …), never inside
// brackets, without its end stop; s stays whole when no clause ends early
// enough to keep half of it.
func clause(s string, n int) string {
	s = strings.TrimRight(strings.TrimSpace(s), ".;")
	w := strings.Fields(s)
	if len(w) <= n+n/4 {
		return s // a few words over: whole reads better than cut
	}
	// depth[i] is how many brackets are open before word i
	depth := make([]int, len(w)+1)
	for i, x := range w {
		depth[i+1] = depth[i] + strings.Count(x, "(") - strings.Count(x, ")")
	}
	// a comma or a semicolon first, then before a clause word
	for pass := 0; pass < 2; pass++ {
		for i := n; i >= n/2; i-- {
			if depth[i] > 0 || !clauseEnd(w, i, pass) {
				continue
			}
			kept := w[:i]
			for len(kept) > 1 {
				l := strings.ToLower(strings.TrimRight(kept[len(kept)-1], ",;"))
				if !english.IsConjunction(l) && !english.IsPreposition(l) && !english.IsModal(l) && !english.IsDeterminer(l) && !danglingWords[l] {
					break
				}
				kept = kept[:len(kept)-1]
			}
			return strings.TrimRight(strings.Join(kept, " "), ",;")
		}
	}
	return s
}

// clauseEnd reports whether a clause of w ends before word i: after a
// comma or semicolon (pass 0), or before a word that starts a clause
// (pass 1): "and" or "to" before a verb ("and ensure …", "to create …";
// not inside "to gather and establish …", whose verbs share an object),
// "while", "where", "which", ….
func clauseEnd(w []string, i, pass int) bool {
	if pass == 0 {
		if strings.HasSuffix(w[i-1], ",") && sharedVerbs(strings.TrimSuffix(w[i-1], ","), w[i]) {
			return false // "investigate, resolve and anticipate problems": the verbs share what follows
		}
		if english.IsPreposition(strings.TrimRight(w[i-1], ",;")) {
			return false // "speak on behalf of, and represent the community to, large audiences": the object comes after
		}
		return strings.HasSuffix(w[i-1], ",") || strings.HasSuffix(w[i-1], ";")
	}
	switch strings.ToLower(w[i]) {
	case "and", "to":
		if i >= 2 && strings.EqualFold(w[i-2], "to") && english.IsBase(w[i-1]) {
			return false // "to gather and establish user needs": two verbs share what follows
		}
		if i+1 < len(w) && sharedVerbs(w[i-1], w[i+1]) {
			return false // "tools for storing and working with metadata"
		}
		if i+1 < len(w) {
			_, f := english.Verb(w[i+1])
			return f != english.NotVerb && f != english.Past
		}
	case "where", "which", "when":
		// after a verb, the object it asks about: "determine which …",
		// "understand when to use …"
		_, f := english.Verb(strings.ToLower(strings.TrimRight(w[i-1], ",;")))
		return strings.HasSuffix(w[i-1], ",") || f != english.Base && f != english.Gerund
	case "so", "while", "including", "unless", "even", "without":
		return true
	}
	return false
}

// sharedVerbs reports whether a and b, either side of a comma or a
// conjunction, are verbs of one form with nothing between them: the
// first has no object of its own, so the two share what follows.
func sharedVerbs(a, b string) bool {
	_, fa := english.Verb(strings.ToLower(a))
	_, fb := english.Verb(strings.ToLower(strings.TrimRight(b, ",;")))
	return fa == fb && (fa == english.Base || fa == english.Gerund)
}

// danglingWords are words a cut clause does not end with.
var danglingWords = map[string]bool{"how": true, "why": true, "what": true, "whether": true, "that": true, "whose": true, "even": true, "only": true, "often": true, "also": true, "always": true, "then": true, "as": true, "than": true}

// nounStarts are first words that make a noun phrase even when they can
// be verbs: "Experience in leading teams" asks to show experience.
var nounStarts = map[string]bool{"experience": true, "knowledge": true, "understanding": true, "awareness": true,
	"ability": true, "proficiency": true, "expertise": true, "strategic": true, "responsibility": true,
	"oversight": true, "familiarity": true, "competence": true, "skill": true, "skills": true}

// dropAdverbs are adverbs left out when a descriptor becomes an
// instruction ("You often lead" → "Lead").
var dropAdverbs = map[string]bool{"often": true, "always": true, "also": true, "consistently": true, "regularly": true, "usually": true}

// imperative turns a descriptor into an instruction, the way a manager
// writes an objective: "Can use data visualisation tools to …" → "Use
// data visualisation tools to …", "You are able to lead …" → "Lead …",
// "You have created a team …" → "Create a team …", "You are an ally …" →
// "Be an ally …", "Leads the team" → "Lead the team"; a noun phrase is
// something to show ("Strategic oversight of …" → "Demonstrate strategic
// oversight of …").
func imperative(d string) string {
	w := strings.Fields(strings.TrimSpace(d))
	if len(w) == 0 {
		return ""
	}
	at := func(i int, words ...string) bool {
		if i+len(words) > len(w) {
			return false
		}
		for k, x := range words {
			if !strings.EqualFold(strings.Trim(w[i+k], ",;:"), x) {
				return false
			}
		}
		return true
	}
	i, you := 0, false
	if at(0, "you") {
		i, you = 1, true
	}
	only := false
	for i < len(w) {
		l := strings.ToLower(w[i])
		switch {
		case at(i, "are", "able", "to"), at(i, "is", "able", "to"), at(i, "be", "able", "to"):
			i += 3
			continue
		case at(i, "able", "to"):
			i += 2
			continue
		case l == "only":
			only = true
			i++
			continue
		case dropAdverbs[l], english.IsModal(l) && i+1 < len(w):
			i++
			continue
		}
		break
	}
	if i >= len(w) {
		return d
	}
	rest := w[i:]
	first := strings.ToLower(rest[0])
	base, form := english.Verb(first)
	switch {
	case nounStarts[first] || form == english.NotVerb || form == english.Gerund && len(rest) > 1 && strings.EqualFold(rest[1], "of"):
		rest = append([]string{"demonstrate"}, lowerFirstWords(rest)...)
	case base == "have" && len(rest) > 1:
		if b, f := english.Verb(rest[1]); f == english.Past {
			rest = append([]string{b}, rest[2:]...)
		} else {
			rest[0] = "have"
		}
	case form != english.Base:
		rest[0] = base
	default:
		rest[0] = first
	}
	out := strings.Join(rest, " ")
	if you {
		out = strings.NewReplacer(" and are ", " and be ", " and is ", " and be ").Replace(out)
	}
	out = strings.ReplaceAll(out, " and can ", " and ")
	if only {
		if j := strings.Index(out, " where "); j >= 0 {
			out = out[:j] + " only" + out[j:]
		}
	}
	return strings.ToUpper(out[:1]) + out[1:]
}

// lowerFirstWords lower-cases the first word of ws as lowerFirstWord does.
func lowerFirstWords(ws []string) []string {
	out := append([]string(nil), ws...)
	if len(out) > 0 {
		out[0] = lowerFirstWord(out[0])
	}
	return out
}

var codeSuffix = regexp.MustCompile(`\s*\([A-Z]{1,5}\d+(?:\.\d+)*\)$`)

// plainEntry drops a code suffix such as "(B1.1)" from a title.
func plainEntry(s string) string { return strings.TrimSpace(codeSuffix.ReplaceAllString(s, "")) }

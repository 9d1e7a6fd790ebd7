package plan

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/i18n"
)

// Plan is a personal development plan: a role composition now and one at
// the target (the same role a rung up, or another role), every entry the
// target expects beside what is expected now, what changes in words, the
// actions that close each gap, drafted objectives and review dates.
type Plan struct {
	Person  string `json:"person,omitempty"`
	Manager string `json:"manager,omitempty"`
	// Period is the plan's length as written ("12 months"), Start and End
	// its dates (YYYY-MM-DD), PeriodText how documents say it.
	Period     string   `json:"period"`
	PeriodText string   `json:"periodText"`
	Start      string   `json:"start"`
	End        string   `json:"end"`
	Reviews    []Review `json:"reviews"`

	Current *compose.Composed `json:"current"`
	Target  *compose.Composed `json:"target"`
	// CurrentName and TargetName name each position without repeating a
	// title ("Data engineer, Mid"; "Lead data scientist").
	CurrentName string `json:"currentName"`
	TargetName  string `json:"targetName"`
	// Heading is the line under the document title: "Data engineer: from
	// Mid to Senior", or "From Data scientist to Lead data scientist".
	Heading string `json:"heading"`
	// TargetLevel is how a sentence names the target ("Senior").
	TargetLevel string `json:"targetLevel"`

	Entries []*PlanEntry `json:"entries"` // every entry the target expects, in the target's order
	Groups  []PlanGroup  `json:"groups"`  // Entries as the target role groups them
	// Dropped lists entries asked for now that the target does not ask for.
	Dropped    []*compose.Item `json:"dropped,omitempty"`
	Actions    []*Action       `json:"actions"`
	Objectives []Objective     `json:"objectives"`
	Mix        []MixShare      `json:"mix"`       // the actions' share by kind, against 70-20-10
	GapScale   []string        `json:"gapScale"`  // chart scale, smallest gap first
	ChartBars  []*PlanEntry    `json:"chartBars"` // the entries the chart shows: Biggest
	ChartCut   int             `json:"chartCut"`  // changed entries left off the chart

	// CurrentText and TargetText say in a sentence what each position is
	// (the level's summary, else the role's description); empty when
	// neither source has one.
	CurrentText string `json:"currentText,omitempty"`
	TargetText  string `json:"targetText,omitempty"`
	// Ranked is every changed entry, largest gap first (ties in the
	// target's order); Biggest its first few, the summary's.
	Ranked  []*PlanEntry `json:"ranked"`
	Biggest []*PlanEntry `json:"biggest"`
	// Unchanged lists the entries the target asks for in the same words.
	Unchanged []*PlanEntry `json:"unchanged,omitempty"`
	// Large is set when more than LargeMove entries change: the document
	// then summarises the changes by group (ByGroup) instead of listing
	// each one.
	Large   bool          `json:"large"`
	ByGroup []GroupChange `json:"byGroup,omitempty"`
	// Annex is config pdp.annex: the document ends with every entry side
	// by side (Groups).
	Annex bool `json:"annex"`

	footer, provenance string          // the plan's own, naming both levels
	msgs               *i18n.Catalogue // set when the plan is worded in a language other than English
	// droppedNames are DroppedNames as translated (translate.go); nil
	// before translation.
	droppedNames []string
	untranslated []string // the English of the units with no translation (translate.go)
	translatedN  int      // how many units a translation gave
	unmarked     bool     // a descriptor is given in translation, unmarked
}

// Review is one check-in of the plan.
type Review struct {
	Name     string `json:"name"`
	Date     string `json:"date"`     // YYYY-MM-DD
	DateLong string `json:"dateLong"` // 1 October 2026
}

// PlanGroup is a group of entries as the role groups them.
type PlanGroup struct {
	Name    string       `json:"name"`
	Entries []*PlanEntry `json:"entries"`
}

// GroupChange is what changes in one group of a large move.
type GroupChange struct {
	Name      string `json:"name"`
	Changed   int    `json:"changed"` // entries of the group that change
	Of        int    `json:"of"`      // entries of the group
	New       int    `json:"new"`
	Stronger  int    `json:"stronger"`
	Different int    `json:"different"`
	// Names are the changed entries' names, largest gap first.
	Names []string `json:"names"`
	// Largest is the group's largest change.
	Largest *PlanEntry `json:"largest"`
}

// DroppedNames are the names of the entries asked for now that the target
// does not ask for, without framework codes.
func (p *Plan) DroppedNames() []string {
	if p.droppedNames != nil {
		return p.droppedNames
	}
	out := make([]string, len(p.Dropped))
	for i, it := range p.Dropped {
		out[i] = plainEntry(it.Title)
	}
	return out
}

// NamesText lists the group's changed entries in one line.
func (g GroupChange) NamesText() string { return strings.Join(g.Names, ", ") }

// CountText says how the group changes ("10 new", "3 stronger and 1
// different").
func (g GroupChange) CountText() string {
	var parts []string
	for _, c := range []struct {
		n    int
		name string
	}{{g.New, "new"}, {g.Stronger, "stronger"}, {g.Different, "different"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.name))
		}
	}
	switch len(parts) {
	case 0:
		return "none"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// Change says how an entry differs between now and the target.
type Change string

// Changes between now and the target, decided from the descriptors' words.
const (
	ChangeNew       Change = "new"       // not asked for now
	ChangeStronger  Change = "stronger"  // more of the same: wider reach, more responsibility
	ChangeDifferent Change = "different" // asks for something else (another tool, another focus)
	ChangeUnchanged Change = "unchanged" // the same words
)

// Gap sizes, the chart's scale.
var gapScale = []string{"None", "Small", "Medium", "Large", "All new"}

// PlanEntry is one entry the target expects, beside what is expected now.
type PlanEntry struct {
	Kind  string `json:"kind"`
	Group string `json:"group"`
	Title string `json:"title"`
	Code  string `json:"code,omitempty"`
	// Name is the title as a PDP prints it: no framework code.
	Name    string   `json:"name"`
	Current []string `json:"current"`
	Target  []string `json:"target"`
	// HasCurrent is set when the current level asks for the entry (with
	// or without descriptors).
	HasCurrent bool `json:"hasCurrent"`
	// Marked is Target word by word, what the current level does not have
	// marked new.
	Marked [][]wording.Span `json:"marked"`
	Change Change           `json:"change"`
	// NewShare is the share of the target's words that are new (0–1).
	NewShare float64 `json:"newShare"`
	Gap      int     `json:"gap"` // index into Plan.GapScale
	GapLabel string  `json:"gapLabel"`
	// Sentence says the change in one plain sentence ("New at Senior: …").
	Sentence string `json:"sentence,omitempty"`
	// Shown are the descriptors of Marked with new words, at most
	// maxShown of them (those with the most new words, in their order);
	// More counts those left out.
	Shown [][]wording.Span `json:"shown,omitempty"`
	More  int              `json:"more,omitempty"`
	// Brief is what is new, as something to do: the descriptor with the
	// most new words, turned into an instruction and cut at a clause
	// ("Mediate between people and strengthen relationships").
	Brief string `json:"brief,omitempty"`

	best int // index of the descriptor that says the change best
}

// Changed reports whether the entry asks for anything new at the target.
func (e *PlanEntry) Changed() bool { return e.Change != ChangeUnchanged }

// activityKinds are entry kinds that are ways to develop, not expectations.
var activityKinds = map[string]bool{"training": true, "development": true}

// checkPlanSize refuses a target that expects more than config.MaxPlanEntries.
func checkPlanSize(cfg *config.Config, tgt *compose.Composed) error {
	n := 0
	for _, it := range tgt.Items {
		if !activityKinds[it.Kind] {
			n++
		}
	}
	if n > config.MaxPlanEntries {
		return fmt.Errorf("%s: the PDP's target (%s) expects %s entries; a PDP lists at most %s: take fewer of its sources' entries (kinds:, remove:) or a narrower catalogue",
			cfg.At("pdp", "to"), tgt.Title, wording.Thousands(n), wording.Thousands(config.MaxPlanEntries))
	}
	return nil
}

// New compares two compositions and drafts the plan from date.
func New(cfg *config.Config, cur, tgt *compose.Composed, date time.Time) (*Plan, error) {
	if err := checkPlanSize(cfg, tgt); err != nil {
		return nil, err
	}
	p := &Plan{Person: cfg.PDP.Person, Manager: cfg.PDP.Manager, Current: cur, Target: tgt}
	if err := p.schedule(cfg, date); err != nil {
		return nil, err
	}
	p.name()
	curByKey := map[string]*compose.Item{}
	for _, it := range cur.Items {
		curByKey[compose.EntryKey(it.Kind, it.Title)] = it
	}
	seen := map[string]bool{}
	groupIdx := map[string]int{}
	for _, it := range tgt.Items {
		if activityKinds[it.Kind] {
			continue
		}
		k := compose.EntryKey(it.Kind, it.Title)
		seen[k] = true
		e := &PlanEntry{Kind: it.Kind, Group: groupName(it), Title: it.Title, Code: it.Code, Name: plainEntry(it.Title), Target: it.Descriptors}
		if c := curByKey[k]; c != nil {
			e.Current, e.HasCurrent = c.Descriptors, true
		}
		e.compare(curByKey[k], it)
		e.Sentence = sentenceFor(e, p.TargetLevel)
		if e.Changed() && len(e.Target) > 0 {
			e.Brief = clause(imperative(e.Target[e.best]), briefWords)
			e.show()
		}
		p.Entries = append(p.Entries, e)
		i, ok := groupIdx[e.Group]
		if !ok {
			i = len(p.Groups)
			groupIdx[e.Group] = i
			p.Groups = append(p.Groups, PlanGroup{Name: e.Group})
		}
		p.Groups[i].Entries = append(p.Groups[i].Entries, e)
	}
	for _, it := range cur.Items {
		if !activityKinds[it.Kind] && !seen[compose.EntryKey(it.Kind, it.Title)] {
			p.Dropped = append(p.Dropped, it)
		}
	}
	p.GapScale = gapScale
	p.Annex = cfg.PDP.Annex
	p.CurrentText, p.TargetText = positionText(cur), positionText(tgt)
	if p.TargetText == p.CurrentText {
		p.TargetText = "" // the role's description, said once
	}
	p.rank()
	p.chart()
	p.plan(cfg)
	return p, nil
}

// compare settles the entry's change, marked words and gap size.
func (e *PlanEntry) compare(cur, tgt *compose.Item) {
	for _, d := range e.Target {
		spans := wording.MarkNew(d, e.Current)
		if n := len(spans); n > 0 {
			// as the current level's descriptors read: a sentence each
			spans[0].Text = strings.ToUpper(spans[0].Text[:1]) + spans[0].Text[1:]
			if last := spans[n-1].Text; !strings.HasSuffix(last, ".") && !strings.HasSuffix(last, "?") && !strings.HasSuffix(last, "!") {
				spans[n-1].Text += "."
			}
		}
		e.Marked = append(e.Marked, spans)
	}
	switch {
	case cur == nil || len(cur.Descriptors) == 0 && len(tgt.Descriptors) > 0:
		e.Change, e.NewShare = ChangeNew, 1
	default:
		e.NewShare = wording.NewShare(e.Target, e.Current)
		switch {
		case equalWords(e.Target, e.Current):
			e.Change = ChangeUnchanged
		case tgt.LevelNumber > cur.LevelNumber && cur.LevelNumber > 0,
			wording.AddsScope(e.Target, e.Current):
			e.Change = ChangeStronger
		case tgt.LevelNumber < cur.LevelNumber && tgt.LevelNumber > 0:
			e.Change = ChangeDifferent
		case e.NewShare == 0:
			// the same words, rearranged or trimmed
			e.Change = ChangeUnchanged
		default:
			e.Change = ChangeDifferent
		}
	}
	switch {
	case e.Change == ChangeUnchanged:
		e.Gap = 0
	case e.Change == ChangeNew:
		e.Gap = 4
	case e.NewShare >= 0.6:
		e.Gap = 3
	case e.NewShare >= 0.3:
		e.Gap = 2
	default:
		e.Gap = 1
	}
	e.GapLabel = gapScale[e.Gap]
}

// maxShown is the most descriptors the list of changes shows an entry
// with.
const maxShown = 4

// show picks the descriptors the list of changes shows: those with new
// words, at most maxShown, the ones with the most new words first, kept
// in their order.
func (e *PlanEntry) show() {
	type desc struct{ i, n int }
	var ds []desc
	for i, spans := range e.Marked {
		n := 0
		for _, s := range spans {
			if s.New {
				n += len(strings.Fields(s.Text))
			}
		}
		if n > 0 {
			ds = append(ds, desc{i, n})
		}
	}
	if len(ds) > maxShown {
		e.More = len(ds) - maxShown
		sort.SliceStable(ds, func(a, b int) bool { return ds[a].n > ds[b].n })
		ds = ds[:maxShown]
		sort.Slice(ds, func(a, b int) bool { return ds[a].i < ds[b].i })
	}
	for _, d := range ds {
		e.Shown = append(e.Shown, e.Marked[d.i])
	}
}

// equalWords reports whether two descriptor lists say the same words, in
// order, ignoring case and punctuation.
func equalWords(a, b []string) bool {
	norm := func(ds []string) string {
		var ks []string
		for _, w := range strings.Fields(strings.Join(ds, " ")) {
			if k := wording.WordKey(w); k != "" {
				ks = append(ks, k)
			}
		}
		return strings.Join(ks, " ")
	}
	return norm(a) == norm(b)
}

// sentenceFor says the change in one plain sentence.
func sentenceFor(e *PlanEntry, level string) string {
	if e.Change == ChangeUnchanged || len(e.Target) == 0 {
		return ""
	}
	// the descriptor with the most new words says the change best
	best, bestN := 0, -1
	for i, spans := range e.Marked {
		n := 0
		for _, s := range spans {
			if s.New {
				n += len(strings.Fields(s.Text))
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	e.best = best
	what := lowerFirstWord(strings.TrimRight(strings.TrimSpace(e.Target[best]), ".;"))
	switch e.Change {
	case ChangeNew:
		return fmt.Sprintf("New at %s: %s.", level, what)
	case ChangeStronger:
		return fmt.Sprintf("Stronger at %s: %s.", level, what)
	}
	was := ""
	if len(e.Current) > 0 {
		was = lowerFirstWord(strings.TrimRight(strings.TrimSpace(e.Current[0]), ".;"))
	}
	return fmt.Sprintf("Different at %s: %s (now: %s).", level, what, was)
}

// lowerFirstWord lower-cases the first letter unless the first word is an
// acronym or a name ("OMOP", "Power BI").
func lowerFirstWord(s string) string {
	if s == "" {
		return s
	}
	first := strings.Fields(s)[0]
	if len(first) > 1 && strings.ToUpper(first) == first {
		return s
	}
	if len(first) > 1 && strings.ToLower(first[1:]) != first[1:] {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// name sets the plan's position names and heading, naming a title once.
func (p *Plan) name() {
	pos := func(c *compose.Composed) string {
		t, l := strings.TrimSpace(c.Title), strings.TrimSpace(c.Rung.Label)
		switch {
		case l == "" || strings.EqualFold(t, l):
			return t
		case strings.Contains(strings.ToLower(l), strings.ToLower(t)):
			return l
		}
		return t + ", " + l
	}
	p.CurrentName, p.TargetName = pos(p.Current), pos(p.Target)
	levelName := func(c *compose.Composed) string {
		if c.Rung.Label != "" {
			return c.Rung.Label
		}
		return c.Title
	}
	p.TargetLevel = levelName(p.Target)
	sameRole := strings.EqualFold(p.Current.Title, p.Target.Title) && p.Current.Rung.Label != p.Target.Rung.Label &&
		!strings.Contains(strings.ToLower(p.Current.Rung.Label), strings.ToLower(p.Current.Title))
	if sameRole {
		p.Heading = fmt.Sprintf("%s: from %s to %s", p.Current.Title, levelName(p.Current), levelName(p.Target))
		return
	}
	p.Heading = fmt.Sprintf("From %s to %s", p.CurrentName, p.TargetName)
}

// Summary sizes: the summary names between minBiggest and maxBiggest of
// the largest changes (as many as fit on its page) (all of them when fewer change), and a move of more
// than LargeMove changes is summarised by group.
const (
	minBiggest = 5
	maxBiggest = 6
	LargeMove  = 20
)

// rank orders the changed entries by size, picks the summary's biggest
// and, for a large move, summarises the changes by group.
func (p *Plan) rank() {
	var changed []*PlanEntry
	for _, e := range p.Entries {
		if e.Changed() {
			changed = append(changed, e)
		} else {
			p.Unchanged = append(p.Unchanged, e)
		}
	}
	p.Ranked = largest(changed, len(changed))
	// the biggest: at least minBiggest, then on while the gaps stay as
	// large as the last one taken, up to maxBiggest
	n := min(len(p.Ranked), minBiggest)
	for n < len(p.Ranked) && n < maxBiggest && p.Ranked[n].Gap >= p.Ranked[n-1].Gap && p.Ranked[n].Gap >= 2 {
		n++
	}
	p.Biggest = p.Ranked[:n]
	p.Large = len(changed) > LargeMove
	if !p.Large {
		return
	}
	for _, g := range p.Groups {
		gc := GroupChange{Name: g.Name, Of: len(g.Entries)}
		var ch []*PlanEntry
		for _, e := range g.Entries {
			if e.Changed() {
				ch = append(ch, e)
			}
		}
		if len(ch) == 0 {
			continue
		}
		for _, e := range largest(ch, len(ch)) {
			gc.Changed++
			gc.Names = append(gc.Names, e.Name)
			switch e.Change {
			case ChangeNew:
				gc.New++
			case ChangeStronger:
				gc.Stronger++
			default:
				gc.Different++
			}
			if gc.Largest == nil {
				gc.Largest = e
			}
		}
		p.ByGroup = append(p.ByGroup, gc)
	}
}

// chart shows the summary's biggest changes, in order of size, so that
// the chart stays small enough to sit on one page with its caption.
func (p *Plan) chart() {
	p.ChartBars = p.Biggest
	p.ChartCut = len(p.Ranked) - len(p.Biggest)
}

// positionText is a position in one sentence: the level's summary, else
// the role's own description.
func positionText(c *compose.Composed) string {
	for _, ts := range [][]string{c.Summary, c.Description, c.RoleText} {
		for _, t := range ts {
			if t = strings.TrimSpace(t); t != "" {
				return firstSentence(t)
			}
		}
	}
	return ""
}

// firstSentence is s up to the end of its first sentence.
func firstSentence(s string) string {
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' && i > 20 {
			return s[:i+1]
		}
	}
	return s
}

// largest returns the n entries with the largest gaps, largest first;
// ties keep document order.
func largest(es []*PlanEntry, n int) []*PlanEntry {
	s := append([]*PlanEntry(nil), es...)
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Gap != s[j].Gap {
			return s[i].Gap > s[j].Gap
		}
		return s[i].NewShare > s[j].NewShare
	})
	if len(s) > n {
		s = s[:n]
	}
	return s
}

func groupName(it *compose.Item) string {
	if it.Group != "" {
		return it.Group
	}
	return strings.ToUpper(it.Kind[:1]) + it.Kind[1:]
}

// ChartYAML renders the gap chart as the body of a ```chart block: per
// changed entry, how much of the target is new.
func (p *Plan) ChartYAML() string {
	if p.msgs != nil {
		return p.chartYAMLIn(p.msgs)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", yamlString(fmt.Sprintf("How much is new at %s: the biggest changes", p.TargetLevel)))
	fmt.Fprintf(&b, "alt: %s\n", yamlString(p.ChartAlt()))
	b.WriteString("scale: [")
	for i, s := range p.GapScale {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(yamlString(s))
	}
	b.WriteString("]\nseries: [Gap]\nbars:\n")
	for _, e := range p.ChartBars {
		fmt.Fprintf(&b, "  - label: %s\n    values: [%d]\n", yamlString(e.Name), e.Gap)
	}
	return b.String()
}

// ChartAlt summarises the chart in words: which changes it shows, out of
// how many, and how large each is.
func (p *Plan) ChartAlt() string {
	alt := fmt.Sprintf("Bar chart of the gap for the %d biggest of the %d %s from %s to %s (%d unchanged).",
		len(p.ChartBars), len(p.Ranked), wording.Plural(len(p.Ranked), "change", "changes"), p.CurrentName, p.TargetName, len(p.Unchanged))
	if len(p.ChartBars) == len(p.Ranked) {
		alt = fmt.Sprintf("Bar chart of the gap for each of the %d %s from %s to %s (%d unchanged).",
			len(p.Ranked), wording.Plural(len(p.Ranked), "change", "changes"), p.CurrentName, p.TargetName, len(p.Unchanged))
	}
	for g := len(p.GapScale) - 1; g > 0; g-- {
		var names []string
		for _, e := range p.ChartBars {
			if e.Gap == g {
				names = append(names, e.Name)
			}
		}
		if len(names) > 0 {
			alt += fmt.Sprintf(" %s: %s.", p.GapScale[g], strings.Join(names, ", "))
		}
	}
	if p.ChartCut > 0 {
		alt += fmt.Sprintf(" %d smaller %s not shown.", p.ChartCut, wording.Plural(p.ChartCut, "gap", "gaps"))
	}
	return alt
}

// yamlString quotes s as a YAML double-quoted scalar.
func yamlString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ")
	return `"` + r.Replace(s) + `"`
}

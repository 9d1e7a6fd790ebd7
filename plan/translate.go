package plan

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/config"
)

// The plan's translation units are its framework and config text as the
// plan prints it, for translators (compose.Unit): the positions (role
// titles, level names, what each position is), each entry's name with
// what is new as something to do and its objective, the descriptors the
// list of changes and the annex show, each action as the table words it,
// non-standard evidence, and the group names. Ids name the entry at the
// level its target composition gives it and the form printed
// ("….skill-data-modelling.pdp-objective", "….d2.descriptor",
// "….pdp-action-job"), so they do not depend on the order of the plan;
// an action is keyed by its entry and kind, whatever words the action
// builder gives it. The strings one cell or sentence prints are one
// group: Welsh together or English together.

// Units lists the plan's translation units, in the order the plan
// prints them, each once.
func (p *Plan) Units() []compose.Unit {
	cp := p.clone()
	var l compose.UnitList
	cp.walk(&l)
	return l.Units()
}

// TranslatedUnits is how many of the plan's units are given in the run's
// language (compose.Translation).
func (p *Plan) TranslatedUnits() int { return p.translatedN }

// UntranslatedText is the English of the plan's units with no
// translation in a run in another language, once each
// (compose.Translation): the record lists them.
func (p *Plan) UntranslatedText() []string { return p.untranslated }

// Unmarked reports whether a descriptor the plan prints is given in
// translation, whole, without the words new at the target marked: the
// list of changes says so.
func (p *Plan) Unmarked() bool { return p.unmarked }

// clone is a copy of p whose entries, actions, objectives and positions a
// translation may change without touching another plan or the
// compositions it was made from.
func (p *Plan) clone() *Plan {
	cp := *p
	cur, tgt := *p.Current, *p.Target
	cp.Current, cp.Target = &cur, &tgt
	byOld := map[*PlanEntry]*PlanEntry{}
	cp.Entries = make([]*PlanEntry, len(p.Entries))
	for i, e := range p.Entries {
		x := *e
		x.Marked = append([][]wording.Span(nil), e.Marked...)
		cp.Entries[i] = &x
		byOld[e] = &x
	}
	entries := func(es []*PlanEntry) []*PlanEntry {
		if es == nil {
			return nil
		}
		out := make([]*PlanEntry, len(es))
		for i, e := range es {
			out[i] = byOld[e]
		}
		return out
	}
	cp.Ranked, cp.Biggest, cp.Unchanged, cp.ChartBars = entries(p.Ranked), entries(p.Biggest), entries(p.Unchanged), entries(p.ChartBars)
	cp.Groups = make([]PlanGroup, len(p.Groups))
	for i, g := range p.Groups {
		cp.Groups[i] = PlanGroup{Name: g.Name, Entries: entries(g.Entries)}
	}
	cp.ByGroup = make([]GroupChange, len(p.ByGroup))
	for i, g := range p.ByGroup {
		g.Names = append([]string(nil), g.Names...)
		if g.Largest != nil {
			g.Largest = byOld[g.Largest]
		}
		cp.ByGroup[i] = g
	}
	if p.ByGroup == nil {
		cp.ByGroup = nil
	}
	cp.Actions = make([]*Action, len(p.Actions))
	for i, a := range p.Actions {
		x := *a
		cp.Actions[i] = &x
	}
	cp.Objectives = append([]Objective(nil), p.Objectives...)
	for i := range cp.Objectives {
		cp.Objectives[i].How = append([]string(nil), p.Objectives[i].How...)
	}
	cp.droppedNames = append([]string(nil), p.DroppedNames()...)
	return &cp
}

// wordingSpans is one descriptor's marked spans.
type wordingSpans = []wording.Span

// groupActionRE is the entry of an action for a group of entries
// (actions.go's byGroup): the group's name and how many.
var groupActionRE = regexp.MustCompile(`^(.+) \(\d+ more\)$`)

// translatePlan gives p's framework text in the translations of tr, a
// group of units all or none (see Units), and records what it left in
// English.
func translatePlan(p *Plan, tr config.Translations) *Plan {
	cp := p.clone()
	var l compose.UnitList
	fix := cp.walk(&l)
	cp.untranslated, cp.translatedN = l.Translate(tr)
	fix()
	return cp
}

// catalogueEvidence reports whether the evidence line ev of an action or
// objective is one localisePlan words from the catalogue in another
// language (a fixed line, or an objective's measure looked at in a
// default review), not the organisation's or the plan's own words.
func catalogueEvidence(ev string, o *Objective) bool {
	if _, ok := evidenceKeys[ev]; ok {
		return true
	}
	if o == nil {
		return false
	}
	_, std := defaultReviews[o.Review]
	return std && o.measured
}

// walk adds p's units to l, each writing into p, and returns what to do
// once l has translated them: put each translated descriptor in place
// of its marked words, and give every place that names an entry its
// translated name.
func (p *Plan) walk(l *compose.UnitList) (fix func()) {
	move := "a development plan from " + p.CurrentName + " to " + p.TargetName
	items := map[string]*compose.Item{}
	for _, it := range p.Target.Items {
		items[compose.EntryKey(it.Kind, it.Title)] = it
	}
	curItems := map[string]*compose.Item{}
	for _, it := range p.Current.Items {
		curItems[compose.EntryKey(it.Kind, it.Title)] = it
	}
	entryID := func(e *PlanEntry) string {
		if it := items[compose.EntryKey(e.Kind, e.Title)]; it != nil {
			return compose.EntryUnitID(it)
		}
		return compose.UnitID("entry", e.Kind+"-"+e.Title)
	}
	nameID := compose.EntryTitleUnitID

	// The positions: the summary's table and the heading.
	// a framework role's title may be its level's: an id for each level
	l.Add(compose.UnitID("role", p.Current.ID, p.Current.Rung.ID, "role-title"), "the title of a role at a level (the heading of "+move+", and the positions it names)", &p.Current.Title)
	l.Add(compose.UnitID("role", p.Target.ID, p.Target.Rung.ID, "role-title"), "the title of a role at a level (the heading of "+move+", and the positions it names)", &p.Target.Title)
	l.Add(compose.RungLabelUnitID(p.Current.Rung), "the name of a level of the organisation's ladder (the documents' keywords; the career map; "+move+")", &p.Current.Rung.Label)
	l.Add(compose.RungLabelUnitID(p.Target.Rung), "the name of a level of the organisation's ladder (the documents' keywords; the career map; "+move+")", &p.Target.Rung.Label)
	l.Add(p.Current.TextUnitID()+".pdp-position", "what the position "+p.CurrentName+" is, in a sentence, after its name in "+move+" (\"Where you are now\")", &p.CurrentText)
	l.Add(p.Target.TextUnitID()+".pdp-position", "what the position "+p.TargetName+" is, in a sentence, after its name in "+move+" (\"Where you are going\")", &p.TargetText)
	l.Next()
	curLabel, tgtLabel := p.Current.Rung.Label, p.Target.Rung.Label

	objective := map[string]*Objective{}
	for i := range p.Objectives {
		objective[p.Objectives[i].Entry] = &p.Objectives[i]
	}
	type desc struct {
		e    *PlanEntry
		i    int
		text string
		was  string
	}
	var descs []*desc
	oldName := map[*PlanEntry]string{}
	for _, e := range p.Entries {
		it := items[compose.EntryKey(e.Kind, e.Title)]
		if it == nil {
			continue
		}
		oldName[e] = e.Name
		base := compose.EntryUnitID(it)
		q := "“" + e.Name + "”"
		l.Add(nameID(it, e.Name), "the name of a "+e.Kind+" as the development plan and career map print it", &e.Name)
		l.Add(base+".pdp-brief", "what is new about "+q+" at "+p.TargetLevel+", as something to do, in "+move+" (beside the entry's name in the summary)", &e.Brief)
		if o := objective[oldName[e]]; o != nil {
			l.Add(base+".pdp-objective", "an objective in "+move+", for "+q+" (after the entry's name in bold: \"Name: …\")", &o.What)
		}
		l.Next()
		// the descriptors the list of changes or the annex prints
		shown := map[int]bool{}
		if p.Annex {
			for i := range e.Marked {
				shown[i] = true
			}
		} else if !p.Large && e.Changed() {
			for _, s := range e.Shown {
				for i, m := range e.Marked {
					if len(s) > 0 && len(m) > 0 && &s[0] == &m[0] {
						shown[i] = true
					}
				}
			}
		}
		for i, d := range e.Target {
			if !shown[i] || i >= len(e.Marked) {
				continue
			}
			x := &desc{e: e, i: i, text: compose.Sentence(d)}
			x.was = x.text
			descs = append(descs, x)
			l.Add(compose.DescriptorUnitID(it, d, "descriptor"), "what "+q+" asks at "+p.TargetLevel+", one sentence, printed whole (development plan and career map; in English the words new at the level are marked)", &x.text)
		}
		l.Next()
		if p.Annex && len(e.Current) > 0 {
			if ci := curItems[compose.EntryKey(e.Kind, e.Title)]; ci != nil {
				cur := make([]string, len(e.Current))
				for i, d := range e.Current {
					cur[i] = compose.Sentence(d)
					l.Add(compose.DescriptorUnitID(ci, d, "descriptor"), "what "+q+" asks of "+p.CurrentName+", one sentence (development plan and career map)", &cur[i])
				}
				e.Current = cur
				l.Next()
			}
		}
	}
	for i, it := range p.Dropped {
		l.Add(nameID(it, p.droppedNames[i]), "the name of a "+it.Kind+" asked for now that "+p.TargetName+" does not ask for (development plan)", &p.droppedNames[i])
		l.Next()
	}
	if p.Annex || p.Large {
		for i := range p.Groups {
			g := &p.Groups[i]
			l.Add(compose.UnitID("group", g.Name), "the name of a group of entries (a heading of the development plan and the career map)", &g.Name)
			l.Next()
		}
		for i := range p.ByGroup {
			g := &p.ByGroup[i]
			l.Add(compose.UnitID("group", g.Name), "the name of a group of entries (a heading of the development plan and the career map)", &g.Name)
			l.Next()
		}
	}
	for i := range p.Objectives {
		o := &p.Objectives[i]
		if o.Evidence != "" && !catalogueEvidence(o.Evidence, o) {
			l.Add(compose.UnitID("pdp", "objective-evidence", compose.TextHash(o.Evidence)), "what shows an objective of "+move+" is met (the organisation's evidence for an activity, with the review it is looked at in)", &o.Evidence)
			l.Next()
		}
	}
	byName := map[string]*PlanEntry{}
	for _, e := range p.Entries {
		if n, ok := oldName[e]; ok && byName[n] == nil {
			byName[n] = e
		}
	}
	taken := map[string]int{}
	printed := make([]string, len(p.Actions))
	entryOf := make([]string, len(p.Actions))
	for i, a := range p.Actions {
		entryOf[i] = a.Entry
		e := byName[a.Entry]
		var id string
		switch m := groupActionRE.FindStringSubmatch(a.Entry); {
		case e != nil:
			id = entryID(e) + ".pdp-action-" + string(a.Kind)
		case m != nil:
			// one action for a group of entries ("Data (3 more)")
			id = p.Target.TextUnitID() + ".group-" + compose.UnitID(m[1]) + ".pdp-action-" + string(a.Kind)
		default:
			id = p.Target.TextUnitID() + ".pdp-action-" + string(a.Kind) + "." + compose.TextHash(a.Entry)
		}
		if n := taken[id]; n > 0 {
			id += "-" + strconv.Itoa(n+1)
		}
		taken[id]++
		printed[i] = actionPrinted(a)
		what := "an action (" + strings.ToLower(kindName(a.Kind)) + ") in " + move
		if e != nil {
			l.Add(id, what+", for “"+a.Entry+"”, as the table of actions words it beside the entry's name", &printed[i])
		} else {
			l.Add(id+".entry", "the entries an action of "+move+" is for (the table of actions' first column)", &a.Entry)
			l.Add(id, what+", for the entries beside it, as the table of actions words it", &printed[i])
		}
		l.Next()
		if a.Evidence != "" && !a.worded && !catalogueEvidence(a.Evidence, nil) {
			// (a worded outcome, like a fixed line, is the catalogue's line in another language)
			l.Add(compose.UnitID("development", "evidence", compose.TextHash(a.Evidence)), "what shows an activity of the organisation's catalogue is done (development plan)", &a.Evidence)
			l.Next()
		}
	}
	return func() {
		// A source's level named as the ladder names it ("SDE skills
		// matrix (Mid)") takes the level's translated name.
		p.Current.Sources = levelNames(p.Current.Sources, curLabel, p.Current.Rung.Label)
		p.Target.Sources = levelNames(p.Target.Sources, tgtLabel, p.Target.Rung.Label)
		for _, x := range descs {
			if x.text != x.was {
				x.e.Marked[x.i] = wordingSpans{{Text: x.text}}
				p.unmarked = true
			}
		}
		// Shown again from the translated descriptors, in their order.
		for e := range oldName {
			if len(e.Shown) == 0 || p.Annex {
				continue
			}
			var shown []wordingSpans
			for _, x := range descs {
				if x.e == e {
					shown = append(shown, e.Marked[x.i])
				}
			}
			if len(shown) == len(e.Shown) {
				e.Shown = shown
			}
		}
		renamed := map[string]string{}
		for e, n := range oldName {
			if e.Name != n {
				renamed[n] = e.Name
			}
		}
		for i, a := range p.Actions {
			if printed[i] != actionPrinted(a) {
				a.Title, a.Focus, a.Effort = printed[i], "", ""
			}
			if n, ok := renamed[a.Entry]; ok {
				a.Entry = n
			}
		}
		for i := range p.Objectives {
			o := &p.Objectives[i]
			o.How = o.How[:0]
			for j, a := range p.Actions {
				if entryOf[j] == o.Entry {
					o.How = append(o.How, a.Title)
				}
			}
			if n, ok := renamed[o.Entry]; ok {
				o.Entry = n
			}
		}
		for i := range p.ByGroup {
			for j, n := range p.ByGroup[i].Names {
				if t, ok := renamed[n]; ok {
					p.ByGroup[i].Names[j] = t
				}
			}
		}
		p.name()
	}
}

// levelNames is srcs with each level named was named now instead (a copy:
// the compositions share srcs), or srcs itself when the name is unchanged.
func levelNames(srcs []compose.SourceRef, was, now string) []compose.SourceRef {
	if was == now || was == "" {
		return srcs
	}
	out := append([]compose.SourceRef(nil), srcs...)
	for i := range out {
		if out[i].LevelName == was {
			out[i].LevelName = now
		}
	}
	return out
}

// actionPrinted is an action as the table of actions words it: its title,
// what to practise in it, and its effort ("Mentoring, to lead and win
// complex debates (2 days)"). pdp.md.tmpl prints the same.
func actionPrinted(a *Action) string {
	s := a.Title
	if a.Focus != "" {
		s += a.Join + " " + a.Focus
	}
	if a.Effort != "" {
		s += " (" + a.Effort + ")"
	}
	return s
}

package compose

import (
	"fmt"
	"strings"
)

// Plan is a personal development plan: the same role composition at the
// current and the target level, and what changes between them.
type Plan struct {
	Person     string     `json:"person,omitempty"`
	Manager    string     `json:"manager,omitempty"`
	Period     string     `json:"period,omitempty"`
	Reviews    []string   `json:"reviews,omitempty"`
	Current    *Composed  `json:"current"`
	Target     *Composed  `json:"target"`
	Gaps       []Gap      `json:"gaps"`
	Groups     []GapGroup `json:"groups"`
	Expected   []*Item    `json:"newExpectations"` // behaviours and leadership new or changed at the target level
	Activities []Activity `json:"activities"`
	Scale      []string   `json:"scale"` // chart scale: "Not required" then the ladder labels

	footer, provenance string // the plan's own, naming both levels
}

// Change says how a skill differs between the current and target level.
type Change string

// Changes between levels.
const (
	ChangeNew       Change = "new"
	ChangeStronger  Change = "stronger"
	ChangeUnchanged Change = "unchanged"
	ChangeDropped   Change = "not required at target"
)

// Gap is one skill's current and target descriptors.
type Gap struct {
	Kind    string   `json:"kind"`
	Group   string   `json:"group"`
	Title   string   `json:"title"`
	Current []string `json:"current"`
	Target  []string `json:"target"`
	Change  Change   `json:"change"`
	// Added lists the target descriptors that the current level does not have.
	Added []string `json:"added,omitempty"`
}

// GapGroup is a skill group's level now and at target, for the gap chart.
type GapGroup struct {
	Group   string  `json:"group"`
	Current float64 `json:"current"` // index into Plan.Scale
	Target  float64 `json:"target"`
	Changes int     `json:"changes"` // skills in the group that are new or stronger
}

// Activity is a development activity (training or PDA) and the gaps it
// supports.
type Activity struct {
	Item     *Item    `json:"activity"`
	Supports []string `json:"supports,omitempty"`
}

var gapKinds = map[string]bool{"skill": true, "knowledge": true, "project-skill": true}

// NewPlan compares two compositions of a role.
func NewPlan(cfg *Config, cur, tgt *Composed) *Plan {
	p := &Plan{Person: cfg.PDP.Person, Manager: cfg.PDP.Manager, Period: cfg.PDP.Period, Reviews: cfg.PDP.Reviews, Current: cur, Target: tgt}
	p.Scale = append(p.Scale, "Not required")
	rungIndex := map[string]float64{}
	for i, r := range cfg.Ladder {
		p.Scale = append(p.Scale, r.Label)
		rungIndex[r.ID] = float64(i + 1)
	}
	curByKey := map[string]*Item{}
	for _, it := range cur.Items {
		curByKey[key(it.Kind, it.Title)] = it
	}
	seen := map[string]bool{}
	groupIdx := map[string]int{}
	group := func(name string) *GapGroup {
		if i, ok := groupIdx[name]; ok {
			return &p.Groups[i]
		}
		groupIdx[name] = len(p.Groups)
		p.Groups = append(p.Groups, GapGroup{Group: name})
		return &p.Groups[len(p.Groups)-1]
	}
	for _, it := range tgt.Items {
		k := key(it.Kind, it.Title)
		if !gapKinds[it.Kind] {
			if (it.Kind == "behaviour" || it.Kind == "leadership") && (curByKey[k] == nil || !equalStrings(curByKey[k].Descriptors, it.Descriptors)) {
				p.Expected = append(p.Expected, it)
			}
			continue
		}
		seen[k] = true
		g := Gap{Kind: it.Kind, Group: groupName(it), Title: it.Title, Target: it.Descriptors}
		if c := curByKey[k]; c != nil {
			g.Current = c.Descriptors
			if equalStrings(c.Descriptors, it.Descriptors) {
				g.Change = ChangeUnchanged
			} else {
				g.Change = ChangeStronger
				g.Added = minus(it.Descriptors, c.Descriptors)
			}
		} else {
			g.Change = ChangeNew
			g.Added = it.Descriptors
		}
		gg := group(g.Group)
		gg.Target = rungIndex[tgt.Rung.ID]
		if g.Current != nil {
			gg.Current = rungIndex[cur.Rung.ID]
		}
		if g.Change != ChangeUnchanged {
			gg.Changes++
		}
		p.Gaps = append(p.Gaps, g)
	}
	for _, it := range cur.Items {
		if gapKinds[it.Kind] && !seen[key(it.Kind, it.Title)] {
			p.Gaps = append(p.Gaps, Gap{Kind: it.Kind, Group: groupName(it), Title: it.Title, Current: it.Descriptors, Change: ChangeDropped})
			gg := group(groupName(it))
			gg.Current = rungIndex[cur.Rung.ID]
		}
	}
	for _, it := range tgt.Items {
		if it.Kind == "training" || it.Kind == "development" {
			p.Activities = append(p.Activities, Activity{Item: it, Supports: supports(it, p.Gaps)})
		}
	}
	return p
}

func groupName(it *Item) string {
	if it.Group != "" {
		return it.Group
	}
	return strings.ToUpper(it.Kind[:1]) + it.Kind[1:]
}

func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, s := range b {
		in[s] = true
	}
	var out []string
	for _, s := range a {
		if !in[s] {
			out = append(out, s)
		}
	}
	return out
}

// stopwords are left out when matching activities to gaps.
var stopwords = map[string]bool{"and": true, "the": true, "for": true, "with": true, "data": true, "of": true, "to": true, "in": true, "a": true, "an": true, "on": true, "or": true, "your": true, "own": true, "skills": true}

func words(s string) map[string]bool {
	w := map[string]bool{}
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !(r >= 'a' && r <= 'z') }) {
		if len(f) > 3 && !stopwords[f] {
			w[strings.TrimSuffix(f, "s")] = true
		}
	}
	return w
}

// supports lists the changing gaps whose title shares a significant word
// with the activity's title or description.
func supports(a *Item, gaps []Gap) []string {
	aw := words(a.Title + " " + strings.Join(a.Descriptors, " "))
	var out []string
	for _, g := range gaps {
		if g.Change == ChangeUnchanged || g.Change == ChangeDropped {
			continue
		}
		for w := range words(g.Title + " " + strings.Join(g.Added, " ")) {
			if aw[w] {
				out = append(out, g.Title)
				break
			}
		}
	}
	return out
}

// ChartYAML renders the gap chart as the body of a ```chart block.
func (p *Plan) ChartYAML() string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\n", yamlString("Skill level by group: current and target"))
	alt := fmt.Sprintf("Bar chart of %d skill groups comparing the current level (%s) with the target level (%s).", len(p.Groups), p.Current.Rung.Label, p.Target.Rung.Label)
	var parts []string
	for _, g := range p.Groups {
		parts = append(parts, fmt.Sprintf("%s: %s to %s, %d skills change", g.Group, p.Scale[int(g.Current)], p.Scale[int(g.Target)], g.Changes))
	}
	if len(parts) > 0 {
		alt += " " + strings.Join(parts, "; ") + "."
	}
	fmt.Fprintf(&b, "alt: %s\n", yamlString(alt))
	b.WriteString("scale: [")
	for i, s := range p.Scale {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(yamlString(s))
	}
	b.WriteString("]\nseries: [Current, Target]\nbars:\n")
	for _, g := range p.Groups {
		fmt.Fprintf(&b, "  - label: %s\n    values: [%g, %g]\n", yamlString(g.Group), g.Current, g.Target)
	}
	return b.String()
}

// yamlString quotes s as a YAML double-quoted scalar.
func yamlString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ")
	return `"` + r.Replace(s) + `"`
}

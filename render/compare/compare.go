// Package compare reports what differs between two versions of a role:
// two rungs of one role, two compositions of it (two configs), or two
// versions of a framework. Entries are matched by kind and title (and, for
// a framework, by role level or catalogue level); a changed entry carries
// a word-level comparison of each changed descriptor.
package compare

import (
	"fmt"
	"strings"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/textdiff"
)

// Entry is one thing compared: an entry of a composed role, or of a
// framework role level or catalogue level (Scope names which).
type Entry struct {
	Kind        string   `json:"kind"`
	Scope       string   `json:"scope,omitempty"` // e.g. "Data engineer, Senior data engineer"; empty for a composed role
	Group       string   `json:"group,omitempty"`
	Title       string   `json:"title"`
	Level       string   `json:"level,omitempty"`
	Depth       string   `json:"depth,omitempty"`
	Descriptors []string `json:"descriptors,omitempty"`
}

func (e Entry) key() string {
	return e.Scope + "\x00" + e.Kind + "\x00" + framework.NormalTitle(e.Title)
}

// Status says how an entry differs.
type Status string

// Statuses of a change.
const (
	Added   Status = "added"
	Removed Status = "removed"
	Changed Status = "changed"
)

// Change is one entry that differs.
type Change struct {
	Status Status `json:"status"`
	Kind   string `json:"kind"`
	Scope  string `json:"scope,omitempty"`
	Title  string `json:"title"`
	// Entry is the entry as it is now (as it was, when removed).
	Entry Entry `json:"entry"`
	// Fields are the labels that changed (level, depth, group), for a
	// changed entry.
	Fields []FieldChange `json:"fields,omitempty"`
	// Descriptors are the descriptors added, removed or reworded, for a
	// changed entry.
	Descriptors []DescriptorChange `json:"descriptors,omitempty"`
}

// FieldChange is one label of an entry that changed.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// DescriptorChange is one descriptor added, removed or reworded; Words is
// the word-level comparison of a reworded one.
type DescriptorChange struct {
	Status Status        `json:"status"`
	Old    string        `json:"old,omitempty"`
	New    string        `json:"new,omitempty"`
	Words  textdiff.Diff `json:"words,omitempty"`
}

// Report is what differs between two versions.
type Report struct {
	From    string   `json:"from"` // what was compared, e.g. "data-engineer at Senior"
	To      string   `json:"to"`
	Summary string   `json:"summary"`
	Changes []Change `json:"changes"` // grouped by kind, in framework kind order
}

// Same reports whether nothing differs.
func (r *Report) Same() bool { return len(r.Changes) == 0 }

// reworded is the share of words a descriptor must keep to count as the
// same descriptor reworded rather than one removed and another added.
const reworded = 0.4

// Entries compares two lists of entries.
func Entries(from, to string, old, new []Entry) *Report {
	oldBy := map[string]Entry{}
	for _, e := range old {
		oldBy[e.key()] = e
	}
	newBy := map[string]bool{}
	var changes []Change
	for _, n := range new {
		newBy[n.key()] = true
		o, ok := oldBy[n.key()]
		if !ok {
			changes = append(changes, Change{Status: Added, Kind: n.Kind, Scope: n.Scope, Title: n.Title, Entry: n})
			continue
		}
		if c, differs := compareEntry(o, n); differs {
			changes = append(changes, c)
		}
	}
	for _, o := range old {
		if !newBy[o.key()] {
			changes = append(changes, Change{Status: Removed, Kind: o.Kind, Scope: o.Scope, Title: o.Title, Entry: o})
		}
	}
	rank := map[string]int{}
	for i, k := range framework.Kinds {
		rank[string(k)] = i + 1
	}
	// Stable sort by kind, keeping each kind's changes in document order.
	sorted := make([]Change, 0, len(changes))
	for _, k := range kindOrder(changes, rank) {
		for _, c := range changes {
			if c.Kind == k {
				sorted = append(sorted, c)
			}
		}
	}
	r := &Report{From: from, To: to, Changes: sorted}
	r.Summary = summary(sorted)
	return r
}

// kindOrder lists the kinds that changed, in framework order (unknown
// kinds last, by first appearance).
func kindOrder(changes []Change, rank map[string]int) []string {
	var kinds []string
	seen := map[string]bool{}
	for _, c := range changes {
		if !seen[c.Kind] {
			seen[c.Kind] = true
			kinds = append(kinds, c.Kind)
		}
	}
	for i := 1; i < len(kinds); i++ {
		for j := i; j > 0 && order(rank, kinds[j]) < order(rank, kinds[j-1]); j-- {
			kinds[j], kinds[j-1] = kinds[j-1], kinds[j]
		}
	}
	return kinds
}

func order(rank map[string]int, k string) int {
	if r, ok := rank[k]; ok {
		return r
	}
	return len(rank) + 1
}

// compareEntry compares two versions of one entry.
func compareEntry(o, n Entry) (Change, bool) {
	c := Change{Status: Changed, Kind: n.Kind, Scope: n.Scope, Title: n.Title, Entry: n}
	for _, f := range []FieldChange{{"level", o.Level, n.Level}, {"depth", o.Depth, n.Depth}, {"group", o.Group, n.Group}} {
		if f.Old != f.New {
			c.Fields = append(c.Fields, f)
		}
	}
	c.Descriptors = compareDescriptors(o.Descriptors, n.Descriptors)
	return c, len(c.Fields) > 0 || len(c.Descriptors) > 0
}

// compareDescriptors pairs the descriptors neither list has word for word:
// each new one with the closest old one that keeps enough of its words
// (reworded), the rest added or removed.
func compareDescriptors(old, new []string) []DescriptorChange {
	inOld, inNew := map[string]int{}, map[string]int{}
	for _, d := range old {
		inOld[d]++
	}
	for _, d := range new {
		inNew[d]++
	}
	var oldLeft, newLeft []string
	for _, d := range old {
		if inNew[d] > 0 {
			inNew[d]--
			continue
		}
		oldLeft = append(oldLeft, d)
	}
	for _, d := range new {
		if inOld[d] > 0 {
			inOld[d]--
			continue
		}
		newLeft = append(newLeft, d)
	}
	used := make([]bool, len(oldLeft))
	var out []DescriptorChange
	for _, n := range newLeft {
		best, bestSim := -1, reworded
		var bestDiff textdiff.Diff
		for i, o := range oldLeft {
			if used[i] {
				continue
			}
			d := textdiff.Words(o, n)
			if s := d.Similarity(); s >= bestSim {
				best, bestSim, bestDiff = i, s, d
			}
		}
		if best < 0 {
			out = append(out, DescriptorChange{Status: Added, New: n})
			continue
		}
		used[best] = true
		out = append(out, DescriptorChange{Status: Changed, Old: oldLeft[best], New: n, Words: bestDiff})
	}
	for i, o := range oldLeft {
		if !used[i] {
			out = append(out, DescriptorChange{Status: Removed, Old: o})
		}
	}
	return out
}

// kindNames are the singular and plural names of entry kinds in summaries.
var kindNames = map[string][2]string{
	"work-activity": {"work activity", "work activities"}, "skill": {"skill", "skills"},
	"knowledge": {"knowledge area", "knowledge areas"}, "project-skill": {"project skill", "project skills"},
	"behaviour": {"behaviour", "behaviours"}, "leadership": {"leadership expectation", "leadership expectations"},
	"qualification": {"qualification", "qualifications"}, "training": {"training entry", "training entries"},
	"development": {"development activity", "development activities"}, "other": {"other entry", "other entries"},
}

// KindName is an entry kind's name for people, singular or plural.
func KindName(kind string, n int) string {
	names, ok := kindNames[kind]
	if !ok {
		names = [2]string{kind, kind + "s"}
	}
	if n == 1 {
		return names[0]
	}
	return names[1]
}

// summary is the one-line summary: per kind, how many entries changed,
// were added and were removed ("7 skills changed, 2 added, 1 removed").
func summary(changes []Change) string {
	if len(changes) == 0 {
		return "No differences."
	}
	var parts []string
	for i := 0; i < len(changes); {
		kind := changes[i].Kind
		count := map[Status]int{}
		for ; i < len(changes) && changes[i].Kind == kind; i++ {
			count[changes[i].Status]++
		}
		var ps []string
		for _, st := range []Status{Changed, Added, Removed} {
			if n := count[st]; n > 0 {
				if len(ps) == 0 {
					ps = append(ps, fmt.Sprintf("%d %s %s", n, KindName(kind, n), st))
				} else {
					ps = append(ps, fmt.Sprintf("%d %s", n, st))
				}
			}
		}
		parts = append(parts, strings.Join(ps, ", "))
	}
	return strings.Join(parts, "; ") + "."
}

// Composed lists the entries of a composed role.
func Composed(c *compose.Composed) []Entry {
	out := make([]Entry, 0, len(c.Items))
	for _, it := range c.Items {
		out = append(out, Entry{Kind: it.Kind, Group: it.Group, Title: it.Title, Level: it.Level, Depth: it.Depth, Descriptors: it.Descriptors})
	}
	return out
}

// Framework lists the entries of a framework: every role level's entries
// and every catalogue skill at every level, each scoped by where it is.
// A role id, when set, keeps that role only; a level id, when set, keeps
// that level only.
func Framework(fw *framework.Framework, role, level string) []Entry {
	var out []Entry
	for _, r := range fw.Roles {
		if role != "" && r.ID != role {
			continue
		}
		for _, l := range r.Levels {
			if level != "" && l.ID != level {
				continue
			}
			scope := r.Title + ", " + l.Title
			for _, e := range l.Entries {
				out = append(out, Entry{Kind: string(e.Kind), Scope: scope, Group: e.Group, Title: e.Title, Level: e.Level, Depth: e.Depth, Descriptors: e.Descriptors})
			}
		}
	}
	if role != "" {
		return out
	}
	for _, cat := range fw.Catalogues {
		labels := map[string]string{}
		for _, l := range cat.Levels {
			labels[l.ID] = l.Label
		}
		for _, cg := range cat.Categories {
			for _, sk := range cg.Skills {
				for _, sl := range sk.Levels {
					if level != "" && sl.Level != level {
						continue
					}
					lbl := labels[sl.Level]
					if lbl == "" {
						lbl = sl.Level
					}
					out = append(out, Entry{Kind: string(framework.KindSkill), Scope: cat.Title + ", " + lbl, Group: cg.Title, Title: sk.Title, Descriptors: sl.Descriptors})
				}
			}
		}
	}
	return out
}

package framework

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/internal/yamlpos"
)

// Locator returns the file and line of the node at a node path such as
// "roles[0].levels[1].entries[2]" (keys as in the YAML form, list items by
// index). A zero line means "not known". Positions.Locate is the Locator
// of a decoded YAML file.
type Locator func(path string) (file string, line int)

// Validate checks a framework and returns one problem per offending node:
// missing ids, names and titles; duplicate ids of levels, roles, role levels,
// catalogues and skills in a category; unknown entry kinds; entries and skill
// levels with no descriptors (fine in a retired role level, and for
// qualifications and generic "other" entries, whose text is their title);
// skill levels that name a level the catalogue does not define; and, as
// warnings, skills that lack one of their catalogue's levels.
//
// Each problem is placed by loc (nil for frameworks fresh from an importer),
// falling back to the nearest "file:line" From field on the way to the node.
// Problems are sorted by file (in order of first appearance) and line.
func Validate(f *Framework, loc Locator) []Problem {
	v := &validator{loc: loc}
	v.framework(f)
	sortProblems(v.probs)
	return v.probs
}

type validator struct {
	loc   Locator
	probs []Problem
}

// place is a node's position: its path and the nearest From on the way.
type place struct {
	path string
	from string
}

func (p place) child(key, from string) place {
	if from == "" {
		from = p.from
	}
	return place{path: yamlpos.Join(p.path, key), from: from}
}

func (p place) item(key string, i int, from string) place {
	if from == "" {
		from = p.from
	}
	return place{path: fmt.Sprintf("%s[%d]", yamlpos.Join(p.path, key), i), from: from}
}

func (v *validator) at(p place) (string, int) {
	if v.loc != nil {
		if file, line := v.loc(p.path); file != "" {
			return file, line
		}
	}
	return ParsePosition(p.from)
}

func (v *validator) errorf(p place, format string, args ...any) {
	file, line := v.at(p)
	v.probs = append(v.probs, *Errorf(file, line, format, args...))
}

func (v *validator) warnf(p place, format string, args ...any) {
	file, line := v.at(p)
	v.probs = append(v.probs, Warnf(file, line, format, args...))
}

// firstAt says where the first of two duplicates is, relative to the second.
func (v *validator) firstAt(first, second place) string {
	f1, l1 := v.at(first)
	f2, _ := v.at(second)
	switch {
	case l1 == 0:
		return f1
	case f1 == f2:
		return fmt.Sprintf("line %d", l1)
	}
	return Position(f1, l1)
}

// ParsePosition splits a "file:line" From field; a From without a line
// number is a file with line 0.
func ParsePosition(from string) (string, int) {
	i := strings.LastIndexByte(from, ':')
	if i < 0 {
		return from, 0
	}
	n, err := strconv.Atoi(from[i+1:])
	if err != nil || n < 0 {
		return from, 0
	}
	return from[:i], n
}

func (v *validator) framework(f *Framework) {
	root := place{}
	if f.ID == "" {
		v.errorf(root.child("id", ""), "framework has no id")
	}
	if f.Name == "" {
		v.errorf(root.child("name", ""), "framework has no name")
	}
	v.levels(f.Levels, root, "framework")
	if len(f.Roles) == 0 && len(f.Catalogues) == 0 {
		v.warnf(root, "framework has no roles and no skill catalogues")
	}
	roles := map[string]place{}
	for i := range f.Roles {
		r := &f.Roles[i]
		p := root.item("roles", i, r.From)
		if r.ID == "" {
			v.errorf(p.child("id", ""), "role %q has no id", r.Title)
		} else if first, dup := roles[r.ID]; dup {
			v.errorf(p.child("id", ""), "duplicate role id %q (first at %s)", r.ID, v.firstAt(first, p))
		} else {
			roles[r.ID] = p
		}
		if strings.TrimSpace(r.Title) == "" {
			v.errorf(p.child("title", ""), "role %q has no title", r.ID)
		}
		v.roleLevels(r, p)
	}
	cats := map[string]place{}
	for i := range f.Catalogues {
		c := &f.Catalogues[i]
		p := root.item("catalogues", i, c.From)
		if c.ID == "" {
			v.errorf(p.child("id", ""), "catalogue %q has no id", c.Title)
		} else if first, dup := cats[c.ID]; dup {
			v.errorf(p.child("id", ""), "duplicate catalogue id %q (first at %s)", c.ID, v.firstAt(first, p))
		} else {
			cats[c.ID] = p
		}
		if strings.TrimSpace(c.Title) == "" {
			v.errorf(p.child("title", ""), "catalogue %q has no title", c.ID)
		}
		v.catalogue(c, p)
	}
}

// levels checks a level scale: ids and labels present, ids unique.
func (v *validator) levels(ls []Level, parent place, owner string) {
	seen := map[string]place{}
	for i, l := range ls {
		p := parent.item("levels", i, "")
		switch {
		case l.ID == "":
			v.errorf(p.child("id", ""), "%s level %q has no id", owner, l.Label)
		case seenBefore(seen, l.ID, p):
			v.errorf(p.child("id", ""), "duplicate level id %q in %s (first at %s)", l.ID, owner, v.firstAt(seen[l.ID], p))
		}
		if strings.TrimSpace(l.Label) == "" {
			v.errorf(p.child("label", ""), "%s level %q has no label", owner, l.ID)
		}
	}
}

// seenBefore reports whether key is in seen, recording p for it if not.
func seenBefore(seen map[string]place, key string, p place) bool {
	if _, ok := seen[key]; ok {
		return true
	}
	seen[key] = p
	return false
}

// descriptorFree lists entry kinds whose text is their title: they need no
// descriptors.
var descriptorFree = map[Kind]bool{KindQualification: true, KindOther: true}

var knownKinds = func() map[Kind]bool {
	m := map[Kind]bool{}
	for _, k := range Kinds {
		m[k] = true
	}
	return m
}()

func kindNames() string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func (v *validator) roleLevels(r *Role, rp place) {
	if len(r.Levels) == 0 {
		v.errorf(rp.child("levels", ""), "role %q has no levels", r.ID)
		return
	}
	seen := map[string]place{}
	for i := range r.Levels {
		l := &r.Levels[i]
		p := rp.item("levels", i, l.From)
		switch {
		case l.ID == "":
			v.errorf(p.child("id", ""), "level %q of role %q has no id", l.Title, r.ID)
		case seenBefore(seen, l.ID, p):
			v.errorf(p.child("id", ""), "duplicate level id %q in role %q (first at %s)", l.ID, r.ID, v.firstAt(seen[l.ID], p))
		}
		if strings.TrimSpace(l.Title) == "" {
			v.errorf(p.child("title", ""), "level %q of role %q has no title", l.ID, r.ID)
		}
		for j := range l.Entries {
			v.entry(&l.Entries[j], p.item("entries", j, l.Entries[j].From), l)
		}
	}
}

func (v *validator) entry(e *Entry, p place, l *RoleLevel) {
	switch {
	case e.Kind == "":
		v.errorf(p.child("kind", ""), "entry %q has no kind", e.Title)
	case !knownKinds[e.Kind]:
		v.errorf(p.child("kind", ""), "entry %q has unknown kind %q (known: %s)", e.Title, e.Kind, kindNames())
	}
	if strings.TrimSpace(e.Title) == "" {
		v.errorf(p.child("title", ""), "%s entry in level %q has no title", e.Kind, l.ID)
	}
	if len(e.Descriptors) == 0 && !l.Retired && !descriptorFree[e.Kind] {
		v.errorf(p, "%s %q has no descriptors", e.Kind, e.Title)
	}
	for k, d := range e.Descriptors {
		if strings.TrimSpace(d) == "" {
			v.errorf(p.item("descriptors", k, ""), "%s %q has an empty descriptor", e.Kind, e.Title)
		}
	}
}

func (v *validator) catalogue(c *Catalogue, cp place) {
	owner := fmt.Sprintf("catalogue %q", c.ID)
	v.levels(c.Levels, cp, owner)
	defined := map[string]bool{}
	ids := make([]string, 0, len(c.Levels))
	ci := &catalogueIndex{Catalogue: c, labels: map[string]string{}}
	for _, l := range c.Levels {
		if l.ID != "" && !defined[l.ID] {
			defined[l.ID] = true
			ids = append(ids, l.ID)
			ci.labels[l.ID] = l.Label
		}
	}
	ci.definedList = strings.Join(ids, ", ")
	if len(ids) > 10 {
		ci.definedList = strings.Join(ids[:10], ", ") + fmt.Sprintf(", … (%d in all)", len(ids))
	}
	if len(c.Levels) == 0 {
		v.errorf(cp, "catalogue %q defines no levels", c.ID)
	}
	if len(c.Categories) == 0 {
		v.errorf(cp.child("categories", ""), "catalogue %q has no categories", c.ID)
	}
	cats := map[string]place{}
	for i := range c.Categories {
		cat := &c.Categories[i]
		p := cp.item("categories", i, cat.From)
		if strings.TrimSpace(cat.Title) == "" {
			v.errorf(p.child("title", ""), "category in catalogue %q has no title", c.ID)
		} else if key := NormalTitle(cat.Title); seenBefore(cats, key, p) {
			v.warnf(p.child("title", ""), "category %q appears twice in catalogue %q (first at %s)", cat.Title, c.ID, v.firstAt(cats[key], p))
		}
		if len(cat.Skills) == 0 {
			v.warnf(p, "category %q has no skills", cat.Title)
		}
		skills := map[string]place{}
		for j := range cat.Skills {
			s := &cat.Skills[j]
			sp := p.item("skills", j, s.From)
			if strings.TrimSpace(s.Title) == "" {
				v.errorf(sp.child("title", ""), "skill in category %q has no title", cat.Title)
			} else if key := NormalTitle(s.Title); seenBefore(skills, key, sp) {
				v.errorf(sp.child("title", ""), "duplicate skill %q in category %q (first at %s)", s.Title, cat.Title, v.firstAt(skills[key], sp))
			}
			v.skill(s, sp, ci, defined, ids)
		}
	}
}

func (v *validator) skill(s *Skill, sp place, c *catalogueIndex, defined map[string]bool, ids []string) {
	if len(s.Levels) == 0 {
		v.errorf(sp, "skill %q has no levels and no descriptors", s.Title)
		return
	}
	have := map[string]place{}
	for i := range s.Levels {
		sl := &s.Levels[i]
		p := sp.item("levels", i, sl.From)
		switch {
		case sl.Level == "":
			v.errorf(p.child("level", ""), "skill %q has a level with no level id", s.Title)
		case !defined[sl.Level]:
			v.errorf(p.child("level", ""), "skill %q: level %q is not defined in catalogue %q (defined: %s)", s.Title, sl.Level, c.ID, c.definedList)
		case seenBefore(have, sl.Level, p):
			v.errorf(p.child("level", ""), "skill %q has level %q twice (first at %s)", s.Title, sl.Level, v.firstAt(have[sl.Level], p))
		}
		if len(sl.Descriptors) == 0 {
			v.errorf(p, "skill %q has no descriptors at level %q", s.Title, levelLabel(c, sl.Level))
		}
		for k, d := range sl.Descriptors {
			if strings.TrimSpace(d) == "" {
				v.errorf(p.item("descriptors", k, ""), "skill %q has an empty descriptor at level %q", s.Title, levelLabel(c, sl.Level))
			}
		}
	}
	if missing := len(ids) - len(have); missing > 0 {
		// One warning per skill, naming at most five levels: a huge scale
		// must not give a warning per skill and level.
		var names []string
		for _, id := range ids {
			if _, ok := have[id]; !ok {
				names = append(names, strconv.Quote(levelLabel(c, id)))
				if len(names) == 5 {
					break
				}
			}
		}
		list := strings.Join(names, " or ")
		if len(names) > 2 {
			list = strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
		}
		if missing > len(names) {
			list = strings.Join(names, ", ") + fmt.Sprintf(" (and %d more)", missing-len(names))
		}
		v.warnf(sp, "skill %q has no %s level", s.Title, list)
	}
}

// levelLabel returns the label of a catalogue level, or id itself.
func levelLabel(c *catalogueIndex, id string) string {
	if l := c.labels[id]; l != "" {
		return l
	}
	return id
}

// catalogueIndex is a catalogue with its level ids and labels looked up.
type catalogueIndex struct {
	*Catalogue
	labels      map[string]string
	definedList string // the level ids for messages, at most ten
}

// sortProblems orders problems by file (first appearance) and line, keeping
// the order of problems on one line.
func sortProblems(ps []Problem) {
	order := map[string]int{}
	for _, p := range ps {
		if _, ok := order[p.File]; !ok {
			order[p.File] = len(order)
		}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		if oi, oj := order[ps[i].File], order[ps[j].File]; oi != oj {
			return oi < oj
		}
		return ps[i].Line < ps[j].Line
	})
}

// HasErrors reports whether any problem is an error (not a warning).
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

package compose

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rolepack/rolepack/framework"
)

// Library is the set of frameworks a run can draw on, by id.
type Library struct {
	list []*framework.Framework
}

// NewLibrary indexes frameworks by id; a later framework with the same id
// as an earlier one is an error.
func NewLibrary(fws ...*framework.Framework) (*Library, error) {
	l := &Library{}
	seen := map[string]bool{}
	for _, f := range fws {
		if seen[f.ID] {
			return nil, fmt.Errorf("two frameworks have the id %q", f.ID)
		}
		seen[f.ID] = true
		l.list = append(l.list, f)
	}
	return l, nil
}

// Frameworks lists the frameworks in load order.
func (l *Library) Frameworks() []*framework.Framework { return l.list }

// Framework returns the framework with the given id, or an error listing
// the known ones.
func (l *Library) Framework(id string) (*framework.Framework, error) {
	for _, f := range l.list {
		if f.ID == id {
			return f, nil
		}
	}
	ids := make([]string, len(l.list))
	for i, f := range l.list {
		ids[i] = f.ID
	}
	return nil, fmt.Errorf("unknown framework %q (available: %s)", id, strings.Join(ids, ", "))
}

// Origin says where one contribution to a merged entry came from.
type Origin struct {
	Framework  string   `json:"framework"`            // framework id
	Role       string   `json:"role,omitempty"`       // framework role id
	Catalogue  string   `json:"catalogue,omitempty"`  // catalogue id
	Level      string   `json:"level"`                // framework level id
	Section    string   `json:"section,omitempty"`    // group/section in the source
	From       string   `json:"from,omitempty"`       // file:line in the source
	Superseded []string `json:"superseded,omitempty"` // descriptors this origin gave that a later source replaced
}

// Item is one merged entry of a composed role, with every origin.
type Item struct {
	Kind        string            `json:"kind"`
	Group       string            `json:"group,omitempty"`
	Title       string            `json:"title"`
	Code        string            `json:"code,omitempty"`
	Level       string            `json:"level,omitempty"` // framework level label, e.g. "Level 5"
	LevelNumber int               `json:"levelNumber,omitempty"`
	Depth       string            `json:"depth,omitempty"`
	Descriptors []string          `json:"descriptors"`
	Attributes  map[string]string `json:"attributes,omitempty"`
	Essential   *bool             `json:"essential,omitempty"` // set by a local edit
	Origins     []Origin          `json:"origins"`
	// Edits records each change the config's edits made to the entry's
	// framework text, with the config line, e.g. `replaced "organization"
	// with "organisation" (config.yaml:88)`: the text is as edited by the
	// organisation, not as the framework has it.
	Edits []string `json:"edits,omitempty"`
	// formerTitles are the titles an edit replaced, so that a selection
	// that names the entry as its framework does still finds it.
	formerTitles []string
}

// knownAs reports whether the entry is titled name, now or before an edit
// retitled it (case folded).
func (it *Item) knownAs(name string) bool {
	if strings.EqualFold(it.Title, name) {
		return true
	}
	for _, t := range it.formerTitles {
		if strings.EqualFold(t, name) {
			return true
		}
	}
	return false
}

// Composed is a role at one ladder rung, merged from all its sources: the
// data a template receives as .Role.
type Composed struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// JobTitle is the title of the job at this level: the framework level's
	// own title when a text source gives one (DDaT "Head of data
	// engineering"), else the role's titles entry for the rung, else
	// "<Rung> <role title>" in sentence case.
	JobTitle         string      `json:"jobTitle"`
	Retired          bool        `json:"retired,omitempty"` // a source level is marked no longer in use
	RoleText         []string    `json:"roleText,omitempty"`
	RoleTextFrom     string      `json:"roleTextFrom,omitempty"`
	Family           string      `json:"family,omitempty"`
	Rung             Rung        `json:"rung"`
	Purpose          string      `json:"purpose,omitempty"`
	Description      []string    `json:"description,omitempty"`
	Duties           []string    `json:"duties,omitempty"`
	Summary          []string    `json:"summary,omitempty"`
	Responsibilities []string    `json:"responsibilities,omitempty"`
	ReportsTo        string      `json:"reportsTo,omitempty"`
	ResponsibleFor   string      `json:"responsibleFor,omitempty"`
	Relationships    []string    `json:"relationships,omitempty"`
	Dimensions       []string    `json:"dimensions,omitempty"`
	Experience       []string    `json:"experience,omitempty"`
	References       []string    `json:"references,omitempty"`
	Items            []*Item     `json:"items"`
	Sources          []SourceRef `json:"sources"`
	// Notes records what composition left out and why (e.g. a skill with no
	// descriptors at the mapped level), so nothing is dropped silently.
	Notes []string `json:"notes,omitempty"`
	// Edits records each change the config's edits made to the role's
	// own framework text (description, duties, summary, responsibilities).
	Edits []string `json:"edits,omitempty"`
}

// SourceRef names one framework source used for a composed role.
type SourceRef struct {
	Framework string `json:"framework"`
	Name      string `json:"name"`
	Version   string `json:"version,omitempty"`
	Licence   string `json:"licence,omitempty"`
	URL       string `json:"url,omitempty"`
	Role      string `json:"role,omitempty"`
	Catalogue string `json:"catalogue,omitempty"`
	Level     string `json:"level"`
	LevelName string `json:"levelName"`
}

// Kind returns the composed entries of one kind, in merge order.
func (c *Composed) Kind(kind string) []*Item {
	var out []*Item
	for _, it := range c.Items {
		if it.Kind == kind {
			out = append(out, it)
		}
	}
	return out
}

// Compose merges the sources of role roleID at ladder rung level. A role
// id of the form FRAMEWORK/ROLE uses a framework role as it is, with level
// naming one of its levels.
func Compose(cfg *Config, lib *Library, roleID, level string) (*Composed, error) {
	c, err := composeRole(cfg, lib, roleID, level)
	if err != nil {
		return nil, err
	}
	if err := applyEdits(cfg, lib, c); err != nil {
		return nil, err
	}
	return c, nil
}

// composeRole merges a role's sources, before the config's edits.
func composeRole(cfg *Config, lib *Library, roleID, level string) (*Composed, error) {
	if fw, role, ok := strings.Cut(roleID, "/"); ok {
		return composeFrameworkRole(lib, fw, role, level)
	}
	def, ok := cfg.Roles[roleID]
	if !ok {
		return nil, fmt.Errorf("%s: unknown role %q (available: %s)", cfg.At("roles"), roleID, strings.Join(cfg.RoleIDs(), ", "))
	}
	rung, ok := cfg.Rung(level)
	if !ok {
		return nil, fmt.Errorf("%s: unknown level %q (the ladder has: %s)", cfg.At("ladder"), level, strings.Join(cfg.RungIDs(), ", "))
	}
	c := &Composed{ID: roleID, Title: def.Title, Family: def.Family, Rung: rung, Purpose: def.Purpose,
		ReportsTo: def.ReportsTo, ResponsibleFor: def.ResponsibleFor, Relationships: def.Relationships,
		Dimensions: def.Dimensions, Experience: def.Experience}
	m := newMerger()
	for i, s := range def.Sources {
		if _, err := lib.Framework(s.Framework); err != nil {
			return nil, fmt.Errorf("%s: role %q source %d: %w", cfg.At("roles", roleID, "sources", i, "framework"), roleID, i+1, err)
		}
	}
	for i, s := range def.Sources {
		at := cfg.At("roles", roleID, "sources", i)
		mapped, ok := s.Levels[level]
		if !ok {
			levels, _ := sourceLevels(lib, s)
			return nil, fmt.Errorf("%s: role %q source %d (%s) does not map level %q: map it to one of %s, or to none", at, roleID, i+1, sourceName(s), level, strings.Join(levels, ", "))
		}
		if mapped == "none" {
			continue
		}
		if err := c.addSource(lib, s, mapped, m); err != nil {
			return nil, fmt.Errorf("%s: role %q source %d: %w", cfg.At("roles", roleID, "sources", i, "levels", level), roleID, i+1, err)
		}
	}
	for i, a := range def.Add {
		if !appliesAt(a.Levels, level) {
			continue
		}
		if a.Title == "" || a.Kind == "" {
			return nil, fmt.Errorf("%s: an added entry needs a kind and a title", cfg.At("roles", roleID, "add", i))
		}
		if !knownKind(a.Kind) {
			return nil, fmt.Errorf("%s: unknown entry kind %q (known: %s)", cfg.At("roles", roleID, "add", i, "kind"), a.Kind, kindList())
		}
		e := framework.Entry{Kind: framework.Kind(a.Kind), Group: a.Group, Title: a.Title, Descriptors: a.Descriptors}
		it := m.add(e, Origin{Framework: "local", Level: level, Section: "added by the organisation", From: cfg.At("roles", roleID, "add", i)})
		it.Essential = a.Essential
	}
	for i, r := range def.Remove {
		if !appliesAt(r.Levels, level) {
			continue
		}
		if !m.remove(r.Kind, r.Title) {
			return nil, fmt.Errorf("%s: cannot remove %s %q from role %q at level %q: no such entry", cfg.At("roles", roleID, "remove", i), r.Kind, r.Title, roleID, level)
		}
		c.Notes = append(c.Notes, fmt.Sprintf("%s %q removed by %s", r.Kind, r.Title, cfg.At("roles", roleID, "remove", i)))
	}
	c.Items = m.items()
	if c.Title == "" {
		c.Title = roleID
	}
	if r, ok := def.ResponsibleForAt[level]; ok {
		c.ResponsibleFor = r
	}
	if c.JobTitle == "" {
		c.JobTitle = def.Titles[level]
	}
	if c.JobTitle == "" {
		c.JobTitle = rungTitle(rung.Label, c.Title)
	}
	if c.RoleText == nil {
		c.roleTextFallback(lib, def)
	}
	return c, nil
}

// rungTitle is "<Rung> <role title>" in sentence case ("Senior data
// engineer"), or the role title when it already names the rung.
func rungTitle(rung, role string) string {
	if rung == "" || strings.HasPrefix(strings.ToLower(role), strings.ToLower(rung)+" ") {
		return role
	}
	return upperFirst(strings.ToLower(rung)) + " " + lowerFirst(role)
}

// roleTextFallback records the role's own description from the first role
// source that gives text, even one mapped to no level at this rung: the
// job purpose falls back on it.
func (c *Composed) roleTextFallback(lib *Library, def RoleDef) {
	for _, s := range def.Sources {
		if s.Role == "" || (s.Text != nil && !*s.Text) {
			continue
		}
		fw, err := lib.Framework(s.Framework)
		if err != nil {
			continue
		}
		r, err := findRole(fw, s.Role)
		if err != nil || len(r.Description) == 0 {
			continue
		}
		c.RoleText, c.RoleTextFrom = r.Description, fw.ID+": "+r.From
		return
	}
}

// knownKind reports whether k is one of the entry kinds documents use.
func knownKind(k string) bool {
	for _, kk := range framework.Kinds {
		if string(kk) == k {
			return true
		}
	}
	return false
}

func kindList() string {
	names := make([]string, len(framework.Kinds))
	for i, k := range framework.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

func appliesAt(levels []string, level string) bool {
	if len(levels) == 0 {
		return true
	}
	for _, l := range levels {
		if l == level {
			return true
		}
	}
	return false
}

func sourceName(s SourceDef) string {
	switch {
	case s.Role != "":
		return s.Framework + " role " + s.Role
	case s.Catalogue != "":
		return s.Framework + " catalogue " + s.Catalogue
	}
	return s.Framework
}

// sourceLevels lists the level ids a source can map to.
func sourceLevels(lib *Library, s SourceDef) ([]string, error) {
	fw, err := lib.Framework(s.Framework)
	if err != nil {
		return nil, err
	}
	var ids []string
	switch {
	case s.Role != "":
		r, err := findRole(fw, s.Role)
		if err != nil {
			return nil, err
		}
		for _, l := range r.Levels {
			ids = append(ids, l.ID)
		}
	case s.Catalogue != "":
		cat, err := findCatalogue(fw, s.Catalogue)
		if err != nil {
			return nil, err
		}
		for _, l := range cat.Levels {
			ids = append(ids, l.ID)
		}
	}
	return ids, nil
}

func findRole(fw *framework.Framework, id string) (*framework.Role, error) {
	var ids []string
	for i := range fw.Roles {
		if fw.Roles[i].ID == id {
			return &fw.Roles[i], nil
		}
		ids = append(ids, fw.Roles[i].ID)
	}
	return nil, fmt.Errorf("framework %q has no role %q (it has: %s)", fw.ID, id, strings.Join(ids, ", "))
}

func findCatalogue(fw *framework.Framework, id string) (*framework.Catalogue, error) {
	var ids []string
	for i := range fw.Catalogues {
		if fw.Catalogues[i].ID == id {
			return &fw.Catalogues[i], nil
		}
		ids = append(ids, fw.Catalogues[i].ID)
	}
	return nil, fmt.Errorf("framework %q has no catalogue %q (it has: %s)", fw.ID, id, strings.Join(ids, ", "))
}

func findRoleLevel(fw *framework.Framework, r *framework.Role, id string) (*framework.RoleLevel, error) {
	var ids []string
	for i := range r.Levels {
		if r.Levels[i].ID == id {
			return &r.Levels[i], nil
		}
		ids = append(ids, r.Levels[i].ID)
	}
	return nil, fmt.Errorf("%s role %q has no level %q (it has: %s)", fw.ID, r.ID, id, strings.Join(ids, ", "))
}

func composeFrameworkRole(lib *Library, fwID, roleID, level string) (*Composed, error) {
	fw, err := lib.Framework(fwID)
	if err != nil {
		return nil, err
	}
	r, err := findRole(fw, roleID)
	if err != nil {
		return nil, err
	}
	rl, err := findRoleLevel(fw, r, level)
	if err != nil {
		return nil, err
	}
	c := &Composed{ID: fwID + "/" + roleID, Title: rl.Title, JobTitle: rl.Title, Family: r.Family, Rung: Rung{ID: rl.ID, Label: rl.Title},
		Retired: rl.Retired, RoleText: r.Description, RoleTextFrom: fw.ID + ": " + r.From}
	m := newMerger()
	if err := c.addSource(lib, SourceDef{Framework: fwID, Role: roleID}, level, m); err != nil {
		return nil, err
	}
	c.Items = m.items()
	return c, nil
}

// addSource merges one framework source at the framework level mapped.
func (c *Composed) addSource(lib *Library, s SourceDef, mapped string, m *merger) error {
	fw, err := lib.Framework(s.Framework)
	if err != nil {
		return err
	}
	ref := SourceRef{Framework: fw.ID, Name: fw.Name, Version: fw.Version, Licence: fw.Source.Licence, URL: fw.Source.URL, Level: mapped}
	kinds := map[string]bool{}
	for _, k := range s.Kinds {
		kinds[k] = true
	}
	take := func(k framework.Kind) bool { return len(kinds) == 0 || kinds[string(k)] }
	switch {
	case s.Role != "" && s.Catalogue != "":
		return fmt.Errorf("a source names a role or a catalogue, not both")
	case s.Role != "":
		r, err := findRole(fw, s.Role)
		if err != nil {
			return err
		}
		rl, err := findRoleLevel(fw, r, mapped)
		if err != nil {
			return err
		}
		ref.Role, ref.LevelName = r.ID, rl.Title
		if rl.Retired {
			c.Retired = true
			c.Notes = append(c.Notes, fmt.Sprintf("%s role %q level %q is marked no longer in use (%s)", fw.ID, r.ID, rl.Title, rl.From))
		}
		if s.Text == nil || *s.Text {
			if c.JobTitle == "" {
				c.JobTitle = rl.Title
			}
			if c.RoleText == nil && len(r.Description) > 0 {
				c.RoleText, c.RoleTextFrom = r.Description, fw.ID+": "+r.From
			}
			if c.Family == "" {
				c.Family = r.Family
			}
			c.Description = appendNew(c.Description, r.Description...)
			c.Duties = appendNew(c.Duties, r.Duties...)
			c.Summary = appendNew(c.Summary, rl.Summary...)
			c.Responsibilities = appendNew(c.Responsibilities, rl.Responsibilities...)
			c.References = appendNew(c.References, r.References...)
		}
		for _, e := range rl.Entries {
			if !take(e.Kind) {
				continue
			}
			if len(e.Descriptors) == 0 {
				c.Notes = append(c.Notes, fmt.Sprintf("%s %q of %s has no descriptors at %s (%s)", e.Kind, e.Title, fw.ID, rl.Title, e.From))
			}
			m.add(e, Origin{Framework: fw.ID, Role: r.ID, Level: rl.ID, Section: e.Group, From: e.From})
		}
	case s.Catalogue != "":
		cat, err := findCatalogue(fw, s.Catalogue)
		if err != nil {
			return err
		}
		var label string
		for _, l := range cat.Levels {
			if l.ID == mapped {
				label = l.Label
			}
		}
		if label == "" {
			ids := make([]string, len(cat.Levels))
			for i, l := range cat.Levels {
				ids[i] = l.ID
			}
			return fmt.Errorf("catalogue %q of %s has no level %q (it has: %s)", cat.ID, fw.ID, mapped, strings.Join(ids, ", "))
		}
		ref.Catalogue, ref.LevelName = cat.ID, label
		for _, cg := range cat.Categories {
			for _, sk := range cg.Skills {
				kind := sk.Kind // a spreadsheet's kind column: behaviour, leadership, …
				if kind == "" {
					kind = framework.KindSkill
				}
				if !take(kind) {
					continue
				}
				var sl *framework.SkillLevel
				for i := range sk.Levels {
					if sk.Levels[i].Level == mapped {
						sl = &sk.Levels[i]
					}
				}
				if sl == nil || len(sl.Descriptors) == 0 {
					c.Notes = append(c.Notes, fmt.Sprintf("skill %q of %s has no %s descriptors (%s)", sk.Title, cat.Title, label, sk.From))
					continue
				}
				e := framework.Entry{Kind: kind, Group: cg.Title, Title: sk.Title, Code: sk.Code, Level: label, Descriptors: sl.Descriptors, From: sl.From}
				m.add(e, Origin{Framework: fw.ID, Catalogue: cat.ID, Level: mapped, Section: cg.Title, From: sl.From})
			}
		}
	default:
		return fmt.Errorf("a source must name a role or a catalogue of %s", fw.ID)
	}
	c.Sources = append(c.Sources, ref)
	return nil
}

func appendNew(list []string, add ...string) []string {
	for _, a := range add {
		dup := false
		for _, l := range list {
			if l == a {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, a)
		}
	}
	return list
}

// merger collects entries keyed by kind and normalised title; a later
// entry refines an earlier one.
type merger struct {
	byKey map[string]*Item
	order []string
}

func newMerger() *merger { return &merger{byKey: map[string]*Item{}} }

func key(kind, title string) string { return kind + "\x00" + framework.NormalTitle(title) }

func (m *merger) add(e framework.Entry, o Origin) *Item {
	k := key(string(e.Kind), e.Title)
	it, ok := m.byKey[k]
	if !ok {
		it = &Item{Kind: string(e.Kind), Group: e.Group, Title: e.Title, Code: e.Code, Level: e.Level,
			LevelNumber: e.LevelNumber, Depth: e.Depth, Descriptors: append([]string(nil), e.Descriptors...),
			Attributes: e.Attributes, Origins: []Origin{o}}
		m.byKey[k] = it
		m.order = append(m.order, k)
		return it
	}
	// A later source refines: its non-empty fields win; the earlier
	// descriptors stay on record in the earlier origin.
	if len(e.Descriptors) > 0 && !equalStrings(e.Descriptors, it.Descriptors) {
		last := &it.Origins[len(it.Origins)-1]
		last.Superseded = append([]string(nil), it.Descriptors...)
		it.Descriptors = append([]string(nil), e.Descriptors...)
	}
	for _, f := range []struct {
		dst *string
		src string
	}{{&it.Code, e.Code}, {&it.Level, e.Level}, {&it.Depth, e.Depth}, {&it.Group, e.Group}} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
	if e.LevelNumber != 0 {
		it.LevelNumber = e.LevelNumber
	}
	if len(e.Attributes) > 0 {
		merged := map[string]string{}
		for k, v := range it.Attributes {
			merged[k] = v
		}
		for k, v := range e.Attributes {
			merged[k] = v
		}
		it.Attributes = merged
	}
	it.Origins = append(it.Origins, o)
	return it
}

func (m *merger) remove(kind, title string) bool {
	k := key(kind, title)
	if _, ok := m.byKey[k]; !ok {
		return false
	}
	delete(m.byKey, k)
	for i, o := range m.order {
		if o == k {
			m.order = append(m.order[:i], m.order[i+1:]...)
			break
		}
	}
	return true
}

func (m *merger) items() []*Item {
	out := make([]*Item, 0, len(m.order))
	for _, k := range m.order {
		out = append(out, m.byKey[k])
	}
	// Keep kinds together in document order, stable within a kind.
	rank := map[string]int{}
	for i, k := range framework.Kinds {
		rank[string(k)] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Kind] < rank[out[j].Kind] })
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// RoleIDs lists the config's role ids, sorted.
func (c *Config) RoleIDs() []string {
	ids := make([]string, 0, len(c.Roles))
	for id := range c.Roles {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

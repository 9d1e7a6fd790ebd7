package compose

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/config"
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
	Rung             config.Rung `json:"rung"`
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
	// behaviourNames are the titles of the behaviours a behaviours key
	// attached by name (its select): the documents carry them unless
	// select.behaviours names others.
	behaviourNames []string
	// textID is the translation unit id prefix of the role's own text at
	// this level: the first framework role level that gave it.
	textID string
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
func Compose(cfg *config.Config, lib *Library, roleID, level string) (*Composed, error) {
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
func composeRole(cfg *config.Config, lib *Library, roleID, level string) (*Composed, error) {
	if fw, role, ok := strings.Cut(roleID, "/"); ok {
		return composeFrameworkRole(cfg, lib, fw, role, level)
	}
	def, ok := cfg.Roles[roleID]
	if !ok {
		return nil, fmt.Errorf("%s: unknown role %q (available: %s)", cfg.At("roles"), roleID, strings.Join(cfg.RoleIDs(), ", "))
	}
	if err := checkBehaviours(cfg, lib, roleID); err != nil {
		return nil, err
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
		if err := config.CheckEntryKind(a.Kind); err != nil {
			return nil, fmt.Errorf("%s: %w", cfg.At("roles", roleID, "add", i, "kind"), err)
		}
		e := framework.Entry{Kind: framework.Kind(a.Kind), Group: a.Group, Title: a.Title, Descriptors: a.Descriptors}
		it := m.add(e, Origin{Framework: "local", Level: level, Section: "added by the organisation", From: cfg.At("roles", roleID, "add", i)})
		it.Essential = a.Essential
	}
	if !m.has("behaviour") {
		// The role's own behaviours key, else the config's, gives the
		// behaviours of a rung that has none.
		d, at, given := behavioursFor(def.Behaviours, def.BehavioursAt, level, "roles", roleID)
		if !given {
			d, at, _ = behavioursFor(cfg.Behaviours, cfg.BehavioursAt, level)
		}
		if d.Framework != "" {
			if err := c.attachBehaviours(cfg, lib, d, at, m); err != nil {
				return nil, err
			}
		}
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
	return wording.UpperFirst(strings.ToLower(rung)) + " " + wording.LowerFirst(role)
}

// roleTextFallback records the role's own description from the first role
// source that gives text, even one mapped to no level at this rung: the
// job purpose falls back on it.
func (c *Composed) roleTextFallback(lib *Library, def config.RoleDef) {
	for _, s := range def.Sources {
		if s.Role == "" || (s.Text != nil && !*s.Text) {
			continue
		}
		fw, err := lib.Framework(s.Framework)
		if err != nil {
			continue
		}
		r, err := FindRole(fw, s.Role)
		if err != nil || len(r.Description) == 0 {
			continue
		}
		c.RoleText, c.RoleTextFrom = r.Description, fw.ID+": "+r.From
		return
	}
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

func sourceName(s config.SourceDef) string {
	switch {
	case s.Role != "":
		return s.Framework + " role " + s.Role
	case s.Catalogue != "":
		return s.Framework + " catalogue " + s.Catalogue
	}
	return s.Framework
}

// sourceLevels lists the level ids a source can map to.
func sourceLevels(lib *Library, s config.SourceDef) ([]string, error) {
	fw, err := lib.Framework(s.Framework)
	if err != nil {
		return nil, err
	}
	var ids []string
	switch {
	case s.Role != "":
		r, err := FindRole(fw, s.Role)
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

// FindRole returns framework fw's role id, or an error listing its roles.
func FindRole(fw *framework.Framework, id string) (*framework.Role, error) {
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

func composeFrameworkRole(cfg *config.Config, lib *Library, fwID, roleID, level string) (*Composed, error) {
	fw, err := lib.Framework(fwID)
	if err != nil {
		return nil, err
	}
	if err := checkBehaviours(cfg, lib, ""); err != nil {
		return nil, err
	}
	r, err := FindRole(fw, roleID)
	if err != nil {
		return nil, err
	}
	rl, err := findRoleLevel(fw, r, level)
	if err != nil {
		return nil, err
	}
	c := &Composed{ID: fwID + "/" + roleID, Title: rl.Title, JobTitle: displayName(rl.Title), Family: r.Family, Rung: config.Rung{ID: rl.ID, Label: rl.Title},
		Retired: rl.Retired, RoleText: r.Description, RoleTextFrom: fw.ID + ": " + r.From}
	m := newMerger()
	if err := c.addSource(lib, config.SourceDef{Framework: fwID, Role: roleID}, level, m); err != nil {
		return nil, err
	}
	if d, at, _ := behavioursFor(cfg.Behaviours, cfg.BehavioursAt, level); d.Framework != "" && !m.has("behaviour") {
		if err := c.attachBehaviours(cfg, lib, d, at, m); err != nil {
			return nil, err
		}
	}
	c.Items = m.items()
	return c, nil
}

// behavioursFor returns the behaviours key that applies at level: its
// behavioursAt entry for the level, else the behaviours key, with the
// config path of the one chosen (under base, e.g. "roles", ROLE). given
// is false when neither says anything for the level; an entry with no
// framework is given, and attaches none.
func behavioursFor(d config.BehavioursDef, at map[string]config.BehavioursDef, level string, base ...any) (_ config.BehavioursDef, path []any, given bool) {
	path = append([]any(nil), base...)
	if a, found := at[level]; found {
		return a, append(path, "behavioursAt", level), true
	}
	return d, append(path, "behaviours"), d.Framework != ""
}

// behavioursLabel names a behaviours key for messages: `behaviours`,
// `behavioursAt.senior`, `role "data-engineer" behavioursAt.senior`.
func behavioursLabel(path []any) string {
	var role string
	if len(path) > 2 && path[0] == "roles" {
		role, path = fmt.Sprintf("role %q ", path[1]), path[2:]
	}
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = fmt.Sprint(p)
	}
	return role + strings.Join(parts, ".")
}

// attachBehaviours merges the behaviours d names into m and records their
// framework as a source of c; at is d's config path, for messages.
func (c *Composed) attachBehaviours(cfg *config.Config, lib *Library, d config.BehavioursDef, at []any, m *merger) error {
	b, err := resolveBehaviours(lib, d)
	if err != nil {
		return fmt.Errorf("%s: %s: %w", cfg.At(append(append([]any(nil), at...), b.field...)...), behavioursLabel(at), err)
	}
	var names []string
	for _, e := range b.entries {
		o := b.origin
		o.Section, o.From = e.Group, e.From
		names = append(names, m.add(e, o).Title)
	}
	c.Sources = append(c.Sources, b.ref)
	what := "behaviours"
	if len(b.entries) == 1 {
		what = "behaviour"
	}
	c.Notes = append(c.Notes, fmt.Sprintf("%d %s attached from %s by %s (%s)", len(b.entries), what, b.where, behavioursLabel(at), cfg.At(at...)))
	if len(d.Select) > 0 {
		c.behaviourNames = appendNew(c.behaviourNames, names...)
	}
	return nil
}

// behaviours is what a behaviours key resolves to.
type behaviours struct {
	entries []framework.Entry // the behaviours attached, in the framework's order (or select's)
	origin  Origin            // framework, role or catalogue, level
	ref     SourceRef         // the source the provenance names
	where   string            // e.g. `ncf role head-of-data-ethics at "Head of Data Ethics"`
	field   []any             // on error: the key at fault under the behaviours key
}

// resolveBehaviours finds the behaviours d names in lib: the behaviour
// entries of a framework role at a level, or of a catalogue at a level
// (a catalogue whose skills give no kind is taken whole), all of them or
// those d.Select names by title or code. On error, field names the key
// at fault.
func resolveBehaviours(lib *Library, d config.BehavioursDef) (b behaviours, err error) {
	fail := func(field []any, err error) (behaviours, error) {
		b.field = field
		return b, err
	}
	fw, err := lib.Framework(d.Framework)
	if err != nil {
		return fail([]any{"framework"}, err)
	}
	b.ref = SourceRef{Framework: fw.ID, Name: fw.Name, Version: fw.Version, Licence: fw.Source.Licence, URL: fw.Source.URL}
	b.origin = Origin{Framework: fw.ID}
	var all []framework.Entry
	onlyLevel := func(what string, ids []string) (string, error) {
		if d.Level != "" {
			return d.Level, nil
		}
		if len(ids) == 1 {
			return ids[0], nil
		}
		return "", fmt.Errorf("give level: %s has levels %s", what, strings.Join(ids, ", "))
	}
	switch {
	case d.Role != "" && d.Catalogue != "":
		return fail([]any{"catalogue"}, fmt.Errorf("name a role or a catalogue of %s, not both", fw.ID))
	case d.Role != "":
		r, err := FindRole(fw, d.Role)
		if err != nil {
			return fail([]any{"role"}, err)
		}
		ids := make([]string, len(r.Levels))
		for i, l := range r.Levels {
			ids[i] = l.ID
		}
		lvl, err := onlyLevel(fmt.Sprintf("%s role %s", fw.ID, r.ID), ids)
		if err != nil {
			return fail(nil, err)
		}
		rl, err := findRoleLevel(fw, r, lvl)
		if err != nil {
			return fail([]any{"level"}, err)
		}
		for _, e := range rl.Entries {
			if e.Kind == framework.KindBehaviour {
				all = append(all, e)
			}
		}
		b.ref.Role, b.ref.Level, b.ref.LevelName = r.ID, rl.ID, rl.Title
		b.origin.Role, b.origin.Level = r.ID, rl.ID
		b.where = fmt.Sprintf("%s role %s at %q", fw.ID, r.ID, rl.Title)
	case d.Catalogue != "":
		cat, err := findCatalogue(fw, d.Catalogue)
		if err != nil {
			return fail([]any{"catalogue"}, err)
		}
		ids := make([]string, len(cat.Levels))
		for i, l := range cat.Levels {
			ids[i] = l.ID
		}
		lvl, err := onlyLevel(fmt.Sprintf("%s catalogue %s", fw.ID, cat.ID), ids)
		if err != nil {
			return fail(nil, err)
		}
		var label string
		for _, l := range cat.Levels {
			if l.ID == lvl {
				label = l.Label
			}
		}
		if label == "" {
			return fail([]any{"level"}, fmt.Errorf("catalogue %q of %s has no level %q (it has: %s)", cat.ID, fw.ID, lvl, strings.Join(ids, ", ")))
		}
		typed := false
		for _, cg := range cat.Categories {
			for _, sk := range cg.Skills {
				typed = typed || sk.Kind != ""
			}
		}
		for _, cg := range cat.Categories {
			for _, sk := range cg.Skills {
				if typed && sk.Kind != framework.KindBehaviour {
					continue
				}
				for _, sl := range sk.Levels {
					if sl.Level == lvl && len(sl.Descriptors) > 0 {
						all = append(all, framework.Entry{Kind: framework.KindBehaviour, Group: cg.Title, Title: sk.Title, Code: sk.Code,
							Level: label, Descriptors: sl.Descriptors, From: sl.From})
						break
					}
				}
			}
		}
		b.ref.Catalogue, b.ref.Level, b.ref.LevelName = cat.ID, lvl, label
		b.origin.Catalogue, b.origin.Level = cat.ID, lvl
		b.where = fmt.Sprintf("%s catalogue %s at %q", fw.ID, cat.ID, label)
	default:
		return fail(nil, fmt.Errorf("name a role or a catalogue of %s to take the behaviours from", fw.ID))
	}
	if len(all) == 0 {
		field := []any{"role"}
		if d.Catalogue != "" {
			field = []any{"catalogue"}
		}
		return fail(field, fmt.Errorf("%s has no behaviours: take them from a framework that has some", b.where))
	}
	if len(d.Select) == 0 {
		b.entries = all
		return b, nil
	}
	picked := map[int]bool{}
	for i, name := range d.Select {
		found := -1
		for j, e := range all {
			if framework.NormalTitle(e.Title) == framework.NormalTitle(name) || (e.Code != "" && strings.EqualFold(e.Code, strings.TrimSpace(name))) {
				found = j
				break
			}
		}
		if found < 0 {
			return fail([]any{"select", i}, fmt.Errorf("%s has no behaviour %q (it has %s)", b.where, name, titleList(all, 8)))
		}
		if !picked[found] {
			picked[found] = true
			b.entries = append(b.entries, all[found])
		}
	}
	return b, nil
}

// titleList lists entries' titles, at most n of them and how many more.
func titleList(es []framework.Entry, n int) string {
	var names []string
	for i, e := range es {
		if i == n {
			names = append(names, fmt.Sprintf("and %d more", len(es)-n))
			break
		}
		names = append(names, e.Title)
	}
	return fmt.Sprintf("%d: %s", len(es), strings.Join(names, ", "))
}

// checkBehaviours checks the config's behaviours keys, and the role's when
// roleID is a config role, at every level, so that a mistyped name is an
// error whatever level is run: each must resolve (resolveBehaviours), and
// each behavioursAt key name a rung (for a role) or a rung or framework
// level id (top level).
func checkBehaviours(cfg *config.Config, lib *Library, roleID string) error {
	type key struct {
		d    config.BehavioursDef
		path []any
	}
	var keys []key
	check := func(d config.BehavioursDef, at map[string]config.BehavioursDef, base ...any) error {
		keys = append(keys, key{d, append(append([]any(nil), base...), "behaviours")})
		levels := make([]string, 0, len(at))
		for l := range at {
			levels = append(levels, l)
		}
		sort.Strings(levels)
		for _, l := range levels {
			p := append(append([]any(nil), base...), "behavioursAt", l)
			if _, ok := cfg.Rung(l); !ok && (len(base) > 0 || !frameworkLevel(lib, l)) {
				what := "a rung of the ladder"
				if len(base) == 0 {
					what = "a rung of the ladder or a framework level id"
				}
				return fmt.Errorf("%s: %s: %q is not %s (the ladder has: %s)", cfg.At(p...), behavioursLabel(p[:len(p)-1]), l, what, strings.Join(cfg.RungIDs(), ", "))
			}
			keys = append(keys, key{at[l], p})
		}
		return nil
	}
	if err := check(cfg.Behaviours, cfg.BehavioursAt); err != nil {
		return err
	}
	if def, ok := cfg.Roles[roleID]; ok {
		if err := check(def.Behaviours, def.BehavioursAt, "roles", roleID); err != nil {
			return err
		}
	}
	for _, k := range keys {
		if k.d.Framework == "" {
			if k.d.Role != "" || k.d.Catalogue != "" || k.d.Level != "" || len(k.d.Select) > 0 {
				return fmt.Errorf("%s: %s: give framework: the framework to take the behaviours from", cfg.At(k.path...), behavioursLabel(k.path))
			}
			continue
		}
		if b, err := resolveBehaviours(lib, k.d); err != nil {
			return fmt.Errorf("%s: %s: %w", cfg.At(append(append([]any(nil), k.path...), b.field...)...), behavioursLabel(k.path), err)
		}
	}
	return nil
}

// frameworkLevel reports whether id is a level of some role or catalogue
// of lib's frameworks.
func frameworkLevel(lib *Library, id string) bool {
	for _, fw := range lib.list {
		for _, r := range fw.Roles {
			for _, l := range r.Levels {
				if l.ID == id {
					return true
				}
			}
		}
		for _, cat := range fw.Catalogues {
			for _, l := range cat.Levels {
				if l.ID == id {
					return true
				}
			}
		}
	}
	return false
}

// addSource merges one framework source at the framework level mapped.
func (c *Composed) addSource(lib *Library, s config.SourceDef, mapped string, m *merger) error {
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
		r, err := FindRole(fw, s.Role)
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
				c.JobTitle = displayName(rl.Title)
			}
			if c.textID == "" {
				c.textID = unitID(fw.ID, r.ID, rl.ID)
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

// EntryKey is the key an entry of kind and title is known by across
// frameworks and levels: entries whose titles differ only in case, spacing
// or punctuation (framework.NormalTitle) are the same entry.
func EntryKey(kind, title string) string { return kind + "\x00" + framework.NormalTitle(title) }

func (m *merger) add(e framework.Entry, o Origin) *Item {
	k := EntryKey(string(e.Kind), e.Title)
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
	if len(e.Descriptors) > 0 && !slices.Equal(e.Descriptors, it.Descriptors) {
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

// has reports whether m holds an entry of kind.
func (m *merger) has(kind string) bool {
	for _, it := range m.byKey {
		if it.Kind == kind {
			return true
		}
	}
	return false
}

func (m *merger) remove(kind, title string) bool {
	k := EntryKey(kind, title)
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

package compose

import (
	"fmt"
	"strings"
	"time"

	"github.com/rolepack/rolepack/textdiff"
)

// LadderKinds are the entry kinds a career map shows, in its order: what a
// person is expected to be able to do and how they are expected to work.
var LadderKinds = []string{"skill", "knowledge", "project-skill", "behaviour", "leadership"}

// Ladder is a role at every rung of the ladder side by side (every level
// of a framework role used as it is): the data of a career map.
type Ladder struct {
	RoleID string       `json:"roleId"`
	Title  string       `json:"title"`
	Rungs  []LadderRung `json:"rungs"`
	// Sections hold the rows, one section per entry kind, each split into
	// the groups the role gives its entries.
	Sections []LadderSection `json:"sections"`
	Sources  []SourceRef     `json:"sources"`
	Notes    []string        `json:"notes,omitempty"`

	footer, provenance string
}

// LadderRung is one column of a career map.
type LadderRung struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Current marks the rung the document was asked for (--level).
	Current bool `json:"current,omitempty"`
	// Empty is set when the role has no entry of the map's kinds at this
	// rung (every source is mapped to none, say).
	Empty bool `json:"empty,omitempty"`
}

// LadderSection is the rows of one entry kind.
type LadderSection struct {
	Kind   string        `json:"kind"`
	Title  string        `json:"title"` // e.g. "Skills"
	Groups []LadderGroup `json:"groups"`
}

// LadderGroup is the rows of one group of entries, e.g. a skills-matrix
// category.
type LadderGroup struct {
	Name string      `json:"name"`
	Rows []LadderRow `json:"rows"`
}

// LadderRow is one entry across the rungs.
type LadderRow struct {
	Kind  string       `json:"kind"`
	Title string       `json:"title"`
	Code  string       `json:"code,omitempty"`
	Cells []LadderCell `json:"cells"` // one per rung, in rung order
}

// Cell states.
const (
	CellPresent   = "present"    // the entry is expected at this rung
	CellNone      = "none"       // its source is mapped to none at this rung
	CellNotAtRung = "not-listed" // its source is mapped, but the entry is not part of the role at this rung
)

// LadderCell is what one entry asks at one rung.
type LadderCell struct {
	State string `json:"state"` // present, none or not-listed
	Level string `json:"level,omitempty"`
	Depth string `json:"depth,omitempty"`
	// New is set when the entry is expected at this rung but not at the
	// rung below; LevelNew when its level or depth label changed.
	New      bool `json:"new,omitempty"`
	LevelNew bool `json:"levelNew,omitempty"`
	// SameAsBelow is set when the cell says exactly what the rung below
	// says (level, depth and descriptors).
	SameAsBelow bool         `json:"sameAsBelow,omitempty"`
	Descriptors []Descriptor `json:"descriptors,omitempty"`
}

// Descriptor is one descriptor of a cell, in parts, each marked when it
// is new at this rung (not said by the rung below).
type Descriptor struct {
	Text  string       `json:"text"`
	Parts []MarkedText `json:"parts"`
}

// MarkedText is a run of descriptor text; New marks what the rung below
// does not say.
type MarkedText struct {
	Text string `json:"text"`
	New  bool   `json:"new,omitempty"`
}

// similarEnough is the share of words a descriptor must keep from one at
// the rung below for only its changed words to be marked; below it the
// whole descriptor is new.
const similarEnough = 0.5

// sectionTitles names the career map's sections by entry kind.
var sectionTitles = map[string]string{
	"skill": "Skills", "knowledge": "Knowledge", "project-skill": "Project skills",
	"behaviour": "Behaviours", "leadership": "Leadership",
}

// NewLadder composes role at every rung of the ladder (every level of the
// framework role, for FRAMEWORK/ROLE) and lines its entries up, marking
// what is new at each rung. current marks the rung the document is for.
func NewLadder(cfg *Config, lib *Library, roleID, current string, date time.Time) (*Ladder, error) {
	type rungDef struct {
		Rung
		none map[string]bool // sources mapped to none, by sourceKey
	}
	var rungs []rungDef
	if fwID, rID, ok := strings.Cut(roleID, "/"); ok {
		fw, err := lib.Framework(fwID)
		if err != nil {
			return nil, err
		}
		r, err := findRole(fw, rID)
		if err != nil {
			return nil, err
		}
		for _, l := range r.Levels {
			rungs = append(rungs, rungDef{Rung: Rung{ID: l.ID, Label: l.Title}})
		}
	} else {
		def, ok := cfg.Roles[roleID]
		if !ok {
			return nil, fmt.Errorf("%s: unknown role %q (available: %s)", cfg.At("roles"), roleID, strings.Join(cfg.RoleIDs(), ", "))
		}
		for _, r := range cfg.Ladder {
			rd := rungDef{Rung: r, none: map[string]bool{}}
			for _, s := range def.Sources {
				if s.Levels[r.ID] == "none" {
					rd.none[ladderSourceKey(s.Framework, s.Role, s.Catalogue)] = true
				}
			}
			rungs = append(rungs, rd)
		}
	}
	if len(rungs) == 0 {
		return nil, fmt.Errorf("%s: the ladder has no levels", cfg.At("ladder"))
	}
	l := &Ladder{RoleID: roleID}
	type rowAt struct {
		row     *LadderRow
		group   string
		origins map[string]bool
		items   []*Item // by rung
	}
	var order []*rowAt
	byKey := map[string]*rowAt{}
	show := map[string]bool{}
	for _, k := range LadderKinds {
		show[k] = true
	}
	var label []string
	for ri, rd := range rungs {
		c, err := Compose(cfg, lib, roleID, rd.ID)
		if err != nil {
			return nil, fmt.Errorf("career map of %s at %s: %w", roleID, rd.Label, err)
		}
		if l.Title == "" || !strings.Contains(roleID, "/") {
			l.Title = c.Title
		}
		l.Sources = append(l.Sources, c.Sources...)
		for _, n := range c.Notes {
			l.Notes = append(l.Notes, rd.Label+": "+n)
		}
		label = append(label, rd.Label)
		lr := LadderRung{ID: rd.ID, Label: rd.Label, Current: rd.ID == current, Empty: true}
		for _, it := range c.Items {
			if !show[it.Kind] {
				continue
			}
			lr.Empty = false
			k := key(it.Kind, it.Title)
			ra, ok := byKey[k]
			if !ok {
				ra = &rowAt{row: &LadderRow{Kind: it.Kind, Title: it.Title}, origins: map[string]bool{}, items: make([]*Item, len(rungs))}
				byKey[k] = ra
				order = append(order, ra)
			}
			ra.items[ri] = it
			ra.group = it.Group
			if it.Code != "" {
				ra.row.Code = it.Code
			}
			for _, o := range it.Origins {
				if o.Framework != "local" {
					ra.origins[ladderSourceKey(o.Framework, o.Role, o.Catalogue)] = true
				}
			}
		}
		l.Rungs = append(l.Rungs, lr)
		if len(order) > MaxPlanEntries {
			return nil, fmt.Errorf("career map of %s: the role has more than %s entries across its levels; a career map lists at most %s: take fewer of its sources' entries (kinds:, remove:) or a narrower catalogue",
				roleID, thousands(len(order)), thousands(MaxPlanEntries))
		}
	}
	l.Sources = uniqueSources(l.Sources)
	for _, ra := range order {
		for ri, rd := range rungs {
			it := ra.items[ri]
			if it == nil {
				state := CellNotAtRung
				if len(ra.origins) > 0 && allIn(ra.origins, rd.none) {
					state = CellNone
				}
				ra.row.Cells = append(ra.row.Cells, LadderCell{State: state})
				continue
			}
			var below *Item
			if ri > 0 {
				below = ra.items[ri-1]
			}
			ra.row.Cells = append(ra.row.Cells, newCell(it, below, ri == 0))
		}
	}
	for _, kind := range LadderKinds {
		sec := LadderSection{Kind: kind, Title: sectionTitles[kind]}
		idx := map[string]int{}
		for _, ra := range order {
			if ra.row.Kind != kind {
				continue
			}
			i, ok := idx[ra.group]
			if !ok {
				i = len(sec.Groups)
				idx[ra.group] = i
				sec.Groups = append(sec.Groups, LadderGroup{Name: ra.group})
			}
			sec.Groups[i].Rows = append(sec.Groups[i].Rows, *ra.row)
		}
		if len(sec.Groups) > 0 {
			l.Sections = append(l.Sections, sec)
		}
	}
	span := &Composed{ID: roleID, Title: l.Title, Rung: Rung{Label: label[0] + " to " + label[len(label)-1]}, Sources: l.Sources}
	if len(label) == 1 {
		span.Rung.Label = label[0]
	}
	l.footer, l.provenance = footerLine(span, date), provenanceLine(span, date)
	return l, nil
}

// newCell is what item it asks at a rung, marked against the rung below
// (nothing is marked at the lowest rung).
func newCell(it, below *Item, lowest bool) LadderCell {
	c := LadderCell{State: CellPresent, Level: it.Level, Depth: it.Depth}
	if !lowest && below == nil {
		c.New, c.LevelNew = true, true
	}
	if below != nil {
		c.LevelNew = below.Level != it.Level || below.Depth != it.Depth
		c.SameAsBelow = !c.LevelNew && equalStrings(below.Descriptors, it.Descriptors)
	}
	for _, d := range it.Descriptors {
		c.Descriptors = append(c.Descriptors, markDescriptor(d, below, c.New))
	}
	return c
}

// markDescriptor splits d into parts, marking what the rung below does not
// say: nothing when it says d word for word, the changed words when it
// says something close, else all of d.
func markDescriptor(d string, below *Item, allNew bool) Descriptor {
	out := Descriptor{Text: d}
	if below == nil {
		out.Parts = []MarkedText{{Text: d, New: allNew}}
		return out
	}
	var best textdiff.Diff
	bestSim := -1.0
	for _, b := range below.Descriptors {
		diff := textdiff.Words(b, d)
		if s := diff.Similarity(); s > bestSim {
			best, bestSim = diff, s
		}
	}
	if bestSim < similarEnough {
		out.Parts = []MarkedText{{Text: d, New: true}}
		return out
	}
	for _, s := range best {
		switch s.Op {
		case textdiff.Equal:
			out.Parts = append(out.Parts, MarkedText{Text: s.Text})
		case textdiff.Insert:
			out.Parts = append(out.Parts, MarkedText{Text: s.Text, New: true})
		}
	}
	return out
}

func ladderSourceKey(fw, role, catalogue string) string {
	return fw + "\x00" + role + "\x00" + catalogue
}

func allIn(keys, set map[string]bool) bool {
	for k := range keys {
		if !set[k] {
			return false
		}
	}
	return true
}

// Footer is the running footer of a career map: the role, the span of
// rungs, its sources and date.
func (l *Ladder) Footer() string { return l.footer }

// Provenance names where a career map's content came from.
func (l *Ladder) Provenance() string { return l.provenance }

// WithLadder returns a copy of context c carrying the career map of its
// role (the role composed at every rung).
func WithLadder(c *Context) (*Context, error) {
	if c.Ladder != nil {
		return c, nil
	}
	if c.source == nil {
		return nil, fmt.Errorf("the context was not made by NewContext: no ladder to compose")
	}
	s := c.source
	l, err := NewLadder(s.cfg, s.lib, s.role, s.level, s.date)
	if err != nil {
		return nil, err
	}
	cp := *c
	cp.Ladder = l
	return &cp, nil
}

// contextSource is what NewContext composed a context from, kept so that a
// document kind that needs more (the career map) can compose it on demand.
type contextSource struct {
	cfg         *Config
	lib         *Library
	role, level string
	date        time.Time
}

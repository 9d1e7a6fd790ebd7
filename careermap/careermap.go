package careermap

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/config"
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
	Sections []LadderSection     `json:"sections"`
	Sources  []compose.SourceRef `json:"sources"`
	// Spans split the rungs into the column groups a printed map shows
	// side by side, at most MaxLadderColumns rungs each, each after the
	// first opening with the last rung of the one before (so every step
	// up is side by side somewhere); one span when the ladder fits.
	Spans []LadderSpan `json:"spans"`
	// Notes are what composition left out at each rung: for the record
	// and the command line, not the map itself.
	Notes []string `json:"notes,omitempty"`

	footer, provenance string
	work               ladderWork // what marking the map's descriptors cost
	untranslated       []string   // the English of the units with no translation (translate.go)
	translatedN        int        // how many units a translation gave
	unmarked           bool       // a descriptor is given in translation, unmarked
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
	// Steady is set when the entry asks the same wherever it is asked
	// (one rung, or adjacent rungs with the same text): the map lists it
	// once, with the rungs it is asked at (At), rather than as a row of
	// repeats and blanks.
	Steady bool `json:"steady,omitempty"`
	// At names the rungs the entry is asked at: "Every level", "Head
	// only", "Senior and Head", "Mid to Head".
	At string `json:"at"`
	// items are the entry as composed at each rung, beside Cells (nil
	// where it is not asked): the ids of its translation units.
	items []*compose.Item
}

// LadderSpan is a run of adjacent rungs shown in one table.
type LadderSpan struct {
	First int    `json:"first"` // index of its first rung
	Last  int    `json:"last"`  // index of its last rung
	Label string `json:"label"` // "Entry to Senior", or the rung's label
}

// LadderTable is what one table of a career map shows: the changing rows
// of a group that are asked at some rung of a span, their cells cut to
// the span.
type LadderTable struct {
	Span  LadderSpan
	Rungs []LadderRung
	Rows  []LadderRow
	// Unchanged names the rows a span after the first leaves out: each
	// asks at every later rung of the span what it asks at the span's
	// first, which the table of the span before shows (its last rung).
	Unchanged []string
}

// MaxLadderColumns is the most rungs a career map's table shows side by
// side: with the entry column, what A4 landscape holds at a legible size
// (about 40 characters a line in the compact type). A longer ladder, or
// one whose tables would not fit on PagesPerSpan pages, is split into
// spans (see split), each table repeating the entry column.
const MaxLadderColumns = 4

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
	SameAsBelow bool `json:"sameAsBelow,omitempty"`
	// Label is the depth and level to show ("Expert in Level 5"): empty
	// when the entry gives none or it is the rung's own label.
	Label string `json:"label,omitempty"`
	// AsAt is the label of the rung below when SameAsBelow is set.
	AsAt        string       `json:"asAt,omitempty"`
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

// New composes role at every rung of the ladder (every level of the
// framework role, for FRAMEWORK/ROLE) and lines its entries up, marking
// what is new at each rung. current marks the rung the document is for;
// ctx stops it between rungs.
func New(ctx context.Context, cfg *config.Config, lib *compose.Library, roleID, current string, date time.Time) (*Ladder, error) {
	title, rungs, err := ladderRungs(cfg, lib, roleID)
	if err != nil {
		return nil, err
	}
	l := &Ladder{RoleID: roleID, Title: title}
	order, err := l.collect(ctx, cfg, lib, roleID, current, rungs)
	if err != nil {
		return nil, err
	}
	keep, label, err := l.keepRungs(roleID)
	if err != nil {
		return nil, err
	}
	l.fillCells(order, rungs, keep, label)
	l.Sections = ladderSections(order)
	l.Spans = l.split(label)
	span := &compose.Composed{ID: roleID, Title: l.Title, Rung: config.Rung{Label: label[0] + " to " + label[len(label)-1]}, Sources: l.Sources}
	if len(label) == 1 {
		span.Rung.Label = label[0]
	}
	l.footer, l.provenance = compose.FooterLine(span, date), ladderProvenance(l, date)
	return l, nil
}

// rungDef is a rung of a career map and the sources mapped to none at it.
type rungDef struct {
	config.Rung
	none map[string]bool // sources mapped to none, by sourceKey
}

// ladderRungs is the title of role roleID and its rungs: the framework
// role's levels, or the organisation's ladder for a config role.
func ladderRungs(cfg *config.Config, lib *compose.Library, roleID string) (string, []rungDef, error) {
	var rungs []rungDef
	title := ""
	if fwID, rID, ok := strings.Cut(roleID, "/"); ok {
		fw, err := lib.Framework(fwID)
		if err != nil {
			return "", nil, err
		}
		r, err := compose.FindRole(fw, rID)
		if err != nil {
			return "", nil, err
		}
		title = r.Title
		for _, l := range r.Levels {
			rungs = append(rungs, rungDef{Rung: config.Rung{ID: l.ID, Label: l.Title}})
		}
	} else {
		def, ok := cfg.Roles[roleID]
		if !ok {
			return "", nil, fmt.Errorf("%s: unknown role %q (available: %s)", cfg.At("roles"), roleID, strings.Join(cfg.RoleIDs(), ", "))
		}
		title = def.Title
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
		return "", nil, fmt.Errorf("%s: the ladder has no levels", cfg.At("ladder"))
	}
	if len(rungs) == 1 {
		return "", nil, oneLevel(roleID)
	}
	return title, rungs, nil
}

// rowAt is an entry of the career map as New lines it up: its row, its
// group, the sources it came from, and its item at each rung (nil where
// the rung does not have it).
type rowAt struct {
	row     *LadderRow
	group   string
	origins map[string]bool
	items   []*compose.Item // by rung
}

// collect composes the role at each rung and lines up the entries of the
// map's kinds, in the order they first appear: l's rungs, sources and
// notes are set.
func (l *Ladder) collect(ctx context.Context, cfg *config.Config, lib *compose.Library, roleID, current string, rungs []rungDef) ([]*rowAt, error) {
	var order []*rowAt
	byKey := map[string]*rowAt{}
	show := map[string]bool{}
	for _, k := range LadderKinds {
		show[k] = true
	}
	for ri, rd := range rungs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("career map of %s: %w", roleID, err)
		}
		c, err := compose.Compose(cfg, lib, roleID, rd.ID)
		if err != nil {
			return nil, fmt.Errorf("career map of %s at %s: %w", roleID, rd.Label, err)
		}
		if l.Title == "" {
			l.Title = c.Title
		}
		l.Sources = append(l.Sources, c.Sources...)
		for _, n := range c.Notes {
			l.Notes = append(l.Notes, rd.Label+": "+n)
		}
		lr := LadderRung{ID: rd.ID, Label: rd.Label, Current: rd.ID == current, Empty: true}
		for _, it := range c.Items {
			if !show[it.Kind] {
				continue
			}
			lr.Empty = false
			k := compose.EntryKey(it.Kind, it.Title)
			ra, ok := byKey[k]
			if !ok {
				ra = &rowAt{row: &LadderRow{Kind: it.Kind, Title: it.Title}, origins: map[string]bool{}, items: make([]*compose.Item, len(rungs))}
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
		if len(order) > config.MaxPlanEntries {
			return nil, fmt.Errorf("career map of %s: the role has more than %s entries across its levels; a career map lists at most %s: take fewer of its sources' entries (kinds:, remove:) or a narrower catalogue",
				roleID, wording.Thousands(len(order)), wording.Thousands(config.MaxPlanEntries))
		}
	}
	l.Sources = compose.UniqueSources(l.Sources)
	return order, nil
}

// keepRungs keeps the rungs that are columns of the map, and gives their
// indexes among all the rungs and their labels: a rung where the role asks
// nothing of the map's kinds is no column, as it would hold only blanks.
func (l *Ladder) keepRungs(roleID string) (keep []int, label []string, err error) {
	for ri, lr := range l.Rungs {
		if !lr.Empty {
			keep = append(keep, ri)
		}
	}
	switch {
	case len(keep) == 1:
		return nil, nil, oneLevel(roleID)
	case len(keep) == len(l.Rungs) || len(keep) == 0:
		keep = keep[:0]
		for ri := range l.Rungs {
			keep = append(keep, ri)
		}
	}
	shown := make([]LadderRung, 0, len(keep))
	for _, ri := range keep {
		shown = append(shown, l.Rungs[ri])
		label = append(label, l.Rungs[ri].Label)
	}
	l.Rungs = shown
	return keep, label, nil
}

// fillCells sets each row's cell at each kept rung: what is new against
// the rung below, the same as it, or why the rung has none.
func (l *Ladder) fillCells(order []*rowAt, rungs []rungDef, keep []int, label []string) {
	m := newMarker()
	for _, ra := range order {
		for ki, ri := range keep {
			rd := rungs[ri]
			it := ra.items[ri]
			ra.row.items = append(ra.row.items, it)
			if it == nil {
				state := CellNotAtRung
				if len(ra.origins) > 0 && allIn(ra.origins, rd.none) {
					state = CellNone
				}
				ra.row.Cells = append(ra.row.Cells, LadderCell{State: state})
				continue
			}
			var below *compose.Item
			if ki > 0 {
				below = once(ra.items[keep[ki-1]])
			}
			c := m.newCell(once(it), below, ki == 0)
			if c.SameAsBelow {
				c.AsAt = label[ki-1]
			}
			if lb := strings.TrimSpace(c.Depth + " " + c.Level); !strings.EqualFold(lb, label[ki]) {
				c.Label = lb
			}
			ra.row.Cells = append(ra.row.Cells, c)
		}
		ra.row.Steady, ra.row.At = steady(ra.row.Cells, label)
	}
	l.work = m.work
	if m.spent {
		l.Notes = append(l.Notes, fmt.Sprintf("career map: comparing descriptors with the rung below stopped after %s words; the rest are shown without marking what is new",
			wording.Thousands(int(m.work.words))))
	}
}

// ladderSections groups the rows by kind (in LadderKinds' order) and,
// within a kind, by group in the order groups first appear.
func ladderSections(order []*rowAt) []LadderSection {
	var out []LadderSection
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
			out = append(out, sec)
		}
	}
	return out
}

// ladderProvenance names where a career map's content came from: each
// framework, version and role or catalogue once, with the span of its
// levels used.
func ladderProvenance(l *Ladder, date time.Time) string {
	type from struct{ name, of string }
	var order []from
	levels := map[from][]string{}
	for _, s := range l.Sources {
		p := s.Name
		if s.Version != "" {
			p += " " + s.Version
		}
		f := from{p, s.Role}
		if f.of == "" {
			f.of = s.Catalogue
		}
		if _, ok := levels[f]; !ok {
			order = append(order, f)
		}
		levels[f] = append(levels[f], s.LevelName)
	}
	var parts []string
	for _, f := range order {
		lv := levels[f]
		span := strings.Join(lv, " and ")
		if len(lv) > 2 {
			span = lv[0] + " to " + lv[len(lv)-1]
		}
		parts = append(parts, fmt.Sprintf("%s (%s, %s)", f.name, f.of, span))
	}
	src := strings.Join(parts, "; ")
	if src == "" {
		src = "organisation entries only"
	}
	span := l.Rungs[0].Label + " to " + l.Rungs[len(l.Rungs)-1].Label
	return fmt.Sprintf("Generated by rolepack on %s for %s, %s, from %s.", date.Format("2 January 2006"), l.RoleID, span, src)
}

// newCell is what item it asks at a rung, marked against the rung below
// (nothing is marked at the lowest rung).
func (m *marker) newCell(it, below *compose.Item, lowest bool) LadderCell {
	c := LadderCell{State: CellPresent, Level: levelName(it.Level), Depth: it.Depth}
	if !lowest && below == nil {
		c.New, c.LevelNew = true, true
	}
	if below != nil {
		c.LevelNew = levelName(below.Level) != c.Level || below.Depth != it.Depth
		c.SameAsBelow = !c.LevelNew && slices.Equal(below.Descriptors, it.Descriptors)
	}
	all := true // every word of the cell is new
	var bt *belowText
	if below != nil {
		bt = &belowText{descs: below.Descriptors, key: strings.Join(below.Descriptors, "\x00")}
	}
	for _, d := range it.Descriptors {
		md := m.markDescriptor(d, bt, c.New)
		for _, p := range md.Parts {
			all = all && p.New
		}
		c.Descriptors = append(c.Descriptors, md)
	}
	if all {
		// Bold on every word would mark nothing: a cell that says something
		// new throughout is plain.
		for i := range c.Descriptors {
			for j := range c.Descriptors[i].Parts {
				c.Descriptors[i].Parts[j].New = false
			}
		}
	}
	return c
}

// once is it with each of its descriptors once: a framework page that
// gives a skill under two headings gives its descriptors twice, and a
// map cell says each once. it itself is returned when it repeats none.
func once(it *compose.Item) *compose.Item {
	if it == nil || len(it.Descriptors) < 2 {
		return it
	}
	seen := make(map[string]bool, len(it.Descriptors))
	ds := make([]string, 0, len(it.Descriptors))
	for _, d := range it.Descriptors {
		k := strings.ToLower(strings.Join(strings.Fields(d), " "))
		if !seen[k] {
			seen[k] = true
			ds = append(ds, d)
		}
	}
	if len(ds) == len(it.Descriptors) {
		return it
	}
	cp := *it
	cp.Descriptors = ds
	return &cp
}

// oneLevel is the error for a role a career map cannot show.
func oneLevel(roleID string) error {
	return fmt.Errorf("career map: %s has one level; a career map needs two or more", roleID)
}

// steady reports whether a row asks the same wherever it is asked (its
// cells present at adjacent rungs only, each as the one below), and names
// the rungs it is asked at.
func steady(cells []LadderCell, labels []string) (bool, string) {
	first, last := -1, -1
	same := true
	for i, c := range cells {
		if c.State != CellPresent {
			continue
		}
		if first < 0 {
			first = i
		} else if last != i-1 || !c.SameAsBelow {
			same = false
		}
		last = i
	}
	if first < 0 {
		return false, ""
	}
	var at string
	switch {
	case first == 0 && last == len(cells)-1 && same:
		at = "Every level"
	case first == last:
		at = labels[first] + " only"
	case last == first+1:
		at = labels[first] + " and " + labels[last]
	default:
		at = labels[first] + " to " + labels[last]
	}
	if !same {
		var at []string
		for i, c := range cells {
			if c.State == CellPresent {
				at = append(at, labels[i])
			}
		}
		return false, strings.Join(at, ", ")
	}
	return true, at
}

// EntryShare is the share of a map table's width its entry column takes,
// in percent: enough for an entry's title on two or three lines, so that
// the rungs' columns, which hold the text, get the rest in equal shares.
const EntryShare = 16

// Widths is the relative widths of the table's columns, as a template's
// table attribute (widths=16,28,28,28): the entry column EntryShare, each
// rung an equal share of the rest.
func (t LadderTable) Widths() string {
	return columnShares(len(t.Rungs))
}

// columnShares is the widths attribute of a map table of n rungs.
func columnShares(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", EntryShare)
	for range n {
		fmt.Fprintf(&b, ",%.1f", float64(100-EntryShare)/float64(max(n, 1)))
	}
	return b.String()
}

// Tables is what group g shows, one table per span: the rows that change
// across the rungs and are asked at some rung of the span, their cells
// cut to it. A span where none of them is asked has no table.
func (l *Ladder) Tables(g LadderGroup) []LadderTable {
	var out []LadderTable
	for _, sp := range l.Spans {
		if t := l.table(g, sp); len(t.Rows) > 0 || len(t.Unchanged) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// table is what group g shows in span sp. A span after the first opens
// with the last rung of the span before, shown for comparison: with no
// rung to its left in the table, its cells mark nothing new.
func (l *Ladder) table(g LadderGroup, sp LadderSpan) LadderTable {
	t := LadderTable{Span: sp, Rungs: l.Rungs[sp.First : sp.Last+1]}
	for _, r := range g.Rows {
		if r.Steady {
			continue
		}
		cells := r.Cells[sp.First : sp.Last+1]
		if sp.First > 0 && unchanged(cells) {
			t.Unchanged = append(t.Unchanged, r.Title)
			continue
		}
		for _, c := range cells {
			if c.State == CellPresent {
				if sp.First > 0 {
					cells = append([]LadderCell{plainCell(cells[0])}, cells[1:]...)
				}
				r.Cells = cells
				t.Rows = append(t.Rows, r)
				break
			}
		}
	}
	return t
}

// unchanged reports whether every cell after the first asks what the
// first asks.
func unchanged(cells []LadderCell) bool {
	if len(cells) < 2 || cells[0].State != CellPresent {
		return false
	}
	for _, c := range cells[1:] {
		if c.State != CellPresent || !c.SameAsBelow {
			return false
		}
	}
	return true
}

// plainCell is c with nothing marked new.
func plainCell(c LadderCell) LadderCell {
	c.New, c.LevelNew = false, false
	ds := make([]Descriptor, len(c.Descriptors))
	for i, d := range c.Descriptors {
		parts := make([]MarkedText, len(d.Parts))
		for j, p := range d.Parts {
			parts[j] = MarkedText{Text: p.Text}
		}
		ds[i] = Descriptor{Text: d.Text, Parts: parts}
	}
	c.Descriptors = ds
	return c
}

// Steady is the rows of a section that ask the same at two or more
// rungs and change at none, in group order: the map lists each once, with
// what it asks.
func (s LadderSection) Steady() []LadderRow {
	var out []LadderRow
	for _, g := range s.Groups {
		for _, r := range g.Rows {
			if r.Steady && presentAt(r) > 1 {
				out = append(out, r)
			}
		}
	}
	return out
}

// LadderOnly is the entries of a section asked at one rung only.
type LadderOnly struct {
	Rung   LadderRung
	Titles []string
}

// OneLevel is the entries of a section asked at one rung only, by rung in
// ladder order: the map names them (what each asks is that level's job
// description) rather than give each a row of blanks.
func (l *Ladder) OneLevel(s LadderSection) []LadderOnly {
	by := make([][]string, len(l.Rungs))
	for _, g := range s.Groups {
		for _, r := range g.Rows {
			if !r.Steady || presentAt(r) != 1 {
				continue
			}
			for i, c := range r.Cells {
				if c.State == CellPresent {
					by[i] = append(by[i], r.Title)
				}
			}
		}
	}
	var out []LadderOnly
	for i, titles := range by {
		if len(titles) > 0 {
			out = append(out, LadderOnly{Rung: l.Rungs[i], Titles: titles})
		}
	}
	return out
}

// presentAt counts the rungs a row is asked at.
func presentAt(r LadderRow) int {
	n := 0
	for _, c := range r.Cells {
		if c.State == CellPresent {
			n++
		}
	}
	return n
}

// Changing reports whether a group has a row that changes across the
// rungs (a row of a table rather than of the section's steady list).
func (g LadderGroup) Changing() bool {
	for _, r := range g.Rows {
		if !r.Steady {
			return true
		}
	}
	return false
}

// numberWords are the level numbers frameworks spell out ("Level Five").
var numberWords = strings.NewReplacer(" One", " 1", " Two", " 2", " Three", " 3", " Four", " 4",
	" Five", " 5", " Six", " 6", " Seven", " 7", " Eight", " 8", " Nine", " 9")

// levelName writes a framework level label in one form, "Level 5", when
// the framework spells the number ("Level Five").
func levelName(s string) string {
	if !strings.HasPrefix(s, "Level ") {
		return s
	}
	n := numberWords.Replace(s)
	if len(strings.Fields(n)) == 2 {
		return n
	}
	return s
}

// Bounds of the work of marking a career map's descriptors, for the whole
// map: the words of every pair of descriptors considered (each descriptor
// with each of the rung below), and the cells of the word comparisons run
// (textdiff.CellBudget at most each). A normal framework spends a small
// share of either; past them nothing more is marked new.
const (
	maxLadderWords = 1 << 25
	maxLadderCells = 1 << 28
)

// ladderWork is what marking a career map's descriptors cost.
type ladderWork struct {
	words int64 // words of the pairs of descriptors considered
	cells int64 // cells of the word comparisons run (an upper bound)
}

// marker marks a career map's descriptors against the rung below within
// the map's bounds, remembering what it marked for each descriptor and
// rung below.
type marker struct {
	work  ladderWork
	spent bool // a bound was reached: descriptors from then on are plain
	memo  map[markKey][]MarkedText
}

// markKey is a descriptor and the descriptors of the rung below it is
// marked against (belowText.key).
type markKey struct{ d, below string }

// belowText is the descriptors of the rung below one cell, with their
// words and word counts, split when first needed.
type belowText struct {
	descs  []string
	key    string // descs joined by NUL
	fields [][]string
	bags   []map[string]int
}

// split fills in the words and word counts of the descriptors.
func (b *belowText) split() {
	if b.fields != nil {
		return
	}
	b.fields = make([][]string, len(b.descs))
	b.bags = make([]map[string]int, len(b.descs))
	for i, d := range b.descs {
		b.fields[i] = strings.Fields(d)
		b.bags[i] = bag(b.fields[i])
	}
}

func newMarker() *marker { return &marker{memo: map[markKey][]MarkedText{}} }

// markDescriptor splits d into parts, marking what the rung below does not
// say: nothing when it says d word for word, the changed words when it
// says something close, else all of d. Once the map's bounds are reached,
// nothing of d is marked.
func (m *marker) markDescriptor(d string, below *belowText, allNew bool) Descriptor {
	out := Descriptor{Text: d}
	if below == nil {
		out.Parts = []MarkedText{{Text: d, New: allNew}}
		return out
	}
	k := markKey{d, below.key}
	parts, ok := m.memo[k]
	if !ok {
		parts = m.mark(d, below)
		m.memo[k] = parts
	}
	// newCell may unmark the parts it is given: each cell has its own.
	out.Parts = append([]MarkedText(nil), parts...)
	return out
}

// mark is markDescriptor's parts for d against the rung below, comparing
// word by word only the descriptors that may keep half of d's words (the
// words they share, counted without order, bound what a comparison finds).
func (m *marker) mark(d string, below *belowText) []MarkedText {
	plain := []MarkedText{{Text: d}}
	if m.spent {
		return plain
	}
	below.split()
	fd := strings.Fields(d)
	var bd map[string]int
	var best textdiff.Diff
	bestSim := -1.0
	for i, b := range below.descs {
		fb := below.fields[i]
		words := int64(len(fd) + len(fb))
		cells := min(int64(len(fd))*int64(len(fb)), textdiff.CellBudget)
		if m.work.words+words > maxLadderWords {
			m.spent = true
			return plain
		}
		m.work.words += words
		longer := max(len(fd), len(fb))
		if longer > 0 {
			if bd == nil {
				bd = bag(fd)
			}
			if float64(shared(bd, below.bags[i]))/float64(longer) < similarEnough {
				continue // cannot keep enough of d's words to be chosen
			}
		}
		if m.work.cells+cells > maxLadderCells {
			m.spent = true
			return plain
		}
		m.work.cells += cells
		diff := textdiff.Words(b, d)
		if s := diff.Similarity(); s > bestSim {
			best, bestSim = diff, s
		}
	}
	if bestSim < similarEnough {
		return []MarkedText{{Text: d, New: true}}
	}
	var out []MarkedText
	for _, s := range best {
		switch s.Op {
		case textdiff.Equal:
			out = append(out, MarkedText{Text: s.Text})
		case textdiff.Insert:
			out = append(out, MarkedText{Text: s.Text, New: true})
		}
	}
	return out
}

// bag counts the words.
func bag(words []string) map[string]int {
	out := make(map[string]int, len(words))
	for _, w := range words {
		out[w]++
	}
	return out
}

// shared is the number of words two counts have in common, without order:
// at least as many as any word comparison of their texts keeps.
func shared(a, b map[string]int) int {
	if len(b) < len(a) {
		a, b = b, a
	}
	n := 0
	for w, c := range a {
		n += min(c, b[w])
	}
	return n
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

// With returns a copy of context c carrying the career map of its role
// (the role composed at every rung), composed from the config and library
// c was made from. ctx stops it between rungs.
func With(ctx context.Context, c *compose.Context) (*compose.Context, error) {
	if c.Ladder != nil {
		return c, nil
	}
	s := compose.SourceOf(c)
	if s == nil {
		return nil, fmt.Errorf("the context was not made by NewContext: no ladder to compose")
	}
	l, err := New(ctx, s.Config, s.Library, s.Role, s.Level, s.Date)
	if err != nil {
		return nil, err
	}
	if cat := c.Messages(); !cat.English() {
		// The map's framework text in the run's language where the
		// config's translations have it; the rest stays English.
		l = translateLadder(l, s.Config.Translated[cat.Lang()])
		localiseLadder(l, cat, s.Date)
	}
	cp := *c
	cp.Ladder = l
	if n := len(l.untranslated); n > 0 {
		cp.Warnings = append(slices.Clip(c.Warnings), fmt.Sprintf("language %s: the career map has %s with no translation; it gives %s in English and says so once (the record lists each)",
			c.Language, wording.Plural(n, "1 framework string", fmt.Sprintf("%d framework strings", n)), wording.Plural(n, "it", "them")))
	}
	return &cp, nil
}

// Of returns the career map context c carries, or nil.
func Of(c *compose.Context) *Ladder {
	l, _ := c.Ladder.(*Ladder)
	return l
}

// Package sheet imports competency frameworks kept as spreadsheets (CSV or
// XLSX) into the canonical model: one skill catalogue per sheet, skills in
// categories, descriptors per level.
//
// Two shapes are read, told apart by the header row:
//
//   - long: one row per descriptor, with columns such as Category, Skill,
//     Skill description, Level, Descriptor and optionally Kind and Code;
//   - wide: one row per skill, one column per level, several descriptors in
//     one cell on separate lines.
//
// Title rows above the header, blank rows, categories merged over several
// rows (XLSX merged cells, or left blank under the first in CSV), a byte-
// order mark, CRLF and Windows-1252 CSV are handled. Problems name the cell:
// "file.csv:7:3: message" (line 7, column 3) or "file.xlsx:Sheet1!C7:
// message".
package sheet

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/textprep"
)

// Format is the Framework.Format of an imported spreadsheet.
const Format = "sheet"

// Column roles a header cell can have.
const (
	colCategory    = "category"
	colSkill       = "skill"
	colDescription = "description"
	colLevel       = "level"
	colDescriptor  = "descriptor"
	colKind        = "kind"
	colCode        = "code"
	colLevels      = "levels" // --columns only: the level columns of a wide sheet
)

// roles lists the column roles --columns accepts, in the order help shows.
var roles = []string{colCategory, colSkill, colDescription, colLevel, colDescriptor, colKind, colCode, colLevels}

// synonyms maps the slug of a header text to its column role.
var synonyms = map[string]string{}

func init() {
	for role, names := range map[string][]string{
		colCategory:    {"category", "categories", "skill category", "area", "key area", "skill area", "competency area", "domain", "group", "skill group", "theme", "section", "family", "capability area"},
		colSkill:       {"skill", "skills", "skill name", "skill title", "competency", "competence", "competency name", "capability", "item"},
		colDescription: {"skill description", "description", "definition", "skill definition", "summary", "competency description"},
		colLevel:       {"level", "skill level", "level name", "grade", "band", "proficiency", "proficiency level"},
		colDescriptor:  {"descriptor", "descriptors", "level descriptor", "level description", "indicator", "indicators", "behavioural indicator", "behavioural indicators", "statement", "statements", "criteria", "you can", "what good looks like"},
		colKind:        {"kind", "type", "entry type", "skill type"},
		colCode:        {"code", "skill code", "id", "ref", "reference"},
	} {
		for _, n := range names {
			synonyms[framework.Slug(n)] = role
		}
	}
}

// ignored are header texts of columns that are not levels in a wide sheet.
var ignored = map[string]bool{"notes": true, "note": true, "comments": true, "comment": true, "remarks": true, "owner": true, "status": true, "last-updated": true, "updated": true, "source": true}

// Options controls the reading of a sheet.
type Options struct {
	// Columns names the header of a column role, as "role=Header Text"
	// (roles: category, skill, description, level, descriptor, kind, code;
	// and levels=Entry|Mid|Senior for the level columns of a wide sheet).
	Columns []string
}

// columnMap is the parsed --columns.
type columnMap struct {
	byRole map[string]string // role → header slug
	levels []string          // header slugs of wide level columns
}

// parseColumns checks --columns assignments; the error names the bad one.
func parseColumns(specs []string) (*columnMap, error) {
	m := &columnMap{byRole: map[string]string{}}
	for _, s := range specs {
		role, header, ok := strings.Cut(s, "=")
		role = strings.ToLower(strings.TrimSpace(role))
		header = strings.TrimSpace(header)
		if !ok || header == "" {
			return nil, fmt.Errorf("--columns %q: expected role=Header (roles: %s)", s, strings.Join(roles, ", "))
		}
		if role == colLevels {
			for _, h := range strings.Split(header, "|") {
				if h = framework.Slug(h); h != "" {
					m.levels = append(m.levels, h)
				}
			}
			continue
		}
		known := false
		for _, r := range roles {
			known = known || r == role
		}
		if !known {
			return nil, fmt.Errorf("--columns %q: unknown column role %q (roles: %s)", s, role, strings.Join(roles, ", "))
		}
		m.byRole[role] = framework.Slug(header)
	}
	return m, nil
}

// header is a recognised header row.
type header struct {
	row    int            // index in Table.Rows
	col    map[string]int // role → column
	levels []int          // wide: level columns, in sheet order
	unused []int          // columns with a header that are not read
	wide   bool
}

// maxHeaderSearch is how many non-blank rows may come before the header.
const maxHeaderSearch = 30

// findHeader finds the header row: the first row with a skill column and
// either level and descriptor columns (long) or other named columns, the
// levels (wide).
func findHeader(t *Table, cm *columnMap) (*header, error) {
	seen := 0
	for i, r := range t.Rows {
		if r.blank() {
			continue
		}
		if seen++; seen > maxHeaderSearch {
			break
		}
		if h := readHeader(r, cm); h != nil {
			h.row = i
			return h, nil
		}
	}
	first := Row{N: 1}
	for _, r := range t.Rows {
		if !r.blank() {
			first = r
			break
		}
	}
	if len(cm.byRole) > 0 || len(cm.levels) > 0 {
		return nil, t.Errorf(first, 0, "no header row with the columns named by --columns found in the first %d rows", maxHeaderSearch)
	}
	return nil, t.Errorf(first, 0, "no header row found: expected a Skill column and either Level and Descriptor columns (one row per descriptor) or one column per level (one row per skill); name other headers with --columns skill=…,level=…")
}

// readHeader classifies the cells of r; nil when r is not the header.
func readHeader(r Row, cm *columnMap) *header {
	h := &header{col: map[string]int{}}
	var other []int
	levelSet := map[string]bool{}
	for _, l := range cm.levels {
		levelSet[l] = true
	}
	for c, text := range r.Cells {
		key := framework.Slug(text)
		if key == "" {
			continue
		}
		role := ""
		for rl, hdr := range cm.byRole {
			if hdr == key {
				role = rl
			}
		}
		if role == "" && !levelSet[key] && !mappedElsewhere(cm, key) {
			role = synonyms[key]
			if _, explicit := cm.byRole[role]; explicit {
				role = "" // the user named another column for this role
			}
		}
		if _, dup := h.col[role]; role != "" && !dup {
			h.col[role] = c
			continue
		}
		other = append(other, c)
	}
	for rl := range cm.byRole {
		if _, ok := h.col[rl]; !ok {
			return nil
		}
	}
	if _, ok := h.col[colSkill]; !ok {
		return nil
	}
	_, hasLevel := h.col[colLevel]
	_, hasDesc := h.col[colDescriptor]
	switch {
	case hasLevel && hasDesc && len(cm.levels) == 0:
		h.unused = other
		return h
	case hasLevel || hasDesc:
		return nil
	}
	h.wide = true
	for _, c := range other {
		key := framework.Slug(r.Cells[c])
		switch {
		case len(cm.levels) > 0 && levelSet[key], len(cm.levels) == 0 && !ignored[key]:
			h.levels = append(h.levels, c)
		default:
			h.unused = append(h.unused, c)
		}
	}
	if len(cm.levels) > 0 && len(h.levels) != len(cm.levels) {
		return nil
	}
	if len(h.levels) == 0 {
		return nil
	}
	return h
}

func mappedElsewhere(cm *columnMap, key string) bool {
	for _, hdr := range cm.byRole {
		if hdr == key {
			return true
		}
	}
	return false
}

// meta is what the rows above the header say about the framework.
type meta struct {
	title                   string
	publisher, licence, url string
	hasTitle                bool
}

// metaKey maps "Key:" prefixes of title rows to meta fields.
var metaKey = regexp.MustCompile(`(?i)^(publisher|published by|owner|licen[cs]e|url|source url|website|web)\s*:\s*(.+)$`)

// readMeta reads the title rows above the header: the first cell of text
// is the title; "Publisher: …", "Licence: …" and "URL: …" cells give those.
func readMeta(t *Table, h *header) meta {
	var m meta
	for _, r := range t.Rows[:h.row] {
		for _, text := range r.Cells {
			if text == "" {
				continue
			}
			line := strings.SplitN(text, "\n", 2)[0]
			if k := metaKey.FindStringSubmatch(line); k != nil {
				v := textprep.Trim(k[2])
				switch strings.ToLower(k[1]) {
				case "publisher", "published by", "owner":
					m.publisher = v
				case "licence", "license":
					m.licence = v
				case "url", "source url", "website", "web":
					m.url = v
				}
				continue
			}
			if !m.hasTitle {
				m.title, m.hasTitle = line, true
			}
		}
	}
	return m
}

// builder assembles one catalogue.
type builder struct {
	t      *Table
	h      *header
	probs  framework.Collector // capped as found
	levels []framework.Level
	lindex map[string]int // level id → index in levels
	cats   []*category
	cindex map[string]*category
}

type category struct {
	c      framework.Category
	skills []*skill
	sindex map[string]*skill
}

type skill struct {
	s      framework.Skill
	lindex map[string]int // level id → index in s.Levels
	row    Row
	col    int
}

// extraCells warns about every cell with text to the right of the header
// row's last heading, which no column reads (issue 14: a row with several
// extra cells named only the last). Each is named by its cell; past
// framework.RepeatLimit the rest are counted.
func (b *builder) extraCells(hdr Row, hrow int) {
	width := 0
	for c, v := range hdr.Cells {
		if v != "" {
			width = c + 1
		}
	}
	for _, r := range b.t.Rows[hrow+1:] {
		for c := width; c < len(r.Cells); c++ {
			if r.Cells[c] != "" {
				b.warn(r, c, "cell right of the header's last column is not read; give its column a heading (see --columns)")
			}
		}
	}
}

func (b *builder) warn(r Row, c int, format string, args ...any) {
	b.probs.Add(b.t.Warnf(r, c, format, args...))
}

// level returns the id of the level labelled label, adding it to the scale
// in order of first appearance.
func (b *builder) level(label string) string {
	id := framework.Slug(label)
	if _, ok := b.lindex[id]; !ok {
		b.lindex[id] = len(b.levels)
		b.levels = append(b.levels, framework.Level{ID: id, Label: label})
	}
	return id
}

func (b *builder) category(title string, r Row, c int) *category {
	key := framework.NormalTitle(title)
	if cat, ok := b.cindex[key]; ok {
		return cat
	}
	cat := &category{c: framework.Category{Title: title, From: b.t.Pos(r, c)}, sindex: map[string]*skill{}}
	b.cindex[key] = cat
	b.cats = append(b.cats, cat)
	return cat
}

func (cat *category) skill(b *builder, title string, r Row, c int) (*skill, bool) {
	key := framework.NormalTitle(title)
	if s, ok := cat.sindex[key]; ok {
		return s, false
	}
	s := &skill{s: framework.Skill{Title: title, From: b.t.Pos(r, c)}, lindex: map[string]int{}, row: r, col: c}
	cat.sindex[key] = s
	cat.skills = append(cat.skills, s)
	return s, true
}

// add appends descriptors to a skill's level.
func (s *skill) add(id string, ds []string, from string) {
	i, ok := s.lindex[id]
	if !ok {
		i = len(s.s.Levels)
		s.lindex[id] = i
		s.s.Levels = append(s.s.Levels, framework.SkillLevel{Level: id, From: from})
	}
	s.s.Levels[i].Descriptors = append(s.s.Levels[i].Descriptors, ds...)
}

// bullet is a list marker at the start of a cell line.
var bullet = regexp.MustCompile(`^(?:[-*•·▪–]|\d{1,2}[.)])\s+`)

// descriptors splits a cell into one descriptor per line, list markers
// removed; "n/a", "-" and the like are no descriptor, "?" is warned about.
func (b *builder) descriptors(r Row, c int) []string {
	var out []string
	for _, line := range strings.Split(r.cell(c), "\n") {
		line = textprep.Trim(line)
		line = textprep.Trim(bullet.ReplaceAllString(line, ""))
		if u := textprep.Unbullet(line); u != line {
			line = u // "-understand", "• – understand": a marker left in the text
		}
		switch strings.ToLower(line) {
		case "", "-", "–", "—", "•", "*", "n/a", "na", "none", "not applicable":
			continue
		case "?", "tbc", "tbd":
			b.warn(r, c, "placeholder descriptor %q not kept", line)
			continue
		}
		out = append(out, line)
	}
	return out
}

// kind reads a Kind cell; unknown kinds are warned about and read as other.
func (b *builder) kind(r Row) framework.Kind {
	c, ok := b.h.col[colKind]
	if !ok {
		return ""
	}
	text := strings.ToLower(r.cell(c))
	if text == "" {
		return ""
	}
	text = strings.ReplaceAll(text, "behavior", "behaviour")
	text = strings.TrimSuffix(text, "s")
	for _, k := range framework.Kinds {
		if framework.Slug(text) == string(k) {
			if k == framework.KindSkill {
				return ""
			}
			return k
		}
	}
	b.warn(r, c, "unknown kind %q; read as %q", r.cell(c), framework.KindOther)
	return framework.KindOther
}

// describe sets a skill's description, code and kind from a row.
func (b *builder) describe(s *skill, r Row) {
	if c, ok := b.h.col[colDescription]; ok {
		if d := r.cell(c); d != "" {
			if s.s.Description != "" && s.s.Description != d {
				b.warn(r, c, "skill %q has another description above (%s); keeping the first", s.s.Title, s.s.From)
			} else {
				s.s.Description = d
			}
		}
	}
	if c, ok := b.h.col[colCode]; ok && r.cell(c) != "" && s.s.Code == "" {
		s.s.Code = r.cell(c)
	}
	if k := b.kind(r); k != "" && s.s.Kind == "" {
		s.s.Kind = k
	}
}

// long reads a sheet of one row per descriptor.
func (b *builder) long(defaultCat string) error {
	t, h := b.t, b.h
	catCol, hasCat := h.col[colCategory]
	skillCol, levelCol, descCol := h.col[colSkill], h.col[colLevel], h.col[colDescriptor]
	var cat *category
	var cur *skill
	level := ""
	for _, r := range t.Rows[h.row+1:] {
		if r.blank() {
			continue
		}
		catTitle := ""
		if hasCat {
			catTitle = r.cell(catCol)
		}
		switch {
		case catTitle != "":
			if cat == nil || framework.NormalTitle(cat.c.Title) != framework.NormalTitle(catTitle) {
				cat, cur = b.category(catTitle, r, catCol), nil
			}
		case cat == nil:
			cat = b.category(defaultCat, r, skillCol)
		}
		title := r.cell(skillCol)
		switch {
		case title != "":
			cur, _ = cat.skill(b, title, r, skillCol)
			level = ""
		case cur == nil:
			return t.Errorf(r, skillCol, "no skill name, and no skill above to continue")
		}
		b.describe(cur, r)
		if l := r.cell(levelCol); l != "" {
			level = l
		} else if level == "" {
			if r.cell(descCol) == "" {
				continue // a row that only names or describes the skill
			}
			return t.Errorf(r, levelCol, "no level for this descriptor of skill %q", cur.s.Title)
		}
		ds := b.descriptors(r, descCol)
		if len(ds) == 0 {
			if r.cell(descCol) == "" {
				b.warn(r, descCol, "no descriptor for skill %q at level %q; row not read", cur.s.Title, level)
			}
			continue
		}
		cur.add(b.level(level), ds, t.Pos(r, descCol))
	}
	return nil
}

// wide reads a sheet of one row per skill and one column per level.
func (b *builder) wide(defaultCat string) error {
	t, h := b.t, b.h
	catCol, hasCat := h.col[colCategory]
	skillCol := h.col[colSkill]
	ids := make([]string, len(h.levels))
	hdr := t.Rows[h.row]
	for i, c := range h.levels {
		ids[i] = b.level(hdr.cell(c))
	}
	var cat *category
	var cur *skill
	for _, r := range t.Rows[h.row+1:] {
		if r.blank() {
			continue
		}
		filled := 0
		for _, c := range h.levels {
			if r.cell(c) != "" {
				filled++
			}
		}
		title := r.cell(skillCol)
		if !hasCat && filled == 0 && nonEmpty(r) == 1 && title != "" && skillCol == firstNonEmpty(r) {
			// A row holding one title and nothing else: a category heading.
			cat, cur = b.category(title, r, skillCol), nil
			continue
		}
		if hasCat {
			if ct := r.cell(catCol); ct != "" && (cat == nil || framework.NormalTitle(cat.c.Title) != framework.NormalTitle(ct)) {
				cat, cur = b.category(ct, r, catCol), nil
			}
		}
		if cat == nil {
			cat = b.category(defaultCat, r, skillCol)
		}
		if title == "" {
			if filled == 0 {
				continue // a category alone, or notes
			}
			if cur == nil {
				return t.Errorf(r, skillCol, "descriptors with no skill name, and no skill above to continue")
			}
		} else {
			var isNew bool
			cur, isNew = cat.skill(b, title, r, skillCol)
			if !isNew {
				b.warn(r, skillCol, "skill %q appears again (first at %s); its descriptors are added to the first", title, cur.s.From)
			}
		}
		b.describe(cur, r)
		for i, c := range h.levels {
			if ds := b.descriptors(r, c); len(ds) > 0 {
				cur.add(ids[i], ds, t.Pos(r, c))
			}
		}
	}
	return nil
}

func nonEmpty(r Row) int {
	n := 0
	for _, c := range r.Cells {
		if c != "" {
			n++
		}
	}
	return n
}

func firstNonEmpty(r Row) int {
	for i, c := range r.Cells {
		if c != "" {
			return i
		}
	}
	return -1
}

// number finds the number in a level label: "Level 3", "L3", "3 - Expert".
var number = regexp.MustCompile(`\d+`)

// levelWords ranks the words common level scales use, lowest first: the
// DDaT skill levels (awareness, working, practitioner, expert), SFIA-like
// and matrix scales (entry, mid, senior), and job-level words.
var levelWords = map[string]int{
	"trainee": 1, "apprentice": 1, "foundation": 1, "beginner": 1, "novice": 1, "basic": 1, "awareness": 1, "entry": 1,
	"junior": 2, "associate": 2, "developing": 2, "working": 3, "intermediate": 3, "mid": 3, "middle": 3, "competent": 3, "proficient": 4,
	"practitioner": 4, "skilled": 4, "experienced": 4, "senior": 5, "advanced": 5, "expert": 6, "lead": 6, "mastery": 7, "master": 7,
	"principal": 7, "strategic": 7, "head": 8, "director": 9, "chief": 9,
}

// wordRank is the highest rank of a known word in label, 0 for none.
func wordRank(label string) int {
	best := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(label), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if r := levelWords[w]; r > best {
			best = r
		}
	}
	return best
}

// orderLevels puts the levels entry level first. When every label carries
// a different number ("Level 1" … "Level 5") they go by number; else when
// every label has a different known level word (Entry, Mid, Senior;
// Awareness … Expert) by that; otherwise in the order the sheet gives them
// (column order, or first appearance).
func orderLevels(ls []framework.Level) {
	byKey := func(key func(string) (int, bool)) bool {
		keys := make(map[string]int, len(ls))
		seen := map[int]bool{}
		for _, l := range ls {
			k, ok := key(l.Label)
			if !ok || seen[k] {
				return false
			}
			seen[k] = true
			keys[l.ID] = k
		}
		sort.SliceStable(ls, func(i, j int) bool { return keys[ls[i].ID] < keys[ls[j].ID] })
		return true
	}
	_ = byKey(func(label string) (int, bool) {
		n, err := strconv.Atoi(number.FindString(label))
		return n, err == nil
	}) || byKey(func(label string) (int, bool) {
		r := wordRank(label)
		return r, r > 0
	})
	for i := range ls {
		ls[i].Rank = i + 1
	}
}

// Catalogue reads one table into a catalogue. The meta returned is what the
// title rows say. Problems are warnings; the error is a *framework.Problem
// at the cell.
func Catalogue(t *Table, opt Options) (*framework.Catalogue, framework.Source, []framework.Problem, error) {
	cm, err := parseColumns(opt.Columns)
	if err != nil {
		return nil, framework.Source{}, nil, err
	}
	if len(t.Rows) == 0 {
		return nil, framework.Source{}, nil, framework.Errorf(t.Path, 0, "sheet is empty")
	}
	h, err := findHeader(t, cm)
	if err != nil {
		return nil, framework.Source{}, nil, err
	}
	m := readMeta(t, h)
	title := m.title
	switch {
	case title != "":
	case t.Title != "":
		title = t.Title
	case t.Sheet != "" && !defaultSheetName.MatchString(t.Sheet):
		title = t.Sheet
	default:
		title = baseName(t.Path)
	}
	src := framework.Source{Publisher: m.publisher, Licence: m.licence, URL: m.url}
	if m.hasTitle {
		src.Title = m.title
	} else if t.Title != "" {
		src.Title = t.Title
	}
	b := &builder{t: t, h: h, lindex: map[string]int{}, cindex: map[string]*category{}}
	hdr := t.Rows[h.row]
	for _, c := range h.unused {
		if columnHasData(t, h, c) {
			b.warn(hdr, c, "column %q is not read (not a skill, level or descriptor column; see --columns)", hdr.cell(c))
		}
	}
	b.extraCells(hdr, h.row)
	if h.wide {
		err = b.wide(title)
	} else {
		err = b.long(title)
	}
	if err != nil {
		return nil, src, b.probs.Problems(), err
	}
	c := &framework.Catalogue{ID: framework.Slug(title), Title: title, From: t.Pos(hdr, 0)}
	if c.ID == "" {
		c.ID = "skills"
	}
	orderLevels(b.levels)
	rank := map[string]int{}
	for _, l := range b.levels {
		rank[l.ID] = l.Rank
	}
	c.Levels = b.levels
	for _, cat := range b.cats {
		k := cat.c
		for _, s := range cat.skills {
			if len(s.s.Levels) == 0 {
				b.warn(s.row, s.col, "skill %q has no descriptors at any level; not kept", s.s.Title)
				continue
			}
			sort.SliceStable(s.s.Levels, func(i, j int) bool { return rank[s.s.Levels[i].Level] < rank[s.s.Levels[j].Level] })
			k.Skills = append(k.Skills, s.s)
		}
		if len(k.Skills) > 0 {
			c.Categories = append(c.Categories, k)
		}
	}
	if len(c.Categories) == 0 {
		return nil, src, b.probs.Problems(), t.Errorf(hdr, h.col[colSkill], "no skill with a descriptor under this header")
	}
	return c, src, b.probs.Problems(), nil
}

var defaultSheetName = regexp.MustCompile(`(?i)^(sheet|feuil|tabelle|hoja|foglio|blad)\s*\d*$`)

// columnHasData reports whether column c has text in a row below the header.
func columnHasData(t *Table, h *header, c int) bool {
	for _, r := range t.Rows[h.row+1:] {
		if r.cell(c) != "" {
			return true
		}
	}
	return false
}

// Parse reads one or more tables into one framework, a catalogue each. The
// framework's id and name come from the first table's title (title row,
// workbook title, sheet name or file name); its source from the title
// rows. Callers set what the file cannot say.
func Parse(tables []*Table, opt Options) (*framework.Framework, []framework.Problem, error) {
	f := &framework.Framework{Format: Format}
	var probs []framework.Problem
	ids := map[string]string{}
	for i, t := range tables {
		probs = append(probs, t.Warnings...)
		c, src, ps, err := Catalogue(t, opt)
		probs = append(probs, ps...)
		if err != nil {
			return nil, probs, err
		}
		if prev, dup := ids[c.ID]; dup {
			return nil, probs, framework.Errorf(t.Path, 0, "catalogue %q is also read from %s; give the sheets different titles", c.ID, prev)
		}
		ids[c.ID] = t.Path
		if i == 0 {
			f.ID, f.Name, f.Source = c.ID, c.Title, src
		}
		f.Source.Files = append(f.Source.Files, t.Path)
		f.Catalogues = append(f.Catalogues, *c)
	}
	return f, probs, nil
}

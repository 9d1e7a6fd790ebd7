// Package matrix reads MkDocs Material skills matrices (the UoM Data Science
// Platforms SDE skills framework): one Markdown page per competency domain,
// "## " categories, "### " skills and one content tab per level
// (=== "Entry Level") whose indented lines are the level's descriptors.
//
// Every variation of FORMATS.md §4 is read: tab titles with or without
// Material icons, ===! and ===+ markers, descriptors with or without "- ",
// indentation by spaces or a TAB, long blank runs inside a tab, bold level
// labels (**Entry Level:**) with column-0 bullets, HTML comments, headings
// carrying a slug, #### Technologies lists (not descriptors) and --- rules.
package matrix

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/textprep"
)

// Format is the Framework.Format of an imported matrix.
const Format = "matrix"

// standard is the level scale of the matrices, lowest first.
var standard = []framework.Level{
	{ID: "entry", Label: "Entry", Rank: 1},
	{ID: "mid", Label: "Mid", Rank: 2},
	{ID: "senior", Label: "Senior", Rank: 3},
}

// icons maps Material battery icons to the standard level they stand for.
var icons = map[string]string{
	"material-battery-10": "entry",
	"material-battery-50": "mid",
	"material-battery-90": "senior",
}

var (
	// tabLine is a pymdownx.tabbed title line; group 1 is the quoted title.
	tabLine = regexp.MustCompile(`^===[!+]?[ \t]+"(.*)"\s*$`)
	// tabStart is anything that starts like a tab title.
	tabStart = regexp.MustCompile(`^===[!+]?[ \t]`)
	// iconPrefix is a leading ":icon-name:" of a tab title.
	iconPrefix = regexp.MustCompile(`^:([a-z0-9_-]+):\s*`)
	// boldLabel is a bold level label: **Entry Level:** or **Entry Level**:
	// with optional text after it.
	boldLabel = regexp.MustCompile(`^\*\*([^*]+?)\s*(:?)\*\*\s*(:?)\s*(.*)$`)
	// slugSuffix is a trailing (`slug`) of a heading.
	slugSuffix = regexp.MustCompile("\\s*\\(`[^`]*`\\)$")
	// heading is an ATX heading: group 1 the hashes, group 2 the text.
	heading = regexp.MustCompile(`^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?$`)
	// rule is a thematic break.
	rule = regexp.MustCompile(`^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
)

// Detect reports whether d looks like a skills matrix: it has a level tab
// title line (=== "…"), or a "### " skill heading followed later by a bold
// level label (**Entry Level:**).
func Detect(d *textprep.Doc) bool {
	skill := false
	for _, l := range d.Lines {
		t := strings.TrimLeft(l.Text, " \t")
		if tabStart.MatchString(t) && strings.Contains(t, `"`) {
			return true
		}
		if strings.HasPrefix(t, "### ") {
			skill = true
		}
		if skill && strings.HasPrefix(t, "**") {
			if _, ok := boldLevel(t); ok {
				return true
			}
		}
	}
	return false
}

// Parse reads one or more matrix pages into one framework. Pages with the
// same domain title ("# " heading) merge into one catalogue. A matrix page
// says nothing of who published it or under what licence, so the source
// holds the files only; the framework is named after its one domain, or is
// "Skills matrix" for several (callers set id, name and source from what
// they know: flags, or the defaults generator for the embedded seed). The returned
// problems are warnings; a page that cannot be read as a matrix gives an
// error (a *framework.Problem) at its line.
func Parse(docs []*textprep.Doc) (*framework.Framework, []framework.Problem, error) {
	f := &framework.Framework{Format: Format}
	p := &parser{f: f, catalogues: map[string]*catalogue{}}
	for _, d := range docs {
		f.Source.Files = append(f.Source.Files, d.Path)
		if err := p.doc(d); err != nil {
			return nil, p.probs.Problems(), err
		}
	}
	if len(p.order) == 0 {
		path := ""
		if len(docs) > 0 {
			path = docs[0].Path
		}
		return nil, p.probs.Problems(), framework.Errorf(path, 0, "no skills matrix found: no \"# \" domain with \"### \" skills and === \"… Level\" tabs")
	}
	for _, c := range p.order {
		f.Catalogues = append(f.Catalogues, c.build())
	}
	if len(f.Catalogues) == 1 {
		f.ID, f.Name = f.Catalogues[0].ID, f.Catalogues[0].Title
	} else {
		f.ID, f.Name = "skills-matrix", "Skills matrix"
	}
	if f.ID == "" {
		f.ID = "skills-matrix"
	}
	return f, p.probs.Problems(), nil
}

// catalogue is a domain under construction.
type catalogue struct {
	c          framework.Catalogue
	levels     map[string]int    // level id → rank
	labels     map[string]string // level id → label
	categories []*category
	byTitle    map[string]*category
}

type category struct {
	c      framework.Category
	skills []*skill
}

type skill struct {
	s     framework.Skill
	index map[string]int // level id → index in s.Levels
}

// maxLevels is the most distinct levels one catalogue may have: real
// matrices have three, and a bound keeps the work per skill constant.
const maxLevels = 12

func (c *catalogue) build() framework.Catalogue {
	out := c.c
	sort.SliceStable(out.Levels, func(i, j int) bool { return out.Levels[i].Rank < out.Levels[j].Rank })
	for _, cat := range c.categories {
		k := cat.c
		for _, s := range cat.skills {
			sk := s.s
			sort.SliceStable(sk.Levels, func(i, j int) bool { return c.levels[sk.Levels[i].Level] < c.levels[sk.Levels[j].Level] })
			k.Skills = append(k.Skills, sk)
		}
		out.Categories = append(out.Categories, k)
	}
	return out
}

// parser holds the state across pages.
type parser struct {
	f          *framework.Framework
	catalogues map[string]*catalogue
	order      []*catalogue
	probs      framework.Collector // capped as found

	// per page
	d        *textprep.Doc
	cat      *catalogue
	category *category
	skill    *skill
	level    *framework.SkillLevel // open tab or bold label
	bold     bool                  // the open level came from a bold label
	implicit bool                  // the current category was made up for "###" before any "##"
	levels   int                   // level tabs read in this page
}

func (p *parser) warnf(line int, format string, args ...any) {
	p.probs.Add(framework.Warnf(p.d.Path, line, format, args...))
}

func (p *parser) doc(d *textprep.Doc) error {
	p.d, p.cat, p.category, p.skill, p.level, p.bold, p.levels = d, nil, nil, nil, nil, false, 0
	inComment := false
	for _, l := range d.Lines {
		text := l.Text
		if inComment {
			if strings.Contains(text, "-->") {
				inComment = false
			}
			continue
		}
		if strings.TrimSpace(text) == "" {
			continue // blank runs never end a tab
		}
		indent, body := indentation(text)
		if indent < 4 && strings.HasPrefix(body, "<!--") {
			inComment = !strings.Contains(body[4:], "-->")
			continue
		}
		if tabStart.MatchString(body) {
			if err := p.tab(l.N, body); err != nil {
				return err
			}
			continue
		}
		if m := heading.FindStringSubmatch(body); m != nil && (indent < 4 || p.level != nil) && len(m[1]) <= 3 {
			if indent >= 4 {
				p.warnf(l.N, "indented heading %q read as a heading, not as tab content", body)
			}
			p.heading(l.N, len(m[1]), m[2])
			continue
		}
		if indent >= 4 {
			if p.level != nil {
				p.descriptor(l.N, body)
			}
			continue // indented prose outside a tab: a description, not a level
		}
		// Column-0 text from here on.
		if m := heading.FindStringSubmatch(body); m != nil {
			// "#### Technologies", "#### Tools": lists that are not descriptors.
			p.level, p.bold = nil, false
			continue
		}
		if rule.MatchString(body) {
			p.level, p.bold = nil, false
			continue
		}
		if strings.HasPrefix(body, "**") {
			if label, ok := boldLevel(body); ok {
				if err := p.openLevel(l.N, label, ""); err != nil {
					return err
				}
				p.bold = true
				if rest := boldRest(body); rest != "" {
					p.descriptor(l.N, rest)
				}
				continue
			}
		}
		if p.bold && isBullet(body) {
			p.descriptor(l.N, body)
			continue
		}
		// Any other column-0 text (a description paragraph, an example
		// line, a list of tools) ends the open tab and is not a descriptor.
		p.level, p.bold = nil, false
	}
	if p.cat == nil {
		return framework.Errorf(d.Path, d.FirstTextLine(), "not a skills matrix: no \"# \" domain title, \"### \" skill or === \"… Level\" tab found")
	}
	if p.levels == 0 {
		return framework.Errorf(d.Path, d.FirstTextLine(), "not a skills matrix: no === \"… Level\" tab or **… Level:** label under a skill")
	}
	return nil
}

// indentation returns the width of the leading white space (a TAB counts
// as 4) and the rest of the line.
func indentation(s string) (int, string) {
	n := 0
	for i, r := range s {
		switch r {
		case ' ':
			n++
		case '\t':
			n += 4 - n%4
		default:
			return n, s[i:]
		}
	}
	return n, ""
}

func isBullet(s string) bool {
	return s == "-" || s == "*" || s == "+" || strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* ") || strings.HasPrefix(s, "+ ") ||
		strings.HasPrefix(s, "-\t") || strings.HasPrefix(s, "*\t")
}

// cleanTitle removes a heading's slug suffix and surrounding white space.
func cleanTitle(s string) string {
	s = textprep.Trim(s)
	s = slugSuffix.ReplaceAllString(s, "")
	return textprep.Trim(s)
}

func (p *parser) heading(line, depth int, text string) {
	title := cleanTitle(text)
	p.level, p.bold = nil, false
	switch depth {
	case 1:
		if title == "" {
			base := filepath.Base(p.d.Path)
			title = strings.TrimSuffix(base, filepath.Ext(base))
			p.warnf(line, "empty domain title; using the file name %q", title)
		}
		p.domain(line, title)
	case 2:
		if p.cat == nil {
			p.implicitDomain(line)
		}
		p.openCategory(line, title)
		p.implicit = false
	case 3:
		if p.cat == nil {
			p.implicitDomain(line)
		}
		if p.category == nil {
			p.warnf(line, "skill %q comes before any \"## \" category; put in a category named after the domain, %q", title, p.cat.c.Title)
			p.openCategory(line, p.cat.c.Title)
			p.implicit = true
		}
		p.openSkill(line, title)
	}
}

func (p *parser) implicitDomain(line int) {
	base := filepath.Base(p.d.Path)
	title := strings.TrimSuffix(base, filepath.Ext(base))
	p.warnf(line, "heading before any \"# \" domain title; domain named after the file, %q", title)
	p.domain(line, title)
}

func (p *parser) domain(line int, title string) {
	p.category, p.skill = nil, nil
	if c, ok := p.catalogues[title]; ok {
		p.cat = c
		return
	}
	c := &catalogue{
		c: framework.Catalogue{
			ID:     framework.Slug(title),
			Title:  title,
			Levels: append([]framework.Level(nil), standard...),
			From:   framework.Position(p.d.Path, line),
		},
		levels:  map[string]int{},
		labels:  map[string]string{},
		byTitle: map[string]*category{},
	}
	for _, l := range standard {
		c.levels[l.ID] = l.Rank
		c.labels[l.ID] = l.Label
	}
	p.catalogues[title] = c
	p.order = append(p.order, c)
	p.cat = c
}

func (p *parser) openCategory(line int, title string) {
	p.skill = nil
	if c, ok := p.cat.byTitle[title]; ok {
		p.category = c
		return
	}
	c := &category{c: framework.Category{Title: title, From: framework.Position(p.d.Path, line)}}
	p.cat.byTitle[title] = c
	p.cat.categories = append(p.cat.categories, c)
	p.category = c
}

func (p *parser) openSkill(line int, title string) {
	s := &skill{s: framework.Skill{Title: title, From: framework.Position(p.d.Path, line)}, index: map[string]int{}}
	p.category.skills = append(p.category.skills, s)
	p.skill = s
}

// tab handles a tab title line.
func (p *parser) tab(line int, body string) error {
	m := tabLine.FindStringSubmatch(body)
	if m == nil {
		return p.d.Errorf(line, "malformed level tab title %q: expected === \"Entry Level\"", body)
	}
	title := textprep.Trim(m[1])
	icon := ""
	if im := iconPrefix.FindStringSubmatch(title); im != nil {
		icon = im[1]
		title = textprep.Trim(title[len(im[0]):])
	}
	p.bold = false
	return p.openLevel(line, title, icon)
}

// openLevel opens the level labelled label (a tab or a bold label) in the
// current skill.
func (p *parser) openLevel(line int, label, icon string) error {
	if p.skill == nil {
		if p.category == nil || p.implicit {
			return p.d.Errorf(line, "level tab outside any skill: %q comes before any \"### \" skill heading", label)
		}
		// Tabs right under a "##": the category is the skill.
		p.warnf(line, "level tab directly under category %q; read as a skill of the same name", p.category.c.Title)
		_, cl := framework.ParsePosition(p.category.c.From)
		p.openSkill(cl, p.category.c.Title)
	}
	id, display := normaliseLevel(label, icon)
	if id == "" {
		return p.d.Errorf(line, "level tab with an empty title")
	}
	p.levels++
	if _, ok := p.cat.levels[id]; !ok {
		if len(p.cat.levels) >= maxLevels {
			return p.d.Errorf(line, "level %q would be level number %d of %q; a skills matrix has a few levels (Entry, Mid, Senior)", display, maxLevels+1, p.cat.c.Title)
		}
		p.cat.labels[id] = display
		rank := len(p.cat.levels) + 1
		p.cat.levels[id] = rank
		p.cat.c.Levels = append(p.cat.c.Levels, framework.Level{ID: id, Label: display, Rank: rank})
		p.warnf(line, "level %q is not one of Entry, Mid, Senior; added to the scale of %q after the others", display, p.cat.c.Title)
	}
	if i, ok := p.skill.index[id]; ok {
		p.warnf(line, "second %q level in skill %q; its descriptors are added to the first", display, p.skill.s.Title)
		p.level = &p.skill.s.Levels[i]
		return nil
	}
	p.skill.index[id] = len(p.skill.s.Levels)
	p.skill.s.Levels = append(p.skill.s.Levels, framework.SkillLevel{Level: id, From: framework.Position(p.d.Path, line)})
	p.level = &p.skill.s.Levels[len(p.skill.s.Levels)-1]
	return nil
}

// normaliseLevel maps a tab label ("Entry Level", "Entry-level", "Mid",
// "Senior Level:") and icon to a level id and display label.
func normaliseLevel(label, icon string) (id, display string) {
	display = strings.TrimSuffix(textprep.Trim(label), ":")
	key := strings.ToLower(display)
	for _, suffix := range []string{" level", "-level", "level"} {
		if strings.HasSuffix(key, suffix) && len(key) > len(suffix) {
			key = strings.TrimRight(key[:len(key)-len(suffix)], " -")
			display = strings.TrimRight(display[:len(key)], " -")
			break
		}
	}
	for _, l := range standard {
		if key == l.ID {
			return l.ID, l.Label
		}
	}
	if key == "" {
		if id, ok := icons[icon]; ok {
			for _, l := range standard {
				if l.ID == id {
					return l.ID, l.Label
				}
			}
		}
		return "", ""
	}
	return framework.Slug(display), display
}

// boldLevel recognises a bold level label (**Entry Level:**); only labels
// that name a level ("… Level", Entry, Mid, Senior) count.
func boldLevel(s string) (string, bool) {
	m := boldLabel.FindStringSubmatch(s)
	if m == nil || (m[2] == "" && m[3] == "") {
		return "", false
	}
	label := textprep.Trim(m[1])
	key := strings.ToLower(label)
	if strings.HasSuffix(key, "level") {
		return label, true
	}
	for _, l := range standard {
		if key == l.ID {
			return label, true
		}
	}
	return "", false
}

func boldRest(s string) string {
	m := boldLabel.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return textprep.Trim(m[4])
}

// descriptor adds one descriptor line (with or without a bullet) to the
// open level. Empty bullets and "?" placeholders are not kept: they are
// warned about, and the level stays (with fewer descriptors).
func (p *parser) descriptor(line int, body string) {
	text := textprep.Trim(body)
	if isBullet(text) {
		text = textprep.Trim(text[1:])
	}
	text = textprep.Unbullet(text) // "-understand", "- - understand": a marker left in the text
	where := fmt.Sprintf("%s level of skill %q", p.levelLabel(p.level.Level), p.skill.s.Title)
	switch text {
	case "":
		p.warnf(line, "empty descriptor (a bullet with no text) in the %s; not kept", where)
		return
	case "?":
		p.warnf(line, "placeholder descriptor \"?\" in the %s; not kept", where)
		return
	}
	p.level.Descriptors = append(p.level.Descriptors, text)
}

func (p *parser) levelLabel(id string) string {
	if l, ok := p.cat.labels[id]; ok {
		return l
	}
	return id
}

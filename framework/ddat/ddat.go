// Package ddat imports DDaT Capability Framework role-level summaries (the
// "<Profession> role: <Role>" / "Role level:" / "Skill:" plain-text form) into
// the canonical framework model. One or many files become one framework;
// the levels of a role read from several files are ordered by seniority.
package ddat

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/textprep"
	"github.com/rolepack/rolepack/internal/english"
)

// The header phrases, matched against the whole trimmed line.
const (
	headerInRole  = "In this role, you will:"
	headerAtLevel = "At this role level, you will:"
	levelPrefix   = "Role level:"
	skillPrefix   = "Skill:"
	roleSep       = " role: "
	notInUse      = "NOT IN USE"
)

// Detect reports whether d looks like a DDaT role-level summary: its first
// significant line is "<Profession> role: <Role>" and a "Role level:" line
// follows.
func Detect(d *textprep.Doc) bool {
	first := -1
	for i, l := range d.Lines {
		if textprep.Trim(l.Text) != "" {
			first = i
			break
		}
	}
	if first < 0 {
		return false
	}
	if _, _, ok := roleLine(unmark(textprep.Trim(d.Lines[first].Text))); !ok {
		return false
	}
	for _, l := range d.Lines[first+1:] {
		if strings.HasPrefix(unmark(textprep.Trim(l.Text)), levelPrefix) {
			return true
		}
	}
	return false
}

// unmark is a header line without the Markdown a page gains when it is
// copied into a Markdown document: a heading's leading #s ("## Skill:
// Consultancy") and bold ("**Role level:** Lead business architect").
// Other lines are read as they are.
func unmark(s string) string {
	if t := strings.TrimLeft(s, "#"); len(t) < len(s) && len(s)-len(t) <= 6 && (t == "" || t[0] == ' ' || t[0] == '\t') {
		s = textprep.Trim(t)
	}
	if strings.HasPrefix(s, "**") {
		s = textprep.Trim(strings.ReplaceAll(s, "**", ""))
	}
	return s
}

// roleLine splits "<Profession> role: <Role>" at the first " role: ".
func roleLine(s string) (profession, role string, ok bool) {
	p, r, found := strings.Cut(s, roleSep)
	if !found {
		// "Data role:" with nothing after it still names the form.
		return "", "", false
	}
	p, r = textprep.Trim(p), textprep.Trim(r)
	if p == "" || r == "" || isBullet(s) {
		return "", "", false
	}
	return p, r, true
}

// bulletMarkers are the characters a bullet line starts with: the page's
// "-", Markdown's "*", and those a word processor's list becomes in a
// text export ("•", "·" from Word's Symbol bullet, "–" from an
// autocorrected dash, "▪", "◦", "●", "○", "‣").
const bulletMarkers = "-*•·–▪◦●○‣"

// bulletText returns the text of a bullet line ("- ", "-  ", "- "+NBSP,
// "* ", "• ", "·\t", with any indentation) and whether s is a bullet at
// all. A lone marker is a bullet with empty text. A marker other than "*"
// (Markdown emphasis) right before a letter is a bullet whose space was
// lost in a copy ("-understand the basics"), and markers the text starts
// with are removed ("- - understand", "- • understand").
func bulletText(s string) (string, bool) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	r, size := utf8.DecodeRuneInString(s)
	if !strings.ContainsRune(bulletMarkers, r) {
		return "", false
	}
	rest := s[size:]
	if rest == "" {
		return "", true
	}
	next, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsSpace(next) && !lostSpace(r, rest) {
		return "", false
	}
	return textprep.Unbullet(rest), true
}

// lostSpace reports whether marker r before rest is a bullet whose space
// was lost in a copy: "-" or "•" right before a verb ("-understand the
// basics", "•Explains …"), the way descriptors start. "–based approaches"
// (a line broken at a dash) and "*emphasis*" are not.
func lostSpace(r rune, rest string) bool {
	if r != '-' && r != '•' {
		return false
	}
	first, _, _ := strings.Cut(rest, " ")
	_, f := english.Verb(strings.Trim(first, ",;:"))
	return f == english.Base || f == english.ThirdPerson
}

func isBullet(s string) bool { _, ok := bulletText(s); return ok }

// block is the block a bullet or note line belongs to.
type block int

const (
	blockRole block = iota
	blockInRole
	blockLevel
	blockAtLevel
	blockSkill
)

// file is one parsed role-level summary.
type file struct {
	name       string
	profession string
	roleTitle  string
	roleLine   int
	roleDesc   []string
	duties     []string
	roleNotes  []string
	level      framework.RoleLevel
	rank       int
	order      int // level number from the file name, 0 if none
	levelLine  int
}

// parseFile reads one summary. Warnings are appended to *warn.
func parseFile(d *textprep.Doc, warn *framework.Collector) (*file, error) {
	i := 0
	for i < len(d.Lines) && textprep.Trim(d.Lines[i].Text) == "" {
		i++
	}
	if i == len(d.Lines) {
		return nil, d.Errorf(0, "file is empty")
	}
	first := d.Lines[i]
	prof, role, ok := roleLine(unmark(textprep.Trim(first.Text)))
	if !ok {
		return nil, d.Errorf(first.N, "expected the DDaT role line \"<Profession> role: <Role>\", found %q", textprep.Clip(textprep.Trim(first.Text)))
	}
	// provenance names the file as given, like every message
	p := &fileParser{d: d, warn: warn, cur: blockRole, skillIndex: map[string]int{}, skillLines: map[string]int{},
		f: &file{name: d.Path, profession: prof, roleTitle: role, roleLine: first.N}}
	for _, l := range d.Lines[i+1:] {
		if err := p.line(l.Text, l.N); err != nil {
			return nil, err
		}
	}
	return p.finish()
}

// fileParser is parseFile's state between lines: the file so far, the
// block the lines belong to, the "Role level:" line and the skills.
type fileParser struct {
	d          *textprep.Doc
	warn       *framework.Collector
	f          *file
	cur        block
	levelLine  int
	skill      *framework.Entry // the current skill block
	skills     []framework.Entry
	skillIndex map[string]int // by title, into skills
	skillLines map[string]int // by title, the line of its first "Skill:"
}

// line reads one line of the summary after the role line.
func (p *fileParser) line(raw string, n int) error {
	s := textprep.Trim(raw)
	if s == "" {
		return nil
	}
	text, bullet := bulletText(s)
	if bullet && text == "" {
		p.warn.Add(framework.Warnf(p.d.Path, n, "empty bullet ignored"))
		return nil
	}
	head := unmark(s)
	if bullet {
		head = text // a bullet whose text is a header is that header
	}
	switch {
	case p.header(head, n):
		return nil
	case !bullet && strings.HasPrefix(head, levelPrefix):
		return p.level(textprep.Trim(strings.TrimPrefix(head, levelPrefix)), n)
	case !bullet && strings.HasPrefix(head, skillPrefix):
		return p.startSkill(textprep.Trim(strings.TrimPrefix(head, skillPrefix)), n)
	case p.f.level.Retired && strings.EqualFold(head, notInUse):
		return nil // the retired marker itself is carried by Retired
	case !bullet:
		p.note(s)
	default:
		p.bullet(text)
	}
	return nil
}

// header starts the block a header line names ("In this role",
// "At this role level"), reporting whether head is one.
func (p *fileParser) header(head string, n int) bool {
	switch {
	case strings.EqualFold(head, headerInRole):
		p.cur = blockInRole
	case strings.EqualFold(head, headerAtLevel):
		if p.levelLine == 0 {
			p.warn.Add(framework.Warnf(p.d.Path, n, "%q before the \"Role level:\" line", headerAtLevel))
		}
		p.cur = blockAtLevel
	default:
		return false
	}
	return true
}

// level reads the "Role level:" line at line n, whose title is title.
func (p *fileParser) level(title string, n int) error {
	d, f := p.d, p.f
	if p.levelLine != 0 {
		return d.Errorf(n, "second \"Role level:\" line (the first is line %d); put each role level in its own file", p.levelLine)
	}
	if title == "" {
		return d.Errorf(n, "\"Role level:\" has no level title")
	}
	p.levelLine = n
	f.level.From = framework.Position(f.name, n)
	if strings.EqualFold(title, notInUse) {
		f.level.Retired = true
		title = f.roleTitle
	}
	f.level.Title = title
	f.level.ID = framework.Slug(title)
	if f.level.ID == "" {
		return d.Errorf(n, "level title %q has no letters or digits", title)
	}
	p.cur = blockLevel
	return nil
}

// startSkill reads a "Skill:" line at line n: a new skill block, or the
// same skill again, whose bullets join the first's.
func (p *fileParser) startSkill(title string, n int) error {
	if title == "" {
		return p.d.Errorf(n, "\"Skill:\" has no skill name")
	}
	if p.levelLine == 0 {
		return p.d.Errorf(n, "\"Skill:\" before the \"Role level:\" line")
	}
	p.cur = blockSkill
	if k, ok := p.skillIndex[title]; ok {
		p.skill = &p.skills[k] // the same skill again: merge its bullets
		return nil
	}
	p.skillIndex[title] = len(p.skills)
	p.skillLines[title] = n
	p.skills = append(p.skills, framework.Entry{
		Kind:  framework.KindSkill,
		Group: "Skills",
		Title: title,
		From:  framework.Position(p.f.name, n),
	})
	p.skill = &p.skills[len(p.skills)-1]
	return nil
}

// note keeps a line that is not a bullet as a note of its block.
func (p *fileParser) note(text string) {
	f := p.f
	switch p.cur {
	case blockRole, blockInRole:
		f.roleNotes = append(f.roleNotes, text)
	case blockLevel:
		f.level.Notes = append(f.level.Notes, text)
	case blockAtLevel:
		f.level.Notes = append(f.level.Notes, "At this role level: "+text)
	case blockSkill:
		f.level.Notes = append(f.level.Notes, "Skill "+p.skill.Title+": "+text)
	}
}

// bullet adds a bullet's text to its block.
func (p *fileParser) bullet(text string) {
	f := p.f
	switch p.cur {
	case blockRole:
		f.roleDesc = append(f.roleDesc, text)
	case blockInRole:
		f.duties = append(f.duties, text)
	case blockLevel:
		f.level.Summary = append(f.level.Summary, text)
	case blockAtLevel:
		f.level.Responsibilities = append(f.level.Responsibilities, text)
	case blockSkill:
		p.skill.Descriptors = append(p.skill.Descriptors, text)
	}
}

// finish checks the file has a level with skills, warns of skills with
// no descriptors, and completes the file.
func (p *fileParser) finish() (*file, error) {
	d, f := p.d, p.f
	if p.levelLine == 0 {
		return nil, d.Errorf(f.roleLine, "no \"Role level:\" line in this DDaT summary")
	}
	if len(p.skills) == 0 {
		return nil, d.Errorf(p.levelLine, "role level %q has no \"Skill:\" lines", f.level.Title)
	}
	if !f.level.Retired {
		for _, s := range p.skills {
			if len(s.Descriptors) == 0 {
				p.warn.Add(framework.Warnf(d.Path, p.skillLines[s.Title], "skill %q has no descriptor lines", s.Title))
			}
		}
	}
	f.level.Entries = p.skills
	f.rank = rank(f.level.Title, f.level.Summary)
	f.order = sourceOrder(d.Path)
	f.levelLine = p.levelLine
	return f, nil
}

// seniority words, lowest first; a level title with none of them ranks as a
// plain practitioner level (rank 2).
var seniority = map[string]int{
	"trainee": 0, "apprentice": 0,
	"junior": 1, "associate": 1, "assistant": 1,
	"senior":    3,
	"lead":      4,
	"principal": 5,
	"head":      6, "chief": 6, "director": 6, "deputy": 5,
}

// top is the rank of head-of-profession levels, above every ladder.
const top = 100

// entryPhrases in a level's summary mark an entry level when its title has
// no seniority word ("A configuration analyst provides administrative
// support to the change and release manager").
var entryPhrases = []string{"entry-level", "entry level", "as a trainee", "administrative support", "under supervision", "under their direction"}

// rank derives the order of a level within its role from its title and
// summary, lowest first. Titles rank trainee/apprentice < junior/associate
// < plain < senior < lead < principal; a level whose summary says it is an
// entry level ranks with junior ones; in roles whose levels are analysts
// then managers (IT operations), every analyst level comes before every
// manager level ("Senior service desk analyst" before "Service desk
// manager"); head, chief and director levels come last.
func rank(title string, summary []string) int {
	best, found, analyst := 0, false, false
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if r, ok := seniority[w]; ok && (!found || r > best) {
			best, found = r, true
		}
		analyst = analyst || w == "analyst" || w == "analysts"
	}
	if found && best >= 6 {
		return top
	}
	if !found {
		best = 2
		text := strings.ToLower(strings.Join(summary, " "))
		for _, p := range entryPhrases {
			if strings.Contains(text, p) {
				best = 1
				break
			}
		}
	}
	if !analyst {
		best += 10 // a manager (or other) ladder above the analyst one
	}
	return best
}

// numbered is the "<n>-" prefix of a file name in the uk-gdad layout
// (roles/<profession>/<role>/<n>-<level>.md), which gives the framework's
// own level order.
var numbered = regexp.MustCompile(`^(\d{1,3})-`)

// sourceOrder returns the level number a file's name gives, or 0.
func sourceOrder(path string) int {
	m := numbered.FindStringSubmatch(filepath.Base(path))
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// Parse imports one or more DDaT role-level summaries into one framework.
// Roles are keyed by the slug of their title and appear in input order;
// each role's levels are ordered entry level first: by the level numbers of
// the file names when they have them ("1-configuration-analyst.md", the
// framework's own order), else by seniority (see rank), then title.
//
// problems holds every warning and error found, in input order. err is
// non-nil (the first error, a *framework.Problem) when any file could not be
// read; the framework is then nil.
func Parse(docs []*textprep.Doc) (*framework.Framework, []framework.Problem, error) {
	fw := &framework.Framework{
		ID:     "ddat",
		Name:   "DDaT Capability Framework",
		Format: "ddat",
		Source: framework.Source{
			Title:     "Government Digital and Data Profession Capability Framework",
			Publisher: "Government Digital Service / Central Digital and Data Office",
			URL:       "https://ddat-capability-framework.service.gov.uk/",
			Licence:   "Open Government Licence v3.0",
		},
	}
	var pp framework.ParseProblems
	if len(docs) == 0 {
		err := framework.Errorf("ddat", 0, "no files to import")
		return nil, []framework.Problem{*err}, err
	}
	type roleAcc struct {
		role   framework.Role
		files  []*file
		levels map[string]string // level ID → where it was read
		notes  map[string]bool
	}
	var roles []*roleAcc
	byID := map[string]*roleAcc{}
	for _, d := range docs {
		if d == nil {
			continue
		}
		fw.Source.Files = append(fw.Source.Files, d.Path)
		pp.Add(d.Warnings...)
		var warn framework.Collector // capped as found (4M empty bullets)
		f, err := parseFile(d, &warn)
		pp.Add(warn.Problems()...)
		if err != nil {
			pp.Fail(err)
			continue
		}
		id := framework.Slug(f.roleTitle)
		if id == "" {
			pp.Fail(d.Errorf(f.roleLine, "role title %q has no letters or digits", f.roleTitle))
			continue
		}
		acc := byID[id]
		if acc == nil {
			acc = &roleAcc{
				role: framework.Role{
					ID:     id,
					Title:  f.roleTitle,
					Family: f.profession,
					From:   framework.Position(f.name, f.roleLine),
				},
				levels: map[string]string{},
				notes:  map[string]bool{},
			}
			byID[id] = acc
			roles = append(roles, acc)
		} else if acc.role.Family != f.profession {
			pp.Add(framework.Warnf(d.Path, f.roleLine, "role %q is in profession %q here but %q in %s; keeping %q", f.roleTitle, f.profession, acc.role.Family, acc.role.From, acc.role.Family))
		}
		if prev, dup := acc.levels[f.level.ID]; dup {
			pp.Fail(d.Errorf(f.levelLine, "role level %q of role %q was already read from %s", f.level.Title, f.roleTitle, prev))
			continue
		}
		acc.levels[f.level.ID] = f.level.From
		if len(acc.role.Description) == 0 {
			acc.role.Description = f.roleDesc
		}
		if len(acc.role.Duties) == 0 {
			acc.role.Duties = f.duties
		}
		for _, n := range f.roleNotes {
			if !acc.notes[n] {
				acc.notes[n] = true
				acc.role.Notes = append(acc.role.Notes, n)
			}
		}
		acc.files = append(acc.files, f)
	}
	if pp.Err() != nil {
		return nil, pp.List, pp.Err()
	}
	for _, acc := range roles {
		numbered := true
		for _, f := range acc.files {
			numbered = numbered && f.order > 0
		}
		slices.SortStableFunc(acc.files, func(a, b *file) int {
			if numbered && a.order != b.order {
				return a.order - b.order
			}
			if a.rank != b.rank {
				return a.rank - b.rank
			}
			return strings.Compare(a.level.Title, b.level.Title)
		})
		for _, f := range acc.files {
			acc.role.Levels = append(acc.role.Levels, f.level)
		}
		fw.Roles = append(fw.Roles, acc.role)
	}
	return fw, pp.List, nil
}

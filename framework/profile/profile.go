// Package profile imports FEDIP / NCF job profiles exported from BCS Role
// Model Plus (a summary, then titled pipe tables per section, an
// "Additional Frameworks" list and a footer naming the professional body)
// into the canonical framework model. Several profiles become one
// framework with one role each.
package profile

import (
	"path/filepath"
	"strings"
	"unicode"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/textprep"
)

// Options tunes an import.
type Options struct {
	// Title is the role title used when a single profile has no title line
	// (the FEDIP export starts with "Summary"). Without it the title is
	// derived from the file name, with a warning.
	Title string
}

const (
	summaryName    = "Summary"
	additionalName = "Additional Frameworks"
	footerPrefix   = "The Professional Body Responsible for this job family is "
)

// section describes a known profile section.
type section struct {
	kind      framework.Kind
	wantDepth bool
}

// sections maps lower-cased section names to entry kinds (FORMATS.md §5.3).
var sections = map[string]section{
	"work activity components": {kind: framework.KindWorkActivity},
	"technical skills":         {kind: framework.KindKnowledge, wantDepth: true},
	"other skills":             {kind: framework.KindKnowledge, wantDepth: true},
	"training":                 {kind: framework.KindTraining},
	"professional development activity (pda)": {kind: framework.KindDevelopment},
	"professional development activity":       {kind: framework.KindDevelopment},
	"qualification components":                {kind: framework.KindQualification},
	"behaviours":                              {kind: framework.KindBehaviour},
	"behaviors":                               {kind: framework.KindBehaviour},
	"leadership":                              {kind: framework.KindLeadership},
	"data skills":                             {kind: framework.KindSkill},
	"project skills":                          {kind: framework.KindProjectSkill},
}

// Detect reports whether d looks like a FEDIP job profile: "Summary" as the
// first or second significant line, or a section name followed by a
// "Title | …" header row and a separator row.
func Detect(d *textprep.Doc) bool {
	sig := significant(d)
	for i := 0; i < len(sig) && i < 2; i++ {
		if strings.EqualFold(textprep.Trim(sig[i].Text), summaryName) {
			return true
		}
	}
	for i := 0; i+2 < len(sig) && i < 200; i++ {
		if !strings.Contains(sig[i].Text, "|") && isHeaderRow(sig[i+1].Text) && isSepRow(sig[i+2].Text) {
			return true
		}
	}
	return false
}

// significant returns the non-blank lines of d, trimmed.
func significant(d *textprep.Doc) []textprep.Line {
	var out []textprep.Line
	for _, l := range d.Lines {
		if t := textprep.Trim(l.Text); t != "" {
			out = append(out, textprep.Line{N: l.N, Text: t})
		}
	}
	return out
}

// splitAll splits a header or separator row on every pipe, dropping the
// empty cells an outer pipe leaves.
func splitAll(s string) []string {
	s = textprep.Trim(s)
	s = strings.TrimPrefix(s, "|")
	s = strings.TrimSuffix(s, "|")
	cells := strings.Split(s, "|")
	for i := range cells {
		cells[i] = textprep.Trim(cells[i])
	}
	return cells
}

// splitRow splits a table row on pipes that have white space on at least
// one side (or sit at either end), so that a bare pipe inside details text
// stays. An outer pipe at either end is dropped.
func splitRow(s string) []string {
	s = textprep.Trim(s)
	var cells []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '|' {
			continue
		}
		spaced := i == 0 || i == len(s)-1 || s[i-1] == ' ' || s[i-1] == '\t' || s[i+1] == ' ' || s[i+1] == '\t'
		if !spaced {
			continue
		}
		cells = append(cells, textprep.Trim(s[start:i]))
		start = i + 1
	}
	cells = append(cells, textprep.Trim(s[start:]))
	if strings.HasPrefix(s, "|") {
		cells = cells[1:]
	}
	if strings.HasSuffix(s, "|") && len(cells) > 0 {
		cells = cells[:len(cells)-1]
	}
	return cells
}

func isHeaderRow(s string) bool {
	if !strings.Contains(s, "|") {
		return false
	}
	cells := splitAll(s)
	return len(cells) >= 2 && strings.EqualFold(cells[0], "Title")
}

func isSepRow(s string) bool {
	if !strings.Contains(s, "-") {
		return false
	}
	for _, c := range splitAll(s) {
		c = strings.TrimSuffix(strings.TrimPrefix(c, ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return true
}

// titleFromFile derives a role title from a file name:
// "head-of-data-ethics.txt" → "Head of data ethics".
func titleFromFile(path string) string {
	base := filepath.Base(path)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	words := strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || unicode.IsSpace(r) })
	s := strings.Join(words, " ")
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// sectionAcc gathers the entries of one section name across repeats.
type sectionAcc struct {
	name    string
	line    int
	entries []framework.Entry
}

// parseDoc reads one profile. title is the fallback title (may be empty).
func parseDoc(d *textprep.Doc, fallback string, warn *framework.Collector) (*framework.Role, error) {
	// provenance names the file as given, like every message
	p := &docParser{d: d, name: d.Path, sig: significant(d), warn: warn, role: &framework.Role{}, byName: map[string]*sectionAcc{}}
	if len(p.sig) == 0 {
		return nil, d.Errorf(0, "file is empty")
	}
	i, err := p.head(fallback)
	if err != nil {
		return nil, err
	}
	if p.isSummary(i) {
		if i, err = p.summary(i); err != nil {
			return nil, err
		}
	}
	if err := p.body(i); err != nil {
		return nil, err
	}
	for _, a := range p.accs {
		p.level.Entries = append(p.level.Entries, a.entries...)
	}
	p.role.Levels = []framework.RoleLevel{p.level}
	return p.role, nil
}

// docParser is parseDoc's state: the significant lines, the role and its
// one level so far, and the sections read.
type docParser struct {
	d      *textprep.Doc
	name   string
	sig    []textprep.Line
	warn   *framework.Collector
	role   *framework.Role
	level  framework.RoleLevel
	accs   []*sectionAcc
	byName map[string]*sectionAcc
}

// isSection reports whether sig[i] opens a table section.
func (p *docParser) isSection(i int) bool {
	return i+1 < len(p.sig) && !strings.Contains(p.sig[i].Text, "|") && isHeaderRow(p.sig[i+1].Text)
}

// isSummary reports whether sig[i] is the Summary section's name.
func (p *docParser) isSummary(i int) bool {
	return i < len(p.sig) && strings.EqualFold(p.sig[i].Text, summaryName)
}

// outsideSection is the error of a table row at line n outside any section.
func (p *docParser) outsideSection(n int) error {
	return p.d.Errorf(n, "table row outside any section (a section name line must come before the \"Title | …\" header row)")
}

// head reads the title line (or its absence) and names the role and its
// level, returning the index of the line after the title.
func (p *docParser) head(fallback string) (int, error) {
	d, sig, role := p.d, p.sig, p.role
	i := 0
	switch {
	case p.isSummary(0):
		role.From = framework.Position(p.name, sig[0].N)
	case p.isSummary(1) && !strings.Contains(sig[0].Text, "|"):
		role.Title = sig[0].Text
		role.From = framework.Position(p.name, sig[0].N)
		i = 1
	case !p.isSection(0) && !strings.Contains(sig[0].Text, "|") && p.isSection(1):
		role.Title = sig[0].Text
		role.From = framework.Position(p.name, sig[0].N)
		p.warn.Add(framework.Warnf(d.Path, sig[1].N, "profile has no Summary section"))
		i = 1
	case p.isSection(0):
		return 0, d.Errorf(sig[0].N, "profile has no title line and no Summary section; start the file with the role title or \"Summary\"")
	default:
		return 0, d.Errorf(sig[0].N, "not a FEDIP job profile: expected a title line or \"Summary\", then sections with \"Title | …\" tables; found %q", textprep.Clip(sig[0].Text))
	}
	if role.Title == "" {
		role.Title = fallback
		if role.Title == "" {
			role.Title = titleFromFile(d.Path)
			p.warn.Add(framework.Warnf(d.Path, sig[0].N, "profile has no title line; using %q from the file name (give the role title to set it)", role.Title))
		}
	}
	role.ID = framework.Slug(role.Title)
	if role.ID == "" {
		return 0, d.Errorf(sig[0].N, "role title %q has no letters or digits", role.Title)
	}
	p.level.ID, p.level.Title, p.level.From = role.ID, role.Title, role.From
	return i, nil
}

// summary reads the Summary section whose name is sig[i], returning the
// index of the line after it.
func (p *docParser) summary(i int) (int, error) {
	sig := p.sig
	sumLine := sig[i].N
	i++
	// The first summary line is summary text even when a table follows
	// (a missing section name), unless it is a known section name.
	startsSection := func(i int) bool {
		if !p.isSection(i) {
			return false
		}
		_, known := sections[strings.ToLower(strings.Join(strings.Fields(sig[i].Text), " "))]
		return known || len(p.level.Summary) > 0
	}
	for i < len(sig) && !startsSection(i) && !p.isSummary(i) && !strings.EqualFold(sig[i].Text, additionalName) && !strings.HasPrefix(sig[i].Text, footerPrefix) {
		if strings.Contains(sig[i].Text, "|") {
			return 0, p.outsideSection(sig[i].N)
		}
		p.level.Summary = append(p.level.Summary, sig[i].Text)
		i++
	}
	if len(p.level.Summary) == 0 {
		p.warn.Add(framework.Warnf(p.d.Path, sumLine, "the Summary section is empty"))
	}
	return i, nil
}

// body reads the sections from sig[i] on: tables, the additional
// information, and the footer.
func (p *docParser) body(i int) error {
	sig := p.sig
	for i < len(sig) {
		l := sig[i]
		var err error
		switch {
		case strings.HasPrefix(l.Text, footerPrefix):
			i = p.footer(i)
		case strings.EqualFold(l.Text, additionalName) && !p.isSection(i):
			i, err = p.additional(i)
		case p.isSection(i):
			i, err = parseTable(p.d, p.name, sig, i, &p.accs, p.byName, p.warn)
		case strings.Contains(l.Text, "|"):
			return p.outsideSection(l.N)
		case i == len(sig)-1:
			return p.d.Errorf(l.N, "line %q is neither a section nor a table row; is the file cut off?", textprep.Clip(l.Text))
		default:
			return p.d.Errorf(l.N, "line %q is not a table row and not a section name (a section name is followed by a \"Title | …\" header row)", textprep.Clip(l.Text))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// footer reads the footer line sig[i] (the awarding body, then notes) and
// every line after it, as notes; it returns the end of the lines.
func (p *docParser) footer(i int) int {
	sig, role := p.sig, p.role
	l := sig[i]
	rest := strings.TrimPrefix(l.Text, footerPrefix)
	body, after, _ := strings.Cut(rest, ".")
	role.Body = textprep.Trim(body)
	if after = textprep.Trim(after); after != "" {
		role.Notes = append(role.Notes, after)
	}
	warned := false
	for i++; i < len(sig); i++ {
		if !warned && (p.isSection(i) || strings.Contains(sig[i].Text, "|")) {
			// Tables after the footer used to become notes
			// without a word.
			warned = true
			p.warn.Add(framework.Warnf(p.d.Path, sig[i].N, "a table after the footer line (line %d) is not read as a section; its lines are kept as notes (move it above the footer)", l.N))
		}
		role.Notes = append(role.Notes, sig[i].Text)
	}
	return i
}

// additional reads the additional information section whose name is
// sig[i] as the role's references, returning the index after it.
func (p *docParser) additional(i int) (int, error) {
	sig := p.sig
	for i++; i < len(sig) && !p.isSection(i) && !strings.HasPrefix(sig[i].Text, footerPrefix) && !strings.EqualFold(sig[i].Text, additionalName); i++ {
		if strings.Contains(sig[i].Text, "|") {
			return 0, p.outsideSection(sig[i].N)
		}
		p.role.References = append(p.role.References, sig[i].Text)
	}
	return i, nil
}

// parseTable reads the section starting at sig[i] (name, header row,
// optional separator, rows) and returns the index after it.
func parseTable(d *textprep.Doc, name string, sig []textprep.Line, i int, accs *[]*sectionAcc, byName map[string]*sectionAcc, warn *framework.Collector) (int, error) {
	secName := sig[i].Text
	key := strings.ToLower(strings.Join(strings.Fields(secName), " "))
	known, isKnown := sections[key]
	if !isKnown {
		known = section{kind: framework.KindOther}
	}
	acc := byName[key]
	if acc == nil {
		acc = &sectionAcc{name: secName, line: sig[i].N}
		byName[key] = acc
		*accs = append(*accs, acc)
		if !isKnown {
			warn.Add(framework.Warnf(d.Path, sig[i].N, "unknown section %q kept as a generic group", secName))
		}
	} else {
		warn.Add(framework.Warnf(d.Path, sig[i].N, "section %q repeated (first at line %d); its rows are appended", secName, acc.line))
	}
	header := splitAll(sig[i+1].Text)
	headerLine := sig[i+1].N
	col := map[string]int{}
	for k, h := range header {
		if h == "" {
			return 0, d.Errorf(headerLine, "header row has an empty column name (column %d)", k+1)
		}
		lk := strings.ToLower(h)
		if _, dup := col[lk]; dup {
			return 0, d.Errorf(headerLine, "header row names column %q twice", h)
		}
		col[lk] = k
	}
	detailsCol, hasDetails := col["details"]
	if !hasDetails {
		detailsCol, hasDetails = col["description"]
	}
	depthCol, hasDepth := col["depth"]
	if known.wantDepth && !hasDepth {
		warn.Add(framework.Warnf(d.Path, headerLine, "the %s table has no Depth column", secName))
	}
	i += 2
	if i < len(sig) && isSepRow(sig[i].Text) {
		i++
	} else {
		warn.Add(framework.Warnf(d.Path, headerLine, "no \"---|---\" separator row after the header row"))
	}
	for ; i < len(sig) && strings.Contains(sig[i].Text, "|"); i++ {
		l := sig[i]
		if isHeaderRow(l.Text) {
			return 0, d.Errorf(l.N, "a second header row in the %s table", secName)
		}
		cells := splitRow(l.Text)
		if len(cells) < len(header) {
			if all := splitAll(l.Text); len(all) == len(header) {
				cells = all // cells written with bare pipes "a|b|c"
			}
		}
		if len(cells) > len(header) {
			if !hasDetails {
				return 0, d.Errorf(l.N, "table row has %d cells, the header has %d", len(cells), len(header))
			}
			extra := len(cells) - len(header)
			joined := strings.Join(cells[detailsCol:detailsCol+extra+1], " | ")
			cells = append(append(append([]string{}, cells[:detailsCol]...), joined), cells[detailsCol+extra+1:]...)
			warn.Add(framework.Warnf(d.Path, l.N, "table row has %d cells, the header has %d; the extra \"|\" is kept in the details", len(cells)+extra, len(header)))
		}
		if len(cells) < len(header) {
			missing := header[len(cells):]
			cutOff := len(cells) < 2 || (hasDetails && detailsCol >= len(cells)) || l.N == d.Lines[len(d.Lines)-1].N && i == len(sig)-1
			if cutOff {
				return 0, d.Errorf(l.N, "table row is cut off: it has %d of the %d cells (%s)", len(cells), len(header), strings.Join(header, ", "))
			}
			warn.Add(framework.Warnf(d.Path, l.N, "table row has no %s cell; left empty", strings.Join(missing, ", ")))
			for len(cells) < len(header) {
				cells = append(cells, "")
			}
		}
		if cells[0] == "" {
			return 0, d.Errorf(l.N, "table row has an empty Title")
		}
		t := decompose(cells[0])
		e := framework.Entry{
			Kind:        known.kind,
			Group:       secName,
			Title:       t.Title,
			Code:        t.Code,
			Level:       t.Level,
			LevelNumber: t.LevelNumber,
			From:        framework.Position(name, l.N),
		}
		if hasDetails && cells[detailsCol] != "" {
			e.Descriptors = []string{cells[detailsCol]}
		}
		if hasDepth {
			e.Depth = cells[depthCol]
		}
		for k, h := range header {
			if k == 0 || hasDetails && k == detailsCol || hasDepth && k == depthCol || cells[k] == "" {
				continue
			}
			if e.Attributes == nil {
				e.Attributes = map[string]string{}
			}
			e.Attributes[h] = cells[k]
		}
		acc.entries = append(acc.entries, e)
	}
	return i, nil
}

// Parse imports one or more FEDIP job profiles into one framework, one role
// per file in input order.
//
// problems holds every warning and error found, in input order. err is
// non-nil (the first error, a *framework.Problem) when any file could not be
// read; the framework is then nil.
func Parse(docs []*textprep.Doc, opt Options) (*framework.Framework, []framework.Problem, error) {
	fw := &framework.Framework{
		ID:     "ncf",
		Name:   "National Competency Framework for Data Professionals (FEDIP job profiles)",
		Format: "profile",
		Source: framework.Source{
			Title:     "FEDIP job profiles (NCF for data professionals in health and care)",
			Publisher: "Federation for Informatics Professionals (FEDIP) with BCS Role Model Plus",
			URL:       "https://job-profiles.fedip.org/",
		},
	}
	var pp framework.ParseProblems
	var live []*textprep.Doc
	for _, d := range docs {
		if d != nil {
			live = append(live, d)
		}
	}
	if len(live) == 0 {
		err := framework.Errorf("profile", 0, "no files to import")
		return nil, []framework.Problem{*err}, err
	}
	fallback := opt.Title
	if len(live) > 1 && fallback != "" {
		pp.Add(framework.Warnf(live[0].Path, 0, "one role title %q given for %d profiles; profiles without a title line take theirs from the file name", fallback, len(live)))
		fallback = ""
	}
	seen := map[string]string{}
	for _, d := range live {
		fw.Source.Files = append(fw.Source.Files, d.Path)
		pp.Add(d.Warnings...)
		var warn framework.Collector // capped as found (a table of 4M bad rows)
		role, err := parseDoc(d, fallback, &warn)
		pp.Add(warn.Problems()...)
		if err != nil {
			pp.Fail(err)
			continue
		}
		if prev, dup := seen[role.ID]; dup {
			pp.Fail(d.Errorf(0, "role %q was already read from %s", role.Title, prev))
			continue
		}
		seen[role.ID] = role.From
		fw.Roles = append(fw.Roles, *role)
	}
	if pp.Err() != nil {
		return nil, pp.List, pp.Err()
	}
	return fw, pp.List, nil
}

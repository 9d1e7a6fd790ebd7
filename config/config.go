package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/internal/yamlpos"
)

// Config is everything a run renders from besides the frameworks: the
// organisation, its level ladder, its roles as compositions of framework
// sources, the vacancy, the PDP and the person-specification rules. It is
// the YAML schema of config.yaml (see docs/config.md).
type Config struct {
	Role       string    `yaml:"role"`       // role to render (a config role id, or FRAMEWORK/ROLE)
	Level      string    `yaml:"level"`      // ladder rung (or the framework level for FRAMEWORK/ROLE)
	Documents  []string  `yaml:"documents"`  // document kinds, e.g. jd, pdp
	Formats    []string  `yaml:"formats"`    // output formats, e.g. pdf, docx
	Out        string    `yaml:"out"`        // output folder
	Templates  string    `yaml:"templates"`  // folder of template overrides
	Date       string    `yaml:"date"`       // document date YYYY-MM-DD
	Language   Languages `yaml:"language"`   // BCP 47, e.g. en-GB; two for a bilingual document, e.g. [cy, en] or "cy,en"
	Frameworks []string  `yaml:"frameworks"` // extra framework files (canonical YAML or source documents)
	// Translations names the organisation's translations files (YAML, as
	// `rolepack translate import` writes them), relative to the config
	// file: in a document of a file's language, framework and config
	// text with a translation there is given in it (docs/translation.md).
	Translations []string `yaml:"translations"`
	// Translated holds the translations files' units by base language
	// ("cy"), loaded by the front end from Translations (LoadTranslations).
	Translated map[string]Translations `yaml:"-" json:"-"`

	// Messages overrides the message catalogue's wording, by language
	// ("cy", "en") and key (see docs/config.md, "Welsh").
	Messages map[string]map[string]string `yaml:"messages"`
	// Bilingual is how a document in two languages is laid out.
	Bilingual BilingualConfig `yaml:"bilingual"`

	Organisation Organisation       `yaml:"organisation"`
	Brand        Brand              `yaml:"brand"`
	Ladder       []Rung             `yaml:"ladder"`
	Roles        map[string]RoleDef `yaml:"roles"`
	Vacancy      Vacancy            `yaml:"vacancy"`
	PDP          PDPConfig          `yaml:"pdp"`
	Development  DevelopmentConfig  `yaml:"development"`
	PersonSpec   PersonSpecConfig   `yaml:"personSpec"`
	Scoring      ScoringConfig      `yaml:"scoring"`
	JD           JDConfig           `yaml:"jd"`
	Document     DocumentControl    `yaml:"document"`

	// AllowRetired lets a run target a level its framework marks as no
	// longer in use (DDaT "NOT IN USE"); set by --allow-retired, not by
	// the config file.
	AllowRetired bool            `yaml:"-"`
	Editorial    EditorialConfig `yaml:"editorial"`
	// Edits correct framework text as it is composed, without touching
	// the framework files (see edits.go).
	Edits []EditDef `yaml:"edits"`
	// Behaviours attaches behaviours to every role that has none at the
	// level run: a framework role used as it is (FRAMEWORK/ROLE), or a
	// config role whose sources, behaviours and add give none there.
	// BehavioursAt replaces it at the levels it names (a ladder rung, or a
	// framework level id for FRAMEWORK/ROLE); an entry with no framework
	// attaches none there.
	Behaviours   BehavioursDef            `yaml:"behaviours"`
	BehavioursAt map[string]BehavioursDef `yaml:"behavioursAt"`

	// File is the config file's name for messages ("" for the embedded default).
	File string `yaml:"-"`
	// pos is where each dotted key was written: its file and line (a
	// layered config's keys come from several files).
	pos map[string]position
	// origins names where values set from outside the file came from
	// (e.g. "--format odt"), by dotted key.
	origins map[string]string
}

// Organisation is who issues the documents.
type Organisation struct {
	Name       string            `yaml:"name" json:"name"`
	Department string            `yaml:"department" json:"department"`
	Location   string            `yaml:"location" json:"location"`
	Logo       string            `yaml:"logo" json:"logo"` // path to a PNG or JPEG
	Website    string            `yaml:"website" json:"website"`
	Country    string            `yaml:"country" json:"country"` // ISO 3166-1 alpha-2, default GB
	LogoURL    string            `yaml:"logoUrl" json:"logoUrl"` // the logo's web address, for the advert's JSON-LD
	SameAs     []string          `yaml:"sameAs" json:"sameAs"`   // other pages that identify it (Wikidata, LinkedIn …)
	About      string            `yaml:"about" json:"about"`     // advert "about us"
	Offer      []string          `yaml:"offer" json:"offer"`     // advert "what we offer"
	Apply      string            `yaml:"apply" json:"apply"`     // advert "how to apply"
	Clauses    map[string]string `yaml:"clauses" json:"clauses"` // JD standard clauses by heading
}

// Brand is the organisation's own look: its Word letterhead for DOCX, and
// its colours, logo, header text and typeface for PDF and HTML (see
// docs/config.md). Paths are relative to the config file.
type Brand struct {
	ReferenceDoc string `yaml:"referenceDoc"` // the letterhead .docx every DOCX is built in (--reference-doc)
	Primary      string `yaml:"primary"`      // hex colour of headings and the title, e.g. "#00205b"
	Accent       string `yaml:"accent"`       // hex colour of rules and (tinted) table header rows
	Logo         string `yaml:"logo"`         // PNG or JPEG (default organisation.logo)
	LogoAlt      string `yaml:"logoAlt"`      // the logo's text alternative (default "<organisation> logo")
	Header       string `yaml:"header"`       // running header text (default the organisation)
	// Font is an embedded family (Liberation Sans, Liberation Serif) or,
	// with FontFiles, the name of the user's family.
	Font      string    `yaml:"font"`
	FontFiles FontFiles `yaml:"fontFiles"`
}

// FontFiles are the TrueType files of a brand typeface; only Regular is
// required (a missing style uses it).
type FontFiles struct {
	Regular    string `yaml:"regular"`
	Bold       string `yaml:"bold"`
	Italic     string `yaml:"italic"`
	BoldItalic string `yaml:"boldItalic"`
}

// Rung is one level of the organisation's own ladder.
type Rung struct {
	ID    string `yaml:"id" json:"id"`
	Label string `yaml:"label" json:"label"`
}

// RoleDef is a role of the organisation composed from framework sources
// plus local edits.
type RoleDef struct {
	Title          string      `yaml:"title"`
	Family         string      `yaml:"family"`
	Purpose        string      `yaml:"purpose"`
	ReportsTo      string      `yaml:"reportsTo"`
	ResponsibleFor string      `yaml:"responsibleFor"`
	Relationships  []string    `yaml:"relationships"`
	Dimensions     []string    `yaml:"dimensions"`
	Experience     []string    `yaml:"experience"`
	Sources        []SourceDef `yaml:"sources"`
	Add            []EntryDef  `yaml:"add"`
	Remove         []EntryRef  `yaml:"remove"`
	// ResponsibleForAt replaces responsibleFor at the rungs it names ("" for
	// none: a role that manages no one at that rung).
	ResponsibleForAt map[string]string `yaml:"responsibleForAt"`
	// Titles gives the job title at each rung (rung id → title) where no
	// framework level title applies.
	Titles map[string]string `yaml:"titles"`
	// Select chooses what goes into the candidate-facing documents; SelectAt
	// replaces it at the rungs it names.
	Select   SelectDef            `yaml:"select"`
	SelectAt map[string]SelectDef `yaml:"selectAt"`
	// Questions is the interview question bank: criterion title (or id)
	// → the question the scoring sheet suggests.
	Questions map[string]string `yaml:"questions"`
	// Behaviours gives the role behaviours from a framework at the rungs
	// where its sources and add give none (in place of the config's
	// top-level behaviours); BehavioursAt replaces it at the rungs it
	// names (an entry with no framework attaches none there).
	Behaviours   BehavioursDef            `yaml:"behaviours"`
	BehavioursAt map[string]BehavioursDef `yaml:"behavioursAt"`
}

// BehavioursDef attaches behaviours to a role from any loaded framework
// (the organisation's values written as a framework, Success Profiles
// behaviours imported from a user's file, an NCF profile): the behaviour
// entries of one of its roles at a level, or of a catalogue at a level,
// all of them or the ones Select names. Only behaviours are taken; a
// catalogue whose skills give no kind is taken whole, as behaviours.
type BehavioursDef struct {
	Framework string `yaml:"framework"` // framework id ("" attaches none)
	Role      string `yaml:"role"`      // a role of the framework
	Catalogue string `yaml:"catalogue"` // or a catalogue of the framework
	// Level is the role's or catalogue's level to take the behaviours at;
	// it may be left out when there is only one.
	Level string `yaml:"level"`
	// Select names the behaviours to take, by title or code (e.g. B1.3),
	// case-insensitively; all of them when empty. Named ones are also the
	// ones the documents carry, unless select.behaviours names others.
	Select []string `yaml:"select"`
}

// SelectDef chooses, per kind, what the candidate-facing documents carry.
// Names match an entry's title or code, case-insensitively. Empty lists
// use the default rules documented in docs/config.md.
type SelectDef struct {
	Behaviours       []string `yaml:"behaviours"`       // behaviours to assess (4–6 is usual)
	Leadership       []string `yaml:"leadership"`       // leadership expectations to assess
	Essential        []string `yaml:"essential"`        // essential skills or knowledge
	Desirable        []string `yaml:"desirable"`        // desirable skills or knowledge
	Skills           int      `yaml:"skills"`           // essential skills by default rule (default 4)
	Responsibilities int      `yaml:"responsibilities"` // key responsibilities in the JD (default 10)
}

// JDConfig shapes the job description.
type JDConfig struct {
	// IncludeSpec appends the person specification to the JD as an annex.
	IncludeSpec bool `yaml:"includeSpec"`
}

// DocumentControl is the document-control line every candidate-facing
// document ends with.
type DocumentControl struct {
	Version string `yaml:"version"` // default vacancy.version, else 1.0
	Owner   string `yaml:"owner"`   // default organisation department and name
}

// SourceDef draws part of a role from one framework: a role's level text
// and entries, or a catalogue's skills at a level. Levels maps every ladder
// rung to a level of the framework, or to "none".
type SourceDef struct {
	Framework string            `yaml:"framework"`
	Role      string            `yaml:"role"`
	Catalogue string            `yaml:"catalogue"`
	Kinds     []string          `yaml:"kinds"` // entry kinds to take (all when empty)
	Text      *bool             `yaml:"text"`  // take the role level's summary and responsibilities (default true)
	Levels    map[string]string `yaml:"levels"`
}

// EntryDef is an entry the organisation adds to a role.
type EntryDef struct {
	Kind        string   `yaml:"kind"`
	Group       string   `yaml:"group"`
	Title       string   `yaml:"title"`
	Descriptors []string `yaml:"descriptors"`
	Essential   *bool    `yaml:"essential"`
	Levels      []string `yaml:"levels"` // rungs it applies at (all when empty)
}

// EntryRef names an entry to remove from a role.
type EntryRef struct {
	Kind   string   `yaml:"kind"`
	Title  string   `yaml:"title"`
	Levels []string `yaml:"levels"` // rungs it is removed at (all when empty)
}

// Vacancy is what a job advert and a JD say about one vacancy.
type Vacancy struct {
	Reference      string  `yaml:"reference" json:"reference"`
	Band           string  `yaml:"band" json:"band"`
	Salary         string  `yaml:"salary" json:"salary"`
	SalaryMin      float64 `yaml:"salaryMin" json:"salaryMin"`
	SalaryMax      float64 `yaml:"salaryMax" json:"salaryMax"`
	Hours          string  `yaml:"hours" json:"hours"`
	Contract       string  `yaml:"contract" json:"contract"`             // e.g. Permanent
	EmploymentType string  `yaml:"employmentType" json:"employmentType"` // schema.org value, e.g. FULL_TIME
	// Welsh is the post's Welsh language category under the Welsh Language
	// Standards: essential, learn, desirable or not-necessary (see welsh.go).
	Welsh     string   `yaml:"welsh" json:"welsh,omitempty"`
	Location  string   `yaml:"location" json:"location"`
	Posted    string   `yaml:"posted" json:"posted"`   // YYYY-MM-DD
	Closing   string   `yaml:"closing" json:"closing"` // YYYY-MM-DD
	ReportsTo string   `yaml:"reportsTo" json:"reportsTo"`
	Contact   string   `yaml:"contact" json:"contact"`
	Panel     []string `yaml:"panel" json:"panel"`
	Version   string   `yaml:"version" json:"version"`
	// Extra holds a vacancy manifest's other columns by their heading
	// (e.g. "Notes"), for templates; set only by pack.
	Extra map[string]string `yaml:"-" json:"extra,omitempty"`

	// Workplace is onsite, hybrid or remote (default: read from the
	// location, "Leeds (hybrid)", "Remote (UK)"); Currency is the salary's
	// ISO 4217 code (default: its symbol's, else GBP). Both are for the
	// advert's JSON-LD (package compose/jobposting).
	Workplace string `yaml:"workplace" json:"workplace"`
	Currency  string `yaml:"currency" json:"currency"`
}

// The values of vacancy.workplace.
const (
	WorkplaceOnsite = "onsite"
	WorkplaceHybrid = "hybrid"
	WorkplaceRemote = "remote"
)

// PDPConfig says whose development plan it is and between which levels.
type PDPConfig struct {
	Person     string `yaml:"person"`
	Manager    string `yaml:"manager"`
	Role       string `yaml:"role"` // current role (default: the run's role)
	From       string `yaml:"from"` // current rung
	TargetRole string `yaml:"targetRole"`
	To         string `yaml:"to"` // target rung
	// Period is the plan's length ("12 months", "6 months", "1 year") or
	// its span ("April 2026 to March 2027"); default 12 months from the
	// plan date.
	Period  string   `yaml:"period"`
	Reviews []string `yaml:"reviews"` // review names, spread evenly over the period (default mid-point and end)
	// Annex appends every entry the target expects, now and target side
	// by side, as an annex (default false: the plan lists what changes).
	Annex bool `yaml:"annex"`
}

// DevelopmentConfig is the organisation's own catalogue of development
// activities, which a PDP draws on after the frameworks' training and
// professional development entries.
type DevelopmentConfig struct {
	Activities []ActivityDef `yaml:"activities"`
}

// ActivityDef is one development activity the organisation offers.
type ActivityDef struct {
	// Kind is the 70-20-10 kind: job (on the job), others (learning from
	// others) or course (courses and reading).
	Kind   string   `yaml:"kind"`
	Title  string   `yaml:"title"`
	Skills []string `yaml:"skills"` // entry titles it serves (a word in common also matches)
	Effort string   `yaml:"effort"` // e.g. "2 days", "1 hour a week"
	// Evidence is what shows the activity is done (default by kind).
	Evidence string `yaml:"evidence"`
}

// PersonSpecConfig sets how person-specification criteria are marked.
type PersonSpecConfig struct {
	// Assessment per criterion group (qualifications, experience,
	// knowledge, skills, behaviours, leadership, other).
	Assessment map[string][]string `yaml:"assessment"`
	// Other criteria every role asks for (essential, assessed at application).
	Other []string `yaml:"other"`
}

// EditorialConfig holds the organisation's own words for the editorial
// checks (rolepack lint, and the checks generate and pack run).
type EditorialConfig struct {
	// Allow lists words and phrases accepted as written (names, terms of
	// the trade): never reported as typos, jargon or banned.
	Allow []string `yaml:"allow"`
	// Ban lists words the organisation does not use, each "phrase" or
	// "phrase => what to write instead"; "*" ends a word with any ending.
	Ban []string `yaml:"ban"`
}

// ScoringConfig picks the interview score scale.
type ScoringConfig struct {
	Scale   string        `yaml:"scale"` // civil-service (1–7), 0-4, or custom
	Anchors []ScoreAnchor `yaml:"anchors"`
	// Max is the most criteria the sheet scores (default 8).
	Max int `yaml:"max"`
	// Weights multiplies scores, by criterion id (e.g. B1) or group
	// (behaviours, leadership, skills, experience, knowledge,
	// qualifications); unset is 1.
	Weights map[string]int `yaml:"weights"`
}

// ScoreAnchor is one point of a custom score scale.
type ScoreAnchor struct {
	Score int    `yaml:"score" json:"score"`
	Label string `yaml:"label" json:"label"`
	Means string `yaml:"means" json:"means"`
}

// maxExpanded bounds the size of a config with its YAML aliases expanded,
// so a small file cannot alias a large value into gigabytes.
const maxExpanded = 4 << 20

// LoadConfig decodes a config file strictly: a syntax error, an unknown
// key, a duplicate key (naming both lines), a second YAML document, or
// aliases that expand past maxExpanded are one-line errors with the file
// and line.
func LoadConfig(file string, data []byte) (*Config, error) {
	nodes := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := nodes.Decode(&root); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlpos.Error(file, err)
	}
	var second yaml.Node
	if err := nodes.Decode(&second); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, yamlpos.Error(file, err)
		}
		return nil, fmt.Errorf("%s: a second YAML document (after ---): a config is one document", framework.Position(file, second.Line))
	}
	c := &Config{File: file, pos: map[string]position{}}
	if len(root.Content) == 0 {
		return c, nil
	}
	if n, line := expandedSize(root.Content[0], map[*yaml.Node]int{}); n > maxExpanded {
		return nil, fmt.Errorf("%s: YAML aliases expand the config past %d MiB: write the values out", framework.Position(file, line), maxExpanded>>20)
	}
	index(root.Content[0], "", file, c.pos)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil {
		return nil, c.decodeError(file, err)
	}
	return c, nil
}

// expandedSize is about the number of bytes n stands for with every alias
// expanded, and the line of the first alias; sizes of aliased nodes are
// memoised, so nested aliases cost no more than their text.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int) (size, aliasLine int) {
	if s, ok := memo[n]; ok {
		return s, 0
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias != nil {
			size, _ = expandedSize(n.Alias, memo)
		}
		aliasLine = n.Line
	case yaml.ScalarNode:
		size = len(n.Value) + 1
	default:
		size = 1
		for _, c := range n.Content {
			s, l := expandedSize(c, memo)
			size += s
			if size > maxExpanded {
				size = maxExpanded + 1 // saturate: no overflow, stop early
			}
			if aliasLine == 0 {
				aliasLine = l
			}
		}
	}
	memo[n] = size
	return size, aliasLine
}

// position is where a key was written.
type position struct {
	file string
	line int
}

// index records the line of every mapping key and sequence item by its
// dotted path (e.g. "roles.data-engineer.sources.1.levels").
func index(n *yaml.Node, path, file string, pos map[string]position) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := yamlpos.Join(path, n.Content[i].Value)
			pos[p] = position{file, n.Content[i].Line}
			index(n.Content[i+1], p, file, pos)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := yamlpos.Join(path, strconv.Itoa(i))
			pos[p] = position{file, c.Line}
			index(c, p, file, pos)
		}
	}
}

// Has reports whether the config file set the dotted key (e.g.
// "vacancy.salary"), to any value, even an empty one.
func (c *Config) Has(key string) bool {
	_, ok := c.pos[key]
	return ok
}

// Adopt records that the value at the dotted key, and everything under
// it, came from src: At then names src's file and lines for them. A
// layered config adopts each key from the file that set it last.
func (c *Config) Adopt(key string, src *Config) {
	if c.pos == nil {
		c.pos = map[string]position{}
	}
	for k, p := range src.pos {
		if k == key || strings.HasPrefix(k, key+".") {
			c.pos[k] = p
		}
	}
}

// SetOrigin records that the value at a dotted key (e.g.
// "vacancy.salaryMin") came from outside the config file, from where
// names (e.g. "--format odt" or "ROLEPACK_LEVEL=chief"); At then names
// that origin for the key and everything under it.
func (c *Config) SetOrigin(key, where string) {
	if c.origins == nil {
		c.origins = map[string]string{}
	}
	c.origins[key] = where
}

// At returns "file:line" for a config path such as ("roles", "x",
// "sources", 1), falling back to the nearest enclosing key that has a line.
func (c *Config) At(path ...any) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = fmt.Sprint(p)
	}
	for k := 1; k <= len(parts); k++ {
		if o, ok := c.origins[strings.Join(parts[:k], ".")]; ok {
			return o
		}
	}
	file := c.File
	if file == "" {
		file = "config"
	}
	for k := len(parts); k > 0; k-- {
		if p, ok := c.pos[strings.Join(parts[:k], ".")]; ok {
			if p.file != "" {
				file = p.file
			}
			return framework.Position(file, p.line)
		}
	}
	return file
}

// Rung returns the ladder rung with the given id.
func (c *Config) Rung(id string) (Rung, bool) {
	for _, r := range c.Ladder {
		if r.ID == id {
			return r, true
		}
	}
	return Rung{}, false
}

// RungIDs lists the ladder's rung ids in order.
func (c *Config) RungIDs() []string {
	ids := make([]string, len(c.Ladder))
	for i, r := range c.Ladder {
		ids[i] = r.ID
	}
	return ids
}

// Value ranges a config is checked against.
var (
	// MinDate and MaxDate bound every date a config or SOURCE_DATE_EPOCH
	// gives.
	MinDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	MaxDate = time.Date(2200, 12, 31, 0, 0, 0, 0, time.UTC)
)

// MaxSalary is the largest salary a vacancy may state.
const MaxSalary = 10_000_000

// ParseDate parses a YYYY-MM-DD date between MinDate and MaxDate.
func ParseDate(s string) (time.Time, error) {
	d, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	if d.Before(MinDate) || d.After(MaxDate) {
		return time.Time{}, fmt.Errorf("%q is not between %d and %d", s, MinDate.Year(), MaxDate.Year())
	}
	return d, nil
}

// CheckSalary checks a salary range: each bound a number from 0 to
// MaxSalary (0 meaning not stated), and min no more than max when both are
// stated. The error names the bound at fault ("salaryMin", "salaryMax").
func CheckSalary(min, max float64) (field string, err error) {
	for _, b := range []struct {
		name string
		v    float64
	}{{"salaryMin", min}, {"salaryMax", max}} {
		switch {
		case math.IsNaN(b.v) || math.IsInf(b.v, 0):
			return b.name, fmt.Errorf("%s is not a number", b.name)
		case b.v < 0:
			return b.name, fmt.Errorf("%s %s is negative", b.name, strconv.FormatFloat(b.v, 'g', -1, 64))
		case b.v > MaxSalary:
			return b.name, fmt.Errorf("%s %s is more than %d", b.name, strconv.FormatFloat(b.v, 'g', -1, 64), MaxSalary)
		}
	}
	if min > 0 && max > 0 && min > max {
		return "salaryMax", fmt.Errorf("salaryMin %s is more than salaryMax %s", strconv.FormatFloat(min, 'g', -1, 64), strconv.FormatFloat(max, 'g', -1, 64))
	}
	return "", nil
}

// CheckValues checks the values a config states for range: salaries (see
// CheckSalary) and dates (see ParseDate). The error is one line naming
// where the value came from (file:line, or the flag or variable).
func (c *Config) CheckValues() error {
	if field, err := CheckSalary(c.Vacancy.SalaryMin, c.Vacancy.SalaryMax); err != nil {
		return fmt.Errorf("%s: vacancy %w", c.At("vacancy", field), err)
	}
	if err := c.checkLimits(); err != nil {
		return err
	}
	if err := checkWelsh(c.Vacancy.Welsh); err != nil {
		return fmt.Errorf("%s: vacancy.welsh %w", c.At("vacancy", "welsh"), err)
	}
	if err := c.checkLanguages(); err != nil {
		return err
	}
	for _, d := range []struct {
		path []any
		v    string
	}{{[]any{"date"}, c.Date}, {[]any{"vacancy", "posted"}, c.Vacancy.Posted}, {[]any{"vacancy", "closing"}, c.Vacancy.Closing}} {
		if d.v == "" {
			continue
		}
		if _, err := ParseDate(d.v); err != nil {
			return fmt.Errorf("%s: %s %w", c.At(d.path...), d.path[len(d.path)-1], err)
		}
	}
	return c.checkChoices()
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

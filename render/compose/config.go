package compose

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/framework"
)

// Config is everything a run renders from besides the frameworks: the
// organisation, its level ladder, its roles as compositions of framework
// sources, the vacancy, the PDP and the person-specification rules. It is
// the YAML schema of config.yaml (see docs/config.md).
type Config struct {
	Role       string   `yaml:"role"`       // role to render (a config role id, or FRAMEWORK/ROLE)
	Level      string   `yaml:"level"`      // ladder rung (or the framework level for FRAMEWORK/ROLE)
	Documents  []string `yaml:"documents"`  // document kinds, e.g. jd, pdp
	Formats    []string `yaml:"formats"`    // output formats, e.g. pdf, docx
	Out        string   `yaml:"out"`        // output folder
	Templates  string   `yaml:"templates"`  // folder of template overrides
	Date       string   `yaml:"date"`       // document date YYYY-MM-DD
	Language   string   `yaml:"language"`   // BCP 47, e.g. en-GB
	Frameworks []string `yaml:"frameworks"` // extra framework files (canonical YAML or source documents)

	Organisation Organisation       `yaml:"organisation"`
	Ladder       []Rung             `yaml:"ladder"`
	Roles        map[string]RoleDef `yaml:"roles"`
	Vacancy      Vacancy            `yaml:"vacancy"`
	PDP          PDPConfig          `yaml:"pdp"`
	PersonSpec   PersonSpecConfig   `yaml:"personSpec"`
	Scoring      ScoringConfig      `yaml:"scoring"`
	JD           JDConfig           `yaml:"jd"`
	Document     DocumentControl    `yaml:"document"`

	// AllowRetired lets a run target a level its framework marks as no
	// longer in use (DDaT "NOT IN USE"); set by --allow-retired, not by
	// the config file.
	AllowRetired bool `yaml:"-"`

	// File is the config file's name for messages ("" for the embedded default).
	File string `yaml:"-"`
	pos  map[string]int
}

// Organisation is who issues the documents.
type Organisation struct {
	Name       string            `yaml:"name"`
	Department string            `yaml:"department"`
	Location   string            `yaml:"location"`
	Logo       string            `yaml:"logo"` // path to a PNG or JPEG
	Website    string            `yaml:"website"`
	About      string            `yaml:"about"`   // advert "about us"
	Offer      []string          `yaml:"offer"`   // advert "what we offer"
	Apply      string            `yaml:"apply"`   // advert "how to apply"
	Clauses    map[string]string `yaml:"clauses"` // JD standard clauses by heading
}

// Rung is one level of the organisation's own ladder.
type Rung struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
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
	Reference      string   `yaml:"reference"`
	Band           string   `yaml:"band"`
	Salary         string   `yaml:"salary"`
	SalaryMin      float64  `yaml:"salaryMin"`
	SalaryMax      float64  `yaml:"salaryMax"`
	Hours          string   `yaml:"hours"`
	Contract       string   `yaml:"contract"`       // e.g. Permanent
	EmploymentType string   `yaml:"employmentType"` // schema.org value, e.g. FULL_TIME
	Location       string   `yaml:"location"`
	Posted         string   `yaml:"posted"`  // YYYY-MM-DD
	Closing        string   `yaml:"closing"` // YYYY-MM-DD
	ReportsTo      string   `yaml:"reportsTo"`
	Contact        string   `yaml:"contact"`
	Panel          []string `yaml:"panel"`
	Version        string   `yaml:"version"`
}

// PDPConfig says whose development plan it is and between which levels.
type PDPConfig struct {
	Person     string   `yaml:"person"`
	Manager    string   `yaml:"manager"`
	Role       string   `yaml:"role"` // current role (default: the run's role)
	From       string   `yaml:"from"` // current rung
	TargetRole string   `yaml:"targetRole"`
	To         string   `yaml:"to"` // target rung
	Period     string   `yaml:"period"`
	Reviews    []string `yaml:"reviews"`
}

// PersonSpecConfig sets how person-specification criteria are marked.
type PersonSpecConfig struct {
	// Assessment per criterion group (qualifications, experience,
	// knowledge, skills, behaviours, leadership, other).
	Assessment map[string][]string `yaml:"assessment"`
	// Other criteria every role asks for (essential, assessed at application).
	Other []string `yaml:"other"`
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
	Score int    `yaml:"score"`
	Label string `yaml:"label"`
	Means string `yaml:"means"`
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// LoadConfig decodes a config file strictly: a syntax error or an unknown
// key is a one-line error with the file and line.
func LoadConfig(file string, data []byte) (*Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(file, err)
	}
	c := &Config{File: file, pos: map[string]int{}}
	if len(root.Content) == 0 {
		return c, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil {
		return nil, yamlError(file, err)
	}
	index(root.Content[0], "", c.pos)
	return c, nil
}

func yamlError(file string, err error) error {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n")
	msg = strings.TrimSpace(msg)
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
		if m[1] != "" {
			return fmt.Errorf("%s:%s: %s", file, m[1], oneLine(msg))
		}
	}
	if m := regexp.MustCompile(`^line (\d+): `).FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s:%s: %s", file, m[1], oneLine(msg[len(m[0]):]))
	}
	return fmt.Errorf("%s: %s", file, oneLine(msg))
}

// index records the line of every mapping key and sequence item by its
// dotted path (e.g. "roles.data-engineer.sources.1.levels").
func index(n *yaml.Node, path string, pos map[string]int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			p := join(path, n.Content[i].Value)
			pos[p] = n.Content[i].Line
			index(n.Content[i+1], p, pos)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := join(path, strconv.Itoa(i))
			pos[p] = c.Line
			index(c, p, pos)
		}
	}
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// At returns "file:line" for a config path such as ("roles", "x",
// "sources", 1), falling back to the nearest enclosing key that has a line.
func (c *Config) At(path ...any) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = fmt.Sprint(p)
	}
	file := c.File
	if file == "" {
		file = "config"
	}
	for k := len(parts); k > 0; k-- {
		if l, ok := c.pos[strings.Join(parts[:k], ".")]; ok {
			return framework.Position(file, l)
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

// oneLine folds white space, so a multi-line message reads as one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

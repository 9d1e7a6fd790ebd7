// Package framework holds the canonical competency-framework model, the
// importers that read real framework documents into it, and validation.
// It knows nothing about documents or output formats.
package framework

// Framework is one competency framework in canonical form: the roles it
// defines (DDaT, NCF/FEDIP profiles) and the skill catalogues it holds
// (skills matrices).
type Framework struct {
	ID         string      `yaml:"id" json:"id"`
	Name       string      `yaml:"name" json:"name"`
	Version    string      `yaml:"version,omitempty" json:"version,omitempty"`
	Format     string      `yaml:"format,omitempty" json:"format,omitempty"` // source family: ddat, profile, matrix or canonical
	Source     Source      `yaml:"source" json:"source"`
	Levels     []Level     `yaml:"levels,omitempty" json:"levels,omitempty"`
	Roles      []Role      `yaml:"roles,omitempty" json:"roles,omitempty"`
	Catalogues []Catalogue `yaml:"catalogues,omitempty" json:"catalogues,omitempty"`
}

// Source names where a framework's text comes from and under what licence.
type Source struct {
	Title     string   `yaml:"title,omitempty" json:"title,omitempty"`
	Publisher string   `yaml:"publisher,omitempty" json:"publisher,omitempty"`
	URL       string   `yaml:"url,omitempty" json:"url,omitempty"`
	Licence   string   `yaml:"licence,omitempty" json:"licence,omitempty"`
	Files     []string `yaml:"files,omitempty" json:"files,omitempty"`
}

// Level is one rung of a framework's level scale (e.g. matrix "Mid Level",
// DDaT "Head of data engineering", NCF "Level 5"). Rank orders rungs,
// lowest first.
type Level struct {
	ID    string `yaml:"id" json:"id"`
	Label string `yaml:"label" json:"label"`
	Rank  int    `yaml:"rank,omitempty" json:"rank,omitempty"`
}

// Role is a job role of a framework with its role levels.
type Role struct {
	ID          string      `yaml:"id" json:"id"`
	Title       string      `yaml:"title" json:"title"`
	Family      string      `yaml:"family,omitempty" json:"family,omitempty"` // DDaT profession, NCF job family
	Description []string    `yaml:"description,omitempty" json:"description,omitempty"`
	Duties      []string    `yaml:"duties,omitempty" json:"duties,omitempty"` // "In this role, you will:"
	Body        string      `yaml:"body,omitempty" json:"body,omitempty"`     // professional body responsible for the job family
	References  []string    `yaml:"references,omitempty" json:"references,omitempty"`
	Notes       []string    `yaml:"notes,omitempty" json:"notes,omitempty"`
	Levels      []RoleLevel `yaml:"levels" json:"levels"`
	From        string      `yaml:"from,omitempty" json:"from,omitempty"` // file:line it was read from
}

// RoleLevel is one level of a role: its summary, the "at this role level you
// will" responsibilities and the entries (skills, behaviours, …) that apply.
type RoleLevel struct {
	ID               string   `yaml:"id" json:"id"`
	Title            string   `yaml:"title" json:"title"`
	Summary          []string `yaml:"summary,omitempty" json:"summary,omitempty"`
	Responsibilities []string `yaml:"responsibilities,omitempty" json:"responsibilities,omitempty"`
	Notes            []string `yaml:"notes,omitempty" json:"notes,omitempty"`
	Retired          bool     `yaml:"retired,omitempty" json:"retired,omitempty"` // DDaT "NOT IN USE"
	Entries          []Entry  `yaml:"entries,omitempty" json:"entries,omitempty"`
	From             string   `yaml:"from,omitempty" json:"from,omitempty"`
}

// Kind is what an entry is: a skill, a behaviour, a training course, ….
type Kind string

// The entry kinds the importers produce. Unknown profile sections keep their
// rows as KindOther with the section name as the group.
const (
	KindSkill         Kind = "skill"
	KindKnowledge     Kind = "knowledge" // profile technical/other skills with a depth
	KindBehaviour     Kind = "behaviour"
	KindLeadership    Kind = "leadership"
	KindTraining      Kind = "training"
	KindDevelopment   Kind = "development" // professional development activity (PDA)
	KindQualification Kind = "qualification"
	KindWorkActivity  Kind = "work-activity"
	KindProjectSkill  Kind = "project-skill"
	KindOther         Kind = "other"
)

// Kinds lists every known entry kind in document order.
var Kinds = []Kind{KindWorkActivity, KindSkill, KindKnowledge, KindProjectSkill, KindBehaviour, KindLeadership, KindQualification, KindTraining, KindDevelopment, KindOther}

// Entry is one line of competence: a skill with its descriptors at a level,
// a behaviour, a training course, a qualification ….
type Entry struct {
	Kind        Kind     `yaml:"kind" json:"kind"`
	Group       string   `yaml:"group,omitempty" json:"group,omitempty"` // section or category it came from
	Title       string   `yaml:"title" json:"title"`
	Code        string   `yaml:"code,omitempty" json:"code,omitempty"`   // e.g. B1.1, WP3.2, AIDE
	Level       string   `yaml:"level,omitempty" json:"level,omitempty"` // label as written, e.g. "Level Five"
	LevelNumber int      `yaml:"levelNumber,omitempty" json:"levelNumber,omitempty"`
	Depth       string   `yaml:"depth,omitempty" json:"depth,omitempty"` // e.g. "Expert in"
	Descriptors []string `yaml:"descriptors,omitempty" json:"descriptors,omitempty"`
	// Attributes holds further named columns (e.g. "PDA Group", "Awarding Bodies").
	Attributes map[string]string `yaml:"attributes,omitempty" json:"attributes,omitempty"`
	From       string            `yaml:"from,omitempty" json:"from,omitempty"`
}

// Catalogue is a skills matrix domain: categories of skills, each skill with
// descriptors per level of the catalogue's scale.
type Catalogue struct {
	ID         string     `yaml:"id" json:"id"`
	Title      string     `yaml:"title" json:"title"`
	Levels     []Level    `yaml:"levels,omitempty" json:"levels,omitempty"`
	Categories []Category `yaml:"categories" json:"categories"`
	From       string     `yaml:"from,omitempty" json:"from,omitempty"`
}

// Category groups the skills of a catalogue (a matrix "## " heading).
type Category struct {
	Title  string  `yaml:"title" json:"title"`
	Skills []Skill `yaml:"skills" json:"skills"`
	From   string  `yaml:"from,omitempty" json:"from,omitempty"`
}

// Skill is one catalogue skill with what it means at each level.
type Skill struct {
	Title       string       `yaml:"title" json:"title"`
	Code        string       `yaml:"code,omitempty" json:"code,omitempty"`               // e.g. "DM1", a spreadsheet's code column
	Kind        Kind         `yaml:"kind,omitempty" json:"kind,omitempty"`               // "" means skill
	Description string       `yaml:"description,omitempty" json:"description,omitempty"` // what the skill is, at any level
	Levels      []SkillLevel `yaml:"levels" json:"levels"`
	From        string       `yaml:"from,omitempty" json:"from,omitempty"`
}

// SkillLevel is a skill's descriptors at one level of the catalogue scale.
type SkillLevel struct {
	Level       string   `yaml:"level" json:"level"` // a Level.ID of the catalogue
	Descriptors []string `yaml:"descriptors" json:"descriptors"`
	From        string   `yaml:"from,omitempty" json:"from,omitempty"`
}

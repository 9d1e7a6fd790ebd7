package compose

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rolepack/rolepack/compose/jobposting"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/i18n"
)

// SchemaVersion is the version of the Context's shape, as `show --json`
// prints it: it goes up when a field is renamed or removed or changes
// meaning (adding a field keeps it).
const SchemaVersion = 1

// Context is the data every template receives. `rolepack show --json`
// prints exactly this (see docs/templates.md for every field).
type Context struct {
	// SchemaVersion is the version of this data's shape (SchemaVersion):
	// `show --json` consumers check it.
	SchemaVersion int `json:"schemaVersion"`

	Kind         string              `json:"kind"`      // document kind id, e.g. "jd"
	KindTitle    string              `json:"kindTitle"` // e.g. "Job description"
	Date         string              `json:"date"`      // document date, YYYY-MM-DD
	DateLong     string              `json:"dateLong"`  // e.g. "21 November 2026"
	Language     string              `json:"language"`
	Organisation config.Organisation `json:"organisation"`
	Vacancy      config.Vacancy      `json:"vacancy"`
	Role         *Composed           `json:"role"`
	Title        string              `json:"title"`    // the job title at this level (see Composed.JobTitle)
	Selected     *Selection          `json:"selected"` // what the candidate-facing documents carry
	Spec         []Criterion         `json:"spec"`
	IncludeSpec  bool                `json:"includeSpec"` // jd.includeSpec: the JD appends the person specification
	Control      string              `json:"control"`     // document-control line: version, date, owner
	Blanks       []Blank             `json:"blanks"`      // vacancy facts the organisation has still to give
	Warnings     []string            `json:"warnings"`    // what the user should know about this run
	Scale        Scale               `json:"scale"`
	PDP          Document            `json:"pdp,omitempty"` // the development plan (package plan's *plan.Plan), for the plan kinds
	Provenance   string              `json:"provenance"`    // one line naming frameworks, versions, role, level and date
	Footer       string              `json:"footer"`        // short provenance for running footers

	// Ladder is the career map, the role at every rung (package
	// careermap's *careermap.Ladder): set by careermap.With for the kinds
	// that need it.
	Ladder Document `json:"ladder,omitempty"`
	source *Source  // what NewContext composed, for plans and career maps

	// Untranslated lists the framework strings the candidate-facing
	// documents give in English because the run's language is another
	// and they have no translation (empty in English): the record lists
	// them, and generate warns once with their count.
	Untranslated []string `json:"untranslated,omitempty"`
	// Also is the same context in a bilingual run's second language (nil
	// in one language): documents render from both and combine the two by
	// Layout (doc.Bilingual).
	Also *Context `json:"also,omitempty"`
	// Layout is a bilingual run's layout: columns, blocks or sequential.
	Layout string `json:"layout,omitempty"`
	// msgs is the message catalogue of Language (see Messages).
	msgs *i18n.Catalogue
	// clauseOrder is the headings of the default clauses worded in
	// another language than English, in the order of their English
	// headings (see Terms); nil otherwise.
	clauseOrder []string
	// ownClauses says the clauses are the organisation's (translated
	// through its translations), not the default ones (the catalogue's);
	// clauses holds them while they are translated (translate.go).
	ownClauses bool
	clauses    [][2]string
	translated int      // how many units a translation gave (translate.go)
	english    *Context // the framework and config text before translation, for InEnglish
}

// A Document is a document built above compose from a context and carried
// by it for the templates: the development plan (package plan) and the
// career map (package careermap). compose reads only the running footer
// and provenance line that name the document's levels.
type Document interface {
	Footer() string
	Provenance() string
}

// Source is what NewContext composed a context from, kept so that the
// documents built from a context (a development plan, a career map)
// compose the levels they need on demand, as the context's own role was
// composed.
type Source struct {
	Config      *config.Config
	Library     *Library
	Role, Level string
	Date        time.Time
	compose     composeFunc
}

// Compose composes role at ladder rung (or framework level) level from the
// source's config and library, as the context's role was: through the
// Composer that prepared it, when one did, so a batch composes each role
// and level once.
func (s *Source) Compose(role, level string) (*Composed, error) {
	return s.compose(s.Config, s.Library, role, level)
}

// SourceOf returns what c was composed from, or nil when NewContext (or
// Prepared.Context) did not make c. It is a function, not a method, so
// that templates cannot reach it.
func SourceOf(c *Context) *Source { return c.source }

// Blank is a fact the organisation must give before a document is
// published (salary, closing date, band, reference).
type Blank struct {
	Key   string `json:"key"`   // config key, e.g. "vacancy.salary"
	Label string `json:"label"` // e.g. "salary"
}

// Criterion is one person-specification criterion.
type Criterion struct {
	ID         string   `json:"id"`              // stable id, e.g. "S3", reused by the scoring sheet
	Group      string   `json:"group"`           // Qualifications, Experience, Knowledge, Skills, Behaviours, Leadership, Other
	Label      string   `json:"label,omitempty"` // short name, e.g. the behaviour's title
	Text       string   `json:"text"`            // the criterion as one sentence: "Experience of …", "Ability to …", "Knowledge of …"
	Detail     string   `json:"detail,omitempty"`
	Essential  bool     `json:"essential"`
	Assessment []string `json:"assessment"`         // Application, Interview, Test, Presentation
	Scored     bool     `json:"scored"`             // on the interview scoring sheet
	Question   string   `json:"question,omitempty"` // suggested interview question (scored criteria)
	Weight     int      `json:"weight"`             // score multiplier on the scoring sheet (1 unless scoring.weights says)
	source     string   // the descriptor or level line the criterion was worded from, for its question
	from       string   // the id of what it was worded from, for its translation units (translate.go)
	headless   bool     // printed with no heading whatever its label (its English restated the label)
	group      string   // the group key while the specification is built
}

// AtInterview reports whether the criterion is assessed at interview.
func (c Criterion) AtInterview() bool {
	for _, a := range c.Assessment {
		if strings.EqualFold(a, "interview") {
			return true
		}
	}
	return false
}

// Scale is an interview score scale.
type Scale struct {
	// Name is the scale as the sheet names it: "Civil Service Success
	// Profiles (1–7)" only for a sheet that scores behaviours on it.
	Name    string               `json:"name"`
	Min     int                  `json:"min"`
	Max     int                  `json:"max"`
	Anchors []config.ScoreAnchor `json:"anchors"`
}

// specGroup is one group of criteria: its name, id letter and defaults.
type specGroup struct {
	name, letter, key string
	assess            []string
}

var specGroups = []specGroup{
	{"Qualifications", "Q", "qualifications", []string{"Application"}},
	{"Experience", "E", "experience", []string{"Application", "Interview"}},
	{"Knowledge", "K", "knowledge", []string{"Application", "Interview"}},
	{"Skills", "S", "skills", []string{"Application", "Interview"}},
	{"Behaviours", "B", "behaviours", []string{"Interview"}},
	{"Leadership", "L", "leadership", []string{"Application"}},
	{"Other", "O", "other", []string{"Application"}},
}

// ScoreScale returns the configured interview score scale for a sheet
// that scores behaviours or not. civil-service (the default) is the Civil
// Service Success Profiles behaviour scale, with its labels (1
// Insufficient evidence to 7 Outstanding demonstration), on a sheet that
// scores behaviours; a sheet that scores none gets a plain 1–7 scale
// whose name and labels claim no scheme.
func ScoreScale(cfg config.ScoringConfig, behaviours bool) (Scale, error) {
	switch strings.ToLower(cfg.Scale) {
	case "", "civil-service", "civil-service-1-7":
		if !behaviours {
			return Scale{Name: "1–7", Min: 1, Max: 7, Anchors: []config.ScoreAnchor{
				{Score: 7, Label: "Outstanding", Means: "Meets the criterion in full, with strong, specific evidence well beyond it"},
				{Score: 6, Label: "Strong", Means: "Meets the criterion in full, with some evidence beyond it"},
				{Score: 5, Label: "Good", Means: "Meets the criterion in full"},
				{Score: 4, Label: "Acceptable", Means: "Meets most of the criterion; minor gaps"},
				{Score: 3, Label: "Moderate", Means: "Meets some of the criterion; clear gaps"},
				{Score: 2, Label: "Limited", Means: "Little evidence against the criterion"},
				{Score: 1, Label: "No evidence", Means: "No evidence against the criterion"},
			}}, nil
		}
		return Scale{Name: "Civil Service Success Profiles (1–7)", Min: 1, Max: 7, Anchors: []config.ScoreAnchor{
			{Score: 7, Label: "Outstanding demonstration", Means: "Strong, specific evidence throughout, well beyond what the criterion asks at this level"},
			{Score: 6, Label: "Strong demonstration", Means: "Evidence of the criterion in full, with some beyond it"},
			{Score: 5, Label: "Acceptable demonstration", Means: "Evidence of the criterion in full, at the level the role asks for"},
			{Score: 4, Label: "Moderate demonstration", Means: "Evidence of most of the criterion; some gaps"},
			{Score: 3, Label: "Minimal demonstration", Means: "Evidence of some of the criterion; clear gaps"},
			{Score: 2, Label: "Limited demonstration", Means: "A little evidence of the criterion; large gaps"},
			{Score: 1, Label: "Insufficient evidence", Means: "Too little evidence to judge the criterion"},
		}}, nil
	case "0-4":
		return Scale{Name: "0–4", Min: 0, Max: 4, Anchors: []config.ScoreAnchor{
			{Score: 4, Label: "Excellent", Means: "Fully meets the criterion with strong, specific evidence"},
			{Score: 3, Label: "Good", Means: "Meets the criterion"},
			{Score: 2, Label: "Satisfactory", Means: "Partly meets the criterion"},
			{Score: 1, Label: "Weak", Means: "Little evidence against the criterion"},
			{Score: 0, Label: "No evidence", Means: "Criterion not demonstrated"},
		}}, nil
	case "custom":
		if len(cfg.Anchors) == 0 {
			return Scale{}, fmt.Errorf("scoring scale custom needs anchors")
		}
		a := append([]config.ScoreAnchor(nil), cfg.Anchors...)
		sort.Slice(a, func(i, j int) bool { return a[i].Score > a[j].Score })
		return Scale{Name: "Custom", Min: a[len(a)-1].Score, Max: a[0].Score, Anchors: a}, nil
	}
	return Scale{}, fmt.Errorf("unknown scoring scale %q (known: civil-service, 0-4, custom)", cfg.Scale)
}

// UniqueSources drops repeats (a PDP names a source at both levels only
// when the level differs).
func UniqueSources(in []SourceRef) []SourceRef {
	var out []SourceRef
	seen := map[SourceRef]bool{}
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// FooterLine is the running footer of a plan or career map: what it is
// about and its date, with no machine trail (provenance is in the record).
func FooterLine(c *Composed, date time.Time) string {
	return fmt.Sprintf("%s · %s · %s", c.Title, c.Rung.Label, date.Format("2 January 2006"))
}

// ProvenanceLine names where a document's content came from.
func ProvenanceLine(c *Composed, date time.Time) string {
	var parts []string
	for _, s := range UniqueSources(c.Sources) {
		p := s.Name
		if s.Version != "" {
			p += " " + s.Version
		}
		lvl := s.LevelName
		if s.Role != "" {
			p += fmt.Sprintf(" (%s, %s)", s.Role, lvl)
		} else {
			p += fmt.Sprintf(" (%s, %s)", s.Catalogue, lvl)
		}
		parts = append(parts, p)
	}
	src := strings.Join(parts, "; ")
	if src == "" {
		src = "organisation entries only"
	}
	return fmt.Sprintf("Generated by rolepack on %s for %s at %s from %s.", date.Format("2 January 2006"), c.ID, c.Rung.Label, src)
}

// JobPosting gathers what the advert's JSON-LD needs from the vacancy and
// the organisation (package jobposting).
func (c *Context) JobPosting() jobposting.Posting {
	return jobposting.New(c.Vacancy, c.Organisation)
}

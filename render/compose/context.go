package compose

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Context is the data every template receives. `rolepack show --json`
// prints exactly this (see docs/templates.md for every field).
type Context struct {
	Kind         string       `json:"kind"`      // document kind id, e.g. "jd"
	KindTitle    string       `json:"kindTitle"` // e.g. "Job description"
	Date         string       `json:"date"`      // document date, YYYY-MM-DD
	DateLong     string       `json:"dateLong"`  // e.g. "21 November 2026"
	Language     string       `json:"language"`
	Organisation Organisation `json:"organisation"`
	Vacancy      Vacancy      `json:"vacancy"`
	Role         *Composed    `json:"role"`
	Spec         []Criterion  `json:"personSpec"`
	Scale        Scale        `json:"scoringScale"`
	PDP          *Plan        `json:"pdp,omitempty"`
	Provenance   string       `json:"provenance"` // one line naming frameworks, versions, role, level and date
	Footer       string       `json:"footer"`     // short provenance for running footers

	// Ladder is the career map, the role at every rung: set by WithLadder
	// for the kinds that need it.
	Ladder *Ladder        `json:"ladder,omitempty"`
	source *contextSource // what NewContext composed, for WithLadder
}

// Criterion is one person-specification criterion.
type Criterion struct {
	ID         string   `json:"id"`    // stable id, e.g. "S3", reused by the scoring sheet
	Group      string   `json:"group"` // Qualifications, Experience, Knowledge, Skills, Behaviours, Leadership, Other
	Text       string   `json:"text"`
	Detail     string   `json:"detail,omitempty"`
	Essential  bool     `json:"essential"`
	Assessment []string `json:"assessment"` // Application, Interview, Test, Presentation
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
	Name    string        `json:"name"`
	Min     int           `json:"min"`
	Max     int           `json:"max"`
	Anchors []ScoreAnchor `json:"anchors"`
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

// groupOfKind says which person-specification group an entry kind feeds.
var groupOfKind = map[string]string{
	"qualification": "qualifications", "knowledge": "knowledge", "skill": "skills",
	"project-skill": "skills", "work-activity": "experience", "behaviour": "behaviours",
	"leadership": "leadership",
}

// PersonSpec derives the person-specification criteria of a composed role.
// Criterion ids are the group letter and a 1-based index, stable for the
// same inputs.
func PersonSpec(c *Composed, cfg PersonSpecConfig) []Criterion {
	desirableDepth := map[string]bool{"familiar with": true}
	if len(cfg.DesirableDepths) > 0 {
		desirableDepth = map[string]bool{}
		for _, d := range cfg.DesirableDepths {
			desirableDepth[strings.ToLower(d)] = true
		}
	}
	desirableKind := map[string]bool{"project-skill": true}
	if cfg.DesirableKinds != nil {
		desirableKind = map[string]bool{}
		for _, k := range cfg.DesirableKinds {
			desirableKind[k] = true
		}
	}
	byGroup := map[string][]Criterion{}
	for _, e := range c.Experience {
		byGroup["experience"] = append(byGroup["experience"], Criterion{Text: e, Essential: true})
	}
	if len(c.Experience) == 0 {
		for _, r := range c.Responsibilities {
			byGroup["experience"] = append(byGroup["experience"], Criterion{Text: "Experience that shows you can " + r, Essential: true})
		}
	}
	limit := cfg.ClusterOver
	if limit == 0 {
		limit = 8
	}
	clustered := map[string]bool{}
	for _, kind := range []string{"behaviour", "leadership"} {
		items := c.Kind(kind)
		if limit < 0 || len(items) <= limit {
			continue
		}
		g := groupOfKind[kind]
		for _, cl := range clusters(items) {
			byGroup[g] = append(byGroup[g], cl)
		}
		clustered[kind] = true
	}
	for _, it := range c.Items {
		g, ok := groupOfKind[it.Kind]
		if !ok || clustered[it.Kind] {
			continue
		}
		cr := Criterion{Text: it.Title, Essential: !desirableKind[it.Kind]}
		if it.Depth != "" {
			cr.Text = it.Depth + " " + it.Title
			cr.Essential = cr.Essential && !desirableDepth[strings.ToLower(it.Depth)]
		}
		if it.Essential != nil {
			cr.Essential = *it.Essential
		}
		if len(it.Descriptors) > 0 {
			cr.Detail = it.Descriptors[0]
		}
		byGroup[g] = append(byGroup[g], cr)
	}
	for _, o := range cfg.Other {
		byGroup["other"] = append(byGroup["other"], Criterion{Text: o, Essential: true})
	}
	var out []Criterion
	for _, g := range specGroups {
		assess := g.assess
		if a, ok := cfg.Assessment[g.key]; ok {
			assess = a
		}
		for i, cr := range byGroup[g.key] {
			cr.ID = fmt.Sprintf("%s%d", g.letter, i+1)
			cr.Group = g.name
			cr.Assessment = assess
			out = append(out, cr)
		}
	}
	return out
}

var codeFamily = regexp.MustCompile(`^([A-Za-z]+\d+)\.`)

// clusters folds a long list of behaviours or leadership expectations into
// one criterion per code family (B1.1–B1.7 → "B1") or, without codes, per
// level, so that a person specification stays a list a panel can assess.
func clusters(items []*Item) []Criterion {
	type cluster struct {
		key, label string
		titles     []string
		essential  bool
	}
	var out []*cluster
	idx := map[string]*cluster{}
	for _, it := range items {
		key, label := "", ""
		if m := codeFamily.FindStringSubmatch(it.Code); m != nil {
			key, label = "code:"+m[1], m[1]
		} else if it.Level != "" {
			key, label = "level:"+it.Level, it.Level
		}
		cl, ok := idx[key]
		if !ok {
			cl = &cluster{key: key, label: label, essential: true}
			idx[key] = cl
			out = append(out, cl)
		}
		cl.titles = append(cl.titles, it.Title)
		if it.Essential != nil && !*it.Essential {
			cl.essential = false
		}
	}
	crs := make([]Criterion, 0, len(out))
	for _, cl := range out {
		text := map[string]string{"behaviour": "Behaviours", "leadership": "Leadership"}[items[0].Kind]
		if cl.label != "" {
			text += " " + cl.label
		}
		crs = append(crs, Criterion{Text: text + ": " + strings.Join(cl.titles, ", "), Essential: cl.essential})
	}
	return crs
}

// ScoreScale returns the configured interview score scale.
func ScoreScale(cfg ScoringConfig) (Scale, error) {
	switch strings.ToLower(cfg.Scale) {
	case "", "civil-service", "civil-service-1-7":
		return Scale{Name: "Civil Service success profiles (1–7)", Min: 1, Max: 7, Anchors: []ScoreAnchor{
			{7, "Outstanding", "Exceeds the criterion in every respect; strong, specific evidence throughout"},
			{6, "Strong", "Meets the criterion in full with some evidence beyond it"},
			{5, "Good", "Meets the criterion in full"},
			{4, "Acceptable", "Meets most of the criterion; minor gaps"},
			{3, "Moderate", "Meets some of the criterion; clear gaps"},
			{2, "Minimal", "Limited evidence against the criterion"},
			{1, "Not demonstrated", "No evidence against the criterion"},
		}}, nil
	case "0-4":
		return Scale{Name: "0–4", Min: 0, Max: 4, Anchors: []ScoreAnchor{
			{4, "Excellent", "Fully meets the criterion with strong, specific evidence"},
			{3, "Good", "Meets the criterion"},
			{2, "Satisfactory", "Partly meets the criterion"},
			{1, "Weak", "Little evidence against the criterion"},
			{0, "No evidence", "Criterion not demonstrated"},
		}}, nil
	case "custom":
		if len(cfg.Anchors) == 0 {
			return Scale{}, fmt.Errorf("scoring scale custom needs anchors")
		}
		a := append([]ScoreAnchor(nil), cfg.Anchors...)
		sort.Slice(a, func(i, j int) bool { return a[i].Score > a[j].Score })
		return Scale{Name: "Custom", Min: a[len(a)-1].Score, Max: a[0].Score, Anchors: a}, nil
	}
	return Scale{}, fmt.Errorf("unknown scoring scale %q (known: civil-service, 0-4, custom)", cfg.Scale)
}

// uniqueSources drops repeats (a PDP names a source at both levels only
// when the level differs).
func uniqueSources(in []SourceRef) []SourceRef {
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

// footerLine is the short provenance a running footer carries.
func footerLine(c *Composed, date time.Time) string {
	var ids []string
	for _, s := range c.Sources {
		ids = appendNew(ids, s.Framework)
	}
	src := strings.Join(ids, ", ")
	if src == "" {
		src = "organisation entries"
	}
	return fmt.Sprintf("%s · %s · from %s · rolepack, %s", c.Title, c.Rung.Label, src, date.Format("2 January 2006"))
}

// provenanceLine names where a document's content came from.
func provenanceLine(c *Composed, date time.Time) string {
	var parts []string
	for _, s := range uniqueSources(c.Sources) {
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

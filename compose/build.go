package compose

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/i18n"
)

// NewContext composes role at ladder rung level and derives everything the
// templates need: person specification, score scale, provenance (the
// development plan is package plan's Add, the career map package
// careermap's With). It is Prepare followed by Prepared.Context; a batch of
// vacancies shares one Prepared per role and level (Composer).
func NewContext(cfg *config.Config, lib *Library, role, level string, date time.Time) (*Context, error) {
	if cfg.Language.Bilingual() {
		return newBilingual(cfg, lib, role, level, date)
	}
	p, err := Prepare(cfg, lib, role, level)
	if err != nil {
		return nil, err
	}
	return p.Context(cfg, lib, date)
}

// Prepared is the part of a context that depends only on the config (its
// vacancy and PDP aside), the library, the role and the level: the
// composed role, the selection, the person specification, the score scale
// and the organisation with its clauses. It is never changed once built,
// so many vacancies' contexts can share it, on any number of goroutines.
type Prepared struct {
	role, level string
	composed    *Composed
	scale       Scale
	selected    *Selection
	spec        []Criterion
	org         config.Organisation
	lang        string
	compose     composeFunc // what composed it, for the plan's two levels
	cat         *catalogueOnce
}

// catalogueOnce is a Prepared's message catalogue, loaded by the first
// vacancy's Context and shared by the rest (they are in p.lang, with the
// config's messages): loaded for every vacancy it was a twelfth of what a
// batch of Markdown packs allocated.
type catalogueOnce struct {
	once sync.Once
	cat  *i18n.Catalogue
	err  error
}

// catalogue is p's language's catalogue with cfg's messages over it.
func (p *Prepared) catalogue(cfg *config.Config) (*i18n.Catalogue, error) {
	p.cat.once.Do(func() { p.cat.cat, p.cat.err = i18n.Load(p.lang, cfg.Messages) })
	return p.cat.cat, p.cat.err
}

// Prepare composes role at ladder rung level and derives what every
// vacancy of that role and level shares (see Prepared). Its errors are
// NewContext's, before any about the vacancy or the plan.
func Prepare(cfg *config.Config, lib *Library, role, level string) (*Prepared, error) {
	return prepare(cfg, lib, role, level, Compose)
}

// composeFunc composes a role at a level: Compose, or a Composer's memo
// of it.
type composeFunc func(cfg *config.Config, lib *Library, role, level string) (*Composed, error)

func prepare(cfg *config.Config, lib *Library, role, level string, compose composeFunc) (*Prepared, error) {
	c, err := compose(cfg, lib, role, level)
	if err != nil {
		return nil, err
	}
	if _, err := ScoreScale(cfg.Scoring, false); err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.At("scoring", "scale"), err)
	}
	if c.Retired && !cfg.AllowRetired {
		return nil, fmt.Errorf("%s: %s at %q is a level its framework marks as no longer in use: choose another level, or use --allow-retired", cfg.At("level"), c.ID, level)
	}
	lang := cfg.Language.First()
	if lang == "" {
		lang = "en-GB"
	}
	def := cfg.Roles[role]
	rules := selectionFor(def, level)
	fromKey := false
	if len(rules.Behaviours) == 0 && len(c.behaviourNames) > 0 && len(c.behaviourNames) == len(c.Kind("behaviour")) {
		// The behaviours a behaviours key named are the role's, and the
		// ones its documents carry.
		rules.Behaviours, fromKey = c.behaviourNames, true
	}
	sel := Select(c, rules, def.Purpose)
	if fromKey {
		for i := range sel.Decisions {
			if d := &sel.Decisions[i]; d.Why == "named in select.behaviours" {
				d.Why = "named in behaviours.select"
			}
		}
	}
	count := func() int { return len(PersonSpec(sel, def, cfg.PersonSpec, cfg.Scoring)) }
	sel.fit(c, count, len(rules.Essential) > 0 || len(rules.Desirable) > 0)
	org := cfg.Organisation
	if org.Clauses == nil {
		org.Clauses = DefaultClauses(sel.NHS)
	}
	spec := PersonSpec(sel, def, cfg.PersonSpec, cfg.Scoring)
	scale, err := ScoreScale(cfg.Scoring, scoresBehaviours(spec))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.At("scoring", "scale"), err)
	}
	return &Prepared{role: role, level: level, composed: c, scale: scale, selected: sel, cat: &catalogueOnce{},
		spec: spec, org: org, lang: lang, compose: compose}, nil
}

// scoresBehaviours reports whether the scoring sheet scores a behaviour.
func scoresBehaviours(spec []Criterion) bool {
	for _, cr := range spec {
		if cr.Group == "Behaviours" && cr.Scored {
			return true
		}
	}
	return false
}

// Context makes one vacancy's context from p: cfg is the config p was
// prepared from, with this vacancy's Vacancy (and, for a plan, PDP); the
// rest of cfg must be as it was. Vacancy defaults (reports to, location),
// dates, blanks, warnings and the control line are the vacancy's own (and
// the development plan, which package plan adds from cfg.PDP); the
// composed role, selection and person specification are p's, shared.
func (p *Prepared) Context(cfg *config.Config, lib *Library, date time.Time) (*Context, error) {
	c := p.composed
	vac := cfg.Vacancy
	if vac.ReportsTo == "" {
		vac.ReportsTo = c.ReportsTo
	}
	if vac.Location == "" {
		vac.Location = cfg.Organisation.Location
	}
	ctx := &Context{
		SchemaVersion: SchemaVersion,
		Date:          date.Format("2006-01-02"), DateLong: date.Format("2 January 2006"), Language: p.lang,
		Organisation: p.org, Vacancy: vac, Role: c, Scale: p.scale, Title: c.JobTitle, Selected: p.selected,
		Spec: withWelsh(p.spec, vac), IncludeSpec: cfg.JD.IncludeSpec,
		Blanks: Missing(vac), Provenance: ProvenanceLine(c, date), ownClauses: cfg.Organisation.Clauses != nil,
		source: &Source{Config: cfg, Library: lib, Role: p.role, Level: p.level, Date: date, compose: p.compose},
	}
	ctx.Control = controlLine(cfg, date)
	ctx.Footer = ctx.Title + " · " + ctx.Control
	if c.Retired {
		ctx.Warnings = append(ctx.Warnings, fmt.Sprintf("%s at %q is a level its framework marks as no longer in use", c.ID, p.level))
	}
	if w := exampleOrganisation(cfg.Organisation); w != "" {
		ctx.Warnings = append(ctx.Warnings, w)
	}
	for _, b := range ctx.Blanks {
		ctx.Warnings = append(ctx.Warnings, fmt.Sprintf("no %s: set %s (the documents show it as to be completed)", b.Label, b.Key))
	}
	if err := localise(ctx, cfg, date, p.selected.NHS, p.catalogue); err != nil {
		return nil, err
	}
	return ctx, nil
}

// Composer prepares each role and level once and shares the result (see
// Prepared) among the vacancies of one batch, which differ only in their
// Vacancy and PDP; a development plan's two levels are composed once too.
// It is safe for concurrent use; it keeps every role and level asked for,
// a handful in a batch, until it is dropped.
type Composer struct {
	cfg *config.Config
	lib *Library

	mu       sync.Mutex
	prepared map[[2]string]func() (*Prepared, error)
	composed map[[2]string]func() (*Composed, error)
}

// NewComposer returns a Composer for cfg (its vacancy and PDP aside) and
// lib, neither of which may change while it is in use.
func NewComposer(cfg *config.Config, lib *Library) *Composer {
	return &Composer{cfg: cfg, lib: lib,
		prepared: map[[2]string]func() (*Prepared, error){},
		composed: map[[2]string]func() (*Composed, error){}}
}

// Prepare returns role at level prepared, composing it on the first call
// for that role and level; later calls, and calls racing the first, get
// the same Prepared, or the same error.
func (m *Composer) Prepare(role, level string) (*Prepared, error) {
	return onceFor(m, m.prepared, role, level, func() (*Prepared, error) {
		return prepare(m.cfg, m.lib, role, level, m.compose)
	})
}

// compose is Compose once per role and level. cfg differs from m's only
// in its vacancy and PDP, which composing does not read.
func (m *Composer) compose(_ *config.Config, _ *Library, role, level string) (*Composed, error) {
	return onceFor(m, m.composed, role, level, func() (*Composed, error) {
		return Compose(m.cfg, m.lib, role, level)
	})
}

// onceFor returns memo's value for (role, level), made by build on the
// first call.
func onceFor[T any](m *Composer, memo map[[2]string]func() (T, error), role, level string, build func() (T, error)) (T, error) {
	key := [2]string{role, level}
	m.mu.Lock()
	once, ok := memo[key]
	if !ok {
		once = sync.OnceValues(build)
		memo[key] = once
	}
	m.mu.Unlock()
	return once()
}

// Len is how many roles and levels m has composed (or failed to): each
// only once however many contexts it prepared.
func (m *Composer) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.composed)
}

// For returns a copy of the context for one document kind. A kind that
// documents the development plan (plan set) carries the plan's footer and
// provenance, which name both of its levels.
func (c *Context) For(kind, title string, plan bool) *Context {
	cp := *c
	cp.Kind, cp.KindTitle = kind, title
	if plan && c.PDP != nil {
		cp.Footer, cp.Provenance = c.PDP.Footer(), c.PDP.Provenance()
	}
	return &cp
}

// Missing lists the vacancy facts the organisation has still to give:
// salary, closing date, band or grade, reference.
func Missing(v config.Vacancy) []Blank {
	var out []Blank
	if v.Salary == "" && v.SalaryMin == 0 && v.SalaryMax == 0 {
		out = append(out, Blank{"vacancy.salary", "salary"})
	}
	if v.Closing == "" {
		out = append(out, Blank{"vacancy.closing", "closing date"})
	}
	if v.Band == "" {
		out = append(out, Blank{"vacancy.band", "band or grade"})
	}
	if v.Reference == "" {
		out = append(out, Blank{"vacancy.reference", "reference"})
	}
	return out
}

// ExampleOrganisationName is the organisation of the embedded example
// configuration.
const ExampleOrganisationName = "Example Health Data Service"

// exampleOrganisation warns when the organisation is still the example
// one (its name or its example.org website), naming the keys whose values
// are still the example's: an organisation that has set its name but
// not its website, its "about us" or its offer is told just those.
func exampleOrganisation(o config.Organisation) string {
	if o.Name != ExampleOrganisationName && !strings.Contains(o.Website, "example.org") {
		return ""
	}
	ex := exampleOrg()
	var keys []string
	for _, f := range []struct {
		key   string
		still bool
	}{
		{"organisation.name", o.Name == ex.Name},
		{"organisation.department", o.Department == ex.Department},
		{"organisation.location", o.Location == ex.Location},
		{"organisation.website", o.Website == ex.Website || strings.Contains(o.Website, "example.org")},
		{"organisation.about", o.About == ex.About},
		{"organisation.offer", slices.Equal(o.Offer, ex.Offer)},
		{"organisation.apply", o.Apply == ex.Apply},
	} {
		if f.still {
			keys = append(keys, f.key)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	what := keys[0]
	if n := len(keys); n > 1 {
		what = strings.Join(keys[:n-1], ", ") + " and " + keys[n-1]
	}
	if o.Name != ex.Name {
		return "the organisation's details are partly the example's: set " + what
	}
	return "the organisation is the example one: set " + what
}

// exampleOrg is the embedded default config's organisation, read once.
var exampleOrg = sync.OnceValue(func() config.Organisation {
	c, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		return config.Organisation{Name: ExampleOrganisationName} // the embedded config is checked by its own tests
	}
	return c.Organisation
})

// controlLine is the document-control line: "Version 1.0 · 21 November
// 2026 · Owner: Data and Analytics, Example Health Data Service".
func controlLine(cfg *config.Config, date time.Time) string {
	v := cfg.Document.Version
	if v == "" {
		v = cfg.Vacancy.Version
	}
	if v == "" {
		v = "1.0"
	}
	owner := cfg.Document.Owner
	if owner == "" {
		var parts []string
		for _, p := range []string{cfg.Organisation.Department, cfg.Organisation.Name} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		owner = strings.Join(parts, ", ")
	}
	line := fmt.Sprintf("Version %s · %s", v, date.Format("2 January 2006"))
	if owner != "" {
		line += " · Owner: " + owner
	}
	return line
}

package compose

import (
	"fmt"
	"time"
)

// NewContext composes role at ladder rung level and derives everything the
// templates need: person specification, score scale, provenance. When
// withPlan is set it also builds the PDP from cfg.PDP (current rung
// pdp.from, default level; target rung pdp.to, default the next rung up).
func NewContext(cfg *Config, lib *Library, role, level string, date time.Time, withPlan bool) (*Context, error) {
	c, err := Compose(cfg, lib, role, level)
	if err != nil {
		return nil, err
	}
	scale, err := ScoreScale(cfg.Scoring)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.At("scoring", "scale"), err)
	}
	lang := cfg.Language
	if lang == "" {
		lang = "en-GB"
	}
	vac := cfg.Vacancy
	if vac.ReportsTo == "" {
		vac.ReportsTo = c.ReportsTo
	}
	if vac.Location == "" {
		vac.Location = cfg.Organisation.Location
	}
	org := cfg.Organisation
	if org.Clauses == nil {
		org.Clauses = DefaultClauses()
	}
	ctx := &Context{
		Date: date.Format("2006-01-02"), DateLong: date.Format("2 January 2006"), Language: lang,
		Organisation: org, Vacancy: vac, Role: c, Scale: scale,
		Spec: PersonSpec(c, cfg.PersonSpec), Provenance: provenanceLine(c, date), Footer: footerLine(c, date),
		source: &contextSource{cfg: cfg, lib: lib, role: role, level: level, date: date},
	}
	if withPlan {
		plan, err := buildPlan(cfg, lib, role, level)
		if err != nil {
			return nil, err
		}
		both := &Composed{ID: plan.Target.ID, Title: plan.Target.Title,
			Rung:    Rung{Label: plan.Current.Rung.Label + " to " + plan.Target.Rung.Label},
			Sources: append(append([]SourceRef(nil), plan.Current.Sources...), plan.Target.Sources...)}
		plan.footer, plan.provenance = footerLine(both, date), provenanceLine(both, date)
		ctx.PDP = plan
	}
	return ctx, nil
}

func buildPlan(cfg *Config, lib *Library, role, level string) (*Plan, error) {
	curRole, tgtRole := role, role
	if cfg.PDP.Role != "" {
		curRole, tgtRole = cfg.PDP.Role, cfg.PDP.Role
	}
	if cfg.PDP.TargetRole != "" {
		tgtRole = cfg.PDP.TargetRole
	}
	from, to := cfg.PDP.From, cfg.PDP.To
	if from == "" {
		from = level
	}
	if to == "" {
		ids := cfg.RungIDs()
		for i, id := range ids {
			if id == from && i+1 < len(ids) {
				to = ids[i+1]
			}
		}
		if to == "" {
			return nil, fmt.Errorf("%s: the PDP needs a target level above %q (set pdp.to)", cfg.At("pdp"), from)
		}
	}
	cur, err := Compose(cfg, lib, curRole, from)
	if err != nil {
		return nil, fmt.Errorf("%s: the PDP's current level (pdp.from %q): %w", cfg.At("pdp", "from"), from, err)
	}
	tgt, err := Compose(cfg, lib, tgtRole, to)
	if err != nil {
		return nil, fmt.Errorf("%s: the PDP's target level (pdp.to %q): %w", cfg.At("pdp", "to"), to, err)
	}
	return NewPlan(cfg, cur, tgt), nil
}

// For returns a copy of the context for one document kind. A kind that
// documents the development plan (plan set) carries the plan's footer and
// provenance, which name both of its levels.
func (c *Context) For(kind, title string, plan bool) *Context {
	cp := *c
	cp.Kind, cp.KindTitle = kind, title
	if plan && c.PDP != nil {
		cp.Footer, cp.Provenance = c.PDP.footer, c.PDP.provenance
	}
	return &cp
}

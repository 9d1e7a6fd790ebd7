package plan

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/wording"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/i18n"
)

// Add builds the development plan from the config's pdp settings into
// context c, composing its two levels from the config and library c was
// made from (compose.NewContext or Prepared.Context; a Composer's batch
// composes each role and level once): current role pdp.role (default the
// context's role) at pdp.from (default its level), target role
// pdp.targetRole (default the current role) at pdp.to (default the next
// level up). A bilingual context (Also set) gets the plan in each of its
// languages. A plan that cannot be built is an error for the plan alone:
// the context stays as it was, fit for the other documents.
func Add(ctx context.Context, c *compose.Context) error {
	if err := add(ctx, c); err != nil {
		return err
	}
	if c.Also != nil {
		// a bilingual run: the plan in the second language too
		return add(ctx, c.Also)
	}
	return nil
}

// add builds the plan of one language's context.
func add(ctx context.Context, c *compose.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("development plan: %w", err)
	}
	src := compose.SourceOf(c)
	if src == nil {
		return fmt.Errorf("the context was not made by NewContext: no plan to compose")
	}
	cfg, date := src.Config, src.Date
	plan, err := build(src)
	if err != nil {
		return err
	}
	if plan.Target.Retired && !cfg.AllowRetired {
		return fmt.Errorf("%s: the PDP's target level is one its framework marks as no longer in use: choose another (pdp.to), or use --allow-retired", cfg.At("pdp", "to"))
	}
	cat := c.Messages()
	joinFocus(plan, cat)
	if !cat.English() {
		// The plan's framework text in the run's language where the
		// config's translations have it; the rest stays English.
		plan = translatePlan(plan, cfg.Translated[cat.Lang()])
		if n := len(plan.untranslated); n > 0 {
			c.Warnings = append(c.Warnings, fmt.Sprintf("language %s: the development plan has %s with no translation; it gives %s in English and says so once (the record lists each)",
				c.Language, wording.Plural(n, "1 framework string", fmt.Sprintf("%d framework strings", n)), wording.Plural(n, "it", "them")))
		}
	}
	both := &compose.Composed{ID: plan.Target.ID, Title: plan.Current.Title,
		Rung:    config.Rung{Label: plan.Current.Rung.Label + " to " + plan.Target.Rung.Label},
		Sources: append(append([]compose.SourceRef(nil), plan.Current.Sources...), plan.Target.Sources...)}
	plan.footer, plan.provenance = compose.FooterLine(both, date), compose.ProvenanceLine(both, date)
	if !strings.EqualFold(plan.Current.Title, plan.Target.Title) || plan.Current.Rung.Label == plan.Current.Title {
		// a move between roles: "Data scientist to Lead data scientist"
		plan.footer = planFooter(plan, date)
	}
	if !cat.English() {
		localisePlan(plan, cat, date)
	}
	c.PDP = plan
	return nil
}

// joinFocus gives each action with a focus the catalogue's words joining
// its title to the focus ("Mentoring, to lead …"), in the focus's
// language: the run's catalogue in English, the English catalogue in
// another language, where an action with a focus is one whose English
// has no translation (translatePlan prints a translated one whole).
func joinFocus(p *Plan, cat *i18n.Catalogue) {
	en := cat
	if !cat.English() {
		en = i18n.English()
	}
	for _, a := range p.Actions {
		if a.Focus != "" {
			a.Join = en.T("pdp.action.to")
		}
	}
}

// Of returns the development plan context c carries, or nil.
func Of(c *compose.Context) *Plan {
	p, _ := c.PDP.(*Plan)
	return p
}

// Footer is the plan's running footer: what it is about (both levels) and
// its date.
func (p *Plan) Footer() string { return p.footer }

// Provenance names where the plan's content came from, at both levels.
func (p *Plan) Provenance() string { return p.provenance }

// planFooter is the running footer of a plan between two roles: the move
// and the date.
func planFooter(p *Plan, date time.Time) string {
	return fmt.Sprintf("%s to %s · %s", p.CurrentName, p.TargetName, date.Format("2 January 2006"))
}

// build composes the plan's two levels from src and compares them.
func build(src *compose.Source) (*Plan, error) {
	cfg, lib := src.Config, src.Library
	curRole, tgtRole := src.Role, src.Role
	if cfg.PDP.Role != "" {
		curRole, tgtRole = cfg.PDP.Role, cfg.PDP.Role
	}
	if cfg.PDP.TargetRole != "" {
		tgtRole = cfg.PDP.TargetRole
	}
	from, to := cfg.PDP.From, cfg.PDP.To
	if from == "" {
		from = src.Level
	}
	if from == "" {
		return nil, fmt.Errorf("%s: the PDP needs a current level (set pdp.from, or --from)", cfg.At("pdp"))
	}
	if to == "" {
		ids, err := levelIDs(cfg, lib, tgtRole)
		if err != nil {
			return nil, fmt.Errorf("pdp: target role: %w", err)
		}
		for i, id := range ids {
			if id == from && i+1 < len(ids) {
				to = ids[i+1]
			}
		}
		if to == "" {
			return nil, fmt.Errorf("%s: the PDP needs a target level above %q (set pdp.to, or --to; levels: %s)", cfg.At("pdp"), from, strings.Join(ids, ", "))
		}
	}
	cur, err := src.Compose(curRole, from)
	if err != nil {
		return nil, fmt.Errorf("%s: the PDP's current level (pdp.from %q): %w", cfg.At("pdp", "from"), from, err)
	}
	tgt, err := src.Compose(tgtRole, to)
	if err != nil {
		return nil, fmt.Errorf("%s: the PDP's target level (pdp.to %q): %w", cfg.At("pdp", "to"), to, err)
	}
	return New(cfg, cur, tgt, src.Date)
}

// levelIDs lists the levels a role can be composed at, lowest first: the
// ladder's rungs for a config role, the framework role's levels for
// FRAMEWORK/ROLE.
func levelIDs(cfg *config.Config, lib *compose.Library, roleID string) ([]string, error) {
	fwID, rID, ok := strings.Cut(roleID, "/")
	if !ok {
		return cfg.RungIDs(), nil
	}
	fw, err := lib.Framework(fwID)
	if err != nil {
		return nil, err
	}
	r, err := compose.FindRole(fw, rID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(r.Levels))
	for i, l := range r.Levels {
		ids[i] = l.ID
	}
	return ids, nil
}

// NewContext is compose.NewContext with the development plan added (Add):
// for a run whose documents are all plans, where a plan that cannot be
// built is the run's error.
func NewContext(ctx context.Context, cfg *config.Config, lib *compose.Library, role, level string, date time.Time) (*compose.Context, error) {
	c, err := compose.NewContext(cfg, lib, role, level, date)
	if err != nil {
		return nil, err
	}
	if err := Add(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

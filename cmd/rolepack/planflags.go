package main

import (
	"fmt"
	"strings"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/pack"
	"github.com/rolepack/rolepack/render"
)

// planOnly reports whether every kind documents a development plan, so
// that the run needs no level of its own: the plan's current level is it.
func planOnly(kinds []render.Kind) bool {
	for _, k := range kinds {
		if k.Scope != render.ScopePlan {
			return false
		}
	}
	return len(kinds) > 0
}

// withoutPlans returns kinds without those that document a plan.
func withoutPlans(kinds []render.Kind) []render.Kind {
	var out []render.Kind
	for _, k := range kinds {
		if k.Scope != render.ScopePlan {
			out = append(out, k)
		}
	}
	return out
}

// planLevel settles the run's level for a run of plans only: the plan's
// current level (pdp.from), which is a level of the role.
func planLevel(cfg *config.Config, kinds []render.Kind) {
	if planOnly(kinds) && cfg.PDP.From != "" {
		cfg.Level = cfg.PDP.From
	}
}

// packKinds are what `rolepack pack --kind` can build.
var packKinds = []string{"role", "pdp"}

// readPackRows reads a manifest as --kind says: role packs from a
// vacancy manifest, or development plans from a team manifest.
func readPackRows(kind, file string, data []byte) ([]pack.Row, []string, error) {
	switch kind {
	case "", "role":
		rows, err := pack.ReadManifest(file, data)
		return rows, render.RolePackIDs(), err
	case "pdp":
		rows, err := pack.ReadTeam(file, data)
		return rows, render.TeamPlanIDs(), err
	}
	return nil, nil, fmt.Errorf("--kind %q: unknown (known: %s)", kind, strings.Join(packKinds, ", "))
}

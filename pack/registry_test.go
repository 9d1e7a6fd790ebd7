package pack

import (
	"testing"

	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/render"
)

// TestRegistriesAreWhole: every registered format is accepted by at least
// one document kind (a format no kind names cannot be used), every shape a
// kind names is the shape of a registered format, render's and output's
// shape names agree, and role packs and team plans each have kinds.
func TestRegistriesAreWhole(t *testing.T) {
	if render.ShapeDocument != output.ShapeDocument || render.ShapeTable != output.ShapeTable {
		t.Fatalf("shape names differ: render %q, %q; output %q, %q", render.ShapeDocument, render.ShapeTable, output.ShapeDocument, output.ShapeTable)
	}
	shapes := map[string]bool{}
	for _, f := range output.DefaultFormats {
		shapes[f.Shape] = true
		accepted := false
		for _, k := range render.Kinds {
			accepted = accepted || k.Accepts(f.Shape)
		}
		if !accepted {
			t.Errorf("format %s (shape %q): no document kind can be written in it", f.Name, f.Shape)
		}
	}
	for _, k := range render.Kinds {
		for _, s := range k.ShapeNames() {
			if !shapes[s] {
				t.Errorf("kind %s names shape %q, which no format has", k.ID, s)
			}
		}
	}
	if len(render.RolePackIDs()) == 0 || len(render.TeamPlanIDs()) == 0 {
		t.Errorf("role packs hold %v, team plans %v", render.RolePackIDs(), render.TeamPlanIDs())
	}
}

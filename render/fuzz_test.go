package render_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/render"
)

// FuzzTemplates runs every default template over a vacancy and
// organisation made of random text and numbers: each must give a document
// (or a one-line error), never a panic, a hang or unbounded output.
func FuzzTemplates(f *testing.F) {
	base := defaultContext(f, nil)
	e, err := render.NewEngine("")
	if err != nil {
		f.Fatal(err)
	}
	f.Add("REF-1", "York; Leeds", "£45,000", 45000.0, 52000.0, "2026-12-14", "Jane Smith; Sam Jones", "Dept. for *Data*")
	f.Add("", "", "", 0.0, -5.0, "not a date", "", "")
	f.Add("<script>", "|a|b|\n---", "`x`", 1e300, -1e300, "2026-02-30", ";;;", "[x](javascript:alert(1))")
	f.Fuzz(func(t *testing.T, ref, location, salary string, lo, hi float64, closing, panel, org string) {
		c := *base
		c.Vacancy.Reference, c.Vacancy.Location, c.Vacancy.Salary = ref, location, salary
		c.Vacancy.SalaryMin, c.Vacancy.SalaryMax, c.Vacancy.Closing = lo, hi, closing
		c.Vacancy.Panel = strings.Split(panel, ";")
		c.Organisation.Name = org
		for _, k := range render.Kinds {
			kc := c.For(k.ID, k.Title, k.Scope == render.ScopePlan)
			if _, err := e.Document(context.Background(), k, kc); err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("%s: error is not one line: %q", k.ID, err)
			}
			for _, x := range k.Extras {
				if _, err := e.Execute(context.Background(), x.Template, kc); err != nil && strings.Contains(err.Error(), "\n") {
					t.Errorf("%s: error is not one line: %q", x.Template, err)
				}
			}
		}
	})
}

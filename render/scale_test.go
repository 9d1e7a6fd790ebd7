package render_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/output"
	"github.com/rolepack/rolepack/plan"
	"github.com/rolepack/rolepack/render"
)

// manyGroupsConfig is a config whose one role takes a catalogue of n
// categories, one skill each, at two levels: a PDP from entry to mid lists
// n entries in n groups.
const manyGroupsConfig = `
role: r
level: entry
ladder:
  - {id: entry, label: Entry}
  - {id: mid, label: Mid}
pdp: {from: entry, to: mid}
roles:
  r:
    title: Tester
    sources:
      - framework: big
        catalogue: area
        levels: {entry: entry, mid: mid}
`

// manyGroupsFramework is a catalogue of n categories of one skill each,
// with descriptors at an entry and a mid level.
func manyGroupsFramework(n int) *framework.Framework {
	cat := framework.Catalogue{ID: "area", Title: "Area",
		Levels: []framework.Level{{ID: "entry", Label: "Entry", Rank: 1}, {ID: "mid", Label: "Mid", Rank: 2}}}
	for i := range n {
		cat.Categories = append(cat.Categories, framework.Category{Title: fmt.Sprintf("Category %d", i),
			Skills: []framework.Skill{{Title: fmt.Sprintf("Skill %d", i), Levels: []framework.SkillLevel{
				{Level: "entry", Descriptors: []string{fmt.Sprintf("Basic understanding of thing %d", i)}},
				{Level: "mid", Descriptors: []string{fmt.Sprintf("Proficiency in managing thing %d across teams", i)}},
			}}}})
	}
	return &framework.Framework{ID: "big", Name: "Big", Format: "matrix", Catalogues: []framework.Catalogue{cat}}
}

// manyGroupsContext composes the many-groups role with its plan, with m
// development activities on offer that serve none of the gaps.
func manyGroupsContext(tb testing.TB, n, m int) (*compose.Context, error) {
	tb.Helper()
	cfg, err := config.LoadConfig("config.yaml", []byte(manyGroupsConfig))
	if err != nil {
		tb.Fatal(err)
	}
	for i := range m {
		cfg.Development.Activities = append(cfg.Development.Activities, config.ActivityDef{Kind: "job",
			Title: fmt.Sprintf("Secondment to the widget %d team", i)})
	}
	lib, err := compose.NewLibrary(manyGroupsFramework(n))
	if err != nil {
		tb.Fatal(err)
	}
	return plan.NewContext(context.Background(), cfg, lib, "r", "entry", testDate)
}

// benchPDP composes and renders a PDP of n groups in one format.
func benchPDP(b *testing.B, n int, format string) {
	e, err := render.NewEngine("")
	if err != nil {
		b.Fatal(err)
	}
	formats, _ := output.NewFormats()
	fs, err := formats.Lookup([]string{format})
	if err != nil {
		b.Fatal(err)
	}
	kinds, _ := render.LookupKinds([]string{"pdp"})
	b.ReportAllocs()
	for b.Loop() {
		ctx, err := manyGroupsContext(b, n, n)
		if err != nil {
			b.Fatal(err)
		}
		d, err := e.Document(context.Background(), kinds[0], ctx)
		if err != nil {
			b.Fatal(err)
		}
		if err := fs[0].Writer.Write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDPManyGroups renders a PDP of 2,000 entries in as many
// groups (issue 14: the plan was quadratic in groups).
func BenchmarkPDPManyGroups(b *testing.B) {
	for _, f := range []string{"md", "docx", "pdf"} {
		b.Run(f, func(b *testing.B) { benchPDP(b, 2000, f) })
	}
}

// TestJSONLDDescriptionCut: the JSON-LD description, built by copying a
// growing string, takes at most 20 offers, so that a config of 40,000
// offers (within the 1 MiB config limit) no longer takes 15 s (issue 14).
func TestJSONLDDescriptionCut(t *testing.T) {
	ctx := defaultContext(t, func(c *config.Config) {
		c.Organisation.Offer = nil
		for i := range 40_000 {
			c.Organisation.Offer = append(c.Organisation.Offer, fmt.Sprintf("Benefit %d", i))
		}
	})
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.Execute(context.Background(), "advert.jsonld.tmpl", ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "Benefit "); n != 20 {
		t.Errorf("%d offers in the description, want 20", n)
	}
}

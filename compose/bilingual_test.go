package compose_test

import (
	"context"
	"testing"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/composetest"
	"github.com/rolepack/rolepack/plan"
)

// A bilingual config composes the vacancy once in each language: the
// context is the first language's, Also the second's, each worded in its
// own catalogue; a plan goes to both.
func TestBilingualContext(t *testing.T) {
	cfg, lib := composetest.Default(t)
	cfg.Language = "cy,en"
	date := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	ctx, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, date)
	if err != nil {
		t.Fatal(err)
	}
	if ctx.Language != "cy" || ctx.Also == nil || ctx.Also.Language != "en-GB" || ctx.Layout != "columns" {
		t.Fatalf("languages %q + %v, layout %q", ctx.Language, ctx.Also, ctx.Layout)
	}
	if ctx.DateLong != "3 Rhagfyr 2026" || ctx.Also.DateLong != "3 December 2026" {
		t.Errorf("dates %q, %q", ctx.DateLong, ctx.Also.DateLong)
	}
	if err := plan.Add(context.Background(), ctx); err != nil {
		t.Fatal(err)
	}
	if plan.Of(ctx) == nil || plan.Of(ctx.Also) == nil || plan.Of(ctx).Heading == plan.Of(ctx.Also).Heading {
		t.Errorf("plans %v / %v: want one in each language", ctx.PDP, ctx.Also.PDP)
	}
}

// The default clauses in Welsh keep the order of their English headings,
// so a bilingual JD gives each beside its translation.
func TestWelshTermsInEnglishOrder(t *testing.T) {
	cfg, lib := composetest.Default(t)
	cfg.Language = "cy,en"
	ctx, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	cy, en := ctx.Terms(), ctx.Also.Terms()
	want := map[string]string{"Confidentiality": "Cyfrinachedd", "Equality, diversity and inclusion": "Cydraddoldeb, amrywiaeth a chynhwysiant",
		"Health and safety": "Iechyd a diogelwch", "Information governance": "Llywodraethu gwybodaeth", "Safeguarding": "Diogelu"}
	if len(cy) != len(en) || len(en) != len(want) {
		t.Fatalf("%d Welsh terms, %d English", len(cy), len(en))
	}
	for i := range en {
		if i > 0 && en[i-1].Heading > en[i].Heading {
			t.Errorf("English terms out of order: %q before %q", en[i-1].Heading, en[i].Heading)
		}
		if cy[i].Heading != want[en[i].Heading] {
			t.Errorf("term %d: %q beside %q", i+1, cy[i].Heading, en[i].Heading)
		}
	}
}

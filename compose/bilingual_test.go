package compose_test

import (
	"testing"
	"time"

	"github.com/rolepack/rolepack/compose"
)

// A bilingual config composes the vacancy once in each language: the
// context is the first language's, Also the second's, each worded in its
// own catalogue; a plan goes to both.
func TestBilingualContext(t *testing.T) {
	cfg, lib := defaultSetup(t)
	cfg.Language = "cy,en"
	date := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	ctx, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, date, false)
	if err != nil {
		t.Fatal(err)
	}
	if ctx.Language != "cy" || ctx.Also == nil || ctx.Also.Language != "en-GB" || ctx.Layout != "columns" {
		t.Fatalf("languages %q + %v, layout %q", ctx.Language, ctx.Also, ctx.Layout)
	}
	if ctx.DateLong != "3 Rhagfyr 2026" || ctx.Also.DateLong != "3 December 2026" {
		t.Errorf("dates %q, %q", ctx.DateLong, ctx.Also.DateLong)
	}
	if err := compose.AddPlan(ctx, cfg, lib, cfg.Role, cfg.Level, date); err != nil {
		t.Fatal(err)
	}
	if ctx.PDP == nil || ctx.Also.PDP == nil || ctx.PDP.Heading == ctx.Also.PDP.Heading {
		t.Errorf("plans %v / %v: want one in each language", ctx.PDP, ctx.Also.PDP)
	}
}

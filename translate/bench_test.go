package translate_test

import (
	"context"
	"testing"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/translate"
)

// BenchmarkCompose is composing the default role's context alone, the
// floor BenchmarkExport is compared with.
func BenchmarkCompose(b *testing.B) {
	cfg, lib := setup(b)
	for i := 0; i < b.N; i++ {
		if _, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, date); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExport is `translate export` for the default role: compose,
// list the units, write the XLIFF document.
func BenchmarkExport(b *testing.B) {
	cfg, lib := setup(b)
	tg := []translate.Target{{Role: cfg.Role, Level: cfg.Level, Vacancy: cfg.Vacancy}}
	for i := 0; i < b.N; i++ {
		us, err := translate.Units(context.Background(), cfg, lib, date, tg)
		if err != nil {
			b.Fatal(err)
		}
		_ = translate.Export(us, "cy", nil, translate.Scope{Role: cfg.Role, Level: cfg.Level}, "").Marshal()
	}
}

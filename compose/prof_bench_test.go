package compose_test

import (
	"testing"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/framework/defaults"
)

// BenchmarkNewContext composes the default role at head, as one generate does.
func BenchmarkNewContext(b *testing.B) {
	cfg, err := compose.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		b.Fatal(err)
	}
	fws, err := defaults.Frameworks()
	if err != nil {
		b.Fatal(err)
	}
	lib, err := compose.NewLibrary(fws...)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, planDate, false); err != nil {
			b.Fatal(err)
		}
	}
}

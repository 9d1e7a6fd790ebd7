package compose_test

import (
	"testing"

	"github.com/rolepack/rolepack/compose"
)

// BenchmarkNewContext composes the default role at head, as one generate does.
func BenchmarkNewContext(b *testing.B) {
	cfg, lib := defaultSetup(b)
	for b.Loop() {
		if _, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, planDate, false); err != nil {
			b.Fatal(err)
		}
	}
}

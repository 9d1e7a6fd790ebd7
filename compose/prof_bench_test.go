package compose_test

import (
	"testing"
	"time"

	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/compose/composetest"
)

// BenchmarkNewContext composes the default role at head, as one generate does.
func BenchmarkNewContext(b *testing.B) {
	cfg, lib := composetest.Default(b)
	for b.Loop() {
		if _, err := compose.NewContext(cfg, lib, cfg.Role, cfg.Level, planDate); err != nil {
			b.Fatal(err)
		}
	}
}

// planDate is the date of the contexts these tests make.
var planDate = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)

// corpus is the DDaT role-level pages beside the repository.
const corpus = "../../shared/corpus/ddat"

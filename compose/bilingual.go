package compose

import (
	"slices"
	"time"

	"github.com/rolepack/rolepack/config"
)

// newBilingual makes the context of a bilingual run: the first
// language's, with the second's (the same role, level, vacancy and plan)
// as Also, each composed as a run in that language alone (package plan's
// Add gives each its plan).
func newBilingual(cfg *config.Config, lib *Library, role, level string, date time.Time) (*Context, error) {
	tags := cfg.Language.Tags()
	first, err := NewContext(cfg.InLanguage(tags[0]), lib, role, level, date)
	if err != nil {
		return nil, err
	}
	second, err := NewContext(cfg.InLanguage(tags[1]), lib, role, level, date)
	if err != nil {
		return nil, err
	}
	return Pair(first, second, cfg.Layout()), nil
}

// Pair makes first the context of a bilingual document with second (the
// same vacancy composed in the other language) laid out by layout; the
// second's warnings the first does not give are added to its own.
func Pair(first, second *Context, layout string) *Context {
	first.Also, first.Layout = second, layout
	for _, w := range second.Warnings {
		if !slices.Contains(first.Warnings, w) {
			first.Warnings = append(first.Warnings, w)
		}
	}
	return first
}

// Package composetest holds the test fixtures shared by the tests of
// compose and of the packages built on it (plan, careermap): the embedded
// default config and library, and pages imported from the corpus.
package composetest

import (
	"path/filepath"
	"testing"

	"github.com/rolepack/rolepack"
	"github.com/rolepack/rolepack/compose"
	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/defaults"
	"github.com/rolepack/rolepack/framework/importer"
)

// Default is the embedded default config and a library of the
// embedded frameworks plus extra, as a run with no files beside it has.
func Default(tb testing.TB, extra ...*framework.Framework) (*config.Config, *compose.Library) {
	tb.Helper()
	cfg, err := config.LoadConfig("config.yaml", rolepack.DefaultConfig)
	if err != nil {
		tb.Fatal(err)
	}
	fws, err := defaults.Frameworks()
	if err != nil {
		tb.Fatal(err)
	}
	lib, err := compose.NewLibrary(append(fws, extra...)...)
	if err != nil {
		tb.Fatal(err)
	}
	return cfg, lib
}

// ImportPages imports the pages matching pattern as framework id, and
// skips the test when none match (the corpus is not beside the repository).
func ImportPages(tb testing.TB, pattern, id string) *framework.Framework {
	tb.Helper()
	paths, _ := filepath.Glob(pattern)
	if len(paths) == 0 {
		tb.Skip("no files at " + pattern)
	}
	fw, _, err := importer.Import(paths, importer.Options{ID: id})
	if err != nil {
		tb.Fatal(err)
	}
	return fw
}

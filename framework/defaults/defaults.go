// Package defaults holds the frameworks the binary embeds: the three seed
// documents the project was made from, imported by rolepack's own importers
// into canonical YAML (`go generate ./framework/defaults` rebuilds them; a
// test fails when the embedded YAML and a fresh import differ).
package defaults

import (
	"embed"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/rolepack/rolepack/framework"
	"github.com/rolepack/rolepack/framework/importer"
)

//go:generate go run ./gen

// Source is one embedded default: the seed file it is imported from, the
// canonical YAML it becomes, and what the file itself cannot say.
type Source struct {
	File    string // under sources/
	YAML    string // canonical file name
	Format  importer.Format
	Title   string // role title for a profile without a title line
	Version string
	// ID and Name set the framework's id and name when the importer's own
	// (taken from the file) are not the ones the library uses.
	ID, Name string
	// Provenance is where the seed comes from, for seeds whose text does
	// not say it; its fields replace the importer's when set.
	Provenance framework.Source
}

// Sources lists the embedded defaults in library order.
var Sources = []Source{
	{File: "ddat-data-engineer-head-of-data-engineering.txt", YAML: "ddat.yaml", Format: importer.FormatDDaT, Version: "uk-gdad-pcf-roles summaries, 2025-11"},
	{File: "matrix-data-management-engineering.md", YAML: "sde-skills.yaml", Format: importer.FormatMatrix, Version: "sde-skills 8870626 (2025-05-02)",
		ID: "sde-skills", Name: "SDE skills matrix",
		Provenance: framework.Source{
			Title:     "UoM Data Science Platforms SDE skills framework",
			Publisher: "University of Manchester Data Science Platforms",
			URL:       "https://github.com/UoM-Data-Science-Platforms/sde-skills",
			Licence:   "MIT",
		}},
	{File: "fedip-head-of-data-ethics.txt", YAML: "ncf.yaml", Format: importer.FormatProfile, Title: "Head of Data Ethics", Version: "Role Model Plus export"},
}

//go:embed *.yaml sources
var files embed.FS

// Frameworks decodes the embedded default frameworks.
func Frameworks() ([]*framework.Framework, error) {
	var out []*framework.Framework
	for _, s := range Sources {
		data, err := files.ReadFile(s.YAML)
		if err != nil {
			return nil, fmt.Errorf("embedded framework %s: %w", s.YAML, err)
		}
		f, probs, err := framework.Decode(s.YAML, data)
		if err != nil {
			return nil, fmt.Errorf("embedded framework: %w", err)
		}
		if framework.HasErrors(probs) {
			return nil, fmt.Errorf("embedded framework %s: %s", s.YAML, probs[0].Error())
		}
		out = append(out, f)
	}
	return out, nil
}

// Embedded returns the embedded canonical YAML of one default.
func Embedded(name string) ([]byte, error) { return files.ReadFile(name) }

// SourceFile returns the embedded seed document of one default.
func SourceFile(name string) ([]byte, error) { return files.ReadFile(path.Join("sources", name)) }

// Build imports a seed document from dir (the sources folder) into
// canonical YAML, as `go generate` does.
func Build(dir string, s Source) ([]byte, error) {
	f, _, err := importer.Import([]string{filepath.Join(dir, s.File)}, importer.Options{
		From: s.Format, Title: s.Title, ID: s.ID, Name: s.Name,
		Publisher: s.Provenance.Publisher, Licence: s.Provenance.Licence, URL: s.Provenance.URL,
	})
	if err != nil {
		return nil, err
	}
	if s.Provenance.Title != "" {
		f.Source.Title = s.Provenance.Title
	}
	f.Version = s.Version
	f.Source.Files = []string{s.File}
	trimFrom(f, dir+string(filepath.Separator))
	return framework.Marshal(f)
}

// trimFrom drops the sources folder from every provenance position, so the
// embedded data names the seed file alone ("file.md:25").
func trimFrom(f *framework.Framework, prefix string) {
	trim := func(s *string) { *s = strings.TrimPrefix(*s, prefix) }
	for i := range f.Roles {
		r := &f.Roles[i]
		trim(&r.From)
		for j := range r.Levels {
			l := &r.Levels[j]
			trim(&l.From)
			for k := range l.Entries {
				trim(&l.Entries[k].From)
			}
		}
	}
	for i := range f.Catalogues {
		c := &f.Catalogues[i]
		trim(&c.From)
		for j := range c.Categories {
			cg := &c.Categories[j]
			trim(&cg.From)
			for k := range cg.Skills {
				sk := &cg.Skills[k]
				trim(&sk.From)
				for m := range sk.Levels {
					trim(&sk.Levels[m].From)
				}
			}
		}
	}
}

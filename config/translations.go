package config

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/internal/userfile"
	"github.com/rolepack/rolepack/internal/yamlpos"
)

// Translation is one translated unit of a translations file: the English
// it was translated from (a unit whose English has changed since is
// stale, and not used) and its translation.
type Translation struct {
	Source string `yaml:"source"`
	Target string `yaml:"target"`
	Line   int    `yaml:"-"` // line of the unit in its file (set by ParseTranslations)
}

// Translations are a language's translated units by id.
type Translations map[string]Translation

// TranslationsFile is the YAML form of a translations file (`rolepack
// translate import` writes it; the config names it in translations:).
type TranslationsFile struct {
	Language string       `yaml:"language"` // e.g. cy
	Units    Translations `yaml:"units"`
}

// ParseTranslations reads a translations file; name is the file's name for
// errors, which say file:line.
func ParseTranslations(name string, data []byte) (*TranslationsFile, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlpos.Error(name, err)
	}
	out := &TranslationsFile{Units: Translations{}}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: empty: a translations file has language: and units:", name)
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: a translations file is a mapping with language: and units:", name, doc.Line)
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch k.Value {
		case "language":
			if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
				return nil, fmt.Errorf("%s:%d: language: give a language tag, e.g. cy", name, v.Line)
			}
			out.Language = strings.TrimSpace(v.Value)
		case "units":
			if v.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("%s:%d: units: a mapping of unit id to source and target", name, v.Line)
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				id, u := v.Content[j], v.Content[j+1]
				var t Translation
				if err := u.Decode(&t); err != nil || u.Kind != yaml.MappingNode {
					return nil, fmt.Errorf("%s:%d: unit %s: give source: and target:", name, u.Line, id.Value)
				}
				if _, dup := out.Units[id.Value]; dup {
					return nil, fmt.Errorf("%s:%d: unit %s is given twice", name, id.Line, id.Value)
				}
				t.Line = id.Line
				out.Units[id.Value] = t
			}
		default:
			return nil, fmt.Errorf("%s:%d: unknown key %q (a translations file has language: and units:)", name, k.Line, k.Value)
		}
	}
	if out.Language == "" {
		return nil, fmt.Errorf("%s:%d: no language: (e.g. language: cy)", name, doc.Line)
	}
	return out, nil
}

// LoadTranslations reads the translations files cfg names into
// cfg.Translated; a relative path is taken from dir (the folder of the
// config that named them). A later file's unit replaces an earlier one's.
func LoadTranslations(cfg *Config, dir string) error {
	cfg.Translated = nil
	for i, p := range cfg.Translations {
		if !filepath.IsAbs(p) && dir != "" {
			p = filepath.Join(dir, p)
		}
		data, err := userfile.Read(p, userfile.Translations)
		if err != nil {
			return fmt.Errorf("%s: translations: %w", cfg.At("translations", i), err)
		}
		f, err := ParseTranslations(p, data)
		if err != nil {
			return fmt.Errorf("%s: translations: %w", cfg.At("translations", i), err)
		}
		if cfg.Translated == nil {
			cfg.Translated = map[string]Translations{}
		}
		lang, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(f.Language)), "-")
		if cfg.Translated[lang] == nil {
			cfg.Translated[lang] = Translations{}
		}
		for id, t := range f.Units {
			cfg.Translated[lang][id] = t
		}
	}
	return nil
}

// translationsHeader starts every translations file rolepack writes.
const translationsHeader = "# rolepack translations: written by `rolepack translate import`; the config names\n# this file in translations:. Each unit: the English it was translated from\n# (a unit whose English has changed is stale and not used) and its translation.\n"

// Marshal is the file as YAML, units sorted by id (the same units give the
// same bytes).
func (f *TranslationsFile) Marshal() ([]byte, error) {
	ids := make([]string, 0, len(f.Units))
	for id := range f.Units {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	units := &yaml.Node{Kind: yaml.MappingNode}
	for _, id := range ids {
		t := f.Units[id]
		units.Content = append(units.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: id},
			&yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
				{Kind: yaml.ScalarNode, Value: "source"}, {Kind: yaml.ScalarNode, Value: t.Source},
				{Kind: yaml.ScalarNode, Value: "target"}, {Kind: yaml.ScalarNode, Value: t.Target},
			}})
	}
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Value: "language"}, {Kind: yaml.ScalarNode, Value: f.Language},
		{Kind: yaml.ScalarNode, Value: "units"}, units,
	}}
	var b bytes.Buffer
	b.WriteString(translationsHeader)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("translations: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("translations: %w", err)
	}
	return b.Bytes(), nil
}

package config

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/rolepack/rolepack/doc"
	"github.com/rolepack/rolepack/i18n"
)

// Languages is the config's language: one BCP 47 tag ("en-GB", "cy"), or
// two for a bilingual document, first language first. YAML gives two as a
// list ([cy, en]) or with a comma ("cy,en"); a flag or variable with a
// comma (--lang cy,en).
type Languages string

// UnmarshalYAML reads a tag, or a list of tags joined with commas.
func (l *Languages) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*l = Languages(n.Value)
		return nil
	case yaml.SequenceNode:
		var tags []string
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: language: a list of language tags, e.g. [cy, en]", c.Line)
			}
			tags = append(tags, c.Value)
		}
		*l = Languages(strings.Join(tags, ","))
		return nil
	}
	return fmt.Errorf("line %d: language: a language tag (cy, en-GB) or two for a bilingual document, e.g. [cy, en]", n.Line)
}

// Tags are the languages, first first, without spaces or empty items.
func (l Languages) Tags() []string {
	var out []string
	for _, t := range strings.Split(string(l), ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// First is the first language ("" when none is set).
func (l Languages) First() string {
	if t := l.Tags(); len(t) > 0 {
		return t[0]
	}
	return ""
}

// Bilingual reports whether two languages are set.
func (l Languages) Bilingual() bool { return len(l.Tags()) == 2 }

// BilingualConfig is how a document in two languages is laid out.
type BilingualConfig struct {
	// Layout is columns (the two languages side by side, section by
	// section: the default), blocks (each section in the first language,
	// then the second) or sequential (the whole document in the first
	// language, then from a new page in the second).
	Layout string `yaml:"layout"`
}

// BilingualLayouts are the values of bilingual.layout, the default first.
var BilingualLayouts = doc.Layouts

// documentLanguages are the base languages rolepack words documents in.
var documentLanguages = []string{"en", "cy"}

// checkLanguages reports a language list that is not one language or two
// different ones rolepack writes documents in, and a bilingual.layout that
// is not one of BilingualLayouts.
func (c *Config) checkLanguages() error {
	if l := strings.TrimSpace(c.Bilingual.Layout); l != "" && !slices.Contains(BilingualLayouts, l) {
		msg := fmt.Sprintf("%s: bilingual.layout %q is not one of %s", c.At("bilingual", "layout"), c.Bilingual.Layout, strings.Join(BilingualLayouts, ", "))
		if near := Nearest(l, BilingualLayouts); near != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", near)
		}
		return fmt.Errorf("%s", msg)
	}
	tags := c.Language.Tags()
	if len(tags) <= 1 && !strings.Contains(string(c.Language), ",") {
		return nil // one language: the catalogue checks it (localise)
	}
	at := c.At("language")
	switch {
	case len(tags) != 2:
		return fmt.Errorf("%s: language %q: give one language, or two for a bilingual document (e.g. cy,en)", at, string(c.Language))
	case i18n.Base(tags[0]) == i18n.Base(tags[1]):
		return fmt.Errorf("%s: language %q names one language twice: a bilingual document is in two (e.g. cy,en)", at, string(c.Language))
	}
	for _, t := range tags {
		if !slices.Contains(documentLanguages, i18n.Base(t)) {
			return fmt.Errorf("%s: language %q: %s is not a language rolepack writes documents in (cy or en-GB)", at, string(c.Language), t)
		}
	}
	return nil
}

// Layout is the config's bilingual layout, columns when unset.
func (c *Config) Layout() string {
	if l := strings.TrimSpace(c.Bilingual.Layout); l != "" {
		return l
	}
	return doc.LayoutColumns
}

// InLanguage is a copy of c in one language, tag: the config each
// language of a bilingual run composes from.
//
// English given as "en" is British English, en-GB, as in one language.
func (c *Config) InLanguage(tag string) *Config {
	if strings.EqualFold(strings.TrimSpace(tag), "en") {
		tag = "en-GB"
	}
	cp := *c
	cp.Language = Languages(tag)
	return &cp
}

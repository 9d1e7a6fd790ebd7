package config_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/config"
)

// language takes one tag, two as a YAML list or joined with a comma, and
// bilingual.layout one of three; anything else is a one-line error with
// the file and line.
func TestConfigLanguages(t *testing.T) {
	for _, c := range []struct {
		yaml, want, layout string
	}{
		{"language: cy\n", "cy", "columns"},
		{"language: [cy, en]\n", "cy,en", "columns"},
		{"language: \"en,cy\"\nbilingual:\n  layout: sequential\n", "en,cy", "sequential"},
		{"language:\n  - cy\n  - en-GB\nbilingual: {layout: blocks}\n", "cy,en-GB", "blocks"},
	} {
		cfg, err := config.LoadConfig("c.yaml", []byte(c.yaml))
		if err == nil {
			err = cfg.CheckValues()
		}
		if err != nil {
			t.Errorf("%q: %v", c.yaml, err)
			continue
		}
		if string(cfg.Language) != c.want || cfg.Layout() != c.layout {
			t.Errorf("%q: language %q layout %q, want %q %q", c.yaml, cfg.Language, cfg.Layout(), c.want, c.layout)
		}
	}
	for _, c := range []struct{ yaml, want string }{
		{"language: [cy, fr]\n", `c.yaml:1: language "cy,fr": fr is not a language rolepack writes documents in`},
		{"language: cy,cy-GB\n", "names one language twice"},
		{"language: [cy, en, de]\n", "give one language, or two"},
		{"language: {cy: 1}\n", "c.yaml:1"},
		{"bilingual:\n  layout: sidebyside\n", `c.yaml:2: bilingual.layout "sidebyside" is not one of columns, blocks, sequential`},
	} {
		cfg, err := config.LoadConfig("c.yaml", []byte(c.yaml))
		if err == nil {
			err = cfg.CheckValues()
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: %v, want one line with %q", c.yaml, err, c.want)
		}
	}
}

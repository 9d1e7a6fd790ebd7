package config

import (
	"strings"
	"testing"
)

// TestConfigLimits: the command line accepted organisation.website
// javascript:… (the web form refuses it) and scoring.max -1; both are
// errors naming file:line.
func TestConfigLimits(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"organisation:\n  website: \"javascript:alert(1)\"\n", "c.yaml:2: organisation.website \"javascript:alert(1)\" is not a web address"},
		{"organisation:\n  sameAs: [\"https://a.example\", \"data:text/html,x\"]\n", "organisation.sameAs \"data:text/html,x\" is not a web address"},
		{"scoring:\n  max: -1\n", "c.yaml:2: scoring.max -1 is not from 1 to 50"},
		{"scoring:\n  weights:\n    B1: 1000\n", "scoring.weights B1 1000 is not from 0 to 100"},
	} {
		cfg, err := LoadConfig("c.yaml", []byte(c.yaml))
		if err == nil {
			err = cfg.CheckValues()
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want %q", c.yaml, err, c.want)
		}
	}
	cfg, err := LoadConfig("ok.yaml", []byte("organisation:\n  website: https://www.example.org\nscoring:\n  max: 10\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.CheckValues(); err != nil {
		t.Error(err)
	}
}

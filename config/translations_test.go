package config_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/config"
)

func TestParseTranslationsErrorsSayLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"language: cy\nunits:\n  a.b:\n    source: x\n    target: y\n  a.b:\n    source: x\n    target: z\n", "cy.yaml:6: unit a.b is given twice"},
		{"units: {}\n", "cy.yaml:1: no language:"},
		{"language: cy\nunits:\n  a: [1]\n", "cy.yaml:3: unit a: give source: and target:"},
		{"language: cy\nwhat: 1\n", `cy.yaml:2: unknown key "what"`},
		{"language: cy\nunits: {a: {source: x, target: \"y\n", "cy.yaml:2: "},
	} {
		_, err := config.ParseTranslations("cy.yaml", []byte(c.in))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: %v, want %s", c.in, err, c.want)
		}
	}
	f, err := config.ParseTranslations("cy.yaml", []byte("language: cy\nunits:\n  a.b:\n    source: x\n    target: y\n"))
	if err != nil || f.Units["a.b"].Target != "y" || f.Units["a.b"].Line != 3 {
		t.Fatalf("%v %+v", err, f)
	}
	out, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := config.ParseTranslations("cy.yaml", out)
	if err != nil || back.Units["a.b"].Target != "y" || back.Language != "cy" {
		t.Errorf("round trip: %v\n%s", err, out)
	}
}

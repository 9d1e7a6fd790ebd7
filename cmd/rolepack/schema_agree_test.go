package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/schema"
	"github.com/rolepack/rolepack/schema/schematest"
)

// TestSchemaAndCLIAgree: a table of config values that rolepack rejects
// is rejected by rolepack schema config too, and the values it accepts
// are accepted by both.
func TestSchemaAndCLIAgree(t *testing.T) {
	const quick = "formats: [md]\ndocuments: [jd]\n"
	for _, tc := range []struct {
		name, yaml string
		ok         bool
	}{
		{"an unknown format", "formats: [rtf]\ndocuments: [jd]\n", false},
		{"an unknown document kind", "formats: [md]\ndocuments: [cv]\n", false},
		{"an empty format", "formats: ['']\ndocuments: [jd]\n", false},
		{"an employment type not schema.org's", quick + "vacancy:\n  employmentType: FULLTIME\n", false},
		{"a closing date not YYYY-MM-DD", quick + "vacancy:\n  closing: 31/12/2026\n", false},
		{"a date past 2200", quick + "date: '2300-01-01'\n", false},
		{"a colour by name", quick + "brand:\n  primary: navy\n", false},
		{"a workplace not onsite, hybrid or remote", quick + "vacancy:\n  workplace: office\n", false},
		{"an unknown score scale", quick + "scoring:\n  scale: 1-10\n", false},
		{"a negative salary", quick + "vacancy:\n  salaryMin: -5\n", false},
		{"an absurd salary", quick + "vacancy:\n  salaryMax: 20000000\n", false},
		{"text for a salary", quick + "vacancy:\n  salaryMin: abc\n", false},
		{"an unknown key", quick + "levle: head\n", false},
		{"an unknown activity kind", quick + "development:\n  activities:\n    - {kind: reading, title: Read a book}\n", false},
		{"a list for a name", quick + "organisation:\n  name: [a, b]\n", false},

		{"formats and kinds", "formats: [md, html]\ndocuments: [jd, advert]\n", true},
		{"a vacancy", quick + "vacancy:\n  employmentType: PART_TIME\n  closing: 2026-12-31\n  workplace: remote\n  salaryMin: 46148\n  salaryMax: 52809\n", true},
		{"brand colours", quick + "brand:\n  primary: '#00205b'\n  accent: 17a\n", true},
		{"a score scale", quick + "scoring:\n  scale: 0-4\n", true},
		{"left empty", quick + "vacancy:\n  employmentType: ''\n  closing: ''\nbrand:\n  primary:\n", true},
		{"an organisation", quick + "organisation:\n  name: Acme Health\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := writeFile(t, t.TempDir(), "config.yaml", tc.yaml)
			_, _, cliErr := run(t, fixedDate, "generate", "--config", file, "--out", t.TempDir(), "--quiet")
			schemaErr := schematest.ValidateYAML("config", []byte(tc.yaml))
			if (cliErr == nil) != tc.ok {
				t.Errorf("rolepack: %v, want ok=%v", cliErr, tc.ok)
			}
			if (schemaErr == nil) != tc.ok {
				t.Errorf("schema: %v, want ok=%v", schemaErr, tc.ok)
			}
		})
	}
}

// TestConfigSchemaDescribesEveryKey: every property of the config schema
// has a description, and the keys of a fixed set have their values.
func TestConfigSchemaDescribesEveryKey(t *testing.T) {
	data, err := schema.ByName("config")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]map[string]any
		Defs       map[string]struct{ Properties map[string]map[string]any } `json:"$defs"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	enums, patterns := strings.Count(string(data), `"enum"`), strings.Count(string(data), `"pattern"`)
	if enums < 6 || patterns < 5 {
		t.Errorf("%d enums and %d patterns: the formats, kinds, employment types, dates and colours are not all listed", enums, patterns)
	}
	check := func(where string, props map[string]map[string]any) {
		for k, p := range props {
			if d, _ := p["description"].(string); strings.TrimSpace(d) == "" {
				t.Errorf("%s.%s has no description", where, k)
			}
		}
	}
	check("config", s.Properties)
	for name, d := range s.Defs {
		check(name, d.Properties)
	}
}

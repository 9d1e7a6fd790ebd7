package compose

import (
	"math"
	"strings"
	"testing"

	"github.com/rolepack/rolepack/config"
)

func TestCheckSalary(t *testing.T) {
	tests := []struct {
		min, max float64
		field    string
		want     string
	}{
		{0, 0, "", ""},
		{55690, 62682, "", ""},
		{55690, 0, "", ""},
		{math.NaN(), 0, "salaryMin", "salaryMin is not a number"},
		{0, math.Inf(1), "salaryMax", "salaryMax is not a number"},
		{-1, 0, "salaryMin", "salaryMin -1 is negative"},
		{90000, -5, "salaryMax", "salaryMax -5 is negative"},
		{1e300, 0, "salaryMin", "salaryMin 1e+300 is more than 10000000"},
		{90000, 50000, "salaryMax", "salaryMin 90000 is more than salaryMax 50000"},
	}
	for _, tc := range tests {
		field, err := config.CheckSalary(tc.min, tc.max)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if field != tc.field || got != tc.want {
			t.Errorf("CheckSalary(%v, %v) = %q, %q; want %q, %q", tc.min, tc.max, field, got, tc.field, tc.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for s, want := range map[string]string{
		"2026-11-13": "",
		"1900-01-01": "",
		"2200-12-31": "",
		"1899-12-31": `"1899-12-31" is not between 1900 and 2200`,
		"2201-01-01": `"2201-01-01" is not between 1900 and 2200`,
		"2026-02-30": `"2026-02-30" is not a date in the form YYYY-MM-DD`,
	} {
		_, err := config.ParseDate(s)
		if (want == "") != (err == nil) || (err != nil && err.Error() != want) {
			t.Errorf("ParseDate(%q) = %v, want %q", s, err, want)
		}
	}
}

func TestLoadConfigRefusesWhatItWouldDrop(t *testing.T) {
	tests := []struct{ data, want string }{
		{"role: a\n---\nrole: b\n", "c.yaml:2: a second YAML document (after ---): a config is one document"},
		{"role: a\nrole: b\n", `c.yaml:2: mapping key "role" already defined at line 1`},
		{"organisation:\n  about: &a " + strings.Repeat("x", 1<<20) + "\n  offer: [*a, *a, *a, *a, *a]\n", "c.yaml:3: YAML aliases expand the config past 4 MiB: write the values out"},
	}
	for _, tc := range tests {
		_, err := config.LoadConfig("c.yaml", []byte(tc.data))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%.40q: %v, want %q", tc.data, err, tc.want)
		}
	}
	// Aliases that stay small are fine.
	if _, err := config.LoadConfig("c.yaml", []byte("organisation:\n  about: &a We are kind.\n  offer: [*a]\n")); err != nil {
		t.Error(err)
	}
	// A nested alias chain (a billion laughs) is measured without being expanded.
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for i := 0; i < 9; i++ {
		name := string(rune('b' + i))
		bomb += name + ": &" + name + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = name
	}
	if _, err := config.LoadConfig("c.yaml", []byte(bomb)); err == nil || !strings.Contains(err.Error(), "YAML aliases expand the config past 4 MiB") {
		t.Errorf("billion laughs: %v", err)
	}
}

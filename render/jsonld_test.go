package render_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/config"
	"github.com/rolepack/rolepack/render"
)

// googleProblems checks a JobPosting against Google's documented
// structured-data rules for job postings: the required properties (title,
// description, datePosted, hiringOrganization, jobLocation unless the job
// is wholly remote, validThrough when the job closes) and the recommended
// ones when they are given (applicantLocationRequirements with
// jobLocationType TELECOMMUTE, baseSalary, employmentType, identifier,
// directApply).
func googleProblems(jp map[string]any, closes bool) []string {
	var out []string
	bad := func(f string, a ...any) { out = append(out, fmt.Sprintf(f, a...)) }
	str := func(v any) string { s, _ := v.(string); return s }
	obj := func(v any) map[string]any { m, _ := v.(map[string]any); return m }
	isDate := func(v any) bool { _, err := time.Parse("2006-01-02", str(v)); return err == nil }
	isURL := regexp.MustCompile(`^https?://[^\s/]+`).MatchString

	if jp["@context"] != "https://schema.org" || jp["@type"] != "JobPosting" {
		bad("@context %v, @type %v", jp["@context"], jp["@type"])
	}
	if str(jp["title"]) == "" || str(jp["description"]) == "" {
		bad("title or description empty")
	}
	if !isDate(jp["datePosted"]) {
		bad("datePosted %v is not a date", jp["datePosted"])
	}
	if v, ok := jp["validThrough"]; ok != closes || ok && !isDate(v) {
		bad("validThrough %v (the vacancy closes: %v)", v, closes)
	}
	org := obj(jp["hiringOrganization"])
	if org["@type"] != "Organization" || str(org["name"]) == "" {
		bad("hiringOrganization %v", org)
	}
	if l, ok := org["logo"]; ok && !isURL(str(l)) {
		bad("logo %v is not a URL", l)
	}
	switch s := org["sameAs"].(type) {
	case nil:
	case string:
		if !isURL(s) {
			bad("sameAs %q is not a URL", s)
		}
	case []any:
		for _, u := range s {
			if !isURL(str(u)) {
				bad("sameAs %v is not a URL", u)
			}
		}
	default:
		bad("sameAs %v", s)
	}
	remote := jp["jobLocationType"] == "TELECOMMUTE"
	if t, ok := jp["jobLocationType"]; ok && !remote {
		bad("jobLocationType %v", t)
	}
	if remote {
		alr := obj(jp["applicantLocationRequirements"])
		if alr["@type"] != "Country" || str(alr["name"]) == "" {
			bad("a remote job without applicantLocationRequirements: %v", jp["applicantLocationRequirements"])
		}
	} else if _, ok := jp["applicantLocationRequirements"]; ok {
		bad("applicantLocationRequirements without TELECOMMUTE")
	}
	if loc, ok := jp["jobLocation"]; ok || !remote {
		addr := obj(obj(loc)["address"])
		if obj(loc)["@type"] != "Place" || addr["@type"] != "PostalAddress" || str(addr["addressLocality"]) == "" ||
			!regexp.MustCompile(`^[A-Z]{2}$`).MatchString(str(addr["addressCountry"])) {
			bad("jobLocation %v", loc)
		}
	}
	if s, ok := jp["baseSalary"]; ok {
		sal, val := obj(s), obj(obj(s)["value"])
		if sal["@type"] != "MonetaryAmount" || !regexp.MustCompile(`^[A-Z]{3}$`).MatchString(str(sal["currency"])) || val["@type"] != "QuantitativeValue" {
			bad("baseSalary %v", s)
		}
		switch val["unitText"] {
		case "HOUR", "DAY", "WEEK", "MONTH", "YEAR":
		default:
			bad("baseSalary unitText %v", val["unitText"])
		}
		n := 0
		for _, k := range []string{"value", "minValue", "maxValue"} {
			if v, ok := val[k]; ok {
				if f, isNum := v.(float64); !isNum || f <= 0 {
					bad("baseSalary %s %v is not a positive number", k, v)
				}
				n++
			}
		}
		if _, single := val["value"]; n == 0 || single && n > 1 {
			bad("baseSalary %v: want a value, or minValue and/or maxValue", val)
		}
		if lo, hi := val["minValue"], val["maxValue"]; lo != nil && hi != nil && lo.(float64) > hi.(float64) {
			bad("baseSalary minValue %v above maxValue %v", lo, hi)
		}
	}
	if e, ok := jp["employmentType"]; ok && !regexp.MustCompile(`^[A-Z_]+$`).MatchString(str(e)) {
		bad("employmentType %v", e)
	}
	if id, ok := jp["identifier"]; ok && (obj(id)["@type"] != "PropertyValue" || str(obj(id)["value"]) == "") {
		bad("identifier %v", id)
	}
	if _, ok := jp["directApply"].(bool); !ok {
		bad("directApply %v is not a boolean", jp["directApply"])
	}
	return out
}

// TestJobPostingForms renders the advert's JSON-LD for each form of
// salary and location a config may give, and checks the result against
// Google's rules and the expected salary, place and organisation.
func TestJobPostingForms(t *testing.T) {
	base := defaultContext(t, nil)
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	k, _ := render.LookupKinds([]string{"advert"})
	kctx := base.For(k[0].ID, k[0].Title, false)
	type want struct {
		salary   map[string]any // the QuantitativeValue without @type; nil: no baseSalary
		currency string
		locality string // "" for no jobLocation
		country  string
		remote   string // applicantLocationRequirements name; "" for not remote
		hybrid   bool
	}
	for _, tc := range []struct {
		name string
		edit func(*config.Vacancy, *config.Organisation)
		want want
	}{
		{"nhs range", func(v *config.Vacancy, _ *config.Organisation) { v.Salary = "£55,690 to £62,682" },
			want{map[string]any{"minValue": 55690.0, "maxValue": 62682.0, "unitText": "YEAR"}, "GBP", "Leeds", "GB", "", true}},
		{"hyphen range", func(v *config.Vacancy, _ *config.Organisation) { v.Salary = "£55,690 - £62,682" },
			want{map[string]any{"minValue": 55690.0, "maxValue": 62682.0, "unitText": "YEAR"}, "GBP", "Leeds", "GB", "", true}},
		{"one amount", func(v *config.Vacancy, _ *config.Organisation) { v.Salary = "£50,000" },
			want{map[string]any{"value": 50000.0, "unitText": "YEAR"}, "GBP", "Leeds", "GB", "", true}},
		{"k", func(v *config.Vacancy, _ *config.Organisation) { v.Salary = "£50k" },
			want{map[string]any{"value": 50000.0, "unitText": "YEAR"}, "GBP", "Leeds", "GB", "", true}},
		{"up to", func(v *config.Vacancy, _ *config.Organisation) { v.Salary = "up to £60,000" },
			want{map[string]any{"maxValue": 60000.0, "unitText": "YEAR"}, "GBP", "Leeds", "GB", "", true}},
		{"hourly", func(v *config.Vacancy, _ *config.Organisation) { v.Salary = "£25.50 per hour" },
			want{map[string]any{"value": 25.5, "unitText": "HOUR"}, "GBP", "Leeds", "GB", "", true}},
		{"monthly euros", func(v *config.Vacancy, _ *config.Organisation) { v.Salary = "€4,000 a month" },
			want{map[string]any{"value": 4000.0, "unitText": "MONTH"}, "EUR", "Leeds", "GB", "", true}},
		{"currency key", func(v *config.Vacancy, _ *config.Organisation) { v.Salary = "$90,000"; v.Currency = "CAD" },
			want{map[string]any{"value": 90000.0, "unitText": "YEAR"}, "CAD", "Leeds", "GB", "", true}},
		{"numbers win", func(v *config.Vacancy, _ *config.Organisation) {
			v.Salary, v.SalaryMin, v.SalaryMax = "£30 to £40 a day", 300, 400
		}, want{map[string]any{"minValue": 300.0, "maxValue": 400.0, "unitText": "DAY"}, "GBP", "Leeds", "GB", "", true}},
		{"no amount", func(v *config.Vacancy, _ *config.Organisation) { v.Salary = "Competitive" },
			want{nil, "", "Leeds", "GB", "", true}},
		{"remote uk", func(v *config.Vacancy, _ *config.Organisation) { v.Location = "Remote (UK)" },
			want{nil, "", "", "", "United Kingdom", false}},
		{"remote", func(v *config.Vacancy, o *config.Organisation) { v.Location = "remote"; o.Country = "IE" },
			want{nil, "", "", "", "Ireland", false}},
		{"onsite abroad", func(v *config.Vacancy, o *config.Organisation) { v.Location = "Dublin"; o.Country = "IE" },
			want{nil, "", "Dublin", "IE", "", false}},
		{"workplace key", func(v *config.Vacancy, _ *config.Organisation) { v.Location = "Sheffield"; v.Workplace = "remote" },
			want{nil, "", "Sheffield", "GB", "United Kingdom", false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := *kctx
			tc.edit(&c.Vacancy, &c.Organisation)
			c.Vacancy.Closing = "2026-12-14"
			b, err := e.Execute(context.Background(), "advert.jsonld.tmpl", &c)
			if err != nil {
				t.Fatal(err)
			}
			var jp map[string]any
			if err := json.Unmarshal(b, &jp); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, b)
			}
			for _, p := range googleProblems(jp, true) {
				t.Error(p)
			}
			w := tc.want
			if w.salary == nil {
				if s, ok := jp["baseSalary"]; ok {
					t.Errorf("baseSalary %v, want none", s)
				}
			} else {
				sal := jp["baseSalary"].(map[string]any)
				val := sal["value"].(map[string]any)
				delete(val, "@type")
				if sal["currency"] != w.currency || !reflect.DeepEqual(val, w.salary) {
					t.Errorf("baseSalary %v %v, want %s %v", sal["currency"], val, w.currency, w.salary)
				}
			}
			loc, _ := jp["jobLocation"].(map[string]any)
			if w.locality == "" {
				if loc != nil {
					t.Errorf("jobLocation %v, want none", loc)
				}
			} else if addr := loc["address"].(map[string]any); addr["addressLocality"] != w.locality || addr["addressCountry"] != w.country {
				t.Errorf("address %v, want %s, %s", addr, w.locality, w.country)
			}
			alr, _ := jp["applicantLocationRequirements"].(map[string]any)
			if got, _ := alr["name"].(string); got != w.remote || (w.remote != "") != (jp["jobLocationType"] == "TELECOMMUTE") {
				t.Errorf("jobLocationType %v, applicants in %q; want %q", jp["jobLocationType"], got, w.remote)
			}
			if hybrid := strings.Contains(jp["description"].(string), "Hybrid working"); hybrid != w.hybrid {
				t.Errorf("description says hybrid: %v, want %v", hybrid, w.hybrid)
			}
		})
	}
}

// TestJobPostingOrganisation: the hiring organisation's logo and sameAs
// come from organisation.logoUrl, website and sameAs, as URLs; directApply
// is true only for an apply address on the organisation's own site.
func TestJobPostingOrganisation(t *testing.T) {
	base := defaultContext(t, nil)
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	k, _ := render.LookupKinds([]string{"advert"})
	c := *base.For(k[0].ID, k[0].Title, false)
	c.Organisation.LogoURL = "https://www.example.org/logo.png"
	c.Organisation.SameAs = []string{"https://www.wikidata.org/wiki/Q42", "logo.png"}
	c.Organisation.Apply = "Apply at https://jobs.example.org/DE-042 by the closing date."
	b, err := e.Execute(context.Background(), "advert.jsonld.tmpl", &c)
	if err != nil {
		t.Fatal(err)
	}
	var jp map[string]any
	if err := json.Unmarshal(b, &jp); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	for _, p := range googleProblems(jp, false) {
		t.Error(p)
	}
	org := jp["hiringOrganization"].(map[string]any)
	if org["logo"] != "https://www.example.org/logo.png" {
		t.Errorf("logo %v", org["logo"])
	}
	if !reflect.DeepEqual(org["sameAs"], []any{"https://www.example.org", "https://www.wikidata.org/wiki/Q42"}) {
		t.Errorf("sameAs %v", org["sameAs"])
	}
	if jp["directApply"] != true {
		t.Errorf("directApply %v with an apply address on the organisation's site", jp["directApply"])
	}
}

// A Welsh posting's description is Welsh but for the framework's text:
// its lead-ins ("Beth fyddwch chi'n ei wneud") and its hybrid note come
// from the message catalogue, as the advert's headings do, and no English
// lead-in is left; the English posting keeps its own.
func TestJobPostingDescriptionInItsLanguage(t *testing.T) {
	e, err := render.NewEngine("")
	if err != nil {
		t.Fatal(err)
	}
	k, _ := render.LookupKinds([]string{"advert"})
	english := []string{"What you will do", "What you will bring", "What we offer", "How to apply", "Hybrid working", "based in"}
	for lang, want := range map[string][]string{
		"cy":    {"Beth fyddwch chi&#39;n ei wneud", "Beth fyddwch chi&#39;n ei gynnig", "Beth rydym yn ei gynnig", "Sut i wneud cais", "<p>Gweithio hybrid (lleoliad: Caerdydd).</p>"},
		"en-GB": append(english[:5:5], "<p>Hybrid working, based in Caerdydd.</p>"),
	} {
		base := defaultContext(t, func(c *config.Config) { c.Language = config.Languages(lang) })
		c := *base.For(k[0].ID, k[0].Title, false)
		c.Vacancy.Location = "Caerdydd (hybrid)"
		c.Organisation.Apply = "Apply at https://jobs.example.org/DE-042."
		b, err := e.Execute(context.Background(), "advert.jsonld.tmpl", &c)
		if err != nil {
			t.Fatal(err)
		}
		var jp map[string]any
		if err := json.Unmarshal(b, &jp); err != nil {
			t.Fatalf("%s: not JSON: %v\n%s", lang, err, b)
		}
		d := jp["description"].(string)
		for _, w := range want {
			if !strings.Contains(d, w) {
				t.Errorf("%s: description lacks %q:\n%s", lang, w, d)
			}
		}
		if lang == "cy" {
			for _, en := range english {
				if strings.Contains(d, en) {
					t.Errorf("cy: description has the English %q:\n%s", en, d)
				}
			}
		}
	}
}

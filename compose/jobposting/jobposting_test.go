package jobposting

import (
	"reflect"
	"testing"

	"github.com/rolepack/rolepack/config"
)

func TestParseSalary(t *testing.T) {
	for _, tc := range []struct {
		text string
		want *Salary
	}{
		{"£55,690 to £62,682", &Salary{Currency: "GBP", Min: 55690, Max: 62682, Unit: "YEAR"}},
		{"£55,690 to £62,682 a year", &Salary{Currency: "GBP", Min: 55690, Max: 62682, Unit: "YEAR"}},
		{"£55,690 - £62,682", &Salary{Currency: "GBP", Min: 55690, Max: 62682, Unit: "YEAR"}},
		{"£55,690–£62,682 per annum", &Salary{Currency: "GBP", Min: 55690, Max: 62682, Unit: "YEAR"}},
		{"£55,690 - 62,682", &Salary{Currency: "GBP", Min: 55690, Max: 62682, Unit: "YEAR"}},
		{"Band 8a: £55,690 to £62,682 (pro rata)", &Salary{Currency: "GBP", Min: 55690, Max: 62682, Unit: "YEAR"}},
		{"£50,000", &Salary{Currency: "GBP", Value: 50000, Unit: "YEAR"}},
		{"£50k", &Salary{Currency: "GBP", Value: 50000, Unit: "YEAR"}},
		{"£50-60k", &Salary{Currency: "GBP", Min: 50000, Max: 60000, Unit: "YEAR"}},
		{"up to £60,000", &Salary{Currency: "GBP", Max: 60000, Unit: "YEAR"}},
		{"From £30,000", &Salary{Currency: "GBP", Min: 30000, Unit: "YEAR"}},
		{"£25.50 per hour", &Salary{Currency: "GBP", Value: 25.5, Unit: "HOUR"}},
		{"£18.50 an hour", &Salary{Currency: "GBP", Value: 18.5, Unit: "HOUR"}},
		{"Hourly rate: £18.50", &Salary{Currency: "GBP", Value: 18.5, Unit: "HOUR"}},
		{"£400 a day", &Salary{Currency: "GBP", Value: 400, Unit: "DAY"}},
		{"£600 per week", &Salary{Currency: "GBP", Value: 600, Unit: "WEEK"}},
		{"£3,000 per month", &Salary{Currency: "GBP", Value: 3000, Unit: "MONTH"}},
		{"£55,690 to £62,682, 37.5 hours a week", &Salary{Currency: "GBP", Min: 55690, Max: 62682, Unit: "YEAR"}},
		{"€45,000 to €50,000", &Salary{Currency: "EUR", Min: 45000, Max: 50000, Unit: "YEAR"}},
		{"$90,000", &Salary{Currency: "USD", Value: 90000, Unit: "YEAR"}},
		{"USD 90,000", &Salary{Currency: "USD", Value: 90000, Unit: "YEAR"}},
		{"Band 8a", nil},
		{"Competitive", nil},
		{"", nil},
	} {
		if got := ParseSalary(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseSalary(%q) = %+v, want %+v", tc.text, got, tc.want)
		}
	}
}

func TestParseLocation(t *testing.T) {
	for _, tc := range []struct {
		text string
		want Location
	}{
		{"Leeds", Location{Place: "Leeds", Workplace: "onsite"}},
		{"Leeds (hybrid)", Location{Place: "Leeds", Workplace: "hybrid"}},
		{"Hybrid – Leeds", Location{Place: "Leeds", Workplace: "hybrid"}},
		{"Remote (UK)", Location{Workplace: "remote", Country: "GB"}},
		{"remote", Location{Workplace: "remote"}},
		{"Remote (anywhere in Ireland)", Location{Workplace: "remote", Country: "IE"}},
		{"London or remote", Location{Place: "London", Workplace: "remote"}},
		{"Leeds, UK", Location{Place: "Leeds", Workplace: "onsite", Country: "GB"}},
		{"Dublin, Ireland (hybrid)", Location{Place: "Dublin", Workplace: "hybrid", Country: "IE"}},
		{"Leeds (city centre)", Location{Place: "Leeds (city centre)", Workplace: "onsite"}},
		{"", Location{Workplace: "onsite"}},
	} {
		if got := ParseLocation(tc.text); got != tc.want {
			t.Errorf("ParseLocation(%q) = %+v, want %+v", tc.text, got, tc.want)
		}
	}
}

func TestNew(t *testing.T) {
	org := config.Organisation{Name: "Example", Website: "https://www.example.org",
		Apply: "Apply at https://jobs.example.org/DE-042."}
	j := New(config.Vacancy{Location: "Remote (UK)", Salary: "£50k"}, org)
	if !j.Remote() || j.ApplicantCountry != "United Kingdom" || j.Locality != "" || j.Country != "GB" {
		t.Errorf("remote UK: %+v", j)
	}
	if !j.DirectApply {
		t.Error("an apply address on the organisation's site: DirectApply false")
	}
	if !reflect.DeepEqual(j.SameAs, []string{"https://www.example.org"}) || j.LogoURL != "" {
		t.Errorf("sameAs %q, logo %q", j.SameAs, j.LogoURL)
	}

	org.Country = "ie"
	org.LogoURL = "https://www.example.org/logo.png"
	org.SameAs = []string{"https://www.wikidata.org/wiki/Q1", "https://www.example.org", "not a url"}
	org.Apply = "Apply at https://ats.example.com/42"
	j = New(config.Vacancy{Location: "remote", SalaryMin: 40000, SalaryMax: 30000, Salary: "£30,000 to £40,000 a year", Currency: "eur"}, org)
	if j.ApplicantCountry != "Ireland" || j.Country != "IE" {
		t.Errorf("organisation country IE: applicants %q, country %q", j.ApplicantCountry, j.Country)
	}
	if j.DirectApply {
		t.Error("an apply address on another site: DirectApply true")
	}
	if j.LogoURL != org.LogoURL || !reflect.DeepEqual(j.SameAs, []string{"https://www.example.org", "https://www.wikidata.org/wiki/Q1"}) {
		t.Errorf("logo %q, sameAs %q", j.LogoURL, j.SameAs)
	}
	if want := (&Salary{Currency: "EUR", Min: 30000, Max: 40000, Unit: "YEAR"}); !reflect.DeepEqual(j.Salary, want) {
		t.Errorf("salary %+v, want %+v", j.Salary, want)
	}

	j = New(config.Vacancy{Location: "Leeds", Workplace: "Hybrid", SalaryMax: 60000, Salary: "£25 an hour"}, config.Organisation{Country: "Narnia"})
	if !j.Hybrid() || j.Locality != "Leeds" || j.Country != "GB" {
		t.Errorf("workplace set, bad country: %+v", j)
	}
	if want := (&Salary{Currency: "GBP", Max: 60000, Unit: "HOUR"}); !reflect.DeepEqual(j.Salary, want) {
		t.Errorf("salary %+v, want %+v", j.Salary, want)
	}
	if j.LogoURL != "" || j.SameAs != nil || j.DirectApply {
		t.Errorf("no website: %+v", j)
	}
}

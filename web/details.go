package web

import (
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rolepack/rolepack/config"
)

// details are the vacancy, organisation and plan details a session fills
// in, by field name, as typed.
type details map[string]string

// field is one input of the details form.
type field struct {
	Name  string
	Label string
	Hint  string
	Group string // the fieldset it belongs to
	Type  string // input type: text, number, date, email, url, textarea, select
	// Auto is the autocomplete token, if any.
	Auto string
	// Options are a select's values and labels.
	Options []option
	// Blanks are the labels documents give the field where it is left
	// blank ("Band or grade"), so a blank links to its field; one that
	// starts with "…" is the end of a sentence ("…closing date is").
	Blanks []string
	Max    int // most characters
}

type option struct{ Value, Label string }

// Field groups, in form order.
const (
	groupVacancy = "The vacancy"
	groupOrg     = "Your organisation"
	groupPlan    = "Development plan"
)

// employmentTypes are schema.org JobPosting employment types.
var employmentTypes = []option{
	{"", "Not stated"}, {"FULL_TIME", "Full time"}, {"PART_TIME", "Part time"}, {"CONTRACTOR", "Contractor"},
	{"TEMPORARY", "Temporary"}, {"INTERN", "Intern"}, {"VOLUNTEER", "Volunteer"}, {"PER_DIEM", "Per diem"}, {"OTHER", "Other"},
}

// welshOptions are the Welsh language categories of a post (vacancy.welsh),
// labelled in the Welsh Language Standards' words, after "Not stated".
func welshOptions() []option {
	out := []option{{"", "Not stated"}}
	for _, c := range config.WelshCategories {
		out = append(out, option{c, config.Vacancy{Welsh: c}.WelshLanguage()})
	}
	return out
}

// fields are the inputs of the details form, in order.
// The plan's target level is one of levels, the role's.
func fields(roleLevels []level) []field {
	levels := []option{{"", "The next level up"}}
	for _, l := range roleLevels {
		levels = append(levels, option{l.ID, l.Label})
	}
	return []field{
		{Name: "reference", Label: "Vacancy reference", Hint: "For example, DE-2026-014", Group: groupVacancy, Type: "text", Max: 60, Blanks: []string{"Reference", "Vacancy reference", "…quote reference"}},
		{Name: "band", Label: "Band or grade", Hint: "For example, Band 7 or Grade 7", Group: groupVacancy, Type: "text", Max: 60, Blanks: []string{"Band or grade"}},
		{Name: "salary", Label: "Salary as written in the advert", Hint: "For example, £46,148 to £52,809 a year", Group: groupVacancy, Type: "text", Max: 120, Blanks: []string{"Salary"}},
		{Name: "salaryMin", Label: "Lowest salary, in pounds", Hint: "A number, for example 46148", Group: groupVacancy, Type: "number", Max: 12},
		{Name: "salaryMax", Label: "Highest salary, in pounds", Hint: "A number, for example 52809", Group: groupVacancy, Type: "number", Max: 12},
		{Name: "hours", Label: "Hours", Hint: "For example, 37.5 hours a week", Group: groupVacancy, Type: "text", Max: 80, Blanks: []string{"Hours"}},
		{Name: "contract", Label: "Contract", Hint: "For example, Permanent or Fixed term for 12 months", Group: groupVacancy, Type: "text", Max: 80, Blanks: []string{"Contract"}},
		{Name: "employmentType", Label: "Employment type (for job boards)", Group: groupVacancy, Type: "select", Options: employmentTypes},
		{Name: "welsh", Label: "Welsh language skills", Hint: "The post's category under the Welsh Language Standards", Group: groupVacancy, Type: "select", Options: welshOptions()},
		{Name: "location", Label: "Location", Hint: "For example, Leeds (hybrid)", Group: groupVacancy, Type: "text", Max: 120, Blanks: []string{"Location"}},
		{Name: "posted", Label: "Date posted", Hint: "For example, 2026-03-02", Group: groupVacancy, Type: "date", Max: 10},
		{Name: "closing", Label: "Closing date", Hint: "For example, 2026-03-31", Group: groupVacancy, Type: "date", Max: 10, Blanks: []string{"…closing date is", "Closing date"}},
		{Name: "reportsTo", Label: "Reports to", Hint: "A job title, for example Chief Data Officer", Group: groupVacancy, Type: "text", Max: 120, Blanks: []string{"Reports to"}},
		{Name: "contact", Label: "Contact for an informal conversation", Hint: "A name and an email address or phone number", Group: groupVacancy, Type: "text", Max: 160, Blanks: []string{"…contact"}},
		{Name: "panel", Label: "Interview panel", Hint: "One name a line; each gets a scoring sheet", Group: groupVacancy, Type: "textarea", Max: 2000},
		{Name: "organisation", Label: "Organisation name", Group: groupOrg, Type: "text", Auto: "organization", Max: 120},
		{Name: "department", Label: "Department", Group: groupOrg, Type: "text", Max: 120, Blanks: []string{"Department"}},
		{Name: "website", Label: "Website", Hint: "An address starting https://", Group: groupOrg, Type: "url", Auto: "url", Max: 200},
		{Name: "contactEmail", Label: "Recruitment email address", Hint: "Optional; added to the contact for an informal conversation", Group: groupOrg, Type: "email", Auto: "email", Max: 120},
		{Name: "person", Label: "Name of the person the plan is for", Group: groupPlan, Type: "text", Max: 120, Blanks: []string{"Name"}},
		{Name: "manager", Label: "Their line manager", Group: groupPlan, Type: "text", Max: 120, Blanks: []string{"Line manager"}},
		{Name: "to", Label: "Level they are working towards", Group: groupPlan, Type: "select", Options: levels},
		{Name: "period", Label: "Length of the plan", Hint: "For example, 12 months, or April 2026 to March 2027", Group: groupPlan, Type: "text", Max: 80},
	}
}

// detailsFrom returns the details a config states. The plan's target
// level is left to the default, the level above the one on screen.
func detailsFrom(cfg *config.Config) details {
	v, o, p := cfg.Vacancy, cfg.Organisation, cfg.PDP
	d := details{
		"reference": v.Reference, "band": v.Band, "salary": v.Salary,
		"hours": v.Hours, "contract": v.Contract, "employmentType": v.EmploymentType, "welsh": v.Welsh, "location": v.Location,
		"posted": v.Posted, "closing": v.Closing, "reportsTo": v.ReportsTo, "contact": v.Contact,
		"panel":        strings.Join(v.Panel, "\n"),
		"organisation": o.Name, "department": o.Department, "website": o.Website,
		"person": p.Person, "manager": p.Manager, "period": p.Period,
	}
	if v.SalaryMin > 0 {
		d["salaryMin"] = strconv.FormatFloat(v.SalaryMin, 'f', -1, 64)
	}
	if v.SalaryMax > 0 {
		d["salaryMax"] = strconv.FormatFloat(v.SalaryMax, 'f', -1, 64)
	}
	return d
}

// read takes the details form's values from a parsed form.
func read(form url.Values, fs []field) details {
	d := details{}
	for _, f := range fs {
		v := strings.ReplaceAll(form.Get(f.Name), "\r\n", "\n")
		if f.Type != "textarea" {
			v = strings.Join(strings.Fields(v), " ")
		}
		v = strings.TrimSpace(v)
		if f.Type == "date" {
			v = normalDate(v)
		}
		d[f.Name] = v
	}
	return d
}

// check validates each field with the CLI's rules, returning a message
// per field at fault that says what to enter ("Enter the lowest salary as
// a number, for example 46,148"). A number or date is checked as one
// before its length, so "fifty thousand" is told it is not a number.
func check(d details, fs []field) map[string]string {
	errs := map[string]string{}
	for _, f := range fs {
		v := d[f.Name]
		if !utf8.ValidString(v) || strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f }) {
			errs[f.Name] = f.Label + " must only include letters, numbers, spaces and punctuation you can type"
			continue
		}
		if v == "" {
			continue
		}
		if msg := checkValue(f, v); msg != "" {
			errs[f.Name] = msg
			continue
		}
		if n := utf8.RuneCountInString(v); f.Max > 0 && n > f.Max {
			errs[f.Name] = fmt.Sprintf("%s must be %d characters or fewer (it has %d)", f.Label, f.Max, n)
		}
	}
	if _, ok := errs["salaryMax"]; !ok && errs["salaryMin"] == "" {
		lo, _ := parseAmount(d["salaryMin"])
		hi, _ := parseAmount(d["salaryMax"])
		if lo > 0 && hi > 0 && lo > hi {
			errs["salaryMax"] = "Highest salary must be the same as or more than the lowest salary"
		}
	}
	if errs["posted"] == "" && errs["closing"] == "" && d["posted"] != "" && d["closing"] != "" && d["closing"] < d["posted"] {
		errs["closing"] = "Closing date must be the same as or after the date posted"
	}
	return errs
}

// checkValue says what to enter when v is not a value of f's type, or "".
func checkValue(f field, v string) string {
	what := f.Label
	if !strings.HasPrefix(what, "Welsh ") { // a language's name keeps its capital
		what = strings.ToLower(what[:1]) + what[1:]
	}
	switch f.Type {
	case "number":
		what = strings.TrimSuffix(what, ", in pounds")
		n, err := parseAmount(v)
		if err != nil {
			return fmt.Sprintf("Enter the %s as a number, for example %s", what, examples[f.Name])
		}
		if n < 0 || n > config.MaxSalary {
			return fmt.Sprintf("Enter a %s from 0 to %s", what, thousands(int(config.MaxSalary)))
		}
	case "date":
		if _, err := config.ParseDate(v); err != nil {
			return fmt.Sprintf("Enter the %s as a real date, for example 2026-03-31 or 31/03/2026", what)
		}
	case "url":
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Sprintf("Enter the %s starting https://, for example https://www.example.org", what)
		}
	case "email":
		if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
			return fmt.Sprintf("Enter the %s in the correct format, like jobs@example.org", what)
		}
	case "select":
		for _, o := range f.Options {
			if o.Value == v {
				return ""
			}
		}
		return "Select the " + what + " from the list"
	}
	return ""
}

// examples are the example values of the number fields' messages.
var examples = map[string]string{"salaryMin": "46,148", "salaryMax": "52,809"}

// dateForms are the ways people write a date that read() turns into
// YYYY-MM-DD, the form the config takes.
var dateForms = []string{"2006-01-02", "02/01/2006", "2/1/2006", "2 January 2006", "2 Jan 2006", "02-01-2006", "2.1.2006"}

// normalDate is s as YYYY-MM-DD when it is a date written in one of
// dateForms, else s as typed (check then says what to enter).
func normalDate(s string) string {
	for _, l := range dateForms {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return s
}

// parseAmount reads a salary figure such as "46148", "46,148" or "£46,148".
func parseAmount(s string) (float64, error) {
	s = strings.NewReplacer(",", "", "£", "", " ", "").Replace(s)
	if s == "" {
		return 0, nil
	}
	return strconv.ParseFloat(s, 64)
}

// apply returns a copy of cfg with the details set over it; the details
// must have passed check. A target level that is not one of the role's
// levels is left to the default (the next level up).
func (d details) apply(cfg *config.Config, roleLevels []level) *config.Config {
	c := *cfg
	v := &c.Vacancy
	v.Reference, v.Band, v.Salary = d["reference"], d["band"], d["salary"]
	v.SalaryMin, _ = parseAmount(d["salaryMin"])
	v.SalaryMax, _ = parseAmount(d["salaryMax"])
	v.Hours, v.Contract, v.EmploymentType, v.Location = d["hours"], d["contract"], d["employmentType"], d["location"]
	v.Posted, v.Closing, v.ReportsTo, v.Contact = d["posted"], d["closing"], d["reportsTo"], d["contact"]
	v.Welsh = d["welsh"]
	if e := d["contactEmail"]; e != "" {
		if v.Contact != "" {
			v.Contact += ", " + e
		} else {
			v.Contact = e
		}
	}
	v.Panel = panelNames(d["panel"])
	c.Organisation.Name, c.Organisation.Department, c.Organisation.Website = d["organisation"], d["department"], d["website"]
	c.PDP.Person, c.PDP.Manager, c.PDP.Period = d["person"], d["manager"], d["period"]
	// The plan starts at the role and level on screen.
	c.PDP.Role, c.PDP.From, c.PDP.TargetRole, c.PDP.To = "", "", "", ""
	for _, l := range roleLevels {
		if l.ID == d["to"] {
			c.PDP.To = l.ID
		}
	}
	return &c
}

// detailsRev is the revision of details d that a details form was opened
// with (revisionOf its fields).
func detailsRev(d details, fs []field) string {
	return revisionOf(d.of(fs))
}

// of is d's values of the fields fs, "" where d has none.
func (d details) of(fs []field) map[string]string {
	out := make(map[string]string, len(fs))
	for _, f := range fs {
		out[f.Name] = d[f.Name]
	}
	return out
}

// mergeDetails merges typed, posted by a form opened when the details'
// revision was base, with saved, the details now (revision.merge): a
// field changed both here and elsewhere keeps what was typed and is a
// conflict, its message naming the saved value. With no base, typed is
// the whole answer.
func mergeDetails(typed, saved details, base revision, fs []field) (details, map[string]string) {
	merged, clash := base.merge(typed.of(fs), saved.of(fs))
	conflicts := map[string]string{}
	for _, f := range fs {
		if slices.Contains(clash, f.Name) {
			conflicts[f.Name] = fmt.Sprintf("“%s” was %s in another tab or window after this page was opened: save again to replace it with what is typed here", f.Label, savedAs(f, saved[f.Name]))
		}
	}
	return details(merged), conflicts
}

// savedAs is how a conflict names a field's saved value: "saved as
// “Band 7”" (a choice by its label), or "cleared".
func savedAs(f field, v string) string {
	if v == "" {
		return "cleared"
	}
	for _, o := range f.Options {
		if o.Value == v {
			v = o.Label
		}
	}
	if f.Type == "textarea" {
		v = strings.ReplaceAll(v, "\n", "; ")
	}
	return "saved as “" + v + "”"
}

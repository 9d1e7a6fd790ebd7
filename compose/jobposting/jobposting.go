// Package jobposting reads what the advert's schema.org JobPosting
// (JSON-LD) says from a vacancy and its organisation: the salary out of
// its text, where the job is done, and the organisation's logo and pages.
// It depends on the config alone; compose's Context.JobPosting gives
// templates its Posting.
package jobposting

import (
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/rolepack/rolepack/config"
)

// Posting is what the advert's schema.org JobPosting (JSON-LD) says
// beyond the config's own strings: the salary read from its text, where the
// job is done, and the hiring organisation's logo and other pages. Nothing
// is invented: a part the config does not give is empty.
type Posting struct {
	Salary *Salary // baseSalary; nil when the vacancy gives no amount
	// Locality is the place of work (addressLocality) with the workplace
	// words taken out: "Leeds" for "Leeds (hybrid)"; empty for a remote job
	// with no place.
	Locality string
	Country  string // the place's country, ISO 3166-1 alpha-2 (addressCountry)
	// Workplace is onsite, hybrid or remote: vacancy.workplace, else read
	// from the location ("remote", "hybrid").
	Workplace string
	// ApplicantCountry names the country a remote job's applicants must be
	// in (applicantLocationRequirements): the country in the location text
	// ("Remote (UK)"), else the organisation's.
	ApplicantCountry string
	LogoURL          string   // hiringOrganization.logo: organisation.logoUrl when it is an absolute http(s) URL
	SameAs           []string // organisation.website then organisation.sameAs, absolute http(s) URLs only
	// DirectApply is true when organisation.apply gives an address to apply
	// at on the organisation's own website.
	DirectApply bool
}

// Remote reports whether the job is done remotely (jobLocationType
// TELECOMMUTE).
func (j Posting) Remote() bool { return j.Workplace == config.WorkplaceRemote }

// Hybrid reports whether the job is split between a workplace and home.
func (j Posting) Hybrid() bool { return j.Workplace == config.WorkplaceHybrid }

// Salary is a schema.org MonetaryAmount: an amount or a range in a
// currency per unit of time. Min and Max are 0 when not given; a single
// amount is Value.
type Salary struct {
	Currency string  // ISO 4217: GBP, EUR, USD
	Min, Max float64 // a range, or one end of it ("up to £60,000" has Max only)
	Value    float64 // a single amount ("£50,000")
	Unit     string  // HOUR, DAY, WEEK, MONTH or YEAR
}

// DefaultCountry is the organisation's country when organisation.country
// is not set.
const DefaultCountry = "GB"

// New reads the salary, place and organisation pages of a
// vacancy.
func New(v config.Vacancy, o config.Organisation) Posting {
	country := strings.ToUpper(strings.TrimSpace(o.Country))
	if !isAlpha2(country) {
		country = DefaultCountry
	}
	j := Posting{Country: country, Salary: vacancySalary(v)}
	loc := ParseLocation(v.Location)
	j.Locality = loc.Place
	j.Workplace = loc.Workplace
	if w := strings.ToLower(strings.TrimSpace(v.Workplace)); w == config.WorkplaceOnsite || w == config.WorkplaceHybrid || w == config.WorkplaceRemote {
		j.Workplace = w
	}
	if loc.Country != "" {
		j.Country = loc.Country
	}
	if j.Remote() {
		j.ApplicantCountry = countryName(j.Country)
	}
	if u := absoluteURL(o.LogoURL); u != "" {
		j.LogoURL = u
	}
	for _, s := range append([]string{o.Website}, o.SameAs...) {
		if u := absoluteURL(s); u != "" && !slices.Contains(j.SameAs, u) {
			j.SameAs = append(j.SameAs, u)
		}
	}
	j.DirectApply = applyOnSite(o.Apply, o.Website)
	return j
}

// vacancySalary is the vacancy's salary: the amounts of vacancy.salaryMin
// and salaryMax when either is set, else those read from vacancy.salary;
// the unit and currency come from the text, vacancy.currency overriding.
func vacancySalary(v config.Vacancy) *Salary {
	s := ParseSalary(v.Salary)
	if v.SalaryMin > 0 || v.SalaryMax > 0 {
		unit, cur := "YEAR", DefaultCurrency
		if s != nil {
			unit, cur = s.Unit, s.Currency
		} else if v.Salary != "" {
			unit = salaryUnit(strings.ToLower(v.Salary))
		}
		s = &Salary{Currency: cur, Unit: unit}
		switch {
		case v.SalaryMin > 0 && v.SalaryMax > 0:
			s.Min, s.Max = min(v.SalaryMin, v.SalaryMax), max(v.SalaryMin, v.SalaryMax)
		case v.SalaryMin > 0:
			s.Min = v.SalaryMin
		default:
			s.Max = v.SalaryMax
		}
	}
	if s != nil {
		if c := strings.ToUpper(strings.TrimSpace(v.Currency)); len(c) == 3 && isUpper(c) {
			s.Currency = c
		}
	}
	return s
}

// DefaultCurrency is a salary's currency when neither its text nor
// vacancy.currency says.
const DefaultCurrency = "GBP"

// amountPattern matches an amount of money: an optional currency symbol or
// code, digits (grouped by commas or not), optional pence or cents, and an
// optional k for thousands.
var amountPattern = regexp.MustCompile(`(?i)(US\$|£|€|\$|\b(?:GBP|EUR|USD)\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?(\s?k\b)?`)

// rangeJoin matches what may stand between the two amounts of a range.
var rangeJoin = regexp.MustCompile(`(?i)^\s*(?:-|–|—|to|and|up to)\s*$`)

// ParseSalary reads a salary written as text: "£55,690 to £62,682",
// "£55,690 - £62,682", "£50,000", "£50k", "up to £60,000", "from £30,000",
// "£25.50 per hour". An amount must carry a currency symbol or code (or a
// k), except the second of a range; text with none ("Band 8a",
// "Competitive") gives nil. The unit is YEAR unless the text says hour,
// day, week or month; the currency is the symbol's (£ GBP, € EUR, $ USD),
// else GBP.
func ParseSalary(text string) *Salary {
	ms := amountPattern.FindAllStringSubmatchIndex(text, -1)
	first := -1
	for i, m := range ms {
		if m[2] >= 0 || m[8] >= 0 {
			first = i
			break
		}
	}
	if first < 0 {
		return nil
	}
	m := ms[first]
	var cur string
	if m[2] >= 0 {
		cur = text[m[2]:m[3]]
	}
	s := &Salary{Currency: currencyOf(cur)}
	a, ok := amount(text, m)
	if !ok {
		return nil
	}
	// The unit is said before the first amount ("Hourly rate: £25.50") or
	// after the last, before any other number ("£25.50 per hour, 37.5 hours
	// a week").
	start, end := 0, m[1]
	if first > 0 {
		start = ms[first-1][1]
	}
	next := first + 1
	if next < len(ms) {
		n := ms[next]
		if rangeJoin.MatchString(text[m[1]:n[0]]) {
			if b, ok := amount(text, n); ok {
				if n[8] >= 0 && m[8] < 0 && a < b/100 { // "£50-60k"
					a *= 1000
				}
				s.Min, s.Max = min(a, b), max(a, b)
				end = n[1]
				next++
			}
		}
	}
	stop := len(text)
	if next < len(ms) {
		stop = ms[next][0]
	}
	s.Unit = salaryUnit(strings.ToLower(text[start:m[0]] + " " + text[end:stop]))
	if s.Min > 0 {
		return s
	}
	before := strings.ToLower(text[:m[0]])
	switch {
	case upToWords.MatchString(before):
		s.Max = a
	case fromWords.MatchString(before):
		s.Min = a
	default:
		s.Value = a
	}
	return s
}

var (
	upToWords = regexp.MustCompile(`\b(up to|to|maximum|max\.?|no more than)\s*$`)
	fromWords = regexp.MustCompile(`\b(from|starting at|starting from|minimum|min\.?|at least)\s*$`)
)

// amount is the value of the amount matched by m.
func amount(text string, m []int) (float64, bool) {
	digits := strings.ReplaceAll(text[m[4]:m[5]], ",", "")
	if m[6] >= 0 {
		digits += text[m[6]:m[7]]
	}
	a, err := strconv.ParseFloat(digits, 64)
	if err != nil || a <= 0 || math.IsInf(a, 0) {
		return 0, false
	}
	if m[8] >= 0 {
		a *= 1000
	}
	return a, true
}

// currencyOf is the ISO 4217 code of a currency symbol or code.
func currencyOf(sym string) string {
	switch strings.ToUpper(strings.TrimSpace(sym)) {
	case "€", "EUR":
		return "EUR"
	case "$", "US$", "USD":
		return "USD"
	}
	return DefaultCurrency
}

// unitWords match the words that give a salary's unit of time.
var unitWords = []struct {
	unit string
	re   *regexp.Regexp
}{
	{"HOUR", regexp.MustCompile(`\b(hour|hours|hourly|hr|ph)\b|p/h`)},
	{"DAY", regexp.MustCompile(`\b(day|daily|per diem)\b`)},
	{"WEEK", regexp.MustCompile(`\b(week|weekly|pw)\b|p/w`)},
	{"MONTH", regexp.MustCompile(`\b(month|monthly|pcm)\b`)},
}

// salaryUnit is the unit of time a lower-case salary text gives, YEAR when
// it names none.
func salaryUnit(lower string) string {
	for _, u := range unitWords {
		if u.re.MatchString(lower) {
			return u.unit
		}
	}
	return "YEAR"
}

// Location is a vacancy's location text read apart: the place, the
// workplace the text names, and a country it names.
type Location struct {
	Place     string // "Leeds" for "Leeds (hybrid)"; empty for "Remote (UK)"
	Workplace string // remote, hybrid, else onsite
	Country   string // ISO 3166-1 alpha-2 of a country the text names ("UK", "Leeds, United Kingdom"), else empty
}

var (
	remoteWords = regexp.MustCompile(`(?i)\b(fully remote|remote working|remote|home[- ]based|work(?:ing)? from home|wfh)\b`)
	hybridWords = regexp.MustCompile(`(?i)\b(hybrid working|hybrid)\b`)
	parenthesis = regexp.MustCompile(`\(([^()]*)\)`)
)

// ParseLocation reads a location: "Leeds (hybrid)", "Remote (UK)",
// "remote", "Hybrid – Leeds", "Leeds, UK".
func ParseLocation(text string) Location {
	var l Location
	switch {
	case remoteWords.MatchString(text):
		l.Workplace = config.WorkplaceRemote
	case hybridWords.MatchString(text):
		l.Workplace = config.WorkplaceHybrid
	default:
		l.Workplace = config.WorkplaceOnsite
	}
	// A parenthesis naming a country gives it; one holding only workplace
	// words goes.
	rest := parenthesis.ReplaceAllStringFunc(text, func(p string) string {
		inner := strings.TrimSpace(p[1 : len(p)-1])
		if code := endsWithCountry(inner); code != "" {
			l.Country = code
			return ""
		}
		if strings.Trim(hybridWords.ReplaceAllString(remoteWords.ReplaceAllString(inner, ""), ""), " ,;/-–—") == "" {
			return ""
		}
		return p
	})
	rest = remoteWords.ReplaceAllString(rest, "")
	rest = hybridWords.ReplaceAllString(rest, "")
	rest = strings.Join(strings.Fields(rest), " ")
	// A final ", country" or a lone country.
	if i := strings.LastIndex(rest, ","); i >= 0 {
		if code := countryCode(rest[i+1:]); code != "" {
			l.Country, rest = code, rest[:i]
		}
	} else if code := countryCode(rest); code != "" {
		l.Country, rest = code, ""
	}
	l.Place = trimJoiners(strings.Trim(rest, " ,;:/-–—"))
	if l.Place != "" && !strings.ContainsFunc(l.Place, isLetter) {
		l.Place = ""
	}
	return l
}

// trimJoiners drops "or", "and" and "with" left at either end of a place
// once the workplace words are out ("London or remote").
func trimJoiners(s string) string {
	w := strings.Fields(s)
	joiner := func(x string) bool {
		x = strings.ToLower(x)
		return x == "or" || x == "and" || x == "with" || x == "/" || x == "&"
	}
	for len(w) > 0 && joiner(w[0]) {
		w = w[1:]
	}
	for len(w) > 0 && joiner(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	return strings.Trim(strings.Join(w, " "), " ,;:/-–—")
}

// endsWithCountry is the code of the country s names or ends with
// ("within the UK"), or "".
func endsWithCountry(s string) string {
	s = strings.TrimSpace(s)
	for _, c := range countries {
		for _, n := range c.names {
			if strings.EqualFold(s, n) || len(s) > len(n) && s[len(s)-len(n)-1] == ' ' && strings.EqualFold(s[len(s)-len(n):], n) {
				return c.code
			}
		}
	}
	return ""
}

func isLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f
}

// countries are the countries a location may name, by ISO 3166-1 alpha-2
// code, with the names and abbreviations that stand for them. The first
// name is the one written.
var countries = []struct {
	code  string
	names []string
}{
	{"GB", []string{"United Kingdom", "UK", "U.K.", "Great Britain", "Britain", "GB"}},
	{"IE", []string{"Ireland", "Republic of Ireland", "IE"}},
	{"US", []string{"United States", "USA", "US", "U.S.", "United States of America"}},
	{"CA", []string{"Canada"}},
	{"AU", []string{"Australia"}},
	{"NZ", []string{"New Zealand"}},
	{"DE", []string{"Germany"}},
	{"FR", []string{"France"}},
	{"NL", []string{"Netherlands", "The Netherlands"}},
	{"BE", []string{"Belgium"}},
	{"ES", []string{"Spain"}},
	{"PT", []string{"Portugal"}},
	{"IT", []string{"Italy"}},
	{"CH", []string{"Switzerland"}},
	{"AT", []string{"Austria"}},
	{"SE", []string{"Sweden"}},
	{"NO", []string{"Norway"}},
	{"DK", []string{"Denmark"}},
	{"FI", []string{"Finland"}},
	{"PL", []string{"Poland"}},
	{"IN", []string{"India"}},
	{"SG", []string{"Singapore"}},
	{"ZA", []string{"South Africa"}},
}

// countryCode is the code of the country s names, or "".
func countryCode(s string) string {
	s = strings.TrimSpace(s)
	for _, c := range countries {
		for _, n := range c.names {
			if strings.EqualFold(s, n) {
				return c.code
			}
		}
	}
	return ""
}

// countryName is the name of the country with this code, the code itself
// for a country not in the table.
func countryName(code string) string {
	for _, c := range countries {
		if c.code == code {
			return c.names[0]
		}
	}
	return code
}

func isAlpha2(s string) bool { return len(s) == 2 && isUpper(s) }

func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

// absoluteURL is s when it is an absolute http or https URL with a host,
// else "".
func absoluteURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return s
}

var urlPattern = regexp.MustCompile(`https?://[^\s<>"')]+`)

// applyOnSite reports whether the apply text gives an address on the
// organisation's website (its host, or a host under it once "www." is
// dropped: jobs.example.org for www.example.org).
func applyOnSite(apply, website string) bool {
	site, err := url.Parse(strings.TrimSpace(website))
	if err != nil || site.Hostname() == "" {
		return false
	}
	home := strings.TrimPrefix(strings.ToLower(site.Hostname()), "www.")
	for _, s := range urlPattern.FindAllString(apply, -1) {
		u, err := url.Parse(strings.TrimRight(s, ".,;:"))
		if err != nil {
			continue
		}
		h := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		if h == home || strings.HasSuffix(h, "."+home) {
			return true
		}
	}
	return false
}

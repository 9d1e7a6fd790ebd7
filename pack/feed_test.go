package pack

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack/compose/jobposting"
	"github.com/rolepack/rolepack/config"
)

// indeedFeed is Indeed's XML feed as encoding/xml reads it.
type indeedFeed struct {
	XMLName       xml.Name `xml:"source"`
	Publisher     string   `xml:"publisher"`
	PublisherURL  string   `xml:"publisherurl"`
	LastBuildDate string   `xml:"lastBuildDate"`
	Jobs          []struct {
		Title           string `xml:"title"`
		Date            string `xml:"date"`
		ReferenceNumber string `xml:"referencenumber"`
		RequisitionID   string `xml:"requisitionid"`
		URL             string `xml:"url"`
		Company         string `xml:"company"`
		City            string `xml:"city"`
		Country         string `xml:"country"`
		Description     string `xml:"description"`
		Salary          string `xml:"salary"`
		JobType         string `xml:"jobtype"`
	} `xml:"job"`
}

func parseFeed(t *testing.T, b []byte) indeedFeed {
	t.Helper()
	var f indeedFeed
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("feed.xml does not parse: %v\n%s", err, b)
	}
	return f
}

var entity = regexp.MustCompile(`&[#A-Za-z0-9]+;`)

// TestFeedListsReadyVacancies: the feeds of examples/vacancies.csv, with
// a row that needs input and one that fails added, parse (encoding/xml,
// encoding/json) and list exactly the ready vacancies, in manifest order,
// with each advert's own JSON-LD, and no HTML entity in their text.
func TestFeedListsReadyVacancies(t *testing.T) {
	e := newEnv(t)
	data, err := os.ReadFile(filepath.Join("..", "examples", "vacancies.csv"))
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, "DE-104,data-engineer,senior,Remote (UK),,,,,2026-12-21,,,\n"+ // no band or salary: needs input
		"DE-105,data-engineer,mid,York,Band 7,£40k,,,2026-31-12,,,\n"...) // bad date: fails
	rows := mustRows(t, "vacancies.csv", string(data))
	out := t.TempDir()
	b := e.batch(out, textFormats(t, e))
	b.FeedURL = "https://jobs.example.org/campaign/"
	s, err := b.Run(context.Background(), rows)
	if err != nil {
		t.Fatal(err)
	}
	var ready []Result
	for _, r := range s.Results {
		if indexStatus(r.Status, r.Missing) == "ready" {
			ready = append(ready, r)
		}
	}
	if len(ready) != 3 || s.Failed != 1 {
		t.Fatalf("%d ready, %d failed; want the example's 3 ready and 1 failed", len(ready), s.Failed)
	}
	x, err := os.ReadFile(filepath.Join(out, FeedXML))
	if err != nil {
		t.Fatal(err)
	}
	f := parseFeed(t, x)
	if f.Publisher != e.cfg.Organisation.Name || f.LastBuildDate != "Sat, 21 Nov 2026 00:00:00 GMT" {
		t.Errorf("publisher %q, lastBuildDate %q", f.Publisher, f.LastBuildDate)
	}
	if len(f.Jobs) != len(ready) {
		t.Fatalf("feed.xml lists %d jobs, want the %d ready vacancies", len(f.Jobs), len(ready))
	}
	lines := strings.Split(strings.TrimSuffix(string(mustRead(t, filepath.Join(out, FeedJSONL))), "\n"), "\n")
	if len(lines) != len(ready) {
		t.Fatalf("feed.jsonl has %d lines, want %d", len(lines), len(ready))
	}
	for i, r := range ready {
		j := f.Jobs[i]
		if j.ReferenceNumber != r.Name || j.RequisitionID != r.Reference {
			t.Errorf("job %d is %s (%s), want %s (%s)", i, j.ReferenceNumber, j.RequisitionID, r.Name, r.Reference)
		}
		if j.Title == "" || j.Company == "" || j.Description == "" || j.City == "" || j.Country != "GB" || j.Salary == "" || j.JobType != "fulltime" {
			t.Errorf("job %s lacks a part: %+v", r.Name, j)
		}
		if want := "https://jobs.example.org/campaign/" + r.Name + "/advert.html"; j.URL != want {
			t.Errorf("url %q, want %q", j.URL, want)
		}
		if j.Date != "Sat, 21 Nov 2026 00:00:00 GMT" {
			t.Errorf("date %q", j.Date)
		}
		for _, v := range []string{j.Title, j.Company, j.City, j.Salary, j.URL} {
			if entity.MatchString(v) {
				t.Errorf("job %s: an HTML entity in %q", r.Name, v)
			}
		}
		for _, m := range entity.FindAllString(j.Description, -1) {
			if m != "&amp;" && m != "&lt;" && m != "&gt;" {
				t.Errorf("job %s: entity %s in the description", r.Name, m)
			}
		}
		var got, want any
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatalf("feed.jsonl line %d: %v", i+1, err)
		}
		if err := json.Unmarshal(mustRead(t, filepath.Join(out, r.Name, "advert.jsonld")), &want); err != nil {
			t.Fatal(err)
		}
		if !jsonEqual(got, want) {
			t.Errorf("feed.jsonl line %d is not %s's advert.jsonld", i+1, r.Name)
		}
	}
	// A re-run finds every pack up to date and writes the same feeds.
	b2 := e.batch(out, textFormats(t, e))
	b2.FeedURL = "https://jobs.example.org/campaign/"
	s2, err := b2.Run(context.Background(), rows)
	if err != nil || s2.UpToDate != 4 {
		t.Fatalf("re-run: %v, %d up to date, want the 3 ready and the 1 needing input", err, s2.UpToDate)
	}
	if !bytes.Equal(mustRead(t, filepath.Join(out, FeedXML)), x) {
		t.Error("a re-run with every pack up to date wrote another feed.xml")
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// TestFeedEscapes: text that would end a CDATA section, characters XML
// does not allow, markup in text and entities all come through the feed
// as the same text, parsed.
func TestFeedEscapes(t *testing.T) {
	hostile := "Data ]]> engineer & <b>lead</b>\x01 £60k"
	job := &FeedJob{Title: hostile, Date: "Sat, 21 Nov 2026 00:00:00 GMT", ReferenceNumber: "R-1", URL: "https://x.example/a?b=1&c=2",
		Company: "Smith & Sons ]]>", Description: plainEntities("<p>Tom &amp; Jerry&#39;s &lt;b&gt; &pound;5 &quot;q&quot;</p>"),
		JobPosting: `{"title":"x"}`}
	s := &Summary{Results: []Result{{Status: Built, Feed: job}, {Status: Built, Missing: []string{"salary"}, Feed: job}, {Status: Failed}}}
	x, j, err := Feeds(s, FeedSource{Publisher: "A & B", PublisherURL: "https://x.example/"}, time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	f := parseFeed(t, x)
	if len(f.Jobs) != 1 {
		t.Fatalf("%d jobs, want 1 (one ready, one needing input, one failed)", len(f.Jobs))
	}
	if want := "Data ]]> engineer & <b>lead</b> £60k"; f.Jobs[0].Title != want {
		t.Errorf("title %q, want %q", f.Jobs[0].Title, want)
	}
	if f.Jobs[0].Company != "Smith & Sons ]]>" || f.Publisher != "A & B" || f.Jobs[0].URL != job.URL {
		t.Errorf("company %q, publisher %q, url %q", f.Jobs[0].Company, f.Publisher, f.Jobs[0].URL)
	}
	if want := `<p>Tom &amp; Jerry's &lt;b&gt; £5 "q"</p>`; f.Jobs[0].Description != want {
		t.Errorf("description %q, want %q", f.Jobs[0].Description, want)
	}
	if string(j) != "{\"title\":\"x\"}\n" {
		t.Errorf("feed.jsonl %q", j)
	}
	if string(x) != string(must(Feeds(s, FeedSource{Publisher: "A & B", PublisherURL: "https://x.example/"}, time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)))) {
		t.Error("the same summary gave another feed")
	}
}

func must(x, _ []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return x
}

// TestFeedSalaryAndJobType: the feed's salary is the vacancy's text, else
// the amounts; its job type comes from the employment type, else the hours
// and contract.
func TestFeedSalaryAndJobType(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{feedSalary("  £55,690 to  £62,682 ", nil), "£55,690 to £62,682"},
		{feedSalary("", nil), ""},
		{feedSalary("", &jobposting.Salary{Currency: "GBP", Min: 50000, Max: 60000, Unit: "YEAR"}), "GBP 50,000 to 60,000 a year"},
		{feedSalary("", &jobposting.Salary{Currency: "GBP", Value: 18.5, Unit: "HOUR"}), "GBP 18.50 an hour"},
		{money(1234567.5), "1,234,567.50"},
		{money(950), "950"},
		{jobType(vacancyOf("FULL_TIME", "", "Fixed term")), "fulltime, temporary"},
		{jobType(vacancyOf("", "18.5 hours a week, part time", "")), "parttime"},
		{jobType(vacancyOf("", "", "Permanent")), ""},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func vacancyOf(employment, hours, contract string) config.Vacancy {
	return config.Vacancy{EmploymentType: employment, Hours: hours, Contract: contract}
}

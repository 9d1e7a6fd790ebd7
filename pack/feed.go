package pack

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"iter"
	"math"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rolepack/rolepack/compose/jobposting"
	"github.com/rolepack/rolepack/config"
)

// Feed file names, in the output folder beside the index.
const (
	// FeedXML is the job-board feed of the ready vacancies in Indeed's XML
	// feed format.
	FeedXML = "feed.xml"
	// FeedJSONL is the ready vacancies' schema.org JobPosting objects, the
	// JSON-LD of each advert, one a line (JSON Lines).
	FeedJSONL = "feed.jsonl"
)

// FeedSource is who publishes a feed: the organisation's name and website.
type FeedSource struct {
	Publisher    string `json:"publisher"`
	PublisherURL string `json:"publisherUrl"`
}

// FeedJob is one vacancy of the feeds, as Indeed's job element names its
// parts, with the advert's JSON-LD.
type FeedJob struct {
	Title string `json:"title"`
	Date  string `json:"date"` // posted, as Indeed writes dates (RFC 1123, GMT)
	// ReferenceNumber is the pack name (unique in a manifest);
	// RequisitionID the vacancy reference.
	ReferenceNumber string `json:"referenceNumber"`
	RequisitionID   string `json:"requisitionId"`
	URL             string `json:"url"`
	Company         string `json:"company"`
	City            string `json:"city"`
	Country         string `json:"country"`
	// Description is the advert's JSON-LD description (HTML), with only
	// the entities HTML cannot do without (&amp; &lt; &gt;).
	Description string `json:"description"`
	Salary      string `json:"salary"`
	JobType     string `json:"jobType"` // fulltime, parttime, contract, temporary, internship (comma-separated)
	// JobPosting is the advert's JSON-LD, compacted to one line (a
	// string, so that a part index keeps its bytes).
	JobPosting string `json:"jobPosting"`
}

// jobPostingFile is the pack file holding the advert's JSON-LD, from
// which its feed entry is made.
func jobPostingFile(files []string) (string, bool) {
	for _, f := range files {
		if strings.HasSuffix(f, ".jsonld") {
			return f, true
		}
	}
	return "", false
}

// newFeedJob makes a pack's feed entry from its advert's JSON-LD (jsonld),
// its vacancy and organisation; base is the web address the output folder
// is published at ("" for links relative to the feed), files the pack's
// files.
func newFeedJob(jsonld []byte, v config.Vacancy, o config.Organisation, name, base string, files []string) (*FeedJob, error) {
	var one bytes.Buffer
	if err := json.Compact(&one, jsonld); err != nil {
		return nil, fmt.Errorf("feed: the advert's JSON-LD: %w", err)
	}
	if bytes.HasPrefix(one.Bytes(), []byte("[")) {
		// A bilingual advert: one posting per language. The feed, one
		// entry a vacancy, carries the first language's.
		var postings []json.RawMessage
		if err := json.Unmarshal(one.Bytes(), &postings); err != nil || len(postings) == 0 {
			return nil, fmt.Errorf("feed: the advert's JSON-LD: a list with no posting (%v)", err)
		}
		one.Reset()
		one.Write(postings[0])
	}
	var jp struct {
		Title              string `json:"title"`
		Description        string `json:"description"`
		DatePosted         string `json:"datePosted"`
		HiringOrganization struct {
			Name string `json:"name"`
		} `json:"hiringOrganization"`
	}
	if err := json.Unmarshal(one.Bytes(), &jp); err != nil {
		return nil, fmt.Errorf("feed: the advert's JSON-LD: %w", err)
	}
	j := jobposting.New(v, o)
	job := &FeedJob{
		Title: jp.Title, ReferenceNumber: name, RequisitionID: v.Reference,
		URL: advertURL(base, name, files), Company: jp.HiringOrganization.Name,
		City: j.Locality, Country: j.Country, Description: plainEntities(jp.Description),
		Salary: feedSalary(v.Salary, j.Salary), JobType: jobType(v), JobPosting: one.String(),
	}
	if job.City == "" && j.Remote() {
		job.City = "Remote"
	}
	if d, err := time.Parse("2006-01-02", jp.DatePosted); err == nil {
		job.Date = d.UTC().Format(feedTime)
	} else {
		job.Date = jp.DatePosted
	}
	return job, nil
}

// feedTime is how Indeed's feed writes dates.
const feedTime = "Mon, 02 Jan 2006 15:04:05 GMT"

// advertURL is the address of the pack's advert: its web page if the pack
// has one, else its PDF, else the first advert file, else the pack's zip;
// under base when given, else relative to the output folder.
func advertURL(base, name string, files []string) string {
	target := ""
	for _, ext := range []string{".html", ".pdf", ".docx", ".md"} {
		for _, f := range files {
			if target == "" && strings.HasPrefix(path.Base(f), "advert") && strings.HasSuffix(f, ext) {
				target = f
			}
		}
	}
	rel := url.PathEscape(name + ".zip")
	if target != "" {
		rel = url.PathEscape(name) + "/" + url.PathEscape(target)
	}
	if base == "" {
		return rel
	}
	return strings.TrimRight(base, "/") + "/" + rel
}

// feedSalary is the salary as the vacancy writes it, else the amounts read
// for the JSON-LD ("GBP 50,000 to 60,000 a year"), else "".
func feedSalary(text string, s *jobposting.Salary) string {
	if t := strings.Join(strings.Fields(text), " "); t != "" {
		return t
	}
	if s == nil {
		return ""
	}
	var amount string
	switch {
	case s.Value > 0:
		amount = money(s.Value)
	case s.Min > 0 && s.Max > 0:
		amount = money(s.Min) + " to " + money(s.Max)
	case s.Min > 0:
		amount = "from " + money(s.Min)
	default:
		amount = "up to " + money(s.Max)
	}
	per := "a " + strings.ToLower(s.Unit)
	if s.Unit == "HOUR" {
		per = "an hour"
	}
	return s.Currency + " " + amount + " " + per
}

// money writes an amount with its thousands grouped, pence only when it has
// some.
func money(a float64) string {
	whole := int64(math.Floor(a))
	digits := strconv.FormatInt(whole, 10)
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if p := math.Round((a - float64(whole)) * 100); p > 0 {
		fmt.Fprintf(&b, ".%02d", int(p))
	}
	return b.String()
}

// jobType is the vacancy's Indeed job types, from its schema.org
// employment type, else its hours and contract: "" when they say none.
func jobType(v config.Vacancy) string {
	var types []string
	add := func(t string) {
		for _, have := range types {
			if have == t {
				return
			}
		}
		types = append(types, t)
	}
	for _, e := range strings.FieldsFunc(strings.ToUpper(v.EmploymentType), func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		switch e {
		case "FULL_TIME":
			add("fulltime")
		case "PART_TIME":
			add("parttime")
		case "CONTRACTOR":
			add("contract")
		case "TEMPORARY":
			add("temporary")
		case "INTERN":
			add("internship")
		}
	}
	hours, contract := strings.ToLower(v.Hours), strings.ToLower(v.Contract)
	if len(types) == 0 {
		switch {
		case strings.Contains(hours, "part time") || strings.Contains(hours, "part-time"):
			add("parttime")
		case strings.Contains(hours, "full time") || strings.Contains(hours, "full-time"):
			add("fulltime")
		}
	}
	switch {
	case strings.Contains(contract, "fixed term") || strings.Contains(contract, "fixed-term") || strings.Contains(contract, "temporary"):
		add("temporary")
	case strings.Contains(contract, "contract"):
		add("contract")
	}
	return strings.Join(types, ", ")
}

// plainEntities rewrites the HTML s with characters in place of its
// entities (&#39; becomes ', &pound; £), keeping only &amp;, &lt; and
// &gt;, without which its text would read as markup: a job board shows
// other entities as they are written.
func plainEntities(s string) string {
	var b strings.Builder
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			i = len(s)
		}
		text := html.UnescapeString(s[:i])
		b.WriteString(strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(text))
		s = s[i:]
		if s == "" {
			break
		}
		end := strings.IndexByte(s, '>')
		if end < 0 {
			b.WriteString(strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(s))
			break
		}
		b.WriteString(s[:end+1])
		s = s[end+1:]
	}
	return b.String()
}

// Feeds renders the feeds of the ready packs of s (built or up to date,
// nothing missing), in manifest order: Indeed's XML feed, every text in a
// CDATA section, and the JobPosting objects as JSON Lines. date is the
// feed's lastBuildDate, the documents' date.
func Feeds(s *Summary, src FeedSource, date time.Time) (xml, jsonl []byte, err error) {
	var x, j bytes.Buffer
	if err := writeFeedXML(&x, s, src, date); err != nil {
		return nil, nil, err
	}
	if err := writeFeedJSONL(&j, s); err != nil {
		return nil, nil, err
	}
	return x.Bytes(), j.Bytes(), nil
}

// feedJobs are the feed entries of the ready packs of s, in manifest
// order, or the error that stopped reading them.
func feedJobs(s *Summary) iter.Seq2[*FeedJob, error] {
	return func(yield func(*FeedJob, error) bool) {
		for i := range s.Results {
			r := &s.Results[i]
			if (r.Status != Built && r.Status != UpToDate) || len(r.Missing) > 0 {
				continue
			}
			f, err := s.feed(i)
			if err != nil {
				yield(nil, err)
				return
			}
			if f != nil && !yield(f, nil) {
				return
			}
		}
	}
}

// writeFeedXML writes the XML feed of Feeds to out.
func writeFeedXML(out io.Writer, s *Summary, src FeedSource, date time.Time) error {
	x := bufio.NewWriter(out)
	x.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n")
	element(x, "", "publisher", src.Publisher, true)
	element(x, "", "publisherurl", src.PublisherURL, true)
	element(x, "", "lastBuildDate", date.UTC().Format(feedTime), true)
	for f, err := range feedJobs(s) {
		if err != nil {
			return err
		}
		x.WriteString("<job>\n")
		for _, e := range []struct {
			name, value string
			always      bool
		}{
			{"title", f.Title, true}, {"date", f.Date, true}, {"referencenumber", f.ReferenceNumber, true},
			{"requisitionid", f.RequisitionID, false}, {"url", f.URL, true}, {"company", f.Company, true},
			{"city", f.City, false}, {"country", f.Country, false}, {"description", f.Description, true},
			{"salary", f.Salary, false}, {"jobtype", f.JobType, false},
		} {
			element(x, "  ", e.name, e.value, e.always)
		}
		x.WriteString("</job>\n")
	}
	x.WriteString("</source>\n")
	if err := x.Flush(); err != nil {
		return fmt.Errorf("%s: %w", FeedXML, err)
	}
	return nil
}

// writeFeedJSONL writes the JSON Lines feed of Feeds to out.
func writeFeedJSONL(out io.Writer, s *Summary) error {
	j := bufio.NewWriter(out)
	for f, err := range feedJobs(s) {
		if err != nil {
			return err
		}
		j.WriteString(f.JobPosting)
		j.WriteByte('\n')
	}
	if err := j.Flush(); err != nil {
		return fmt.Errorf("%s: %w", FeedJSONL, err)
	}
	return nil
}

// element writes <name><![CDATA[value]]></name> on a line of its own; an
// empty value is left out unless always.
func element(b *bufio.Writer, indent, name, value string, always bool) {
	if value == "" && !always {
		return
	}
	fmt.Fprintf(b, "%s<%s>%s</%s>\n", indent, name, cdata(value), name)
}

// cdata is s as CDATA sections: characters XML does not allow are
// dropped, and "]]>" is split across two sections.
func cdata(s string) string {
	if s == "" {
		return ""
	}
	clean := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= utf8.MaxRune) {
			return r
		}
		return -1
	}, s)
	return "<![CDATA[" + strings.ReplaceAll(clean, "]]>", "]]]]><![CDATA[>") + "]]>"
}

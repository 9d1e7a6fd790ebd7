package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestOrganisationTextEditor(t *testing.T) {
	c := newClient(t, newOptions(t))
	r := c.get("/organisation")
	wantStatus(t, "form", r, http.StatusOK)
	wantBody(t, "form", r, `<label for="f-about">About your organisation</label>`, "We are a public-sector data service", `<label for="f-clause-0">Confidentiality</label>`)
	token := c.csrf("/organisation")
	form := url.Values{"csrf": {token}, "about": {"Example Trust runs three hospitals in Leeds."},
		"offer": {"A great pension\r\n\r\n  Free parking  "}, "apply": {"Apply on our website."},
		"clause-0": {""}, "newHeading": {"Flexible working"}, "newText": {"We welcome requests to work flexibly."}}
	for i := 1; i < 5; i++ {
		form.Set("clause-"+strconv.Itoa(i), "Clause "+strconv.Itoa(i)+" as we write it.")
	}
	wantStatus(t, "save", c.postForm("/organisation", form), http.StatusSeeOther)
	wantBody(t, "saved", c.get("/organisation?saved=1"), "Saved. Every advert", "Example Trust runs three hospitals", "Flexible working")
	advert := c.get("/download?role=data-engineer&level=senior&doc=advert&file=advert.md").body
	for _, want := range []string{"Example Trust runs three hospitals in Leeds.", "- A great pension", "- Free parking", "Apply on our website."} {
		if !strings.Contains(advert, want) {
			t.Errorf("the advert lacks %q:\n%s", want, advert)
		}
	}
	jd := c.get("/download?role=data-engineer&level=senior&doc=jd&file=jd.md").body
	if !strings.Contains(jd, "### Flexible working") || strings.Contains(jd, "### Confidentiality") {
		t.Errorf("the JD's terms are not the edited ones:\n%s", jd)
	}
	wantBody(t, "export", c.get("/export/config.yaml"), "about: Example Trust runs three hospitals in Leeds.", "Flexible working: We welcome requests")

	// Problems are listed, linked to their fields, and say what to enter.
	form.Set("about", strings.Repeat("x", maxAbout+1))
	form.Set("newText", "")
	r = c.postForm("/organisation", form)
	wantStatus(t, "too long", r, http.StatusUnprocessableEntity)
	wantBody(t, "too long", r, "<title>Error: ", `<a href="#f-about">About your organisation must be 3,000 characters or fewer: it has 3,001</a>`,
		`<a href="#f-newText">Enter the text of the clause Flexible working</a>`, `aria-invalid="true"`)
	wantBody(t, "kept", c.get("/organisation"), "Example Trust runs three hospitals")
}

var criteriaCount = regexp.MustCompile(`It lists \d+ criteria: (\d+) essential and (\d+) desirable`)

func specCounts(t *testing.T, c *client) (int, int) {
	t.Helper()
	spec := c.get("/download?role=data-engineer&level=senior&doc=spec&file=spec.md").body
	m := criteriaCount.FindStringSubmatch(spec)
	if m == nil {
		t.Fatalf("no criteria count in the spec:\n%.2000s", spec)
	}
	e, _ := strconv.Atoi(m[1])
	d, _ := strconv.Atoi(m[2])
	return e, d
}

var radioChecked = regexp.MustCompile(`name="(c-\d+)" value="(\w+)" checked`)
var boxChecked = regexp.MustCompile(`id="([bl]-\d+)" name="[bl]-\d+" checked`)

// selectionForm is the editor's selection form as the page has it.
func selectionForm(t *testing.T, c *client, path string) url.Values {
	t.Helper()
	page := c.get(path).body
	v := url.Values{"csrf": {csrfField.FindStringSubmatch(page)[1]}, "role": {"data-engineer"}, "level": {"senior"}, "responsibilities": {"10"}}
	for _, m := range radioChecked.FindAllStringSubmatch(page, -1) {
		v.Set(m[1], m[2])
	}
	for _, m := range boxChecked.FindAllStringSubmatch(page, -1) {
		v.Set(m[1], "on")
	}
	return v
}

func TestRoleEditorSelectionAndWording(t *testing.T) {
	c := newClient(t, newOptions(t))
	const edit = "/role/edit?role=data-engineer&level=senior"
	r := c.get(edit)
	wantStatus(t, "editor", r, http.StatusOK)
	wantBody(t, "editor", r, "Skills and knowledge in the person specification", "Behaviours to assess", "Data catalogue")
	ess, des := specCounts(t, c)
	before := c.get("/download?role=data-engineer&level=senior&doc=spec&file=spec.md").body

	// Data catalogue becomes desirable, one behaviour is no longer
	// assessed, the JD lists 5 responsibilities.
	v := selectionForm(t, c, edit)
	page := c.get(edit).body
	i := strings.Index(page, ">Data catalogue</th>")
	name := regexp.MustCompile(`name="(c-\d+)"`).FindStringSubmatch(page[i:])[1]
	if v.Get(name) != "essential" {
		t.Fatalf("Data catalogue is %q before the change, want essential", v.Get(name))
	}
	v.Set(name, "desirable")
	v.Del("b-1")
	wantStatus(t, "save selection", c.postForm("/role/edit", v), http.StatusSeeOther)
	if e, d := specCounts(t, c); e != ess-1-1 || d != des+1 {
		t.Errorf("after the change the spec has %d essential and %d desirable, want %d and %d", e, d, ess-2, des+1)
		t.Logf("before:\n%s\nafter:\n%s", before, c.get("/download?role=data-engineer&level=senior&doc=spec&file=spec.md").body)
	}
	record := c.get("/download?role=data-engineer&level=senior&doc=record&file=record.md").body
	if !strings.Contains(record, "| skill | Data catalogue | named in select.desirable |") {
		t.Errorf("the record does not say Data catalogue was chosen as desirable:\n%s", record)
	}
	v.Set("responsibilities", "5")
	wantStatus(t, "save responsibilities", c.postForm("/role/edit", v), http.StatusSeeOther)
	jd := c.get("/download?role=data-engineer&level=senior&doc=jd&file=jd.md").body
	if strings.Contains(jd, "\n6. ") || !strings.Contains(jd, "\n5. ") {
		t.Errorf("the JD does not list 5 responsibilities:\n%s", jd)
	}
	wantBody(t, "export", c.get("/export/config.yaml"), "selectAt:", "desirable:", "- Data catalogue", "responsibilities: 5")
	wantBody(t, "kept", c.get(edit), `id="`+name+`-desirable" name="`+name+`" value="desirable" checked`)

	// A wording edit shows in the documents and the record.
	w := url.Values{"csrf": v["csrf"], "role": {"data-engineer"}, "level": {"senior"}, "where": {""},
		"replace": {"Power BI"}, "with": {"Microsoft Power BI"}}
	wantStatus(t, "wording", c.postForm("/role/edit/wording", w), http.StatusSeeOther)
	jd = c.get("/download?role=data-engineer&level=senior&doc=jd&file=jd.md").body
	if !strings.Contains(jd, "such as Microsoft Power BI to create") {
		t.Errorf("the JD lacks the edited wording:\n%s", jd)
	}
	wantBody(t, "edits listed", c.get(edit), "“Power BI” becomes “Microsoft Power BI”")
	wantBody(t, "export", c.get("/export/config.yaml"), "edits:", "replace: Power BI", "with: Microsoft Power BI")

	// Problems say what to enter.
	w.Set("replace", "words no framework has")
	r = c.postForm("/role/edit/wording", w)
	wantStatus(t, "missing words", r, http.StatusUnprocessableEntity)
	wantBody(t, "missing words", r, `<a href="#f-replace">Enter words`, "“words no framework has” is not in")
	w.Set("replace", "")
	wantBody(t, "no words", c.postForm("/role/edit/wording", w), `<a href="#f-replace">Enter the words to change, as the document writes them</a>`)
	v.Set("responsibilities", "lots")
	r = c.postForm("/role/edit", v)
	wantStatus(t, "bad number", r, http.StatusUnprocessableEntity)
	wantBody(t, "bad number", r, "Enter the number of key responsibilities as a whole number from 1 to 30, for example 10", `value="lots"`)

	// Removing the edit restores the framework's words.
	rm := url.Values{"csrf": v["csrf"], "role": {"data-engineer"}, "level": {"senior"}, "edit": {"0"}}
	wantStatus(t, "remove", c.postForm("/role/edit/wording/remove", rm), http.StatusSeeOther)
	if jd := c.get("/download?role=data-engineer&level=senior&doc=jd&file=jd.md").body; strings.Contains(jd, "Microsoft Power BI") {
		t.Error("the removed edit is still applied")
	}
	wantStatus(t, "remove again", c.postForm("/role/edit/wording/remove", rm), http.StatusNotFound)
	wantStatus(t, "no token", c.postForm("/role/edit", url.Values{"role": {"data-engineer"}, "level": {"senior"}}), http.StatusForbidden)
}

func TestDetailsMessagesSayWhatToEnter(t *testing.T) {
	c := newClient(t, newOptions(t))
	token := c.csrf("/role?role=data-engineer&level=senior")
	form := url.Values{"csrf": {token}, "role": {"data-engineer"}, "level": {"senior"}, "doc": {"jd"},
		"salaryMin": {"fifty thousand"}, "salaryMax": {"99999999999"}, "contactEmail": {"jobs at example"}, "posted": {"yesterday"}}
	r := c.postForm("/role", form)
	wantStatus(t, "bad details", r, http.StatusUnprocessableEntity)
	wantBody(t, "bad details", r,
		`<a href="#f-salaryMin">Enter the lowest salary as a number, for example 46,148</a>`,
		`<a href="#f-salaryMax">Enter a highest salary from 0 to 10,000,000</a>`,
		`<a href="#f-contactEmail">Enter the recruitment email address in the correct format, like jobs@example.org</a>`,
		`<a href="#f-posted">Enter the date posted as a real date, for example 2026-03-31 or 31/03/2026</a>`)
	if strings.Contains(r.body, "characters or fewer") {
		t.Error("a number is told its length")
	}
	form = url.Values{"csrf": {token}, "role": {"data-engineer"}, "level": {"senior"}, "doc": {"jd"},
		"salaryMin": {"£46,148"}, "closing": {"31 March 2027"}}
	wantStatus(t, "good details", c.postForm("/role", form), http.StatusSeeOther)
	wantBody(t, "dates as the config has them", c.get("/export/config.yaml"), `closing: "2027-03-31"`, "salaryMin: 46148")
}

// TestWordingEditTakesTheDocumentsCapitals: a person copies a key
// responsibility's words from the JD, which begins it with a capital
// ("Lead data mapping projects"), where the framework's descriptor has
// them mid-sentence ("Can lead data mapping projects …"). The change is
// made, as the hint ("as the document writes them") promises, and reads
// right in the descriptor and in every document.
func TestWordingEditTakesTheDocumentsCapitals(t *testing.T) {
	c := newClient(t, newOptions(t))
	edit := "/role/edit?role=data-engineer&level=senior"
	jd := c.get("/download?role=data-engineer&level=senior&doc=jd&file=jd.md").body
	if !strings.Contains(jd, ". Lead data mapping projects and ensure compliance") {
		t.Fatalf("the JD has no responsibility \"Lead data mapping projects …\" to edit:\n%s", jd)
	}
	token := csrfField.FindStringSubmatch(c.get(edit).body)[1]
	for _, where := range []string{"", "skill|Data mapping, standards and interoperability"} {
		w := url.Values{"csrf": {token}, "role": {"data-engineer"}, "level": {"senior"}, "where": {where},
			"replace": {"Lead data mapping projects"}, "with": {"Run data mapping projects"}}
		r := c.postForm("/role/edit/wording", w)
		wantStatus(t, "the words as the JD writes them, where "+where, r, http.StatusSeeOther)
		jd = c.get("/download?role=data-engineer&level=senior&doc=jd&file=jd.md").body
		if !strings.Contains(jd, ". Run data mapping projects and ensure compliance") {
			t.Errorf("where %q: the JD lacks the edited responsibility:\n%s", where, jd)
		}
		// The edit is the descriptor's words ("Can run data mapping
		// projects"), not "Can Run …".
		wantBody(t, "export", c.get("/export/config.yaml"), "replace: lead data mapping projects", "with: run data mapping projects")
		wantBody(t, "edit listed", c.get(edit), "“lead data mapping projects” becomes “run data mapping projects”")
		rm := url.Values{"csrf": {token}, "role": {"data-engineer"}, "level": {"senior"}, "edit": {"0"}}
		wantStatus(t, "remove", c.postForm("/role/edit/wording/remove", rm), http.StatusSeeOther)
	}
	// A name keeps its capitals: an acronym is not lowered.
	w := url.Values{"csrf": {token}, "role": {"data-engineer"}, "level": {"senior"}, "where": {""},
		"replace": {"Power BI"}, "with": {"Microsoft Power BI"}}
	wantStatus(t, "a name", c.postForm("/role/edit/wording", w), http.StatusSeeOther)
	wantBody(t, "edit listed", c.get(edit), "“Power BI” becomes “Microsoft Power BI”")
	// Words the text has in no case are still refused.
	w.Set("replace", "Words no framework has")
	wantStatus(t, "missing words", c.postForm("/role/edit/wording", w), http.StatusUnprocessableEntity)
}

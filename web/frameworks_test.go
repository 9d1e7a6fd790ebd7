package web

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// skillsCSV is a skills catalogue with no roles, one row per descriptor.
const skillsCSV = "Category,Skill,Skill description,Level,Descriptor\n" +
	"Data,Data cleaning,Making data fit for use,Working,Clean data sets using standard tools.\n" +
	"Data,Data cleaning,Making data fit for use,Practitioner,Lead the cleaning of complex data sets.\n" +
	"Data,Charts,Showing data clearly,Working,Make clear charts for reports.\n" +
	"Data,Charts,Showing data clearly,Practitioner,Set the standard for charts across the team.\n"

// skillsXLSX is skillsCSV as an Excel workbook.
func skillsXLSX(t *testing.T) string {
	t.Helper()
	x := excelize.NewFile()
	for i, line := range strings.Split(strings.TrimSpace(skillsCSV), "\n") {
		for j, cell := range strings.Split(line, ",") {
			name, _ := excelize.CoordinatesToCellName(j+1, i+1)
			_ = x.SetCellValue("Sheet1", name, cell)
		}
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestSpreadsheetFrameworksBecomeRoles(t *testing.T) {
	opts := newOptions(t)
	opts.Data = t.TempDir()
	c := newClient(t, opts)
	token := c.csrf("/frameworks")
	for _, tc := range []struct{ file, content, id string }{
		{"skills.csv", skillsCSV, ""},
		{"Team skills.xlsx", skillsXLSX(t), "team-skills"},
	} {
		v := url.Values{"csrf": {token}, "id": {tc.id}, "licence": {"Open Government Licence v3.0"}}
		if tc.id == "" {
			v.Set("name", "Our data skills")
		}
		r := c.upload("/frameworks", v, [3]string{"files", tc.file, tc.content})
		wantStatus(t, tc.file, r, http.StatusOK)
		wantBody(t, tc.file, r, "is ready to use", "It has no roles, only skill catalogues", "Make a role from")
	}
	r := c.get("/frameworks")
	wantBody(t, "loaded", r, "Our data skills (skills): 0 roles, 1 skills catalogue", "(team-skills): 0 roles, 1 skills catalogue",
		`<option value="practitioner">Practitioner</option>`)

	// The catalogue becomes a role: a title and a level per rung.
	role := url.Values{"csrf": {token}, "framework": {"skills"}, "catalogue": {"skills"}, "title": {""}, "level-senior": {"none"}}
	r = c.postForm("/frameworks/role", role)
	wantStatus(t, "no title", r, http.StatusUnprocessableEntity)
	wantBody(t, "no title", r, `<a href="#cat-title">Enter a title for the role, for example Data analyst</a>`,
		`<a href="#cat-level-entry">Choose a level of the catalogue for at least one rung of your ladder</a>`)
	role.Set("title", "Data analyst")
	role.Set("level-mid", "working")
	role.Set("level-senior", "practitioner")
	r = c.postForm("/frameworks/role", role)
	wantStatus(t, "make role", r, http.StatusSeeOther)
	if loc := r.header.Get("Location"); loc != "/role?level=mid&role=data-analyst" {
		t.Errorf("made role goes to %q", loc)
	}
	wantBody(t, "listed", c.get("/?q=analyst"), "Data analyst")
	jd := c.get("/download?role=data-analyst&level=senior&doc=jd&file=jd.md")
	wantBody(t, "its JD", jd, "set the standard for charts across the team")

	// Its skills are chosen per level in the role editor.
	const edit = "/role/edit?role=data-analyst&level=senior"
	page := c.get(edit).body
	i := strings.Index(page, ">Charts</th>")
	if i < 0 {
		t.Fatalf("the editor does not offer the role's skills:\n%s", page)
	}
	name := regexp.MustCompile(`name="(c-\d+)"`).FindStringSubmatch(page[i:])[1]
	v := selectionForm(t, c, edit)
	v.Set("role", "data-analyst")
	for k := range v {
		if strings.HasPrefix(k, "c-") {
			v.Set(k, "essential")
		}
	}
	v.Set(name, "desirable")
	wantStatus(t, "choose skills", c.postForm("/role/edit", v), http.StatusSeeOther)
	spec := c.get("/download?role=data-analyst&level=senior&doc=spec&file=spec.md").body
	if !regexp.MustCompile(`(?i)charts[^\n]*\| Desirable`).MatchString(spec) || !regexp.MustCompile(`(?i)data cleaning[^\n]*\| Essential`).MatchString(spec) {
		t.Errorf("the spec does not have the chosen skills:\n%s", spec)
	}

	// It is kept, and exported with its framework.
	c.restart(opts)
	wantStatus(t, "after a restart", c.get("/role?role=data-analyst&level=mid"), http.StatusOK)
	zip := c.get("/export/rolepack-export.zip")
	names := strings.Join(zipNames(t, zip.body), " ")
	for _, want := range []string{"frameworks/skills.yaml", "frameworks/team-skills.yaml", "config.yaml"} {
		if !strings.Contains(names, want) {
			t.Errorf("the export lacks %s: %s", want, names)
		}
	}
	wantBody(t, "config", c.get("/export/config.yaml"), "data-analyst:", "catalogue: skills", "senior: practitioner")

	r = c.upload("/frameworks", url.Values{"csrf": {token}, "id": {"Not An Id"}}, [3]string{"files", "skills.csv", skillsCSV})
	wantStatus(t, "bad id", r, http.StatusUnprocessableEntity)
	wantBody(t, "bad id", r, "Enter a framework id of lower-case letters, digits and hyphens, for example not-an-id")
}

func TestUploadWithABuiltInIDReplacesIt(t *testing.T) {
	c := newClient(t, newOptions(t))
	token := c.csrf("/frameworks")
	analyst, _ := os.ReadFile("testdata/analyst.yaml")
	r := c.upload("/frameworks", url.Values{"csrf": {token}, "id": {"ddat"}}, [3]string{"files", "analyst.yaml", string(analyst)})
	wantStatus(t, "replace ddat", r, http.StatusOK)
	wantBody(t, "replace ddat", r, `framework &#34;ddat&#34; (Test analysis framework) replaces the built-in framework of that id`)
	wantStatus(t, "its role", c.get("/role?role=ddat/data-analyst&level=analyst&doc=spec"), http.StatusOK)
	// Another browser keeps the built-in.
	other := newClient(t, newOptions(t))
	wantStatus(t, "other browser", other.get("/role?role=ddat/data-analyst&level=analyst"), http.StatusNotFound)
}

func TestFrameworkUploadsAreCapped(t *testing.T) {
	c := newClient(t, newOptions(t))
	token := c.csrf("/frameworks")
	for i := 0; i <= maxSessionFrameworks; i++ {
		id := "cap-" + string(rune('a'+i))
		r := c.upload("/frameworks", url.Values{"csrf": {token}, "id": {id}}, [3]string{"files", "skills.csv", skillsCSV})
		if i < maxSessionFrameworks {
			wantStatus(t, id, r, http.StatusOK)
			continue
		}
		wantStatus(t, "one too many", r, http.StatusRequestEntityTooLarge)
		wantBody(t, "one too many", r, "You can keep at most 10 frameworks")
	}
}

// TestUploadThatDropsARoleOfTheConfigSaysSo: a framework uploaded with
// the id of a built-in one replaces it whole; when the organisation's
// roles take a role from it that the upload does not have (a few DDaT
// pages uploaded as ddat, without the data engineer's), the report says
// which role and levels can no longer be made, and how to keep them,
// rather than leaving the person to find "framework "ddat" has no role"
// on the role page.
func TestUploadThatDropsARoleOfTheConfigSaysSo(t *testing.T) {
	c := newClient(t, newOptions(t))
	analyst, err := os.ReadFile("testdata/analyst.yaml")
	if err != nil {
		t.Fatal(err)
	}
	asDDaT := strings.Replace(string(analyst), "id: test-analysis\n", "id: ddat\n", 1)
	r := c.upload("/frameworks", url.Values{"csrf": {c.csrf("/frameworks")}}, [3]string{"files", "some-ddat.yaml", asDDaT})
	wantStatus(t, "upload", r, http.StatusOK)
	wantBody(t, "upload", r, "is ready to use",
		"Your organisation’s role Data engineer takes the role data-engineer from this framework, which these files do not have: its documents at Head cannot be made while this framework is loaded.")
	// A framework of its own id leaves the organisation's roles alone.
	r = c.upload("/frameworks", url.Values{"csrf": {c.csrf("/frameworks")}}, [3]string{"files", "analyst.yaml", string(analyst)})
	wantStatus(t, "upload", r, http.StatusOK)
	if strings.Contains(r.body, "cannot be made while this framework is loaded") {
		t.Error("a framework with an id of its own is said to break the organisation's roles")
	}
}
